// helm-unittest test files run by this engine, with no plugin, on each helm renderer:
// discover → load → render once per distinct input → assert → results.
import path from 'node:path';
import type { HelmRendererId } from '../model/release.js';
import type { Tools } from '../tools/resolve.js';
import { discoverTestFiles } from './discover.js';
import { loadTestFile } from './load.js';
import { UnitRenderer } from './render.js';
import { runSuites, type SuiteRun } from './run.js';
import type { SnapshotOptions } from './snapshot.js';
import type { TestSuite } from './types.js';

export { discoverTestFiles, DEFAULT_TEST_GLOBS } from './discover.js';
export { loadTestFile, parseTestFile } from './load.js';
export { formatTestFailure, testViolations } from './result.js';
export { UnitRenderer } from './render.js';
export type { SuiteRun } from './run.js';
export type { TestResult, TestSuite } from './types.js';

export interface TestFileRun {
  chart: string;
  /** Absolute path of the test file. */
  file: string;
  renderer: HelmRendererId;
  suites: SuiteRun[];
}

export interface RunTestFileOptions {
  chart: string;
  chartDir: string;
  renderer: HelmRendererId;
  timeoutMs: number;
  snapshots?: SnapshotOptions;
  /** Shared between files and renderers so equal inputs render once per process. */
  unitRenderer: UnitRenderer;
}

/** Default: read snapshots, never write them (specs and check; `--update-snapshot` writes). */
export const READ_ONLY_SNAPSHOTS: SnapshotOptions = { write: false, update: false };

export async function runTestFile(file: string, opts: RunTestFileOptions, loaded?: TestSuite[]): Promise<TestFileRun> {
  const suites = loaded ?? (await loadTestFile(file, path.relative(process.cwd(), file) || file));
  const runs = await runSuites(suites, opts.unitRenderer, { ...opts, snapshots: opts.snapshots ?? READ_ONLY_SNAPSHOTS });
  return { chart: opts.chart, file, renderer: opts.renderer, suites: runs };
}

export interface ChartTests {
  chart: string;
  chartDir: string;
  files: string[];
}

/** Test files of each chart (`tests/*_test.yaml`, or the chart's `unittest` globs in the suite config). */
export async function chartTests(charts: { id: string; dir: string; globs?: string[] }[]): Promise<ChartTests[]> {
  return Promise.all(charts.map(async (c) => ({ chart: c.id, chartDir: c.dir, files: await discoverTestFiles(c.dir, c.globs) })));
}

/** Every file of every chart on every renderer (a given `shared` renderer is left open for its owner). */
export async function runChartTests(
  charts: ChartTests[],
  renderers: HelmRendererId[],
  tools: Tools,
  timeoutMs: number,
  snapshots?: SnapshotOptions,
  shared?: UnitRenderer,
): Promise<TestFileRun[]> {
  const unitRenderer = shared ?? new UnitRenderer(tools);
  try {
    const out: TestFileRun[] = [];
    for (const c of charts) {
      for (const file of c.files) {
        // Loaded once; the renderers run side by side (the renderer keeps one helm per core).
        const suites = await loadTestFile(file, path.relative(process.cwd(), file) || file);
        const one = (renderer: HelmRendererId) =>
          runTestFile(file, { chart: c.chart, chartDir: c.chartDir, renderer, timeoutMs, snapshots, unitRenderer }, suites);
        // Writing snapshots: one renderer after the other, so they never race on the .snap file.
        if (snapshots?.write) for (const r of renderers) out.push(await one(r));
        else out.push(...(await Promise.all(renderers.map(one))));
      }
    }
    return out;
  } finally {
    if (!shared) await unitRenderer.dispose();
  }
}
