// Render-once: a render is keyed by a hash of everything that can change its output
// (chart files, values, flags, renderer, tool version) and kept on disk, so every spec
// file and worker of a run — and the next run — reads it instead of spawning helm again.
// A lock file makes a second process wait for the first instead of rendering twice; entries
// are verified before use (cache-entry.ts), locks name their owner (cache-lock.ts).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { appendFile, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { cacheRoot } from '../paths.js';
import { entryFile, evictOldest, readEntry, writeEntry } from './cache-entry.js';
import { lockIsStale, tryLock } from './cache-lock.js';

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
  return createHash('sha256')
    .update(typeof value === 'string' ? value : JSON.stringify(value))
    .digest('hex');
}

/** A tree's content hash, and its symbolic links that resolve outside it. */
export interface TreeDigest {
  hash: string;
  /** `relative/path → target` for each link leaving the tree (helm follows them). */
  outsideLinks: string[];
}

/**
 * Content hash of a directory tree: relative paths and file bytes, in sorted order; `skip`
 * leaves out a path and, for a folder, everything below it. Symbolic
 * links are followed, as helm follows them, so a changed link target changes the key. Every
 * render request hashes its chart (a warm run: about 80 times); synchronous reads of a chart's
 * few small files cost a third of the CPU of a promise per file.
 */
export async function treeDigest(dir: string, skip?: (rel: string, isDir: boolean) => boolean): Promise<TreeDigest> {
  const h = createHash('sha256');
  const root = realpathSync(dir);
  const outsideLinks: string[] = [];
  const visiting = new Set<string>();
  const statOrUndefined = (p: string) => {
    try {
      const target = realpathSync(p);
      return { target, st: statSync(target) };
    } catch {
      return undefined;
    }
  };
  const walk = (abs: string, rel: string): void => {
    const real = realpathSync(abs);
    if (visiting.has(real)) return; // a link cycle: each folder once
    visiting.add(real);
    const entries = readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      const entryAbs = path.join(abs, e.name);
      const linked = e.isSymbolicLink() ? statOrUndefined(entryAbs) : undefined;
      if (e.isSymbolicLink() && !linked) continue; // dangling: helm skips it too
      const isDir = linked ? linked.st.isDirectory() : e.isDirectory();
      const isFile = linked ? linked.st.isFile() : e.isFile();
      if (skip?.(relPath, isDir)) continue;
      if (linked && linked.target !== root && !linked.target.startsWith(root + path.sep)) outsideLinks.push(`${relPath} → ${linked.target}`);
      if (isDir) walk(entryAbs, relPath);
      else if (isFile) h.update(`${relPath}\0`).update(readFileSync(entryAbs)).update('\0');
    }
    visiting.delete(real);
  };
  walk(dir, '');
  return { hash: h.digest('hex'), outsideLinks };
}

/** Content hash of a directory tree (see treeDigest). */
export async function hashTree(dir: string): Promise<string> {
  return (await treeDigest(dir)).hash;
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

/** Limits on what the cache keeps (suite config `defaults.cache`). */
export interface CacheLimits {
  /** An output larger than this is used but not cached. */
  maxEntryBytes: number;
  /** The cache's total size; the oldest entries are evicted beyond it. */
  maxTotalBytes: number;
}

export const DEFAULT_CACHE_LIMITS: CacheLimits = { maxEntryBytes: 32 * 1024 * 1024, maxTotalBytes: 1024 * 1024 * 1024 };

export interface CachedResult<T> {
  value: T;
  cached: boolean;
  /** Set when a damaged entry was found and rendered again. */
  note?: string;
}

/**
 * A value kept in the entry beside the text, so a hit costs a JSON.parse instead of `accept`
 * (a YAML parse: most of a warm run's CPU). Without one an entry holds the text alone.
 */
export interface KeptForm<T> {
  /** The value as kept, or undefined to keep the text alone (a value JSON cannot hold exactly). */
  keep(value: T): string | undefined;
  /**
   * The value back from what keep() gave, or undefined when it is of another version (the text is
   * parsed instead and the entry rewritten). Throws, as `accept` does, when the output is unusable now.
   */
  restore(kept: string, textBytes: number): T | undefined;
}

/** `value` as JSON when JSON.parse gives back exactly it (plain objects and arrays, finite numbers, strings…); else undefined. */
export function exactJson(value: unknown): string | undefined {
  let exact = true;
  try {
    const json = JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
      const original = this[key]; // before toJSON: a Date would come back a string
      if (typeof original === 'number') exact &&= Number.isFinite(original) && !Object.is(original, -0);
      else if (typeof original === 'object') exact &&= original === null || Array.isArray(original) || Object.getPrototypeOf(original) === Object.prototype;
      else exact &&= typeof original === 'string' || typeof original === 'boolean';
      return v;
    });
    return exact ? json : undefined;
  } catch {
    return undefined; // a cycle or a bigint
  }
}

/**
 * Return the cached output for `key`, or run `produce` once (across processes) and cache it.
 * `accept` turns the text into its value (parses it) and throws when the text is unusable:
 * only accepted output is cached, so failed renders and invalid YAML fail again, with their
 * own message, next time. A damaged entry is rendered again, with a note saying so.
 */
export async function cachedRender<T = string>(
  key: string,
  meta: { chart: string; cell: string; renderer: string; timeoutMs: number },
  produce: () => Promise<string>,
  accept: (text: string) => T = (text) => text as T,
  limits: CacheLimits = DEFAULT_CACHE_LIMITS,
  form?: KeptForm<T>,
): Promise<CachedResult<T>> {
  const started = performance.now();
  let note: string | undefined;
  const done = async (value: T, executed: boolean) => {
    await record({ key, chart: meta.chart, cell: meta.cell, renderer: meta.renderer, executed, durationMs: performance.now() - started });
    return { value, cached: !executed, ...(note ? { note } : {}) };
  };
  if (!cacheEnabled()) {
    const text = await produce();
    return done(accept(text), true);
  }

  const dir = renderCacheDir();
  const file = entryFile(dir, key);
  const lock = path.join(dir, `${key}.lock`);
  const staleAfterMs = meta.timeoutMs + 10_000;
  const deadline = Date.now() + staleAfterMs;
  const store = async (text: string, value: T) => {
    const textBytes = Buffer.byteLength(text, 'utf8');
    if (textBytes > limits.maxEntryBytes) return;
    const kept = form?.keep(value);
    // The kept form is a shortcut: when text and form together pass the cap, the text alone is kept.
    const written = await writeEntry(file, text, kept !== undefined && textBytes + Buffer.byteLength(kept, 'utf8') <= limits.maxEntryBytes ? kept : undefined);
    await evictOldest(dir, limits.maxTotalBytes, file, written);
  };
  // A usable entry, or undefined (a damaged one is removed and noted, so it is rendered again).
  const hit = async (): Promise<{ value: T } | undefined> => {
    const read = await readEntry(file);
    if (read.status === 'hit') {
      try {
        const restored = read.kept !== undefined && form ? form.restore(read.kept, read.textBytes) : undefined;
        if (restored !== undefined) return { value: restored };
        const value = accept(read.text);
        // A first-version entry, or a kept form of another version: rewritten with the current form (best effort).
        if (form && (read.old || read.kept !== undefined)) await store(read.text, value).catch(() => undefined);
        return { value };
      } catch {
        note = `render cache entry ${key.slice(0, 12)} did not parse: removed and rendered again`;
      }
    } else if (read.status === 'damaged') {
      note = `render cache entry ${key.slice(0, 12)} was damaged (${read.reason}): removed and rendered again`;
    } else return undefined;
    await rm(file, { force: true });
    return undefined;
  };
  for (;;) {
    const cachedHit = await hit();
    if (cachedHit) return done(cachedHit.value, false);
    await mkdir(dir, { recursive: true }); // on a miss only: a warm run's hits need no folder made
    const held = await tryLock(lock);
    if (!held) {
      // Someone else is rendering this key: wait for their result, unless their lock is stale.
      if (Date.now() > deadline || (await lockIsStale(lock, staleAfterMs))) await rm(lock, { force: true });
      await sleep(25);
      continue;
    }
    try {
      const again = await hit();
      if (again) return done(again.value, false);
      const text = await produce();
      const value = accept(text);
      await store(text, value);
      return done(value, true);
    } finally {
      await held.release();
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
