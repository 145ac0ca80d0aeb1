import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ToolError } from '../../src/errors.js';
import { PINNED_PACKAGES, provisionPackage, provisionPinned } from '../../src/tools/provision.js';
import { forgetResolvedTools, resolveTools } from '../../src/tools/resolve.js';
import { fakeBin } from '../support/fake-tools.js';

const run = promisify(execFile);
const ENV_VARS = ['HELM_BIN', 'HELM3_BIN', 'KUBECTL_BIN', 'HCT_CACHE_DIR'] as const;
const saved = Object.fromEntries(ENV_VARS.map((k) => [k, process.env[k]]));

afterEach(() => {
  for (const k of ENV_VARS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  forgetResolvedTools();
});

describe('pinned tools', () => {
  it('resolves helm v4.1.4, helm v3.18.0 and kubectl v1.35.2 with kustomize v5.7.1', async () => {
    const tools = await resolveTools();
    expect(tools.helm4).toMatchObject({ version: 'v4.1.4', source: 'pinned' });
    expect(tools.helm3).toMatchObject({ version: 'v3.18.0', source: 'pinned' });
    expect(tools.kubectl).toMatchObject({ version: 'v1.35.2', extra: { kustomize: 'v5.7.1' }, source: 'pinned' });
  });

  it('provisioning twice is a no-op (same files, untouched)', async () => {
    const first = await provisionPinned();
    const before = (await stat(first.helm4)).mtimeMs;
    const second = await provisionPinned();
    expect(second).toEqual(first);
    expect((await stat(second.helm4)).mtimeMs).toBe(before);
  });

  it('two processes provisioning a fresh cache at once both get a complete, working binary', async () => {
    const cache = await mkdtemp(path.join(os.tmpdir(), 'hct-cache-'));
    try {
      const script = `import { provisionPackage, PINNED_PACKAGES } from ${JSON.stringify(path.resolve('src/tools/provision.ts'))};
        const l = await provisionPackage(PINNED_PACKAGES.v33); console.log(l.dir);`;
      const env = { ...process.env, HCT_CACHE_DIR: cache };
      const tsx = path.resolve('node_modules/.bin/tsx');
      const file = path.join(cache, 'provision.mts');
      await writeFile(file, script);
      const outs = await Promise.all([1, 2].map(() => run(tsx, [file], { env })));
      const dirs = outs.map((o) => o.stdout.trim());
      expect(dirs[0]).toBe(dirs[1]);
      const { stdout } = await run(path.join(dirs[0], 'helm', 'helm'), ['version', '--template', '{{.Version}}']);
      expect(stdout).toBe('v3.18.0');
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });

  it('a missing pinned package explains how to fix it', async () => {
    await expect(provisionPackage({ pkg: '@aws-cdk/no-such-layer', version: '0.0.0', entries: ['helm/helm'] })).rejects.toThrow(
      /pinned package @aws-cdk\/no-such-layer@0\.0\.0 is not installed\.\n {2}expected: node_modules\/@aws-cdk\/no-such-layer\/lib\/layer\.zip\n {2}fix: run `npm ci`/,
    );
    expect(PINNED_PACKAGES.v35.version).toBe('2.2.2');
  });
});

describe('environment overrides', () => {
  it('HELM_BIN wins over the pinned helm and is reported as env', async () => {
    const pinned = await provisionPinned();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'hct-own-helm-'));
    try {
      const own = path.join(dir, 'helm');
      await copyFile(pinned.helm4, own);
      await run('chmod', ['+x', own]);
      process.env.HELM_BIN = own;
      const tools = await resolveTools();
      expect(tools.helm4).toMatchObject({ path: own, source: 'env', envVar: 'HELM_BIN', version: 'v4.1.4' });
      expect(tools.helm3.source).toBe('pinned');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('HELM_BIN naming a helm 3 is refused with what was expected and found', async () => {
    process.env.HELM_BIN = (await provisionPinned()).helm3;
    const err = await resolveTools().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolError);
    expect((err as Error).message).toBe(
      `helm 4: HELM_BIN=${process.env.HELM_BIN} is the wrong version.\n  expected: v4.x\n  found: v3.18.0\n` +
        '  fix: point HELM_BIN at a helm 4 binary, or unset it to use the pinned one',
    );
  });

  it('a non-executable or missing KUBECTL_BIN is refused plainly', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'hct-noexec-'));
    try {
      const file = path.join(dir, 'kubectl');
      await writeFile(file, 'not a binary');
      for (const bin of [file, path.join(dir, 'missing')]) {
        forgetResolvedTools();
        process.env.KUBECTL_BIN = bin;
        await expect(resolveTools()).rejects.toThrow(
          `kubectl: KUBECTL_BIN=${bin} is missing or not executable.\n  expected: an executable kubectl (v1.x)\n` +
            '  fix: point KUBECTL_BIN at a kubectl binary, or unset it to use the pinned one',
        );
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a HELM3_BIN that prints no version is refused with what it said', async () => {
    const fake = await fakeBin('echo "segfault" >&2; exit 3');
    try {
      process.env.HELM3_BIN = fake.path;
      await expect(resolveTools()).rejects.toThrow(
        `helm 3: HELM3_BIN=${fake.path} does not report a version.\n  found: \`${fake.path} version --template {{.Version}}\` failed: segfault`,
      );
    } finally {
      await fake.cleanup();
    }
  });
});
