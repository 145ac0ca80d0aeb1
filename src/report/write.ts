// The report files of `npm run check -- --report DIR`, kubeconform style: one module per
// output format (an `OutputFormat`, src/report/format.ts), listed in ONE table below. Every
// format gets the summary already redacted (secret values replaced before any escaping, so
// an escaped secret cannot slip past the redactor and the `<redacted>` marker is itself
// escaped like any text).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Violation } from '../contracts/types.js';
import type { ResourceRef } from '../manifests/types.js';
import { formatWith, type FormatFamily } from './format.js';
import { html } from './html.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import type { ReportMeta } from './meta.js';
import type { Summary } from './summary.js';

/** The formats a check report is written in. */
export type CheckFormat = 'markdown' | 'html' | 'junit';

/** The check-report family: the only place that knows which formats exist. */
const CHECK_FORMATS: FormatFamily<Summary, CheckFormat> = { markdown, html, junit };

const REPORT_FORMATS = Object.keys(CHECK_FORMATS) as CheckFormat[];

/** File name of each format inside the report directory. */
export const REPORT_FILES = Object.fromEntries(REPORT_FORMATS.map((id) => [id, CHECK_FORMATS[id].file!])) as Record<CheckFormat, string>;

/** Render one format of a check report, redacted. */
export function formatReport(format: CheckFormat, summary: Summary, meta: ReportMeta = {}): string {
  const { summary: s, meta: m } = redacted(summary, meta);
  return formatWith(CHECK_FORMATS, format, s, m);
}

/** Write report.md, report.html and junit.xml into `dir` (created); returns the paths written. */
export async function writeReports(dir: string, summary: Summary, meta: ReportMeta = {}, formats: CheckFormat[] = REPORT_FORMATS): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const format of formats) {
    const file = path.join(dir, REPORT_FILES[format]);
    await writeFile(file, formatReport(format, summary, meta));
    written.push(file);
  }
  return written;
}

/** A copy of summary and meta with every string passed through the redactor. */
function redacted(summary: Summary, meta: ReportMeta): { summary: Summary; meta: ReportMeta } {
  const r = meta.redact;
  if (!r) return { summary, meta };
  const ref = (x: ResourceRef): ResourceRef => {
    const out: ResourceRef = { kind: r(x.kind), name: r(x.name) };
    if (x.namespace !== undefined) out.namespace = r(x.namespace);
    return out;
  };
  const strip = (x: Violation): Violation => {
    const out: Violation = {
      ...x,
      chart: r(x.chart),
      cell: r(x.cell),
      renderer: r(x.renderer),
      path: r(x.path),
      expected: r(x.expected),
      actual: r(x.actual),
      message: r(x.message),
    };
    if (x.resource) out.resource = ref(x.resource);
    return out;
  };
  return {
    summary: {
      ...summary,
      rows: summary.rows.map((row) => ({
        ...row,
        chart: r(row.chart),
        cell: r(row.cell),
        byContract: Object.fromEntries(
          Object.entries(row.byContract).map(([id, cell]) => [id, cell && { applies: cell.applies, violations: cell.violations.map(strip) }]),
        ),
      })),
      failures: summary.failures.map((f) => ({ ...f, chart: r(f.chart), cell: r(f.cell), message: r(f.message) })),
      notes: summary.notes.map((n) => ({ chart: r(n.chart), note: r(n.note) })),
      // Paths name keys, not values, but a key can still spell a kit secret variable.
      nondeterministic: summary.nondeterministic.map((n) => ({ chart: r(n.chart), cell: r(n.cell), resource: ref(n.resource), path: r(n.path) })),
    },
    meta: {
      ...meta,
      title: meta.title && r(meta.title),
      root: meta.root && r(meta.root),
    },
  };
}
