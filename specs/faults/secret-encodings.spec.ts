// Issue 17, item 13: a secret is redacted in every encoding an output can hold it: a
// multi-line Secret value (a PEM key) and a Secret value with a `"`, both copied into a
// ConfigMap, and a secretVariables value with a `"` copied into an env var. Every format:
// check text, json and --report (md, html, junit); verify-bump text, markdown and json.
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPatches, type PatchEdit } from '../support/fixtures/patch-set.js';
import { readAll, SECRET_VARIABLE_TO_ENV } from './support/secret-edits.js';
import { CHARTS, chartEntry, commitAll, expectClean, runCli, suiteEdit, type CliResult, useWorkDir } from './support/cli.js';

const workDir = useWorkDir('secret-encodings');
const KIT = 'clusters/_template/bootstrap-kit';
/** Pieces of the three secrets; none may appear in any output. */
const LEAKS = ['PEMSENTINEL', 'TOKSENTINEL', 'VARSENTINEL'];
const PEM = ['-----BEGIN PRIVATE KEY-----', 'MIIEPEMSENTINELline1AbCdEfGhIjKlMnOp', 'MIIEPEMSENTINELline2QrStUvWxYz012345', '-----END PRIVATE KEY-----'];

const SECRET_COPY = `apiVersion: v1
kind: Secret
metadata:
  name: hct-pem
stringData:
  key.pem: |
${PEM.map((l) => `    ${l}`).join('\n')}
  token: 'TOKSENTINEL"quoted-9c1'
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: hct-copy
data:
  pem: |
    {{ .Capabilities.HelmVersion.Version }}
${PEM.map((l) => `    ${l}`).join('\n')}
  token: {{ printf "%s %s" .Capabilities.HelmVersion.Version "TOKSENTINEL\\"quoted-9c1" | quote }}
`;

async function edits(): Promise<PatchEdit[]> {
  return [
    { file: 'platform/newapi/chart/templates/hct-secret-copy.yaml', content: SECRET_COPY },
    {
      file: `${KIT}/sovereign-vars.yaml`,
      content: `SOVEREIGN_FQDN: omantel.biz\nMARKETPLACE_ENABLED: "true"\nLLM_BANK_DHOFAR_ACCOUNT_ID: 'VARSENTINEL"quoted-4e2'\nLLM_BANK_DHOFAR_CONTRACT_REF: LEGAL-2026-0042\n`,
    },
    ...SECRET_VARIABLE_TO_ENV,
    await suiteEdit((doc) => {
      chartEntry(doc, 'bp-catalyst-platform').set('kustomizeCells', doc.createNode(['kit.on']));
      chartEntry(doc, 'bp-catalyst-platform').set('matrix', doc.createNode({ axes: { values: { kit: { kitValues: true } }, mode: { on: {} } } }));
      chartEntry(doc, 'bp-newapi').set('matrix', doc.createNode({ axes: { values: { kit: { kitValues: true } } } }));
    }),
  ];
}

function expectNoLeak(where: string, text: string): void {
  for (const leak of LEAKS) {
    const i = text.indexOf(leak);
    expect(i, `${where} shows ${leak}:\n${text.slice(Math.max(0, i - 300), i + 100)}`).toBe(-1);
  }
}

describe('item 13: secrets in every encoding, every output format', () => {
  it('multi-line and quoted Secret values and a quoted secret variable never appear; <redacted> does', async () => {
    const repo = path.join(workDir(), 'repo');
    const root = path.join(repo, 'charts-under-test');
    await cp(CHARTS, root, { recursive: true });
    await commitAll(repo, 'charts as bundled');
    await applyPatches(root, await edits());
    const reportDir = path.join(workDir(), 'report');
    const markdown = path.join(workDir(), 'summary.md');
    const runs: [string, CliResult][] = [
      ['check text --report', await runCli('check', ['--root', root, '--report', reportDir], { timeoutMs: 240_000 })],
      ['check --format json', await runCli('check', ['--root', root, '--format', 'json'], { timeoutMs: 240_000 })],
      ['verify-bump text --markdown', await runCli('verify-bump', ['--base', 'main', '--markdown', markdown], { cwd: repo, timeoutMs: 240_000 })],
      ['verify-bump --format json', await runCli('verify-bump', ['--base', 'main', '--format', 'json'], { cwd: repo, timeoutMs: 240_000 })],
    ];
    for (const [name, res] of runs) {
      expectClean(res, 1);
      expectNoLeak(`${name} stdout`, res.stdout);
      expectNoLeak(`${name} stderr`, res.stderr);
    }
    const files = { ...(await readAll(reportDir)), [markdown]: await readFile(markdown, 'utf8') };
    expect(
      Object.keys(files)
        .map((f) => path.basename(f))
        .sort(),
    ).toEqual(['junit.xml', 'report.html', 'report.md', 'summary.md']);
    for (const [file, text] of Object.entries(files)) expectNoLeak(file, text);
    // The secrets did reach violations and diffs, as <redacted>.
    const text = runs[0][1].stdout;
    expect(text).toContain(
      'env CATALYST_BANK_ACCOUNT_ID of container api is set by helm but missing from kustomize (expected value "<redacted>", actual (absent))',
    );
    expect(text).toContain(
      'ConfigMap/newapi/hct-copy · data.token: helm4 and helm3 render this field differently (expected "v4.1.4 <redacted>", actual "v3.18.0 <redacted>")',
    );
    expect(text).toContain(
      'ConfigMap/newapi/hct-copy · data.pem: helm4 and helm3 render this field differently (expected "v4.1.4\\n<redacted>", actual "v3.18.0\\n<redacted>")',
    );
    expect(runs[2][1].stdout).toContain('+    <redacted>');
  }, 600_000);
});
