// Issue 8, item 8: a 250 kB Chart.yaml whose comments and changelog name dozens of other
// versions, with the real `version:` near the end. Every reader of chart versions and
// kit pins (suite, version-lockstep contract, verify-bump) must get the true version,
// and helm 4 and helm 3 must render the chart. Timing is measured by `npm run bench
// -- --only bigchart`, not asserted here.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkBumpRules, type ChartState } from '../../src/bump/rules.js';
import { openSide, readChartSide, readKitPins } from '../../src/bump/sides.js';
import type { ChartSide } from '../../src/bump/types.js';
import { loadSuiteConfig } from '../../src/config/load.js';
import type { SuiteConfig } from '../../src/config/types.js';
import { versionLockstep } from '../../src/contracts/version-lockstep.js';
import { BIG_CHART, BIG_CHART_MIN_BYTES, makeBigChartRoot, type BigChartRoot } from '../support/fixtures/big-chart.js';
import { setTopLevelScalar } from '../support/fixtures/yaml-edit.js';
import { helmTemplate } from '../../src/render/helm.js';
import { checkSuite } from '../../src/suite/check.js';
import { openSuite, readChartFacts } from '../../src/suite/session.js';
import { resolveTools, type Tools } from '../../src/tools/resolve.js';

let fixture: BigChartRoot;
let config: SuiteConfig;
let chartYaml: string;
let tools: Tools;

beforeAll(async () => {
  fixture = await makeBigChartRoot();
  config = await loadSuiteConfig({ root: fixture.root });
  chartYaml = await readFile(path.join(fixture.chartDir, 'Chart.yaml'), 'utf8');
  tools = await resolveTools();
});
afterAll(() => fixture?.cleanup());

describe('the generated big Chart.yaml', () => {
  it('is at least 250 kB and names dozens of other versions before the real one', () => {
    expect(fixture.chartYamlBytes).toBeGreaterThanOrEqual(BIG_CHART_MIN_BYTES);
    expect(Buffer.byteLength(chartYaml)).toBe(fixture.chartYamlBytes);
    const mentioned = fixture.decoys.filter((v) => chartYaml.includes(`version: ${v}`));
    expect(mentioned.length).toBeGreaterThanOrEqual(48);
    expect(fixture.decoys).not.toContain(BIG_CHART.version);
    // The real key comes after almost all of the noise.
    const real = chartYaml.indexOf(`\nversion: ${BIG_CHART.version}\n`);
    expect(real / chartYaml.length).toBeGreaterThan(0.95);
    // What a grep would find: a decoy, first in a comment, then in an indented block scalar line.
    expect(/version:\s*(\S+)/.exec(chartYaml)?.[1]).not.toBe(BIG_CHART.version);
    expect(/^\s*version:\s*(\S+)/m.exec(chartYaml)?.[1]).not.toBe(BIG_CHART.version);
    expect(/^\s*appVersion:\s*(\S+)/m.exec(chartYaml)?.[1]).not.toBe(`"${BIG_CHART.appVersion}"`);
  });
});

describe('editing a key located by parsing (the bench renames chart copies this way)', () => {
  it('setTopLevelScalar changes the real top-level key, not a decoy line, and no other byte', () => {
    const edited = setTopLevelScalar(chartYaml, 'version', '3.14.161');
    expect((parse(edited) as { version: string }).version).toBe('3.14.161');
    const before = chartYaml.split('\n');
    const changed = edited.split('\n').flatMap((line, i) => (line === before[i] ? [] : [`${i}: ${before[i]} -> ${line}`]));
    expect(changed).toEqual([`${before.indexOf(`version: ${BIG_CHART.version}`)}: version: ${BIG_CHART.version} -> version: 3.14.161`]);
  });
});

describe('reading the version parses Chart.yaml and the kit, never greps', () => {
  it('readChartFacts (the suite and the version-lockstep contract) reads the true name and version', async () => {
    const facts = await readChartFacts(config.root, config.charts[0], 0);
    expect({ name: facts.name, version: facts.version }).toEqual({ name: BIG_CHART.name, version: BIG_CHART.version });
  });

  it('openSuite gets the chart version and the kit pin, not the values or ConfigMap `version:` keys', async () => {
    const suite = await openSuite({ root: fixture.root });
    expect(suite.charts.map((c) => [c.name, c.version])).toEqual([[BIG_CHART.name, BIG_CHART.version]]);
    expect(suite.helmReleases.map((hr) => [hr.chart, hr.version, hr.releaseName, hr.releaseNamespace])).toEqual([
      [BIG_CHART.name, BIG_CHART.version, BIG_CHART.releaseName, BIG_CHART.namespace],
    ]);
  });

  it('the version-lockstep contract holds on the big chart (kit pin = Chart.yaml version)', async () => {
    const suite = await openSuite({ root: fixture.root });
    const result = await checkSuite(suite, { contracts: [versionLockstep] });
    expect(result.failures).toEqual([]);
    expect(result.rows.length).toBeGreaterThan(0);
    for (const row of result.rows)
      expect({ renderer: row.renderer, applies: row.applies, violations: row.violations }).toEqual({ renderer: row.renderer, applies: true, violations: [] });
  });

  it('verify-bump reads the same version and pin (readChartSide, readKitPins, openSide)', async () => {
    const side = await readChartSide(config.root, BIG_CHART.path);
    expect(side).toEqual({ exists: true, path: BIG_CHART.path, name: BIG_CHART.name, version: BIG_CHART.version, pins: [] });
    const kit = await readKitPins(config);
    expect(kit.pins).toEqual([{ file: BIG_CHART.kitFile, helmRelease: `flux-system/${BIG_CHART.name}`, chart: BIG_CHART.name, version: BIG_CHART.version }]);
    const opened = await openSide(config);
    expect([...opened.chartErrors]).toEqual([]);
    expect(opened.suite.charts.map((c) => c.version)).toEqual([BIG_CHART.version]);
  });

  it('the bump rules judge the parsed version: a bump from a lower decoy passes, from a higher one is a decrease', async () => {
    const head: ChartSide = { ...(await readChartSide(config.root, BIG_CHART.path)), pins: (await readKitPins(config)).pins };
    const state = (baseVersion: string): ChartState => ({
      id: BIG_CHART.id,
      name: BIG_CHART.name,
      path: BIG_CHART.path,
      reasons: ['files'],
      files: ['Chart.yaml'],
      base: { exists: true, path: BIG_CHART.path, name: BIG_CHART.name, version: baseVersion, pins: [] },
      head,
      releaseFallback: false,
    });
    const opts = { lockstep: [], kitPath: BIG_CHART.kitDir, strict: false };
    expect(checkBumpRules([state('3.14.158')], opts)).toEqual([]);
    expect(checkBumpRules([state('3.14.160')], opts).map((v) => v.message)).toEqual([
      `${BIG_CHART.id}: Chart.yaml version went down from 3.14.160 to ${BIG_CHART.version} (${BIG_CHART.path}/Chart.yaml)`,
    ]);
  });
});

describe('helm renders the big chart', () => {
  // The changelog as a YAML parser reads it; Go's len counts bytes.
  const changelogBytes = () => {
    const data = parse(chartYaml) as { annotations: Record<string, string> };
    return Buffer.byteLength(data.annotations['artifacthub.io/changes'], 'utf8');
  };

  it.each(['helm4', 'helm3'] as const)('%s renders every object, with the true version and the whole changelog', async (renderer) => {
    // Bypass the render cache so helm really loads the 250 kB Chart.yaml on every run; the
    // --set gives this render a key of its own, so it never repeats a render checkSuite ran.
    const saved = process.env.HCT_RENDER_CACHE;
    process.env.HCT_RENDER_CACHE = '0';
    try {
      const out = await helmTemplate(
        {
          chart: BIG_CHART.id,
          cell: 'defaults',
          renderer,
          chartDir: fixture.chartDir,
          releaseName: BIG_CHART.releaseName,
          namespace: BIG_CHART.namespace,
          set: ['image.repository=ghcr.io/example/big-demo-spec'],
          kubeVersion: config.defaults.kubeVersion,
          timeoutMs: config.defaults.timeoutMs,
        },
        tools,
      );
      expect(out.cached).toBe(false);
      expect(out.manifests.map((m) => `${m.kind}/${m.namespace}/${m.name} ${m.source}`).sort()).toEqual([
        `ConfigMap/big-demo/big-demo-config big-demo/templates/configmap.yaml`,
        `ConfigMap/big-demo/big-demo-sidecar big-demo/charts/sidecar/templates/configmap.yaml`,
        `Deployment/big-demo/big-demo big-demo/templates/deployment.yaml`,
        `Service/big-demo/big-demo big-demo/templates/service.yaml`,
      ]);
      const byName = (name: string, kind = 'ConfigMap') => out.manifests.find((m) => m.kind === kind && m.name === name)!.object;
      expect(byName('big-demo-config').data).toEqual({ chartVersion: BIG_CHART.version, changelogBytes: String(changelogBytes()) });
      expect(byName('big-demo-config').metadata?.labels).toEqual({
        'helm.sh/chart': `${BIG_CHART.name}-${BIG_CHART.version}`,
        'app.kubernetes.io/version': BIG_CHART.appVersion,
      });
      expect(byName('big-demo', 'Deployment').spec).toMatchObject({
        template: { spec: { containers: [{ image: `ghcr.io/example/big-demo-spec:${BIG_CHART.appVersion}` }] } },
      });
      expect(byName('big-demo-sidecar').data).toEqual({ chartVersion: BIG_CHART.subchart.version });
    } finally {
      if (saved === undefined) delete process.env.HCT_RENDER_CACHE;
      else process.env.HCT_RENDER_CACHE = saved;
    }
  });
});
