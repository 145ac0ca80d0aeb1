// The determinism probe: a chart whose templates call randAlphaNum, now, uuidv4, genCA…
// renders differently every time, so helm 4 and helm 3 (or base and head in a bump) differ
// there by chance. Each chart × cell is rendered twice by the suite's first renderer; the
// fields that differ are nondeterministic, excluded from helm-parity and the bump diff and
// listed in the report. The repeat is a real second helm run (its own cache key), and both
// renders are cached, so a warm run finds the same paths without running helm at all.
import type { Cell } from '../config/types.js';
import type { NondeterministicPath } from '../contracts/types.js';
import { diffValues, WHOLE_OBJECT } from '../manifests/diff.js';
import { formatRef, refOf, type Manifest } from '../manifests/types.js';
import type { HelmRendererId, RenderedRelease } from '../model/release.js';
import { suiteMemo, type Suite } from './session.js';
import { renderJob, type RenderJob } from './renders.js';

/** The `attempt` of the probe's second render (first renders have none). */
const REPEAT_ATTEMPT = 1;

/** The renderer that probes: the first of the suite's renderers (the one diffs use too). */
export function probeRenderer(suite: Suite): HelmRendererId {
  return suite.config.defaults.renderers[0];
}

/** The two renders the probe compares for one chart × cell. */
export function probeJobs(suite: Suite, chart: string, cell: Cell): [first: RenderJob, repeat: RenderJob] {
  const renderer = probeRenderer(suite);
  return [
    { chart, cell, renderer },
    { chart, cell, renderer, attempt: REPEAT_ATTEMPT },
  ];
}

/**
 * Paths that differ between two renders of the same request. Objects are matched by
 * kind/namespace/name; each differing leaf is a path (as diffValues addresses it), and an
 * object present in only one render is the path `(object)`.
 */
export function nondeterministicPaths(first: RenderedRelease, second: RenderedRelease): NondeterministicPath[] {
  const byKey = (ms: Manifest[]) => new Map(ms.map((m) => [formatRef(refOf(m)), m]));
  const a = byKey(first.manifests);
  const b = byKey(second.manifests);
  const out: NondeterministicPath[] = [];
  const seen = new Set<string>();
  const add = (m: Manifest, path: string) => {
    const k = `${formatRef(refOf(m))}\0${path}`;
    if (!seen.has(k)) (seen.add(k), out.push({ resource: refOf(m), path }));
  };
  for (const [k, m] of a) {
    const o = b.get(k);
    if (!o) {
      add(m, WHOLE_OBJECT);
      continue;
    }
    for (const d of diffValues(m.object, o.object)) add(m, d.path || WHOLE_OBJECT);
  }
  for (const [k, o] of b) if (!a.has(k)) add(o, WHOLE_OBJECT);
  return out;
}

// One probe per chart × cell per suite: every renderer's world and the report ask for it.
const memo = suiteMemo<NondeterministicPath[]>();

/** The nondeterministic paths of `chartId` in `cell` (both renders via renderJob, so cached and memoised). */
export function nondeterminismOf(suite: Suite, chartId: string, cell: Cell): Promise<NondeterministicPath[]> {
  return memo(suite, `${chartId}\0${cell.name}`, () => probe(suite, chartId, cell));
}

async function probe(suite: Suite, chartId: string, cell: Cell): Promise<NondeterministicPath[]> {
  const [firstJob, repeatJob] = probeJobs(suite, chartId, cell);
  // Both at once; when both fail, the first render's own error is the one reported.
  const [first, repeat] = await Promise.allSettled([renderJob(suite, firstJob), renderJob(suite, repeatJob)]);
  if (first.status === 'rejected') throw first.reason;
  if (repeat.status === 'rejected') throw repeat.reason;
  return nondeterministicPaths(first.value, repeat.value);
}
