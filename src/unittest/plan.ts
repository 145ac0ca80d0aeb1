// The renders test files ask for, worked out without rendering: each test's input set on a
// renderer (and the snapshot probe's repeat), each once. The runner requests exactly these;
// `npm test`'s global setup renders them up front beside the suite's renders.
import path from 'node:path';
import type { HelmRendererId } from '../model/release.js';
import { loadTestFile } from './load.js';
import { renderRequestOf, type RunContext } from './inputs.js';
import type { UnitRenderRequest } from './render.js';
import type { TestJob, TestSuite } from './types.js';

/** The render inputs of every test that runs (skipped tests have none); a test whose inputs cannot be built gets its error. */
export async function testRequests(suites: TestSuite[], ctx: RunContext): Promise<Map<TestJob, UnitRenderRequest | Error>> {
  const requests = new Map<TestJob, UnitRenderRequest | Error>();
  for (const s of suites) {
    for (const t of s.tests) if (!s.skip && !t.skip) requests.set(t, await renderRequestOf(ctx, s, t).catch((e: Error) => e));
  }
  return requests;
}

export const usesSnapshots = (t: TestJob) => t.asserts.some((a) => a.type === 'matchSnapshot' || a.type === 'matchSnapshotRaw');

/** The renders behind those inputs: a snapshot test also renders again (fields that differ are masked). */
export function rendersOf(requests: Map<TestJob, UnitRenderRequest | Error>): UnitRenderRequest[] {
  return [...requests].flatMap(([t, r]) => (r instanceof Error ? [] : usesSnapshots(t) ? [r, { ...r, attempt: 1 }] : [r]));
}

export interface PlannedFile {
  chart: string;
  chartDir: string;
  files: string[];
}

/**
 * Every distinct render of these test files on these renderers. A file that cannot be
 * loaded plans nothing: running it reports the error with its context.
 */
export async function planTestRenders(charts: PlannedFile[], renderers: HelmRendererId[], timeoutMs: number): Promise<UnitRenderRequest[]> {
  const out = new Map<string, UnitRenderRequest>();
  for (const c of charts) {
    for (const file of c.files) {
      const suites = await loadTestFile(file, path.relative(process.cwd(), file) || file).catch(() => []);
      for (const renderer of renderers) {
        const requests = await testRequests(suites, { chart: c.chart, chartDir: c.chartDir, renderer, timeoutMs });
        // The renderer's own memo key: equal inputs are one render.
        for (const r of rendersOf(requests)) out.set(JSON.stringify(r), r);
      }
    }
  }
  return [...out.values()];
}
