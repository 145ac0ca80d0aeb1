// `check` renders only what the selected contracts read (Contract.needsRenders): contracts
// that read no render (version-lockstep: Chart.yaml versions against the kit's pins) run
// with no render executed or read; a contract that reads renders reads them. Counted with
// the render events a run writes into HCT_RUN_DIR, not with timings.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRenderStats } from '../../src/render/cache.js';
import { binCommand } from '../support/bin.js';
import { NO_SUITE_ENV } from '../support/env.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'hct-check-renders-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** One check run with its own HCT_RUN_DIR; its render events, counted. */
async function checkCounting(name: string, args: string[]) {
  const runDir = path.join(work, name);
  const res = await execa(...binCommand('check', args), { reject: false, env: { ...NO_SUITE_ENV, HCT_RUN_DIR: runDir } });
  const stats = await readRenderStats(runDir);
  return { res, renders: { executed: stats.executed, cached: stats.cached } };
}

describe('check renders only what the selected contracts read', () => {
  it('--contract version-lockstep: every cell checked, 0 renders executed or read', async () => {
    const { res, renders } = await checkCounting('lockstep', ['--contract', 'version-lockstep']);
    expect(res.exitCode, res.stderr).toBe(0);
    expect(renders).toEqual({ executed: 0, cached: 0 });
    expect(res.stdout.split('\n').at(-1)).toBe('19 chart cells, 19 contract checks: 19 passed, 0 failed, 0 not applicable; 0 violations, 0 render failures');
  });

  it('--contract template-residue (reads renders): its renders are read', async () => {
    const { res, renders } = await checkCounting('residue', ['--chart', 'bp-catalyst-platform', '--contract', 'template-residue']);
    expect(res.exitCode, res.stderr).toBe(0);
    expect(renders.executed + renders.cached).toBeGreaterThan(0);
  });
});
