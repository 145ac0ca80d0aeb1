// One render cache entry on disk: a header line with the body's length and hash, then the
// body. Written to a temp file and renamed (a reader never sees half a write), checked before
// use (a truncated, emptied or garbage entry is never served), and the cache kept under a
// total size by evicting the oldest entries.
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

const MAGIC = 'hct-render-v1';

export type EntryRead = { status: 'hit'; text: string } | { status: 'missing' } | { status: 'damaged'; reason: string };

export function entryFile(dir: string, key: string): string {
  return path.join(dir, `${key}.yaml`);
}

function sha256(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

/** The entry's text, or why it cannot be trusted. */
export async function readEntry(file: string): Promise<EntryRead> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return { status: 'missing' };
  }
  const nl = bytes.indexOf(0x0a);
  const header = (nl === -1 ? bytes : bytes.subarray(0, nl)).toString('utf8').split(' ');
  if (header[0] !== MAGIC || header.length !== 3) return { status: 'damaged', reason: bytes.length === 0 ? 'it is empty' : 'it has no valid header' };
  const body = bytes.subarray(nl + 1);
  if (body.length !== Number(header[1])) return { status: 'damaged', reason: `it holds ${body.length} bytes, its header says ${header[1]}` };
  if (sha256(body) !== header[2]) return { status: 'damaged', reason: 'its content does not match its hash' };
  return { status: 'hit', text: body.toString('utf8') };
}

/** Write atomically: temp file in the same folder, then rename. Owner-only (renders hold Secret values). */
export async function writeEntry(file: string, text: string): Promise<void> {
  const body = Buffer.from(text, 'utf8');
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(tmp, Buffer.concat([Buffer.from(`${MAGIC} ${body.length} ${sha256(body)}\n`), body]), { mode: 0o600 });
    await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true });
  }
}

/** Remove the oldest entries (by modification time) until the entries total at most `maxBytes`. */
export async function evictOldest(dir: string, maxBytes: number, keep: string): Promise<void> {
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
}
