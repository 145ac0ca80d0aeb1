// Renders what a subject (chart × cell × helm major) needs and assembles its World:
// the subject, every other kit release with its kit values, and the comparison renders.
import type { Cell, ChartConfig } from '../config/types.js';
import type { World } from '../contracts/types.js';
import type { HelmRendererId } from '../model/release.js';
import { nondeterminismOf, probeJobs, probeRenderer } from './determinism.js';
import { cellsOf, jobKey, KIT_CELL, kitCellOf, renderJob, union, type RenderJob } from './renders.js';
import { schemasFor } from './schemas.js';
import { chartById, helmReleaseOf, type Suite } from './session.js';

/** Charts the bootstrap kit installs (a HelmRelease maps to them), in `cluster` when named. */
function kitCharts(suite: Suite, cluster?: string): string[] {
  return suite.charts.filter((c) => helmReleaseOf(suite, c, cluster)).map((c) => c.config.id);
}

/** Every render the suite's specs and checks need, each once. */
export function planRenders(suite: Suite, charts?: string[]): RenderJob[] {
  const jobs: RenderJob[] = [];
  const seen = new Set<string>();
  const add = (j: RenderJob) => {
    const k = jobKey(j);
    if (!seen.has(k)) (seen.add(k), jobs.push(j));
  };
  const wanted = charts ?? suite.charts.map((c) => c.config.id);
  for (const id of wanted) {
    const chart = chartById(suite, id);
    for (const renderer of suite.config.defaults.renderers) {
      for (const cell of cellsOf(suite, id)) {
        add({ chart: id, cell, renderer });
        for (const other of kitCharts(suite, cell.kitCluster)) add({ chart: other, cell: kitCellOf(cell.kitCluster), renderer });
      }
    }
    if (chart.config.kustomizeDir) add({ chart: id, cell: KIT_CELL, renderer: 'kustomize' });
    // The determinism probe's repeat of each cell, so it is pre-rendered in parallel too.
    for (const cell of cellsOf(suite, id)) add(probeJobs(suite, id, cell)[1]);
  }
  return jobs;
}

function comparesWithKustomize(chart: ChartConfig, cell: Cell): boolean {
  return Boolean(chart.kustomizeDir) && (chart.kustomizeCells === undefined || chart.kustomizeCells.includes(cell.name));
}

/**
 * The part of a subject's World that needs no render: the suite config, Chart.yaml facts and
 * the kit (releases empty). Enough for contracts that read no render (Contract.needsRenders).
 */
export function suiteWorld(suite: Suite, chartId: string, cell: Cell, renderer: HelmRendererId): World {
  const chart = chartById(suite, chartId);
  return {
    subject: { chart: chartId, cell: cell.name, renderer },
    charts: suite.charts,
    helmReleases: suite.helmReleases,
    kitObjects: suite.kitObjects,
    kitReleaseObjects: suite.kitReleaseObjects,
    releases: [],
    externalServices: suite.config.externalServices,
    pinnedSecretRefs: suite.config.pinnedSecretRefs,
    kitValues: cell.kitValues,
    generatedObjects: suite.config.generatedObjects,
    clusterSecrets: suite.config.clusterSecrets,
    ...(suite.config.pinnedEnv ? { pinnedEnv: suite.config.pinnedEnv } : {}),
    requiredResources: union(chart.config.requiredResources, cell.requiredResources),
  };
}

export async function buildWorld(suite: Suite, chartId: string, cell: Cell, renderer: HelmRendererId): Promise<World> {
  const chart = chartById(suite, chartId);
  const renderers = suite.config.defaults.renderers;
  // Parity is compared once per cell: from the first helm major against the second.
  const parityWith = renderers[0] === renderer ? renderers.find((r) => r !== renderer) : undefined;
  // Beside a cell taking a cluster's values, the other releases are that cluster's.
  const others = kitCharts(suite, cell.kitCluster).filter((id) => id !== chartId);
  // Every render at once; the subject is awaited first, so when it fails its own error is the
  // one reported (the rest's rejection is handled here and surfaces only after the subject's).
  const subject = renderJob(suite, { chart: chartId, cell, renderer });
  const rest = Promise.all([
    Promise.all(others.map((id) => renderJob(suite, { chart: id, cell: kitCellOf(cell.kitCluster), renderer }))),
    comparesWithKustomize(chart.config, cell) ? renderJob(suite, { chart: chartId, cell: KIT_CELL, renderer: 'kustomize' }) : undefined,
    parityWith ? renderJob(suite, { chart: chartId, cell, renderer: parityWith }) : undefined,
    // Nondeterminism is a property of the templates: one probe (by the first renderer) serves
    // every renderer's world. When the probe's renders fail, the probing renderer's own subject
    // reports it; the other majors' subjects go on without the list rather than repeat that failure.
    renderer === probeRenderer(suite) ? nondeterminismOf(suite, chartId, cell) : nondeterminismOf(suite, chartId, cell).catch(() => undefined),
  ]);
  rest.catch(() => undefined);
  const release = await subject;
  const [otherReleases, kustomize, parity, nondeterministic] = await rest;
  const schemas = await schemasFor(
    suite,
    [release, ...otherReleases, kustomize].flatMap((r) => r?.manifests ?? []).concat(suite.kitObjects, suite.kitReleaseObjects),
  );
  return {
    ...suiteWorld(suite, chartId, cell, renderer),
    releases: [release, ...otherReleases],
    kustomize,
    parity,
    ...(nondeterministic ? { nondeterministic } : {}),
    schemas,
  };
}
