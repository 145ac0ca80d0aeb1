// Secret values never reach a message, a diff or a report. Every layer that prints
// rendered content scrubs it with the values collected here (one rule, one place).
import type { Manifest } from './types.js';

export const REDACTED = '<redacted>';

/** Values shorter than this are not scrubbed: too likely to be ordinary words ("true", "1"). */
const MIN_SECRET_LENGTH = 6;

function decodeBase64(s: string): string | undefined {
  const compact = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return undefined;
  const decoded = Buffer.from(compact, 'base64').toString('utf8');
  return decoded.includes('\uFFFD') ? undefined : decoded;
}

/**
 * Every Secret value among the manifests: raw, base64-decoded (`data`) and base64-encoded
 * (`stringData` lands encoded in `data`, a diff may show it that way). Longest first.
 */
export function secretValues(manifests: Iterable<Manifest>, minLength = MIN_SECRET_LENGTH): string[] {
  const values = new Set<string>();
  const add = (s: string) => {
    if (s.length >= minLength) values.add(s);
  };
  for (const m of manifests) {
    if (m.kind !== 'Secret') continue;
    for (const field of ['data', 'stringData'] as const) {
      const map = m.object[field];
      if (!map || typeof map !== 'object') continue;
      for (const raw of Object.values(map as Record<string, unknown>)) {
        if (raw === null || raw === undefined) continue;
        const s = typeof raw === 'string' ? raw : JSON.stringify(raw);
        add(s);
        const other = field === 'data' ? decodeBase64(s) : Buffer.from(s, 'utf8').toString('base64');
        if (other !== undefined) add(other);
      }
    }
  }
  return [...values].sort((a, b) => b.length - a.length);
}

/** Shortest secret prefix hidden when a message cuts a value off with `…`. */
const MIN_PREFIX = 4;

/**
 * Replace each value by `<redacted>`, longest first so a secret containing another is
 * hidden whole. Messages shorten long values (`abc…`): a secret cut off that way is
 * hidden too, or its first characters would leak.
 */
export function scrub(text: string, values: readonly string[]): string {
  let out = values.reduce((acc, v) => acc.split(v).join(REDACTED), text);
  if (!out.includes('…')) return out;
  for (const v of values) {
    for (let k = v.length - 1; k >= MIN_PREFIX; k--) {
      const cut = `${v.slice(0, k)}…`;
      if (out.includes(cut)) out = out.split(cut).join(`${REDACTED}…`);
    }
  }
  return out;
}
