// Generated from src/config/suite.schema.json by `npm run gen:config`: do not edit.
// The raw shape of suite.yaml; src/config/types.ts adds what loading fills in (defaults, root, file).

/**
 * One option of a matrix axis: how it changes the values. An empty entry (`off:` with no value) is the empty option.
 */
export type AxisOption = {
  /**
   * Start from the chart's bootstrap-kit HelmRelease values (after Flux substitution): `true` takes the kit's (the first cluster's), a cluster name takes that cluster's.
   */
  kitValues?: boolean | string;
  /**
   * Values merged (by helm, in axis order) on top.
   */
  values?: {
    [k: string]: unknown;
  };
  /**
   * `--set` entries.
   */
  set?: string[];
  /**
   * `--api-versions` added in the cells of this option.
   */
  apiVersions?: string[];
  /**
   * Resources the cells of this option must render (`Kind/name` or `Kind/namespace/name`).
   */
  requiredResources?: string[];
} | null;

/**
 * The suite config (suite.yaml): everything specific to a set of charts lives here, never in code. Paths are relative to the charts root. A key written with no value (`key:`) is the same as leaving it out.
 */
export interface SuiteFile {
  defaults?: SuiteFileDefaults;
  bootstrapKit: SuiteFileBootstrapKit;
  /**
   * The charts under test, each with its values matrix.
   *
   * @minItems 1
   */
  charts: SuiteFileChart[];
  /**
   * Groups of chart ids that must bump versions together.
   */
  lockstep?: string[][];
  /**
   * Services of releases outside the suite that in-cluster DNS names may point at (operators, other teams' charts).
   */
  externalServices?: ExternalService[];
  /**
   * Secret refs whose `optional` flag the contract pins.
   */
  pinnedSecretRefs?: PinnedSecretRef[];
  /**
   * Env vars of workloads pinned to a literal value or a secretKeyRef/configMapKeyRef with its `optional` flag, checked by the pinned-env contract in the helm render of every cell and in the kustomize render of dual-mode cells. The general form of pinnedSecretRefs.
   */
  pinnedEnv?: PinnedEnv[];
  /**
   * Objects operators create from rendered objects, on top of the built-in table (CloudNativePG Cluster, cert-manager Certificate, SealedSecret; see docs/contract-precision.md). service-dns and secret-refs treat them as rendered.
   */
  generatedObjects?: GeneratedObjectRule[];
  /**
   * Secrets that exist by other means (created by the cluster provisioner, by hand at install): secret-refs takes them as present and the report lists each use.
   */
  clusterSecrets?: ClusterSecret[];
}
/**
 * Settings for every render.
 */
export interface SuiteFileDefaults {
  /**
   * `--kube-version` for every helm render.
   */
  kubeVersion?: string;
  /**
   * Kill a helm/kubectl process after this many milliseconds.
   */
  timeoutMs?: number;
  /**
   * Rendered output larger than this many bytes is refused before parsing (a render failure naming chart, cell and renderer).
   */
  maxRenderBytes?: number;
  /**
   * Most cells one chart's matrix may have (the product of its axes' option counts, counted before expanding).
   */
  maxCells?: number;
  /**
   * A render output larger than this many bytes is used but not kept in the render cache.
   */
  cacheMaxEntryBytes?: number;
  /**
   * Total size of the render cache in bytes; beyond it the oldest entries are evicted.
   */
  cacheMaxTotalBytes?: number;
  /**
   * Helm majors every cell is rendered with.
   *
   * @minItems 1
   */
  renderers?: ('helm4' | 'helm3')[];
}
/**
 * The Flux bootstrap kit: the HelmRelease files that pin each chart's version and values. Either one folder (`path`, `variablesFile`) or `clusters`, each read the way Flux builds it (docs/flux.md).
 */
export interface SuiteFileBootstrapKit {
  /**
   * Single-folder form: folder of HelmRelease files, relative to the charts root. Required unless `clusters` is given.
   */
  path?: string;
  /**
   * Single-folder form: YAML map of Flux post-build variables for a sample cluster: absolute, or relative to the charts root, else to the config file's folder (Flux's variables live in the cluster, often outside the repository).
   */
  variablesFile?: string;
  /**
   * Clusters form (replaces `path` and `variablesFile`): cluster name → the folder Flux reconciles for it. Each is built as Flux builds it, following Flux Kustomizations whose source is this repository; cells take a cluster's values with `kitValues: <name>`.
   */
  clusters?: {
    [k: string]: KitCluster;
  };
  /**
   * Flux sources (OCIRepository, GitRepository, Bucket) whose content is a folder of this repository, so Kustomizations reading them are followed. `GitRepository flux-system/flux-system` is the repository itself without being listed.
   */
  sources?: KitSource[];
  /**
   * An undefined variable without a default is an error (else it becomes empty).
   */
  strict?: boolean;
  /**
   * Variables whose values are secret: redacted from every message and report.
   */
  secretVariables?: string[];
}
/**
 * One cluster of the kit.
 */
export interface KitCluster {
  /**
   * Folder Flux reconciles for this cluster (e.g. clusters/staging), relative to the charts root.
   */
  path: string;
  /**
   * Variables the cluster holds outside Git (a flat YAML map; relative to the charts root, may lie outside it): they stand in for every substituteFrom ConfigMap/Secret the repository does not contain.
   */
  variablesFile?: string;
}
/**
 * A Flux source whose content is a folder of this repository.
 */
export interface KitSource {
  /**
   * Source kind (OCIRepository, GitRepository, Bucket…).
   */
  kind: string;
  /**
   * Source namespace.
   */
  namespace?: string;
  /**
   * Source name.
   */
  name: string;
  /**
   * Folder holding what the source delivers, relative to the charts root (`.` = the repository).
   */
  path: string;
}
/**
 * One chart under test.
 */
export interface SuiteFileChart {
  /**
   * Short id used in test titles and messages (usually the chart name); unique in the suite.
   */
  id: string;
  /**
   * Chart name as in Chart.yaml and in HelmRelease spec.chart.spec.chart.
   */
  name: string;
  /**
   * Chart directory (the folder holding Chart.yaml), relative to the charts root.
   */
  path: string;
  /**
   * Dual-mode charts: folder rendered by `kubectl kustomize` (holding a kustomization.yaml), relative to the charts root.
   */
  kustomizeDir?: string;
  /**
   * Cells whose helm render must equal the kustomize render (default: every cell). Needs kustomizeDir. Leave out cells that set values the template-free Kustomize files cannot follow (e.g. a feature flag).
   */
  kustomizeCells?: string[];
  /**
   * Contract ids that do not concern this chart (give the reason in a comment).
   */
  skipContracts?: string[];
  /**
   * `--api-versions` capabilities for every render of this chart (cells may add more): `group/version`, optionally `/Kind`.
   */
  apiVersions?: string[];
  /**
   * Dependencies missing from charts/: `fail` names them and the `helm dependency build` to run; `stub` renders a temp copy with empty stub charts.
   */
  dependencies?: 'fail' | 'stub';
  /**
   * Resources every cell must render, `Kind/name` or `Kind/namespace/name` (cells may add more).
   */
  requiredResources?: string[];
  /**
   * Helm/Kustomize differences that are intended (env vars, probes, ports, mounted volumes), each with its reason. Needs kustomizeDir when not empty.
   */
  dualModeAllowed?: AllowedEnvDifference[];
  /**
   * `{{`/`}}` that belong in the rendered output (e.g. alerting templates), each with its reason.
   */
  templateResidueAllowed?: AllowedResidue[];
  release?: ReleaseRef;
  /**
   * HelmRelease names (metadata.name or the Helm release name) that install this chart, when the kit names the chart otherwise (e.g. a chartRef to an OCI artifact called `api-chart`). Releases are matched by chart name first.
   */
  releases?: string[];
  probes?: SuiteFileProbes;
  matrix?: SuiteFileMatrix;
  /**
   * helm-unittest test files of this chart: globs relative to the chart directory, or absolute (`*` stays in one folder, `**` crosses folders), so tests may live outside the chart's repository. Absent: `tests/*_test.yaml`, if any. Globs that match nothing are an error.
   */
  unittest?: string[];
  /**
   * Contract ids that must find something to check for this chart (`all`: every contract that applies). For the others, "nothing to check" is its own state, neither passed nor failed.
   */
  expectContracts?: string[];
  /**
   * Containers named differently by the two install paths, compared as one. Needs kustomizeDir. (A workload with one container on each side is paired without it.)
   */
  dualModeContainers?: DualModeContainer[];
}
/**
 * A difference between the Helm and the Kustomize install that is intended: an env var (env) or another compared field (field). Name exactly one of the two.
 */
export interface AllowedEnvDifference {
  /**
   * `Kind/name` of the workload.
   */
  workload: string;
  /**
   * Env var name.
   */
  env?: string;
  /**
   * A compared field other than env: readinessProbe, livenessProbe, startupProbe, ports (of the container), or volumes[NAME] (a Secret/ConfigMap the Pod mounts).
   */
  field?: string;
  /**
   * Why the two install paths differ on purpose.
   */
  reason: string;
  /**
   * Container name; absent: any container of the workload.
   */
  container?: string;
}
/**
 * Template braces that belong in the rendered output.
 */
export interface AllowedResidue {
  /**
   * `Kind/name` of the resource.
   */
  resource: string;
  /**
   * Why the braces belong in the output.
   */
  reason: string;
  /**
   * Field path prefix as messages print it (e.g. `data` or `data[alerts.tmpl]`); absent: the whole resource.
   */
  path?: string;
}
/**
 * Release name and namespace, for a chart the bootstrap kit has no HelmRelease for.
 */
export interface ReleaseRef {
  /**
   * Helm release name.
   */
  name: string;
  /**
   * Namespace the release is installed into.
   */
  namespace: string;
}
/**
 * What the probes contract requires of this chart's containers.
 */
export interface SuiteFileProbes {
  /**
   * Minimum startup budget in seconds (initialDelay + failureThreshold × period), for every container unless minStartupContainers names some. 0: no minimum.
   */
  minStartupSeconds?: number;
  /**
   * `Kind/name/container` entries exempt from the readiness/liveness requirement.
   */
  exempt?: string[];
  /**
   * The containers minStartupSeconds applies to: names, or `Kind/name/container`. Absent: every container.
   */
  minStartupContainers?: string[];
  /**
   * A minimum per container (name or `Kind/name/container` → seconds), overriding minStartupSeconds for it.
   */
  minStartupByContainer?: {
    [k: string]: number;
  };
}
/**
 * The values matrix: the cells are the cartesian product of the axes (in declaration order), minus the excluded partial cells. A cell is named by its option names joined by `.`.
 */
export interface SuiteFileMatrix {
  /**
   * Axis name → option name → option.
   */
  axes: {
    /**
     * One axis: option name → option.
     */
    [k: string]: {
      [k: string]: AxisOption;
    };
  };
  /**
   * Partial cells (axis → option) to drop from the product.
   */
  exclude?: {
    /**
     * The option of that axis the excluded cells choose.
     */
    [k: string]: string;
  }[];
}
/**
 * One container of a workload named differently by the two install paths.
 */
export interface DualModeContainer {
  /**
   * `Kind/name` of the workload.
   */
  workload: string;
  /**
   * Container name in the helm render.
   */
  helm: string;
  /**
   * Container name in the kustomize render.
   */
  kustomize: string;
}
/**
 * A Service of a release outside the suite.
 */
export interface ExternalService {
  /**
   * Service name.
   */
  name: string;
  /**
   * Service namespace.
   */
  namespace: string;
  /**
   * Service ports.
   *
   * @minItems 1
   */
  ports: number[];
}
/**
 * A Secret ref whose `optional` flag the contract pins.
 */
export interface PinnedSecretRef {
  /**
   * Chart id of the consumer.
   */
  chart: string;
  /**
   * `Kind/name` of the workload.
   */
  workload: string;
  /**
   * Env var name that reads the secret.
   */
  env: string;
  /**
   * Secret name.
   */
  secretName: string;
  /**
   * Key in the Secret.
   */
  key: string;
  /**
   * The `optional` flag the ref must carry.
   */
  optional: boolean;
}
/**
 * One env var of a workload pinned to exactly one source: `value`, `secretKeyRef` or `configMapKeyRef`.
 */
export interface PinnedEnv {
  /**
   * Chart id of the workload.
   */
  chart: string;
  /**
   * `Kind/name` of the workload.
   */
  workload: string;
  /**
   * Container name; absent: every container that sets the env var (at least one must).
   */
  container?: string;
  /**
   * Env var name.
   */
  env: string;
  /**
   * The literal value the env var must have.
   */
  value?: string;
  secretKeyRef?: PinnedKeyRef;
  configMapKeyRef?: PinnedKeyRef1;
}
/**
 * The Secret key the env var must read.
 */
export interface PinnedKeyRef {
  /**
   * Secret or ConfigMap name.
   */
  name: string;
  /**
   * Key in it.
   */
  key: string;
  /**
   * The `optional` flag the ref must carry.
   */
  optional?: boolean;
}
/**
 * The ConfigMap key the env var must read.
 */
export interface PinnedKeyRef1 {
  /**
   * Secret or ConfigMap name.
   */
  name: string;
  /**
   * Key in it.
   */
  key: string;
  /**
   * The `optional` flag the ref must carry.
   */
  optional?: boolean;
}
/**
 * An operator that creates objects from a rendered object: one row of the generated-objects table.
 */
export interface GeneratedObjectRule {
  /**
   * The object the operator watches: `group/Kind` (the group of its apiVersion), or `Kind` for any group.
   */
  source: string;
  /**
   * What it creates, in the source's namespace.
   *
   * @minItems 1
   */
  creates: GeneratedObject[];
  /**
   * Which operator, and where it documents this.
   */
  reason: string;
}
/**
 * One object an operator creates.
 */
export interface GeneratedObject {
  /**
   * Service or Secret.
   */
  kind: 'Service' | 'Secret';
  /**
   * Name template: `{name}` is the source's metadata.name, `{spec.x.y}` a string field of it (no such field: nothing is created).
   */
  name: string;
  /**
   * Ports of a created Service (absent: any port accepted).
   *
   * @minItems 1
   */
  ports?: number[];
  /**
   * Dotted field path of the source that must be `true` for the object to be created.
   */
  when?: string;
}
/**
 * A Secret that exists by other means. Name exactly one of namespace and namespaces.
 */
export interface ClusterSecret {
  /**
   * Secret name.
   */
  name: string;
  /**
   * The namespace it exists in: a name, or a regular expression matching whole namespace names.
   */
  namespace?: string;
  /**
   * The namespaces it exists in: names or regular expressions, each matching whole namespace names.
   */
  namespaces?: string[];
  /**
   * How it comes to exist (listed in the report).
   */
  reason: string;
}
