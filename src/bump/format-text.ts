// Terminal report: which charts changed and how their versions and pins moved, the bump
// findings, the contract matrix of head, then the rendered diff per chart (cells with
// the same diff shown once).
import { formatText as formatSummary } from '../report/text.js';
import { formatTable } from '../report/table.js';
import { baseLabel, cellsLabel, counts, groupDiffs, headLabel, pinText, reasonText, resultLine, versionText } from './present.js';
import { changedItself } from './rules.js';
import type { OutputFormat } from '../report/format.js';
import type { BumpReport } from './types.js';

function bumpText(r: BumpReport): string {
  const out: string[] = [];
  const changed = r.charts.filter(changedItself);
  out.push(
    `verify-bump: base ${baseLabel(r)} -> head ${headLabel(r)}, charts root ${r.root}${r.strict ? ', strict' : ''}: ` +
      (changed.length === 0 ? 'no chart changed' : `${changed.length} chart${changed.length === 1 ? '' : 's'} changed`),
    '',
  );
  if (r.charts.length > 0) {
    out.push(
      formatTable(
        ['chart', 'path', 'version', 'kit pin', 'why'],
        r.charts.map((c) => [c.id, c.path, versionText(c), pinText(c), reasonText(c)]),
      ),
      '',
    );
  }

  if (r.violations.length === 0) out.push('bump rules: ok');
  else
    out.push(`bump rules: ${r.violations.length} violation${r.violations.length === 1 ? '' : 's'}`, ...r.violations.map((v) => `  [${v.rule}] ${v.message}`));
  out.push('');

  if (r.notes.length > 0) out.push('notes:', ...r.notes.map((n) => `  ${n}`), '');

  if (r.contracts) {
    out.push(`contracts on head (${[...new Set(r.contracts.rows.map((x) => x.chart))].join(', ')}):`, formatSummary(r.contracts), '');
  }

  const rendered = r.charts.filter((c) => c.diffs.length > 0);
  if (rendered.length > 0) {
    out.push(`rendered diff, base -> head (${r.diffRenderer}; helm.sh/chart labels and checksum/* annotations stripped, Secret values redacted):`);
    for (const c of rendered) {
      const { groups, unchanged, failed } = groupDiffs(c.diffs);
      const helmCells = c.diffs.filter((d) => d.renderer !== 'kustomize').length;
      out.push(
        '',
        `${c.id} ${versionText(c)}: ${helmCells} cell${helmCells === 1 ? '' : 's'}${c.diffs.length > helmCells ? ' + kustomize' : ''}, ${c.diffs.length - unchanged.length - failed.length} changed, ${unchanged.length} unchanged${failed.length ? `, ${failed.length} not rendered` : ''}`,
      );
      for (const g of groups) {
        const what = g.diff.status === 'added' ? 'only in head' : g.diff.status === 'removed' ? 'only in base' : 'changed';
        out.push(`${cellsLabel(g.cells, c.diffs, g.diff.renderer)} (${what}, ${counts(g.diff)}):`, g.diff.patch.replace(/\n$/, ''));
      }
      for (const f of failed) {
        out.push(`cell ${f.cell}: ${f.status === 'base-failed' ? 'base' : 'head'} render failed:`, ...(f.error ?? '').split('\n').map((l) => `  ${l}`));
      }
      if (unchanged.length) out.push(`unchanged: ${unchanged.join(', ')}`);
    }
    out.push('');
  }

  out.push(resultLine(r));
  return out.join('\n');
}

export const text: OutputFormat<BumpReport> = { id: 'text', format: bumpText };
