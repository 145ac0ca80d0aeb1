// `vitest run` in the working-tree snapshot, with its timing, test counts and per-file durations.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { projectRoot } from '../../src/paths.js';
import { r2, timed, timedRuns } from './measure.js';

export const ROOT = projectRoot();

export interface VitestRun {
  wall: number;
  cpu: number;
  exitCode: number | undefined;
  tests?: number;
  failed?: number;
  /** From the global setup's closing lines. */
  prerenderSeconds?: number;
  rendersExecuted?: number;
  rendersCached?: number;
  /** The five spec files that took longest (vitest's per-file duration). */
  slowestFiles?: { file: string; seconds: number }[];
  /** Every spec file's duration (used for the balanced-split estimate; not written out). */
  fileSeconds?: { file: string; seconds: number }[];
}

let runSeq = 0;

export async function vitestRun(tree: string, args: string[], env: Record<string, string>): Promise<VitestRun> {
  const json = path.join(tree, '..', `vitest-${++runSeq}.json`);
  const t = await timed(() =>
    execa('vitest', ['run', ...args, '--reporter=dot', '--reporter=json', `--outputFile.json=${json}`], {
      cwd: tree,
      preferLocal: true,
      localDir: ROOT,
      reject: false,
      stdin: 'ignore',
      all: true,
      env: { ...env, CI: '1' },
    }),
  );
  const out = String(t.value.all ?? '');
  if (t.value.exitCode !== 0 && t.value.exitCode !== 1) throw new Error(`vitest ${args.join(' ')} exited ${t.value.exitCode}:\n${out.slice(-3000)}`);
  // eslint-disable-next-line no-control-regex
  const plain = out.replace(/\u001b\[[0-9;]*m/g, '');
  const pre = /unique suite renders (?:\+ \d+ chart test renders )?pre-rendered in ([\d.]+)s/.exec(plain);
  const ren = /renders: (\d+) executed, (\d+) served from cache/.exec(plain);
  const report = JSON.parse(await readFile(json, 'utf8')) as {
    numTotalTests: number;
    numFailedTests: number;
    testResults: { name: string; startTime: number; endTime: number }[];
  };
  const files = report.testResults
    .map((f) => ({ file: path.relative(tree, f.name), seconds: r2((f.endTime - f.startTime) / 1000) }))
    .sort((a, b) => b.seconds - a.seconds);
  const slowest = files.slice(0, 5);
  return {
    wall: r2(t.wall),
    cpu: r2(t.cpu),
    exitCode: t.value.exitCode,
    tests: report.numTotalTests,
    failed: report.numFailedTests,
    prerenderSeconds: pre ? Number(pre[1]) : undefined,
    rendersExecuted: ren ? Number(ren[1]) : undefined,
    rendersCached: ren ? Number(ren[2]) : undefined,
    slowestFiles: slowest,
    fileSeconds: files,
  };
}

/** Wall time of vitest running one trivial spec under a bare config (no global setup): fixed start-up. */
export async function vitestStartup(tmp: string): Promise<number[]> {
  const dir = path.join(tmp, 'trivial');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'trivial.spec.ts'), "import { it, expect } from 'vitest';\nit('starts', () => expect(1).toBe(1));\n");
  await writeFile(path.join(dir, 'vitest.config.mjs'), "export default { test: { include: ['trivial.spec.ts'], maxWorkers: 2 } };\n");
  const { runs } = await timedRuns(3, async () => {
    const res = await execa('vitest', ['run', '--config', path.join(dir, 'vitest.config.mjs'), '--root', dir], {
      cwd: ROOT,
      preferLocal: true,
      reject: false,
      stdin: 'ignore',
    });
    if (res.exitCode !== 0) throw new Error(`trivial vitest run failed: ${String(res.stderr).slice(0, 1000)}`);
  });
  return runs.map((t) => r2(t.wall));
}
