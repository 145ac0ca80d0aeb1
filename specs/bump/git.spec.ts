// Read-only git access on a tiny repo: what counts as changed between a commit and the
// working tree, and materializing a commit with git archive | tar -x.
import { mkdtemp, readFile, rm, symlink, unlink, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveTree, changedPaths, commitFiles, defaultBase, pathInCommit, repoTop, resolveCommit, workingTreeFiles } from '../../src/bump/git.js';

let dir: string;
let base: string;
const git = (...args: string[]) => execa('git', args, { cwd: dir }).then((r) => r.stdout);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hct-bump-git-'));
  await git('init', '-q', '-b', 'main');
  await git('config', 'user.name', 't');
  await git('config', 'user.email', 't@example.invalid');
  await mkdir(path.join(dir, 'charts/a/templates'), { recursive: true });
  await writeFile(path.join(dir, 'charts/a/Chart.yaml'), 'name: a\nversion: 1.0.0\n');
  await writeFile(path.join(dir, 'charts/a/templates/cm.yaml'), 'kind: ConfigMap\n');
  await writeFile(path.join(dir, 'charts/a/gone.yaml'), 'x: 1\n');
  await symlink('templates/cm.yaml', path.join(dir, 'charts/a/link.yaml'));
  await writeFile(path.join(dir, '.gitignore'), '*.log\n');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'base');
  base = (await git('rev-parse', 'HEAD')).trim();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('git access', () => {
  it('a clean working tree (symlink included) equals its commit', async () => {
    const specs = ['charts/a'];
    expect(changedPaths(await commitFiles(dir, base, specs), await workingTreeFiles(dir, specs))).toEqual([]);
  });

  it('edits, deletions and untracked files count; git-ignored files do not', async () => {
    await writeFile(path.join(dir, 'charts/a/templates/cm.yaml'), 'kind: ConfigMap\ndata: {}\n');
    await unlink(path.join(dir, 'charts/a/gone.yaml'));
    await writeFile(path.join(dir, 'charts/a/templates/new.yaml'), 'kind: Secret\n');
    await writeFile(path.join(dir, 'charts/a/debug.log'), 'noise\n');
    const specs = ['charts/a'];
    expect(changedPaths(await commitFiles(dir, base, specs), await workingTreeFiles(dir, specs))).toEqual([
      'charts/a/gone.yaml',
      'charts/a/templates/cm.yaml',
      'charts/a/templates/new.yaml',
    ]);
    await git('checkout', '-q', '--', '.');
    await rm(path.join(dir, 'charts/a/templates/new.yaml'));
    await rm(path.join(dir, 'charts/a/debug.log'));
  });

  it('archives a commit under a path into a dir', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'hct-bump-git-out-'));
    try {
      await archiveTree(dir, base, 'charts', out);
      expect(await readFile(path.join(out, 'charts/a/Chart.yaml'), 'utf8')).toBe('name: a\nversion: 1.0.0\n');
      expect(await pathInCommit(dir, base, 'charts/a/nope')).toBe(false);
      await archiveTree(dir, base, 'nope', out); // a path the commit does not have: nothing, no error
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('resolves refs, finds the top from a subdirectory, picks the default base', async () => {
    expect(await repoTop(path.join(dir, 'charts/a'))).toBe(dir);
    expect(await resolveCommit(dir, 'main', '--base')).toBe(base);
    await expect(resolveCommit(dir, '--output=x', '--base')).rejects.toThrow('unknown --base ref "--output=x": not a commit in this repository');
    expect(await defaultBase(dir)).toEqual({ ref: 'merge-base(main)', sha: base });
  });

  it('issue 17 item 18: accepts every git revision form, `:/message` included; a tree is no commit', async () => {
    expect(await resolveCommit(dir, ':/base', '--base')).toBe(base);
    expect(await resolveCommit(dir, `${base.slice(0, 10)}`, '--base')).toBe(base);
    await expect(resolveCommit(dir, ':/no commit says this', '--base')).rejects.toThrow(
      'unknown --base ref ":/no commit says this": not a commit in this repository',
    );
    await expect(resolveCommit(dir, 'HEAD^{tree}', '--base')).rejects.toThrow('unknown --base ref "HEAD^{tree}": not a commit in this repository');
  });
});
