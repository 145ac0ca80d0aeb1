// 4. naive: the same assertions with one `helm template | grep` per assertion (as a bash
// script would), sequential, ÷ our cold `npm run check`.
import path from 'node:path';
import { execa } from 'execa';
import { hermeticEnv } from '../../src/render/engine.js';
import { checkSuite } from '../../src/suite/check.js';
import { cellsOf } from '../../src/suite/renders.js';
import { commandsOf } from './commands.js';
import type { Figure } from './figure.js';
import { freshCache, log, r2, timed, timedRuns } from './measure.js';
import { ROOT } from './vitest-run.js';

/** What a grep-style check would look for, per contract. */
const GREP: Record<string, string> = {
  'dual-mode-env': 'CATALYST_NEWAPI_ADDR',
  'secret-refs': 'secretKeyRef',
  reflector: 'reflector.v1.k8s.emberstack.com/reflection-allowed',
  'service-dns': 'kind: Service',
  probes: 'startupProbe',
  'version-lockstep': 'helm.sh/chart',
  'helm-parity': 'kind:',
};

export const naive: Figure = {
  id: 'naive',
  title: 'a render per assertion ÷ our cold check',
  // The limit ran beside it before the split; kept so `--only naive` measures the same.
  needs: ['limit'],
  async run({ suite, jobs, tmp }) {
    log('naive: counting assertions');
    const check = await checkSuite(suite);
    const assertions = check.rows.filter((r) => r.applies);
    const commands = await commandsOf(
      suite,
      assertions.map((a) => ({ chart: a.chart, renderer: a.renderer, cell: cellsOf(suite, a.chart).find((c) => c.name === a.cell)! })),
      path.join(tmp, 'naive-values'),
    );
    log(`naive: ${commands.length} assertions, one \`helm template | grep\` each, sequential`);
    const env = hermeticEnv();
    const naiveRun = await timed(async () => {
      for (const [i, c] of commands.entries()) {
        await execa('bash', ['-c', 'pat=$1; shift; "$@" | grep -q -e "$pat"; true', 'bash', GREP[assertions[i].contract] ?? 'kind:', c.bin, ...c.args], {
          reject: false,
          stdin: 'ignore',
          env,
        });
      }
    });
    log('ours: cold `npm run check` ×3');
    // Each run on its own empty cache, made outside the timed part.
    const caches: string[] = [];
    for (let i = 0; i < 3; i++) caches.push(await freshCache(tmp, `cache-check-${i}`));
    const { runs: oursRuns, median: ours } = await timedRuns(3, (i) =>
      execa(process.execPath, ['bin/helm-contract-tests.js', 'check'], { cwd: ROOT, reject: false, stdin: 'ignore', env: { HCT_CACHE_DIR: caches[i] } }),
    );
    const ratio = naiveRun.wall / ours.wall;
    return {
      results: {
        naive: {
          assertions: commands.length,
          assertionUnit: 'applicable contract check per chart × cell × helm major (CheckRow with applies=true)',
          naiveWallSeconds: r2(naiveRun.wall),
          naiveCpuSeconds: r2(naiveRun.cpu),
          naiveParallel: 1,
          oursColdCheckWallSeconds: r2(ours.wall),
          oursColdCheckRuns: oursRuns.map((x) => r2(x.wall)),
          oursColdCheckCpuSeconds: r2(ours.cpu),
          oursExitCode: ours.value.exitCode,
          ratio: r2(ratio),
          cpuRatio: r2(naiveRun.cpu / ours.cpu),
          goal: 'naive ÷ ours ≥ 3',
          met: ratio >= 3,
        },
      },
      rows: [
        {
          what: '4 naive ÷ ours',
          figure: `${r2(naiveRun.wall)}s ÷ ${r2(ours.wall)}s = ${r2(ratio)}`,
          goal: '≥ 3',
          met: ratio >= 3,
          note: `${commands.length} assertions = ${commands.length} helm runs vs ${jobs.length}; CPU ratio ${r2(naiveRun.cpu / ours.cpu)}`,
        },
      ],
    };
  },
};
