// The one place a report format is chosen: text (terminal), json (machines),
// markdown (PR comment / $GITHUB_STEP_SUMMARY). Each format lives in its own file.
import { formatJson } from './format-json.js';
import { formatMarkdown } from './format-markdown.js';
import { formatText } from './format-text.js';
import type { BumpReport, ReportFormat } from './types.js';

export function formatReport(report: BumpReport, format: ReportFormat): string {
  switch (format) {
    case 'text':
      return formatText(report);
    case 'json':
      return formatJson(report);
    case 'markdown':
      return formatMarkdown(report);
  }
}
