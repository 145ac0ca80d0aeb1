// Loads a compiled module of dist/ with node's own loader instead of vitest's transform (which
// runs every src module through its runner: about twice the start-up). vitest rewrites each
// `import()` it sees, so this goes through `require`, which loads ES modules since node 20.19
// (same module instances as `import`; dist has no top-level await). Types come from the src
// module dist was built from.
import { createRequire } from 'node:module';
import path from 'node:path';
import { PROJECT } from './bin.js';

const require = createRequire(path.join(PROJECT, 'package.json'));

/** `rel` under dist/, e.g. `suite/session.js`; call after ensureBuilt() so dist is today's src. */
export async function importDist<T>(rel: string): Promise<T> {
  return require(path.join(PROJECT, 'dist', rel)) as T;
}
