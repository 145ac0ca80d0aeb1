// 6. shards: shard 1/2 and 2/2 run one after the other vs the full run, cold (each shard
// with its own empty cache, as on separate CI runners) and warm (shared cache).
import type { Figure } from './figure.js';
import { freshCache, log, r2 } from './measure.js';
import { vitestRun, type VitestRun } from './vitest-run.js';

export const shards: Figure = {
  id: 'shards',
  title: 'two shards vs the full run',
  async run(ctx) {
    const { tmp } = ctx;
    const t = await ctx.snapshot();
    const { cold: coldFull, warm: warmFull } = await ctx.fullRuns();
    log('shards: shard 1/2 and 2/2 one after the other, each on its own empty cache');
    const cold1 = await vitestRun(t, ['--shard=1/2'], { HCT_CACHE_DIR: await freshCache(tmp, 'cache-shard-1') });
    const cold2 = await vitestRun(t, ['--shard=2/2'], { HCT_CACHE_DIR: await freshCache(tmp, 'cache-shard-2') });
    log('shards: warm (one shared, full cache)');
    const shared = ctx.mainCache;
    const warm1 = await vitestRun(t, ['--shard=1/2'], { HCT_CACHE_DIR: shared });
    const warm2 = await vitestRun(t, ['--shard=2/2'], { HCT_CACHE_DIR: shared });
    const ratios = (full: VitestRun, a: VitestRun, b: VitestRun) => [r2(a.wall / full.wall), r2(b.wall / full.wall)];
    const coldR = ratios(coldFull, cold1, cold2);
    // What a duration-balanced split would give: longest-processing-time-first over the
    // full run's per-file durations (vitest --shard splits by file count, by path hash).
    const bins = [0, 0];
    for (const f of coldFull.fileSeconds ?? []) bins[bins[0] <= bins[1] ? 0 : 1] += f.seconds;
    const balancedShare = Math.max(...bins) / (bins[0] + bins[1] || 1);
    const fileShare = (run: VitestRun) =>
      (run.fileSeconds ?? []).reduce((n, f) => n + f.seconds, 0) / ((coldFull.fileSeconds ?? []).reduce((n, f) => n + f.seconds, 0) || 1);
    const warmR = ratios(warmFull, warm1, warm2);
    return {
      results: {
        shards: {
          cold: { full: coldFull, shard1: cold1, shard2: cold2, ratios: coldR, met: coldR.every((x) => x <= 0.6) },
          warm: { full: warmFull, shard1: warm1, shard2: warm2, ratios: warmR, met: warmR.every((x) => x <= 0.6) },
          testsAddUp: (cold1.tests ?? 0) + (cold2.tests ?? 0) === coldFull.tests,
          specFileTimeShare: [r2(fileShare(cold1)), r2(fileShare(cold2))],
          balancedSplitLargestShare: r2(balancedShare),
          balancedSplitNote: 'largest shard share of spec-file time if files were split by duration (LPT) instead of by path hash',
          goal: 'each shard ≤ 0.6 × the full run',
        },
      },
      rows: [
        {
          what: '6 shards cold (own cache each)',
          figure: `${cold1.wall}s + ${cold2.wall}s vs full ${coldFull.wall}s → ${coldR.join(', ')}`,
          goal: '≤ 0.6 each',
          met: coldR.every((x) => x <= 0.6),
          note: `tests ${cold1.tests}+${cold2.tests} = ${coldFull.tests}; spec-file time share ${r2(fileShare(cold1))}/${r2(fileShare(cold2))}; a duration-balanced split: ${r2(balancedShare)}`,
        },
        {
          what: '6 shards warm (shared cache)',
          figure: `${warm1.wall}s + ${warm2.wall}s vs full ${warmFull.wall}s → ${warmR.join(', ')}`,
          goal: '≤ 0.6 each',
          met: warmR.every((x) => x <= 0.6),
        },
      ],
    };
  },
};
