// Specs spawn the compiled bin (dist/): rebuild it first when a source file is newer than
// the last build (dist/.built, else the newest compiled file), so a spec never tests
// yesterday's code. tsc is incremental: a rebuild after one edit recompiles little.
import { readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT } from './bin.js';

async function newest(dir: string): Promise<number> {
  let max = 0;
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const e of entries) {
    if (!e.isFile()) continue;
    const { mtimeMs } = await stat(path.join(e.parentPath, e.name));
    if (mtimeMs > max) max = mtimeMs;
  }
  return max;
}

/** Build dist/ when src/ changed since; returns whether it built. */
export async function ensureBuilt(): Promise<boolean> {
  const stamp = path.join(PROJECT, 'dist', '.built');
  const [src, dist] = await Promise.all([newest(path.join(PROJECT, 'src')), newest(path.join(PROJECT, 'dist'))]);
  if (dist >= src) return false;
  // execa only when building: every `npm test` passes here, most with nothing to build.
  const { execa } = await import('execa');
  const tsc = path.join(PROJECT, 'node_modules', 'typescript', 'bin', 'tsc');
  const res = await execa(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: PROJECT, reject: false, all: true });
  if (res.exitCode !== 0) throw new Error(`building the CLI (tsc -p tsconfig.build.json) failed:\n${res.all}`);
  // tsc emits nothing for a file saved unchanged: the stamp records that this build saw it.
  await writeFile(stamp, `${new Date().toISOString()}\n`);
  return true;
}
