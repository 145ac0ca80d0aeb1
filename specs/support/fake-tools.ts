// Fake helm/kubectl binaries, only for tests of the harness's own fault handling
// (a helm that hangs, exits 1, prints garbage). Contract specs never use these.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Tool, Tools } from '../../src/tools/resolve.js';

export interface FakeBin {
  path: string;
  cleanup(): Promise<void>;
}

/** Write an executable bash script and return its path. */
export async function fakeBin(body: string, name = 'helm'): Promise<FakeBin> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hct-fake-'));
  const file = path.join(dir, name);
  await writeFile(file, `#!/usr/bin/env bash\n${body}\n`);
  await chmod(file, 0o755);
  return { path: file, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Real tools with one replaced by a fake binary. */
export function withFake(real: Tools, id: keyof Tools, bin: string): Tools {
  const fake: Tool = { ...real[id], path: bin, version: `fake-${path.basename(path.dirname(bin))}`, source: 'env' };
  return { ...real, [id]: fake };
}
