// A Flux HelmRelease as the suite needs it: what Flux would install, where.
import type { Values } from '../model/release.js';

/**
 * How a release pins its chart version: `exact` (a version string), `range` (a semver
 * constraint such as `>=1.0.0` or `6.x`), `unpinned` (no version, or the `latest` tag),
 * `digest` (an OCI digest: a pin whose version is unknown offline), `source` (a chart
 * built from a Git/Bucket source: always its own Chart.yaml version).
 */
export type VersionKind = 'exact' | 'range' | 'unpinned' | 'digest' | 'source';

export interface FluxHelmRelease {
  /** Bootstrap-kit file it came from (relative to the charts root). */
  file: string;
  /** HelmRelease metadata.name / metadata.namespace. */
  name: string;
  namespace: string;
  /** Helm release name Flux uses: spec.releaseName, else [targetNamespace-]name (shortened past 53 characters). */
  releaseName: string;
  /** Namespace the chart is installed into: spec.targetNamespace, else the HelmRelease's namespace. */
  releaseNamespace: string;
  /** Chart name: spec.chart.spec.chart, or the chart a spec.chartRef source holds. */
  chart: string;
  /** The pin as written: spec.chart.spec.version, or the chartRef source's tag/semver/digest ('' when unpinned). */
  version: string;
  /** spec.values after post-build substitution (clusters: merged over valuesFrom as Flux does). */
  values: Values;
  /** Absent in the single-folder kit, where every version is an exact pin. */
  versionKind?: VersionKind;
  /** Field the version was read from, for messages (e.g. `spec.chart.spec.version`, `OCIRepository flux-system/x spec.ref.semver`). */
  versionField?: string;
  /** Cluster whose build installs it (bootstrapKit.clusters). */
  cluster?: string;
  /** Flux Kustomization (namespace/name) that applies it, when not the cluster entry itself. */
  kustomization?: string;
  /** Where Flux gets the chart from, e.g. `HelmRepository flux-system/podinfo` or `OCIRepository apps/podinfo`. */
  chartSource?: string;
}
