// 2. cold: `vitest run` (= npm test) with an empty render cache, ÷ limit; plus the fixed
// vitest start-up (a trivial spec under a bare config), reported apart.
// 3. warm: `vitest run` again on the full cache: suite renders executed should be 0.
import path from 'node:path';
import { readRenderStats } from '../../src/render/cache.js';
import { forgetResolvedTools } from '../../src/tools/resolve.js';
import { openSuite } from '../../src/suite/session.js';
import { renderMany } from '../../src/suite/renders.js';
import { planRenders } from '../../src/suite/world.js';
import type { Figure, Row } from './figure.js';
import type { LimitResult } from './limit.js';
import { log, median, r2, withEnv } from './measure.js';
import { vitestStartup } from './vitest-run.js';

export const cold: Figure = {
  id: 'cold',
  title: 'cold and warm npm test ÷ limit',
  needs: ['limit'],
  async run(ctx) {
    const { jobs, tmp, parallel, mainCache } = ctx;
    const limitWall = ctx.internal.limitWall as number;
    log('vitest start-up (trivial spec, bare config) ×3');
    const startup = await vitestStartup(tmp);
    const s = median(startup);
    const { cold, warm } = await ctx.fullRuns();
    const ratio = cold.wall / limitWall;
    const adjusted = (cold.wall - s) / limitWall;
    // The specs render more than the suite (patched copies, pre-fix trees, bump sides):
    // scale the limit to the renders the cold run really executed.
    const perRender = limitWall / jobs.length;
    const scaledLimit = perRender * (cold.rendersExecuted ?? jobs.length);
    const renderAttributable = (cold.wall - warm.wall) / scaledLimit;
    // CPU time is far less sensitive to a busy shared machine than wall time.
    const limitCpu = (ctx.results.limit as LimitResult).cpuSeconds;
    const scaledLimitCpu = (limitCpu / jobs.length) * (cold.rendersExecuted ?? jobs.length);
    const renderCpuRatio = (cold.cpu - warm.cpu) / scaledLimitCpu;
    // The global setup pre-renders the suite's renders and its chart test files' renders: compared with the limit of both.
    const prerenderLimit = (ctx.internal.limitWallWithChartTests as number | undefined) ?? limitWall;
    const prerenderRatio = cold.prerenderSeconds !== undefined ? cold.prerenderSeconds / prerenderLimit : undefined;
    // The warm pre-render is the global setup's fixed part (open the suite, probe tools, hash, read cache).
    const prerenderRenderRatio =
      cold.prerenderSeconds !== undefined && warm.prerenderSeconds !== undefined ? (cold.prerenderSeconds - warm.prerenderSeconds) / prerenderLimit : undefined;
    const results: Record<string, unknown> = {};
    results.vitestStartup = { wallSeconds: s, runs: startup };
    results.cold = {
      ...cold,
      ratioToLimit: r2(ratio),
      ratioToLimitMinusStartup: r2(adjusted),
      prerenderRatio: prerenderRatio === undefined ? undefined : r2(prerenderRatio),
      prerenderMinusFixedRatio: prerenderRenderRatio === undefined ? undefined : r2(prerenderRenderRatio),
      limitScaledToExecutedRenders: r2(scaledLimit),
      ratioToScaledLimitMinusStartup: r2((cold.wall - s) / scaledLimit),
      renderCostRatio: r2(renderAttributable),
      limitCpuScaledToExecutedRenders: r2(scaledLimitCpu),
      renderCpuCostRatio: r2(renderCpuRatio),
      renderCpuCostRatioMeaning: '(cold CPU − warm CPU) ÷ (limit CPU per render × renders the cold run executed)',
      renderCostRatioMeaning: '(cold − warm) ÷ (limit per render × renders the cold run executed): what rendering inside vitest costs vs bare processes',
      goal: 'cold wall ≤ 1.5 × limit + vitest start-up',
      met: cold.wall <= 1.5 * limitWall + s,
    };
    // Some spec renders bypass the cache on purpose (faults specs set HCT_RENDER_CACHE=0,
    // harness specs make fresh keys), so the run's count is not 0. The goal is about the
    // suite's renders: re-plan them against the warm cache, as the global setup does, and
    // count how many would execute.
    const suiteWarm = await withEnv({ HCT_CACHE_DIR: mainCache, HCT_RUN_DIR: path.join(tmp, 'verify-run') }, async () => {
      forgetResolvedTools();
      const opened = await openSuite({ root: path.join(await ctx.snapshot(), 'charts-under-test') });
      await renderMany(opened, planRenders(opened), parallel);
      return readRenderStats(path.join(tmp, 'verify-run'));
    });
    forgetResolvedTools();
    const warmMet = suiteWarm.executed === 0;
    results.warm = {
      ...warm,
      renderSecondsSavedVsCold: r2(cold.wall - warm.wall),
      suiteRendersExecutedOnWarmCache: suiteWarm.executed,
      suiteRendersServedFromWarmCache: suiteWarm.cached,
      goal: 'suite renders executed on a full cache = 0 (the run total includes spec renders that bypass the cache on purpose)',
      met: warmMet,
    };
    const rows: Row[] = [
      { what: '  vitest start-up', figure: `${s}s (median of ${startup.join(', ')})`, goal: '-', met: undefined },
      {
        what: '2 cold npm test ÷ limit',
        figure: `${cold.wall}s ÷ ${r2(limitWall)}s = ${r2(ratio)} (minus start-up ${r2(adjusted)})`,
        goal: '≤ 1.5 + start-up',
        met: cold.wall <= 1.5 * limitWall + s,
        note: `${cold.tests ?? '?'} tests; global-setup pre-render of the ${jobs.length} suite renders + chart test renders ${cold.prerenderSeconds ?? '?'}s = ${prerenderRatio === undefined ? '?' : r2(prerenderRatio)} × their limit (1b) (${prerenderRenderRatio === undefined ? '?' : r2(prerenderRenderRatio)} × without its fixed part, the warm pre-render)`,
      },
      {
        what: '  cold, renders only',
        figure: `${cold.rendersExecuted ?? '?'} renders executed ≈ ${r2(scaledLimitCpu)}s CPU at the limit; (cold − warm CPU) ÷ that = ${r2(renderCpuRatio)}`,
        goal: '≤ 1.5',
        met: renderCpuRatio <= 1.5,
        note: `wall: ≈ ${r2(scaledLimit)}s at the limit, (cold − warm) ÷ that = ${r2(renderAttributable)}; (cold − start-up) ÷ it = ${r2((cold.wall - s) / scaledLimit)}`,
      },
      {
        what: '3 warm npm test',
        figure: `${warm.wall}s; suite renders: ${suiteWarm.executed} of ${jobs.length} executed; whole run: ${warm.rendersExecuted ?? '?'} executed (cache bypassed on purpose), ${warm.rendersCached ?? '?'} from cache`,
        goal: '0 suite renders',
        met: warmMet,
        note: `global-setup pre-render ${warm.prerenderSeconds ?? '?'}s (cold ${cold.prerenderSeconds ?? '?'}s); slowest spec files: ${(warm.slowestFiles ?? [])
          .slice(0, 3)
          .map((f) => `${f.file} ${f.seconds}s`)
          .join(', ')}`,
      },
    ];
    return { results, rows };
  },
};
