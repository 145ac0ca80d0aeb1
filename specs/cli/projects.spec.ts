// `npm test` as a user runs it: two vitest projects (charts, tool); with CHARTS_ROOT or
// SUITE_CONFIG set only `charts` runs; a bad config or tool stops the run before any spec,
// with the CLI's one-line message.
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { PROJECT, VITEST } from '../support/bin.js';
import { NO_SUITE_ENV } from '../support/env.js';

const BUNDLED = path.join(PROJECT, 'charts-under-test');

async function listed(env: Record<string, string>, args: string[] = []): Promise<string[]> {
  const res = await execa(VITEST, ['list', '--filesOnly', ...args], { cwd: PROJECT, env: { ...NO_SUITE_ENV, ...env }, reject: false });
  expect(res.exitCode, String(res.stderr)).toBe(0);
  return String(res.stdout)
    .split('\n')
    .filter((l) => l.startsWith('['))
    .sort();
}

describe('vitest projects', () => {
  it('npm test runs both projects on the bundled charts: charts (matrix, bundled facts, negative corpus) and tool (the rest)', async () => {
    const files = await listed({});
    expect(files.filter((f) => f.startsWith('[charts] '))).toEqual(
      expect.arrayContaining([
        '[charts] specs/contracts/bundled-contract.spec.ts',
        '[charts] specs/contracts/matrix.spec.ts',
        '[charts] specs/negative/corpus.spec.ts',
        '[charts] specs/negative/pre-fix.spec.ts',
      ]),
    );
    expect(files).toContain('[tool] specs/cli/projects.spec.ts');
    expect(files).toContain('[tool] specs/faults/process.spec.ts');
    // Each file in one project only.
    const names = files.map((f) => f.replace(/^\[\w+\] /, ''));
    expect(new Set(names).size).toBe(names.length);
  });

  it('with CHARTS_ROOT (or SUITE_CONFIG) set, only the charts project runs, on the user suite', async () => {
    for (const env of [{ CHARTS_ROOT: BUNDLED }, { SUITE_CONFIG: path.join(BUNDLED, 'suite.yaml') }] as Record<string, string>[]) {
      const files = await listed(env);
      expect(
        files.every((f) => f.startsWith('[charts] ')),
        files.join('\n'),
      ).toBe(true);
      expect(files).toContain('[charts] specs/contracts/matrix.spec.ts');
      expect(files).toContain('[charts] specs/charts/unittest.spec.ts');
      expect(files).not.toContain('[charts] specs/negative/corpus.spec.ts');
    }
  });

  it('a charts-only run ends by saying how to run the rest', async () => {
    // The small example (one chart) rather than the bundled charts: the note is what is asserted, not the matrix.
    const env = { CHARTS_ROOT: path.join(PROJECT, 'examples/monorepo/repo'), SUITE_CONFIG: path.join(PROJECT, 'examples/monorepo/suite.yaml') };
    const res = await execa(VITEST, ['run', 'specs/contracts/matrix.spec.ts'], { cwd: PROJECT, env: { ...NO_SUITE_ENV, ...env }, reject: false });
    expect(res.exitCode, String(res.stderr)).toBe(0);
    expect(String(res.stdout).trimEnd().split('\n').slice(-2)).toEqual([
      'helm-contract-tests: CHARTS_ROOT/SUITE_CONFIG is set, so only the `charts` project ran (your charts).',
      "  the tool's own specs: npm run test:tool; everything on the bundled charts: CHARTS_ROOT= SUITE_CONFIG= npm test",
    ]);
  });

  it('npm run test:tool (--project tool) still runs the tool specs with CHARTS_ROOT set', async () => {
    const files = await listed({ CHARTS_ROOT: BUNDLED }, ['--project', 'tool']);
    expect(files).toContain('[tool] specs/cli/projects.spec.ts');
    expect(files.some((f) => f.startsWith('[charts] '))).toBe(false);
  });
});

describe('a bad config or tool stops npm test at once', () => {
  it('SUITE_CONFIG naming a missing file: exit 2, the one-line message, no spec runs', async () => {
    const missing = path.join(PROJECT, 'no-such-suite.yaml');
    const res = await execa(VITEST, ['run'], { cwd: PROJECT, env: { ...NO_SUITE_ENV, SUITE_CONFIG: missing }, reject: false });
    expect(res.exitCode).toBe(2);
    expect(String(res.stderr).trim()).toBe(`error: suite config ${missing}: no such file (set SUITE_CONFIG, or CHARTS_ROOT to a folder holding suite.yaml)`);
    expect(res.stdout).not.toContain('Test Files');
  });

  it('HELM_BIN naming a missing binary: exit 2, the tool message, no spec runs', async () => {
    const res = await execa(VITEST, ['run'], { cwd: PROJECT, env: { ...NO_SUITE_ENV, HELM_BIN: '/nonexistent/helm' }, reject: false });
    expect(res.exitCode).toBe(2);
    expect(String(res.stderr).trim().split('\n')[0]).toBe('error: helm 4: HELM_BIN=/nonexistent/helm is missing or not executable.');
    expect(res.stdout).not.toContain('Test Files');
  });
});
