// The lock that makes a second process wait for the first instead of rendering the same key
// twice. It names its owner (pid, host, start time), so a lock left by a killed run (kill -9)
// is taken over at once instead of stalling the next run until it times out.
import { open, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';

export interface LockOwner {
  pid: number;
  host: string;
  /** When the owner took the lock (ms since epoch). */
  startedAt: number;
}

export type Lock = { release(): Promise<void> };

/** Take the lock, or undefined when another live owner holds it. */
export async function tryLock(file: string): Promise<Lock | undefined> {
  let handle;
  try {
    handle = await open(file, 'wx', 0o600);
  } catch {
    return undefined;
  }
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), startedAt: Date.now() };
  await handle.writeFile(JSON.stringify(owner));
  await handle.close();
  return { release: () => rm(file, { force: true }) };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when the lock's owner is gone: a process of this host that no longer runs, or a lock
 * older than `maxAgeMs` (an owner on another host, or a pid reused since). A lock without an
 * owner yet (being written) is gone only once it is a few seconds old.
 */
export async function lockIsStale(file: string, maxAgeMs: number): Promise<boolean> {
  const [text, age] = await Promise.all([
    readFile(file, 'utf8').catch(() => ''),
    stat(file).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    ),
  ]);
  if (age > maxAgeMs) return true;
  let owner: Partial<LockOwner>;
  try {
    owner = JSON.parse(text) as Partial<LockOwner>;
  } catch {
    return age > 2_000;
  }
  if (typeof owner.pid !== 'number' || owner.host !== os.hostname()) return false;
  return !alive(owner.pid);
}
