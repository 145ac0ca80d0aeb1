// The pinned helm/kubectl are Linux x64 builds. Elsewhere (macOS, arm64) the suite looks on
// PATH for binaries of the right major instead, and says which it took. HCT_PLATFORM
// overrides the detected platform (specs use it to play a laptop).
import { access, constants } from 'node:fs/promises';
import path from 'node:path';

/** The platform the pinned builds run on. */
export const PINNED_PLATFORM = 'linux-x64';

/** `<os>-<arch>` as node names them (darwin-arm64, linux-x64…), or HCT_PLATFORM. */
export function detectedPlatform(env: NodeJS.ProcessEnv = process.env): string {
  return env.HCT_PLATFORM || `${process.platform}-${process.arch}`;
}

export function pinnedRunsHere(env: NodeJS.ProcessEnv = process.env): boolean {
  return detectedPlatform(env) === PINNED_PLATFORM;
}

/** Executables with these names on PATH, in PATH order (a name found in two folders, twice). */
export async function onPath(names: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const found: string[] = [];
  for (const dir of dirs) {
    for (const name of names) {
      const file = path.join(dir, name);
      if (
        await access(file, constants.X_OK).then(
          () => true,
          () => false,
        )
      )
        found.push(file);
    }
  }
  return found;
}
