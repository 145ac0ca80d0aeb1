// parse: rendered output parsed into manifests (issue 17, item 8): one ConfigMap with
// 40,000 keys (about 1 MB) and 10 MB of such documents; time per MB should not grow with size.
import { parseManifests } from '../../src/manifests/parse.js';
import { bigConfigMap, renderOfSize } from '../../specs/support/fixtures/big-render.js';
import type { Figure } from './figure.js';
import { log, median, r2 } from './measure.js';

const RUNS = 3;

function msPerMb(text: string): { mb: number; ms: number; msPerMb: number } {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    parseManifests(text, { releaseNamespace: 'default', defaultSource: 'big' });
    runs.push(performance.now() - t);
  }
  const mb = text.length / 1024 / 1024;
  const ms = median(runs);
  return { mb: r2(mb), ms: r2(ms), msPerMb: r2(ms / mb) };
}

export const parse: Figure = {
  id: 'parse',
  title: 'rendered output parse time per MB (1 MB in one map, 10 MB of maps)',
  async run() {
    log('parse: 1 MB (one ConfigMap, 40k keys) and 10 MB renders');
    const oneMb = msPerMb(bigConfigMap(40_000));
    const tenMb = msPerMb(renderOfSize(10 * 1024 * 1024));
    const ratio = r2(tenMb.msPerMb / oneMb.msPerMb);
    return {
      results: { parse: { oneMb, tenMb, perMbRatio: ratio } },
      rows: [
        { what: 'parse 1 MB render (one 40k-key ConfigMap)', figure: `${oneMb.ms} ms (${oneMb.msPerMb} ms/MB)`, goal: '', met: undefined },
        { what: 'parse 10 MB render', figure: `${tenMb.ms} ms (${tenMb.msPerMb} ms/MB)`, goal: '', met: undefined },
        { what: 'parse time per MB, 10 MB ÷ 1 MB', figure: `${ratio}×`, goal: '≤ 2× (linear)', met: ratio <= 2 },
      ],
    };
  },
};
