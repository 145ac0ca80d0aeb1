// The suite config (charts-under-test/suite.yaml): everything specific to a set of
// charts lives here, never in code. Paths are relative to the charts root.
import type { DependencyMode, HelmRendererId, Values } from '../model/release.js';

export interface SuiteConfig {
  /** Absolute charts root (CHARTS_ROOT, else the folder holding suite.yaml). */
  root: string;
  /** Absolute path of the config file that was loaded. */
  file: string;
  /** Where the config file and the root came from (printed, so a user knows which config ran). */
  source: ConfigSource;
  defaults: SuiteDefaults;
  bootstrapKit: BootstrapKitConfig;
  charts: ChartConfig[];
  /** Groups of chart ids that must bump versions together. */
  lockstep: string[][];
  /** Services of releases outside the suite that in-cluster DNS names may point at. */
  externalServices: ExternalService[];
  /** Secret refs whose `optional` flag the contract pins. */
  pinnedSecretRefs: PinnedSecretRef[];
  /** Objects operators create from rendered objects, on top of the built-in table (contracts/generated-objects.ts). */
  generatedObjects?: GeneratedObjectRule[];
  /** Secrets that exist by other means (cluster provisioner, created by hand at install), each with its reason. */
  clusterSecrets?: ClusterSecret[];
}

/** An operator that creates objects from a rendered object: one row of the generated-objects table. */
export interface GeneratedObjectRule {
  /** The object the operator watches: `group/Kind` (group of its apiVersion) or `Kind`. */
  source: string;
  creates: GeneratedObject[];
  /** Why (which operator, which docs). */
  reason: string;
}

export interface GeneratedObject {
  kind: 'Service' | 'Secret';
  /** Name template: `{name}` is the source's metadata.name, `{spec.x.y}` a string field of it (no field: nothing created). */
  name: string;
  /** Ports of a created Service (none: any port accepted). */
  ports?: number[];
  /** Dotted field path of the source that must be `true` for the object to be created. */
  when?: string;
}

export interface ClusterSecret {
  name: string;
  /** Namespaces it exists in: names or regular expressions, each matching a whole namespace name. */
  namespaces: string[];
  reason: string;
}

/** How the config file and the charts root were found. */
export interface ConfigSource {
  /** `option` (--config / a caller), `SUITE_CONFIG`, `charts root` (<root>/suite.yaml) or `bundled` (charts-under-test/suite.yaml). */
  config: 'option' | 'SUITE_CONFIG' | 'charts root' | 'bundled';
  /** `option` (--root / a caller), `CHARTS_ROOT`, `config folder` (the folder of SUITE_CONFIG) or `bundled`. */
  root: 'option' | 'CHARTS_ROOT' | 'config folder' | 'bundled';
}

export interface SuiteDefaults {
  /** `--kube-version` for every helm render. */
  kubeVersion: string;
  /** Kill a helm/kubectl process after this many ms. */
  timeoutMs: number;
  /** Helm majors every cell is rendered with. */
  renderers: HelmRendererId[];
}

export interface BootstrapKitConfig {
  /** Folder of HelmRelease files, relative to root. */
  path: string;
  /** YAML map of Flux post-build variables for a sample Sovereign: absolute, or relative to the root, else to the config file's folder. */
  variablesFile?: string;
  /** Undefined variable without default is an error (else it becomes empty). */
  strict: boolean;
  /** Variables whose values are secret: redacted from every message and report. */
  secretVariables: string[];
}

export interface ChartConfig {
  /** Short id used in test titles and messages (usually the chart name). */
  id: string;
  /** Chart name as in Chart.yaml and HelmRelease spec.chart.spec.chart. */
  name: string;
  /** Chart directory, relative to root. */
  path: string;
  /** Dual-mode charts: folder rendered by `kubectl kustomize`, relative to root. */
  kustomizeDir?: string;
  /** Cells whose helm render must equal the kustomize render (default: every cell). Cells that set
   * values the template-free Kustomize files cannot follow (e.g. a feature flag) are left out. */
  kustomizeCells?: string[];
  /** `--api-versions` capabilities for every render of this chart (cells may add more). */
  apiVersions: string[];
  /** Dependencies missing from charts/: `fail` names them and `helm dependency build`; `stub` renders a temp copy with empty stub charts. */
  dependencies: DependencyMode;
  /** Resources every cell must render, `Kind/name` or `Kind/namespace/name` (cells may add more). */
  requiredResources: string[];
  /** Helm/Kustomize env differences that are intended, each with its reason. */
  dualModeAllowed: AllowedEnvDifference[];
  /** `{{`/`}}` that belong in the rendered output (e.g. alerting templates), each with its reason. */
  templateResidueAllowed: AllowedResidue[];
  /** Release name/namespace when the bootstrap kit has no HelmRelease for this chart. */
  release?: { name: string; namespace: string };
  /** Contract ids that do not concern this chart (each with a reason in the config's comments). */
  skipContracts: string[];
  /** Contract ids that must find something to check: for the others, "nothing to check" is its own state, not a failure. */
  expectContracts?: string[];
  /** Container names that differ between the helm and the kustomize render of a workload. */
  dualModeContainers?: DualModeContainer[];
  probes: ProbeConfig;
  matrix: MatrixConfig;
}

export interface AllowedEnvDifference {
  /** `Kind/name` of the workload. */
  workload: string;
  /** Container name; absent: any container of the workload. */
  container?: string;
  /** Env var name (an env difference); exactly one of env and field is set. */
  env?: string;
  /** A compared field other than env: readinessProbe, livenessProbe, startupProbe, ports or volumes[NAME]. */
  field?: string;
  /** Why the two install paths differ on purpose. */
  reason: string;
}

/** One container of a workload named differently by the two install paths. */
export interface DualModeContainer {
  /** `Kind/name` of the workload. */
  workload: string;
  /** Container name in the helm render. */
  helm: string;
  /** Container name in the kustomize render. */
  kustomize: string;
}

export interface AllowedResidue {
  /** `Kind/name` of the resource. */
  resource: string;
  /** Field path prefix as messages print it (e.g. `data` or `data[alerts.tmpl]`); absent: the whole resource. */
  path?: string;
  /** Why the braces belong in the output. */
  reason: string;
}

export interface ProbeConfig {
  /** Minimum startup budget in seconds (initialDelay + failureThreshold × period). 0: no minimum. */
  minStartupSeconds: number;
  /** `Kind/name/container` entries exempt from the readiness/liveness requirement. */
  exempt: string[];
  /** Containers the minimum applies to (`name` or `Kind/name/container`); absent: every container. */
  minStartupContainers?: string[];
  /** A minimum per container (`name` or `Kind/name/container` → seconds), overriding minStartupSeconds. */
  minStartupByContainer?: Record<string, number>;
}

/** One option of a matrix axis: how it changes the values. */
export interface AxisOption {
  /** Start from the chart's bootstrap-kit HelmRelease values (after Flux substitution). */
  kitValues?: boolean;
  /** Values merged (by helm, in axis order) on top. */
  values?: Values;
  /** `--set` entries. */
  set?: string[];
  /** `--api-versions` added in the cells of this option. */
  apiVersions?: string[];
  /** Resources the cells of this option must render (`Kind/name` or `Kind/namespace/name`). */
  requiredResources?: string[];
}

export interface MatrixConfig {
  /** Axis name → option name → option; cells are the cartesian product in declaration order. */
  axes: Record<string, Record<string, AxisOption>>;
  /** Partial cells (axis → option) to drop from the product. */
  exclude: Record<string, string>[];
}

/** One expanded values cell. */
export interface Cell {
  /** Stable short name: option names joined by `.`, in axis order. */
  name: string;
  /** axis → chosen option name. */
  choice: Record<string, string>;
  kitValues: boolean;
  values: Values[];
  set: string[];
  /** `--api-versions` the chosen options add to the chart's. */
  apiVersions: string[];
  /** Resources the chosen options require, on top of the chart's. */
  requiredResources: string[];
}

export interface ExternalService {
  name: string;
  namespace: string;
  ports: number[];
}

export interface PinnedSecretRef {
  /** Chart id of the consumer. */
  chart: string;
  /** `Kind/name` of the workload. */
  workload: string;
  /** Env var name that reads the secret. */
  env: string;
  secretName: string;
  key: string;
  optional: boolean;
}
