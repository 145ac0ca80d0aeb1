// Remote chart dependencies, offline: a vendored charts/ is used as is; a missing one
// fails with the dependencies' names before helm runs, or (dependencies: stub) renders a
// temp copy with empty stub charts and says so in the notes. Repositories here are
// unresolvable (.invalid), so any network use would fail the render.
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RenderError } from '../../src/errors.js';
import { hashTree } from '../../src/render/cache.js';
import { planDependencies, satisfiesDeclared, stubVersion } from '../../src/render/dependencies.js';
import { helmTemplate } from '../../src/render/helm.js';
import type { RenderedRelease } from '../../src/model/release.js';
import type { HelmTemplateRequest } from '../../src/render/types.js';
import { helmRequest } from '../support/fixture-charts.js';
import { resolveTools, type Tools } from '../../src/tools/resolve.js';
import { fakeBin, withFake } from '../support/fake-tools.js';

let tools: Tools;
let work: string;

const PG = { name: 'postgresql', version: '12.5.6', repository: 'oci://registry.invalid/x' };
const REDIS = { name: 'redis', version: '18.0.0', repository: 'https://charts.invalid/x' };
const NOTE_BOTH =
  'dependencies stubbed: postgresql 12.5.6 (oci://registry.invalid/x), redis 18.0.0 (https://charts.invalid/x) — their templates are not rendered';

// The parent lists the subcharts helm loaded (after aliases and conditions) with their versions.
const SUBCHARTS_CM = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-parent
data:
  subcharts: {{ keys .Subcharts | sortAlpha | join "," | quote }}
  {{- range $name, $sub := .Subcharts }}
  {{ $name }}: {{ printf "%s@%s" $sub.Chart.Name $sub.Chart.Version | quote }}
  {{- end }}
`;

type Dep = { name: string; version: string; repository: string; alias?: string; condition?: string };

/** A chart in `work/<dir>`; a random description keeps its renders out of earlier runs' cache. */
async function writeChart(
  dir: string,
  o: { name?: string; version?: string; deps?: Dep[]; templates?: Record<string, string>; values?: string; nonce?: boolean },
): Promise<string> {
  const root = path.join(work, dir);
  await mkdir(path.join(root, 'templates'), { recursive: true });
  const deps = (o.deps ?? [])
    .map(
      (d) =>
        '\n  - ' +
        Object.entries(d)
          .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
          .join('\n    '),
    )
    .join('');
  await writeFile(
    path.join(root, 'Chart.yaml'),
    `apiVersion: v2\nname: ${o.name ?? 'parent'}\nversion: ${o.version ?? '0.1.0'}\n` +
      (o.nonce ? `description: run ${randomUUID()}\n` : '') +
      (deps ? `dependencies:${deps}\n` : ''),
  );
  await writeFile(path.join(root, 'values.yaml'), o.values ?? '');
  for (const [name, body] of Object.entries(o.templates ?? { 'parent.yaml': SUBCHARTS_CM })) {
    await writeFile(path.join(root, 'templates', name), body);
  }
  return root;
}

function request(chartDir: string, overrides: Partial<HelmTemplateRequest> = {}): HelmTemplateRequest {
  return helmRequest(chartDir, { chart: 'deps', ...overrides });
}

function parentData(out: RenderedRelease): unknown {
  return out.manifests.find((m) => m.name === 'rel-parent')?.object.data;
}

/** Run `fn` with os.tmpdir() pointed at a private folder, and return what it left there. */
async function leftInTmp(fn: () => Promise<unknown>): Promise<string[]> {
  const tmp = await mkdtemp(path.join(work, 'tmpdir-'));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  try {
    await fn();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  return readdir(tmp);
}

beforeAll(async () => {
  tools = await resolveTools();
  work = await mkdtemp(path.join(os.tmpdir(), 'hct-deps-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('missing dependencies, mode fail (the default)', () => {
  it('names each missing dependency and both fixes, without spawning helm', async () => {
    const dir = await writeChart('fail', { deps: [PG, REDIS] });
    const marker = path.join(work, 'helm-was-run');
    const fake = await fakeBin(`touch '${marker}'; exit 1`);
    try {
      const err = await helmTemplate(request(dir), withFake(tools, 'helm4', fake.path)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RenderError);
      expect((err as Error).message).toBe(
        'chart dependencies missing: chart deps, cell defaults, renderer helm4\n' +
          `  command: (not run) ${fake.path} template rel ${dir} --namespace ns --kube-version 1.35.0\n` +
          `  ${dir}/Chart.yaml declares dependencies that ${dir}/charts/ does not vendor:\n` +
          '    postgresql 12.5.6 (oci://registry.invalid/x)\n' +
          '    redis 18.0.0 (https://charts.invalid/x)\n' +
          '  helm would have to fetch them from their repositories, and renders here never use the network.\n' +
          `  fix: run \`helm dependency build ${dir}\` and commit charts/ (or vendor the charts there), ` +
          'or set `dependencies: stub` for chart deps in the suite config to render without them',
      );
      await expect(readdir(work)).resolves.not.toContain('helm-was-run');
    } finally {
      await fake.cleanup();
    }
  });

  it('says which vendored tgz has the wrong version, and reads requirements.yaml of apiVersion v1 charts', async () => {
    const stale = await writeChart('stale', { deps: [{ ...REDIS, version: '~18.0.0' }] });
    await mkdir(path.join(stale, 'charts'));
    await writeFile(path.join(stale, 'charts', 'redis-17.1.0.tgz'), 'not read');
    await writeFile(path.join(stale, 'charts', 'redis-cluster-18.0.0.tgz'), 'another chart');
    const msg = await helmTemplate(request(stale), tools).catch((e: unknown) => (e as Error).message);
    expect(msg).toContain('\n    redis ~18.0.0 (https://charts.invalid/x); charts/ has redis-17.1.0.tgz, which does not satisfy ~18.0.0\n');

    const v1 = path.join(work, 'v1');
    await mkdir(path.join(v1, 'templates'), { recursive: true });
    await writeFile(path.join(v1, 'Chart.yaml'), 'apiVersion: v1\nname: old\nversion: 1.0.0\n');
    await writeFile(path.join(v1, 'requirements.yaml'), `dependencies:\n  - name: mysql\n    version: 1.6.9\n    repository: "@stable"\n`);
    const v1msg = await helmTemplate(request(v1), tools).catch((e: unknown) => (e as Error).message);
    expect(v1msg).toContain(`  ${v1}/requirements.yaml declares a dependency that ${v1}/charts/ does not vendor:\n    mysql 1.6.9 (@stable)\n`);
  });
});

describe('missing dependencies, mode stub', () => {
  it.each(['helm4', 'helm3'] as const)('%s renders a temp copy with stubs, says so, and leaves the chart and tmp untouched', async (renderer) => {
    const dir = await writeChart(`stub-${renderer}`, { deps: [PG, REDIS], nonce: true });
    const before = await hashTree(dir);
    let first: RenderedRelease | undefined;
    let second: RenderedRelease | undefined;
    const started = Date.now();
    const left = await leftInTmp(async () => {
      first = await helmTemplate(request(dir, { renderer, dependencies: 'stub' }), tools);
      second = await helmTemplate(request(dir, { renderer, dependencies: 'stub', cell: 'again' }), tools);
    });
    // .invalid names never resolve: a render that tried the network would fail, not finish quickly.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(first?.cached).toBe(false); // real helm ran
    expect(parentData(first!)).toEqual({ subcharts: 'postgresql,redis', postgresql: 'postgresql@12.5.6', redis: 'redis@18.0.0' });
    expect(first?.manifests.map((m) => m.source)).toEqual(['parent/templates/parent.yaml']);
    expect(first?.notes).toEqual([NOTE_BOTH]);
    // The render cache keys the original tree, not the temp copy, and the notes come back with a hit.
    expect(second?.cached).toBe(true);
    expect(second?.notes).toEqual([NOTE_BOTH]);
    expect(second?.manifests).toEqual(first?.manifests);
    expect(await hashTree(dir)).toBe(before);
    await expect(readdir(dir)).resolves.toEqual(['Chart.yaml', 'templates', 'values.yaml']);
    expect(left).toEqual([]);
  });

  it.each(['helm4', 'helm3'] as const)('%s: a range is stubbed at its lowest version, and alias and condition still apply', async (renderer) => {
    const dir = await writeChart(`alias-${renderer}`, {
      deps: [
        { ...PG, version: '~12.5.0' },
        { ...REDIS, alias: 'cache', condition: 'cache.enabled' },
      ],
      values: 'cache:\n  enabled: false\n',
    });
    const off = await helmTemplate(request(dir, { renderer, dependencies: 'stub' }), tools);
    expect(parentData(off)).toEqual({ subcharts: 'postgresql', postgresql: 'postgresql@12.5.0' });
    expect(off.notes).toEqual([
      'dependencies stubbed: postgresql 12.5.0 for ~12.5.0 (oci://registry.invalid/x), redis 18.0.0 (https://charts.invalid/x) — their templates are not rendered',
    ]);
    const on = await helmTemplate(request(dir, { renderer, dependencies: 'stub', cell: 'cache-on', values: [{ cache: { enabled: true } }] }), tools);
    expect(parentData(on)).toEqual({ subcharts: 'cache,postgresql', cache: 'cache@18.0.0', postgresql: 'postgresql@12.5.0' });
  });

  it("adds the note to the error when the parent needs a stubbed chart's templates", async () => {
    const dir = await writeChart('needs-helper', {
      deps: [PG],
      templates: { 'cm.yaml': 'kind: ConfigMap\nmetadata:\n  name: {{ include "postgresql.fullname" . }}\n' },
    });
    const err = await helmTemplate(request(dir, { dependencies: 'stub' }), tools).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RenderError);
    expect((err as Error).message).toMatch(/^render failed: chart deps, cell defaults, renderer helm4\n/);
    expect((err as Error).message).toContain('no template "postgresql.fullname"');
    expect((err as Error).message).toMatch(
      /\n {2}note: dependencies stubbed: postgresql 12\.5\.6 \(oci:\/\/registry\.invalid\/x\) — their templates are not rendered$/,
    );
  });
});

describe('vendored charts/', () => {
  const SUB_CM = (id: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: vendored-${id}\n`;

  it('uses a charts/<name>/ directory and a helm-packaged .tgz as they are: no stubs, no notes, even in stub mode', async () => {
    const dir = await writeChart('vendored', { deps: [{ ...PG, version: '~12.5.0' }, REDIS] });
    await writeChart('vendored/charts/postgresql', { name: 'postgresql', version: '12.5.6', templates: { 'cm.yaml': SUB_CM('pg') } });
    const redisSrc = await writeChart('redis-src', { name: 'redis', version: '18.0.0', templates: { 'cm.yaml': SUB_CM('redis') } });
    const home = path.join(work, 'helm-home');
    await execa(tools.helm4.path, ['package', redisSrc, '--destination', path.join(dir, 'charts')], {
      env: { HELM_CACHE_HOME: home, HELM_CONFIG_HOME: home, HELM_DATA_HOME: home },
    });
    await expect(readdir(path.join(dir, 'charts'))).resolves.toEqual(['postgresql', 'redis-18.0.0.tgz']);
    expect((await planDependencies(dir)).missing).toEqual([]);

    for (const dependencies of ['fail', 'stub'] as const) {
      const out = await helmTemplate(request(dir, { dependencies }), tools);
      expect(out.notes).toBeUndefined();
      expect(out.manifests.map((m) => m.name).sort()).toEqual(['rel-parent', 'vendored-pg', 'vendored-redis']);
      expect(parentData(out)).toEqual({ subcharts: 'postgresql,redis', postgresql: 'postgresql@12.5.6', redis: 'redis@18.0.0' });
    }
  });

  it('stubs only what is missing, and drops a tgz of the wrong version from the copy', async () => {
    const dir = await writeChart('partial', { deps: [PG, REDIS] });
    await writeChart('partial/charts/pg-any-folder-name', { name: 'postgresql', version: '12.5.6', templates: { 'cm.yaml': SUB_CM('pg') } });
    await writeFile(path.join(dir, 'charts', 'redis-17.0.0.tgz'), 'stale, never opened');
    const before = await hashTree(dir);
    const out = await helmTemplate(request(dir, { dependencies: 'stub' }), tools);
    expect(out.notes).toEqual(['dependencies stubbed: redis 18.0.0 (https://charts.invalid/x) — their templates are not rendered']);
    expect(out.manifests.map((m) => m.name).sort()).toEqual(['rel-parent', 'vendored-pg']);
    expect(parentData(out)).toEqual({ subcharts: 'postgresql,redis', postgresql: 'postgresql@12.5.6', redis: 'redis@18.0.0' });
    expect(await hashTree(dir)).toBe(before);
  });
});

describe('versions', () => {
  it('reads helm ranges, commas included, and stubs at the lowest satisfying version', () => {
    expect(stubVersion('12.5.6')).toBe('12.5.6');
    expect(stubVersion('~12.5.0')).toBe('12.5.0');
    expect(stubVersion('^1.2')).toBe('1.2.0');
    expect(stubVersion('>=12.0.0, <13.0.0')).toBe('12.0.0');
    expect(stubVersion('12.x')).toBe('12.0.0');
    expect(stubVersion('')).toBe('0.0.0');
    expect(satisfiesDeclared('12.9.1', '>=12.0.0, <13.0.0')).toBe(true);
    expect(satisfiesDeclared('13.0.0', '>=12.0.0, <13.0.0')).toBe(false);
    expect(satisfiesDeclared('1.0.0', '')).toBe(true);
  });
});
