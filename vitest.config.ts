import { defineConfig } from 'vitest/config';
import WeightedSequencer from './specs/support/sequencer.js';

export default defineConfig({
  test: {
    include: ['specs/**/*.spec.ts'],
    // Renders are real helm/kubectl processes; on 2 cores more workers only contend.
    maxWorkers: 2,
    // --shard=i/n splits by measured duration (specs/shard-weights.json), not by file count.
    sequence: { sequencer: WeightedSequencer },
    globalSetup: ['specs/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
