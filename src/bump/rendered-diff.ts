// The rendered diff of a changed chart: every cell of either side rendered once with the
// diff renderer (plus kustomize for a dual-mode chart), canonicalised, nondeterministic
// fields masked on both sides, Secret values scrubbed.
import type { Cell } from '../config/types.js';
import type { NondeterministicPath } from '../contracts/types.js';
import type { Manifest } from '../manifests/types.js';
import { scrub, secretValues } from '../manifests/redact.js';
import type { RenderedRelease, RendererId } from '../model/release.js';
import { nondeterminismOf } from '../suite/determinism.js';
import { mapLimit } from '../suite/pool.js';
import type { Suite } from '../suite/session.js';
import { cellsOf, KIT_CELL, renderJob, type RenderJob } from '../suite/renders.js';
import { canonicalRender, diffTexts } from './manifest-diff.js';
import { errorText, type OpenedSide } from './sides.js';
import type { CellDiff, ChartReport } from './types.js';

/** Cell name of the `kubectl kustomize` render in the diff. */
const KUSTOMIZE_CELL = 'kustomize';

interface DiffSlot {
  cell: string;
  renderer: RendererId;
  baseJob?: RenderJob;
  headJob?: RenderJob;
}

function hasChart(side: OpenedSide | undefined, id: string): side is OpenedSide {
  return side !== undefined && side.suite.charts.some((c) => c.config.id === id);
}

function slotsOf(id: string, head: OpenedSide, base: OpenedSide | undefined, renderer: RendererId): DiffSlot[] {
  const slots: DiffSlot[] = [];
  const headCells: Cell[] = hasChart(head, id) ? cellsOf(head.suite, id) : [];
  const baseCells: Cell[] = hasChart(base, id) ? cellsOf(base.suite, id) : [];
  for (const cell of headCells) {
    const b = baseCells.find((x) => x.name === cell.name);
    slots.push({ cell: cell.name, renderer, headJob: { chart: id, cell, renderer }, ...(b ? { baseJob: { chart: id, cell: b, renderer } } : {}) });
  }
  for (const cell of baseCells) {
    if (!headCells.some((x) => x.name === cell.name)) slots.push({ cell: cell.name, renderer, baseJob: { chart: id, cell, renderer } });
  }
  const dual = (side: OpenedSide | undefined) => hasChart(side, id) && side.suite.config.charts.find((c) => c.id === id)?.kustomizeDir !== undefined;
  if (dual(head) || dual(base)) {
    const job: RenderJob = { chart: id, cell: KIT_CELL, renderer: 'kustomize' };
    slots.push({ cell: KUSTOMIZE_CELL, renderer: 'kustomize', ...(dual(head) ? { headJob: job } : {}), ...(dual(base) ? { baseJob: job } : {}) });
  }
  return slots;
}

type Outcome = { ok: true; render: RenderedRelease; nondeterministic: NondeterministicPath[] } | { ok: false; error: string };

async function outcome(suite: Suite, job: RenderJob): Promise<Outcome> {
  try {
    // The probe's first render is this very render (the diff renderer is the first renderer),
    // so a helm cell costs one more render: the repeat. kustomize has no templates to vary.
    const [render, nondeterministic] = await Promise.all([
      renderJob(suite, job),
      job.renderer === 'kustomize' ? [] : nondeterminismOf(suite, job.chart, job.cell),
    ]);
    return { ok: true, render, nondeterministic };
  } catch (err) {
    return { ok: false, error: errorText(err).split('\n').slice(0, 6).join('\n') };
  }
}

export async function diffChart(
  cr: ChartReport,
  head: OpenedSide,
  base: OpenedSide | undefined,
  renderer: RendererId,
  concurrency: number,
  progress: (line: string) => void,
): Promise<CellDiff[]> {
  const slots = slotsOf(cr.id, head, base, renderer);
  const helmCells = slots.filter((s) => s.renderer !== 'kustomize').length;
  const kustomize = slots.some((s) => s.renderer === 'kustomize') ? ' + kustomize' : '';
  const baseVersion = cr.base.exists ? (cr.base.version ?? '?') : 'none';
  const headVersion = cr.head.exists ? (cr.head.version ?? '?') : 'none';
  progress(`verify-bump: ${cr.id}: rendering ${helmCells} cell${helmCells === 1 ? '' : 's'}${kustomize} (base ${baseVersion}, head ${headVersion})`);

  // Each render once: every job is listed once, and renderJob memoises failures too.
  const tasks = slots.flatMap((slot, i) => [
    ...(slot.baseJob && base ? [{ i, side: 'base' as const, suite: base.suite, job: slot.baseJob }] : []),
    ...(slot.headJob ? [{ i, side: 'head' as const, suite: head.suite, job: slot.headJob }] : []),
  ]);
  const results = await mapLimit(tasks, concurrency * 2, (t) => outcome(t.suite, t.job));
  const resultOf = (i: number, side: 'base' | 'head') => results[tasks.findIndex((t) => t.i === i && t.side === side)] as Outcome | undefined;

  const diffs: CellDiff[] = [];
  for (const [i, slot] of slots.entries()) {
    const b = resultOf(i, 'base');
    const h = resultOf(i, 'head');
    const d: CellDiff = { cell: slot.cell, renderer: slot.renderer, status: 'unchanged', patch: '', added: 0, removed: 0 };
    if (h && !h.ok) {
      d.status = 'head-failed';
      d.error = h.error;
    } else if (b && !b.ok) {
      d.status = 'base-failed';
      d.error = b.error;
    } else {
      const baseManifests: Manifest[] | undefined = b?.ok ? b.render.manifests : undefined;
      const headManifests: Manifest[] | undefined = h?.ok ? h.render.manifests : undefined;
      // Safety net: Secret values are redacted by path already; any copy elsewhere goes too.
      const values = secretValues([...(baseManifests ?? []), ...(headManifests ?? [])]);
      // A field that changes from one render to the next on either side would show as a change
      // on every run: both texts mask the union of both sides' nondeterministic paths.
      const excluded = [...(b?.ok ? b.nondeterministic : []), ...(h?.ok ? h.nondeterministic : [])];
      const text = diffTexts(
        `base/${cr.id}/${slot.cell}`,
        `head/${cr.id}/${slot.cell}`,
        baseManifests && canonicalRender(baseManifests, excluded),
        headManifests && canonicalRender(headManifests, excluded),
        `${cr.base.exists ? (cr.base.version ?? '') : '(absent)'}`,
        `${cr.head.exists ? (cr.head.version ?? '') : '(absent)'}`,
      );
      d.patch = scrub(text.patch, values);
      d.added = text.added;
      d.removed = text.removed;
      d.status = !baseManifests ? 'added' : !headManifests ? 'removed' : text.patch ? 'changed' : 'unchanged';
    }
    diffs.push(d);
  }
  return diffs;
}
