// Render-once: a render is keyed by a hash of everything that can change its output
// (chart files, values, flags, renderer, tool version) and kept on disk, so every spec
// file and worker of a run — and the next run — reads it instead of spawning helm again.
// A lock file makes a second process wait for the first instead of rendering twice.
import { createHash } from 'node:crypto';
import { appendFile, mkdir, open, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cacheRoot } from '../paths.js';

export interface RenderEvent {
  key: string;
  chart: string;
  cell: string;
  renderer: string;
  /** True when the render ran a process; false when served from cache. */
  executed: boolean;
  durationMs: number;
}

function renderCacheDir(): string {
  return path.join(cacheRoot(), 'renders');
}

function cacheEnabled(): boolean {
  return process.env.HCT_RENDER_CACHE !== '0';
}

export function hashOf(value: unknown): string {
  return createHash('sha256').update(typeof value === 'string' ? value : JSON.stringify(value)).digest('hex');
}

/** Content hash of a directory tree: relative paths and file bytes, in sorted order. */
export async function hashTree(dir: string): Promise<string> {
  const h = createHash('sha256');
  const walk = async (rel: string): Promise<void> => {
    const entries = (await readdir(path.join(dir, rel), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(relPath);
      else if (e.isFile()) h.update(`${relPath}\0`).update(await readFile(path.join(dir, relPath))).update('\0');
    }
  };
  await walk('');
  return h.digest('hex');
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

async function record(event: RenderEvent): Promise<void> {
  const runDir = process.env.HCT_RUN_DIR;
  if (!runDir) return;
  await mkdir(runDir, { recursive: true });
  await appendFile(path.join(runDir, 'renders.jsonl'), JSON.stringify(event) + '\n');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Return the cached output for `key`, or run `produce` once (across processes) and cache it.
 * Failed renders are not cached: they fail again, with their own message, next time.
 */
export async function cachedRender(
  key: string,
  meta: { chart: string; cell: string; renderer: string; timeoutMs: number },
  produce: () => Promise<string>,
): Promise<{ text: string; cached: boolean }> {
  const started = performance.now();
  const done = async (text: string, executed: boolean) => {
    await record({ key, chart: meta.chart, cell: meta.cell, renderer: meta.renderer, executed, durationMs: performance.now() - started });
    return { text, cached: !executed };
  };
  if (!cacheEnabled()) return done(await produce(), true);

  const dir = renderCacheDir();
  const file = path.join(dir, `${key}.yaml`);
  const lock = path.join(dir, `${key}.lock`);
  await mkdir(dir, { recursive: true });
  const deadline = Date.now() + meta.timeoutMs + 10_000;
  for (;;) {
    const hit = await readIfExists(file);
    if (hit !== undefined) return done(hit, false);
    let handle;
    try {
      handle = await open(lock, 'wx');
    } catch {
      // Someone else is rendering this key: wait for their result (or their lock to go stale).
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > meta.timeoutMs + 10_000 || Date.now() > deadline) await rm(lock, { force: true });
      await sleep(25);
      continue;
    }
    try {
      const again = await readIfExists(file);
      if (again !== undefined) return done(again, false);
      const text = await produce();
      const tmp = `${file}.${process.pid}.tmp`;
      // Renders hold Secret values (chart-generated keys, kit variables): readable by the owner only.
      await writeFile(tmp, text, { mode: 0o600 });
      await rename(tmp, file);
      return done(text, true);
    } finally {
      await handle.close();
      await rm(lock, { force: true });
    }
  }
}

/** Summary of a run's render events (written by workers into HCT_RUN_DIR). */
export interface RenderStats {
  executed: number;
  cached: number;
  unique: number;
  /** Keys executed more than once in the run (should be none). */
  duplicates: string[];
  renderMs: number;
}

export async function readRenderStats(runDir: string): Promise<RenderStats> {
  const text = (await readIfExists(path.join(runDir, 'renders.jsonl'))) ?? '';
  const events = text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as RenderEvent);
  const executedKeys = new Map<string, number>();
  let renderMs = 0;
  for (const e of events) {
    if (e.executed) {
      executedKeys.set(e.key, (executedKeys.get(e.key) ?? 0) + 1);
      renderMs += e.durationMs;
    }
  }
  return {
    executed: events.filter((e) => e.executed).length,
    cached: events.filter((e) => !e.executed).length,
    unique: new Set(events.map((e) => e.key)).size,
    duplicates: [...executedKeys].filter(([, n]) => n > 1).map(([k]) => k),
    renderMs,
  };
}
