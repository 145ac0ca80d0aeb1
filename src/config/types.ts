// The suite config (charts-under-test/suite.yaml): everything specific to a set of
// charts lives here, never in code. Paths are relative to the charts root.
import type { DependencyMode, HelmRendererId, Values } from '../render/types.js';

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
  /** Schema validation (contract `schema`): CRDs beyond the charts' crds/ folders. */
  schema?: SuiteSchemaConfig;
}

export interface SuiteSchemaConfig {
  /** CRD files or folders (relative to root) whose custom resources are validated, e.g. operators installed outside the suite. */
  crds: string[];
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
  /** YAML map of Flux post-build variables for a sample Sovereign, relative to root. */
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
  probes: ProbeConfig;
  matrix: MatrixConfig;
  /** Schema validation of this chart's renders (contract `schema`); defaults SCHEMA_DEFAULTS. */
  schema?: ChartSchemaConfig;
}

export interface ChartSchemaConfig {
  /** Fields the schema does not declare are violations (the API server rejects or drops them). */
  strict: boolean;
  /** A kind with no schema (no built-in type, no CRD): `list` it as not validated, or `fail`. */
  unvalidatedKinds: 'list' | 'fail';
}

export const SCHEMA_DEFAULTS: ChartSchemaConfig = { strict: true, unvalidatedKinds: 'list' };

export interface AllowedEnvDifference {
  /** `Kind/name` of the workload. */
  workload: string;
  /** Container name; absent: any container of the workload. */
  container?: string;
  /** Env var name. */
  env: string;
  /** Why the two install paths differ on purpose. */
  reason: string;
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
