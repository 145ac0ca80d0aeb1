import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['specs/**/*.spec.ts'],
    // Renders are real helm/kubectl processes; on 2 cores more workers only contend.
    maxWorkers: 2,
    globalSetup: ['specs/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
