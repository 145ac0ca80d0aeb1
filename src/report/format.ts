// One output format of a report, kubeconform style: each format is one file exporting an
// `OutputFormat`, and a family (check reports, bump reports) lists its formats in one table.
// Check reports and bump reports share this interface; only the report type differs.
import type { ReportMeta } from './meta.js';

export interface OutputFormat<R> {
  /** The name a user picks it by (`--format`, a report directory's format list). */
  readonly id: string;
  /** File name inside a report directory; absent for formats only printed. */
  readonly file?: string;
  /** The whole document for one report. */
  format(report: R, meta: ReportMeta): string;
}

/** The formats of one report type, by id. */
export type FormatFamily<R, Id extends string> = Record<Id, OutputFormat<R>>;

/** Render `report` in the format `id` of `family`. */
export function formatWith<R, Id extends string>(family: FormatFamily<R, Id>, id: Id, report: R, meta: ReportMeta = {}): string {
  return family[id].format(report, meta);
}
