// Flux post-build substitution, HelmRelease → Helm release derivation, and
// reading a bootstrap kit from disk.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { deriveRelease, loadBootstrapKit, substitute } from '../../src/render/flux.js';
import type { BootstrapKit } from '../../src/render/flux.js';
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
    [
      'releaseName and targetNamespace',
      hr({ name: 'bp-newapi', namespace: 'flux-system' }, { releaseName: 'newapi', targetNamespace: 'newapi' }),
      'newapi',
      'newapi',
    ],
    ['releaseName only', hr({ name: 'bp-newapi', namespace: 'flux-system' }, { releaseName: 'newapi' }), 'newapi', 'flux-system'],
    [
      'targetNamespace only',
      hr({ name: 'bp-catalyst-platform', namespace: 'flux-system' }, { targetNamespace: 'catalyst-system' }),
      'catalyst-system-bp-catalyst-platform',
      'catalyst-system',
    ],
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
    ['no HelmRelease', { 'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n' }, {}, 'bootstrap kit kit has no HelmRelease'],
    [
      'YAML syntax error with line',
      { 'bad.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n  namespace: x\n' },
      {},
      'kit/bad.yaml:5: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    ['YAML error in a later document', { 'bad.yaml': 'a: 1\n---\nb: 1\nb: 2\n' }, {}, 'kit/bad.yaml:4: invalid YAML: Map keys must be unique'],
    [
      'missing chart',
      {
        'hr.yaml':
          'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: r\n  namespace: flux-system\nspec:\n  chart:\n    spec:\n      version: 1.0.0\n',
      },
      {},
      'kit/hr.yaml:1: HelmRelease flux-system/r has no spec.chart.spec.chart',
    ],
    [
      'missing version',
      {
        'hr.yaml':
          '# c\n---\napiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: r\n  namespace: flux-system\nspec:\n  chart:\n    spec:\n      chart: c\n',
      },
      {},
      'kit/hr.yaml:3: HelmRelease flux-system/r has no spec.chart.spec.version (the kit must pin the chart version)',
    ],
    [
      'unquoted numeric version',
      {
        'hr.yaml':
          'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: r\nspec:\n  chart:\n    spec:\n      chart: c\n      version: 1.10\n',
      },
      {},
      'kit/hr.yaml:1: HelmRelease default/r spec.chart.spec.version must be a string, got number (quote it)',
    ],
    [
      'strict mode, undefined variable',
      { 'hr.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: r\nspec:\n  values:\n    host: ${FQDN}\n' },
      { strict: true },
      'undefined Flux variable FQDN in kit/hr.yaml:7 (strict mode): add it to a variables file (bootstrapKit.variablesFile) or give it a default (${FQDN:-…})',
    ],
    ['document without kind', { 'x.yaml': 'apiVersion: v1\nmetadata:\n  name: x\n' }, {}, 'kit/x.yaml:1: document 0 has no apiVersion, kind and metadata.name'],
    [
      'duplicate object',
      {
        'a.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n',
        'b.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n',
      },
      {},
      'kit/b.yaml:1: Namespace/x is already defined in kit/a.yaml:1 (Flux would refuse the kit)',
    ],
    ['nested variable value', { 'v.yaml': 'A:\n  b: 1\n' }, { variablesFile: 'kit/v.yaml' }, 'kit/v.yaml: variable A must be a string, number or boolean'],
  ])('error: %s', async (title, files, opts, message) => {
    const root = await fixture(`err-${title.replace(/\W+/g, '-')}`, files);
    const load = loadBootstrapKit({ root, kitDir: 'kit', strict: opts.strict ?? false, variablesFile: opts.variablesFile });
    const err = await load.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(message);
  });

  it('error: missing kit directory', async () => {
    await expect(loadBootstrapKit({ root: tmp, kitDir: 'nope', strict: false })).rejects.toThrow(`bootstrap kit nope: no such directory under ${tmp}`);
  });

  describe('substitution per object, as kustomize-controller does it', () => {
    /** A HelmRelease file whose spec.values holds `values` (its first line is file line 12). */
    const hr = (values: string, name = 'r'): string =>
      `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n  namespace: flux-system\n` +
      'spec:\n  chart:\n    spec:\n      chart: c\n      version: 1.0.0\n  values:\n' +
      values
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n') +
      '\n';
    /** A variables file: JSON strings are YAML strings, so each value arrives exactly as given. */
    const varsFile = (vars: Record<string, string>): string =>
      Object.entries(vars)
        .map(([k, v]) => `${k}: ${JSON.stringify(v)}\n`)
        .join('');
    let n = 0;
    function load(files: Record<string, string>, vars: Record<string, string>, strict = true): Promise<BootstrapKit> {
      return fixture(`subst-${n++}`, { ...files, 'vars.yaml': varsFile(vars) }).then((root) =>
        loadBootstrapKit({ root, kitDir: 'kit', variablesFile: 'kit/vars.yaml', strict }),
      );
    }
    async function loadError(files: Record<string, string>, vars: Record<string, string>): Promise<ConfigError> {
      const err = await load(files, vars).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ConfigError);
      return err as ConfigError;
    }

    it.each<[string, string, Record<string, string>, Record<string, unknown>]>([
      ['int', 'replicas: ${REPLICAS}', { REPLICAS: '3' }, { replicas: 3 }],
      ['bool', 'enabled: ${FLAG}', { FLAG: 'true' }, { enabled: true }],
      ['list', 'hosts: ${HOSTS}', { HOSTS: '[a, b]' }, { hosts: ['a', 'b'] }],
      ['map', 'labels: ${LABELS}', { LABELS: '{team: x}' }, { labels: { team: 'x' } }],
      ['quoted JSON (quotes part of the value) is a string', 'json: ${JSON}', { JSON: `'{"a":1}'` }, { json: '{"a":1}' }],
      ['text around a variable makes a string', 'tag: v${N}\nhost: api.${FQDN}', { N: '3', FQDN: 'x.example' }, { tag: 'v3', host: 'api.x.example' }],
      ['empty value is null', 'id: ${EMPTY}', { EMPTY: '' }, { id: null }],
      // The gotcha, as in Flux: kustomize re-serialises through JSON, source quotes are lost.
      ['gotcha: a source-quoted "${PORT}" still becomes an int', 'port: "${PORT}"', { PORT: '8080' }, { port: 8080 }],
      ['quoted literals without a variable stay strings', 'on: "true"\nv: "1.10"\nx: "0x10"', {}, { on: 'true', v: '1.10', x: '0x10' }],
      ['$${X} escape is a literal ${X}', 'raw: $${FQDN}', { FQDN: 'x.example' }, { raw: '${FQDN}' }],
      [
        'a long line is not folded inside a ${…} default',
        // 29 short words put the library's default 80-column fold right inside the reference.
        `note: ${'w '.repeat(29)}\${MISSING:-hello world}`,
        {},
        { note: `${'w '.repeat(29)}hello world` },
      ],
    ])('typing: %s', async (_title, values, vars, expected) => {
      const kit = await load({ 'hr.yaml': hr(values) }, vars);
      expect(kit.helmReleases[0].values).toEqual(expected);
    });

    it('a variable in a comment is never substituted: no strict error, and its value cannot inject YAML', async () => {
      const text = '# uses ${UNDEFINED_VAR} and ${MULTI}\n' + hr('host: ${FQDN} # not ${ALSO_UNDEFINED}\n# ${MULTI}');
      const kit = await load({ 'hr.yaml': text }, { FQDN: 'x.example', MULTI: 'x\ninjected: true' });
      expect(kit.helmReleases[0].values).toEqual({ host: 'x.example' });
      expect(Object.keys(kit.helmReleases[0])).not.toContain('injected');
      // The text-level substitute() would have put `injected: true` at the top level.
      expect(substitute(text, { MULTI: 'x\ninjected: true' }, LENIENT)).toContain('\ninjected: true\n');
    });

    const CM = (metadata: string): string =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: script\n${metadata}data:\n  run.sh: echo \${UNDEFINED_VAR} $\${ESCAPED} \${FQDN}\n`;
    it.each<[string, string, boolean, string]>([
      [
        'disabled annotation: left as written',
        '  annotations:\n    kustomize.toolkit.fluxcd.io/substitute: disabled\n',
        true,
        'echo ${UNDEFINED_VAR} $${ESCAPED} ${FQDN}',
      ],
      [
        'disabled label: left as written',
        '  labels:\n    kustomize.toolkit.fluxcd.io/substitute: disabled\n',
        true,
        'echo ${UNDEFINED_VAR} $${ESCAPED} ${FQDN}',
      ],
      ['any other annotation value: substituted', '  annotations:\n    kustomize.toolkit.fluxcd.io/substitute: enabled\n', false, 'echo  ${ESCAPED} x.example'],
      ['no annotation: substituted', '', false, 'echo  ${ESCAPED} x.example'],
    ])('kustomize.toolkit.fluxcd.io/substitute: %s', async (_title, metadata, strict, expected) => {
      const kit = await load({ 'cm.yaml': CM(metadata), 'hr.yaml': hr('host: ${FQDN}') }, { FQDN: 'x.example' }, strict);
      expect(kit.objects[0].object.data).toEqual({ 'run.sh': expected });
      expect(kit.helmReleases[0].values).toEqual({ host: 'x.example' }); // the rest of the kit still is substituted
    });

    it.each<[string, Record<string, string>, string, number]>([
      [
        'line of the use, not of the comments mentioning it',
        { 'hr.yaml': '# needs ${MISSING}\n# and ${MISSING} again\n' + hr('a: 1\n# ${MISSING}\nhost: api.${MISSING}') },
        'kit/hr.yaml',
        16,
      ],
      [
        'line in a later document',
        {
          'ns.yaml':
            'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\n# ${MISSING}\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n  labels:\n    x: ${MISSING}\n',
          'hr.yaml': hr('a: 1'),
        },
        'kit/ns.yaml',
        12,
      ],
      ['inside a quoted flow item', { 'hr.yaml': hr('a: 1\nhosts: [x, "${MISSING}"]') }, 'kit/hr.yaml', 13],
      // Serialisation puts the integer-like key "1" first; the first use in the file is reported.
      ['the first use in the file wins over serialisation order', { 'hr.yaml': hr('z: ${MISSING}\n"1": ${OTHER_MISSING}') }, 'kit/hr.yaml', 12],
    ])('strict mode, undefined variable: %s', async (_title, files, file, line) => {
      const err = await loadError(files, {});
      expect(err.message).toBe(
        `undefined Flux variable MISSING in ${file}:${line} (strict mode): add it to kit/vars.yaml or give it a default (\${MISSING:-…})`,
      );
    });

    const BROKEN_HINT =
      'a variable value holding YAML syntax (`: `, ` #`, a leading `[`, `{`, `*`, `&`…) changes the document; ' +
      `make the quotes part of the value (e.g. HOST: "'a: b'") or fix the value`;
    it.each<[string, Record<string, string>, Record<string, string>, string]>([
      [
        'a value with ": " breaks the mapping',
        { 'hr.yaml': hr('fqdn: ${FQDN}\nhost: ${HOST}') },
        { FQDN: 'x.example', HOST: 'a: b' },
        'kit/hr.yaml:1: document 0 is not valid YAML after Flux substitution of HOST: Nested mappings are not allowed in compact mappings',
      ],
      [
        'an unclosed flow list, in a later document',
        { 'hr.yaml': hr('a: 1', 'first') + '# c\n---\n' + hr('hosts: ${HOSTS}\nfqdn: ${FQDN}') },
        { FQDN: 'x.example', HOSTS: '[a, b' },
        'kit/hr.yaml:15: document 1 is not valid YAML after Flux substitution of HOSTS: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ],
      [
        'a value that starts a second document',
        { 'hr.yaml': hr('fqdn: ${FQDN}') },
        { FQDN: 'x\n---\ny: 1' },
        'kit/hr.yaml:1: document 0 is not valid YAML after Flux substitution of FQDN: Source contains multiple documents; please use YAML.parseAllDocuments()',
      ],
    ])('broken after substitution: %s', async (_title, files, vars, message) => {
      const err = await loadError(files, vars);
      expect(err.message).toBe(message);
      expect(err.hint).toBe(BROKEN_HINT);
    });
  });
});
