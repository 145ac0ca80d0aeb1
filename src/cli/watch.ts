// `check --watch`: check once, then again on every saved change under the charts root (and
// the config file). A change inside one chart's folder re-checks that chart; any other
// change (suite.yaml, the kit, a shared values file) re-checks them all. Renders whose
// inputs did not change come from the render cache, which keys on content. Each check opens
// the suite once and starts every render it needs in one pool (prerender.ts): the contracts
// are evaluated while the chart test files' renders finish; the verdict comes after all ran.
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { loadSuiteConfig } from '../config/load.js';
import { needRenders } from '../contracts/index.js';
import type { SuiteConfig } from '../config/types.js';
import { UserError } from '../errors.js';
import { prerender, type Prerender } from '../suite/prerender.js';
import { openSuite, type Suite } from '../suite/session.js';
import { disposeUnitRenderer } from '../suite/unittest.js';
import { checkOnce, runsUnitTests, selectedContracts, type CheckArgs } from './check.js';

/** Changes within this window count as one save (editors write a file in several steps). */
const SETTLE_MS = 80;

/** Charts a changed file affects: the one whose folder holds it, else every chart (undefined). */
export function chartsAffected(config: SuiteConfig, file: string): string[] | undefined {
  const owners = config.charts.filter((c) => [c.path, c.kustomizeDir].some((dir) => dir !== undefined && isInside(path.resolve(config.root, dir), file)));
  return owners.length > 0 ? owners.map((c) => c.id) : undefined;
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Runs until interrupted; every check prints its verdict line on stderr. */
export async function watch(args: CheckArgs): Promise<number> {
  if (args.format === 'json') throw new UserError('--watch prints a report per change: use it with --format text', 2);
  const config = await loadSuiteConfig({ root: args.open.root, configFile: args.open.configFile });
  await timedCheck(args, undefined, 'start');
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const onChange = (file: string) => {
    // Editor swap/backup files and VCS internals are no one's input.
    if (/(^|[/\\])(\.git|node_modules)([/\\]|$)|~$|\.sw[px]$/.test(file)) return;
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...pending];
      pending.clear();
      running = running.then(() => recheck(args, files));
    }, SETTLE_MS);
  };
  const watchers: FSWatcher[] = [watchTree(config.root, onChange)];
  if (!isInside(config.root, config.file)) watchers.push(fsWatch(config.file, () => onChange(config.file)));
  process.stderr.write(`watch: watching ${config.root} (Ctrl-C to stop)\n`);
  return new Promise((resolve) => {
    process.once('SIGINT', () => {
      for (const w of watchers) w.close();
      resolve(130);
    });
  });
}

function watchTree(root: string, onChange: (file: string) => void): FSWatcher {
  return fsWatch(root, { recursive: true }, (_event, name) => onChange(path.resolve(root, String(name ?? ''))));
}

async function recheck(args: CheckArgs, files: string[]): Promise<void> {
  const started = performance.now();
  // Re-open each time: the change may be to the config, or move a chart. A suite that does not
  // open re-checks everything (checkOnce reports why).
  let suite: Suite | undefined;
  let charts: string[] | undefined = [];
  try {
    suite = await openSuite(args.open);
    for (const file of files) {
      const affected = file === suite.config.file ? undefined : chartsAffected(suite.config, file);
      charts = affected && charts ? [...new Set([...charts, ...affected])] : undefined;
    }
    if (charts && args.charts) charts = charts.filter((c) => args.charts!.includes(c));
    if (charts?.length === 0) return;
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    charts = undefined;
  }
  const rel = files.map((f) => path.relative(process.cwd(), f) || f).join(', ');
  await timedCheck(args, charts ?? args.charts, `changed ${rel}`, suite, started);
}

async function timedCheck(args: CheckArgs, charts: string[] | undefined, why: string, opened?: Suite, started = performance.now()): Promise<void> {
  let code: number;
  let suite = opened;
  let pre: Prerender | undefined;
  try {
    suite ??= await openSuite(args.open);
    // What checkOnce renders: cells only for contracts that read renders, test files for `unittest`.
    pre = await prerender(suite, {
      charts: charts ?? args.charts,
      suiteRenders: needRenders(selectedContracts(args.contracts)),
      testRenders: runsUnitTests(args.contracts),
    });
    // The check starts once the contracts' renders are in memory (so it starts no process of
    // its own); the chart test files' renders go on in the pool meanwhile.
    await pre.suiteDone;
    code = await checkOnce(args, charts, suite);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    // A broken save is reported and watched on: the next save may fix it.
    process.stderr.write(`error: ${err.message}\n${err.hint ? `  fix: ${err.hint}\n` : ''}`);
    code = err.exitCode;
  } finally {
    // Every render ends before the verdict, so none outlives its check.
    await pre?.done;
    if (suite) await disposeUnitRenderer(suite);
  }
  const verdict = code === 0 ? 'holds' : code === 1 ? 'violations' : 'error';
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  process.stderr.write(`watch: ${why}: ${verdict} (exit ${code}) in ${seconds}s${charts ? ` [${charts.join(', ')}]` : ''}\n`);
}
