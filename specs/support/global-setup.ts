// Runs once per `npm test`: builds the CLI when src changed (specs spawn the compiled bin),
// stops the run at once when the suite config or a tool is wrong, pre-renders every
// render the charts project needs — the suite's and its chart test files' — in one pool of
// 2 processes (so spec files and workers only read the cache), then reports how many renders ran.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureBuilt } from './build.js';
import { importDist } from './dist.js';

/** Said when CHARTS_ROOT / SUITE_CONFIG made `npm test` run the charts project alone (see vitest.config.ts). */
const CHARTS_ONLY_NOTE =
  'helm-contract-tests: CHARTS_ROOT/SUITE_CONFIG is set, so only the `charts` project ran (your charts).\n' +
  "  the tool's own specs: npm run test:tool; everything on the bundled charts: CHARTS_ROOT= SUITE_CONFIG= npm test\n";

/** Renders under way at once: helm is CPU-bound and the machine this is tuned on has 2 cores. */
const PARALLEL = 2;

export default async function setup(project?: TestProject): Promise<() => Promise<void>> {
  await ensureBuilt();
  const runDir = await mkdtemp(path.join(os.tmpdir(), 'hct-run-'));
  // Workers inherit the environment: their render events land in the same run log.
  process.env.HCT_RUN_DIR = runDir;
  const started = performance.now();
  // The compiled modules, loaded by node: this process only renders, it tests nothing.
  const [{ UserError }, { readRenderStats }, { openSuite, toolNotes }, { cellsOf, renderJob }, { planRenders }, { describeConfigSource }, unit, { mapLimit }] =
    await Promise.all([
      importDist<typeof import('../../src/errors.js')>('errors.js'),
      importDist<typeof import('../../src/render/cache.js')>('render/cache.js'),
      importDist<typeof import('../../src/suite/session.js')>('suite/session.js'),
      importDist<typeof import('../../src/suite/renders.js')>('suite/renders.js'),
      importDist<typeof import('../../src/suite/world.js')>('suite/world.js'),
      importDist<typeof import('../../src/config/load.js')>('config/load.js'),
      importDist<typeof import('../../src/suite/unittest.js')>('suite/unittest.js'),
      importDist<typeof import('../../src/suite/pool.js')>('suite/pool.js'),
    ]);
  const { UnitRenderer } = await importDist<typeof import('../../src/unittest/render.js')>('unittest/render.js');
  let suite: Awaited<ReturnType<typeof openSuite>>;
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
  const jobs = planRenders(suite);
  // A test file that cannot be found or loaded plans nothing: its spec reports it.
  const unitJobs = await unit.planSuiteTestRenders(suite).catch(() => []);
  const cells = suite.charts.reduce((n, c) => n + cellsOf(suite, c.config.id).length, 0);
  const renderers = suite.config.defaults.renderers;
  const unitRenderer = new UnitRenderer(suite.tools, PARALLEL);
  const tasks = [...jobs.map((j) => () => renderJob(suite, j)), ...unitJobs.map((r) => () => unitRenderer.render(r))];
  // Failures are left for the specs to report with their own context.
  await mapLimit(tasks, PARALLEL, (task: () => Promise<unknown>) => task().catch(() => undefined));
  await unitRenderer.dispose();
  const prerenderMs = performance.now() - started;
  const chartsOnly = process.env.HCT_CHARTS_ONLY === '1' && project?.vitest.projects.every((p) => p.name === 'charts');
  return async () => {
    const stats = await readRenderStats(runDir);
    process.stdout.write(
      `\nhelm-contract-tests: ${configLine}\n${cells} cells × ${renderers.length} renderers (${renderers.join(', ')}) = ${cells * renderers.length} subjects; ` +
        `${jobs.length} unique suite renders + ${unitJobs.length} chart test renders pre-rendered in ${(prerenderMs / 1000).toFixed(1)}s\n` +
        `renders: ${stats.executed} executed, ${stats.cached} served from cache, ${stats.unique} unique keys, ` +
        `${stats.duplicates.length} executed more than once\n` +
        (chartsOnly ? CHARTS_ONLY_NOTE : ''),
    );
    await rm(runDir, { recursive: true, force: true });
  };
}
