// Machine-readable report: the BumpReport as it is (already redacted by verifyBump).
import type { BumpReport } from './types.js';

export function formatJson(report: BumpReport): string {
  return JSON.stringify(report, null, 2);
}
