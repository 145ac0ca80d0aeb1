import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheRoot } from '../../src/paths.js';
import { hermeticEnv } from '../../src/render/engine.js';

describe('hermeticEnv', () => {
  const saved = process.env.HCT_CACHE_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.HCT_CACHE_DIR;
    else process.env.HCT_CACHE_DIR = saved;
  });

  it("points helm's three home dirs into the cache, never into $HOME", () => {
    process.env.HCT_CACHE_DIR = '/var/cache/hct';
    expect(hermeticEnv()).toEqual({
      HELM_CACHE_HOME: '/var/cache/hct/helm-home/cache',
      HELM_CONFIG_HOME: '/var/cache/hct/helm-home/config',
      HELM_DATA_HOME: '/var/cache/hct/helm-home/data',
    });
  });

  it('follows the default cache root when HCT_CACHE_DIR is unset', () => {
    delete process.env.HCT_CACHE_DIR;
    expect(hermeticEnv().HELM_CONFIG_HOME).toBe(path.join(cacheRoot(), 'helm-home', 'config'));
  });
});
