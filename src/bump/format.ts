// The bump-report family: text (terminal), json (machines), markdown (PR comment /
// $GITHUB_STEP_SUMMARY). Each format lives in its own file behind the report layer's
// `OutputFormat`, like the check reports'; this table is the only place that lists them.
import { formatWith, type FormatFamily } from '../report/format.js';
import { json } from './format-json.js';
import { markdown } from './format-markdown.js';
import { text } from './format-text.js';
import type { BumpFormat, BumpReport } from './types.js';

const BUMP_FORMATS: FormatFamily<BumpReport, BumpFormat> = { text, json, markdown };

/** Render one format of a bump report (already redacted by verifyBump). */
export function formatBumpReport(format: BumpFormat, report: BumpReport): string {
  return formatWith(BUMP_FORMATS, format, report);
}
