// 1. limit: every unique render of the suite run directly as helm/kubectl processes,
// `parallel` at a time: wall time and child CPU time (user+sys).
import path from 'node:path';
import { commandsOf, runBare } from './commands.js';
import type { Figure } from './figure.js';
import { log, r2, timed, timedRuns } from './measure.js';

export interface LimitResult {
  renders: number;
  parallel: number;
  wallSeconds: number;
  wallRuns: number[];
  cpuSeconds: number;
  perRenderCpuMs: number;
  perRenderWallMs: number;
  serialWallSeconds: number;
}

export const limit: Figure = {
  id: 'limit',
  title: 'the suite’s unique renders as bare processes',
  async run({ suite, jobs, tmp, parallel }) {
    log(`limit: ${jobs.length} renders as bare processes, ${parallel} at a time`);
    const commands = await commandsOf(suite, jobs, path.join(tmp, 'values'));
    await runBare(commands.slice(0, 2), 2); // warm the page cache for the binaries
    const { runs: tries, median: t } = await timedRuns(3, () => runBare(commands, parallel));
    const serial = await timed(() => runBare(commands, 1));
    const result: LimitResult = {
      renders: commands.length,
      parallel,
      wallSeconds: r2(t.wall),
      wallRuns: tries.map((x) => r2(x.wall)),
      cpuSeconds: r2(t.cpu),
      perRenderCpuMs: Math.round((t.cpu / commands.length) * 1000),
      perRenderWallMs: Math.round((t.wall / commands.length) * 1000),
      serialWallSeconds: r2(serial.wall),
    };
    return {
      results: { limit: result },
      internal: { limitWall: t.wall },
      rows: [
        {
          what: '1 limit (bare helm/kubectl)',
          figure: `${commands.length} renders: ${r2(t.wall)}s wall on ${parallel}, ${r2(t.cpu)}s CPU`,
          goal: '-',
          met: undefined,
          note: `median of ${tries.map((x) => r2(x.wall)).join(', ')}; serial ${r2(serial.wall)}s`,
        },
      ],
    };
  },
};
