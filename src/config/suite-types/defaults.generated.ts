// Generated from src/config/suite.schema.json by `npm run gen:config`: do not edit.
// Types of suite.yaml: `defaults`.

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
