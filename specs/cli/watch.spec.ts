// `check --watch` on a temp copy of the bundled charts: a saved template re-checks the chart that
// holds it, a broken suite.yaml is reported and watched on, Ctrl-C stops it. With chart test
// files: the verdict comes after them (a failing test file is a violation), and the check and
// the pre-render it starts with share every render (none runs twice).
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRenderStats } from '../../src/render/cache.js';
import { binCommand, PROJECT } from '../support/bin.js';
import { NO_SUITE_ENV } from '../support/env.js';

const TEMPLATE = 'platform/newapi/chart/templates/service.yaml';
let root = '';
let child: ResultPromise<{ reject: false; cwd: string; env: Record<string, string> }> | undefined;
const lines: string[] = [];

/** The next `watch:` line on stderr after `seen` lines matching `re`. */
async function nextWatchLine(from: number, re: RegExp, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const hit = lines.slice(from).find((l) => re.test(l));
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no line matching ${re} in:\n${lines.join('\n')}`);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hct-watch-'));
  await cp(path.join(PROJECT, 'charts-under-test'), root, { recursive: true });
  child = execa(...binCommand('check', ['--watch', '--root', root, '--contract', 'version-lockstep']), { reject: false, cwd: root, env: NO_SUITE_ENV });
  child.stderr.setEncoding('utf8');
  let partial = '';
  child.stderr.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });
});

afterAll(async () => {
  child?.kill('SIGKILL');
  await child;
  await rm(root, { recursive: true, force: true });
});

describe('check --watch', () => {
  it('checks once at start, then re-checks only the chart whose file was saved', async () => {
    await nextWatchLine(0, /^watch: watching /);
    expect(lines.find((l) => l.startsWith('watch: start: '))).toMatch(/^watch: start: holds \(exit 0\) in \d+\.\d\ds$/);
    const from = lines.length;
    const file = path.join(root, TEMPLATE);
    await writeFile(file, `${await readFile(file, 'utf8')}# saved\n`);
    expect(await nextWatchLine(from, /^watch: changed /)).toMatch(
      new RegExp(`^watch: changed ${TEMPLATE.replace(/\./g, '\\.')}: holds \\(exit 0\\) in \\d+\\.\\d\\ds \\[bp-newapi\\]$`),
    );
  });

  it('a broken suite.yaml is reported (exit 2 verdict) and the watch goes on; fixing it checks every chart', async () => {
    const config = path.join(root, 'suite.yaml');
    const good = await readFile(config, 'utf8');
    let from = lines.length;
    await writeFile(config, `${good}\nnot: [valid\n`);
    expect(await nextWatchLine(from, /^watch: changed suite\.yaml: /)).toMatch(/^watch: changed suite\.yaml: error \(exit 2\) in /);
    expect(lines.slice(from).some((l) => l.startsWith('error: '))).toBe(true);
    from = lines.length;
    await writeFile(config, good);
    expect(await nextWatchLine(from, /^watch: changed suite\.yaml: /)).toMatch(/^watch: changed suite\.yaml: holds \(exit 0\) in \d+\.\d\ds$/);
  });

  it('Ctrl-C stops it with exit 130', async () => {
    child!.kill('SIGINT');
    const res = await child!;
    expect(res.exitCode).toBe(130);
  });
});

describe('check --watch with chart test files', () => {
  const CHART = 'products/catalyst/chart';
  const TEST_FILE = `${CHART}/tests/api-deployment_test.yaml`;
  let root2 = '';
  let runDir = '';
  let watcher: ResultPromise<{ reject: false; cwd: string; env: Record<string, string> }> | undefined;
  const out: string[] = [];
  const err: string[] = [];
  const collect = (stream: NodeJS.ReadableStream, into: string[]) => {
    stream.setEncoding('utf8');
    let partial = '';
    stream.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      into.push(...parts);
    });
  };
  const verdict = async (from: number, re: RegExp) => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const hit = err.slice(from).find((l) => re.test(l));
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no line matching ${re} in:\n${err.join('\n')}`);
  };

  beforeAll(async () => {
    root2 = await mkdtemp(path.join(os.tmpdir(), 'hct-watch-unittest-'));
    runDir = await mkdtemp(path.join(os.tmpdir(), 'hct-watch-run-'));
    await cp(path.join(PROJECT, 'charts-under-test'), root2, { recursive: true });
    const args = ['--watch', '--root', root2, '--chart', 'bp-catalyst-platform', '--contract', 'helm-parity', '--contract', 'unittest'];
    watcher = execa(...binCommand('check', args), { reject: false, cwd: root2, env: { ...NO_SUITE_ENV, HCT_RUN_DIR: runDir } });
    collect(watcher.stdout, out);
    collect(watcher.stderr, err);
    await verdict(0, /^watch: watching /);
  });

  afterAll(async () => {
    watcher?.kill('SIGKILL');
    await watcher;
    await rm(root2, { recursive: true, force: true });
    await rm(runDir, { recursive: true, force: true });
  });

  it('a saved template re-renders the chart once: the pre-render and the check share every render', async () => {
    const from = err.length;
    const file = path.join(root2, CHART, 'templates/api-deployment.yaml');
    // A comment of its own: the render cache keys on content, so an earlier run's renders are not reused.
    await writeFile(file, `${await readFile(file, 'utf8')}# saved ${randomUUID()}\n`);
    expect(await verdict(from, /^watch: changed /)).toMatch(
      /^watch: changed products\/catalyst\/chart\/templates\/api-deployment\.yaml: holds \(exit 0\) in \d+\.\d\ds \[bp-catalyst-platform\]$/,
    );
    const stats = await readRenderStats(runDir);
    expect(stats.executed).toBeGreaterThan(0);
    expect(stats.duplicates).toEqual([]);
  });

  it('a chart test file that fails after a save: the verdict is violations, with the failed assertion in the report', async () => {
    const from = err.length;
    const fromOut = out.length;
    const file = path.join(root2, TEST_FILE);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('cluster.local:3000"}', 'cluster.local:3001"}'));
    expect(await verdict(from, /^watch: changed /)).toMatch(
      /^watch: changed products\/catalyst\/chart\/tests\/api-deployment_test\.yaml: violations \(exit 1\) in \d+\.\d\ds \[bp-catalyst-platform\]$/,
    );
    expect(out.slice(fromOut).join('\n')).toContain(
      '  [unittest] chart bp-catalyst-platform · cell tests/api-deployment_test.yaml · helm4 · bp-catalyst-platform/templates/api-deployment.yaml · document 0 · spec.template.spec.containers[?(@.name == "api")].env: catalyst-api NewAPI wiring › dials the canonical NewAPI URL (fact 2): asserts[0] contains: expected to contain {"name":"CATALYST_NEWAPI_ADDR","value":"http://newapi-bp-newapi.newapi.svc.cluster.local:3001"}',
    );
    expect(out.slice(fromOut).join('\n')).toContain(
      '1 test file, 4 chart cells, 5 contract checks: 4 passed, 1 failed, 0 not applicable; 1 violations, 0 render failures',
    );
  });
});
