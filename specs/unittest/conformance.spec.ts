// helm-unittest conformance, issue 15: every assertion type in a passing and a failing
// case on helm 4 and helm 3 (exact failure lines), documentSelector matchMany,
// failedTemplate errorPattern, and snapshots created, compared and updated — on a temp
// copy of the fixture chart, so no snapshot is ever written into the repository.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolation } from '../../src/contracts/violation.js';
import { hashTree } from '../../src/render/cache.js';
import { resolveTools } from '../../src/tools/resolve.js';
import { ASSERTION_TYPES } from '../../src/unittest/assertions/index.js';
import { loadTestFile, runTestFile, testViolations, UnitRenderer, type TestResult } from '../../src/unittest/index.js';
import type { SnapshotOptions } from '../../src/unittest/snapshot.js';
import { expectedFailures } from './support/conformance-expected.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/unittest/conf/', import.meta.url));
const RENDERERS = ['helm4', 'helm3'] as const;
const tools = await resolveTools();
const unitRenderer = new UnitRenderer(tools);
const before = await hashTree(FIXTURE);
afterAll(() => unitRenderer.dispose());

async function run(dir: string, file: string, renderer: (typeof RENDERERS)[number], snapshots?: SnapshotOptions, fresh = false): Promise<TestResult[]> {
  // A fresh renderer when the spec edits the chart copy: the in-process memo assumes charts do not change mid-run.
  const ur = fresh ? new UnitRenderer(tools) : unitRenderer;
  const out = await runTestFile(path.join(dir, 'tests', file), { chart: 'conf', chartDir: dir, renderer, timeoutMs: 60_000, unitRenderer: ur, snapshots });
  if (fresh) await ur.dispose();
  return out.suites.flatMap((s) => s.tests);
}

const lines = (dir: string, results: TestResult[]) => results.flatMap((r) => testViolations('conf', dir, r)).map(formatViolation);

describe('every assertion type has a passing and a failing case', () => {
  it('pass_test.yaml and fail_test.yaml use every assertion key', async () => {
    const used = async (f: string) =>
      new Set((await loadTestFile(path.join(FIXTURE, 'tests', f))).flatMap((s) => s.tests.flatMap((t) => t.asserts.map((a) => a.type))));
    const [pass, fail] = [await used('pass_test.yaml'), await used('fail_test.yaml')];
    const snapshotKeys = ['matchSnapshot', 'matchSnapshotRaw']; // snapshot_test.yaml and the snapshot specs below
    expect(ASSERTION_TYPES.filter((k) => !pass.has(k) && !snapshotKeys.includes(k))).toEqual([]);
    expect(ASSERTION_TYPES.filter((k) => !fail.has(k) && !snapshotKeys.includes(k) && k !== 'failedTemplate')).toEqual([]);
  });

  describe.each(RENDERERS)('%s', (renderer) => {
    it('every test of pass_test.yaml passes (no assertion skipped but the skipEmptyTemplates one)', async () => {
      const results = await run(FIXTURE, 'pass_test.yaml', renderer);
      expect(lines(FIXTURE, results)).toEqual([]);
      expect(results.filter((r) => !r.passed).map((r) => r.test)).toEqual([]);
      const skipped = results.flatMap((r) => r.assertions.filter((a) => a.skipped).map(() => r.test));
      expect(skipped).toEqual(['documentSelector with skipEmptyTemplates skips when nothing matches']);
    });

    it('every test of fail_test.yaml fails with its exact message', async () => {
      const results = await run(FIXTURE, 'fail_test.yaml', renderer);
      expect(results.filter((r) => r.passed).map((r) => r.test)).toEqual([]);
      expect(lines(FIXTURE, results)).toEqual(expectedFailures(renderer));
    });
  });
});

describe.each(RENDERERS)('snapshots on a temp copy · %s', (renderer) => {
  let dir = '';
  const snap = () => path.join(dir, 'tests', '__snapshot__', 'snapshot_test.yaml.snap');
  beforeAll(async () => {
    dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'hct-unittest-snap-')), 'conf');
    await cp(FIXTURE, dir, { recursive: true });
  });
  afterAll(() => rm(path.dirname(dir), { recursive: true, force: true }));

  it('creates the .snap file in helm-unittest layout, with the random field masked', async () => {
    const results = await run(dir, 'snapshot_test.yaml', renderer, { write: true, update: false });
    expect(results.every((r) => r.passed)).toBe(true);
    const text = await readFile(snap(), 'utf8');
    expect(text).toContain('replicas and env:\n  1: |\n    2\n  2: |\n    - name: UPSTREAM\n      value: http://api.example.svc.cluster.local:3000\n');
    expect(text).toContain('random data is masked:\n  1: |\n    stable: fixed\n    token: "(nondeterministic: differs between two renders)"\n');
    expect(text).toContain('configmaps selected by label:\n  1: |\n    greeting: |\n      hello   \n      world\n    ratio: "0.5"\n  2: |\n    mode: b\n');
  });

  it('compares against it: unchanged passes, a changed chart fails with the snapshot diff', async () => {
    expect((await run(dir, 'snapshot_test.yaml', renderer, { write: true, update: false })).every((r) => r.passed)).toBe(true);
    await writeFile(path.join(dir, 'values.yaml'), (await readFile(path.join(dir, 'values.yaml'), 'utf8')).replace('replicas: 2', 'replicas: 5'));
    const results = await run(dir, 'snapshot_test.yaml', renderer, { write: true, update: false }, true);
    expect(lines(dir, results)).toEqual([
      `[unittest] chart conf · cell tests/snapshot_test.yaml · ${renderer} · conf/templates/deployment.yaml · document 0: snapshots › deployment: asserts[0] matchSnapshot: expected to match snapshot 1 (expected ${'apiVersion: apps/v1'} kind: Deployment metadata: annotations: kube: v1.20.0 revision: "1" upgrade: "false" labels: app: web app.kubernetes.io/version: 2.1.0 helm.sh/chart: conf-0.3.0 tier: front name: RELEASE-NAME-web namespace: NAMESPACE spec: replicas: 2 template: metadata: annotations: ratio: "0.5" spec: containers: - env: - name: UPSTREAM value: http://api.example.svc.cluster.local:3000 - name: TOKEN valueFrom: secretKeyRef: key: TOKEN name: conf-token optional: true image: ghcr.io/example/web:1.2.3 name: web ports: - containerPort: 8080 name: http resources: {} startupProbe: failureThreshold: 30 periodSeconds: 10 imagePullSecrets: - name: ghcr-pull, actual apiVersion: apps/v1 kind: Deployment metadata: annotations: kube: v1.20.0 revision: "1" upgrade: "false" labels: app: web app.kubernetes.io/version: 2.1.0 helm.sh/chart: conf-0.3.0 tier: front name: RELEASE-NAME-web namespace: NAMESPACE spec: replicas: 5 template: metadata: annotations: ratio: "0.5" spec: containers: - env: - name: UPSTREAM value: http://api.example.svc.cluster.local:3000 - name: TOKEN valueFrom: secretKeyRef: key: TOKEN name: conf-token optional: true image: ghcr.io/example/web:1.2.3 name: web ports: - containerPort: 8080 name: http resources: {} startupProbe: failureThreshold: 30 periodSeconds: 10 imagePullSecrets: - name: ghcr-pull)`,
      `[unittest] chart conf · cell tests/snapshot_test.yaml · ${renderer} · conf/templates/deployment.yaml · document 0 · spec.replicas: snapshots › replicas and env: asserts[0] matchSnapshot: expected to match snapshot 1 (expected 2, actual 5)`,
    ]);
    // A mismatch alone does not rewrite the file: the old entry stays.
    expect(await readFile(snap(), 'utf8')).toContain('replicas and env:\n  1: |\n    2\n');
  });

  it('the update flag accepts and stores the new values; the next plain run passes', async () => {
    expect((await run(dir, 'snapshot_test.yaml', renderer, { write: true, update: true }, true)).every((r) => r.passed)).toBe(true);
    expect(await readFile(snap(), 'utf8')).toContain('replicas and env:\n  1: |\n    5\n');
    expect((await run(dir, 'snapshot_test.yaml', renderer, { write: true, update: false }, true)).every((r) => r.passed)).toBe(true);
  });
});

describe('the fixture tree', () => {
  it('is byte-identical after every run (snapshots went to temp copies only)', async () => {
    expect(await hashTree(FIXTURE)).toBe(before);
  });
});
