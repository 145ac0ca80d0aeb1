// Small pieces every human-readable format shares: how a chart's versions, pins and
// change reasons read, and which cells share the same diff.
import type { CellDiff, ChartReport, BumpReport } from './types.js';
import { hunksOf } from './manifest-diff.js';

export function versionText(c: ChartReport): string {
  const base = c.base.exists ? (c.base.version ?? '?') : 'new';
  const head = c.head.exists ? (c.head.version ?? '?') : 'removed';
  return base === head ? head : `${base} -> ${head}`;
}

export function pinText(c: ChartReport): string {
  const pins = c.head.pins.map((p) => p.version);
  const basePins = c.base.pins.map((p) => p.version);
  const head = pins.length ? [...new Set(pins)].join(', ') : 'none';
  const base = basePins.length ? [...new Set(basePins)].join(', ') : 'none';
  return base === head ? head : `${base} -> ${head}`;
}

export function reasonText(c: ChartReport): string {
  const files = c.files.length ? ` (${c.files.length} file${c.files.length === 1 ? '' : 's'})` : '';
  return `${c.reasons.join(', ')}${files}`;
}

/** Cells whose diffs add and remove the same lines, grouped (the first cell's diff is shown for the group). */
export interface DiffGroup {
  cells: string[];
  diff: CellDiff;
}

export function groupDiffs(diffs: CellDiff[]): { groups: DiffGroup[]; unchanged: string[]; failed: CellDiff[] } {
  const groups: DiffGroup[] = [];
  const unchanged: string[] = [];
  const failed: CellDiff[] = [];
  const byKey = new Map<string, DiffGroup>();
  for (const d of diffs) {
    if (d.status === 'unchanged') unchanged.push(d.cell);
    else if (d.status === 'base-failed' || d.status === 'head-failed') failed.push(d);
    else {
      // Same change = same added/removed lines; context and line numbers may differ.
      const changes = hunksOf(d.patch)
        .split('\n')
        .filter((l) => l.startsWith('+') || l.startsWith('-'))
        .join('\n');
      const key = `${d.renderer}\0${d.status}\0${changes}`;
      const g = byKey.get(key);
      if (g) g.cells.push(d.cell);
      else {
        const group = { cells: [d.cell], diff: d };
        byKey.set(key, group);
        groups.push(group);
      }
    }
  }
  return { groups, unchanged, failed };
}

/** `all 15 cells` when a group covers every cell of its renderer, else the cell names (at most `max`). */
export function cellsLabel(cells: string[], diffs: CellDiff[], renderer: string, max = Infinity): string {
  const total = diffs.filter((d) => d.renderer === renderer).length;
  if (cells.length > 1 && cells.length === total) return `all ${total} cells`;
  const word = cells.length === 1 ? 'cell' : 'cells';
  if (cells.length <= max) return `${word} ${cells.join(', ')}`;
  return `${word} ${cells.slice(0, max).join(', ')}, … (+${cells.length - max} more)`;
}

export function headLabel(r: Pick<BumpReport, 'head'>): string {
  return r.head.workingTree ? 'working tree' : `${r.head.ref} (${(r.head.sha ?? '').slice(0, 12)})`;
}

export function baseLabel(r: Pick<BumpReport, 'base'>): string {
  return `${r.base.ref} (${r.base.sha.slice(0, 12)})`;
}

export function counts(d: { added: number; removed: number }): string {
  return `+${d.added} -${d.removed}`;
}

export function resultLine(r: BumpReport): string {
  const failures = r.contracts?.failures.length ?? 0;
  const headFailed = r.charts.reduce((n, c) => n + c.diffs.filter((d) => d.status === 'head-failed').length, 0);
  const parts = [
    `${r.violations.length} bump violation${r.violations.length === 1 ? '' : 's'}`,
    `${r.contractViolations.length} contract violation${r.contractViolations.length === 1 ? '' : 's'}`,
    `${failures + headFailed} head render failure${failures + headFailed === 1 ? '' : 's'}`,
  ];
  return `${r.exitCode === 0 ? 'ok' : 'FAILED'}: ${parts.join(', ')} (${(r.durationMs / 1000).toFixed(1)}s)`;
}
