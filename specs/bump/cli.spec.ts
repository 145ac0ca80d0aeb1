// The real CLI (the compiled bin, helm-contract-tests verify-bump, cwd = a temp repo): exit codes,
// usage and environment errors with one plain message, output formats, and the
// user's tree, index and temp dir left exactly as they were.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BumpReport } from '../../src/bump/types.js';
import {
  CATALYST_CHART,
  fingerprint,
  makeRepo,
  NEWAPI_CHART,
  restorePostFix,
  runCli,
  touchTemplate,
  writeRel,
  type Repo,
  type RepoOptions,
} from './support/repo.js';

const USAGE = 'usage: helm-contract-tests verify-bump [--base REF] [--head REF] [--root DIR] [--config FILE] [--format text|json] [--markdown FILE] [--strict]';

const cleanups: (() => Promise<void>)[] = [];
async function repo(opts: RepoOptions = {}): Promise<Repo> {
  const r = await makeRepo(opts);
  cleanups.push(r.cleanup);
  return r;
}
async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((f) => f()));
});

describe('verify-bump CLI', () => {
  it('no change: exit 0, text report on stdout, progress on stderr (charts root found in charts-under-test/)', async () => {
    const r = await repo({ nested: true });
    const res = await runCli(r.dir, []);
    expect(res.exitCode).toBe(0);
    expect(res.stdout.split('\n')[0]).toMatch(
      /^verify-bump: base merge-base\(main\) \([0-9a-f]{12}\) -> head working tree, charts root charts-under-test: no chart changed$/,
    );
    expect(res.stderr.split('\n').filter(Boolean).at(-1)).toBe('verify-bump: no chart changed');
  });

  it('violations: exit 1; the tree, the index and the temp dir are byte-identical afterwards', async () => {
    const r = await repo();
    // Staged, unstaged and untracked changes at once.
    await touchTemplate(r, `${NEWAPI_CHART}/templates/service.yaml`);
    await r.git('add', `${NEWAPI_CHART}/templates/service.yaml`);
    await touchTemplate(r, `${NEWAPI_CHART}/templates/service.yaml`, 'again');
    await touchTemplate(r, `${CATALYST_CHART}/templates/api-service.yaml`);
    await writeRel(r, `${NEWAPI_CHART}/templates/new.yaml`, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: new\n');
    const tmp = await tempDir('hct-bump-tmpdir-');
    const before = await fingerprint(r);
    const res = await runCli(r.dir, [], { TMPDIR: tmp });
    expect(res.exitCode).toBe(1);
    expect(res.stdout).toContain(
      '  [not-bumped] bp-newapi: chart changed but Chart.yaml version is still 1.4.33 (bump platform/newapi/chart/Chart.yaml; changed: templates/new.yaml, templates/service.yaml)',
    );
    expect(res.stdout).toContain(
      '  [not-bumped] bp-catalyst-platform: chart changed but Chart.yaml version is still 1.4.225 (bump products/catalyst/chart/Chart.yaml; changed: templates/api-service.yaml)',
    );
    expect(res.stdout.trimEnd().split('\n').at(-1)).toMatch(/^FAILED: 2 bump violations, 0 contract violations, 0 head render failures \(\d+\.\ds\)$/);
    expect(await fingerprint(r)).toBe(before);
    // Nothing of ours is left in TMPDIR (tsx keeps its own cache there).
    expect((await readdir(tmp)).filter((n) => n.startsWith('hct-'))).toEqual([]);
  });

  it('unknown base ref: exit 2, one plain message', async () => {
    const r = await repo();
    const res = await runCli(r.dir, ['--base', 'nope']);
    expect(res).toEqual({ exitCode: 2, stdout: '', stderr: 'error: unknown --base ref "nope": not a commit in this repository\n' });
  });

  it('unknown head ref: exit 2', async () => {
    const r = await repo();
    const res = await runCli(r.dir, ['--head', 'no/such/branch']);
    expect(res).toEqual({ exitCode: 2, stdout: '', stderr: 'error: unknown --head ref "no/such/branch": not a commit in this repository\n' });
  });

  it('not a git repository: exit 2, one plain message', async () => {
    const dir = await tempDir('hct-bump-norepo-');
    const res = await runCli(dir, [], { GIT_CEILING_DIRECTORIES: path.dirname(dir) });
    expect(res).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: `error: not a git repository: ${dir} (verify-bump compares two git revisions; run it inside the repository)\n`,
    });
  });

  it('no default base (no main, no origin/main): exit 2', async () => {
    const r = await repo();
    await r.git('branch', '-m', 'main', 'trunk');
    const res = await runCli(r.dir, []);
    expect(res).toEqual({ exitCode: 2, stdout: '', stderr: 'error: cannot pick a default base: neither origin/main nor main exists (pass --base REF)\n' });
  });

  it('suite config missing under --root / CHARTS_ROOT: exit 2', async () => {
    const r = await repo();
    const expected = {
      exitCode: 2,
      stdout: '',
      stderr:
        'error: no suite config: platform/suite.yaml exists neither in head nor at base (set --root or CHARTS_ROOT to the charts root, or --config / SUITE_CONFIG to the file)\n',
    };
    expect(await runCli(r.dir, ['--root', 'platform'])).toEqual(expected);
    expect(await runCli(r.dir, [], { CHARTS_ROOT: 'platform' })).toEqual(expected);
  });

  it.each([
    [['--format', 'xml'], 'error: --format must be one of text, json, got xml\n'],
    [['--bogus'], `error: Unknown option '--bogus'\n${USAGE}\n`],
    [['extra'], `error: Unexpected argument 'extra'. This command does not take positional arguments\n${USAGE}\n`],
  ])('usage error %j: exit 2', async (args, stderr) => {
    const r = await repo();
    expect(await runCli(r.dir, args)).toEqual({ exitCode: 2, stdout: '', stderr });
  });

  it('the seed change, uncommitted on a pre-fix base: exit 0, JSON on stdout, markdown appended to --markdown', async () => {
    const r = await repo({ nested: true, preFix: true, cells: 'all' });
    await restorePostFix(r);
    const out = await tempDir('hct-bump-md-');
    const summary = path.join(out, 'step-summary.md');
    await writeFile(summary, '# an earlier step\n');
    const res = await runCli(r.dir, ['--format', 'json', '--markdown', summary]);
    expect(res.exitCode).toBe(0);
    expect(res.stderr.split('\n')).toEqual(
      expect.arrayContaining([
        'verify-bump: bp-newapi: rendering 15 cells (base 1.4.32, head 1.4.33)',
        'verify-bump: bp-catalyst-platform: rendering 4 cells + kustomize (base 1.4.224, head 1.4.225)',
      ]),
    );
    const report = JSON.parse(res.stdout) as BumpReport;
    expect(report).toMatchObject({ exitCode: 0, root: 'charts-under-test', violations: [], contractViolations: [], head: { workingTree: true } });
    expect(report.charts.map((c) => `${c.id} ${c.base.version} -> ${c.head.version}`)).toEqual([
      'bp-newapi 1.4.32 -> 1.4.33',
      'bp-catalyst-platform 1.4.224 -> 1.4.225',
    ]);

    const md = await readFile(summary, 'utf8');
    expect(md.startsWith('# an earlier step\n## ✅ verify-bump: ok: 0 bump violations')).toBe(true);
    expect(md).toContain('| `bp-newapi` | `platform/newapi/chart` | 1.4.32 -> 1.4.33 | 1.4.32 -> 1.4.33 | files, pin (3 files) |');
    expect(md).toContain('<details><summary>bp-catalyst-platform 1.4.224 -&gt; 1.4.225 · all 4 cells (+7 -1)</summary>');
    expect(md).toMatch(
      /<details><summary>bp-catalyst-platform 1\.4\.224 -&gt; 1\.4\.225 · cell kustomize \(\+7 -1\)<\/summary>\n\n```diff\n--- base\/bp-catalyst-platform\/kustomize\t1\.4\.224\n/,
    );
    expect(md).toMatch(/^\+\s+- name: CATALYST_NEWAPI_ADMIN_TOKEN$/m);
  });
});
