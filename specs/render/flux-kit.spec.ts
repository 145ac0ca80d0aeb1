// The clusters form of the Flux kit (issue 14), with the real kubectl for kustomization
// folders: builds, Flux Kustomizations followed, postBuild, chartRef, versions, identity.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { deriveRelease, loadKit, pinHolds, type Kit } from '../../src/render/flux.js';
import { openSuite, suiteRedactor } from '../../src/suite/session.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'flux-kit-spec-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

let n = 0;
/** A repository with the given files; one cluster `c` at clusters/c unless `clusters` says otherwise. */
async function kitOf(
  files: Record<string, string>,
  opts: { sources?: { kind: string; namespace: string; name: string; path: string }[]; variablesFile?: string; strict?: boolean } = {},
): Promise<Kit> {
  const root = path.join(tmp, `repo-${n++}`);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  const cluster = { name: 'c', path: 'clusters/c', ...(opts.variablesFile ? { variablesFile: opts.variablesFile } : {}) };
  return loadKit({ root, clusters: [cluster], sources: opts.sources ?? [], strict: opts.strict ?? true, timeoutMs: 60_000 });
}
async function errorOf(p: Promise<unknown>): Promise<ConfigError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConfigError);
  return err as ConfigError;
}

const ks = (name: string, spec: string) =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 10m\n  prune: true\n${spec}`;
const REPO_SOURCE = '  sourceRef:\n    kind: GitRepository\n    name: flux-system\n';
const hr = (name: string, spec: string, ns = '') =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n${spec}`;
const chart = (c: string, v?: string) =>
  `  chart:\n    spec:\n      chart: ${c}\n${v === undefined ? '' : `      version: "${v}"\n`}      sourceRef: {kind: HelmRepository, name: r}\n`;

describe('building paths as kustomize-controller does', () => {
  it('no kustomization.yaml: every YAML below, recursively and in lexical order; a sub-folder with a kustomization built by kubectl as a unit', async () => {
    const kit = await kitOf({
      'clusters/c/b/z.yaml': hr('z', chart('z', '1.0.0'), 'ns'),
      'clusters/c/a.yml': hr('a', chart('a', '1.0.0'), 'ns'),
      'clusters/c/k/kustomization.yaml': 'resources: [r.yaml]\nnamespace: built\n',
      'clusters/c/k/r.yaml': hr('k', chart('k', '1.0.0')),
      'clusters/c/k/unlisted.yaml': 'not: kubernetes\n',
      'clusters/c/.github/workflows/ci.yaml': 'on: push\n',
      'clusters/c/list.yaml': 'apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: from-list, namespace: ns}}\n',
      'clusters/c/local.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: local\n  annotations: {config.kubernetes.io/local-config: "true"}\n',
      'clusters/c/notes.md': 'not yaml',
    });
    expect(kit.helmReleases.map((h) => `${h.namespace}/${h.name} ${h.file}`)).toEqual([
      'ns/a clusters/c/a.yml',
      'ns/z clusters/c/b/z.yaml',
      'built/k clusters/c/k (kustomize build)',
    ]);
    expect(kit.objects.map((o) => o.name)).toEqual(['from-list']);
  });

  it("a kubectl kustomize failure is the kit's: exit-2 error naming the folder", async () => {
    const err = await errorOf(kitOf({ 'clusters/c/kustomization.yaml': 'resources: [gone.yaml]\n' }));
    expect(err.message).toMatch(
      /^Flux kit: kubectl kustomize clusters\/c failed \(as kustomize-controller's build would\)\n {2}command: .*kubectl kustomize --load-restrictor LoadRestrictionsNone .*clusters\/c\n/,
    );
  });
});

describe('following Flux Kustomizations', () => {
  const settings = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: flux-system\ndata:\n  env: from-cm\n  team: platform\n';
  const secretVars =
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n  namespace: flux-system\nstringData:\n  token: s3cr3t-value\n  env: from-secret\n';

  it('path, targetNamespace, and postBuild: inline substitute > later substituteFrom > earlier', async () => {
    const kit = await kitOf({
      'clusters/c/apps.yaml': ks(
        'apps',
        `  path: ./apps\n  targetNamespace: web\n${REPO_SOURCE}  postBuild:\n    substitute: {team: inline}\n    substituteFrom:\n      - {kind: ConfigMap, name: settings}\n      - {kind: Secret, name: creds}\n`,
      ),
      'clusters/c/settings.yaml': settings,
      'clusters/c/creds.yaml': secretVars,
      'apps/release.yaml': hr(
        'web',
        chart('web', '1.0.0') + '  values:\n    env: ${env}\n    team: ${team}\n    token: ${token}\n    kept: $${env}\n',
        'elsewhere',
      ),
    });
    const [web] = kit.helmReleases;
    expect(web).toMatchObject({ namespace: 'web', releaseName: 'web', releaseNamespace: 'web', kustomization: 'flux-system/apps', cluster: 'c' });
    expect(web.values).toEqual({ env: 'from-secret', team: 'inline', token: 's3cr3t-value', kept: '${env}' });
    expect(kit.secrets).toEqual(['s3cr3t-value', 'from-secret']);
  });

  it('no variables and strategy WithVariables: nothing is substituted, `$${x}` and `${x:=d}` stay', async () => {
    const kit = await kitOf({
      'clusters/c/apps.yaml': ks(
        'apps',
        `  path: ./apps\n${REPO_SOURCE}  postBuild:\n    substituteFrom:\n      - {kind: ConfigMap, name: gone, optional: true}\n`,
      ),
      'apps/release.yaml': hr('web', chart('web', '1.0.0') + '  values:\n    a: ${x:=d}\n    b: $${y}\n', 'web'),
    });
    expect(kit.helmReleases[0].values).toEqual({ a: '${x:=d}', b: '$${y}' });
    expect(kit.notes).toEqual([
      'cluster c: Kustomization flux-system/apps: substituteFrom ConfigMap flux-system/gone is not in the repository (optional: skipped)',
    ]);
  });

  it('a substituteFrom object missing from the repository, without a stand-in: exit-2 error with the fix', async () => {
    const err = await errorOf(
      kitOf({
        'clusters/c/apps.yaml': ks('apps', `  path: ./apps\n${REPO_SOURCE}  postBuild:\n    substituteFrom:\n      - {kind: ConfigMap, name: cluster-vars}\n`),
        'apps/release.yaml': hr('web', chart('web', '1.0.0'), 'web'),
      }),
    );
    expect(err.message).toBe(
      'clusters/c/apps.yaml:1: Kustomization flux-system/apps spec.postBuild.substituteFrom[0]: ConfigMap flux-system/cluster-vars is not in the repository, and substituteFrom needs it',
    );
    expect(err.hint).toBe(
      'if the cluster creates it outside Git, give the cluster a variablesFile holding its variables (bootstrapKit.clusters[].variablesFile), or mark the entry optional: true',
    );
  });

  it('a substituteFrom ConfigMap built by a later Kustomization is waited for', async () => {
    const kit = await kitOf({
      'clusters/c/a-apps.yaml': ks('apps', `  path: ./apps\n${REPO_SOURCE}  postBuild:\n    substituteFrom:\n      - {kind: ConfigMap, name: settings}\n`),
      'clusters/c/b-config.yaml': ks('config', `  path: ./config\n${REPO_SOURCE}`),
      'config/settings.yaml': settings,
      'apps/release.yaml': hr('web', chart('web', '1.0.0') + '  values:\n    env: ${env}\n', 'web'),
    });
    expect(kit.helmReleases[0].values).toEqual({ env: 'from-cm' });
  });

  it('sources: an unmapped one is named and not followed; a mapped one is built from its folder', async () => {
    const oci = (name: string) => ks(name, `  path: ./\n  sourceRef:\n    kind: OCIRepository\n    name: ${name}\n`);
    const kit = await kitOf(
      { 'clusters/c/a.yaml': oci('mapped'), 'clusters/c/b.yaml': oci('other'), 'published/release.yaml': hr('web', chart('web', '1.0.0'), 'web') },
      { sources: [{ kind: 'OCIRepository', namespace: 'flux-system', name: 'mapped', path: 'published' }] },
    );
    expect(kit.helmReleases.map((h) => h.name)).toEqual(['web']);
    expect(kit.notes).toEqual([
      'cluster c: Kustomization flux-system/other (clusters/c/b.yaml:1): source OCIRepository flux-system/other is not this repository, not followed; map it to a folder in bootstrapKit.sources',
    ]);
  });

  it('the bootstrap Kustomization of the cluster folder itself is not built twice', async () => {
    const kit = await kitOf({
      'clusters/c/sync.yaml': ks('flux-system', `  path: ./clusters/c\n${REPO_SOURCE}`),
      'clusters/c/r.yaml': hr('web', chart('web', '1.0.0'), 'web'),
    });
    expect(kit.helmReleases).toHaveLength(1);
  });
});

describe('HelmRelease forms and versions', () => {
  const sources = [
    'apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata: {name: by-semver, namespace: web}\nspec:\n  url: oci://ghcr.io/x/charts/podinfo\n  ref: {semver: ">=6.0.0, <7.0.0"}\n',
    'apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata: {name: by-digest, namespace: web}\nspec:\n  url: oci://ghcr.io/x/charts/podinfo\n  ref: {digest: "sha256:abc"}\n',
    'apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata: {name: latest, namespace: web}\nspec:\n  url: oci://ghcr.io/x/charts/podinfo\n',
    'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmChart\nmetadata: {name: hc, namespace: web}\nspec:\n  chart: podinfo\n  version: 6.x\n  sourceRef: {kind: HelmRepository, name: r}\n',
  ].join('---\n');
  const ref = (kind: string, name: string) => `  chartRef:\n    kind: ${kind}\n    name: ${name}\n`;

  it('chart.spec and chartRef (OCIRepository semver/digest/latest, HelmChart, missing source, Git path)', async () => {
    const kit = await kitOf({
      'clusters/c/sources.yaml': sources,
      'clusters/c/releases.yaml': [
        hr('exact', chart('podinfo', '6.5.0'), 'web'),
        hr('range', chart('podinfo', '>=6.0.0 <7.0.0'), 'web'),
        hr('none', chart('podinfo'), 'web'),
        hr('semver', ref('OCIRepository', 'by-semver'), 'web'),
        hr('digest', ref('OCIRepository', 'by-digest'), 'web'),
        hr('latest', ref('OCIRepository', 'latest'), 'web'),
        hr('helmchart', ref('HelmChart', 'hc'), 'web'),
        hr('gone', ref('OCIRepository', 'gone'), 'web'),
        hr(
          'git',
          '  chart:\n    spec:\n      chart: ./charts/podinfo\n      sourceRef: {kind: GitRepository, name: flux-system, namespace: flux-system}\n',
          'web',
        ),
      ].join('---\n'),
    });
    expect(kit.helmReleases.map((h) => [h.name, h.chart, h.version, h.versionKind, h.versionField])).toEqual([
      ['exact', 'podinfo', '6.5.0', 'exact', 'spec.chart.spec.version'],
      ['range', 'podinfo', '>=6.0.0 <7.0.0', 'range', 'spec.chart.spec.version'],
      ['none', 'podinfo', '', 'unpinned', 'spec.chart.spec.version'],
      ['semver', 'podinfo', '>=6.0.0, <7.0.0', 'range', 'OCIRepository web/by-semver spec.ref.semver'],
      ['digest', 'podinfo', 'sha256:abc', 'digest', 'OCIRepository web/by-digest spec.ref.digest'],
      ['latest', 'podinfo', '', 'unpinned', 'OCIRepository web/latest spec.ref.tag'],
      ['helmchart', 'podinfo', '6.x', 'range', 'HelmChart web/hc spec.version'],
      ['gone', '', '', 'unpinned', 'spec.chartRef (OCIRepository web/gone is not in the kit)'],
      ['git', 'podinfo', '', 'source', 'spec.chart.spec.version'],
    ]);
  });

  it.each<[string, Parameters<typeof pinHolds>[0], string, boolean]>([
    ['exact equal', { version: '6.5.0', versionKind: 'exact' }, '6.5.0', true],
    ['exact other', { version: '6.5.0', versionKind: 'exact' }, '6.5.1', false],
    ['range satisfied', { version: '>=6.0.0 <7.0.0', versionKind: 'range' }, '6.5.1', true],
    ['Masterminds comma range', { version: '>=6.0.0, <7.0.0', versionKind: 'range' }, '7.0.0', false],
    ['x-range', { version: '6.x', versionKind: 'range' }, '6.9.0', true],
    ['unpinned never holds', { version: '', versionKind: 'unpinned' }, '6.5.0', false],
    ['digest: a pin whose version is unknown offline', { version: 'sha256:abc', versionKind: 'digest' }, '6.5.0', true],
    ['single-folder kit (no kind): exact', { version: '1.0.0' }, '1.0.0', true],
  ])('pinHolds: %s', (_t, pin, version, holds) => {
    expect(pinHolds(pin, version)).toBe(holds);
  });

  it('release identity: a composed name over 53 characters is shortened as helm-controller does', () => {
    const obj = {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name: 'podinfo', namespace: 'flux-system' },
      spec: { targetNamespace: 'payments-production-frontend-eu-central-1-green' },
    };
    expect(deriveRelease(obj)).toEqual({
      releaseName: 'payments-production-frontend-eu-central--a4495897673c',
      releaseNamespace: 'payments-production-frontend-eu-central-1-green',
    });
  });
});

describe('redaction', () => {
  it('values the kit took from Secrets (valuesFrom, substituteFrom) are redacted by the suite redactor', async () => {
    const suite = await openSuite({ root: path.resolve('examples/flux-monorepo/repo'), configFile: path.resolve('examples/flux-monorepo/suite.yaml') });
    expect(suite.secretValues).toEqual(['stg-7f3a9c2e1b']);
    expect(suiteRedactor(suite)('token stg-7f3a9c2e1b in a message')).toBe('token <redacted> in a message');
  });
});
