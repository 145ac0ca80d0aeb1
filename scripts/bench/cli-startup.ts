// CLI start-up: `helm-contract-tests --help` wall time (node itself, `node -e 0`, measured
// beside it: on a shared machine the difference is what the CLI costs).
import { execa } from 'execa';
import path from 'node:path';
import type { Figure } from './figure.js';
import { log, median, r2, timedRuns } from './measure.js';
import { ROOT } from './vitest-run.js';

const RUNS = 7;

export const cliStartup: Figure = {
  id: 'cli-startup',
  title: 'CLI start-up to first output',
  async run() {
    const bin = path.join(ROOT, 'bin', 'helm-contract-tests.js');
    log(`helm-contract-tests --help and node -e 0, ×${RUNS} each`);
    const help = await timedRuns(RUNS, () => execa(process.execPath, [bin, 'check', '--help'], { stdin: 'ignore' }));
    const bare = await timedRuns(RUNS, () => execa(process.execPath, ['-e', '0'], { stdin: 'ignore' }));
    const h = median(help.runs.map((r) => r.wall));
    const n = median(bare.runs.map((r) => r.wall));
    return {
      results: { cliStartup: { helpSeconds: r2(h), nodeSeconds: r2(n), runs: help.runs.map((r) => r2(r.wall)) } },
      rows: [{ what: 'CLI start-up (check --help)', figure: `${r2(h)}s (node alone ${r2(n)}s)`, goal: '≤ 0.3 s', met: h <= 0.3, note: `median of ${RUNS}` }],
    };
  },
};
