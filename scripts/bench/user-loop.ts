// The user's loop (issue 16): cold `npm test` on the user's charts (CHARTS_ROOT set, so the
// charts project alone) ÷ limit, its warm re-run, and a warm `helm-contract-tests check`.
import path from 'node:path';
import { execa } from 'execa';
import type { Figure } from './figure.js';
import { freshCache, log, r2, timedRuns } from './measure.js';
import { vitestRun } from './vitest-run.js';

export const userLoop: Figure = {
  id: 'user-loop',
  title: 'charts-only npm test (cold ÷ limit, warm) and a warm check',
  needs: ['limit'],
  async run(ctx) {
    // Like with like: the limit of every render this run needs (suite + chart test files); the suite-only one beside it.
    const limitWall = ctx.internal.limitWallWithChartTests as number;
    const suiteLimitWall = ctx.internal.limitWall as number;
    const tree = await ctx.snapshot();
    const cache = await freshCache(ctx.tmp, 'cache-user-loop');
    // A user's repository: CHARTS_ROOT names it (the bundled charts, copied in the snapshot).
    const env = { HCT_CACHE_DIR: cache, CHARTS_ROOT: path.join(tree, 'charts-under-test') };
    log('charts-only npm test, cold (CHARTS_ROOT set, empty render cache)');
    const cold = await vitestRun(tree, [], env);
    log('charts-only npm test, warm');
    const warm = await vitestRun(tree, [], env);
    log('helm-contract-tests check, warm ×3');
    const bin = path.join(tree, 'bin', 'helm-contract-tests.js');
    const { median: check, runs } = await timedRuns(3, () =>
      execa(process.execPath, [bin, 'check', '--format', 'json'], { cwd: tree, env, reject: false, stdin: 'ignore' }),
    );
    const ratio = cold.wall / limitWall;
    const suiteRatio = cold.wall / suiteLimitWall;
    return {
      results: {
        userLoop: {
          chartsOnlyCold: {
            wallSeconds: cold.wall,
            cpuSeconds: cold.cpu,
            tests: cold.tests,
            failed: cold.failed,
            prerenderSeconds: cold.prerenderSeconds,
            ratioToLimit: r2(ratio),
            ratioToSuiteOnlyLimit: r2(suiteRatio),
          },
          chartsOnlyWarm: { wallSeconds: warm.wall, cpuSeconds: warm.cpu, tests: warm.tests, prerenderSeconds: warm.prerenderSeconds },
          checkWarm: { wallSeconds: r2(check.wall), runs: runs.map((r) => r2(r.wall)), exitCode: check.value.exitCode },
        },
      },
      rows: [
        {
          what: 'charts-only npm test, cold ÷ limit',
          figure: `${cold.wall}s ÷ ${r2(limitWall)}s = ${r2(ratio)}`,
          goal: '≤ 1.5',
          met: ratio <= 1.5,
          note: `limit of suite + chart test renders; ÷ the suite-only limit ${r2(suiteLimitWall)}s: ${r2(suiteRatio)}; ${cold.cpu}s CPU; pre-render ${cold.prerenderSeconds ?? '?'}s; ${cold.tests} tests`,
        },
        {
          what: 'charts-only npm test, warm',
          figure: `${warm.wall}s`,
          goal: '-',
          met: undefined,
          note: `${warm.cpu}s CPU; pre-render (cache reads) ${warm.prerenderSeconds ?? '?'}s`,
        },
        {
          what: 'check, warm re-run',
          figure: `${r2(check.wall)}s`,
          goal: '≤ 1.2 s',
          met: check.wall <= 1.2,
          note: `runs ${runs.map((r) => r2(r.wall)).join(', ')}`,
        },
      ],
    };
  },
};
