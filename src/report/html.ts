// HTML report (report.html): ONE self-contained file — inline CSS, no scripts, no
// external assets — so it can be attached to a CI run and opened anywhere. Every text
// goes through `esc`; the markup is XHTML-shaped (void elements self-closed) so specs
// can check it is well formed with the same tiny checker as junit.xml.
import { formatRef } from '../manifests/types.js';
import type { ContractId } from '../contracts/types.js';
import type { NondeterministicFinding, RenderFailure } from '../suite/check.js';
import {
  count,
  DEFAULT_TITLE,
  holds,
  metaParts,
  NONDETERMINISTIC_TITLE,
  totalsLine,
  verdict,
  type Summary,
  type SummaryCell,
  type SummaryRow,
} from './summary.js';
import type { OutputFormat } from './format.js';
import type { ReportMeta } from './meta.js';

/** Escape text and attribute values (quotes included). */
function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Escaped, with line-break opportunities after `.` and `/` and before `[`, for long field paths. */
function escPath(s: string): string {
  return esc(s)
    .replace(/([./])(?=.)/g, '$1<wbr />')
    .replace(/(?<=.)\[/g, '<wbr />[');
}

const CSS = `
:root { --ok: #1a7f37; --ok-bg: #dafbe1; --bad: #b42318; --bad-bg: #ffebe9; --na: #6e7781; --na-bg: #f3f4f6; --line: #d0d7de; --ink: #1f2328; --muted: #57606a; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
h2 { font-size: 17px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 14px; margin: 20px 0 6px; }
.badge { font-size: 13px; font-weight: 600; padding: 3px 10px; border-radius: 999px; }
.badge.ok { color: var(--ok); background: var(--ok-bg); }
.badge.bad { color: var(--bad); background: var(--bad-bg); }
.meta { color: var(--muted); margin: 0 0 16px; word-break: break-all; }
.totals { display: flex; gap: 10px; flex-wrap: wrap; margin: 12px 0 4px; padding: 0; list-style: none; }
.totals li { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; min-width: 96px; }
.totals b { display: block; font-size: 20px; }
.totals .bad b { color: var(--bad); }
.totals .ok b { color: var(--ok); }
table { border-collapse: collapse; margin: 6px 0 8px; }
th, td { border: 1px solid var(--line); padding: 5px 9px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
table.matrix td.mark { text-align: center; font-weight: 600; min-width: 84px; white-space: nowrap; }
table.matrix th.contract { text-align: center; font-size: 12.5px; }
td.ok { color: var(--ok); background: var(--ok-bg); }
td.bad { background: var(--bad-bg); }
td.bad a { color: var(--bad); text-decoration: none; display: block; }
td.bad a:hover { text-decoration: underline; }
td.na { color: var(--na); background: var(--na-bg); font-weight: 400; }
td.chart { font-weight: 600; }
.legend { color: var(--muted); font-size: 12.5px; }
table.violations { width: 100%; table-layout: fixed; }
table.violations col.renderer { width: 9%; }
table.violations col.resource { width: 18%; }
table.violations col.path { width: 20%; }
table.violations col.expected, table.violations col.actual { width: 15%; }
table.violations td { word-break: break-word; overflow-wrap: anywhere; }
code, pre { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
td code { background: #f6f8fa; padding: 1px 4px; border-radius: 4px; }
td.expected code { color: var(--ok); }
td.actual code { color: var(--bad); }
pre { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
dl.contracts dt { font-weight: 600; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; margin-top: 6px; }
dl.contracts dd { margin: 0 0 0 20px; color: var(--muted); }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; }
`;

function markCell(cell: SummaryCell | undefined, anchors: Map<SummaryCell, string>): string {
  if (!cell || !cell.applies) return '<td class="mark na" title="not applicable">–</td>';
  if (cell.nothingToCheck !== undefined) return `<td class="mark na" title="${esc(`nothing to check: ${cell.nothingToCheck}`)}">nothing</td>`;
  if (cell.violations.length === 0) return '<td class="mark ok">✓ ok</td>';
  return `<td class="mark bad"><a href="#${anchors.get(cell)}">✗ ${count(cell.violations.length, 'violation')}</a></td>`;
}

interface Group {
  id: string;
  chart: string;
  cell: string;
  contract: ContractId;
  /** The matrix cell that links here: its violations are the group's. */
  matrixCell: SummaryCell;
}

/** Violations grouped by chart × cell × contract, in matrix order, each with an anchor id. */
function groups(summary: Summary): Group[] {
  const out: Group[] = [];
  for (const row of summary.rows) {
    for (const c of summary.contracts) {
      const cell = row.byContract[c];
      if (cell?.violations.length) out.push({ id: `v${out.length + 1}`, chart: row.chart, cell: row.cell, contract: c, matrixCell: cell });
    }
  }
  return out;
}

function matrix(summary: Summary, anchors: Map<SummaryCell, string>, meta: ReportMeta): string {
  const head = summary.contracts.map((c) => `<th class="contract"${meta.contracts?.[c] ? ` title="${esc(meta.contracts[c]!)}"` : ''}>${esc(c)}</th>`).join('');
  const body: string[] = [];
  // The chart name spans its run of adjacent rows (a chart's cells are adjacent in the summary).
  let previous: string | undefined;
  for (const r of summary.rows) {
    const first = r.chart !== previous;
    previous = r.chart;
    const chartCell = first ? `<td class="chart" rowspan="${countRun(summary.rows, r)}">${esc(r.chart)}</td>` : '';
    const marks = summary.contracts.map((c) => markCell(r.byContract[c], anchors)).join('');
    body.push(`<tr>${chartCell}<td class="cell"><code>${esc(r.cell)}</code></td>${marks}</tr>`);
  }
  return `<table class="matrix"><thead><tr><th>chart</th><th>cell</th>${head}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table>`;
}

/** Length of the run of adjacent rows of the same chart starting at `start`. */
function countRun(rows: SummaryRow[], start: SummaryRow): number {
  let n = 0;
  for (let i = rows.indexOf(start); i < rows.length && rows[i].chart === start.chart; i++) n++;
  return n;
}

function violationTable(g: Group): string {
  const { violations } = g.matrixCell;
  const rows = violations.map(
    (v) =>
      `<tr><td>${esc(v.renderer)}</td><td>${v.resource ? `<code>${escPath(formatRef(v.resource))}</code>` : '—'}</td>` +
      `<td><code>${escPath(v.path)}</code></td><td class="expected"><code>${esc(v.expected)}</code></td>` +
      `<td class="actual"><code>${esc(v.actual)}</code></td><td>${esc(v.message)}</td></tr>`,
  );
  return (
    `<h3 id="${g.id}">${esc(g.contract)} · chart ${esc(g.chart)} · cell <code>${esc(g.cell)}</code> (${violations.length})</h3>\n` +
    `<table class="violations"><colgroup><col class="renderer" /><col class="resource" /><col class="path" /><col class="expected" /><col class="actual" /><col class="message" /></colgroup>` +
    `<thead><tr><th>renderer</th><th>resource</th><th>path</th><th>expected</th><th>actual</th><th>message</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`
  );
}

/** Where each nondeterministic path is (chart, cell, resource, path); the values are never shown. */
function nondeterministicTable(list: NondeterministicFinding[]): string {
  const rows = list.map(
    (n) =>
      `<tr><td>${esc(n.chart)}</td><td><code>${esc(n.cell)}</code></td>` +
      `<td><code>${escPath(formatRef(n.resource))}</code></td><td><code>${escPath(n.path)}</code></td></tr>`,
  );
  return `<table class="nondeterministic"><thead><tr><th>chart</th><th>cell</th><th>resource</th><th>path</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function failureBlock(f: RenderFailure): string {
  return `<h3>${esc(f.chart)} · cell <code>${esc(f.cell)}</code> · ${esc(f.renderer)}</h3>\n<pre>${esc(f.message)}</pre>`;
}

function formatHtml(summary: Summary, meta: ReportMeta = {}): string {
  const title = meta.title ?? DEFAULT_TITLE;
  const ok = holds(summary);
  const gs = groups(summary);
  const anchors = new Map(gs.map((g) => [g.matrixCell, g.id]));
  const t = summary.totals;
  const card = (n: number, label: string, cls = '') => `<li${cls ? ` class="${cls}"` : ''}><b>${n}</b>${esc(label)}</li>`;
  const parts = metaParts(meta);
  const legend = summary.contracts.filter((c) => meta.contracts?.[c]);

  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    `<title>${esc(title)}: ${esc(verdict(summary))}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${esc(title)} <span class="badge ${ok ? 'ok' : 'bad'}">${ok ? '✓' : '✗'} ${esc(verdict(summary))}</span></h1>`,
  ];
  if (parts.length) out.push(`<p class="meta">${parts.map(esc).join(' · ')}</p>`);
  out.push(
    '<ul class="totals">',
    card(t.subjects, 'chart cells'),
    card(t.checks, 'contract checks'),
    card(t.passed, 'passed', 'ok'),
    card(t.failed, 'failed', t.failed ? 'bad' : ''),
    card(t.notApplicable, 'not applicable'),
    card(t.violations, 'violations', t.violations ? 'bad' : ''),
    card(summary.failures.length, 'render failures', summary.failures.length ? 'bad' : ''),
    '</ul>',
    '<h2>Matrix</h2>',
    matrix(summary, anchors, meta),
    `<p class="legend">✓ ok: the contract holds · ✗ n: n violations (click for details) · –: not applicable. ${esc(totalsLine(summary))}</p>`,
  );
  if (gs.length) {
    out.push(`<h2>Violations (${t.violations})</h2>`);
    for (const g of gs) out.push(violationTable(g));
  }
  if (summary.failures.length) {
    out.push(`<h2>Render failures (${summary.failures.length})</h2>`);
    for (const f of summary.failures) out.push(failureBlock(f));
  }
  if (summary.notes.length) {
    out.push(
      `<h2>Notes (${summary.notes.length})</h2>`,
      '<ul class="notes">',
      ...summary.notes.map((n) => `<li><b>${esc(n.chart)}</b>: ${esc(n.note)}</li>`),
      '</ul>',
    );
  }
  if (summary.nondeterministic.length) {
    out.push(`<h2>${esc(NONDETERMINISTIC_TITLE)} (${summary.nondeterministic.length})</h2>`, nondeterministicTable(summary.nondeterministic));
  }
  if (legend.length) {
    out.push('<h2>Contracts</h2>', '<dl class="contracts">');
    for (const c of legend) out.push(`<dt>${esc(c)}</dt><dd>${esc(meta.contracts![c]!)}</dd>`);
    out.push('</dl>');
  }
  out.push(`<footer>Generated by helm-contract-tests (npm run check -- --report DIR).</footer>`, '</body>', '</html>', '');
  return out.join('\n');
}

export const html: OutputFormat<Summary> = { id: 'html', file: 'report.html', format: formatHtml };
