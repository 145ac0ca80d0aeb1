// Patch sets: the pre-fix patches turn a copy into 1.4.32 / 1.4.224, the original
// tree stays byte-identical, failures name file and text, temp copies are removed.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, parse } from 'yaml';
import { applyPatches, copyTree, loadPatchFile, withPatchedCopy, type PatchEdit } from '../support/fixtures/patch-set.js';
import { hashTree } from '../../src/render/cache.js';

const CHARTS_ROOT = fileURLToPath(new URL('../../charts-under-test/', import.meta.url));
const PRE_FIX = path.join(CHARTS_ROOT, 'pre-fix/patches.yaml');

async function chartVersion(root: string, chartDir: string): Promise<string> {
  const chart = parse(await readFile(path.join(root, chartDir, 'Chart.yaml'), 'utf8')) as { version: string };
  return chart.version;
}

/** spec.chart.spec.version of the HelmRelease in a bootstrap-kit file (variables are left as text). */
async function kitPin(root: string, file: string): Promise<string> {
  const text = await readFile(path.join(root, 'clusters/_template/bootstrap-kit', file), 'utf8');
  for (const doc of parseAllDocuments(text)) {
    const obj = doc.toJS() as { kind?: string; spec?: { chart?: { spec?: { version?: string } } } } | null;
    if (obj?.kind === 'HelmRelease') return String(obj.spec?.chart?.spec?.version);
  }
  throw new Error(`no HelmRelease in ${file}`);
}

/** Temp dirs left under os.tmpdir() for a source folder named `base`. */
async function leftovers(base: string): Promise<string[]> {
  return (await readdir(os.tmpdir())).filter((n) => n.startsWith(`helm-contract-tests-${base}-`));
}

describe('pre-fix patch set', () => {
  it('turns a copy into bp-newapi 1.4.32 / bp-catalyst-platform 1.4.224 and leaves the original byte-identical', async () => {
    const before = await hashTree(CHARTS_ROOT);
    const edits = await loadPatchFile(PRE_FIX);
    let copyDir = '';

    const seen = await withPatchedCopy(CHARTS_ROOT, edits, async (dir) => {
      copyDir = dir;
      const read = (rel: string): Promise<string> => readFile(path.join(dir, rel), 'utf8');
      return {
        newapi: await chartVersion(dir, 'platform/newapi/chart'),
        catalyst: await chartVersion(dir, 'products/catalyst/chart'),
        pin80: await kitPin(dir, '80-newapi.yaml'),
        pin13: await kitPin(dir, '13-bp-catalyst-platform.yaml'),
        externalSecret: await read('platform/newapi/chart/templates/external-secret.yaml'),
        apiHelm: await read('products/catalyst/chart/templates/api-deployment.yaml'),
        apiKustomize: await read('products/catalyst/chart/templates/api-deployment-kustomize.yaml'),
      };
    });

    expect(seen.newapi).toBe('1.4.32');
    expect(seen.catalyst).toBe('1.4.224');
    expect(seen.pin80).toBe('1.4.32');
    expect(seen.pin13).toBe('1.4.224');
    expect(seen.externalSecret).not.toContain('reflector.v1.k8s.emberstack.com');
    for (const form of [seen.apiHelm, seen.apiKustomize]) {
      expect(form).toContain('value: "http://newapi.newapi.svc"\n');
      expect(form).not.toContain('CATALYST_NEWAPI_ADMIN_TOKEN');
      expect(form).not.toContain('newapi-bp-newapi');
    }

    expect(existsSync(copyDir)).toBe(false);
    expect(await hashTree(CHARTS_ROOT)).toEqual(before);
    expect(await chartVersion(CHARTS_ROOT, 'platform/newapi/chart')).toBe('1.4.33');
    expect(await chartVersion(CHARTS_ROOT, 'products/catalyst/chart')).toBe('1.4.225');
  });
});

describe('patch set mechanics', () => {
  let tmp: string;
  let tree: string;
  let base: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'patch-set-spec-'));
    // A unique source folder name makes this spec's temp copies identifiable.
    base = `tree${process.pid}x${Date.now()}`;
    tree = path.join(tmp, base);
    await mkdir(path.join(tree, 'sub'), { recursive: true });
    await writeFile(path.join(tree, 'a.txt'), 'alpha\nbeta\nbeta\n');
    await writeFile(path.join(tree, 'sub/b.txt'), 'price: $5\n');
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('names file and text when a replace matches zero times', async () => {
    const edits: PatchEdit[] = [{ file: 'a.txt', replace: 'gamma', with: 'delta' }];
    await expect(withPatchedCopy(tree, edits, async () => 'unreachable')).rejects.toThrow(
      new Error('patch a.txt: replace text must occur exactly once, found 0: "gamma"'),
    );
    expect(await leftovers(base)).toEqual([]);
  });

  it('names file and text when a replace matches more than once', async () => {
    const { dir, cleanup } = await copyTree(tree);
    try {
      await expect(applyPatches(dir, [{ file: 'a.txt', replace: 'beta\n', with: 'x' }])).rejects.toThrow(
        new Error('patch a.txt: replace text must occur exactly once, found 2: "beta\\n"'),
      );
    } finally {
      await cleanup();
    }
    expect(existsSync(dir)).toBe(false);
  });

  it('applies replace, delete and content edits to the copy only', async () => {
    const before = await hashTree(tree);
    const edits: PatchEdit[] = [
      { file: 'sub/b.txt', replace: '$5', with: '$$ and $&' },
      { file: 'a.txt', delete: true },
      { file: 'new/c.txt', content: 'gamma\n' },
    ];
    const result = await withPatchedCopy(tree, edits, async (dir) => ({
      b: await readFile(path.join(dir, 'sub/b.txt'), 'utf8'),
      aExists: existsSync(path.join(dir, 'a.txt')),
      c: await readFile(path.join(dir, 'new/c.txt'), 'utf8'),
    }));
    expect(result).toEqual({ b: 'price: $$ and $&\n', aExists: false, c: 'gamma\n' });
    expect(await hashTree(tree)).toEqual(before);
  });

  it('removes the temp copy when the callback throws', async () => {
    let copyDir = '';
    await expect(
      withPatchedCopy(tree, [], async (dir) => {
        copyDir = dir;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(copyDir).not.toBe('');
    expect(existsSync(copyDir)).toBe(false);
    expect(await leftovers(base)).toEqual([]);
  });

  it('refuses edits outside the tree and malformed patch files', async () => {
    await expect(withPatchedCopy(tree, [{ file: '../x.txt', content: 'x' }], async () => 0)).rejects.toThrow(
      new Error('patch ../x.txt: path must be relative and inside the tree'),
    );
    const bad = path.join(tmp, 'bad.yaml');
    await writeFile(bad, '- file: a.txt\n  replace: alpha\n');
    await expect(loadPatchFile(bad)).rejects.toThrow(new Error(`patch file ${bad}: edit #1: a.txt: \`replace\` needs a string \`with\``));
    await writeFile(bad, 'file: a.txt\n');
    await expect(loadPatchFile(bad)).rejects.toThrow(new Error(`patch file ${bad}: expected a YAML list of edits`));
    expect(existsSync(path.join(tmp, 'x.txt'))).toBe(false);
    expect(await leftovers(base)).toEqual([]);
  });
});
