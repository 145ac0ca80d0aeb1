// `npm run bench`: how close the suite runs to the cost of its renders, measured as
// ratios in one run on this machine, written to bench/results.json and printed.
// One module per figure under scripts/bench/ (listed in scripts/bench/registry.ts):
//  1. limit   the suite's unique renders as bare helm/kubectl processes, 2 at a time.
//  2. cold    `vitest run` on an empty render cache ÷ limit (plus vitest start-up apart);
//     3. warm `vitest run` again on the full cache (same module).
//  4. naive   one `helm template | grep` per assertion ÷ our cold `npm run check`.
//  5. scale   synthetic suites of 1, 4, 16 copies of the charts: time per render stays flat.
//  6. shards  shard 1/2 and 2/2 vs the full run, cold and warm.
//  7. bigchart a 250 kB Chart.yaml vs an ordinary one, per render.
//     schema  objects validated per second by the schema contract; its share of npm run check.
// vitest runs happen in a snapshot of the working tree so parallel edits cannot skew them.
// Flags: --only limit,cold,naive,scale,shards,bigchart,fluxkit,schema (subset), --copies 1,4,16, --out FILE.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseCli } from '../src/cli/args.js';
import { runMain, UserError } from '../src/errors.js';
import { formatTable } from '../src/report/table.js';
import { openSuite } from '../src/suite/session.js';
import { cellsOf } from '../src/suite/renders.js';
import { planRenders } from '../src/suite/world.js';
import { benchContext, type Figure, type Row } from './bench/figure.js';
import { r2 } from './bench/measure.js';
import { FIGURES } from './bench/registry.js';
import { ROOT } from './bench/vitest-run.js';

type Results = Record<string, unknown>;

const ALL = FIGURES.map((f) => f.id);
const USAGE = `usage: npm run bench -- [--only ${ALL.join(',')}] [--copies 1,4,16] [--out bench/results.json]`;
const PARALLEL = 2;
/** Fields that describe a whole run, not one figure. */
const RUN_FIELDS = ['generatedAt', 'loadAverageAtStart', 'loadAverageAtEnd', 'benchSeconds', 'machine', 'tools', 'suite'];

/** The figures to run: those asked for and those they need, in registry order. */
function selected(only: string[]): Figure[] {
  const want = new Set<string>();
  const add = (id: string) => {
    if (want.has(id)) return;
    want.add(id);
    for (const n of FIGURES.find((f) => f.id === id)?.needs ?? []) add(n);
  };
  only.forEach(add);
  return FIGURES.filter((f) => want.has(f.id));
}

/**
 * Merge into an existing file when only some figures ran. The file's run-level fields
 * keep describing the run that measured its other figures; the partial run's own go under
 * partialRuns, so a later subset run never re-dates or re-labels figures it did not measure.
 */
async function mergeWithPrevious(outFile: string, results: Results, only: string[]): Promise<Results> {
  try {
    const previous = JSON.parse(await readFile(outFile, 'utf8')) as Results;
    const parts = Object.fromEntries(Object.entries(results).filter(([k]) => !RUN_FIELDS.includes(k)));
    const run = Object.fromEntries(RUN_FIELDS.map((k) => [k, results[k]]));
    const partialRuns = { ...(previous.partialRuns as Results | undefined), [only.join(',')]: run };
    return { ...previous, ...parts, partialRuns };
  } catch {
    return results; // no previous results
  }
}

await runMain(async () => {
  const { values } = parseCli(process.argv.slice(2), { only: { type: 'string' }, copies: { type: 'string' }, out: { type: 'string' } }, USAGE);
  const only = values.only ? values.only.split(',') : ALL;
  for (const o of only) if (!ALL.includes(o)) throw new UserError(`--only ${o}: not a bench part (${ALL.join(', ')})`);
  const copies = (values.copies ?? '1,4,16').split(',').map(Number);
  const outFile = path.resolve(values.out ?? path.join(ROOT, 'bench', 'results.json'));
  const started = performance.now();

  const tmp = await mkdtemp(path.join(os.tmpdir(), 'hct-bench-'));
  try {
    const suite = await openSuite();
    const jobs = planRenders(suite);
    const cells = suite.charts.reduce((n, c) => n + cellsOf(suite, c.config.id).length, 0);
    const results: Results = {
      generatedAt: new Date().toISOString(),
      loadAverageAtStart: os.loadavg().map(r2),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGiB: r2(os.totalmem() / 2 ** 30),
        platform: `${os.type()} ${os.release()} ${os.arch()}`,
        node: process.version,
      },
      tools: Object.fromEntries(Object.values(suite.tools).map((t) => [t.id, t.version])),
      suite: { charts: suite.charts.length, cells, helmRenderers: suite.config.defaults.renderers, uniqueRenders: jobs.length },
    };
    const ctx = benchContext({ suite, jobs, tmp, parallel: PARALLEL, copies });
    const rows: Row[] = [];
    // A figure that fails (a timeout on a loaded machine) is a MISSED row with its reason; the
    // figures after it still run, except those that need it.
    const failed = new Set<string>();
    for (const figure of selected(only)) {
      const missing = (figure.needs ?? []).filter((n) => failed.has(n));
      if (missing.length > 0) {
        failed.add(figure.id);
        rows.push({ what: figure.title, figure: 'not run', goal: '-', met: false, note: `needs ${missing.join(', ')}, which failed` });
        continue;
      }
      try {
        const out = await figure.run(ctx);
        Object.assign(results, out.results);
        Object.assign(ctx.results, out.results);
        Object.assign(ctx.internal, out.internal);
        rows.push(...out.rows);
      } catch (err) {
        failed.add(figure.id);
        const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0];
        results[figure.id] = { failed: reason };
        rows.push({ what: figure.title, figure: 'failed', goal: '-', met: false, note: reason });
      }
    }

    results.loadAverageAtEnd = os.loadavg().map(r2);
    results.benchSeconds = r2((performance.now() - started) / 1000);
    await mkdir(path.dirname(outFile), { recursive: true });
    const merged = values.only ? await mergeWithPrevious(outFile, results, only) : results;
    await writeFile(outFile, JSON.stringify(merged, (k, v: unknown) => (k === 'fileSeconds' ? undefined : v), 2) + '\n');
    const m = results.machine as { cpus: number; cpuModel: string };
    const cellsOfRow = (r: Row) => [r.what, r.figure, r.goal, r.met === undefined ? '' : r.met ? 'met' : 'MISSED', r.note ?? ''];
    process.stdout.write(
      `helm-contract-tests bench on ${m.cpus} cores (${m.cpuModel}), node ${process.version}; suite ${suite.charts.length} charts, ${cells} cells, ${jobs.length} unique renders\n\n` +
        formatTable(['figure', 'measured', 'goal', '', 'note'], rows.map(cellsOfRow)) +
        `\n\nwritten to ${path.relative(process.cwd(), outFile)} in ${results.benchSeconds}s\n`,
    );
    return failed.size > 0 ? 1 : 0;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});
