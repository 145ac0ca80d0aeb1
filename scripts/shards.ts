// `npm run shards`: reproduces the CI sharding locally. Runs vitest as shard 1/2 and 2/2
// with the blob reporter into a temp dir, merges the blobs (`--merge-reports`), runs the
// whole suite once with the json reporter, and compares the test counts and test ids:
// the shards must cover the suite exactly (no test lost, none run twice).
// Everything runs in a snapshot of the working tree (node_modules linked, .git copied), so edits made
// meanwhile cannot skew one run against the other.
// `--write-weights` also stores the full run's seconds per spec file in specs/shard-weights.json.
// Not part of `npm test` (it runs `npm test`'s vitest itself). Exit 0 when equal, 1 when not.
import { cp, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { formatTable } from '../src/report/table.js';

export interface VitestCounts {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  /** `file › full name` of every test, sorted. */
  ids: string[];
}

export interface ShardRun {
  label: string;
  seconds: number;
  exitCode: number | undefined;
}

export interface ShardComparison {
  shards: ShardRun[];
  merge: ShardRun;
  full: ShardRun;
  merged: VitestCounts;
  whole: VitestCounts;
  /** Test ids found in one side only. */
  onlyMerged: string[];
  onlyFull: string[];
  equal: boolean;
  /** Seconds per spec file in the full run (specs/shard-weights.json format). */
  weights: Record<string, number>;
}

interface JsonReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; startTime?: number; endTime?: number; assertionResults: { fullName: string; status: string }[] }[];
}

async function readReport(file: string): Promise<JsonReport> {
  return JSON.parse(await readFile(file, 'utf8')) as JsonReport;
}

/** Seconds per spec file of a json report: the weights the sharding sequencer packs by. */
function fileSeconds(r: JsonReport, root: string): Record<string, number> {
  const entries = r.testResults.map(
    (f) => [path.relative(root, f.name).split(path.sep).join('/'), Math.max(0.1, Math.round(((f.endTime ?? 0) - (f.startTime ?? 0)) / 100) / 10)] as const,
  );
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
}

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** Copy the working tree, .git included (without node_modules and outputs) to `dest`, linking node_modules. */
export async function snapshotTree(dest: string): Promise<string> {
  const skip = new Set(['node_modules', 'out', '.vitest-reports', 'bench/tmp'].map((p) => path.join(ROOT, p)));
  // Timestamps kept: the global setup rebuilds dist/ when src/ looks newer than it.
  await cp(ROOT, dest, { recursive: true, preserveTimestamps: true, filter: (src) => !skip.has(src) });
  await symlink(path.join(ROOT, 'node_modules'), path.join(dest, 'node_modules'), 'dir');
  return dest;
}

async function vitest(cwd: string, label: string, args: string[], env: Record<string, string> = {}): Promise<ShardRun> {
  const started = performance.now();
  const res = await execa('vitest', args, { cwd, preferLocal: true, reject: false, stdin: 'ignore', env, all: true });
  const run = { label, seconds: (performance.now() - started) / 1000, exitCode: res.exitCode };
  // Failing tests are fine here (counts are compared either way); a crash is not.
  if (res.exitCode !== 0 && res.exitCode !== 1) throw new Error(`vitest ${args.join(' ')} exited ${res.exitCode}:\n${String(res.all).slice(-3000)}`);
  return run;
}

function counts(r: JsonReport, root: string): VitestCounts {
  const ids = r.testResults.flatMap((f) => f.assertionResults.map((a) => `${path.relative(root, f.name)} › ${a.fullName}`)).sort();
  return {
    total: r.numTotalTests,
    passed: r.numPassedTests,
    failed: r.numFailedTests,
    skipped: r.numPendingTests + r.numTodoTests,
    ids,
  };
}

/** Run the shards one after the other, merge, run the full suite; compare. `env` is passed to every vitest. */
export async function compareShards(
  opts: { count?: number; env?: Record<string, string>; shardEnv?: (i: number) => Record<string, string> } = {},
): Promise<ShardComparison> {
  const n = opts.count ?? 2;
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'hct-shards-'));
  try {
    const tree = await snapshotTree(path.join(tmp, 'tree'));
    const blobs = path.join(tmp, 'blobs');
    const shards: ShardRun[] = [];
    for (let i = 1; i <= n; i++) {
      shards.push(
        await vitest(tree, `shard ${i}/${n}`, ['run', `--shard=${i}/${n}`, '--reporter=blob', `--outputFile=${path.join(blobs, `blob-${i}-${n}.json`)}`], {
          ...opts.env,
          ...opts.shardEnv?.(i),
        }),
      );
    }
    const found = (await readdir(blobs)).filter((f) => f.endsWith('.json'));
    if (found.length !== n) throw new Error(`expected ${n} blob reports in ${blobs}, found ${found.join(', ') || 'none'}`);
    const mergedFile = path.join(tmp, 'merged.json');
    const merge = await vitest(tree, 'merge-reports', ['--merge-reports', blobs, '--reporter=json', `--outputFile=${mergedFile}`], opts.env);
    const fullFile = path.join(tmp, 'full.json');
    const full = await vitest(tree, 'full run', ['run', '--reporter=json', `--outputFile=${fullFile}`], opts.env);
    const fullReport = await readReport(fullFile);
    const merged = counts(await readReport(mergedFile), tree);
    const whole = counts(fullReport, tree);
    const inFull = new Set(whole.ids);
    const inMerged = new Set(merged.ids);
    const onlyMerged = merged.ids.filter((id) => !inFull.has(id));
    const onlyFull = whole.ids.filter((id) => !inMerged.has(id));
    const equal =
      merged.total === whole.total &&
      merged.passed === whole.passed &&
      merged.failed === whole.failed &&
      merged.skipped === whole.skipped &&
      onlyMerged.length === 0 &&
      onlyFull.length === 0;
    return { shards, merge, full, merged, whole, onlyMerged, onlyFull, equal, weights: fileSeconds(fullReport, tree) };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

export function formatComparison(c: ShardComparison): string {
  const line = (label: string, v: VitestCounts) => [label, String(v.total), String(v.passed), String(v.failed), String(v.skipped)];
  const out = [
    formatTable(['run', 'tests', 'passed', 'failed', 'skipped'], [line(`merged ${c.shards.length} shards`, c.merged), line('full run', c.whole)]),
    '',
    formatTable(
      ['vitest process', 'wall s', 'exit'],
      [...c.shards, c.merge, c.full].map((r) => [r.label, r.seconds.toFixed(1), String(r.exitCode)]),
    ),
    '',
  ];
  for (const id of c.onlyMerged) out.push(`  only in the merged shards: ${id}`);
  for (const id of c.onlyFull) out.push(`  only in the full run: ${id}`);
  out.push(c.equal ? `shards cover the suite exactly: ${c.whole.total} tests either way` : 'MISMATCH: the shards do not add up to the full run');
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const c = await compareShards();
  process.stdout.write(formatComparison(c) + '\n');
  // --write-weights: refresh the durations `--shard` balances by (specs/support/sequencer.ts).
  if (process.argv.includes('--write-weights')) {
    const file = path.join(ROOT, 'specs', 'shard-weights.json');
    await writeFile(file, JSON.stringify(c.weights, null, 2) + '\n');
    process.stdout.write(`wrote ${Object.keys(c.weights).length} spec-file durations to ${path.relative(ROOT, file)}\n`);
  }
  process.exitCode = c.equal ? 0 : 1;
}
