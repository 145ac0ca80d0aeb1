// Timing helpers shared by every bench figure: wall time, the CPU time of waited-for
// children (Linux /proc), medians, and environment/cache scaffolding.
import { mkdir, readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import { cacheRoot } from '../../src/paths.js';

export interface Timed<T> {
  value: T;
  wall: number;
  cpu: number;
}

const CLK_TCK = 100;

/** user+sys seconds of all children this process has waited for (and their waited-for descendants). */
async function childCpu(): Promise<number> {
  const stat = await readFile('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After `(comm) `: fields[0] is state (field 3); cutime is field 16, cstime field 17.
  return (Number(fields[13]) + Number(fields[14])) / CLK_TCK;
}

export async function timed<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  const cpu0 = await childCpu();
  const t0 = performance.now();
  const value = await fn();
  return { value, wall: (performance.now() - t0) / 1000, cpu: (await childCpu()) - cpu0 };
}

/** `n` timed runs one after the other and the one of median wall time: one run on a shared machine is noisy. */
export async function timedRuns<T>(n: number, fn: (i: number) => Promise<T>): Promise<{ runs: Timed<T>[]; median: Timed<T> }> {
  const runs: Timed<T>[] = [];
  for (let i = 0; i < n; i++) runs.push(await timed(() => fn(i)));
  return { runs, median: [...runs].sort((a, b) => a.wall - b.wall)[Math.floor(n / 2)] };
}

/** ABBA order of the two sides in round `i`, so a load change during a loop hits both alike. */
export const abba = (i: number) => (i % 2 ? (['big', 'normal'] as const) : (['normal', 'big'] as const));

export const r2 = (n: number) => Math.round(n * 100) / 100;
export const log = (s: string) => process.stderr.write(`bench: ${s}\n`);
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A render cache root with the pinned tools linked in and no renders. */
export async function freshCache(parent: string, name: string): Promise<string> {
  const dir = path.join(parent, name);
  await mkdir(dir, { recursive: true });
  await symlink(path.join(cacheRoot(), 'tools'), path.join(dir, 'tools'), 'dir');
  return dir;
}

export async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
