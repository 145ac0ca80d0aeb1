// Issue 14: examples/flux-monorepo through the real `check` CLI. The example holds (exit 0,
// cells for both clusters); then each Flux trait is broken on a temp copy and the spec
// asserts the line that catches it.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyTree, withPatchedCopy, type PatchEdit } from '../support/fixtures/patch-set.js';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { PROJECT, checkPatched, commitAll, errorBlock, expectClean, removePrivateTmp, runCli, type CliResult } from './support/cli.js';

const EXAMPLE = path.join(PROJECT, 'examples/flux-monorepo');

afterAll(removePrivateTmp);

/** `check` on a patched copy of the example (repo/ as root, suite.yaml beside it). */
function checkExample(edits: PatchEdit[], args: string[] = []): Promise<CliResult> {
  return withPatchedCopy(EXAMPLE, edits, (dir) => runCli('check', ['--root', path.join(dir, 'repo'), '--config', path.join(dir, 'suite.yaml'), ...args]));
}

const lines = (res: CliResult) => res.stdout.split('\n').map((l) => l.trimEnd());

describe('examples/flux-monorepo as written', () => {
  it('every report format lists the external release and names the clusters', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'flux-monorepo-report-'));
    try {
      const res = await runCli('check', [
        '--root',
        'examples/flux-monorepo/repo',
        '--config',
        'examples/flux-monorepo/suite.yaml',
        '--chart',
        'api',
        '--contract',
        'version-lockstep',
        '--report',
        dir,
        '--format',
        'json',
      ]);
      expectClean(res, 0);
      const external = 'cluster production: external release cert-manager/cert-manager';
      for (const text of [res.stdout, ...(await Promise.all(['report.md', 'report.html', 'junit.xml'].map((f) => readFile(path.join(dir, f), 'utf8'))))]) {
        expect(text).toContain(external);
        expect(text).toContain('cluster staging: chart api cells with kitValues: staging take the values of HelmRelease apps/api');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits 0; the matrix has a cell per cluster; the report names external releases and what was not followed', async () => {
    const res = await runCli('check', ['--root', 'examples/flux-monorepo/repo', '--config', 'examples/flux-monorepo/suite.yaml']);
    expectClean(res, 0);
    const rows = lines(res)
      .filter((l) => /^(web|api) /.test(l))
      .map((l) => l.split(/\s+/).slice(0, 2).join(' '));
    expect(rows).toEqual(['web defaults', 'web staging', 'web production', 'api staging', 'api production']);
    const out = lines(res);
    expect(out).toContain(
      '  flux kit: cluster staging: external release cert-manager/cert-manager (HelmRelease cert-manager/cert-manager, chart cert-manager ' +
        'from HelmRepository cert-manager/jetstack, infrastructure/cert-manager/release.yaml): not a chart of the suite, not rendered',
    );
    expect(out).toContain(
      '  flux kit: cluster production: Kustomization flux-system/policies (clusters/production/platform.yaml:26): source OCIRepository ' +
        'flux-system/policies is not this repository, not followed; map it to a folder in bootstrapKit.sources',
    );
    expect(out).toContain(
      "  flux kit: cluster staging: ConfigMap flux-system/cluster-vars is not in the repository: the cluster's variables file ../cluster-vars/staging.yaml stands in for it",
    );
    expect(out).toContain('  flux kit: cluster production: HelmRelease apps/web: Secret apps/web-auth is not in the kit (optional: skipped)');
    // Release identity as Flux derives it: <targetNamespace>-<name> for the chartRef release.
    expect(out).toContain(
      '  flux kit: cluster production: chart api cells with kitValues: production take the values of HelmRelease apps/api (apps/production (kustomize build)), release api/api-api',
    );
    // The Secret-sourced valuesFrom value never reaches the output.
    expect(res.output).not.toContain('stg-7f3a9c2e1b');
  });
});

describe('each trait broken on a copy', () => {
  it("version range: Chart.yaml outside the staging range, and off production's exact pin", async () => {
    const res = await checkExample(
      [{ file: 'repo/charts/web/Chart.yaml', replace: 'version: 1.4.0', with: 'version: 2.0.0' }],
      ['--chart', 'web', '--contract', 'version-lockstep'],
    );
    expectClean(res, 1);
    expect(lines(res)).toContain(
      '  [version-lockstep] chart web · cell staging · helm4 · HelmRelease/apps/web · spec.chart.spec.version: cluster staging pins web to range >=1.2.0 <2.0.0, ' +
        'which Chart.yaml 2.0.0 does not satisfy (expected a range satisfied by 2.0.0, actual >=1.2.0 <2.0.0)',
    );
    expect(lines(res)).toContain(
      '  [version-lockstep] chart web · cell staging · helm4 · HelmRelease/apps/web · spec.chart.spec.version: cluster production pins web 1.4.0 but Chart.yaml is 2.0.0 (expected 2.0.0, actual 1.4.0)',
    );
  });

  it('a release without a version: version-lockstep `unpinned`, exit 1 (not 2)', async () => {
    const res = await checkExample(
      [
        {
          file: 'repo/apps/base/web/release.yaml',
          replace: '      # Any 1.x from 1.2.0 on: Chart.yaml must satisfy it.\n      version: ">=1.2.0 <2.0.0"\n',
          with: '',
        },
      ],
      ['--chart', 'web', '--contract', 'version-lockstep'],
    );
    expectClean(res, 1);
    expect(lines(res)).toContain(
      '  [version-lockstep] chart web · cell staging · helm4 · HelmRelease/apps/web · spec.chart.spec.version: cluster staging leaves web unpinned ' +
        '(Flux installs whatever HelmRepository apps/example holds) but Chart.yaml is 1.4.0 (expected 1.4.0, actual unpinned)',
    );
  });

  it('chartRef: the OCIRepository tag is off the chart version', async () => {
    const res = await checkExample(
      [{ file: 'repo/apps/base/api/ocirepository.yaml', replace: 'tag: 0.3.1', with: 'tag: 0.3.0' }],
      ['--chart', 'api', '--contract', 'version-lockstep'],
    );
    expectClean(res, 1);
    expect(lines(res)).toContain(
      '  [version-lockstep] chart api · cell staging · helm4 · HelmRelease/apps/api · OCIRepository apps/api-chart spec.ref.tag: cluster staging pins api 0.3.0 but Chart.yaml is 0.3.1 (expected 0.3.1, actual 0.3.0)',
    );
  });

  it('release identity: another targetNamespace moves the API release, and the web tier dials a Service no release has', async () => {
    const res = await checkExample(
      [{ file: 'repo/apps/base/api/release.yaml', replace: 'targetNamespace: api', with: 'targetNamespace: backend' }],
      ['--chart', 'web', '--contract', 'service-dns'],
    );
    expectClean(res, 1);
    expect(res.stdout).toMatch(/\[service-dns\] chart web · cell staging · helm4 · .*api-api\.api\.svc\.cluster\.local/);
  });

  it("each cluster cell sees that cluster's other releases: production alone moves the API, only production cells miss its Service", async () => {
    const res = await checkExample(
      [
        {
          file: 'repo/apps/production/kustomization.yaml',
          replace: '  - path: web-release.yaml\n',
          with: '  - path: web-release.yaml\n  - path: api-release.yaml\n',
        },
        {
          file: 'repo/apps/production/api-release.yaml',
          content: 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: api\nspec:\n  targetNamespace: backend\n',
        },
      ],
      ['--chart', 'web', '--contract', 'service-dns'],
    );
    expectClean(res, 1);
    const marks = lines(res)
      .filter((l) => l.startsWith('web '))
      .map((l) => l.split(/\s+/).slice(0, 3).join(' '));
    // Issue 13: HelmRelease values are checked only in the cells that use them, so the defaults cell
    // (no kit values, no Service name in the chart's own values) has nothing to check: its own state.
    expect(marks).toEqual(['web defaults nothing', 'web staging ok', 'web production ✗']);
  });

  it('overlay values: a production patch that breaks the chart fails the production cell only', async () => {
    const res = await checkExample(
      [{ file: 'repo/apps/production/web-release.yaml', replace: 'replicaCount: ${web_replicas}', with: 'replicaCount: "${web_replicas}x"' }],
      ['--chart', 'web'],
    );
    expectClean(res, 1);
    expect(res.stdout).toContain('chart web, cell production, renderer helm4');
    expect(res.stdout).toContain('replicaCount must be a number, got the string "3x"');
    expect(res.stdout).not.toContain('cell staging, renderer');
  });

  it('a cell taking the values of a cluster that does not install the chart: a render failure saying so', async () => {
    const res = await checkExample([{ file: 'repo/apps/production/kustomization.yaml', replace: '  - ../base/api\n', with: '' }], ['--chart', 'api']);
    expectClean(res, 1);
    expect(lines(res)).toContain(
      '    chart api, cell production: takes the values of cluster production, but no HelmRelease of that cluster installs chart api',
    );
  });

  it('valuesFrom: the overlay loses its values ConfigMap: exit 2 naming the reference', async () => {
    const res = await checkExample([{ file: 'repo/apps/staging/kustomization.yaml', replace: '  - web-values.yaml\n', with: '' }]);
    expectClean(res, 2);
    expect(errorBlock(res)).toMatch(
      /^error: apps\/staging \(kustomize build\):\d+: HelmRelease apps\/web spec\.valuesFrom\[0\]: ConfigMap apps\/web-values is not in the kit \(Flux would not install the release; mark it optional: true if it may be absent\)$/,
    );
  });

  it('substituteFrom in the repository: without cluster-settings, strict mode names the variable', async () => {
    const res = await checkExample([{ file: 'repo/clusters/staging/cluster-settings.yaml', delete: true }]);
    expectClean(res, 2);
    expect(errorBlock(res)).toMatch(
      /^error: undefined Flux variable domain in apps\/staging \(kustomize build\):\d+ \(strict mode\): add it to the postBuild variables of Kustomization flux-system\/apps or give it a default \(\$\{domain:-…\}\)$/,
    );
  });

  it('cluster-only variables file: a variable missing from it is caught for that cluster', async () => {
    const res = await checkExample([{ file: 'cluster-vars/production.yaml', replace: 'region: eu-central-1\n', with: '' }]);
    expectClean(res, 2);
    expect(errorBlock(res)).toMatch(/^error: undefined Flux variable region in apps\/production \(kustomize build\):\d+ \(strict mode\)/);
  });

  it('a Kustomization whose path is gone: exit 2 naming it', async () => {
    const res = await checkExample([{ file: 'repo/clusters/staging/infrastructure.yaml', replace: 'path: ./infrastructure', with: 'path: ./infra' }]);
    expectClean(res, 2);
    expect(errorBlock(res)).toBe(
      'error: clusters/staging/infrastructure.yaml:1: Kustomization flux-system/infrastructure spec.path ./infra: no such folder in GitRepository flux-system/flux-system (infra); ' +
        'kustomize-controller fails with "kustomization path not found"',
    );
  });

  it('a folder without kustomization.yaml holding a non-Kubernetes YAML: exit 2, as Flux fails the build', async () => {
    const res = await checkExample([{ file: 'repo/infrastructure/cert-manager/values.yaml', content: 'crds:\n  enabled: true\n' }]);
    expectClean(res, 2);
    expect(errorBlock(res)).toBe(
      'error: infrastructure/cert-manager/values.yaml:1: document 0 is not a Kubernetes object (missing kind): Flux fails the build of infrastructure, which has no kustomization.yaml\n' +
        '  fix: without a kustomization.yaml Flux takes every *.yaml under the folder; add a kustomization.yaml listing the manifests, or move values.yaml out of infrastructure',
    );
  });

  it('kitValues naming no cluster: exit 2 listing the clusters', async () => {
    const res = await checkExample([
      { file: 'suite.yaml', replace: 'production: { kitValues: production }\n  - id: api', with: 'production: { kitValues: prod }\n  - id: api' },
    ]);
    expectClean(res, 2);
    // The config lies outside the root, so it is named by its path.
    expect(errorBlock(res)).toMatch(
      /^error: \/\S+\/suite\.yaml:39: charts\[0\]\.matrix\.axes\.cluster\.production\.kitValues prod is not a cluster of bootstrapKit\.clusters \(known: staging, production\)$/,
    );
  });
});

describe('verify-bump reads the cluster kit the same way on both sides', () => {
  it("web and api changed and bumped: the staging range still holds; production's exact pin and the chartRef tag (api, matched by release name) missed the bump", async () => {
    const copy = await copyTree(EXAMPLE);
    try {
      await commitAll(copy.dir, 'base');
      const edit = async (file: string, change: (text: string) => string) => {
        const abs = path.join(copy.dir, file);
        await writeFile(abs, change(await readFile(abs, 'utf8')));
      };
      await edit('repo/charts/web/Chart.yaml', (t) => t.replace('version: 1.4.0', 'version: 1.5.0'));
      await edit('repo/charts/web/templates/service.yaml', (t) => `${t}# touched\n`);
      await edit('repo/charts/api/Chart.yaml', (t) => t.replace('version: 0.3.1', 'version: 0.3.2'));
      await edit('repo/charts/api/templates/service.yaml', (t) => `${t}# touched\n`);
      const res = await runCli('verify-bump', ['--root', 'repo', '--config', 'suite.yaml'], { cwd: copy.dir });
      expectClean(res, 1);
      const out = lines(res);
      expect(out).toContain('web    charts/web  1.4.0 -> 1.5.0  >=1.2.0 <2.0.0, 1.4.0  files (2 files)');
      expect(out).toContain('api    charts/api  0.3.1 -> 0.3.2  0.3.1                  files (2 files)');
      expect(out.filter((l) => l.startsWith('  [pin-'))).toEqual([
        '  [pin-not-bumped] web: bumped 1.4.0 -> 1.5.0 but HelmRelease apps/web (cluster production) still pins 1.4.0 (apps/production (kustomize build))',
        '  [pin-not-bumped] api: bumped 0.3.1 -> 0.3.2 but HelmRelease apps/api (cluster staging) still pins 0.3.1 (apps/staging (kustomize build))',
        '  [pin-not-bumped] api: bumped 0.3.1 -> 0.3.2 but HelmRelease apps/api (cluster production) still pins 0.3.1 (apps/production (kustomize build))',
      ]);
    } finally {
      await copy.cleanup();
    }
  });
});

describe('the single-folder kit (bundled charts) reads versions the same way', () => {
  const KIT_80 = 'clusters/_template/bootstrap-kit/80-newapi.yaml';
  const ARGS = ['--chart', 'bp-newapi', '--contract', 'version-lockstep'];

  it('a HelmRelease without version: version-lockstep `unpinned`, exit 1 (not 2)', async () => {
    const res = await checkPatched([{ file: KIT_80, replace: '      version: 1.4.33\n', with: '' }], ARGS);
    expectClean(res, 1);
    expect(res.stdout).toContain(
      '[version-lockstep] chart bp-newapi · cell defaults.off.on.route · helm4 · HelmRelease/flux-system/bp-newapi · spec.chart.spec.version: bootstrap kit leaves bp-newapi unpinned ' +
        '(Flux installs whatever HelmRepository flux-system/bp-newapi holds) but Chart.yaml is 1.4.33 (expected 1.4.33, actual unpinned)',
    );
  });

  it('a range the Chart.yaml version satisfies holds; one it does not is reported as a range', async () => {
    const holds = await checkPatched([{ file: KIT_80, replace: '      version: 1.4.33\n', with: '      version: ">=1.4.0 <1.5.0"\n' }], ARGS);
    expectClean(holds, 0);
    const misses = await checkPatched([{ file: KIT_80, replace: '      version: 1.4.33\n', with: '      version: 1.3.x\n' }], ARGS);
    expectClean(misses, 1);
    expect(misses.stdout).toContain(
      'spec.chart.spec.version: bootstrap kit pins bp-newapi to range 1.3.x, which Chart.yaml 1.4.33 does not satisfy (expected a range satisfied by 1.4.33, actual 1.3.x)',
    );
  });
});
