// 5. scale: synthetic suites of 1, 4, 16 copies of the charts: planRenders + renderMany
// cold; time per unique render should stay flat.
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { setTopLevelScalar } from '../../specs/support/fixtures/yaml-edit.js';
import { openSuite } from '../../src/suite/session.js';
import { renderMany } from '../../src/suite/renders.js';
import { planRenders } from '../../src/suite/world.js';
import type { Figure } from './figure.js';
import { freshCache, log, r2, timed, withEnv } from './measure.js';
import { ROOT } from './vitest-run.js';

interface ScaleRun {
  copies: number;
  charts: number;
  renders: number;
  failures: number;
  wallSeconds: number;
  cpuSeconds: number;
  wallMsPerRender: number;
}

/** `charts-under-test` copied to `dest` with `copies - 1` renamed copies of every chart added to its suite. */
async function syntheticRoot(dest: string, copies: number): Promise<void> {
  const src = path.join(ROOT, 'charts-under-test');
  await cp(src, dest, { recursive: true });
  const config = parse(await readFile(path.join(src, 'suite.yaml'), 'utf8')) as { charts: Record<string, unknown>[] };
  const originals = [...config.charts];
  for (let k = 2; k <= copies; k++) {
    for (const chart of originals) {
      const prefix = `copies/c${k}`;
      const chartPath = String(chart.path);
      await cp(path.join(src, chartPath), path.join(dest, prefix, chartPath), { recursive: true });
      const chartYaml = path.join(dest, prefix, chartPath, 'Chart.yaml');
      const text = await readFile(chartYaml, 'utf8');
      // Located by parsing: a `name:`-shaped comment or block-scalar line is never the one edited.
      await writeFile(
        chartYaml,
        setTopLevelScalar(text, 'name', (name) => `${name}-c${k}`, chartYaml),
      );
      config.charts.push({
        ...chart,
        id: `${chart.id}-c${k}`,
        name: `${chart.name}-c${k}`,
        path: `${prefix}/${chartPath}`,
        ...(chart.kustomizeDir ? { kustomizeDir: `${prefix}/${chart.kustomizeDir}` } : {}),
      });
    }
  }
  await writeFile(path.join(dest, 'suite.yaml'), stringify(config));
}

export const scale: Figure = {
  id: 'scale',
  title: 'synthetic suites of n copies of the charts',
  async run({ tmp, parallel, copies }) {
    const runs: ScaleRun[] = [];
    for (const n of copies) {
      log(`scale: ${n} cop${n === 1 ? 'y' : 'ies'} of the charts, cold`);
      const root = path.join(tmp, `scale-${n}`);
      await syntheticRoot(root, n);
      const cache = await freshCache(tmp, `cache-scale-${n}`);
      await withEnv({ HCT_CACHE_DIR: cache }, async () => {
        const s = await openSuite({ root });
        const planned = planRenders(s);
        const t = await timed(() => renderMany(s, planned, parallel));
        runs.push({
          copies: n,
          charts: s.charts.length,
          renders: planned.length,
          failures: t.value.length,
          wallSeconds: r2(t.wall),
          cpuSeconds: r2(t.cpu),
          wallMsPerRender: Math.round((t.wall / planned.length) * 1000),
        });
      });
    }
    const per = runs.map((s) => s.wallMsPerRender);
    // Linear growth: the biggest suite costs no more per render than the smallest (+25% noise).
    const spread = per[per.length - 1] / per[0];
    const first = runs[0];
    const last = runs[runs.length - 1];
    const marginalMs = Math.round(((last.wallSeconds - first.wallSeconds) / (last.renders - first.renders || 1)) * 1000);
    return {
      results: {
        scale: {
          runs,
          perRenderLargestOverSmallest: r2(spread),
          marginalMsPerRender: marginalMs,
          goal: 'time per unique render flat or falling (largest suite ÷ smallest ≤ 1.25)',
          met: spread <= 1.25,
        },
      },
      rows: [
        {
          what: '5 scale 1/4/16 copies',
          figure: runs.map((s) => `${s.copies}×: ${s.renders} renders ${s.wallSeconds}s (${s.wallMsPerRender} ms/render)`).join('; '),
          goal: 'flat per render',
          met: spread <= 1.25,
          note: `per render ${copies[copies.length - 1]}× ÷ ${copies[0]}× = ${r2(spread)}; marginal ${marginalMs} ms/render${runs.some((s) => s.failures > 0) ? '; RENDER FAILURES' : ''}`,
        },
      ],
    };
  },
};
