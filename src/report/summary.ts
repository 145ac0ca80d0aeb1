// Folds check rows into the chart × cell × contract matrix every report format prints.
// Renderers are merged: a violation seen by helm 4 and helm 3 alike counts once.
import type { ContractId, Violation } from '../contracts/types.js';
import { formatRef } from '../manifests/types.js';
import type { CheckResult, NondeterministicFinding, RenderFailure, RenderNote } from '../suite/check.js';
import type { ReportMeta } from './meta.js';

export interface SummaryCell {
  /** False when the contract does not apply to this chart/cell (shown as a dash). */
  applies: boolean;
  /** Distinct violations over all renderers. */
  violations: Violation[];
  /** The contract applies but found nothing to check (not passed, not failed): the reason. */
  nothingToCheck?: string;
}

export interface SummaryRow {
  chart: string;
  cell: string;
  /** Renderers that rendered this cell. */
  renderers: string[];
  byContract: Partial<Record<ContractId, SummaryCell>>;
}

export interface Summary {
  contracts: ContractId[];
  rows: SummaryRow[];
  failures: RenderFailure[];
  /** What renderers did that the user should know (e.g. dependencies stubbed). */
  notes: RenderNote[];
  /** Paths that change from one render to the next (chart × cell × resource × path): excluded from helm-parity and diffs. */
  nondeterministic: NondeterministicFinding[];
  totals: {
    subjects: number;
    /** Rows that are helm-unittest files (the `unittest` column only), apart from the chart cells; absent when none. */
    testFiles?: number;
    checks: number;
    passed: number;
    failed: number;
    notApplicable: number;
    /** Checks that found nothing to check (neither passed nor failed). */
    nothingToCheck: number;
    violations: number;
  };
}

/** Identity of a violation regardless of which helm major saw it. */
function violationKey(v: Violation): string {
  return JSON.stringify([v.contract, v.chart, v.cell, v.renderer.replace(/helm[34]/g, 'helm'), v.resource, v.path, v.expected, v.actual, v.message]);
}

export function summarize(result: CheckResult): Summary {
  const contracts: ContractId[] = [];
  const rows = new Map<string, SummaryRow>();
  // Violation keys already in each matrix cell (one per row × contract, so keyed by the cell itself).
  const seen = new Map<SummaryCell, Set<string>>();
  for (const r of result.rows) {
    if (!contracts.includes(r.contract)) contracts.push(r.contract);
    const rowKey = `${r.chart}\0${r.cell}`;
    let row = rows.get(rowKey);
    if (!row) rows.set(rowKey, (row = { chart: r.chart, cell: r.cell, renderers: [], byContract: {} }));
    if (!row.renderers.includes(r.renderer)) row.renderers.push(r.renderer);
    const cell = (row.byContract[r.contract] ??= { applies: false, violations: [] });
    cell.applies ||= r.applies;
    if (r.nothingToCheck !== undefined) cell.nothingToCheck ??= r.nothingToCheck;
    let keys = seen.get(cell);
    if (!keys) seen.set(cell, (keys = new Set()));
    for (const v of r.violations) {
      const k = violationKey(v);
      if (!keys.has(k)) (keys.add(k), cell.violations.push(v));
    }
  }
  const all = [...rows.values()];
  const cells = all.flatMap((row) => Object.values(row.byContract));
  // A renderer that found violations outranks one that found nothing to check.
  for (const c of cells) if (c.violations.length > 0) delete c.nothingToCheck;
  const nothing = (c: SummaryCell) => c.nothingToCheck !== undefined;
  const testFiles = all.filter((row) => Object.keys(row.byContract).join() === 'unittest').length;
  return {
    contracts,
    rows: all,
    failures: result.failures,
    notes: result.notes,
    nondeterministic: result.nondeterministic,
    totals: {
      subjects: all.length - testFiles,
      ...(testFiles ? { testFiles } : {}),
      checks: cells.length,
      passed: cells.filter((c) => c.applies && c.violations.length === 0 && !nothing(c)).length,
      failed: cells.filter((c) => c.violations.length > 0).length,
      notApplicable: cells.filter((c) => !c.applies).length,
      nothingToCheck: cells.filter(nothing).length,
      violations: cells.reduce((n, c) => n + c.violations.length, 0),
    },
  };
}

/** `ok`, `-` (not applicable), `nothing` (nothing to check) or the violation count, as every format shows a matrix cell. */
export function cellMark(cell: SummaryCell | undefined): string {
  if (!cell || !cell.applies) return '-';
  if (cell.nothingToCheck !== undefined) return 'nothing';
  return cell.violations.length === 0 ? 'ok' : `✗ ${cell.violations.length}`;
}

export function allViolations(summary: Summary): Violation[] {
  return summary.rows.flatMap((row) => summary.contracts.flatMap((c) => row.byContract[c]?.violations ?? []));
}

/** Heading of the nothing-to-check section, the same words in every format. */
export const NOTHING_TITLE = 'Nothing to check (neither passed nor failed; expectContracts makes it a failure)';

/** Each chart × cell × contract that found nothing to check, as `chart · cell · contract: reason`. */
export function nothingToCheckLines(summary: Summary): string[] {
  return summary.rows.flatMap((row) =>
    summary.contracts.flatMap((c) => {
      const reason = row.byContract[c]?.nothingToCheck;
      return reason === undefined ? [] : [`${row.chart} · ${row.cell} · ${c}: ${reason}`];
    }),
  );
}

/** Heading of the nondeterministic-paths section, the same words in every format. */
export const NONDETERMINISTIC_TITLE = 'Nondeterministic paths (excluded from helm-parity and diffs)';

/** One nondeterministic path as one line: `chart · cell · Kind/ns/name · path` (a path, never a value). */
export function formatNondeterministic(n: NondeterministicFinding): string {
  return `${n.chart} · ${n.cell} · ${formatRef(n.resource)} · ${n.path}`;
}

/** Heading of every format when the meta names none. */
export const DEFAULT_TITLE = 'helm-contract-tests';

/** True when every contract holds and every subject rendered: the check's exit 0. */
export function holds(summary: Summary): boolean {
  return summary.totals.violations === 0 && summary.failures.length === 0;
}

/** `1 violation`, `2 violations`: a count with its noun. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** One line verdict every format leads with. */
export function verdict(summary: Summary): string {
  if (holds(summary)) return 'all contracts hold';
  const v = summary.totals.violations;
  const f = summary.failures.length;
  const parts: string[] = [];
  if (v > 0) parts.push(count(v, 'violation'));
  if (f > 0) parts.push(count(f, 'render failure'));
  return parts.join(', ');
}

/** The totals sentence every format ends its matrix with (the terminal report's last line). */
export function totalsLine(summary: Summary): string {
  const t = summary.totals;
  return (
    (t.testFiles ? `${count(t.testFiles, 'test file')}, ` : '') +
    `${t.subjects} chart cells, ${t.checks} contract checks: ${t.passed} passed, ${t.failed} failed, ${t.notApplicable} not applicable` +
    `${t.nothingToCheck > 0 ? `, ${t.nothingToCheck} nothing to check` : ''}; ` +
    `${t.violations} violations, ${summary.failures.length} render failures`
  );
}

/** `root · renderers · duration · tools · time` line shared by markdown and HTML. */
export function metaParts(meta: ReportMeta): string[] {
  const parts: string[] = [];
  if (meta.root) parts.push(`charts root ${meta.root}`);
  if (meta.renderers?.length) parts.push(`renderers ${meta.renderers.join(' + ')}`);
  if (meta.durationSeconds !== undefined) parts.push(`${meta.durationSeconds.toFixed(1)}s`);
  if (meta.tools && Object.keys(meta.tools).length)
    parts.push(
      Object.entries(meta.tools)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    );
  if (meta.generatedAt) parts.push(meta.generatedAt);
  return parts;
}
