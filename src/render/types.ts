// Requests to and results of the renderers (helm template, kubectl kustomize).
import type { DependencyMode, HelmRendererId, Values } from '../model/release.js';

export interface HelmTemplateRequest {
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
  /** `--kube-version`, pinned so renders do not drift with the binary's default. */
  kubeVersion: string;
  /** Kill the process after this many ms. */
  timeoutMs: number;
  /**
   * Repeat number (default 0). Enters the cache key only, so the determinism probe's
   * second render of the same request is a second real helm run, cached under its own key.
   */
  attempt?: number;
}

export interface KustomizeRequest {
  chart: string;
  cell: string;
  /** Absolute directory holding kustomization.yaml. */
  dir: string;
  /** Namespace used as effective namespace for objects without one. */
  namespace: string;
  timeoutMs: number;
}
