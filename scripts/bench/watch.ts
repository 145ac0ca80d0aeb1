// Watch latency: `check --watch` on a copy of the bundled charts; a values file of one chart
// saved → the `watch: changed …` verdict line on stderr. Median of a few saves. After each save,
// the renders that save changes (the chart's suite renders and its chart test files' renders)
// run as bare helm processes, 2 at a time: what the same renders cost in the same minute.
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { planRenders } from '../../src/suite/world.js';
import { commandsOf, runBare, testCommandsOf } from './commands.js';
import type { Figure } from './figure.js';
import { log, median, r2, timed } from './measure.js';
import { ROOT } from './vitest-run.js';

const SAVES = 5;
const FILE = 'platform/newapi/chart/values.yaml';
const CHART = 'bp-newapi';

export const watchLatency: Figure = {
  id: 'watch',
  title: 'check --watch: save → verdict',
  async run({ suite, tmp, mainCache, parallel }) {
    // Renders of other charts beside it (kit releases) are unchanged by the save: served from the cache.
    const jobs = planRenders(suite, [CHART]).filter((j) => j.chart === CHART);
    const bare = [
      ...(await commandsOf(suite, jobs, path.join(tmp, 'watch-values'))),
      ...(await testCommandsOf(suite, path.join(tmp, 'watch-values-tests'), [CHART])).commands,
    ];
    const root = path.join(tmp, 'watch-charts');
    await cp(path.join(ROOT, 'charts-under-test'), root, { recursive: true });
    const child = execa(process.execPath, [path.join(ROOT, 'bin', 'helm-contract-tests.js'), 'check', '--watch', '--root', root], {
      cwd: root,
      env: { HCT_CACHE_DIR: mainCache, CHARTS_ROOT: '', SUITE_CONFIG: '' },
      reject: false,
      stdin: 'ignore',
    });
    const verdicts: number[] = [];
    let buffered = '';
    child.stderr.on('data', (c: Buffer) => {
      buffered += c.toString();
      for (const line of buffered.split('\n').slice(0, -1)) if (line.startsWith('watch: ')) verdicts.push(performance.now());
      buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
    });
    const waitFor = async (n: number) => {
      const deadline = performance.now() + 120_000;
      while (verdicts.length < n && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      if (verdicts.length < n) throw new Error('watch: no verdict within 120 s');
    };
    try {
      await waitFor(2); // the first check, then "watching"
      const file = path.join(root, FILE);
      const original = await readFile(file, 'utf8');
      const latencies: number[] = [];
      const bareWalls: number[] = [];
      log(`watch: ${SAVES} saves of ${FILE}, each followed by its ${bare.length} renders as bare processes`);
      for (let i = 0; i < SAVES; i++) {
        await new Promise((r) => setTimeout(r, 300));
        const before = verdicts.length;
        const saved = performance.now();
        await writeFile(file, `${original}# save ${i}\n`);
        await waitFor(before + 1);
        latencies.push((verdicts[before] - saved) / 1000);
        bareWalls.push((await timed(() => runBare(bare, parallel))).wall);
      }
      const m = median(latencies);
      const b = median(bareWalls);
      const ratios = latencies.map((l, i) => l / bareWalls[i]);
      return {
        results: {
          watch: {
            saveToVerdictSeconds: r2(m),
            runs: latencies.map(r2),
            renders: bare.length,
            bareRendersSeconds: r2(b),
            bareRuns: bareWalls.map(r2),
            ratioToBare: r2(median(ratios)),
          },
        },
        rows: [
          { what: 'watch: save → verdict', figure: `${r2(m)}s`, goal: '≤ 1.5 s', met: m <= 1.5, note: `median of ${SAVES} (${latencies.map(r2).join(', ')})` },
          {
            what: '… its renders as bare processes',
            figure: `${bare.length} renders (${jobs.length} suite + ${bare.length - jobs.length} chart test): ${r2(b)}s on ${parallel}`,
            goal: '-',
            met: undefined,
            note: `save → verdict ÷ bare, per save: median ${r2(median(ratios))} (${ratios.map(r2).join(', ')})`,
          },
        ],
      };
    } finally {
      child.kill('SIGINT');
      await child;
    }
  },
};
