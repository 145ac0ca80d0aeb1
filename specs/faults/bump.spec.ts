// Issue 7, row 14: verify-bump outside a git repository, or with a base ref that does not
// exist. Through the real CLI (the compiled bin: helm-contract-tests verify-bump): exit 2, one message, no stack.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { commitAll, errorBlock, expectClean, runCli, useWorkDir } from './support/cli.js';

const workDir = useWorkDir('bump');

describe('row 14: verify-bump without a usable git history', () => {
  it('run outside any git repository: exit 2, says so and where to run it', async () => {
    const dir = path.join(workDir(), 'not a repo');
    await mkdir(dir);
    // Guard: the temp dir must not sit inside some repository.
    const probe = await execa('git', ['rev-parse', '--show-toplevel'], { cwd: dir, reject: false });
    expect(probe.exitCode).not.toBe(0);
    const res = await runCli('verify-bump', [], { cwd: dir });
    expectClean(res, 2);
    expect(errorBlock(res)).toBe(`error: not a git repository: ${dir} (verify-bump compares two git revisions; run it inside the repository)`);
  });

  it('an unknown --base ref: exit 2, names the flag and the ref', async () => {
    const repo = path.join(workDir(), 'repo');
    await mkdir(repo);
    await writeFile(path.join(repo, 'README.md'), 'x\n');
    await commitAll(repo, 'init');
    const res = await runCli('verify-bump', ['--base', 'no-such-ref'], { cwd: repo });
    expectClean(res, 2);
    expect(errorBlock(res)).toBe('error: unknown --base ref "no-such-ref": not a commit in this repository');
  });
});
