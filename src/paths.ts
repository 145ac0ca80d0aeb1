// Where the project and its cache are on disk: the project root (the folder holding
// node_modules with the pinned tool packages) and the cache of tools and renders.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Project root: the folder holding node_modules with the pinned packages. */
export function projectRoot(): string {
  // fileURLToPath, not URL.pathname: a checkout under a path with spaces or non-ASCII stays readable.
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
}

/** Cache of extracted tools and renders: HCT_CACHE_DIR, else node_modules/.cache/helm-contract-tests. */
export function cacheRoot(): string {
  return process.env.HCT_CACHE_DIR ?? path.join(projectRoot(), 'node_modules', '.cache', 'helm-contract-tests');
}
