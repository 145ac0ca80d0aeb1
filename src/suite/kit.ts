// The suite's view of its Flux kit: how the config asks for it to be read, which
// HelmRelease installs which suite chart (by chart name, or a release name the chart's
// config lists), and what every report must say about the rest (external releases,
// sources not followed, clusters per cell). One place, so check and verify-bump agree.
import type { SuiteConfig } from '../config/types.js';
import type { ChartFacts } from '../contracts/types.js';
import type { FluxHelmRelease } from '../render/flux-types.js';
import type { Kit, KitOptions, KustomizeRunner } from '../render/flux.js';

export interface SuiteKit {
  /** HelmReleases of suite charts (the single-folder kit: every HelmRelease, as before). */
  helmReleases: FluxHelmRelease[];
  /** HelmReleases of charts outside the suite (clusters form): listed, not rendered. */
  externalReleases: FluxHelmRelease[];
  kitObjects: Kit['objects'];
  /** The kit's HelmRelease documents themselves (suite and external ones), for the schema contract. */
  kitReleaseObjects: Kit['releaseObjects'];
  variables: Record<string, string>;
  /** Cluster names (empty for the single-folder kit). */
  clusters: string[];
  /** Lines every report lists under its notes. */
  kitNotes: string[];
  /** Values from Secrets (substituteFrom, valuesFrom): redacted everywhere. */
  secretValues: string[];
}

/** How the config asks for the kit to be read. */
export function kitOptionsOf(config: SuiteConfig, kustomize?: KustomizeRunner): KitOptions {
  const kit = config.bootstrapKit;
  return {
    root: config.root,
    ...(kit.path !== undefined ? { folder: { path: kit.path, ...(kit.variablesFile ? { variablesFile: kit.variablesFile } : {}) } } : {}),
    clusters: Object.entries(kit.clusters ?? {}).map(([name, c]) => ({ name, ...c })),
    sources: (kit.sources ?? []).map((s) => ({ ...s, namespace: s.namespace ?? 'flux-system' })),
    strict: kit.strict,
    timeoutMs: config.defaults.timeoutMs,
    ...(kustomize ? { kustomize } : {}),
  };
}

/** The suite chart a HelmRelease installs: by chart name, else by a release name the chart's config lists. */
export function chartOfRelease(charts: readonly ChartFacts[], hr: FluxHelmRelease): ChartFacts | undefined {
  return matchRelease(
    charts,
    hr,
    (c) => c.name,
    (c) => c.config.releases,
  );
}

/** The same match over any list of charts (the bump script matches config entries, before Chart.yaml is read). */
export function matchRelease<T>(
  charts: readonly T[],
  hr: FluxHelmRelease,
  nameOf: (c: T) => string,
  releasesOf: (c: T) => readonly string[] | undefined,
): T | undefined {
  return charts.find((c) => nameOf(c) === hr.chart) ?? charts.find((c) => releasesOf(c)?.some((r) => r === hr.name || r === hr.releaseName));
}

/** Where a kit release is, for messages: `HelmRelease ns/name (cluster staging)`. */
export function releaseLabel(hr: FluxHelmRelease): string {
  return `HelmRelease ${hr.namespace}/${hr.name}${hr.cluster ? ` (cluster ${hr.cluster})` : ''}`;
}

export function suiteKitOf(config: SuiteConfig, charts: readonly ChartFacts[], kit: Kit): SuiteKit {
  const helmReleases: FluxHelmRelease[] = [];
  const externalReleases: FluxHelmRelease[] = [];
  for (const hr of kit.helmReleases) {
    const chart = chartOfRelease(charts, hr);
    // A release listed by name installs that chart whatever its source calls it (an OCI URL, a path).
    if (chart) helmReleases.push(chart.name === hr.chart ? hr : { ...hr, chart: chart.name });
    else if (kit.clusters.length > 0) externalReleases.push(hr);
    else helmReleases.push(hr); // single-folder kit: version-lockstep names charts outside the suite
  }
  const kitNotes = [...kit.notes];
  for (const hr of externalReleases) {
    kitNotes.push(
      `cluster ${hr.cluster}: external release ${hr.releaseNamespace}/${hr.releaseName} (HelmRelease ${hr.namespace}/${hr.name}, chart ${hr.chart || '?'} from ${hr.chartSource ?? 'unknown source'}, ${hr.file}): not a chart of the suite, not rendered`,
    );
  }
  for (const c of config.charts) {
    for (const cluster of clusterCellsOf(config, c.id)) {
      const hr = helmReleases.find((h) => h.cluster === cluster && chartOfRelease(charts, h)?.config.id === c.id);
      if (hr)
        kitNotes.push(
          `cluster ${cluster}: chart ${c.id} cells with kitValues: ${cluster} take the values of HelmRelease ${hr.namespace}/${hr.name} (${hr.file}), release ${hr.releaseNamespace}/${hr.releaseName}`,
        );
    }
  }
  // Variables marked secret are secret in every cluster's variables file, not only the first's.
  const secretVariables = Object.values(kit.clusterVariables).flatMap((vars) => config.bootstrapKit.secretVariables.map((name) => vars[name] ?? ''));
  const secretValues = [...new Set([...kit.secrets, ...secretVariables.filter(Boolean)])];
  return {
    helmReleases,
    externalReleases,
    kitObjects: kit.objects,
    kitReleaseObjects: kit.releaseObjects,
    variables: kit.variables,
    clusters: kit.clusters,
    kitNotes,
    secretValues,
  };
}

/** Clusters a chart's matrix asks values of (`kitValues: <cluster>`), in order. */
function clusterCellsOf(config: SuiteConfig, chartId: string): string[] {
  const chart = config.charts.find((c) => c.id === chartId);
  const out: string[] = [];
  for (const options of Object.values(chart?.matrix.axes ?? {})) {
    for (const o of Object.values(options)) if (typeof o.kitValues === 'string' && !out.includes(o.kitValues)) out.push(o.kitValues);
  }
  return out;
}
