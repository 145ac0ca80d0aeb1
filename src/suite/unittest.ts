// The suite's helm-unittest files: discovered per chart (`tests/*_test.yaml` or the chart's
// `unittest` globs), run on every renderer of the suite, folded into check rows so
// `npm run check` shows a `unittest` column and failed assertions as violations.
import path from 'node:path';
import { resolvePath } from '../config/load.js';
import { ConfigError } from '../errors.js';
import { chartTests, runChartTests, testViolations, type ChartTests, type TestFileRun } from '../unittest/index.js';
import { planTestRenders } from '../unittest/plan.js';
import { UnitRenderer, type UnitRenderRequest } from '../unittest/render.js';
import type { SnapshotOptions } from '../unittest/snapshot.js';
import type { CheckRow } from './check.js';
import type { Suite } from './session.js';

/** Test files of each chart; a chart whose configured globs match nothing is a config error. */
export async function suiteTestFiles(suite: Suite, charts?: string[]): Promise<ChartTests[]> {
  const picked = suite.charts.filter((c) => !charts || charts.includes(c.config.id));
  const found = await chartTests(picked.map((c) => ({ id: c.config.id, dir: resolvePath(suite.config, c.config.path), globs: c.config.unittest })));
  for (const [i, c] of picked.entries()) {
    if (c.config.unittest && found[i].files.length === 0) {
      throw new ConfigError(`chart ${c.config.id}: unittest ${c.config.unittest.join(', ')} match no test file under ${c.config.path}`);
    }
  }
  return found;
}

/** Every render the suite's test files ask for on the suite's renderers (for pre-rendering; throws as suiteTestFiles does). */
export async function planSuiteTestRenders(suite: Suite, charts?: string[]): Promise<UnitRenderRequest[]> {
  return planTestRenders(await suiteTestFiles(suite, charts), suite.config.defaults.renderers, suite.config.defaults.timeoutMs);
}

// One unit renderer per suite: a pre-render (prerender.ts) and the check of the same suite share
// its renders in memory, in flight or done; the check removes it (and its chart copies) when done.
const unitRenderers = new WeakMap<Suite, UnitRenderer>();

export function unitRendererOf(suite: Suite): UnitRenderer {
  let r = unitRenderers.get(suite);
  if (!r) unitRenderers.set(suite, (r = new UnitRenderer(suite.tools)));
  return r;
}

/** Drop the suite's unit renderer and its chart copies (a later use starts a new one). */
export async function disposeUnitRenderer(suite: Suite): Promise<void> {
  const r = unitRenderers.get(suite);
  unitRenderers.delete(suite);
  await r?.dispose();
}

/** Every test file on every renderer, as one check row per file × renderer (contract `unittest`). */
export async function checkUnitTests(suite: Suite, charts?: string[], snapshots?: SnapshotOptions): Promise<CheckRow[]> {
  try {
    const files = await suiteTestFiles(suite, charts);
    const runs = await runChartTests(files, suite.config.defaults.renderers, suite.tools, suite.config.defaults.timeoutMs, snapshots, unitRendererOf(suite));
    return runs.map((run) => rowOf(files, run));
  } finally {
    await disposeUnitRenderer(suite);
  }
}

function rowOf(files: ChartTests[], run: TestFileRun): CheckRow {
  const chartDir = files.find((f) => f.chart === run.chart)?.chartDir ?? path.dirname(run.file);
  const violations = run.suites.flatMap((s) => s.tests.flatMap((t) => testViolations(run.chart, chartDir, t)));
  return {
    chart: run.chart,
    cell: path.relative(chartDir, run.file).split(path.sep).join('/'),
    renderer: run.renderer,
    contract: 'unittest',
    applies: true,
    violations,
  };
}
