// Suite config: defaults, strict validation with exact messages, env overrides.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_CONFIG, DEFAULT_CHARTS_ROOT, describeConfigSource, loadSuiteConfig, resolvePath } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';

let tmp: string;
let seq = 0;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'config-spec-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A charts root with empty chart folders, a kit folder and the given suite.yaml text. */
async function makeRoot(suite: string, extra: Record<string, string> = {}): Promise<string> {
  const root = path.join(tmp, `root-${++seq}`);
  for (const dir of ['charts/a', 'charts/b/templates', 'kit']) await mkdir(path.join(root, dir), { recursive: true });
  await writeFile(path.join(root, 'charts/b/templates/kustomization.yaml'), 'resources: []\n');
  await writeFile(path.join(root, 'kit/vars.yaml'), 'X: y\n');
  for (const [file, text] of Object.entries(extra)) await writeFile(path.join(root, file), text);
  await writeFile(path.join(root, 'suite.yaml'), suite);
  return root;
}

const MINIMAL = `
bootstrapKit:
  path: kit
charts:
  - id: a
    name: bp-a
    path: charts/a
`;

/** Every section used; each error case below edits one spot of it. */
const FULL = `
defaults:
  kubeVersion: 1.34.2
  timeoutMs: 5000
  renderers: [helm4]
bootstrapKit:
  path: kit
  variablesFile: kit/vars.yaml
  strict: true
  secretVariables: [X]
charts:
  - id: a
    name: bp-a
    path: charts/a
    apiVersions: [external-secrets.io/v1beta1]
    release: { name: newapi, namespace: newapi }
    probes: { minStartupSeconds: 300, exempt: [Job/x/main] }
    matrix:
      axes:
        kit: { kit: { kitValues: true }, defaults: }
        route: { on: { values: { ingress: { enabled: true } }, set: [a=1] }, off: {} }
      exclude:
        - { kit: defaults, route: off }
  - id: b
    name: bp-b
    path: charts/b
    kustomizeDir: charts/b/templates
lockstep: [[a, b]]
externalServices:
  - { name: valkey-primary, namespace: valkey, ports: [6379] }
pinnedSecretRefs:
  - { chart: b, workload: Deployment/api, env: TOKEN, secretName: s, key: K, optional: true }
`;

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof Error)) throw new Error('expected loadSuiteConfig to fail');
  return err;
}

describe('loadSuiteConfig', () => {
  it('loads a minimal config and fills every default', async () => {
    const root = await makeRoot(MINIMAL);
    const config = await loadSuiteConfig({ root });
    expect(config).toEqual({
      root,
      file: path.join(root, 'suite.yaml'),
      source: { config: 'charts root', root: 'option' },
      defaults: {
        kubeVersion: '1.35.0',
        timeoutMs: 60000,
        renderers: ['helm4', 'helm3'],
        maxRenderBytes: 67108864,
        maxCells: 10000,
        cacheMaxEntryBytes: 33554432,
        cacheMaxTotalBytes: 1073741824,
      },
      bootstrapKit: { path: 'kit', strict: false, secretVariables: [] },
      charts: [
        {
          id: 'a',
          name: 'bp-a',
          path: 'charts/a',
          apiVersions: [],
          dependencies: 'fail',
          requiredResources: [],
          dualModeAllowed: [],
          templateResidueAllowed: [],
          skipContracts: [],
          probes: { minStartupSeconds: 0, exempt: [] },
          schema: { strict: true, unvalidatedKinds: 'list' },
          matrix: { axes: { default: { default: {} } }, exclude: [] },
        },
      ],
      lockstep: [],
      externalServices: [],
      pinnedSecretRefs: [],
    });
    expect(resolvePath(config, 'charts/a')).toBe(path.join(root, 'charts/a'));
  });

  it('loads a full config as written (paths stay relative)', async () => {
    const root = await makeRoot(FULL);
    const config = await loadSuiteConfig({ root });
    expect(config.defaults).toEqual({
      kubeVersion: '1.34.2',
      timeoutMs: 5000,
      renderers: ['helm4'],
      maxRenderBytes: 67108864,
      maxCells: 10000,
      cacheMaxEntryBytes: 33554432,
      cacheMaxTotalBytes: 1073741824,
    });
    expect(config.bootstrapKit).toEqual({ path: 'kit', variablesFile: 'kit/vars.yaml', strict: true, secretVariables: ['X'] });
    expect(config.charts[0]).toMatchObject({
      apiVersions: ['external-secrets.io/v1beta1'],
      release: { name: 'newapi', namespace: 'newapi' },
      probes: { minStartupSeconds: 300, exempt: ['Job/x/main'] },
      matrix: {
        axes: {
          kit: { kit: { kitValues: true }, defaults: {} },
          route: { on: { values: { ingress: { enabled: true } }, set: ['a=1'] }, off: {} },
        },
        exclude: [{ kit: 'defaults', route: 'off' }],
      },
    });
    expect(config.charts[1].kustomizeDir).toBe('charts/b/templates');
    expect(config.lockstep).toEqual([['a', 'b']]);
    expect(config.externalServices).toEqual([{ name: 'valkey-primary', namespace: 'valkey', ports: [6379] }]);
    expect(config.pinnedSecretRefs).toEqual([{ chart: 'b', workload: 'Deployment/api', env: 'TOKEN', secretName: 's', key: 'K', optional: true }]);
  });

  it('reads pinnedEnv (issue 15): a literal, and refs with optional defaulting to false', async () => {
    const pins =
      'pinnedEnv:\n  - { chart: b, workload: Deployment/api, container: api, env: ADDR, value: http://x }\n  - { chart: b, workload: Deployment/api, env: T, secretKeyRef: { name: s, key: K } }\nlockstep:';
    const config = await loadSuiteConfig({ root: await makeRoot(FULL.replace('lockstep:', pins)) });
    expect(config.pinnedEnv).toEqual([
      { chart: 'b', workload: 'Deployment/api', container: 'api', env: 'ADDR', value: 'http://x' },
      { chart: 'b', workload: 'Deployment/api', env: 'T', secretKeyRef: { name: 's', key: 'K', optional: false } },
    ]);
  });

  /** [title, text replaced in FULL (from → to), line, exact message after `suite.yaml:<line>: `] */
  it.each<[string, string, string, number, string]>([
    [
      'unknown chart key',
      '    matrix:\n',
      '    matrx:\n',
      18,
      'charts[0].matrx is not a known key (known: id, name, path, kustomizeDir, kustomizeCells, skipContracts, apiVersions, dependencies, requiredResources, dualModeAllowed, templateResidueAllowed, release, releases, probes, matrix, unittest, schema, expectContracts, dualModeContainers)',
    ],
    [
      'unknown top-level key',
      'lockstep:',
      'lockstepp:',
      28,
      'lockstepp is not a known key (known: defaults, bootstrapKit, charts, lockstep, externalServices, pinnedSecretRefs, pinnedEnv, schema, generatedObjects, clusterSecrets)',
    ],
    [
      'wrong type',
      '    kustomizeDir: charts/b/templates\n',
      '    kustomizeDir: charts/b/templates\n    apiVersions: 3\n',
      28,
      'charts[1].apiVersions must be a list of strings, got number',
    ],
    ['wrong element type', '[external-secrets.io/v1beta1]', '[external-secrets.io/v1beta1, 2]', 15, 'charts[0].apiVersions[1] must be a string, got number'],
    ['missing required', '    name: bp-b\n', '', 24, 'charts[1].name is required'],
    ['duplicate id', '  - id: b\n', '  - id: a\n', 24, 'charts[1].id a is already used by charts[0]'],
    ['missing chart dir', 'path: charts/b\n', 'path: platform/x/chart\n', 26, `charts[1].path platform/x/chart: no such directory under <root>`],
    [
      'kustomizeCells without kustomizeDir',
      '    path: charts/a\n',
      '    path: charts/a\n    kustomizeCells: [default]\n',
      15,
      'charts[0].kustomizeCells needs kustomizeDir (only dual-mode charts are compared with kustomize)',
    ],
    [
      'kustomizeCells naming an unknown cell',
      '    kustomizeDir: charts/b/templates\n',
      '    kustomizeDir: charts/b/templates\n    kustomizeCells: [nope]\n',
      28,
      'charts[1].kustomizeCells[0] nope is not a cell of this chart (cells: default)',
    ],
    [
      'missing kustomize dir',
      'kustomizeDir: charts/b/templates',
      'kustomizeDir: charts/b/kust',
      27,
      'charts[1].kustomizeDir charts/b/kust: no such directory under <root>',
    ],
    [
      'kustomize dir without kustomization',
      'kustomizeDir: charts/b/templates',
      'kustomizeDir: charts/a',
      27,
      'charts[1].kustomizeDir charts/a: has no kustomization.yaml',
    ],
    ['missing kit dir', '  path: kit\n', '  path: clusters/kit\n', 7, 'bootstrapKit.path clusters/kit: no such directory under <root>'],
    [
      'missing variables file',
      'variablesFile: kit/vars.yaml',
      'variablesFile: kit/nope.yaml',
      8,
      'bootstrapKit.variablesFile kit/nope.yaml: no such file under <root>',
    ],
    ['absolute path', 'path: charts/a', 'path: /charts/a', 14, 'charts[0].path must be relative to the charts root, got /charts/a'],
    ['unknown lockstep id', '[[a, b]]', '[[a, c]]', 28, 'lockstep[0][1] c is not a known chart id (known: a, b)'],
    ['lockstep group of one', '[[a, b]]', '[[a]]', 28, 'lockstep[0] must name at least two chart ids'],
    ['unknown pinned chart', '{ chart: b,', '{ chart: z,', 32, 'pinnedSecretRefs[0].chart z is not a known chart id (known: a, b)'],
    ['pinned optional not boolean', 'optional: true', 'optional: "true"', 32, 'pinnedSecretRefs[0].optional must be true or false, got string'],
    ['bad renderer', '[helm4]', '[helm4, helm2]', 5, 'defaults.renderers[1] must be helm4 or helm3, got helm2'],
    ['empty renderers', '[helm4]', '[]', 5, 'defaults.renderers must name at least one renderer (helm4, helm3)'],
    ['kubeVersion as number', '1.34.2', '1.34', 3, 'defaults.kubeVersion must be a string, got number'],
    ['kubeVersion shape', '1.34.2', 'latest', 3, 'defaults.kubeVersion must be a Kubernetes version like 1.35.0, got latest'],
    ['timeout not positive', 'timeoutMs: 5000', 'timeoutMs: 0', 4, 'defaults.timeoutMs must be between 1 and 3600000, got 0'],
    [
      'exclude unknown axis',
      '{ kit: defaults, route: off }',
      '{ kit: defaults, rout: off }',
      23,
      'charts[0].matrix.exclude[0].rout is not a known axis (known: kit, route)',
    ],
    [
      'exclude unknown option',
      '{ kit: defaults, route: off }',
      '{ kit: default, route: off }',
      23,
      'charts[0].matrix.exclude[0].kit must be an option of axis kit (known: kit, defaults), got default',
    ],
    [
      'exclude everything',
      '{ kit: defaults, route: off }',
      '{ route: on }\n        - { route: off }',
      19,
      'charts[0].matrix leaves no cell: all 4 cells match an exclude entry',
    ],
    [
      'dotted option name',
      'defaults: }',
      '"de.faults": }',
      20,
      "charts[0].matrix.axes.kit[\"de.faults\"] must be a name starting with a letter, of letters, digits, '-' and '_', got de.faults",
    ],
    [
      'unknown option key',
      '{ kitValues: true }',
      '{ kitvalues: true }',
      20,
      'charts[0].matrix.axes.kit.kit.kitvalues is not a known key (known: kitValues, values, set, apiVersions, requiredResources)',
    ],
    ['set without =', 'set: [a=1]', 'set: [a]', 21, 'charts[0].matrix.axes.route.on.set[0] must be key=value, got a'],
    [
      'dependencies mode',
      '    path: charts/a\n',
      '    path: charts/a\n    dependencies: fetch\n',
      15,
      'charts[0].dependencies must be fail or stub, got fetch',
    ],
    [
      'apiVersions shape',
      '[external-secrets.io/v1beta1]',
      '[external-secrets.io]',
      15,
      'charts[0].apiVersions[0] must be an API version like external-secrets.io/v1beta1 (optionally /Kind), got external-secrets.io',
    ],
    [
      'requiredResources shape',
      '    path: charts/a\n',
      '    path: charts/a\n    requiredResources: [newapi]\n',
      15,
      'charts[0].requiredResources[0] must be Kind/name or Kind/namespace/name, got newapi',
    ],
    [
      'cell requiredResources shape',
      'set: [a=1]',
      'set: [a=1], requiredResources: [Deployment]',
      21,
      'charts[0].matrix.axes.route.on.requiredResources[0] must be Kind/name or Kind/namespace/name, got Deployment',
    ],
    [
      'dualModeAllowed without reason',
      '    path: charts/b\n',
      '    path: charts/b\n    dualModeAllowed: [{ workload: Deployment/api, env: LOG_LEVEL }]\n',
      27,
      'charts[1].dualModeAllowed[0].reason is required',
    ],
    [
      'dualModeAllowed without kustomizeDir',
      '    path: charts/a\n',
      '    path: charts/a\n    dualModeAllowed: [{ workload: Deployment/api, env: X, reason: r }]\n',
      15,
      'charts[0].dualModeAllowed needs kustomizeDir (only dual-mode charts are compared with kustomize)',
    ],
    [
      'templateResidueAllowed shape',
      '    path: charts/a\n',
      '    path: charts/a\n    templateResidueAllowed: [{ resource: alerts, reason: r }]\n',
      15,
      'charts[0].templateResidueAllowed[0].resource must be Kind/name, got alerts',
    ],
    ['probe exempt shape', '[Job/x/main]', '[Job/x]', 17, 'charts[0].probes.exempt[0] must be Kind/name/container, got Job/x'],
    ['port out of range', '[6379]', '[70000]', 30, 'externalServices[0].ports[0] must be between 1 and 65535, got 70000'],
    ['bad secret variable name', 'secretVariables: [X]', 'secretVariables: [1X]', 10, 'bootstrapKit.secretVariables[0] must be a Flux variable name, got 1X'],
    [
      'release namespace shape',
      'namespace: newapi }',
      'namespace: NewAPI }',
      16,
      'charts[0].release.namespace must be a namespace name (lower-case DNS label), got NewAPI',
    ],
    [
      'pinnedEnv with two sources',
      'lockstep:',
      'pinnedEnv: [{ chart: b, workload: Deployment/api, env: X, value: v, secretKeyRef: { name: s, key: k } }]\nlockstep:',
      28,
      'pinnedEnv[0] must pin exactly one of value, secretKeyRef, configMapKeyRef (got value, secretKeyRef)',
    ],
    [
      'pinnedEnv ref without key',
      'lockstep:',
      'pinnedEnv: [{ chart: b, workload: Deployment/api, env: X, configMapKeyRef: { name: c } }]\nlockstep:',
      28,
      'pinnedEnv[0].configMapKeyRef.key is required',
    ],
    [
      'pinnedEnv unknown chart',
      'lockstep:',
      'pinnedEnv: [{ chart: z, workload: Deployment/api, env: X, value: v }]\nlockstep:',
      28,
      'pinnedEnv[0].chart z is not a known chart id (known: a, b)',
    ],
    [
      'schema.crds path missing',
      'lockstep: [[a, b]]',
      'lockstep: [[a, b]]\nschema: { crds: [crds/nope.yaml] }',
      29,
      'schema.crds[0] crds/nope.yaml: no such file or directory under <root>',
    ],
    [
      'schema.unvalidatedKinds value',
      '    path: charts/a\n',
      '    path: charts/a\n    schema: { unvalidatedKinds: warn }\n',
      15,
      'charts[0].schema.unvalidatedKinds must be list or fail, got warn',
    ],
    [
      'schema.strict not boolean',
      '    path: charts/a\n',
      '    path: charts/a\n    schema: { strict: "yes" }\n',
      15,
      'charts[0].schema.strict must be true or false, got string',
    ],
  ])('error: %s', async (_title, from, to, line, message) => {
    expect(FULL).toContain(from);
    const root = await makeRoot(FULL.replace(from, to));
    const err = await errorOf(loadSuiteConfig({ root }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toBe(`suite.yaml:${line}: ${message.replace('<root>', root)}`);
  });

  it.each([
    ['empty file', '', 'suite.yaml: top level must be a map, got null'],
    ['list at top level', '- a\n', 'suite.yaml:1: top level must be a map, got list'],
    ['no charts', 'bootstrapKit: { path: kit }\ncharts: []\n', 'suite.yaml:2: charts must list at least one chart'],
    ['no bootstrapKit', 'charts: []\n', 'suite.yaml:1: bootstrapKit is required'],
    [
      'YAML syntax error with line',
      'bootstrapKit:\n  path: kit\ncharts:\n  - id: a\n   name: x\n',
      'suite.yaml:5: invalid YAML: Sequence item without - indicator',
    ],
  ])('error: %s', async (_title, text, message) => {
    const root = await makeRoot(text);
    const err = await errorOf(loadSuiteConfig({ root }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toBe(message);
  });

  it('error: missing config file', async () => {
    const root = await makeRoot(MINIMAL);
    const err = await errorOf(loadSuiteConfig({ root, configFile: path.join(root, 'nope.yaml') }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toBe(`suite config ${path.join(root, 'nope.yaml')}: no such file (set SUITE_CONFIG, or CHARTS_ROOT to a folder holding suite.yaml)`);
  });

  it('error messages carry no stack-like text', async () => {
    const root = await makeRoot(FULL.replace('[[a, b]]', '[[a, c]]'));
    const err = await errorOf(loadSuiteConfig({ root }));
    expect(err.message).not.toMatch(/\n\s+at /);
  });
});

describe('environment', () => {
  const saved = { CHARTS_ROOT: process.env.CHARTS_ROOT, SUITE_CONFIG: process.env.SUITE_CONFIG };
  const cwd = process.cwd();
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    process.chdir(cwd);
  });

  it('CHARTS_ROOT picks the root and its suite.yaml', async () => {
    const root = await makeRoot(MINIMAL);
    delete process.env.SUITE_CONFIG;
    process.env.CHARTS_ROOT = root;
    const config = await loadSuiteConfig();
    expect(config.root).toBe(root);
    expect(config.file).toBe(path.join(root, 'suite.yaml'));
  });

  it('SUITE_CONFIG (relative to cwd) picks the file; root defaults to its folder', async () => {
    const root = await makeRoot(MINIMAL, { 'other.yaml': MINIMAL.replace('id: a', 'id: other') });
    delete process.env.CHARTS_ROOT;
    process.env.SUITE_CONFIG = 'other.yaml';
    process.chdir(root);
    const config = await loadSuiteConfig();
    expect(config.file).toBe(path.join(root, 'other.yaml'));
    expect(config.root).toBe(root);
    expect(config.charts[0].id).toBe('other');
  });

  it('CHARTS_ROOT and SUITE_CONFIG together: paths resolve against CHARTS_ROOT', async () => {
    const root = await makeRoot(MINIMAL);
    const elsewhere = path.join(tmp, `elsewhere-${++seq}`);
    await mkdir(elsewhere);
    await writeFile(path.join(elsewhere, 'suite.yaml'), MINIMAL.replace('id: a', 'id: moved'));
    process.env.CHARTS_ROOT = root;
    process.env.SUITE_CONFIG = path.join(elsewhere, 'suite.yaml');
    const config = await loadSuiteConfig();
    expect(config.root).toBe(root);
    expect(config.charts[0].id).toBe('moved');
    expect(resolvePath(config, config.charts[0].path)).toBe(path.join(root, 'charts/a'));
  });

  it('options win over the environment', async () => {
    const root = await makeRoot(MINIMAL);
    process.env.CHARTS_ROOT = path.join(tmp, 'does-not-exist');
    process.env.SUITE_CONFIG = path.join(tmp, 'does-not-exist.yaml');
    const config = await loadSuiteConfig({ root, configFile: path.join(root, 'suite.yaml') });
    expect(config.root).toBe(root);
  });

  it('without options or environment the root is <project>/charts-under-test', async () => {
    expect(DEFAULT_CHARTS_ROOT).toBe(path.resolve(import.meta.dirname, '../../charts-under-test'));
  });

  describe('lookup order: SUITE_CONFIG, else <CHARTS_ROOT>/suite.yaml, else the bundled config against CHARTS_ROOT', () => {
    it('CHARTS_ROOT without suite.yaml and no SUITE_CONFIG: the bundled config, its paths resolved against CHARTS_ROOT', async () => {
      // A repository the user cannot add files to: same layout as the bundled charts, no suite.yaml.
      const root = path.join(tmp, `no-config-${++seq}`);
      await cp(DEFAULT_CHARTS_ROOT, root, { recursive: true, filter: (src) => path.basename(src) !== 'suite.yaml' });
      delete process.env.SUITE_CONFIG;
      process.env.CHARTS_ROOT = root;
      const config = await loadSuiteConfig();
      expect(config.file).toBe(BUNDLED_CONFIG);
      expect(config.root).toBe(root);
      expect(config.source).toEqual({ config: 'bundled', root: 'CHARTS_ROOT' });
      expect(resolvePath(config, config.charts[0].path)).toBe(path.join(root, 'platform/newapi/chart'));
      expect(describeConfigSource(config)).toBe(
        `suite config ${BUNDLED_CONFIG} (bundled; no suite.yaml in the charts root and no SUITE_CONFIG); charts root ${root} (from CHARTS_ROOT)`,
      );
    });

    it('the bundled fallback names itself when its paths are not in CHARTS_ROOT', async () => {
      const root = path.join(tmp, `empty-${++seq}`);
      await mkdir(root);
      delete process.env.SUITE_CONFIG;
      process.env.CHARTS_ROOT = root;
      const err = await errorOf(loadSuiteConfig());
      expect(err.message).toBe(
        `${BUNDLED_CONFIG} (bundled config, paths resolved against ${root}):20: charts[0].path platform/newapi/chart: no such directory under ${root}`,
      );
    });

    it.each([
      { name: 'SUITE_CONFIG', env: 'SUITE_CONFIG' as const, source: { config: 'SUITE_CONFIG', root: 'CHARTS_ROOT' }, why: 'from SUITE_CONFIG' },
      { name: '<CHARTS_ROOT>/suite.yaml', env: undefined, source: { config: 'charts root', root: 'CHARTS_ROOT' }, why: "the charts root's own" },
    ])('$name is used and printed as such', async ({ env, source, why }) => {
      const root = await makeRoot(MINIMAL);
      const file = env ? path.join(tmp, `outside-${++seq}.yaml`) : path.join(root, 'suite.yaml');
      if (env) await writeFile(file, MINIMAL);
      process.env.CHARTS_ROOT = root;
      if (env) process.env.SUITE_CONFIG = file;
      else delete process.env.SUITE_CONFIG;
      const config = await loadSuiteConfig();
      expect(config.file).toBe(file);
      expect(config.source).toEqual(source);
      expect(describeConfigSource(config)).toBe(`suite config ${file} (${why}); charts root ${root} (from CHARTS_ROOT)`);
    });

    it("a caller that names a root gets that root's config, whatever SUITE_CONFIG says", async () => {
      const root = await makeRoot(MINIMAL);
      process.env.SUITE_CONFIG = path.join(tmp, 'does-not-exist.yaml');
      const config = await loadSuiteConfig({ root });
      expect(config.file).toBe(path.join(root, 'suite.yaml'));
      expect(config.source).toEqual({ config: 'charts root', root: 'option' });
    });

    it('with nothing set: the bundled config and root', async () => {
      delete process.env.SUITE_CONFIG;
      delete process.env.CHARTS_ROOT;
      const config = await loadSuiteConfig();
      expect(describeConfigSource(config)).toBe(`suite config ${BUNDLED_CONFIG} (bundled); charts root ${DEFAULT_CHARTS_ROOT.replace(/\/$/, '')} (bundled)`);
    });
  });
});

describe('issue 13 keys (contract precision)', () => {
  const PRECISION = `${FULL}
generatedObjects:
  - source: minio.min.io/Tenant
    reason: MinIO operator
    creates:
      - { kind: Service, name: "{name}-hl", ports: [9000] }
      - { kind: Secret, name: "{name}-tls", when: spec.requestAutoCert }
clusterSecrets:
  - { name: regcred, namespaces: [a, "tenant-.*"], reason: provisioner }
  - { name: token, namespace: x, reason: by hand }
`.replace(
    '    kustomizeDir: charts/b/templates\n',
    `    kustomizeDir: charts/b/templates
    expectContracts: [probes]
    dualModeContainers: [{ workload: Deployment/podinfo, helm: podinfo, kustomize: podinfod }]
    dualModeAllowed:
      - { workload: Deployment/podinfo, field: readinessProbe, reason: r }
      - { workload: Deployment/podinfo, container: podinfo, field: "volumes[config]", reason: r }
    probes: { minStartupSeconds: 300, minStartupContainers: [api, Deployment/x/main], minStartupByContainer: { bridge: 15 } }
`,
  );

  it('loads them as written; a config without them has none', async () => {
    const config = await loadSuiteConfig({ root: await makeRoot(PRECISION) });
    expect(config.generatedObjects).toEqual([
      {
        source: 'minio.min.io/Tenant',
        reason: 'MinIO operator',
        creates: [
          { kind: 'Service', name: '{name}-hl', ports: [9000] },
          { kind: 'Secret', name: '{name}-tls', when: 'spec.requestAutoCert' },
        ],
      },
    ]);
    expect(config.clusterSecrets).toEqual([
      { name: 'regcred', namespaces: ['a', 'tenant-.*'], reason: 'provisioner' },
      { name: 'token', namespace: 'x', reason: 'by hand' },
    ]);
    expect(config.charts[1]).toMatchObject({
      expectContracts: ['probes'],
      dualModeContainers: [{ workload: 'Deployment/podinfo', helm: 'podinfo', kustomize: 'podinfod' }],
      dualModeAllowed: [
        { workload: 'Deployment/podinfo', field: 'readinessProbe', reason: 'r' },
        { workload: 'Deployment/podinfo', container: 'podinfo', field: 'volumes[config]', reason: 'r' },
      ],
      probes: { minStartupSeconds: 300, exempt: [], minStartupContainers: ['api', 'Deployment/x/main'], minStartupByContainer: { bridge: 15 } },
    });
    const plain = await loadSuiteConfig({ root: await makeRoot(FULL) });
    expect([plain.generatedObjects, plain.clusterSecrets, plain.charts[1].expectContracts, plain.charts[1].dualModeContainers]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('expectContracts: [all]', async () => {
    const config = await loadSuiteConfig({ root: await makeRoot(PRECISION.replace('expectContracts: [probes]', 'expectContracts: [all]')) });
    expect(config.charts[1].expectContracts).toEqual(['all']);
  });

  it.each<[string, string, string, string]>([
    [
      'allowance with env and field',
      'field: readinessProbe, reason',
      'field: readinessProbe, env: X, reason',
      'charts[1].dualModeAllowed[0] must name exactly one of env and field',
    ],
    [
      'allowance with neither',
      '{ workload: Deployment/podinfo, field: readinessProbe, reason: r }',
      '{ workload: Deployment/podinfo, reason: r }',
      'charts[1].dualModeAllowed[0] must name exactly one of env and field',
    ],
    [
      'unknown allowance field',
      'field: readinessProbe',
      'field: image',
      'charts[1].dualModeAllowed[0].field must be readinessProbe, livenessProbe, startupProbe, ports or volumes[NAME], got image',
    ],
    ['container pair without kustomize name', ', kustomize: podinfod }', ' }', 'charts[1].dualModeContainers[0].kustomize is required'],
    [
      'generated kind',
      'kind: Service, name: "{name}-hl"',
      'kind: ConfigMap, name: "{name}-hl"',
      'generatedObjects[0].creates[0].kind must be Service or Secret, got ConfigMap',
    ],
    [
      'generated source shape',
      'source: minio.min.io/Tenant',
      'source: minio.min.io/tenant',
      'generatedObjects[0].source must be group/Kind or Kind (e.g. postgresql.cnpg.io/Cluster), got minio.min.io/tenant',
    ],
    ['generated port', 'ports: [9000]', 'ports: [0]', 'generatedObjects[0].creates[0].ports[0] must be between 1 and 65535, got 0'],
    [
      'cluster secret without reason',
      '{ name: token, namespace: x, reason: by hand }',
      '{ name: token, namespace: x }',
      'clusterSecrets[1].reason is required',
    ],
    [
      'cluster secret namespace regex',
      '"tenant-.*"',
      '"tenant-("',
      'clusterSecrets[0].namespaces[1] must be a namespace name or a regular expression, got tenant-(',
    ],
    [
      'cluster secret with both namespace keys',
      '{ name: token, namespace: x,',
      '{ name: token, namespace: x, namespaces: [y],',
      'clusterSecrets[1] must name exactly one of namespace and namespaces',
    ],
    ['minimum per container', '{ bridge: 15 }', '{ bridge: fast }', 'charts[1].probes.minStartupByContainer.bridge must be an integer, got string'],
    [
      'minimum container shape',
      '[api, Deployment/x/main]',
      '[api, Deployment/x]',
      'charts[1].probes.minStartupContainers[1] must be a container name or Kind/name/container, got Deployment/x',
    ],
  ])('error: %s', async (_title, from, to, message) => {
    expect(PRECISION).toContain(from);
    const err = await errorOf(loadSuiteConfig({ root: await makeRoot(PRECISION.replace(from, to)) }));
    expect(err).toBeInstanceOf(ConfigError);
    // The line is asserted by the generic cases above; here the key path and the words.
    expect(err.message).toMatch(/^suite\.yaml:\d+: /);
    expect(err.message.replace(/^suite\.yaml:\d+: /, '')).toBe(message);
  });

  it('dualModeContainers needs kustomizeDir', async () => {
    const text = MINIMAL.replace('    path: charts/a\n', '    path: charts/a\n    dualModeContainers: [{ workload: Deployment/x, helm: a, kustomize: b }]\n');
    const err = await errorOf(loadSuiteConfig({ root: await makeRoot(text) }));
    expect(err.message).toBe('suite.yaml:8: charts[0].dualModeContainers needs kustomizeDir (only dual-mode charts are compared with kustomize)');
  });

  it('variablesFile: absolute, or next to a config kept outside the root (found there: kept absolute)', async () => {
    const root = await makeRoot(MINIMAL);
    const outside = path.join(tmp, `outside-${++seq}`);
    await mkdir(outside, { recursive: true });
    await writeFile(path.join(outside, 'vars.yaml'), 'X: y\n');
    const file = path.join(outside, 'suite.yaml');
    await writeFile(file, MINIMAL.replace('  path: kit\n', '  path: kit\n  variablesFile: vars.yaml\n'));
    expect((await loadSuiteConfig({ root, configFile: file })).bootstrapKit.variablesFile).toBe(path.join(outside, 'vars.yaml'));
    await writeFile(file, MINIMAL.replace('  path: kit\n', `  path: kit\n  variablesFile: ${path.join(outside, 'vars.yaml')}\n`));
    expect((await loadSuiteConfig({ root, configFile: file })).bootstrapKit.variablesFile).toBe(path.join(outside, 'vars.yaml'));
    await writeFile(file, MINIMAL.replace('  path: kit\n', `  path: kit\n  variablesFile: ${path.join(root, 'kit/vars.yaml')}\n`));
    expect((await loadSuiteConfig({ root, configFile: file })).bootstrapKit.variablesFile).toBe(path.join(root, 'kit/vars.yaml'));
    await writeFile(file, MINIMAL.replace('  path: kit\n', `  path: kit\n  variablesFile: /nonexistent/vars.yaml\n`));
    expect((await errorOf(loadSuiteConfig({ root, configFile: file }))).message).toBe(
      `${file}:4: bootstrapKit.variablesFile /nonexistent/vars.yaml: no such file`,
    );
  });
});
