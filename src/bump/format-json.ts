// Machine-readable report: the BumpReport as it is (already redacted by verifyBump).
import type { OutputFormat } from '../report/format.js';
import type { BumpReport } from './types.js';

function bumpJson(report: BumpReport): string {
  return JSON.stringify(report, null, 2);
}

export const json: OutputFormat<BumpReport> = { id: 'json', format: bumpJson };
