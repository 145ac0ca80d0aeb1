// Terminal report: the matrix, then every violation on one line, then render failures.
import { formatViolation } from '../contracts/violation.js';
import { allViolations, cellMark, type Summary } from './summary.js';
import { formatTable } from './table.js';

export function formatText(summary: Summary): string {
  const header = ['chart', 'cell', ...summary.contracts];
  const rows = summary.rows.map((r) => [r.chart, r.cell, ...summary.contracts.map((c) => cellMark(r.byContract[c]))]);
  const out = [formatTable(header, rows), ''];
  const violations = allViolations(summary);
  if (violations.length) out.push(`violations (${violations.length}):`, ...violations.map((v) => `  ${formatViolation(v)}`), '');
  if (summary.failures.length) {
    out.push(`render failures (${summary.failures.length}):`);
    for (const f of summary.failures) out.push(`  ${f.chart} · ${f.cell} · ${f.renderer}:`, ...f.message.split('\n').map((l) => `    ${l}`));
    out.push('');
  }
  const t = summary.totals;
  out.push(
    `${t.subjects} chart cells, ${t.checks} contract checks: ${t.passed} passed, ${t.failed} failed, ${t.notApplicable} not applicable; ` +
      `${t.violations} violations, ${summary.failures.length} render failures`,
  );
  return out.join('\n');
}
