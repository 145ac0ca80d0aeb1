import { describe, expect, it } from 'vitest';
import { mapLimit } from '../../src/suite/pool.js';

/** Resolves on a later macrotask, so concurrent calls overlap. */
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

describe('mapLimit', () => {
  it('keeps item order and never runs more than `limit` at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      for (let i = 0; i < n; i++) await tick();
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });

  it('no items: no calls, an empty result; a failing item rejects the whole map with its error', async () => {
    let calls = 0;
    await expect(mapLimit([], 4, async () => ++calls)).resolves.toEqual([]);
    expect(calls).toBe(0);
    await expect(
      mapLimit(['a', 'b', 'c'], 3, async (s) => {
        if (s === 'b') throw new Error('render of b failed');
        return s;
      }),
    ).rejects.toThrow('render of b failed');
  });
});
