// Runs once per `npm test`: builds the CLI when src changed (specs spawn the compiled bin),
// stops the run at once when the suite config or a tool is wrong, opens the suite once and
// provides it to the charts specs (specs/support/provided-suite.ts), pre-renders every render
// the charts project needs — the suite's and its chart test files' — in one pool of 2
// processes (so workers only read the cache), then reports how many renders ran.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import type { Suite } from '../../src/suite/session.js';
import { ensureBuilt } from './build.js';
import { importDist } from './dist.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The suite this run tests, as the global setup opened it; null when it did not open (the spec opens it and shows why). */
    hctSuite: Suite | null;
  }
}

/** Said when CHARTS_ROOT / SUITE_CONFIG made `npm test` run the charts project alone (see vitest.config.ts). */
const CHARTS_ONLY_NOTE =
  'helm-contract-tests: CHARTS_ROOT/SUITE_CONFIG is set, so only the `charts` project ran (your charts).\n' +
  "  the tool's own specs: npm run test:tool; everything on the bundled charts: CHARTS_ROOT= SUITE_CONFIG= npm test\n";

/** Renders under way at once: helm is CPU-bound and the machine this is tuned on has 2 cores. */
const PARALLEL = 2;

/** The compiled modules, loaded by node: this process only opens the suite and renders, it tests nothing. */
function load() {
  return Promise.all([
    importDist<typeof import('../../src/errors.js')>('errors.js'),
    importDist<typeof import('../../src/render/cache.js')>('render/cache.js'),
    importDist<typeof import('../../src/suite/session.js')>('suite/session.js'),
    importDist<typeof import('../../src/suite/renders.js')>('suite/renders.js'),
    importDist<typeof import('../../src/config/load.js')>('config/load.js'),
    importDist<typeof import('../../src/suite/prerender.js')>('suite/prerender.js'),
    importDist<typeof import('../../src/suite/unittest.js')>('suite/unittest.js'),
  ]);
}

export default async function setup(project?: TestProject): Promise<() => Promise<void>> {
  await ensureBuilt();
  const runDir = await mkdtemp(path.join(os.tmpdir(), 'hct-run-'));
  // Workers inherit the environment: their render events land in the same run log.
  process.env.HCT_RUN_DIR = runDir;
  const started = performance.now();
  const [{ UserError }, { readRenderStats }, { openSuite, toolNotes }, { cellsOf }, { describeConfigSource }, pre, { disposeUnitRenderer }] = await load();

  /** Every render the charts project needs, `PARALLEL` at a time; failures are left for the specs to report with their own context. */
  async function prerender(suite: Suite): Promise<{ jobs: number; unitJobs: number }> {
    const started = await pre.prerender(suite, { parallel: PARALLEL });
    await started.done;
    await disposeUnitRenderer(suite);
    return { jobs: started.suiteRenders, unitJobs: started.testRenders };
  }

  let suite: Suite;
  try {
    suite = await openSuite();
  } catch (err) {
    await rm(runDir, { recursive: true, force: true });
    if (!(err instanceof UserError)) throw err;
    // The CLI's own message, once, and no spec runs: every spec would fail on it anyway.
    process.stderr.write(`\nerror: ${err.message}\n${err.hint ? `  fix: ${err.hint}\n` : ''}`);
    process.exit(err.exitCode);
  }
  const configLine = describeConfigSource(suite.config);
  // Printed first, so a user pointing CHARTS_ROOT/SUITE_CONFIG at a repo sees which config ran.
  process.stdout.write(
    `helm-contract-tests: ${configLine}\n${toolNotes(suite)
      .map((n) => `helm-contract-tests: ${n}\n`)
      .join('')}`,
  );
  project?.provide('hctSuite', suite);
  const counts = await prerender(suite);
  const cells = suite.charts.reduce((n, c) => n + cellsOf(suite, c.config.id).length, 0);
  const renderers = suite.config.defaults.renderers;
  const prerenderMs = performance.now() - started;
  // `vitest` (watch mode) re-runs: the config or the charts may have changed since.
  project?.onTestsRerun(async () => {
    const again = await openSuite().catch((err: unknown) => {
      if (err instanceof UserError) return null;
      throw err;
    });
    project.provide('hctSuite', again);
    if (again) await prerender(again);
  });
  const chartsOnly = process.env.HCT_CHARTS_ONLY === '1' && project?.vitest.projects.every((p) => p.name === 'charts');
  return async () => {
    const stats = await readRenderStats(runDir);
    process.stdout.write(
      `\nhelm-contract-tests: ${configLine}\n${cells} cells × ${renderers.length} renderers (${renderers.join(', ')}) = ${cells * renderers.length} subjects; ` +
        `${counts.jobs} unique suite renders + ${counts.unitJobs} chart test renders pre-rendered in ${(prerenderMs / 1000).toFixed(1)}s\n` +
        `renders: ${stats.executed} executed, ${stats.cached} served from cache, ${stats.unique} unique keys, ` +
        `${stats.duplicates.length} executed more than once\n` +
        (chartsOnly ? CHARTS_ONLY_NOTE : ''),
    );
    await rm(runDir, { recursive: true, force: true });
  };
}
