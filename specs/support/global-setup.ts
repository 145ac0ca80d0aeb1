// Runs once per `npm test`: pre-renders every unique render of the suite in parallel
// (so spec files and workers only read the cache), then reports how many renders ran.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readRenderStats } from '../../src/render/cache.js';

export default async function setup(): Promise<() => Promise<void>> {
  const runDir = await mkdtemp(path.join(os.tmpdir(), 'hct-run-'));
  // Workers inherit the environment: their render events land in the same run log.
  process.env.HCT_RUN_DIR = runDir;
  const started = performance.now();
  let planned = 0;
  let cells = 0;
  let renderers: string[] = [];
  let configLine = '';
  try {
    // Imported here so a suite that cannot load still lets the harness specs run and report.
    const { openSuite } = await import('../../src/suite/session.js');
    const { cellsOf, renderMany } = await import('../../src/suite/renders.js');
    const { planRenders } = await import('../../src/suite/world.js');
    const { describeConfigSource } = await import('../../src/config/load.js');
    const suite = await openSuite();
    configLine = describeConfigSource(suite.config);
    // Printed first, so a user pointing CHARTS_ROOT/SUITE_CONFIG at a repo sees which config ran.
    process.stdout.write(`helm-contract-tests: ${configLine}\n`);
    const jobs = planRenders(suite);
    planned = jobs.length;
    cells = suite.charts.reduce((n, c) => n + cellsOf(suite, c.config.id).length, 0);
    renderers = suite.config.defaults.renderers;
    // Failures are left for the specs to report with their own context.
    await renderMany(suite, jobs, 2);
  } catch {
    // A broken suite config is reported by the specs that load it.
  }
  const prerenderMs = performance.now() - started;
  return async () => {
    const stats = await readRenderStats(runDir);
    process.stdout.write(
      `\nhelm-contract-tests: ${configLine ? `${configLine}\n` : ''}${cells} cells × ${renderers.length} renderers (${renderers.join(', ')}) = ${cells * renderers.length} subjects; ` +
        `${planned} unique suite renders pre-rendered in ${(prerenderMs / 1000).toFixed(1)}s\n` +
        `renders: ${stats.executed} executed, ${stats.cached} served from cache, ${stats.unique} unique keys, ` +
        `${stats.duplicates.length} executed more than once\n`,
    );
    await rm(runDir, { recursive: true, force: true });
  };
}
