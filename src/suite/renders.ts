// Render jobs of a suite: one chart × cell × renderer, rendered once per suite (memoised),
// and the exact helm/kustomize request each one makes.
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { expandMatrix } from '../config/matrix.js';
import type { Cell } from '../config/types.js';
import { helmTemplate } from '../render/helm.js';
import { kustomizeBuild } from '../render/kustomize.js';
import type { HelmRendererId, RenderedRelease, RendererId } from '../model/release.js';
import type { HelmTemplateRequest, KustomizeRequest, RenderLimits } from '../render/types.js';
import { mapLimit } from './pool.js';
import { chartById, helmReleaseOf, releaseOf, suiteMemo, type Suite } from './session.js';

/** The cell other releases are rendered in: their HelmRelease values as the kit sets them. */
export const KIT_CELL: Cell = { name: 'kit-release', choice: {}, kitValues: true, values: [], set: [], apiVersions: [], requiredResources: [] };

/** The cell other releases are rendered in beside a subject cell taking `cluster`'s values: that cluster's (else the kit's). */
export function kitCellOf(cluster: string | undefined): Cell {
  return cluster === undefined ? KIT_CELL : { ...KIT_CELL, name: `kit-release.${cluster}`, kitCluster: cluster };
}

export interface RenderJob {
  chart: string;
  cell: Cell;
  renderer: RendererId;
  /** Repeat number of a helm render (the determinism probe's second render); default 0. */
  attempt?: number;
}

/** Identity of a job: the same job asked twice is one render. */
export function jobKey(job: RenderJob): string {
  return `${job.chart}\0${job.renderer}\0${job.renderer === 'kustomize' ? '' : job.cell.name}\0${job.attempt ?? 0}`;
}

export function cellsOf(suite: Suite, chartId: string): Cell[] {
  return expandMatrix(chartById(suite, chartId).config.matrix, 'matrix', suite.config.defaults.maxCells, chartId);
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
  return {
    chart: chartId,
    cell: 'kustomize',
    dir: path.join(config.root, chart.config.kustomizeDir),
    namespace: releaseOf(suite, chart).namespace,
    timeoutMs: config.defaults.timeoutMs,
    ...renderLimitsOf(suite),
  };
}

/** The `helm template` request of a helm job (the bench rebuilds its exact arguments from it). */
export function helmRequestOf(suite: Suite, job: RenderJob & { renderer: HelmRendererId }): HelmTemplateRequest {
  const chart = chartById(suite, job.chart);
  const { config } = suite;
  const { releaseName, namespace } = releaseOf(suite, chart, job.cell.kitCluster);
  const hr = job.cell.kitValues ? helmReleaseOf(suite, chart, job.cell.kitCluster) : undefined;
  if (job.cell.kitCluster && !hr) {
    throw new ConfigError(
      `chart ${job.chart}, cell ${job.cell.name}: takes the values of cluster ${job.cell.kitCluster}, but no HelmRelease of that cluster installs chart ${chart.name}`,
    );
  }
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
    ...renderLimitsOf(suite),
    ...(job.attempt ? { attempt: job.attempt } : {}),
  };
}

/** The suite's bounds on render output and on what the render cache keeps. */
function renderLimitsOf(suite: Suite): RenderLimits {
  const d = suite.config.defaults;
  return { maxOutputBytes: d.maxRenderBytes, cacheLimits: { maxEntryBytes: d.cacheMaxEntryBytes, maxTotalBytes: d.cacheMaxTotalBytes } };
}

/** Run jobs with bounded parallelism; failures are collected, not thrown. */
export async function renderMany(
  suite: Suite,
  jobs: RenderJob[],
  concurrency = 2,
  progress?: (done: number, total: number) => void,
): Promise<{ job: RenderJob; error: unknown }[]> {
  let done = 0;
  const outcomes = await mapLimit(jobs, concurrency, (job) =>
    renderJob(suite, job)
      .then(
        () => undefined,
        (error: unknown) => ({ job, error }),
      )
      .finally(() => progress?.(++done, jobs.length)),
  );
  return outcomes.filter((o) => o !== undefined);
}

/** The chart's list, then the cell's additions, each once (a cell adds to what the chart sets). */
export function union(chart: readonly string[], cell: readonly string[]): string[] {
  return [...new Set([...chart, ...cell])];
}
