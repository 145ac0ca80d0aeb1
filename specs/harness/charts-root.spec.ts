// The suite is for charts nobody here wrote: the same specs and the check command run on
// another checkout with the same layout, named by CHARTS_ROOT / SUITE_CONFIG, no code change.
import { cp, mkdtemp, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMatrixSpec } from '../support/vitest-run.js';
import { NO_SUITE_ENV } from '../support/env.js';
import { binCommand } from '../support/bin.js';

let work: string;
let root: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'hct-checkout-'));
  root = path.join(work, 'platform monorepo ü');
  await cp(path.resolve('charts-under-test'), root, { recursive: true });
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('CHARTS_ROOT and SUITE_CONFIG', () => {
  it('npm run check runs on a copy named by CHARTS_ROOT and reports the same matrix', async () => {
    const bundled = await execa(...binCommand('check'), { reject: false, env: NO_SUITE_ENV });
    const copy = await execa(...binCommand('check'), { reject: false, env: { ...NO_SUITE_ENV, CHARTS_ROOT: root } });
    expect(copy.exitCode).toBe(0);
    expect(copy.stdout).toContain(`helm-contract-tests check: ${root} (2 charts`);
    const matrix = (out: string) => out.split('\n').slice(1).join('\n').trim();
    expect(matrix(copy.stdout)).toBe(matrix(bundled.stdout));
  });

  it('SUITE_CONFIG may live outside the charts root and be named anything', async () => {
    const config = path.join(work, 'contracts.yaml');
    await cp(path.join(root, 'suite.yaml'), config);
    const moved = path.join(root, 'suite.yaml.off');
    await rename(path.join(root, 'suite.yaml'), moved);
    try {
      const res = await execa(...binCommand('check', ['--chart', 'bp-newapi', '--contract', 'version-lockstep']), {
        reject: false,
        env: { CHARTS_ROOT: root, SUITE_CONFIG: config },
      });
      expect(res.stderr).toBe(`suite config ${config} (from SUITE_CONFIG); charts root ${root} (from CHARTS_ROOT)`);
      expect(res.exitCode).toBe(0);
    } finally {
      await rename(moved, path.join(root, 'suite.yaml'));
    }
  });

  it('a CHARTS_ROOT without suite.yaml and no SUITE_CONFIG runs the bundled config against it, and says so', async () => {
    const moved = path.join(root, 'suite.yaml.off');
    await rename(path.join(root, 'suite.yaml'), moved);
    try {
      const res = await execa(...binCommand('check', ['--chart', 'bp-newapi', '--contract', 'version-lockstep']), {
        reject: false,
        env: { ...NO_SUITE_ENV, CHARTS_ROOT: root },
      });
      expect(res.stderr).toBe(
        `suite config ${path.resolve('charts-under-test/suite.yaml')} (bundled; no suite.yaml in the charts root and no SUITE_CONFIG); charts root ${root} (from CHARTS_ROOT)`,
      );
      expect(res.exitCode).toBe(0);
    } finally {
      await rename(moved, path.join(root, 'suite.yaml'));
    }
  });

  it('the generic contract specs run unchanged on the copy', async () => {
    const run = await runMatrixSpec({ CHARTS_ROOT: root });
    expect(run.numFailedTests).toBe(0);
    expect(run.numPassedTests).toBeGreaterThan(100);
    expect(run.suiteTitle).toContain(root);
  });
});
