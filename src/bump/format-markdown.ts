// Markdown for a PR comment or $GITHUB_STEP_SUMMARY: a verdict, the chart table, the
// findings, and each diff in a ```diff fence inside <details>. Diffs are capped so a
// comment stays under GitHub's 65536-character limit.
import { formatViolation } from '../contracts/violation.js';
import { baseLabel, cellsLabel, counts, groupDiffs, headLabel, pinText, reasonText, resultLine, versionText } from './present.js';
import type { OutputFormat } from '../report/format.js';
import type { BumpReport } from './types.js';

/** Diff text budget for the whole report (characters). */
const MARKDOWN_DIFF_BUDGET = 50_000;

function code(s: string): string {
  const ticks = (s.match(/`+/g) ?? []).reduce((n, t) => Math.max(n, t.length), 0);
  const fence = '`'.repeat(ticks + 1);
  return ticks ? `${fence} ${s} ${fence}` : `${fence}${s}${fence}`;
}

function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function fenced(lang: string, body: string): string {
  const ticks = (body.match(/`{3,}/g) ?? []).reduce((n, t) => Math.max(n, t.length), 2);
  const fence = '`'.repeat(ticks + 1);
  return `${fence}${lang}\n${body.replace(/\n$/, '')}\n${fence}`;
}

function bumpMarkdown(r: BumpReport): string {
  const out: string[] = [];
  out.push(`## ${r.exitCode === 0 ? '✅' : '❌'} verify-bump: ${resultLine(r)}`, '');
  out.push(`base ${code(baseLabel(r))} → head ${code(headLabel(r))} · charts root ${code(r.root)}${r.strict ? ' · strict' : ''}`, '');
  if (r.charts.length === 0) out.push('No chart changed.', '');
  else {
    out.push('| chart | path | version | kit pin | why |', '|---|---|---|---|---|');
    for (const c of r.charts) out.push(`| ${code(c.id)} | ${code(c.path)} | ${cell(versionText(c))} | ${cell(pinText(c))} | ${cell(reasonText(c))} |`);
    out.push('');
  }

  if (r.violations.length > 0) {
    out.push(`### Bump rules: ${r.violations.length} violation${r.violations.length === 1 ? '' : 's'}`, '');
    for (const v of r.violations) out.push(`- ${code(v.rule)} ${html(v.message)}`);
    out.push('');
  } else if (r.charts.length > 0) out.push('**Bump rules:** ok', '');

  if (r.contracts) {
    const t = r.contracts.totals;
    out.push(
      `**Contracts on head:** ${t.checks} checks over ${t.subjects} chart cells: ${t.passed} passed, ${t.failed} failed, ${t.notApplicable} not applicable; ${t.violations} violations, ${r.contracts.failures.length} render failures`,
      '',
    );
    for (const v of r.contractViolations) out.push(`- ${html(formatViolation(v))}`);
    for (const f of r.contracts.failures) out.push(`- render failure: ${html(`${f.chart} · ${f.cell} · ${f.renderer}: ${f.message.split('\n')[0]}`)}`);
    if (r.contractViolations.length || r.contracts.failures.length) out.push('');
  }

  if (r.notes.length > 0) {
    out.push('<details><summary>Notes</summary>', '');
    for (const n of r.notes) out.push(`- ${html(n)}`);
    out.push('', '</details>', '');
  }

  const rendered = r.charts.filter((c) => c.diffs.length > 0);
  if (rendered.length > 0) {
    out.push(`### Rendered diff (${r.diffRenderer})`, '', '_`helm.sh/chart` labels and `checksum/*` annotations stripped; Secret values redacted._', '');
    let budget = MARKDOWN_DIFF_BUDGET;
    let skipped = 0;
    for (const c of rendered) {
      const { groups, unchanged, failed } = groupDiffs(c.diffs);
      for (const g of groups) {
        const summary = `${html(c.id)} ${html(versionText(c))} · ${html(cellsLabel(g.cells, c.diffs, g.diff.renderer, 3))} (${counts(g.diff)})`;
        if (g.diff.patch.length > budget) {
          skipped++;
          out.push(`- ${summary}: diff not shown (over the comment size budget; run \`npm run verify-bump\` locally)`);
          continue;
        }
        budget -= g.diff.patch.length;
        out.push(`<details><summary>${summary}</summary>`, '', fenced('diff', g.diff.patch), '', '</details>', '');
      }
      for (const f of failed)
        out.push(`- ${html(c.id)} · ${html(f.cell)}: ${f.status === 'base-failed' ? 'base' : 'head'} render failed: ${html((f.error ?? '').split('\n')[0])}`);
      if (unchanged.length) out.push(`- ${html(c.id)} unchanged in: ${html(unchanged.join(', '))}`);
      out.push('');
    }
    if (skipped) out.push(`_${skipped} diff${skipped === 1 ? '' : 's'} left out to stay under GitHub's comment size limit._`, '');
  }
  return out.join('\n') + '\n';
}

export const markdown: OutputFormat<BumpReport> = { id: 'markdown', format: bumpMarkdown };
