// Loads a compiled module of dist/ with node's own loader instead of vitest's transform (which
// runs every src module through its runner: about twice the start-up). vitest rewrites each
// `import()` it sees, so this one is compiled apart, with node's default loader. Types come from
// the src module dist was built from.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { PROJECT } from './bin.js';

const nativeImport = vm.compileFunction('return import(url)', ['url'], {
  importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
}) as (url: string) => Promise<unknown>;

/** `rel` under dist/, e.g. `suite/session.js`; call after ensureBuilt() so dist is today's src. */
export async function importDist<T>(rel: string): Promise<T> {
  return (await nativeImport(pathToFileURL(path.join(PROJECT, 'dist', rel)).href)) as T;
}
