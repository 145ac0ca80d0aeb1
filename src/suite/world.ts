// Renders what a subject (chart × cell × helm major) needs and assembles its World:
// the subject, every other kit release with its kit values, and the comparison renders.
import path from 'node:path';
import { expandMatrix } from '../config/matrix.js';
import type { Cell, ChartConfig } from '../config/types.js';
import type { World } from '../contracts/types.js';
import { helmTemplate } from '../render/helm.js';
import { kustomizeBuild } from '../render/kustomize.js';
import type { HelmRendererId, HelmTemplateRequest, KustomizeRequest, RenderedRelease, RendererId } from '../render/types.js';
import { nondeterminismOf, probeJobs, probeRenderer } from './determinism.js';
import { mapLimit } from './pool.js';
import { chartById, helmReleaseOf, releaseOf, suiteMemo, type Suite } from './session.js';

/** The cell other releases are rendered in: their HelmRelease values as the kit sets them. */
export const KIT_CELL: Cell = { name: 'kit-release', choice: {}, kitValues: true, values: [], set: [], apiVersions: [], requiredResources: [] };

export interface RenderJob {
  chart: string;
  cell: Cell;
  renderer: RendererId;
  /** Repeat number of a helm render (the determinism probe's second render); default 0. */
  attempt?: number;
}

/** Identity of a job: the same job asked twice is one render. */
function jobKey(job: RenderJob): string {
  return `${job.chart}\0${job.renderer}\0${job.renderer === 'kustomize' ? '' : job.cell.name}\0${job.attempt ?? 0}`;
}

export function cellsOf(suite: Suite, chartId: string): Cell[] {
  return expandMatrix(chartById(suite, chartId).config.matrix);
}

// One promise per render per suite: specs ask for the same render many times.
const memo = suiteMemo<RenderedRelease>();

export function renderJob(suite: Suite, job: RenderJob): Promise<RenderedRelease> {
  return memo(suite, jobKey(job), () => doRender(suite, job));
}

// Async, so a request that cannot be built (unknown chart) rejects like a failed render.
async function doRender(suite: Suite, job: RenderJob): Promise<RenderedRelease> {
  const { renderer } = job;
  if (renderer === 'kustomize') return kustomizeBuild(kustomizeRequestOf(suite, job.chart), suite.tools);
  return helmTemplate(helmRequestOf(suite, { ...job, renderer }), suite.tools);
}

/** What `kubectl kustomize` renders for a dual-mode chart (the bench runs the same command bare). */
export function kustomizeRequestOf(suite: Suite, chartId: string): KustomizeRequest {
  const chart = chartById(suite, chartId);
  if (!chart.config.kustomizeDir) throw new Error(`chart ${chartId} is not dual-mode (no kustomizeDir)`);
  const { config } = suite;
  // A kustomize render takes no values: one per chart, named as such in messages.
  return { chart: chartId, cell: 'kustomize', dir: path.join(config.root, chart.config.kustomizeDir), namespace: releaseOf(suite, chart).namespace, timeoutMs: config.defaults.timeoutMs };
}

/** The `helm template` request of a helm job (the bench rebuilds its exact arguments from it). */
export function helmRequestOf(suite: Suite, job: RenderJob & { renderer: HelmRendererId }): HelmTemplateRequest {
  const chart = chartById(suite, job.chart);
  const { config } = suite;
  const { releaseName, namespace } = releaseOf(suite, chart);
  const hr = job.cell.kitValues ? helmReleaseOf(suite, chart) : undefined;
  return {
    chart: job.chart,
    cell: job.cell.name,
    renderer: job.renderer,
    chartDir: path.join(config.root, chart.config.path),
    releaseName,
    namespace,
    values: [...(hr ? [hr.values] : []), ...job.cell.values],
    set: job.cell.set,
    apiVersions: union(chart.config.apiVersions, job.cell.apiVersions),
    dependencies: chart.config.dependencies,
    kubeVersion: config.defaults.kubeVersion,
    timeoutMs: config.defaults.timeoutMs,
    ...(job.attempt ? { attempt: job.attempt } : {}),
  };
}

/** Charts the bootstrap kit installs (a HelmRelease maps to them). */
function kitCharts(suite: Suite): string[] {
  return suite.charts.filter((c) => helmReleaseOf(suite, c)).map((c) => c.config.id);
}

/** Every render the suite's specs and checks need, each once. */
export function planRenders(suite: Suite, charts?: string[]): RenderJob[] {
  const jobs: RenderJob[] = [];
  const seen = new Set<string>();
  const add = (j: RenderJob) => {
    const k = jobKey(j);
    if (!seen.has(k)) seen.add(k), jobs.push(j);
  };
  const wanted = charts ?? suite.charts.map((c) => c.config.id);
  for (const id of wanted) {
    const chart = chartById(suite, id);
    for (const renderer of suite.config.defaults.renderers) {
      for (const cell of cellsOf(suite, id)) add({ chart: id, cell, renderer });
      for (const other of kitCharts(suite)) add({ chart: other, cell: KIT_CELL, renderer });
    }
    if (chart.config.kustomizeDir) add({ chart: id, cell: KIT_CELL, renderer: 'kustomize' });
    // The determinism probe's repeat of each cell, so it is pre-rendered in parallel too.
    for (const cell of cellsOf(suite, id)) add(probeJobs(suite, id, cell)[1]);
  }
  return jobs;
}

/** Run jobs with bounded parallelism; failures are collected, not thrown. */
export async function renderMany(suite: Suite, jobs: RenderJob[], concurrency = 2): Promise<{ job: RenderJob; error: unknown }[]> {
  const outcomes = await mapLimit(jobs, concurrency, (job) =>
    renderJob(suite, job).then(
      () => undefined,
      (error: unknown) => ({ job, error }),
    ),
  );
  return outcomes.filter((o) => o !== undefined);
}

function comparesWithKustomize(chart: ChartConfig, cell: Cell): boolean {
  return Boolean(chart.kustomizeDir) && (chart.kustomizeCells === undefined || chart.kustomizeCells.includes(cell.name));
}

export async function buildWorld(suite: Suite, chartId: string, cell: Cell, renderer: HelmRendererId): Promise<World> {
  const chart = chartById(suite, chartId);
  const renderers = suite.config.defaults.renderers;
  // Parity is compared once per cell: from the first helm major against the second.
  const parityWith = renderers[0] === renderer ? renderers.find((r) => r !== renderer) : undefined;
  const others = kitCharts(suite).filter((id) => id !== chartId);
  // Every render at once; the subject is awaited first, so when it fails its own error is the
  // one reported (the rest's rejection is handled here and surfaces only after the subject's).
  const subject = renderJob(suite, { chart: chartId, cell, renderer });
  const rest = Promise.all([
    Promise.all(others.map((id) => renderJob(suite, { chart: id, cell: KIT_CELL, renderer }))),
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
  return {
    subject: { chart: chartId, cell: cell.name, renderer },
    charts: suite.charts,
    helmReleases: suite.helmReleases,
    kitObjects: suite.kitObjects,
    releases: [release, ...otherReleases],
    kustomize,
    parity,
    externalServices: suite.config.externalServices,
    pinnedSecretRefs: suite.config.pinnedSecretRefs,
    kitValues: cell.kitValues,
    generatedObjects: suite.config.generatedObjects,
    clusterSecrets: suite.config.clusterSecrets,
    ...(nondeterministic ? { nondeterministic } : {}),
    requiredResources: union(chart.config.requiredResources, cell.requiredResources),
  };
}

/** The chart's list, then the cell's additions, each once (a cell adds to what the chart sets). */
function union(chart: readonly string[], cell: readonly string[]): string[] {
  return [...new Set([...chart, ...cell])];
}
