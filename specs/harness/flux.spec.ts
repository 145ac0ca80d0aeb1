// Flux post-build substitution, HelmRelease → Helm release derivation, and
// reading a bootstrap kit from disk.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { deriveRelease, loadBootstrapKit, substitute } from '../../src/render/flux.js';
import type { K8sObject } from '../../src/manifests/types.js';

const VARS = { FQDN: 'omantel.example', EMPTY: '', FLAG: 'true', N: '3' };
const LENIENT = { strict: false, file: 'kit/80.yaml' };
const STRICT = { strict: true, file: 'kit/80.yaml' };

describe('substitute', () => {
  it.each([
    ['plain variable', 'host: api.${FQDN}', 'host: api.omantel.example'],
    ['unset, no default → empty', 'id: ${MISSING}', 'id: '],
    [':- default when unset', 'on: ${MISSING:-false}', 'on: false'],
    [':- default when empty', 'on: ${EMPTY:-false}', 'on: false'],
    [':- value when set', 'on: ${FLAG:-false}', 'on: true'],
    [':- empty default', 'id: ${MISSING:-}', 'id: '],
    [':= default when unset', 'n: ${MISSING:=5}', 'n: 5'],
    [':= default when empty', 'n: ${EMPTY:=5}', 'n: 5'],
    [':= value when set', 'n: ${N:=5}', 'n: 3'],
    ['- default only when unset', 'a: ${MISSING-x} b: [${EMPTY-x}]', 'a: x b: []'],
    ['default may hold spaces, colons and slashes', 'u: ${MISSING:-http://a b:3000/x}', 'u: http://a b:3000/x'],
    ['$${VAR} escapes to ${VAR}', 'raw: $${FQDN}', 'raw: ${FQDN}'],
    ['$${VAR:-d} escape keeps the default text', 'raw: $${FQDN:-x}', 'raw: ${FQDN:-x}'],
    ['invalid name left alone', 'x: ${foo.bar} ${1ABC} ${ FQDN } ${}', 'x: ${foo.bar} ${1ABC} ${ FQDN } ${}'],
    ['unsupported operator left alone', 'x: ${FQDN:0:3} ${FQDN/a/b}', 'x: ${FQDN:0:3} ${FQDN/a/b}'],
    ['multiple per line', '${FQDN}/${N}/${MISSING:-d}/${FLAG}', 'omantel.example/3/d/true'],
    ['comments are substituted too', '# host ${FQDN}\nk: v', '# host omantel.example\nk: v'],
    ['bare $VAR is not a Flux reference', 'x: $FQDN $$ $', 'x: $FQDN $$ $'],
    ['underscore names', 'x: ${_A1:-ok}', 'x: ok'],
  ])('%s', (_title, input, expected) => {
    expect(substitute(input, VARS, LENIENT)).toBe(expected);
  });

  it.each([
    ['set variable', 'a: ${FQDN}'],
    ['empty variable counts as set', 'a: ${EMPTY}'],
    ['unset with :- default', 'a: ${MISSING:-}'],
    ['unset with := default', 'a: ${MISSING:=x}'],
    ['escaped', 'a: $${MISSING}'],
  ])('strict mode accepts: %s', (_title, input) => {
    expect(() => substitute(input, VARS, STRICT)).not.toThrow();
  });

  it('strict mode: undefined variable is a ConfigError naming variable, file and line', () => {
    const text = ['# ${FQDN}', 'a: 1', '', 'b: ${FQDN} ${SOVEREIGN_FQDN}'].join('\n');
    const call = (): string => substitute(text, VARS, { strict: true, file: 'clusters/_template/bootstrap-kit/80-newapi.yaml' });
    expect(call).toThrow(ConfigError);
    expect(call).toThrow(
      'undefined Flux variable SOVEREIGN_FQDN in clusters/_template/bootstrap-kit/80-newapi.yaml:4 (strict mode): ' +
        'add it to a variables file (bootstrapKit.variablesFile) or give it a default (${SOVEREIGN_FQDN:-…})',
    );
  });

  it('strict mode names the variables file when there is one', () => {
    expect(() => substitute('x: ${NOPE}', {}, { strict: true, file: 'k.yaml', variablesFile: 'vars.yaml' })).toThrow(
      'undefined Flux variable NOPE in k.yaml:1 (strict mode): add it to vars.yaml or give it a default (${NOPE:-…})',
    );
  });
});

describe('deriveRelease', () => {
  const hr = (metadata: K8sObject['metadata'], spec: Record<string, unknown>): K8sObject => ({
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata,
    spec,
  });
  it.each([
    ['releaseName and targetNamespace', hr({ name: 'bp-newapi', namespace: 'flux-system' }, { releaseName: 'newapi', targetNamespace: 'newapi' }), 'newapi', 'newapi'],
    ['releaseName only', hr({ name: 'bp-newapi', namespace: 'flux-system' }, { releaseName: 'newapi' }), 'newapi', 'flux-system'],
    ['targetNamespace only', hr({ name: 'bp-catalyst-platform', namespace: 'flux-system' }, { targetNamespace: 'catalyst-system' }), 'catalyst-system-bp-catalyst-platform', 'catalyst-system'],
    ['neither', hr({ name: 'bp-x', namespace: 'flux-system' }, {}), 'bp-x', 'flux-system'],
    ['no namespace anywhere → default', hr({ name: 'bp-x' }, {}), 'bp-x', 'default'],
    ['empty strings count as absent', hr({ name: 'bp-x', namespace: 'apps' }, { releaseName: '', targetNamespace: '' }), 'bp-x', 'apps'],
  ])('%s', (_title, obj, releaseName, releaseNamespace) => {
    expect(deriveRelease(obj)).toEqual({ releaseName, releaseNamespace });
  });
});

describe('loadBootstrapKit', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'flux-spec-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  /** A fresh charts root holding `kit/` with the given files. */
  async function fixture(name: string, files: Record<string, string>): Promise<string> {
    const root = path.join(tmp, name);
    await mkdir(path.join(root, 'kit'), { recursive: true });
    for (const [file, text] of Object.entries(files)) await writeFile(path.join(root, 'kit', file), text);
    return root;
  }

  const NEWAPI = `# slot 80 — comment with \${SOVEREIGN_FQDN}
---
apiVersion: v1
kind: Namespace
metadata:
  name: newapi
  labels:
    catalyst.openova.io/sovereign: \${SOVEREIGN_FQDN}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: bp-newapi
  namespace: flux-system
spec:
  releaseName: newapi
  targetNamespace: newapi
  chart:
    spec:
      chart: bp-newapi
      version: 1.4.33
  values:
    sovereignFQDN: \${SOVEREIGN_FQDN}
    marketplace:
      enabled: \${MARKETPLACE_ENABLED:-false}
    bank:
      accountId: \${LLM_BANK_DHOFAR_ACCOUNT_ID:-}
    replicas: \${REPLICAS:-2}
    literal: $\${NOT_SUBSTITUTED}
`;
  const CATALYST = `apiVersion: helm.toolkit.fluxcd.io/v2beta2
kind: HelmRelease
metadata:
  name: bp-catalyst-platform
  namespace: flux-system
spec:
  targetNamespace: catalyst-system
  chart:
    spec:
      chart: bp-catalyst-platform
      version: "1.4.225"
---
---
apiVersion: external-secrets.io/v1beta1
kind: ClusterSecretStore
metadata:
  name: vault-region1
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: plain
`;

  it('substitutes, parses, derives releases and keeps other objects', async () => {
    const root = await fixture('ok', {
      '80-newapi.yaml': NEWAPI,
      '13-catalyst.yml': CATALYST,
      'kustomization.yaml': 'resources: [${NOT_A_KIT_FILE}]\n',
      'vars.yaml': 'SOVEREIGN_FQDN: omantel.example\nREPLICAS: 3\nDEBUG: false\n',
      'README.md': 'not yaml ${X}',
    });
    const kit = await loadBootstrapKit({ root, kitDir: 'kit', variablesFile: 'kit/vars.yaml', strict: false });

    expect(kit.variables).toEqual({ SOVEREIGN_FQDN: 'omantel.example', REPLICAS: '3', DEBUG: 'false' });
    // Sorted by file name: 13-… before 80-….
    expect(kit.helmReleases.map((h) => h.name)).toEqual(['bp-catalyst-platform', 'bp-newapi']);
    const [catalyst, newapi] = kit.helmReleases;
    expect(catalyst).toEqual({
      file: 'kit/13-catalyst.yml',
      name: 'bp-catalyst-platform',
      namespace: 'flux-system',
      releaseName: 'catalyst-system-bp-catalyst-platform',
      releaseNamespace: 'catalyst-system',
      chart: 'bp-catalyst-platform',
      version: '1.4.225',
      values: {},
    });
    expect(newapi).toMatchObject({
      file: 'kit/80-newapi.yaml',
      releaseName: 'newapi',
      releaseNamespace: 'newapi',
      chart: 'bp-newapi',
      version: '1.4.33',
    });
    expect(newapi.values).toEqual({
      sovereignFQDN: 'omantel.example',
      marketplace: { enabled: false },
      bank: { accountId: null },
      replicas: 3,
      literal: '${NOT_SUBSTITUTED}',
    });

    expect(kit.objects.map((o) => [o.kind, o.name, o.namespace, o.source, o.index])).toEqual([
      ['ClusterSecretStore', 'vault-region1', undefined, 'kit/13-catalyst.yml', 2],
      ['ConfigMap', 'plain', 'default', 'kit/13-catalyst.yml', 3],
      ['Namespace', 'newapi', undefined, 'kit/80-newapi.yaml', 0],
    ]);
    expect(kit.objects[2].object.metadata?.labels).toEqual({ 'catalyst.openova.io/sovereign': 'omantel.example' });
  });

  it('works without a variables file (lenient: unset variables become empty)', async () => {
    const root = await fixture('novars', { '80-newapi.yaml': NEWAPI });
    const kit = await loadBootstrapKit({ root, kitDir: 'kit', strict: false });
    expect(kit.variables).toEqual({});
    expect(kit.helmReleases[0].values).toMatchObject({ sovereignFQDN: null, replicas: 2 });
  });

  it.each<[string, Record<string, string>, { variablesFile?: string; strict?: boolean }, string]>([
    [
      'no HelmRelease',
      { 'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n' },
      {},
      'bootstrap kit kit has no HelmRelease',
    ],
    [
      'YAML syntax error with line',
      { 'bad.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n  namespace: x\n' },
      {},
      'kit/bad.yaml:5: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    [
      'YAML error in a later document',
      { 'bad.yaml': 'a: 1\n---\nb: 1\nb: 2\n' },
      {},
      'kit/bad.yaml:4: invalid YAML: Map keys must be unique',
    ],
    [
      'missing chart',
      { 'hr.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: r\n  namespace: flux-system\nspec:\n  chart:\n    spec:\n      version: 1.0.0\n' },
      {},
      'kit/hr.yaml:1: HelmRelease flux-system/r has no spec.chart.spec.chart',
    ],
    [
      'missing version',
      { 'hr.yaml': '# c\n---\napiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: r\n  namespace: flux-system\nspec:\n  chart:\n    spec:\n      chart: c\n' },
      {},
      'kit/hr.yaml:3: HelmRelease flux-system/r has no spec.chart.spec.version (the kit must pin the chart version)',
    ],
    [
      'unquoted numeric version',
      { 'hr.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: r\nspec:\n  chart:\n    spec:\n      chart: c\n      version: 1.10\n' },
      {},
      'kit/hr.yaml:1: HelmRelease default/r spec.chart.spec.version must be a string, got number (quote it)',
    ],
    [
      'strict mode, undefined variable',
      { 'hr.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: r\nspec:\n  values:\n    host: ${FQDN}\n' },
      { strict: true },
      'undefined Flux variable FQDN in kit/hr.yaml:7 (strict mode): add it to a variables file (bootstrapKit.variablesFile) or give it a default (${FQDN:-…})',
    ],
    [
      'document without kind',
      { 'x.yaml': 'apiVersion: v1\nmetadata:\n  name: x\n' },
      {},
      'kit/x.yaml:1: document 0 has no apiVersion, kind and metadata.name',
    ],
    [
      'duplicate object',
      {
        'a.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n',
        'b.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n',
      },
      {},
      'kit/b.yaml:1: Namespace/x is already defined in kit/a.yaml:1 (Flux would refuse the kit)',
    ],
    [
      'nested variable value',
      { 'v.yaml': 'A:\n  b: 1\n' },
      { variablesFile: 'kit/v.yaml' },
      'kit/v.yaml: variable A must be a string, number or boolean',
    ],
  ])('error: %s', async (title, files, opts, message) => {
    const root = await fixture(`err-${title.replace(/\W+/g, '-')}`, files);
    const load = loadBootstrapKit({ root, kitDir: 'kit', strict: opts.strict ?? false, variablesFile: opts.variablesFile });
    const err = await load.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(message);
  });

  it('error: missing kit directory', async () => {
    await expect(loadBootstrapKit({ root: tmp, kitDir: 'nope', strict: false })).rejects.toThrow(
      `bootstrap kit nope: no such directory under ${tmp}`,
    );
  });
});
