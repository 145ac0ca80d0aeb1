// HCT_CACHE_DIR: an empty value counts as unset (it used to make the cache a relative `tools/`
// folder in the working directory); a relative value is resolved against the working directory.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheRoot, projectRoot } from '../../src/paths.js';

const DEFAULT = path.join(projectRoot(), 'node_modules', '.cache', 'helm-contract-tests');
let saved: string | undefined;
beforeEach(() => {
  saved = process.env.HCT_CACHE_DIR;
});
afterEach(() => {
  if (saved === undefined) delete process.env.HCT_CACHE_DIR;
  else process.env.HCT_CACHE_DIR = saved;
});

describe('cacheRoot (HCT_CACHE_DIR)', () => {
  it("HCT_CACHE_DIR='' is the default cache, not the working directory", () => {
    process.env.HCT_CACHE_DIR = '';
    expect(cacheRoot()).toBe(DEFAULT);
    expect(path.isAbsolute(path.join(cacheRoot(), 'tools'))).toBe(true);
  });

  it('a relative HCT_CACHE_DIR is resolved against the working directory', () => {
    process.env.HCT_CACHE_DIR = 'ci-cache/hct';
    expect(cacheRoot()).toBe(path.join(process.cwd(), 'ci-cache', 'hct'));
  });

  it('no false alarm: unset is the default, an absolute path is kept as given', () => {
    delete process.env.HCT_CACHE_DIR;
    expect(cacheRoot()).toBe(DEFAULT);
    process.env.HCT_CACHE_DIR = '/var/cache/hct';
    expect(cacheRoot()).toBe('/var/cache/hct');
  });
});
