// Laptops that are not Linux x64 (HCT_PLATFORM plays one): helm/kubectl come from PATH when
// they have the right major, and the run says which; a helm major that cannot be found is
// skipped with a note naming how to add it, and is an error when CI is set.
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { provisionPinned } from '../../src/tools/provision.js';
import { errorBlock, expectClean, runCli, useWorkDir } from '../faults/support/cli.js';

const workDir = useWorkDir('platform');
const LAPTOP = { HCT_PLATFORM: 'darwin-arm64', CI: '' };

/** A PATH folder holding the pinned binaries under the given names. */
async function pathWith(name: string, bins: Partial<Record<'helm' | 'helm3' | 'kubectl', 'helm4' | 'helm3' | 'kubectl'>>): Promise<string> {
  const pinned = await provisionPinned();
  const dir = path.join(workDir(), name);
  await mkdir(dir, { recursive: true });
  for (const [as, tool] of Object.entries(bins)) await symlink(pinned[tool], path.join(dir, as));
  return dir;
}

describe('not Linux x64', () => {
  it('takes helm 4, helm 3 and kubectl from PATH by major, and says which', async () => {
    const dir = await pathWith('all', { helm: 'helm4', helm3: 'helm3', kubectl: 'kubectl' });
    const res = await runCli('tools', [], { env: { ...LAPTOP, PATH: dir } });
    expectClean(res, 0);
    expect(res.stdout).toMatch(new RegExp(`^helm3 +v3\\.18\\.0 +${dir}/helm3 +PATH *$`, 'm'));
    expect(res.stderr.trim().split('\n')).toEqual([
      `helm 4: using ${dir}/helm (v4.1.4) from PATH: the pinned builds are linux-x64, this is darwin-arm64`,
      `helm 3: using ${dir}/helm3 (v3.18.0) from PATH: the pinned builds are linux-x64, this is darwin-arm64`,
      `kubectl: using ${dir}/kubectl (v1.35.2) from PATH: the pinned builds are linux-x64, this is darwin-arm64`,
    ]);
  });

  it('no helm 3 on PATH: its renders are skipped locally, with a note naming how to add it', async () => {
    const dir = await pathWith('no-helm3', { helm: 'helm4', kubectl: 'kubectl' });
    const res = await runCli('check', ['--chart', 'bp-newapi', '--contract', 'version-lockstep'], { env: { ...LAPTOP, PATH: dir } });
    expectClean(res, 0);
    expect(res.stdout).toContain('renderers helm4 + kustomize)');
    expect(res.stderr).toContain(
      `helm 3: no v3.x on darwin-arm64 (found only ${dir}/helm v4.1.4); helm3 renders are skipped. To add them: install helm 3 (v3.x) as helm3 on PATH, or set HELM3_BIN=/path/to/it\n`,
    );
  });

  it('no helm 3 on PATH under CI: an error, exit 2', async () => {
    const dir = await pathWith('ci', { helm: 'helm4', kubectl: 'kubectl' });
    const res = await runCli('check', [], { env: { ...LAPTOP, CI: 'true', PATH: dir } });
    expectClean(res, 2);
    expect(errorBlock(res)).toBe(
      `error: helm 3: no v3.x found for darwin-arm64 (the pinned builds are linux-x64): found only ${dir}/helm v4.1.4.\n` +
        '  fix: install helm 3 (v3.x) as helm3 on PATH, or set HELM3_BIN=/path/to/it',
    );
  });

  it('no kubectl: an error even locally (dual-mode charts need it)', async () => {
    const dir = await pathWith('no-kubectl', { helm: 'helm4', helm3: 'helm3' });
    const res = await runCli('tools', [], { env: { ...LAPTOP, PATH: dir } });
    expectClean(res, 2);
    expect(errorBlock(res)).toBe(
      'error: kubectl: no v1.x found for darwin-arm64 (the pinned builds are linux-x64): no kubectl on PATH.\n  fix: install kubectl (v1.x) as kubectl on PATH, or set KUBECTL_BIN=/path/to/it',
    );
  });
});
