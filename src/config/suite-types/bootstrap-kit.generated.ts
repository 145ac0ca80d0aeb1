// Generated from src/config/suite.schema.json by `npm run gen:config`: do not edit.
// Types of suite.yaml: `bootstrapKit`.

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
