// Comparing and showing values the way helm-unittest does: YAML types are strict
// (1 ≠ 1.0 ≠ "1"), map key order does not matter, strings read from documents are
// "uniformed" (trailing spaces before line breaks dropped, leading newlines stripped).
import { isDeepStrictEqual } from 'node:util';
export { show } from '../contracts/violation.js';

export const NO_MANIFEST = 'no manifest found';

export function deepEqual(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(a, b);
}

export function uniform(s: string): string {
  return s
    .replace(/ +(\r?\n)/g, '\n')
    .replace(/\r\n/g, '\n')
    .replace(/^\n+/, '');
}

/** helm-unittest's Go type names (isType). */
export function goType(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** Empty as helm-unittest counts it: null, "", 0, false, [] and {}. */
export function isEmptyValue(v: unknown): boolean {
  if (v === null || v === undefined || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

export function isMapValue(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Shallow subset (helm-unittest `isSubset`, `contains any`): each top-level key deep-equal. */
export function isShallowSubset(whole: Record<string, unknown>, part: Record<string, unknown>): boolean {
  return Object.entries(part).every(([k, v]) => k in whole && deepEqual(whole[k], v));
}
