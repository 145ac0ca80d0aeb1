import { defineConfig } from 'vitest/config';
import WeightedSequencer from './specs/support/sequencer.js';

// Two projects. `charts`: what tests the charts of the suite config (the contract matrix, chart
// test files) and, on the bundled charts, the facts and negative corpus about them. `tool`: the
// harness, faults, bump, config, ci specs. A spec that tests the suite config's charts goes in
// CHART_SPECS; a spec about the bundled charts only, in BUNDLED_CHART_SPECS.
const CHART_SPECS = ['specs/contracts/matrix.spec.ts', 'specs/charts/unittest.spec.ts'];
const BUNDLED_CHART_SPECS = ['specs/contracts/bundled-contract.spec.ts', 'specs/negative/**/*.spec.ts'];

// `CHARTS_ROOT=… npm test` is a user checking their own charts: the charts project alone, on
// their suite (the global setup says how to run the rest). `--project x` still picks freely.
const userCharts = Boolean(process.env.CHARTS_ROOT || process.env.SUITE_CONFIG);
const picked = process.argv.some((a) => a === '--project' || a.startsWith('--project='));
const chartsOnly = userCharts && !picked;
if (chartsOnly) process.env.HCT_CHARTS_ONLY = '1';

const timeouts = { testTimeout: 120_000, hookTimeout: 300_000 };
// One module graph per worker, not per file: re-importing src (ajv, yaml, the contracts) in every
// file cost more than half the in-process time. Specs that set process.env or chdir restore them.
const shared = { ...timeouts, isolate: false };

export default defineConfig({
  test: {
    // Renders are real helm/kubectl processes; on 2 cores more workers only contend.
    maxWorkers: 2,
    // --shard=i/n splits by measured duration (specs/shard-weights.json), not by file count.
    sequence: { sequencer: WeightedSequencer },
    // Root-level only: it runs once per vitest run whichever projects run.
    globalSetup: ['specs/support/global-setup.ts'],
    ...timeouts,
    projects: [
      {
        test: {
          name: 'charts',
          include: userCharts ? CHART_SPECS : [...CHART_SPECS, ...BUNDLED_CHART_SPECS],
          ...shared,
        },
      },
      ...(chartsOnly
        ? []
        : [
            {
              test: {
                name: 'tool',
                include: ['specs/**/*.spec.ts'],
                exclude: [...CHART_SPECS, ...BUNDLED_CHART_SPECS, '**/node_modules/**'],
                ...shared,
              },
            },
          ]),
    ],
  },
});
