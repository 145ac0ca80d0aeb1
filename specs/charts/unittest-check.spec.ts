// `npm run check` runs the charts' helm-unittest files: a `unittest` column, one row per
// test file × renderer, and each failed assertion a violation line in the usual form
// (chart, file, renderer, template, document, path, expected, actual). A temp suite with
// the conformance fixture as its chart; nothing is written into the repository.
import { access, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binCommand } from '../support/bin.js';
import { NO_SUITE_ENV } from '../support/env.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/unittest/conf/', import.meta.url));
let root = '';

const SUITE = (files: string) => `defaults: { kubeVersion: "1.35.0", timeoutMs: 60000, renderers: [helm4, helm3] }
bootstrapKit: { path: kit }
charts:
  - { id: conf, name: conf, path: charts/conf, unittest: [${files}] }
`;
const KIT = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: { name: conf, namespace: flux-system }
spec:
  releaseName: conf
  targetNamespace: conf
  chart: { spec: { chart: conf, version: 0.3.0, sourceRef: { kind: HelmRepository, name: charts } } }
`;

async function check(files: string, ...args: string[]) {
  await writeFile(path.join(root, 'suite.yaml'), SUITE(files));
  return execa(...binCommand('check', ['--root', root, '--contract', 'unittest', ...args]), { reject: false, env: NO_SUITE_ENV });
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hct-unittest-check-'));
  await mkdir(path.join(root, 'charts'), { recursive: true });
  await mkdir(path.join(root, 'kit'));
  await cp(FIXTURE, path.join(root, 'charts', 'conf'), { recursive: true });
  await writeFile(path.join(root, 'kit', 'conf.yaml'), KIT);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('npm run check with helm-unittest files', () => {
  it('passing files: a unittest column of ok, exit 0', async () => {
    const res = await check('tests/pass_test.yaml');
    expect(res.exitCode).toBe(0);
    // One row per file: the summary merges renderers (a violation seen by both helms counts once).
    expect(res.stdout).toContain('chart  cell                  unittest\n-----  --------------------  --------\nconf   tests/pass_test.yaml  ok');
    expect(res.stdout).toContain('1 test file, 0 chart cells, 1 contract checks: 1 passed, 0 failed, 0 not applicable; 0 violations, 0 render failures');
  });

  it('a failing assertion is a violation line naming chart, file, renderer, template, document, path, expected and actual; exit 1', async () => {
    const res = await check('tests/fail_test.yaml');
    expect(res.exitCode).toBe(1);
    expect(res.stdout).toContain('conf   tests/fail_test.yaml  ✗ 43');
    expect(res.stdout).toContain(
      '  [unittest] chart conf · cell tests/fail_test.yaml · helm4 · conf/templates/deployment.yaml · document 0 · spec.replicas: conformance failures › equal: asserts[0] equal: expected to equal 3 (expected 3, actual 2)\n',
    );
  });

  it('configured globs that match nothing are a config error (exit 2), not a silent pass', async () => {
    const res = await check('tests/nope_test.yaml');
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toContain('chart conf: unittest tests/nope_test.yaml match no test file under charts/conf');
  });

  it('an unsupported key fails with file, line and key (exit 2)', async () => {
    await writeFile(
      path.join(root, 'charts/conf/tests/bad_test.yaml'),
      'suite: bad\npostRenderer: {cmd: x}\ntests:\n  - it: t\n    asserts: [{notFailedTemplate: {}}]\n',
    );
    const res = await check('tests/bad_test.yaml');
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toContain(
      'charts/conf/tests/bad_test.yaml:2: suite key `postRenderer` is not supported: post-renderers are not run; assert on the chart output itself',
    );
  });

  it('snapshots are only read, unless --update-snapshot (then written, and changed ones replaced)', async () => {
    const snap = path.join(root, 'charts/conf/tests/__snapshot__/snapshot_test.yaml.snap');
    const exists = () =>
      access(snap).then(
        () => true,
        () => false,
      );
    expect((await check('tests/snapshot_test.yaml')).exitCode).toBe(0);
    expect(await exists()).toBe(false);
    expect((await check('tests/snapshot_test.yaml', '--update-snapshot')).exitCode).toBe(0);
    expect(await readFile(snap, 'utf8')).toContain('replicas and env:\n  1: |\n    2\n');
    const values = path.join(root, 'charts/conf/values.yaml');
    await writeFile(values, (await readFile(values, 'utf8')).replace('replicas: 2', 'replicas: 4'));
    const changed = await check('tests/snapshot_test.yaml');
    expect(changed.exitCode).toBe(1);
    expect(changed.stdout).toContain('snapshots › replicas and env: asserts[0] matchSnapshot: expected to match snapshot 1 (expected 2, actual 4)');
    expect((await check('tests/snapshot_test.yaml', '--update-snapshot')).exitCode).toBe(0);
    expect(await readFile(snap, 'utf8')).toContain('replicas and env:\n  1: |\n    4\n');
  });
});
