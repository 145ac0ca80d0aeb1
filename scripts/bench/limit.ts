// 1. limit: every unique render of the suite run directly as helm/kubectl processes,
// `parallel` at a time: wall time and child CPU time (user+sys). Two sets: the suite's renders
// (planRenders: the figure as it always was), and those plus its chart test files' renders —
// every render a charts-only `npm test` needs, the set figure user-loop compares with.
import path from 'node:path';
import { commandsOf, runBare, testCommandsOf, type Command } from './commands.js';
import type { Figure } from './figure.js';
import { log, r2, timed, type Timed } from './measure.js';

export interface LimitResult {
  renders: number;
  parallel: number;
  wallSeconds: number;
  wallRuns: number[];
  cpuSeconds: number;
  perRenderCpuMs: number;
  perRenderWallMs: number;
  serialWallSeconds: number;
  /** The suite's renders plus its chart test files' renders (what a charts-only `npm test` renders). */
  withChartTests: { renders: number; chartTestRenders: number; wallSeconds: number; wallRuns: number[]; cpuSeconds: number };
}

const RUNS = 3;

/** The run of median wall time. */
const mid = (runs: Timed<void>[]) => [...runs].sort((a, b) => a.wall - b.wall)[Math.floor(runs.length / 2)];

export const limit: Figure = {
  id: 'limit',
  title: 'the suite’s unique renders as bare processes',
  async run({ suite, jobs, tmp, parallel }) {
    const commands = await commandsOf(suite, jobs, path.join(tmp, 'values'));
    const tests = await testCommandsOf(suite, path.join(tmp, 'values-tests'));
    try {
      const all: Command[] = [...commands, ...tests.commands];
      log(`limit: ${commands.length} suite renders (+ ${tests.commands.length} chart test renders) as bare processes, ${parallel} at a time`);
      await runBare(commands.slice(0, 2), 2); // warm the page cache for the binaries
      // Alternating, so a load change on the shared machine hits both sets alike.
      const suiteRuns: Timed<void>[] = [];
      const allRuns: Timed<void>[] = [];
      for (let i = 0; i < RUNS; i++) {
        suiteRuns.push(await timed(() => runBare(commands, parallel)));
        allRuns.push(await timed(() => runBare(all, parallel)));
      }
      const serial = await timed(() => runBare(commands, 1));
      const t = mid(suiteRuns);
      const a = mid(allRuns);
      const result: LimitResult = {
        renders: commands.length,
        parallel,
        wallSeconds: r2(t.wall),
        wallRuns: suiteRuns.map((x) => r2(x.wall)),
        cpuSeconds: r2(t.cpu),
        perRenderCpuMs: Math.round((t.cpu / commands.length) * 1000),
        perRenderWallMs: Math.round((t.wall / commands.length) * 1000),
        serialWallSeconds: r2(serial.wall),
        withChartTests: {
          renders: all.length,
          chartTestRenders: tests.commands.length,
          wallSeconds: r2(a.wall),
          wallRuns: allRuns.map((x) => r2(x.wall)),
          cpuSeconds: r2(a.cpu),
        },
      };
      return {
        results: { limit: result },
        internal: { limitWall: t.wall, limitWallWithChartTests: a.wall },
        rows: [
          {
            what: '1 limit (bare helm/kubectl)',
            figure: `${commands.length} suite renders: ${r2(t.wall)}s wall on ${parallel}, ${r2(t.cpu)}s CPU`,
            goal: '-',
            met: undefined,
            note: `median of ${suiteRuns.map((x) => r2(x.wall)).join(', ')}; serial ${r2(serial.wall)}s`,
          },
          {
            what: '1b limit with the chart test renders',
            figure: `${all.length} renders (${commands.length} suite + ${tests.commands.length} chart test): ${r2(a.wall)}s wall on ${parallel}, ${r2(a.cpu)}s CPU`,
            goal: '-',
            met: undefined,
            note: `median of ${allRuns.map((x) => r2(x.wall)).join(', ')}; what a charts-only npm test renders`,
          },
        ],
      };
    } finally {
      await tests.dispose();
    }
  },
};
