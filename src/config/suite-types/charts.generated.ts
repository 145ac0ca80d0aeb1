// Generated from src/config/suite.schema.json by `npm run gen:config`: do not edit.
// Types of suite.yaml: `charts`.

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
  schema?: SuiteFileChartSchema;
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
 * How the schema contract validates this chart's renders against the Kubernetes built-in schemas and the CRDs.
 */
export interface SuiteFileChartSchema {
  /**
   * Fields the schema does not declare are violations (the API server rejects or silently drops them). false: unknown fields pass.
   */
  strict?: boolean;
  /**
   * A kind with no schema (no built-in type; no CRD in a chart's crds/, schema.crds or the render): `list` it as not validated in every report, or `fail` (a violation per object).
   */
  unvalidatedKinds?: 'list' | 'fail';
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
