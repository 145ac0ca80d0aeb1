// Tiny builders for in-memory worlds: Manifests, releases, HelmReleases, ChartFacts.
// Every Secret built here carries the sentinel S3NTINEL-VALUE in `data` (base64 and raw)
// and `stringData`, and every world built is remembered, so a spec file can prove no
// violation of any of its worlds ever prints Secret data (see formattedViolationsOfBuiltWorlds).
import { expect } from 'vitest';
import { ALL_CONTRACTS } from '../../src/contracts/index.js';
import type { ChartFacts, NondeterministicPath, Violation, World } from '../../src/contracts/types.js';
import { formatViolation } from '../../src/contracts/violation.js';
import type { ChartConfig, ExternalService, PinnedSecretRef } from '../../src/config/types.js';
import { isClusterScoped } from '../../src/manifests/scope.js';
import type { K8sObject, Manifest } from '../../src/manifests/types.js';
import type { FluxHelmRelease } from '../../src/render/flux-types.js';
import type { HelmRendererId, RenderedRelease, RendererId, Values } from '../../src/model/release.js';

export type Obj = Record<string, unknown>;

export const SENTINEL = 'S3NTINEL-VALUE';
export const SENTINEL_B64 = Buffer.from(SENTINEL, 'utf8').toString('base64');

// The cast of the contract under test.
export const CATALYST = 'bp-catalyst-platform';
export const NEWAPI = 'bp-newapi';
export const CATALYST_NS = 'catalyst-system';
export const NEWAPI_NS = 'newapi';
export const TOKEN_SECRET = 'catalyst-newapi-admin-token';
export const TOKEN_KEY = 'ADMIN_API_TOKEN';
export const GOOD_ADDR = 'http://newapi-bp-newapi.newapi.svc.cluster.local:3000';
export const BAD_ADDR = 'http://newapi.newapi.svc';

// ---------------------------------------------------------------------------
// Containers and env

export const env = {
  value: (name: string, value: string): Obj => ({ name, value }),
  secret: (name: string, secret: string, key: string, optional?: boolean): Obj => ({
    name,
    valueFrom: { secretKeyRef: optional === undefined ? { name: secret, key } : { name: secret, key, optional } },
  }),
  configMap: (name: string, configMap: string, key: string, optional?: boolean): Obj => ({
    name,
    valueFrom: { configMapKeyRef: optional === undefined ? { name: configMap, key } : { name: configMap, key, optional } },
  }),
  field: (name: string, fieldPath: string): Obj => ({ name, valueFrom: { fieldRef: { fieldPath } } }),
};

export interface ContainerOptions {
  image?: string;
  env?: Obj[];
  envFrom?: Obj[];
  /** Numbers, or `name:number` strings. */
  ports?: Array<number | string>;
  readinessProbe?: Obj;
  livenessProbe?: Obj;
  startupProbe?: Obj;
  args?: string[];
  command?: string[];
  restartPolicy?: string;
}

export function container(name: string, o: ContainerOptions = {}): Obj {
  const c: Obj = { name, image: o.image ?? `ghcr.io/example/${name}:1.0.0` };
  if (o.command) c.command = o.command;
  if (o.args) c.args = o.args;
  if (o.ports) {
    c.ports = o.ports.map((p) => {
      if (typeof p === 'number') return { containerPort: p };
      const [pname, num] = p.split(':');
      return { name: pname, containerPort: Number(num) };
    });
  }
  if (o.env) c.env = o.env;
  if (o.envFrom) c.envFrom = o.envFrom;
  for (const k of ['readinessProbe', 'livenessProbe', 'startupProbe', 'restartPolicy'] as const) if (o[k] !== undefined) c[k] = o[k];
  return c;
}

export const probe = {
  http: (port: number | string, extra: Obj = {}): Obj => ({ httpGet: { path: '/healthz', port }, ...extra }),
  tcp: (port: number | string, extra: Obj = {}): Obj => ({ tcpSocket: { port }, ...extra }),
  grpc: (port: number, extra: Obj = {}): Obj => ({ grpc: { port }, ...extra }),
  exec: (extra: Obj = {}): Obj => ({ exec: { command: ['true'] }, ...extra }),
};

// ---------------------------------------------------------------------------
// Manifests

let counter = 0;

export function manifest(kind: string, apiVersion: string, name: string, namespace: string | undefined, body: Obj = {}, metadata: Obj = {}): Manifest {
  const object: K8sObject = { apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}), ...metadata }, ...body };
  const m: Manifest = { kind, apiVersion, name, source: `templates/${kind.toLowerCase()}-${name}.yaml`, index: counter++, object };
  if (namespace !== undefined) m.namespace = namespace;
  return m;
}

export interface WorkloadOptions {
  namespace?: string;
  containers?: Obj[];
  initContainers?: Obj[];
  imagePullSecrets?: string[];
  volumes?: Obj[];
  labels?: Record<string, string>;
}

const APPS: Record<string, string> = {
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  Pod: 'v1',
};

export function workload(kind: string, name: string, o: WorkloadOptions = {}): Manifest {
  const podSpec: Obj = { containers: o.containers ?? [container(name)] };
  if (o.initContainers) podSpec.initContainers = o.initContainers;
  if (o.imagePullSecrets) podSpec.imagePullSecrets = o.imagePullSecrets.map((n) => ({ name: n }));
  if (o.volumes) podSpec.volumes = o.volumes;
  const template = { metadata: { labels: { app: name } }, spec: podSpec };
  const spec =
    kind === 'Pod'
      ? podSpec
      : kind === 'CronJob'
        ? { schedule: '@hourly', jobTemplate: { spec: { template } } }
        : kind === 'Job'
          ? { template }
          : { selector: { matchLabels: { app: name } }, template };
  return manifest(kind, APPS[kind] ?? 'apps/v1', name, o.namespace, { spec }, o.labels ? { labels: o.labels } : {});
}

export const deployment = (name: string, o?: WorkloadOptions) => workload('Deployment', name, o);
export const statefulSet = (name: string, o?: WorkloadOptions) => workload('StatefulSet', name, o);
export const daemonSet = (name: string, o?: WorkloadOptions) => workload('DaemonSet', name, o);
export const job = (name: string, o?: WorkloadOptions) => workload('Job', name, o);
export const cronJob = (name: string, o?: WorkloadOptions) => workload('CronJob', name, o);

export const volume = {
  secret: (name: string, secretName: string, optional?: boolean): Obj => ({ name, secret: optional === undefined ? { secretName } : { secretName, optional } }),
  projected: (name: string, secrets: string[]): Obj => ({ name, projected: { sources: secrets.map((s) => ({ secret: { name: s } })) } }),
};

export interface SecretOptions {
  annotations?: Record<string, string>;
  /** Replaces the sentinel data. */
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/** A Secret whose data and stringData hold the sentinel unless overridden. */
export function secret(name: string, namespace: string | undefined, o: SecretOptions = {}): Manifest {
  return manifest(
    'Secret',
    'v1',
    name,
    namespace,
    {
      type: 'Opaque',
      data: o.data ?? { token: SENTINEL_B64, raw: SENTINEL },
      stringData: o.stringData ?? { [TOKEN_KEY]: SENTINEL },
    },
    o.annotations ? { annotations: o.annotations } : {},
  );
}

export interface ExternalSecretOptions {
  targetName?: string;
  /** Annotations of spec.target.template.metadata (what the rendered Secret carries). */
  targetAnnotations?: Record<string, string>;
  /** Annotations of the ExternalSecret itself. */
  annotations?: Record<string, string>;
  apiVersion?: string;
}

export function externalSecret(name: string, namespace: string | undefined, o: ExternalSecretOptions = {}): Manifest {
  const target: Obj = { creationPolicy: 'Owner' };
  if (o.targetName) target.name = o.targetName;
  if (o.targetAnnotations) target.template = { metadata: { annotations: o.targetAnnotations } };
  return manifest(
    'ExternalSecret',
    o.apiVersion ?? 'external-secrets.io/v1beta1',
    name,
    namespace,
    {
      spec: {
        secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault-region1' },
        target,
        data: [{ secretKey: TOKEN_KEY, remoteRef: { key: 'sovereign/example.org/newapi/admin-token', property: TOKEN_KEY } }],
      },
    },
    o.annotations ? { annotations: o.annotations } : {},
  );
}

export function service(name: string, namespace: string | undefined, ports: number[]): Manifest {
  return manifest('Service', 'v1', name, namespace, {
    spec: { selector: { app: name }, ports: ports.map((port) => ({ name: `p${port}`, port, targetPort: port })) },
  });
}

export function configMap(name: string, namespace: string | undefined, data: Record<string, string>): Manifest {
  return manifest('ConfigMap', 'v1', name, namespace, { data });
}

/** The four emberstack/reflector annotations; `auto` defaults to `allowed`; pass '' as allowed/autoEnabled to omit that one. */
export function reflectorAnnotations(
  allowedNamespaces: string,
  autoNamespaces: string = allowedNamespaces,
  o: { allowed?: string; autoEnabled?: string } = {},
): Record<string, string> {
  const p = 'reflector.v1.k8s.emberstack.com/';
  const out: Record<string, string> = {};
  if (o.allowed !== '') out[`${p}reflection-allowed`] = o.allowed ?? 'true';
  out[`${p}reflection-allowed-namespaces`] = allowedNamespaces;
  if (o.autoEnabled !== '') out[`${p}reflection-auto-enabled`] = o.autoEnabled ?? 'true';
  out[`${p}reflection-auto-namespaces`] = autoNamespaces;
  return out;
}

// ---------------------------------------------------------------------------
// Releases, HelmReleases, charts, worlds

/** A rendered release; manifests without a namespace get the release namespace (effective namespace). */
export function release(
  chart: string,
  namespace: string,
  manifests: Manifest[],
  o: { renderer?: RendererId; releaseName?: string; cell?: string } = {},
): RenderedRelease {
  return {
    chart,
    cell: o.cell ?? 'default',
    renderer: o.renderer ?? 'helm4',
    releaseName: o.releaseName ?? chart,
    namespace,
    manifests: manifests.map((m) => (m.namespace !== undefined || isClusterScoped(m.kind) ? m : { ...m, namespace })),
    cached: false,
  };
}

export function helmRelease(o: {
  name: string;
  chart?: string;
  version: string;
  namespace?: string;
  releaseName?: string;
  releaseNamespace?: string;
  values?: Values;
}): FluxHelmRelease {
  return {
    file: `bootstrap-kit/${o.name}.yaml`,
    name: o.name,
    namespace: o.namespace ?? 'flux-system',
    releaseName: o.releaseName ?? o.name,
    releaseNamespace: o.releaseNamespace ?? o.namespace ?? 'flux-system',
    chart: o.chart ?? o.name,
    version: o.version,
    values: o.values ?? {},
  };
}

export function chartFacts(
  id: string,
  version: string,
  o: Partial<
    Pick<
      ChartConfig,
      'kustomizeDir' | 'skipContracts' | 'requiredResources' | 'dualModeAllowed' | 'templateResidueAllowed' | 'expectContracts' | 'dualModeContainers'
    >
  > & {
    name?: string;
    minStartupSeconds?: number;
    exempt?: string[];
    minStartupContainers?: string[];
    minStartupByContainer?: Record<string, number>;
  } = {},
): ChartFacts {
  const config: ChartConfig = {
    id,
    name: o.name ?? id,
    path: `charts/${id}`,
    apiVersions: [],
    dependencies: 'fail',
    requiredResources: o.requiredResources ?? [],
    dualModeAllowed: o.dualModeAllowed ?? [],
    templateResidueAllowed: o.templateResidueAllowed ?? [],
    skipContracts: o.skipContracts ?? [],
    ...(o.expectContracts ? { expectContracts: o.expectContracts } : {}),
    ...(o.dualModeContainers ? { dualModeContainers: o.dualModeContainers } : {}),
    probes: {
      minStartupSeconds: o.minStartupSeconds ?? 0,
      exempt: o.exempt ?? [],
      ...(o.minStartupContainers ? { minStartupContainers: o.minStartupContainers } : {}),
      ...(o.minStartupByContainer ? { minStartupByContainer: o.minStartupByContainer } : {}),
    },
    schema: { strict: true, unvalidatedKinds: 'list' },
    matrix: { axes: {}, exclude: [] },
  };
  if (o.kustomizeDir) config.kustomizeDir = o.kustomizeDir;
  return { config, name: o.name ?? id, version };
}

export interface WorldOptions {
  subject?: { chart?: string; cell?: string; renderer?: HelmRendererId };
  charts?: ChartFacts[];
  helmReleases?: FluxHelmRelease[];
  kitObjects?: Manifest[];
  kitReleaseObjects?: Manifest[];
  releases?: RenderedRelease[];
  kustomize?: RenderedRelease;
  parity?: RenderedRelease;
  externalServices?: ExternalService[];
  pinnedSecretRefs?: PinnedSecretRef[];
  requiredResources?: string[];
  nondeterministic?: NondeterministicPath[];
}

const built: World[] = [];

/** A world; the subject defaults to bp-catalyst-platform, cell default, helm4. */
export function world(o: WorldOptions = {}): World {
  const w: World = {
    subject: { chart: o.subject?.chart ?? CATALYST, cell: o.subject?.cell ?? 'default', renderer: o.subject?.renderer ?? 'helm4' },
    charts: o.charts ?? [chartFacts(NEWAPI, '1.4.33', { minStartupSeconds: 300 }), chartFacts(CATALYST, '1.4.225')],
    helmReleases: o.helmReleases ?? [],
    kitObjects: o.kitObjects ?? [],
    kitReleaseObjects: o.kitReleaseObjects ?? [],
    releases: o.releases ?? [],
    externalServices: o.externalServices ?? [],
    pinnedSecretRefs: o.pinnedSecretRefs ?? [],
  };
  if (o.kustomize) w.kustomize = o.kustomize;
  if (o.parity) w.parity = o.parity;
  if (o.nondeterministic) w.nondeterministic = o.nondeterministic;
  if (o.requiredResources) w.requiredResources = o.requiredResources;
  built.push(w);
  return w;
}

/** The pin of the contract: catalyst-api's admin token comes from the mirrored Secret, optional. */
export const ADMIN_TOKEN_PIN: PinnedSecretRef = {
  chart: CATALYST,
  workload: 'Deployment/catalyst-api',
  env: 'CATALYST_NEWAPI_ADMIN_TOKEN',
  secretName: TOKEN_SECRET,
  key: TOKEN_KEY,
  optional: true,
};

/** Every violation line (and raw fields) of every contract on every world built so far in this file. */
export function formattedViolationsOfBuiltWorlds(): string[] {
  const lines: string[] = [];
  for (const w of built) {
    for (const c of ALL_CONTRACTS) {
      const vs: Violation[] = c.check(w);
      for (const v of vs) lines.push(formatViolation(v), JSON.stringify(v));
    }
  }
  return lines;
}

/**
 * Runs every contract (applicable or not) on every world built so far in this spec file
 * and asserts the sentinel Secret value, raw or base64, is in none of the violations.
 * Call it from the last test of a spec file.
 */
export function expectNoSecretDataInViolations(): void {
  const lines = formattedViolationsOfBuiltWorlds();
  expect(built.length, 'worlds built in this file').toBeGreaterThan(0);
  expect(lines.length, 'violations produced in this file').toBeGreaterThan(0);
  const leaks = lines.filter((l) => l.includes(SENTINEL) || l.includes(SENTINEL_B64));
  expect(leaks, 'violations that print Secret data').toEqual([]);
}

/** Deep copy, for "same as X but" variations. */
export function clone<T>(x: T): T {
  return structuredClone(x);
}
