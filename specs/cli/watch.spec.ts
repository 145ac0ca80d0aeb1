// `check --watch` on a temp copy of the bundled charts: a saved template re-checks the chart that
// holds it, a broken suite.yaml is reported and watched on, Ctrl-C stops it.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
