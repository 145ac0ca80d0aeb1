// Markdown report (report.md; also fit for a PR comment or $GITHUB_STEP_SUMMARY):
// the chart × cell × contract matrix, every violation in a table, render failures, and the
// nondeterministic paths (paths only, never values).
// Field values go in code spans (shown verbatim, `<script>` included); prose is escaped.
import { formatRef } from '../manifests/types.js';
import type { Violation } from '../contracts/types.js';
import {
  allViolations,
  cellMark,
  DEFAULT_TITLE,
  holds,
  metaParts,
  NONDETERMINISTIC_TITLE,
  NOTHING_TITLE,
  nothingToCheckLines,
  totalsLine,
  verdict,
  type Summary,
} from './summary.js';
import type { OutputFormat } from './format.js';
import type { ReportMeta } from './meta.js';

/** Escape prose for a markdown table cell: no HTML, no emphasis/links, no column breaks. */
export function mdText(s: string): string {
  return oneLine(s)
    .replace(/[\\`*[\]|]/g, (c) => `\\${c}`)
    .replace(/(^|[^A-Za-z0-9])_|_(?=[^A-Za-z0-9]|$)/g, (m) => m.replace('_', '\\_'))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A code span holding `s` verbatim (fence longer than any backtick run; pipes escaped for tables). */
export function mdCode(s: string): string {
  const text = oneLine(s);
  if (text === '') return '` `';
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${text.replace(/\|/g, '\\|')}${pad}${fence}`;
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ');
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Matrix row for one chart × cell, e.g. `| bp-newapi | default | ok | ✗ 2 | - |`. */
function matrixRow(summary: Summary, r: Summary['rows'][number]): string {
  return row([mdText(r.chart), mdText(r.cell), ...summary.contracts.map((c) => cellMark(r.byContract[c]))]);
}

/** Violation row: contract, chart, cell, renderer, resource, path, expected, actual, message. */
function violationRow(v: Violation): string {
  return row([
    mdText(v.contract),
    mdText(v.chart),
    mdText(v.cell),
    mdText(v.renderer),
    v.resource ? mdCode(formatRef(v.resource)) : '—',
    mdCode(v.path),
    mdCode(v.expected),
    mdCode(v.actual),
    mdText(v.message),
  ]);
}

function fenced(text: string): string {
  const longest = Math.max(2, ...(text.match(/~+/g) ?? []).map((r) => r.length));
  const fence = '~'.repeat(longest + 1);
  return `${fence}\n${text}\n${fence}`;
}

function formatMarkdown(summary: Summary, meta: ReportMeta = {}): string {
  const out: string[] = [`## ${mdText(meta.title ?? DEFAULT_TITLE)}: ${holds(summary) ? '✅' : '❌'} ${verdict(summary)}`, ''];
  const parts = metaParts(meta);
  if (parts.length) out.push(parts.map(mdText).join(' · '), '');

  out.push(row(['chart', 'cell', ...summary.contracts.map(mdText)]), row(['---', '---', ...summary.contracts.map(() => ':---:')]));
  for (const r of summary.rows) out.push(matrixRow(summary, r));
  out.push('', `\`ok\` contract holds · \`✗ n\` n violations · \`-\` not applicable`, '', totalsLine(summary), '');

  const violations = allViolations(summary);
  if (violations.length) {
    out.push(`### Violations (${violations.length})`, '');
    out.push(row(['contract', 'chart', 'cell', 'renderer', 'resource', 'path', 'expected', 'actual', 'message']));
    out.push(row(Array.from({ length: 9 }, () => '---')));
    for (const v of violations) out.push(violationRow(v));
    out.push('');
  }
  if (summary.failures.length) {
    out.push(`### Render failures (${summary.failures.length})`, '');
    for (const f of summary.failures) out.push(`**${mdText(f.chart)} · ${mdText(f.cell)} · ${mdText(f.renderer)}**`, '', fenced(f.message), '');
  }
  const nothing = nothingToCheckLines(summary);
  if (nothing.length) out.push(`### ${mdText(NOTHING_TITLE)} (${nothing.length})`, '', ...nothing.map((l) => `- ${mdText(l)}`), '');
  if (summary.notes.length) {
    out.push(`### Notes (${summary.notes.length})`, '', ...summary.notes.map((n) => `- **${mdText(n.chart)}**: ${mdText(n.note)}`), '');
  }
  if (summary.nondeterministic.length) {
    out.push(`### ${mdText(NONDETERMINISTIC_TITLE)} (${summary.nondeterministic.length})`, '');
    out.push(row(['chart', 'cell', 'resource', 'path']), row(['---', '---', '---', '---']));
    for (const n of summary.nondeterministic) out.push(row([mdText(n.chart), mdText(n.cell), mdCode(formatRef(n.resource)), mdCode(n.path)]));
    out.push('');
  }
  const legend = summary.contracts.filter((c) => meta.contracts?.[c]);
  if (legend.length) {
    out.push('### Contracts', '');
    for (const c of legend) out.push(`- **${mdText(c)}**: ${mdText(meta.contracts![c]!)}`);
    out.push('');
  }
  return out.join('\n');
}

export const markdown: OutputFormat<Summary> = { id: 'markdown', file: 'report.md', format: formatMarkdown };
