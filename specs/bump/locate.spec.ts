import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseRoot, configLocator, posixJoin } from '../../src/bump/locate.js';
import { UserError } from '../../src/errors.js';

describe('posixJoin', () => {
  it('joins with / under a directory, and the top is the empty string', () => {
    expect(posixJoin('charts', 'suite.yaml')).toBe('charts/suite.yaml');
    expect(posixJoin('', 'suite.yaml')).toBe('suite.yaml');
  });
});

describe('configLocator', () => {
  const TOP = '/repo';

  it('no --config: the suite.yaml under the charts root of each side', () => {
    const locate = configLocator(TOP, 'charts', undefined, undefined);
    expect([locate('/repo'), locate('/tmp/base-tree')]).toEqual(['/repo/charts/suite.yaml', '/tmp/base-tree/charts/suite.yaml']);
  });

  it('a config inside the repository is the same repository path in each tree; one outside is that one file for both', () => {
    const inside = configLocator(TOP, 'charts', 'ci/suite.yaml', '/repo');
    expect(inside('/tmp/base-tree')).toBe('/tmp/base-tree/ci/suite.yaml');
    const outside = configLocator(TOP, 'charts', '../elsewhere/suite.yaml', '/repo');
    expect([outside('/repo'), outside('/tmp/base-tree')]).toEqual(['/elsewhere/suite.yaml', '/elsewhere/suite.yaml']);
  });
});

describe('chooseRoot (no git needed: a named root, or the working tree has the default)', () => {
  let top = '';
  beforeAll(async () => {
    top = await mkdtemp(path.join(os.tmpdir(), 'hct-locate-'));
    await mkdir(path.join(top, 'charts-under-test'));
    await writeFile(path.join(top, 'charts-under-test', 'suite.yaml'), 'charts: []\n');
  });
  afterAll(async () => {
    await rm(top, { recursive: true, force: true });
  });

  it('a named root is made relative to the top, in / form; else charts-under-test when the working tree has its suite.yaml', async () => {
    expect(await chooseRoot(top, path.join(top, 'platform', 'charts'), undefined, 'base', undefined)).toBe('platform/charts');
    expect(await chooseRoot(top, 'platform/charts', undefined, 'base', undefined)).toBe('platform/charts');
    expect(await chooseRoot(top, undefined, top, 'base', undefined)).toBe('charts-under-test');
  });

  it('a root outside the repository is a user error with exit code 2', async () => {
    const err: unknown = await chooseRoot(top, '../outside', undefined, 'base', undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toBe(`--root ../outside is outside the repository ${top}`);
    expect((err as UserError).exitCode).toBe(2);
  });
});
