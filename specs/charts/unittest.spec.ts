// The suite's charts' helm-unittest files (tests/*_test.yaml, or the chart's `unittest`
// globs in the suite config), on every renderer: each file a describe, each test an it,
// titled chart › suite › test › renderer. Runs on whatever CHARTS_ROOT / SUITE_CONFIG name.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HelmRendererId } from '../../src/model/release.js';
import type { TestResult, TestSuite } from '../../src/unittest/index.js';
import { importDist } from '../support/dist.js';
import { providedSuite } from '../support/provided-suite.js';

// The compiled engine (dist/, rebuilt by the global setup when src changed), loaded by node:
// this file tests the charts, not the engine, and vitest's transform of it costs ~2× the load.
const [{ suiteTestFiles }, { formatTestFailure, loadTestFile, runTestFile, UnitRenderer }, suite] = await Promise.all([
  importDist<typeof import('../../src/suite/unittest.js')>('suite/unittest.js'),
  importDist<typeof import('../../src/unittest/index.js')>('unittest/index.js'),
  providedSuite(),
]);
const renderers = suite.config.defaults.renderers;
const charts = await suiteTestFiles(suite);
const unitRenderer = new UnitRenderer(suite.tools);
afterAll(() => unitRenderer.dispose());

// One run per file × renderer (render once), shared by that file's `it`s.
const runs = new Map<string, Promise<TestResult[]>>();
function resultsOf(chart: (typeof charts)[number], file: string, suites: TestSuite[], renderer: HelmRendererId): Promise<TestResult[]> {
  const key = `${file}\0${renderer}`;
  let p = runs.get(key);
  if (!p) {
    const opts = { chart: chart.chart, chartDir: chart.chartDir, renderer, timeoutMs: suite.config.defaults.timeoutMs, unitRenderer };
    // The file as loaded below (once per file, not once per renderer).
    p = runTestFile(file, opts, suites).then((r) => r.suites.flatMap((s) => s.tests));
    runs.set(key, p);
  }
  return p;
}

const files = await Promise.all(
  charts.flatMap((c) =>
    c.files.map(async (file) => ({
      chart: c,
      file,
      rel: path.relative(c.chartDir, file),
      suites: await loadTestFile(file, path.relative(suite.config.root, file)),
    })),
  ),
);

describe(`helm-unittest files of ${suite.config.root}`, () => {
  it('every chart without test files is named (nothing is silently idle)', () => {
    const without = charts.filter((c) => c.files.length === 0).map((c) => c.chart);
    if (without.length) console.info(`no helm-unittest files for: ${without.join(', ')} (tests/*_test.yaml or the chart's unittest globs)`);
    expect(files.length + without.length).toBeGreaterThan(0);
  });

  // Plain loops, not .each: titles are shown whole, never truncated.
  for (const { chart, file, rel, suites } of files)
    describe(`${chart.chart} › ${rel}`, () => {
      const cases = suites.flatMap((s, si) =>
        s.tests.flatMap((t, ti) =>
          renderers.map((renderer) => ({ si, ti, renderer, title: `${chart.chart} › ${s.name || path.basename(file)} › ${t.it} › ${renderer}` })),
        ),
      );
      for (const { si, ti, renderer, title } of cases)
        it(title, async (ctx) => {
          const results = await resultsOf(chart, file, suites, renderer);
          const offset = suites.slice(0, si).reduce((n, s) => n + s.tests.length, 0);
          const result = results[offset + ti];
          if (result.skipped) {
            ctx.skip(result.skipped);
            return;
          }
          // The failure text is the message: file:line of each failed assertion, template, path, expected, actual.
          expect(result.passed, formatTestFailure(result)).toBe(true);
        });
    });
});
