// 8. unittest: a 300-test helm-unittest file over one chart (the conformance fixture, in a
// temp copy) on helm 4 and helm 3, cold render cache each round. Render once: 300 tests over
// 10 distinct input sets cost 10 renders per helm, not 300. Figure (issue 15): wall ÷
// (distinct renders × bare render time ÷ cores); goal ≤ 1.5. The bare renders (the same
// helm commands, one per core at a time) and the engine run alternate, ABBA, over 5 rounds
// (a shared machine's load moves), and the median ratio is reported.
import { cp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { helmTemplateArgs } from '../../src/render/helm.js';
import { readRenderStats } from '../../src/render/cache.js';
import { forgetResolvedTools, resolveTools } from '../../src/tools/resolve.js';
import { chartTests, runChartTests, UnitRenderer } from '../../src/unittest/index.js';
import { runBare, type Command } from './commands.js';
import type { Figure } from './figure.js';
import { freshCache, log, median, r2, timed, withEnv } from './measure.js';
import { ROOT } from './vitest-run.js';

const TESTS = 300;
const DISTINCT = 10;
const ROUNDS = 5;

/** 300 tests: test i renders with replicas = i mod 10, and asserts a little of everything. */
export function benchTestFile(tests = TESTS, distinct = DISTINCT): string {
  const lines = ['suite: bench', 'templates: [deployment.yaml, configmaps.yaml, secret.yaml]', 'tests:'];
  for (let i = 0; i < tests; i++) {
    const r = i % distinct;
    lines.push(
      `  - it: test ${i}`,
      `    set: {replicas: ${r}}`,
      '    asserts:',
      `      - equal: {path: spec.replicas, value: ${r}}`,
      '        template: deployment.yaml',
      '      - contains: {path: spec.template.spec.imagePullSecrets, content: {name: ghcr-pull}}',
      '        template: deployment.yaml',
      '      - matchRegex: {path: "spec.template.spec.containers[?(@.name == \'web\')].image", pattern: ":\\\\d"}',
      '        template: deployment.yaml',
      '      - hasDocuments: {count: 3}',
      '        template: configmaps.yaml',
      '      - isKind: {of: Secret}',
      '        template: secret.yaml',
    );
  }
  return lines.join('\n') + '\n';
}

interface Round {
  wall: number;
  bareWall: number;
  /** CPU seconds: the engine's own (this process) plus its helm children; the bare renders' children. */
  cpu: number;
  bareCpu: number;
  renders: number;
  helmProcesses: number;
  failed: number;
  testRuns: number;
}

export const unittest: Figure = {
  id: 'unittest',
  title: 'a 300-test helm-unittest file: wall ÷ (distinct renders × bare render ÷ cores)',
  async run({ suite, tmp }) {
    const base = path.join(tmp, 'unittest');
    const chartDir = path.join(base, 'conf');
    await cp(path.join(ROOT, 'specs/fixtures/unittest/conf'), chartDir, { recursive: true });
    await writeFile(path.join(chartDir, 'tests', 'bench_test.yaml'), benchTestFile());
    const renderers = suite.config.defaults.renderers;
    const cores = os.availableParallelism();
    const timeoutMs = suite.config.defaults.timeoutMs;
    // The engine's own commands for the distinct inputs (values as a file, as it passes them).
    await mkdir(path.join(base, 'values'), { recursive: true });
    const bare: Command[] = [];
    for (let r = 0; r < DISTINCT; r++) {
      const file = path.join(base, 'values', `v${r}.yaml`);
      await writeFile(file, JSON.stringify({ replicas: r }));
      for (const renderer of renderers) {
        const req = { chart: 'conf', cell: 'bench', renderer, chartDir, releaseName: 'bench', namespace: 'NAMESPACE', kubeVersion: '1.20.0', timeoutMs };
        bare.push({
          bin: suite.tools[renderer].path,
          args: helmTemplateArgs(req, [file]),
          label: `conf · bench · ${renderer}`,
        });
      }
    }
    await runBare(bare.slice(0, 2), 2); // page cache warm for the binaries
    const files = await chartTests([{ id: 'conf', dir: chartDir, globs: ['tests/bench_test.yaml'] }]);
    const engine = async (i: number): Promise<Omit<Round, 'bareWall' | 'bareCpu'>> => {
      const runDir = path.join(base, `run-${i}`);
      const cache = await freshCache(base, `cache-${i}`);
      return withEnv({ HCT_CACHE_DIR: cache, HCT_RUN_DIR: runDir }, async () => {
        forgetResolvedTools();
        const tools = await resolveTools();
        const unitRenderer = new UnitRenderer(tools);
        const own0 = process.cpuUsage();
        const t = await timed(() => runChartTests(files, renderers, tools, timeoutMs, undefined, unitRenderer));
        const own = process.cpuUsage(own0);
        await unitRenderer.dispose();
        forgetResolvedTools();
        const results = t.value.flatMap((run) => run.suites.flatMap((s) => s.tests));
        const stats = await readRenderStats(runDir);
        return {
          wall: t.wall,
          cpu: t.cpu + (own.user + own.system) / 1e6,
          renders: unitRenderer.renders,
          helmProcesses: stats.executed,
          failed: results.filter((x) => !x.passed).length,
          testRuns: results.length,
        };
      });
    };
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      log(`unittest round ${i + 1}/${ROUNDS}: ${TESTS} tests × ${renderers.length} helms vs ${bare.length} bare renders, ${cores} at a time`);
      const bareFirst = i % 2 === 0;
      const b1 = bareFirst ? await timed(() => runBare(bare, cores)) : undefined;
      const e = await engine(i);
      const b2 = bareFirst ? undefined : await timed(() => runBare(bare, cores));
      const b = (b1 ?? b2)!;
      rounds.push({ ...e, bareWall: b.wall, bareCpu: b.cpu });
    }
    // Bare render time per render = the parallel bare wall × cores ÷ renders, so the ideal is that wall itself.
    const ratios = rounds.map((r) => r.wall / ((r.renders * ((r.bareWall * cores) / bare.length)) / cores));
    const ratio = median(ratios);
    const mid = rounds[ratios.indexOf(ratio)];
    const figure = {
      tests: TESTS,
      renderers,
      testRuns: mid.testRuns,
      failed: mid.failed,
      distinctInputs: DISTINCT,
      renders: mid.renders,
      helmProcesses: mid.helmProcesses,
      bareRenderMs: Math.round(((mid.bareWall * cores) / bare.length) * 1000),
      cores,
      wallSeconds: r2(mid.wall),
      idealSeconds: r2(mid.bareWall * (mid.renders / bare.length)),
      ratio: r2(ratio),
      ratioRounds: ratios.map(r2),
      // Load-independent companion: all CPU the engine spent (itself + helm) ÷ the bare renders' CPU.
      cpuRatio: r2(median(rounds.map((r) => r.cpu / ((r.bareCpu * r.renders) / bare.length)))),
    };
    return {
      results: { unittest: figure },
      rows: [
        {
          what: `**unittest**: ${TESTS}-test file × ${renderers.length} helms, wall ÷ (${mid.renders} distinct renders × ${figure.bareRenderMs} ms bare ÷ ${cores} cores)`,
          figure: `**${r2(ratio)}** (${figure.wallSeconds} s vs ${figure.idealSeconds} s; rounds ${figure.ratioRounds.join(', ')}; CPU ÷ bare CPU ${figure.cpuRatio}; ${mid.helmProcesses} helm processes for ${mid.testRuns} test runs, ${mid.failed} failed)`,
          goal: '≤ 1.5',
          met: ratio <= 1.5 && mid.failed === 0 && mid.helmProcesses === mid.renders,
        },
      ],
    };
  },
};
