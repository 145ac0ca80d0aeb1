// One render cache entry on disk: a header line with the body's lengths and hash, then the
// body: the renderer's text, then the parsed form kept beside it (JSON; absent when none was
// kept). Written to a temp file and renamed (a reader never sees half a write), checked before
// use (a truncated, emptied or garbage entry is never served), and the cache kept under a
// total size by evicting the oldest entries. The file name stays `<key>.yaml` across
// versions, so an entry of the first version (text only) is upgraded in place, never orphaned.
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

const MAGIC = 'hct-render-v2';
/** The first version: `hct-render-v1 <length> <sha256>`, the text alone. Still read; rewritten as v2 on use. */
const MAGIC_V1 = 'hct-render-v1';

export type EntryRead =
  | {
      status: 'hit';
      text: string;
      /** Byte length of the text (the output-size limit is checked against it). */
      textBytes: number;
      /** The parsed form kept beside the text, when one was. */
      kept?: string;
      /** An entry of the first version: rewrite it with the parsed form. */
      old: boolean;
    }
  | { status: 'missing' }
  | { status: 'damaged'; reason: string };

export function entryFile(dir: string, key: string): string {
  return path.join(dir, `${key}.yaml`);
}

function sha256(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

/** The entry's text and kept form, or why it cannot be trusted. */
export async function readEntry(file: string): Promise<EntryRead> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return { status: 'missing' };
  }
  const nl = bytes.indexOf(0x0a);
  const header = (nl === -1 ? bytes : bytes.subarray(0, nl)).toString('utf8').split(' ');
  // v2: MAGIC <text bytes> <kept bytes> <sha256 of both>; v1: MAGIC_V1 <text bytes> <sha256>.
  const old = header[0] === MAGIC_V1 && header.length === 3;
  if (!old && (header[0] !== MAGIC || header.length !== 4)) return { status: 'damaged', reason: bytes.length === 0 ? 'it is empty' : 'it has no valid header' };
  const textBytes = Number(header[1]);
  const keptBytes = old ? 0 : Number(header[2]);
  const body = bytes.subarray(nl + 1);
  if (!Number.isSafeInteger(textBytes) || !Number.isSafeInteger(keptBytes)) return { status: 'damaged', reason: 'it has no valid header' };
  if (body.length !== textBytes + keptBytes) return { status: 'damaged', reason: `it holds ${body.length} bytes, its header says ${textBytes + keptBytes}` };
  if (sha256(body) !== header[header.length - 1]) return { status: 'damaged', reason: 'its content does not match its hash' };
  const text = body.subarray(0, textBytes).toString('utf8');
  return { status: 'hit', text, textBytes, old, ...(keptBytes > 0 ? { kept: body.subarray(textBytes).toString('utf8') } : {}) };
}

/** Write atomically: temp file in the same folder, then rename. Owner-only (renders hold Secret values). Returns the bytes written. */
export async function writeEntry(file: string, text: string, kept?: string): Promise<number> {
  const textBody = Buffer.from(text, 'utf8');
  const keptBody = Buffer.from(kept ?? '', 'utf8');
  const body = Buffer.concat([textBody, keptBody]);
  const bytes = Buffer.concat([Buffer.from(`${MAGIC} ${textBody.length} ${keptBody.length} ${sha256(body)}\n`), body]);
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(tmp, bytes, { mode: 0o600 });
    await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true });
  }
  return bytes.length;
}

// A folder's total as this process knows it: counted (a stat per entry) at its first write, then
// kept up with what it writes itself, so a write costs no count until the cap is near. Counting at
// every write cost a stat per entry per write: a long `check --watch` on a growing cache slowed
// with every save. Other processes' writes are seen at the next count (cap passed, or every 1000 writes).
const tallies = new Map<string, { bytes: number; writes: number }>();
const RECOUNT_EVERY = 1000;

/**
 * Remove the oldest entries (by modification time) until the entries total at most `maxBytes`.
 * `written`: the bytes this process just wrote there (counted without a full count when under the cap).
 */
export async function evictOldest(dir: string, maxBytes: number, keep: string, written?: number): Promise<void> {
  const tally = tallies.get(dir);
  if (tally && written !== undefined && tally.writes < RECOUNT_EVERY && tally.bytes + written <= maxBytes) {
    tally.bytes += written;
    tally.writes++;
    return;
  }
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.yaml'));
  const entries = (
    await Promise.all(
      names.map(async (n) =>
        stat(path.join(dir, n)).then(
          (s) => ({ file: path.join(dir, n), size: s.size, mtime: s.mtimeMs }),
          () => undefined,
        ),
      ),
    )
  ).filter((e) => e !== undefined);
  let total = entries.reduce((sum, e) => sum + e.size, 0);
  for (const e of entries.sort((a, b) => a.mtime - b.mtime)) {
    if (total <= maxBytes) break;
    if (e.file === keep) continue;
    await rm(e.file, { force: true });
    total -= e.size;
  }
  tallies.set(dir, { bytes: total, writes: 0 });
}
