// Issue 17, items 16 and 17: a binary whose `version` hangs with a child process ends (its
// whole process group is killed) and the CLI exits; a renderer killed by a signal is
// reported by the signal's name.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { RenderError } from '../../src/errors.js';
import { kustomizeBuild } from '../../src/render/kustomize.js';
import { resolveTools, type Tools } from '../../src/tools/resolve.js';
import { fakeBin, withFake } from '../support/fake-tools.js';
import { errorBlock, expectClean, runCli, useWorkDir } from './support/cli.js';

const workDir = useWorkDir('signals');
let tools: Tools;
beforeAll(async () => {
  tools = await resolveTools();
});

describe('item 16: HELM_BIN whose `version` hangs with a child process', () => {
  it('is stopped with its children at the probe timeout; the CLI exits 2 with one message', async () => {
    const marker = `hct-version-hang-${process.pid}-${Date.now()}`;
    const bin = path.join(workDir(), 'helm-hangs');
    await writeFile(bin, `#!/usr/bin/env bash\nbash -c 'sleep 300' ${marker} &\nwait\n`, { mode: 0o755 });
    // The probe limit is 20 s; 2 s shows the same kill and message without the wait.
    const res = await runCli('check', [], { env: { HELM_BIN: bin, HCT_PROBE_TIMEOUT_MS: '2000' }, timeoutMs: 60_000 });
    expectClean(res, 2);
    expect(errorBlock(res)).toBe(
      `error: helm 4: HELM_BIN=${bin} does not report a version.\n` +
        `  found: \`${bin} version --template {{.Version}}\` failed: timed out after 2s\n` +
        `  fix: point HELM_BIN at a helm 4 binary, or unset it to use the pinned one`,
    );
    const left = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes(marker) && !l.includes('ps -eo'));
    expect(left).toEqual([]);
  }, 90_000);
});

describe('item 17: a renderer killed by a signal', () => {
  it('is reported by the signal name, not `exit code undefined`', async () => {
    const fake = await fakeBin('kill -SEGV $$', 'kubectl');
    const dir = path.join(workDir(), 'kustomize');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'kustomization.yaml'), 'resources: []\n');
    try {
      const err = await kustomizeBuild({ chart: 'k', cell: 'raw', dir, namespace: 'ns', timeoutMs: 30_000 }, withFake(tools, 'kubectl', fake.path)).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(RenderError);
      expect((err as RenderError).message).toBe(
        `render failed: chart k, cell raw, renderer kustomize\n  command: ${fake.path} kustomize ${dir}\n  killed by SIGSEGV and printed nothing`,
      );
    } finally {
      await fake.cleanup();
    }
  });
});
