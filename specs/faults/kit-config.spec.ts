// Issue 7, rows 11–13: the bootstrap kit and the suite config. Through the real `check`
// CLI on patched temp copies: exit 2 with one message naming file, line or key — or,
// where the kit is readable but wrong, exit 1 with the contract violation that says so.
import { describe, expect, it, afterAll } from 'vitest';
import { chartEntry, chartsFile, checkPatched, errorBlock, expectClean, lineIn, removePrivateTmp, suiteEdit } from './support/cli.js';

const KIT = 'clusters/_template/bootstrap-kit';
const KIT_80 = `${KIT}/80-newapi.yaml`;

afterAll(removePrivateTmp);

/** bp-newapi with one cell (kit values): enough to show a kit problem, and a short run. */
function oneNewapiCell() {
  return suiteEdit((doc) => chartEntry(doc, 'bp-newapi').set('matrix', doc.createNode({ axes: { values: { kit: { kitValues: true } } } })));
}

const VALKEY_HR = `# slot 90 — a chart the suite does not know
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: bp-valkey
  namespace: flux-system
spec:
  targetNamespace: valkey
  chart:
    spec:
      chart: bp-valkey
      version: 1.0.0
`;

describe('row 11: HelmRelease of an unknown chart; kit without HelmRelease', () => {
  // Not a config error by design (specs/negative: lockstep-unknown-chart): version-lockstep
  // reports it, once per subject of the first chart, naming the HelmRelease and the field.
  it('a HelmRelease whose chart is not in the suite config: exit 1, version-lockstep names the HelmRelease, field and known charts', async () => {
    const res = await checkPatched(
      [{ file: `${KIT}/90-bp-valkey.yaml`, content: VALKEY_HR }, await oneNewapiCell()],
      ['--chart', 'bp-newapi', '--contract', 'version-lockstep'],
    );
    expectClean(res, 1);
    expect(res.stdout).toContain(
      '[version-lockstep] chart bp-newapi · cell kit · helm4 · HelmRelease/flux-system/bp-valkey · spec.chart.spec.chart: ' +
        'HelmRelease installs chart bp-valkey, which is not a chart of the suite (expected one of bp-newapi, bp-catalyst-platform, actual bp-valkey)',
    );
  });

  it('a bootstrap kit with no HelmRelease at all: exit 2, names the kit, the files read and the fix', async () => {
    const res = await checkPatched([
      { file: `${KIT}/13-bp-catalyst-platform.yaml`, delete: true },
      { file: KIT_80, delete: true },
    ]);
    expectClean(res, 2);
    expect(errorBlock(res)).toBe(
      `error: bootstrap kit ${KIT} has no HelmRelease\n` +
        "  fix: bootstrapKit.path in the suite config must name the folder of the kit's HelmRelease files " +
        '(read 00-ghcr-pull.yaml; a HelmRelease needs apiVersion helm.toolkit.fluxcd.io/*)',
    );
  });

  it('a kit file that lost its HelmRelease: exit 1, version-lockstep says no HelmRelease installs the chart', async () => {
    const text = await chartsFile(KIT_80);
    const cut = text.indexOf('apiVersion: helm.toolkit.fluxcd.io/');
    const res = await checkPatched(
      [{ file: KIT_80, content: text.slice(0, cut) }, await oneNewapiCell()],
      ['--chart', 'bp-newapi', '--contract', 'version-lockstep'],
    );
    expectClean(res, 1);
    expect(res.stdout).toContain(
      '[version-lockstep] chart bp-newapi · cell kit · helm4 · spec.chart.spec.chart: no bootstrap-kit HelmRelease installs chart bp-newapi ' +
        '(expected a HelmRelease pinning bp-newapi 1.4.33, actual none)',
    );
  });
});

describe('row 12: undefined Flux variable in strict mode', () => {
  it('exit 2; names the variable, the kit file and line, and where to define it', async () => {
    const line = (await lineIn(KIT_80, '    sovereignFQDN: ${SOVEREIGN_FQDN}')) + 1;
    const res = await checkPatched([
      {
        file: KIT_80,
        replace: '  values:\n    sovereignFQDN: ${SOVEREIGN_FQDN}\n',
        with: '  values:\n    sovereignFQDN: ${SOVEREIGN_FQDN}\n    region: ${SOVEREIGN_REGION}\n',
      },
    ]);
    expectClean(res, 2);
    expect(errorBlock(res)).toBe(
      `error: undefined Flux variable SOVEREIGN_REGION in ${KIT_80}:${line} (strict mode): ` +
        `add it to ${KIT}/sovereign-vars.yaml or give it a default (\${SOVEREIGN_REGION:-…})`,
    );
  });
});

describe('row 13: suite config invalid', () => {
  it('an unknown key: exit 2, names the key and the known ones', async () => {
    const res = await checkPatched([
      await suiteEdit((doc) => {
        doc.setIn(['defaults', 'timeout'], 60000);
        doc.deleteIn(['defaults', 'timeoutMs']);
      }),
    ]);
    expectClean(res, 2);
    expect(errorBlock(res)).toBe(
      'error: suite.yaml:8: defaults.timeout is not a known key (known: kubeVersion, timeoutMs, maxRenderBytes, maxCells, cacheMaxEntryBytes, cacheMaxTotalBytes, renderers)',
    );
  });

  it('a wrong type: exit 2, names the key, the type expected and the type found', async () => {
    const res = await checkPatched([await suiteEdit((doc) => doc.setIn(['defaults', 'timeoutMs'], '60s'))]);
    expectClean(res, 2);
    expect(errorBlock(res)).toBe('error: suite.yaml:7: defaults.timeoutMs must be an integer, got string');
  });

  it('a wrong type deep in a chart entry: exit 2, names the full key path', async () => {
    const res = await checkPatched([await suiteEdit((doc) => doc.setIn(['charts', 1, 'apiVersions'], 'external-secrets.io/v1beta1'))]);
    expectClean(res, 2);
    expect(errorBlock(res)).toBe('error: suite.yaml:99: charts[1].apiVersions must be a list of strings, got string');
  });
});
