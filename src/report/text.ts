// Terminal report: the matrix, then every violation on one line, then render failures,
// then the nondeterministic paths (where they are, never their values).
import { formatViolation } from '../contracts/violation.js';
import {
  allViolations,
  cellMark,
  formatNondeterministic,
  NONDETERMINISTIC_TITLE,
  NOTHING_TITLE,
  nothingToCheckLines,
  totalsLine,
  type Summary,
} from './summary.js';
import { formatTable } from './table.js';

export function formatText(summary: Summary): string {
  const header = ['chart', 'cell', ...summary.contracts];
  const rows = summary.rows.map((r) => [r.chart, r.cell, ...summary.contracts.map((c) => cellMark(r.byContract[c]))]);
  const out = [formatTable(header, rows), ''];
  const violations = allViolations(summary);
  if (violations.length) out.push(`violations (${violations.length}):`, ...violations.map((v) => `  ${formatViolation(v)}`), '');
  if (summary.failures.length) {
    // One failed render breaks every subject that needs it: print each message once.
    const byMessage = new Map<string, string[]>();
    for (const f of summary.failures) byMessage.set(f.message, [...(byMessage.get(f.message) ?? []), `${f.chart} · ${f.cell} · ${f.renderer}`]);
    out.push(`render failures (${summary.failures.length} subjects, ${byMessage.size} distinct):`);
    for (const [message, subjects] of byMessage) {
      out.push(`  ${subjects.join(', ')}:`, ...message.split('\n').map((l) => `    ${l}`));
    }
    out.push('');
  }
  const nothing = nothingToCheckLines(summary);
  if (nothing.length) out.push(`${NOTHING_TITLE} (${nothing.length}):`, ...nothing.map((l) => `  ${l}`), '');
  if (summary.notes.length) out.push(`notes (${summary.notes.length}):`, ...summary.notes.map((n) => `  ${n.chart}: ${n.note}`), '');
  if (summary.nondeterministic.length) {
    out.push(`${NONDETERMINISTIC_TITLE} (${summary.nondeterministic.length}):`, ...summary.nondeterministic.map((n) => `  ${formatNondeterministic(n)}`), '');
  }
  out.push(totalsLine(summary));
  return out.join('\n');
}
