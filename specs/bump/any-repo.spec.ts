// verify-bump on a repository other than the tool's own checkout: the repository is the one
// holding --root (found from it, not from the working directory), refs resolve there, and
// its errors name that repository.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRepo, NEWAPI_CHART, PROJECT, runCli, touchTemplate, type Repo, type RepoOptions } from './support/repo.js';

const cleanups: (() => Promise<void>)[] = [];
async function repo(opts: RepoOptions = {}): Promise<Repo> {
  const r = await makeRepo(opts);
  cleanups.push(r.cleanup);
  return r;
}
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((f) => f()));
});

const NOT_BUMPED =
  '  [not-bumped] bp-newapi: chart changed but Chart.yaml version is still 1.4.33 (bump platform/newapi/chart/Chart.yaml; changed: templates/service.yaml)';

describe('verify-bump on any repository', () => {
  it('run from the tool checkout, --root in another repository: that repository is compared, its --head branch resolves there', async () => {
    const r = await repo({ nested: true });
    await r.git('checkout', '-q', '-b', 'feature');
    await touchTemplate(r, `${NEWAPI_CHART}/templates/service.yaml`);
    await r.commit('touch newapi');
    await r.git('checkout', '-q', 'main');
    const res = await runCli(PROJECT, ['--root', r.root, '--base', 'main', '--head', 'feature']);
    expect(res.exitCode, res.stderr).toBe(1);
    expect(res.stdout).toContain(NOT_BUMPED);
    expect(res.stdout.split('\n')[0]).toContain('charts root charts-under-test');
  });

  it('from a folder that is no repository, a relative --root finds its repository', async () => {
    const r = await repo();
    await touchTemplate(r, `${NEWAPI_CHART}/templates/service.yaml`);
    const res = await runCli(path.dirname(r.dir), ['--root', path.basename(r.dir)], { GIT_CEILING_DIRECTORIES: path.dirname(r.dir) });
    expect(res.exitCode, res.stderr).toBe(1);
    expect(res.stdout).toContain(NOT_BUMPED);
  });

  it('errors name the repository the refs were looked up in', async () => {
    const r = await repo();
    const away = await mkdtemp(path.join(os.tmpdir(), 'hct-away-'));
    cleanups.push(() => rm(away, { recursive: true, force: true }));
    const env = { GIT_CEILING_DIRECTORIES: path.dirname(away) };
    expect(await runCli(away, ['--root', r.dir, '--base', 'nope'], env)).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: `error: unknown --base ref "nope": not a commit in the repository ${r.dir}\n`,
    });
    await r.git('branch', '-q', '-m', 'main', 'trunk');
    expect(await runCli(away, ['--root', r.dir], env)).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: `error: cannot pick a default base in the repository ${r.dir}: neither origin/main nor main exists (pass --base REF)\n`,
    });
  });
});
