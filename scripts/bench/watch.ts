// Watch latency: `check --watch` on a copy of the bundled charts; a values file of one chart
// saved → the `watch: changed …` verdict line on stderr. Median of a few saves.
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import type { Figure } from './figure.js';
import { log, median, r2 } from './measure.js';
import { ROOT } from './vitest-run.js';

const SAVES = 5;
const FILE = 'platform/newapi/chart/values.yaml';

export const watchLatency: Figure = {
  id: 'watch',
  title: 'check --watch: save → verdict',
  async run({ tmp, mainCache }) {
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
      log(`watch: ${SAVES} saves of ${FILE}`);
      for (let i = 0; i < SAVES; i++) {
        await new Promise((r) => setTimeout(r, 300));
        const before = verdicts.length;
        const saved = performance.now();
        await writeFile(file, `${original}# save ${i}\n`);
        await waitFor(before + 1);
        latencies.push((verdicts[before] - saved) / 1000);
      }
      const m = median(latencies);
      return {
        results: { watch: { saveToVerdictSeconds: r2(m), runs: latencies.map(r2) } },
        rows: [
          { what: 'watch: save → verdict', figure: `${r2(m)}s`, goal: '≤ 1.5 s', met: m <= 1.5, note: `median of ${SAVES} (${latencies.map(r2).join(', ')})` },
        ],
      };
    } finally {
      child.kill('SIGINT');
      await child;
    }
  },
};
