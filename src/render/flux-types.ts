// A Flux HelmRelease as the suite needs it: what Flux would install, where.
import type { Values } from '../model/release.js';

export interface FluxHelmRelease {
  /** Bootstrap-kit file it came from (relative to the charts root). */
  file: string;
  /** HelmRelease metadata.name / metadata.namespace. */
  name: string;
  namespace: string;
  /** Helm release name Flux uses: spec.releaseName, else [targetNamespace-]name. */
  releaseName: string;
  /** Namespace the chart is installed into: spec.targetNamespace, else the HelmRelease's namespace. */
  releaseNamespace: string;
  /** spec.chart.spec.chart */
  chart: string;
  /** spec.chart.spec.version (the pin). */
  version: string;
  /** spec.values after post-build substitution. */
  values: Values;
}
