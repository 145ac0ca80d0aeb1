// Renders what a subject (chart × cell × helm major) needs and assembles its World:
// the subject, every other kit release with its kit values, and the comparison renders.
import path from 'node:path';
import { expandMatrix } from '../config/matrix.js';
import type { Cell, ChartConfig } from '../config/types.js';
import type { World } from '../contracts/types.js';
import { helmTemplate } from '../render/helm.js';
import { kustomizeBuild } from '../render/kustomize.js';
import type { HelmRendererId, RenderedRelease, RendererId } from '../render/types.js';
import { nondeterminismOf, probeJobs, probeRenderer } from './determinism.js';
import { chartById, helmReleaseOf, releaseOf, type Suite } from './session.js';

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

// One promise per render per process: specs ask for the same render many times.
const memo = new WeakMap<Suite, Map<string, Promise<RenderedRelease>>>();

export function renderJob(suite: Suite, job: RenderJob): Promise<RenderedRelease> {
  let perSuite = memo.get(suite);
  if (!perSuite) memo.set(suite, (perSuite = new Map()));
  const key = jobKey(job);
  let p = perSuite.get(key);
  if (!p) {
    // Failures stay memoised too: a hanging helm costs one timeout per run, not one per reader.
    p = doRender(suite, job);
    perSuite.set(key, p);
  }
  return p;
}

async function doRender(suite: Suite, job: RenderJob): Promise<RenderedRelease> {
  const chart = chartById(suite, job.chart);
  const { config } = suite;
  const { releaseName, namespace } = releaseOf(suite, chart);
  if (job.renderer === 'kustomize') {
    if (!chart.config.kustomizeDir) throw new Error(`chart ${job.chart} is not dual-mode (no kustomizeDir)`);
    return kustomizeBuild(
      // A kustomize render takes no values: one per chart, named as such in messages.
      { chart: job.chart, cell: 'kustomize', dir: path.join(config.root, chart.config.kustomizeDir), namespace, timeoutMs: config.defaults.timeoutMs },
      suite.tools,
    );
  }
  const hr = job.cell.kitValues ? helmReleaseOf(suite, chart) : undefined;
  return helmTemplate(
    {
      chart: job.chart,
      cell: job.cell.name,
      renderer: job.renderer,
      chartDir: path.join(config.root, chart.config.path),
      releaseName,
      namespace,
      values: [...(hr ? [hr.values] : []), ...job.cell.values],
      set: job.cell.set,
      apiVersions: [...chart.config.apiVersions, ...job.cell.apiVersions.filter((a) => !chart.config.apiVersions.includes(a))],
      dependencies: chart.config.dependencies,
      kubeVersion: config.defaults.kubeVersion,
      timeoutMs: config.defaults.timeoutMs,
      ...(job.attempt ? { attempt: job.attempt } : {}),
    },
    suite.tools,
  );
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
  const failures: { job: RenderJob; error: unknown }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      await renderJob(suite, job).catch((error: unknown) => failures.push({ job, error }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return failures;
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
  // The subject first: when it fails, its own error is the one reported.
  const subject = await renderJob(suite, { chart: chartId, cell, renderer });
  const [otherReleases, kustomize, parity, nondeterministic] = await Promise.all([
    Promise.all(others.map((id) => renderJob(suite, { chart: id, cell: KIT_CELL, renderer }))),
    comparesWithKustomize(chart.config, cell) ? renderJob(suite, { chart: chartId, cell: KIT_CELL, renderer: 'kustomize' }) : undefined,
    parityWith ? renderJob(suite, { chart: chartId, cell, renderer: parityWith }) : undefined,
    // Nondeterminism is a property of the templates: one probe (by the first renderer) serves
    // every renderer's world. When the probe's renders fail, the probing renderer's own subject
    // reports it; the other majors' subjects go on without the list rather than repeat that failure.
    renderer === probeRenderer(suite) ? nondeterminismOf(suite, chartId, cell) : nondeterminismOf(suite, chartId, cell).catch(() => undefined),
  ]);
  return {
    subject: { chart: chartId, cell: cell.name, renderer },
    charts: suite.charts,
    helmReleases: suite.helmReleases,
    kitObjects: suite.kitObjects,
    releases: [subject, ...otherReleases],
    kustomize,
    parity,
    externalServices: suite.config.externalServices,
    pinnedSecretRefs: suite.config.pinnedSecretRefs,
    ...(nondeterministic ? { nondeterministic } : {}),
    requiredResources: [...chart.config.requiredResources, ...cell.requiredResources.filter((r) => !chart.config.requiredResources.includes(r))],
  };
}
