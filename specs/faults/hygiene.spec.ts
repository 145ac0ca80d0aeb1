// Issue 7, cross-cutting: a run changes nothing it does not own, leaves no temp dirs,
// and never prints or writes a secret value.
//  - After a full `check` and `verify-bump` on the real tree, every file under
//    charts-under-test and the git state of the project are byte-identical.
//  - Secret values (Secret data/stringData; variables suite.yaml marks secret) are
//    replaced by <redacted> in check's text, JSON and report files, and in verify-bump's
//    text, JSON and markdown — shown with a sentinel secret that violations involve.
import { createHash } from 'node:crypto';
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { applyPatches, type PatchEdit } from '../support/fixtures/patch-set.js';
import { hashTree } from '../../src/render/cache.js';
import { readAll, SECRET_VARIABLE_TO_ENV } from './support/secret-edits.js';
import { CHARTS, PROJECT, chartEntry, commitAll, expectClean, runCli, suiteEdit, type CliResult, useWorkDir } from './support/cli.js';

const workDir = useWorkDir('hygiene');

/** Read-only git state of the project: status, unstaged and staged diffs (no index refresh). */
async function gitState(): Promise<Record<string, string>> {
  const git = async (...args: string[]) => String((await execa('git', ['--no-optional-locks', ...args], { cwd: PROJECT })).stdout);
  return {
    status: await git('status', '--porcelain', '--untracked-files=all'),
    diff: createHash('sha256')
      .update(await git('diff', '--binary'))
      .digest('hex'),
    cached: createHash('sha256')
      .update(await git('diff', '--cached', '--binary'))
      .digest('hex'),
  };
}

/** Every file under `dir` as text. */
describe("a run leaves the user's files alone", () => {
  it('full check and verify-bump: charts-under-test and the git tree are byte-identical, no temp dir left', async () => {
    const charts = await hashTree(CHARTS);
    const state = await gitState();
    const check = await runCli('check', []);
    expectClean(check, 0);
    const bump = await runCli('verify-bump', []);
    // Exit 0 or 1 depends on what is uncommitted right now; never a usage error or a crash.
    expect([0, 1], bump.output).toContain(bump.exitCode);
    expect(bump.leftovers).toEqual([]);
    expect(bump.output).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(await hashTree(CHARTS)).toEqual(charts);
    expect(await gitState()).toEqual(state);
  });
});

const SENTINEL = 'SENTINEL-7f3a-secret';
const KIT = 'clusters/_template/bootstrap-kit';

/**
 * The charts with a secret that violations carry: the Flux variable marked secret
 * (LLM_BANK_DHOFAR_ACCOUNT_ID) set to the sentinel and read into an env var that only
 * the helm half of the dual-mode chart sets, into a ConfigMap helm 3 and helm 4 render
 * differently, and into a template `fail` message; plus a Secret whose stringData holds
 * the sentinel and differs between helm 3 and helm 4.
 */
async function sentinelEdits(): Promise<PatchEdit[]> {
  return [
    {
      file: `${KIT}/sovereign-vars.yaml`,
      content: `SOVEREIGN_FQDN: omantel.biz\nMARKETPLACE_ENABLED: "true"\nLLM_BANK_DHOFAR_ACCOUNT_ID: ${SENTINEL}\nLLM_BANK_DHOFAR_CONTRACT_REF: LEGAL-2026-0042\n`,
    },
    {
      file: 'products/catalyst/chart/templates/api-secret.yaml',
      replace: '  JWT_SIGNING_KEY:',
      with: `  BANK_TOKEN: {{ if hasPrefix "v4" .Capabilities.HelmVersion.Version }}"${SENTINEL}"{{ else }}"${SENTINEL}-helm3"{{ end }}\n  JWT_SIGNING_KEY:`,
    },
    ...SECRET_VARIABLE_TO_ENV,
    {
      file: 'platform/newapi/chart/templates/channels-configmap.yaml',
      replace: '\ndata:\n',
      with: '\ndata:\n  probe: "{{ .Capabilities.HelmVersion.Version }} {{ .Values.defaultChannels.qwenBankDhofar.attestation.accountId }}"\n',
    },
    {
      file: 'platform/newapi/chart/templates/channels-configmap.yaml',
      replace: '{{- $channels := include',
      with:
        '{{- if contains "tenant-" (toString .Values.catalystIntegration.externalSecret.reflectorNamespaces) }}' +
        '{{ fail (printf "account %s may not reflect into tenant namespaces" .Values.defaultChannels.qwenBankDhofar.attestation.accountId) }}{{ end }}\n' +
        '{{- $channels := include',
    },
    await suiteEdit((doc) => {
      // Compare the kit cell with kustomize too, so the env var above meets the secret.
      chartEntry(doc, 'bp-catalyst-platform').set('kustomizeCells', doc.createNode(['defaults.off', 'kit.on']));
      // Two bp-newapi cells are enough (kit values; the fail), and keep the runs short.
      chartEntry(doc, 'bp-newapi').set(
        'matrix',
        doc.createNode({
          axes: {
            values: { kit: { kitValues: true } },
            integration: {
              on: {},
              'custom-ns': {
                values: { catalystIntegration: { enabled: true, externalSecret: { enabled: true, reflectorNamespaces: 'catalyst-system,tenant-.*' } } },
              },
            },
          },
        }),
      );
    }),
  ];
}

/** A git repo whose main holds charts-under-test as is; the working tree gets `edits`. */
async function repoWith(name: string, edits: PatchEdit[]): Promise<{ repo: string; root: string }> {
  const repo = path.join(workDir(), name);
  const root = path.join(repo, 'charts-under-test');
  await cp(CHARTS, root, { recursive: true });
  await commitAll(repo, 'charts as bundled');
  await applyPatches(root, edits);
  return { repo, root };
}

function expectNoSentinel(where: string, text: string): void {
  // Neither the whole secret nor a cut-off prefix of it.
  expect(
    text.includes('SENTINEL-7f3a'),
    `${where} shows the secret:\n${text.slice(Math.max(0, text.indexOf('SENTINEL') - 300), text.indexOf('SENTINEL') + 100)}`,
  ).toBe(false);
}

describe('no secret value in any message, diff or report', () => {
  it('check (text, json, --report) and verify-bump (text, json, --markdown) print <redacted>, never the sentinel', async () => {
    const { repo, root } = await repoWith('sentinel', await sentinelEdits());
    const reportDir = path.join(workDir(), 'sentinel-report');
    const markdown = path.join(workDir(), 'sentinel-summary.md');
    const runs: [string, CliResult][] = [
      ['check text --report', await runCli('check', ['--root', root, '--report', reportDir])],
      ['check --format json', await runCli('check', ['--root', root, '--format', 'json'])],
      ['verify-bump text --markdown', await runCli('verify-bump', ['--base', 'main', '--markdown', markdown], { cwd: repo })],
      ['verify-bump --format json', await runCli('verify-bump', ['--base', 'main', '--format', 'json'], { cwd: repo })],
    ];
    for (const [name, res] of runs) {
      expectClean(res, 1);
      expectNoSentinel(`${name} stdout`, res.stdout);
      expectNoSentinel(`${name} stderr`, res.stderr);
    }
    const files = { ...(await readAll(reportDir)), [markdown]: await readFile(markdown, 'utf8') };
    expect(
      Object.keys(files)
        .map((f) => path.basename(f))
        .sort(),
    ).toEqual(['junit.xml', 'report.html', 'report.md', 'sentinel-summary.md']);
    for (const [file, text] of Object.entries(files)) expectNoSentinel(file, text);

    // The secret did reach violations and failures — as <redacted>.
    const text = runs[0][1].stdout;
    expect(text).toContain(
      '[dual-mode-env] chart bp-catalyst-platform · cell kit.on · helm4 vs kustomize · Deployment/catalyst-system/catalyst-api · ' +
        'spec.template.spec.containers[api].env[CATALYST_BANK_ACCOUNT_ID]: env CATALYST_BANK_ACCOUNT_ID of container api is set by helm but missing from kustomize ' +
        '(expected value "<redacted>", actual (absent))',
    );
    expect(text).toContain(
      '[helm-parity] chart bp-catalyst-platform · cell kit.on · helm4 vs helm3 · Secret/catalyst-system/catalyst-api-secrets · stringData.BANK_TOKEN: ' +
        'helm4 and helm3 render this field differently (expected <redacted>, actual <redacted>)',
    );
    expect(text).toContain(
      '[helm-parity] chart bp-newapi · cell kit.on · helm4 vs helm3 · ConfigMap/newapi/newapi-bp-newapi-channels · data.probe: ' +
        'helm4 and helm3 render this field differently (expected "v4.1.4 <redacted>", actual "v3.18.0 <redacted>")',
    );
    expect(text).toContain('): account <redacted> may not reflect into tenant namespaces');
    expect(runs[1][1].stdout).toContain('"expected": "value \\"<redacted>\\""');
    expect(runs[2][1].stdout).toContain('<redacted>');
  });

  // A value longer than the 160-character display limit (contracts/violation.ts show()) is
  // cut before redaction: a secret straddling the cut must not leave its prefix behind.
  it('a secret cut by the display limit is not shown in part either', async () => {
    const edits = await sentinelEdits();
    const probe = edits.find((e) => e.with?.includes('probe:'))!;
    // "v4.1.4 " + 135 × "x" puts the secret across the 160-character cut of the shown value.
    probe.with = probe.with!.replace('{{ .Capabilities.HelmVersion.Version }} ', `{{ .Capabilities.HelmVersion.Version }} ${'x'.repeat(135)}`);
    const { root } = await repoWith('sentinel-cut', edits);
    const res = await runCli('check', ['--root', root, '--chart', 'bp-newapi']);
    expectClean(res, 1);
    expectNoSentinel('check stdout', res.stdout);
  });
});
