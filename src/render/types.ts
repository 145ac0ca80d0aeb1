// Requests to and results of the renderers (helm template, kubectl kustomize).
import type { DependencyMode, HelmRendererId, Values } from '../model/release.js';
import type { CacheLimits } from './cache.js';

/** Bounds every render request can carry (suite config `defaults`); absent = the built-in defaults. */
export interface RenderLimits {
  /** Rendered output larger than this is refused before parsing. */
  maxOutputBytes?: number;
  /** What the render cache keeps. */
  cacheLimits?: CacheLimits;
}

/** Waits for a free process slot; the function returned frees it. */
export type ProcessSlot = () => Promise<() => void>;

export interface HelmTemplateRequest extends RenderLimits {
  /** Chart id (for messages and cache stats). */
  chart: string;
  /** Values cell name (for messages). */
  cell: string;
  renderer: HelmRendererId;
  /** Absolute chart directory. */
  chartDir: string;
  releaseName: string;
  namespace: string;
  /** Values files, in order (absolute paths). */
  valuesFiles?: string[];
  /** Values objects, in order after valuesFiles; written to temp files. */
  values?: Values[];
  /** `--set key=value` entries, passed verbatim as separate arguments. */
  set?: string[];
  /** `--api-versions` capabilities. */
  apiVersions?: string[];
  /** Dependencies missing from charts/: fail with their names, or render a temp copy with stub charts. Default fail. */
  dependencies?: DependencyMode;
  /** hashTree of chartDir when the caller already has it (many renders of one unchanged chart); absent: hashed here. */
  chartHash?: string;
  /** `--is-upgrade` (.Release.IsUpgrade); absent: an install. */
  isUpgrade?: boolean;
  /** `--include-crds`: the chart's crds/ files in the output too. */
  includeCrds?: boolean;
  /** `--kube-version`, pinned so renders do not drift with the binary's default. */
  kubeVersion: string;
  /** Kill the process after this many ms. */
  timeoutMs: number;
  /**
   * Repeat number (default 0). Enters the cache key only, so the determinism probe's
   * second render of the same request is a second real helm run, cached under its own key.
   */
  attempt?: number;
  /**
   * A caller bounding concurrent processes: waited for right before helm starts (after the cache
   * lookup); the function it gives frees the slot as helm exits, before the output is parsed and cached.
   */
  processSlot?: ProcessSlot;
}

export interface KustomizeRequest extends RenderLimits {
  chart: string;
  cell: string;
  /** Absolute directory holding kustomization.yaml. */
  dir: string;
  /** Namespace used as effective namespace for objects without one. */
  namespace: string;
  timeoutMs: number;
}
