// The determinism probe on real renders: a tiny chart whose Secret holds `randAlphaNum`
// and whose ConfigMap carries a nanosecond `now` annotation is rendered twice by helm 4;
// exactly those two fields are found nondeterministic, helm-parity leaves them alone, and
// a second probe in the same process runs no helm at all (both renders are cached).
// A private render cache (HCT_CACHE_DIR, tools shared by symlink) keeps the shared cache
// clean and lets the spec see the renders execute on every run.
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmParity } from '../../src/contracts/helm-parity.js';
import type { Violation } from '../../src/contracts/types.js';
import { formatRef, type Manifest, type ResourceRef } from '../../src/manifests/types.js';
import type { RenderedRelease } from '../../src/model/release.js';
import { readRenderStats } from '../../src/render/cache.js';
import { checkSuite } from '../../src/suite/check.js';
import { nondeterminismOf, nondeterministicPaths, probeJobs } from '../../src/suite/determinism.js';
import { openSuite, type Suite } from '../../src/suite/session.js';
import { cellsOf, renderJob } from '../../src/suite/renders.js';
import { buildWorld } from '../../src/suite/world.js';
import { cacheRoot } from '../../src/paths.js';
import { resolveTools } from '../../src/tools/resolve.js';

const CHART = 'bp-dice';

const FILES: Record<string, string> = {
  'suite.yaml': `bootstrapKit:
  path: kit
charts:
  - id: ${CHART}
    name: ${CHART}
    path: charts/dice
`,
  'kit/dice.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: ${CHART}
  namespace: flux-system
spec:
  releaseName: dice
  targetNamespace: dice
  chart:
    spec:
      chart: ${CHART}
      version: 0.1.0
`,
  'charts/dice/Chart.yaml': `apiVersion: v2
name: ${CHART}
version: 0.1.0
`,
  'charts/dice/templates/secret.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: dice-token
type: Opaque
data:
  token: {{ randAlphaNum 16 | b64enc }}
  fixed: {{ "stable" | b64enc }}
`,
  // Nanoseconds: two helm processes never print the same instant.
  'charts/dice/templates/configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: dice-config
  annotations:
    example.org/rendered-at: {{ now | date "2006-01-02T15:04:05.000000000" | quote }}
    example.org/owner: platform
data:
  mode: stable
`,
};

const SECRET: ResourceRef = { kind: 'Secret', namespace: 'dice', name: 'dice-token' };
const CONFIG_MAP: ResourceRef = { kind: 'ConfigMap', namespace: 'dice', name: 'dice-config' };
const EXPECTED = [
  { resource: CONFIG_MAP, path: 'metadata.annotations.example.org/rendered-at' },
  { resource: SECRET, path: 'data.token' },
];

const where = (n: { resource?: ResourceRef; path: string }) => `${n.resource ? formatRef(n.resource) : '-'} · ${n.path}`;
const sorted = <T extends { resource?: ResourceRef; path: string }>(xs: T[]) => [...xs].sort((a, b) => (where(a) < where(b) ? -1 : 1));

let tmp: string;
let root: string;
let cache: string;
let suite: Suite;
const saved = { cache: process.env.HCT_CACHE_DIR, run: process.env.HCT_RUN_DIR };

function restore(name: 'HCT_CACHE_DIR' | 'HCT_RUN_DIR', value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** Render events of `fn`, from a run log of its own. */
async function eventsOf<T>(name: string, fn: () => Promise<T>): Promise<{ value: T; executed: number; cached: number }> {
  const runDir = path.join(tmp, `run-${name}`);
  process.env.HCT_RUN_DIR = runDir;
  try {
    const value = await fn();
    const stats = await readRenderStats(runDir);
    return { value, executed: stats.executed, cached: stats.cached };
  } finally {
    restore('HCT_RUN_DIR', saved.run);
  }
}

const renderFiles = () => readdir(path.join(cache, 'renders')).then((fs) => fs.filter((f) => f.endsWith('.yaml')).sort());

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'hct-determinism-'));
  root = path.join(tmp, 'root');
  for (const [file, text] of Object.entries(FILES)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  // Tools resolved (and extracted) from the shared cache before it is swapped out; the
  // symlink keeps their version memo readable from the private one.
  await resolveTools();
  cache = path.join(tmp, 'cache');
  await mkdir(cache);
  await symlink(path.join(cacheRoot(), 'tools'), path.join(cache, 'tools'));
  process.env.HCT_CACHE_DIR = cache;
  suite = await openSuite({ root });
});

afterAll(async () => {
  restore('HCT_CACHE_DIR', saved.cache);
  restore('HCT_RUN_DIR', saved.run);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('nondeterministicPaths (pure)', () => {
  const m = (kind: string, name: string, body: Record<string, unknown>, namespace: string | undefined = 'ns'): Manifest => ({
    kind,
    apiVersion: 'v1',
    name,
    ...(namespace ? { namespace } : {}),
    source: 't.yaml',
    index: 0,
    object: { apiVersion: 'v1', kind, metadata: { name, ...(namespace ? { namespace } : {}) }, ...body },
  });
  const rendered = (manifests: Manifest[]): RenderedRelease => ({
    chart: 'c',
    cell: 'x',
    renderer: 'helm4',
    releaseName: 'r',
    namespace: 'ns',
    manifests,
    cached: false,
  });

  /** Deployment d whose env SEED differs between renders. */
  const seeded = (seed: string) =>
    m('Deployment', 'd', {
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'app',
                env: [
                  { name: 'SEED', value: seed },
                  { name: 'K', value: 'k' },
                ],
              },
            ],
          },
        },
      },
    });

  it('objects matched by kind/namespace/name (not order); leaf differences become paths; an object in one render only is (object)', () => {
    const first = rendered([
      m('Secret', 's', { data: { a: 'MQ==', b: 'Mg==' } }),
      seeded('1'),
      m('Job', 'migrate-abc', {}),
      m('ClusterRole', 'same', { rules: [] }, undefined),
    ]);
    const second = rendered([
      m('ClusterRole', 'same', { rules: [] }, undefined),
      m('Job', 'migrate-xyz', {}),
      seeded('2'),
      m('Secret', 's', { data: { a: 'Mw==', b: 'Mg==' } }),
    ]);
    expect(nondeterministicPaths(first, second).map(where)).toEqual([
      'Secret/ns/s · data.a',
      'Deployment/ns/d · spec.template.spec.containers[app].env[SEED].value',
      'Job/ns/migrate-abc · (object)',
      'Job/ns/migrate-xyz · (object)',
    ]);
  });

  it('two equal renders: nothing', () => {
    const r = rendered([m('ConfigMap', 'c', { data: { a: '1' } })]);
    expect(nondeterministicPaths(r, structuredClone(r))).toEqual([]);
  });
});

describe('determinism probe (real helm 4 renders)', () => {
  it('finds exactly the randAlphaNum Secret key and the nanosecond annotation, running helm twice', async () => {
    const [cell] = cellsOf(suite, CHART);
    const { value: found, executed, cached } = await eventsOf('first', () => nondeterminismOf(suite, CHART, cell));
    expect(sorted(found).map(where)).toEqual(EXPECTED.map(where));
    // Two real executions, each under its own key: the repeat is no cache hit of the first.
    expect({ executed, cached }).toEqual({ executed: 2, cached: 0 });
    expect(await renderFiles()).toHaveLength(2);
    const [first, repeat] = probeJobs(suite, CHART, cell);
    expect([first.renderer, repeat.renderer, repeat.attempt]).toEqual(['helm4', 'helm4', 1]);
    // The stable fields really are equal; the found ones really differ (values never printed).
    const [a, b] = await Promise.all([renderJob(suite, first), renderJob(suite, repeat)]);
    const field = (r: typeof a, kind: string, get: (o: Record<string, unknown>) => unknown) => get(r.manifests.find((m) => m.kind === kind)!.object);
    const token = (o: Record<string, unknown>) => (o.data as Record<string, string>).token;
    const fixed = (o: Record<string, unknown>) => (o.data as Record<string, string>).fixed;
    expect(field(a, 'Secret', token) === field(b, 'Secret', token)).toBe(false);
    expect(field(a, 'Secret', fixed)).toBe(field(b, 'Secret', fixed));
  });

  it('every renderer’s world carries the list; helm-parity is clean, and bites on those paths without it', async () => {
    const [cell] = cellsOf(suite, CHART);
    const helm4 = await buildWorld(suite, CHART, cell, 'helm4');
    const helm3 = await buildWorld(suite, CHART, cell, 'helm3');
    expect(sorted(helm4.nondeterministic ?? []).map(where)).toEqual(EXPECTED.map(where));
    expect(helm3.nondeterministic).toEqual(helm4.nondeterministic);
    expect(helmParity.check(helm4)).toEqual([]);
    // Without the list, helm 4 vs helm 3 differ exactly there (by chance: separate processes).
    const without = helmParity.check({ ...helm4, nondeterministic: undefined });
    expect(sorted(without).map((v: Violation) => `${where(v)}: ${v.message}`)).toEqual(
      EXPECTED.map((e) => `${where(e)}: helm4 and helm3 render this field differently`),
    );
  });

  it('checkSuite lists them per chart × cell, once, and reports no helm-parity violation', async () => {
    const result = await checkSuite(suite, { contracts: [helmParity] });
    expect(result.failures).toEqual([]);
    expect(result.rows.map((r) => [r.renderer, r.applies, r.violations.length])).toEqual([
      ['helm4', true, 0],
      ['helm3', false, 0],
    ]);
    expect(sorted(result.nondeterministic)).toEqual(EXPECTED.map((e) => ({ chart: CHART, cell: 'default', ...e })));
  });

  it('a second probe in the same process runs no helm: memoised per suite, and a fresh suite reads both renders from cache', async () => {
    const [cell] = cellsOf(suite, CHART);
    const filesBefore = await renderFiles();
    // Same suite: the very same promise.
    expect(nondeterminismOf(suite, CHART, cell)).toBe(nondeterminismOf(suite, CHART, cell));
    // A fresh suite (no memo): both renders come from the disk cache.
    const again = await openSuite({ root });
    const [cell2] = cellsOf(again, CHART);
    const { value: found, executed, cached } = await eventsOf('second', () => nondeterminismOf(again, CHART, cell2));
    expect({ executed, cached }).toEqual({ executed: 0, cached: 2 });
    expect(sorted(found).map(where)).toEqual(EXPECTED.map(where));
    const [first, repeat] = probeJobs(again, CHART, cell2);
    expect([(await renderJob(again, first)).cached, (await renderJob(again, repeat)).cached]).toEqual([true, true]);
    expect(await renderFiles()).toEqual(filesBefore);
  });
});
