import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { orderByWeight, readWeights, splitByWeight } from '../support/sequencer.js';

describe('duration-weighted sharding', () => {
  it('packs heaviest first into the lightest shard, deterministically', () => {
    const weights = { a: 30, b: 20, c: 15, d: 10, e: 5 };
    // a→0 (30), b→1 (20), c→1 (35), d→0 (40), e→1 (40)
    expect(splitByWeight(['e', 'd', 'c', 'b', 'a'], weights, 2)).toEqual([
      ['a', 'd'],
      ['b', 'c', 'e'],
    ]);
  });

  it('gives every file to exactly one shard; unknown files weigh the median', () => {
    const files = ['x', 'y', 'z', 'a', 'b'];
    const shards = splitByWeight(files, { a: 9, b: 1, x: 5 }, 3);
    expect(shards.flat().sort()).toEqual([...files].sort());
    // y and z weigh the median 5: a→0, x→1, y→2, z→1, b→2
    expect(shards).toEqual([['a'], ['x', 'z'], ['y', 'b']]);
  });

  it('orders heaviest first without a results cache; equal and unknown (median) weights keep their order', () => {
    // x and y weigh the median 10, as d does.
    expect(orderByWeight(['e', 'a', 'x', 'c', 'b', 'y', 'd'], { a: 30, b: 20, c: 5, d: 10, e: 5 })).toEqual(['a', 'b', 'x', 'y', 'd', 'e', 'c']);
  });

  it('the committed weights name only spec files that exist, and split the suite within 0.6 of the total per shard', async () => {
    const files = (await readdir('specs', { recursive: true })).filter((f) => f.endsWith('.spec.ts')).map((f) => `specs/${f}`);
    const weights = readWeights();
    expect(Object.keys(weights).filter((f) => !files.includes(f))).toEqual([]);
    const total = files.reduce((n, f) => n + (weights[f] ?? 0), 0);
    for (const shard of splitByWeight(files, weights, 2)) {
      expect(shard.reduce((n, f) => n + (weights[f] ?? 0), 0) / total).toBeLessThanOrEqual(0.6);
    }
  });
});
