// Secret values never reach a message, a diff, a terminal, a file or a PR comment. The one
// home of every redaction rule: Secret fields redacted by path, the values of Secrets and
// of the suite's secret variables scrubbed from any text, and the one minimum length.
import type { Manifest } from './types.js';
import { isMap } from './yaml.js';

export const REDACTED = '<redacted>';

/**
 * A value shorter than this is never treated as a secret, whatever its source (a Secret's
 * data, a kit secret variable): it is too likely an ordinary word ("true", "false", "1234")
 * and would blank out text that is not secret. Secret fields are still redacted by path.
 */
const MIN_SECRET_LENGTH = 6;

/** Shortest secret prefix hidden when a message cuts a value off with `…`. */
const MIN_PREFIX = 4;

/** Text → text with every secret replaced by `<redacted>`. */
export type Redactor = (text: string) => string;

function decodeBase64(s: string): string | undefined {
  const compact = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return undefined;
  const decoded = Buffer.from(compact, 'base64').toString('utf8');
  return decoded.includes('\uFFFD') ? undefined : decoded;
}

/** True for a path inside a Secret's `data` / `stringData` (e.g. `data.token`). */
export function isSecretDataPath(m: Pick<Manifest, 'kind'>, path: string): boolean {
  return m.kind === 'Secret' && /^(data|stringData)(\.|\[|$)/.test(path);
}

/** Secret `data` / `stringData` of `obj` (a copy of `m`'s object): keys kept, every value replaced by `<redacted>`. */
export function redactSecretData(m: Pick<Manifest, 'kind'>, obj: Record<string, unknown>): void {
  if (m.kind !== 'Secret') return;
  for (const field of ['data', 'stringData']) {
    const map = obj[field];
    if (!isMap(map)) continue;
    obj[field] = Object.fromEntries(Object.keys(map).map((k) => [k, REDACTED]));
  }
}

/**
 * Every form a secret can take in text we print: raw; JSON-escaped (a value shown in a
 * message or a JSON report: `"` → `\"`, newline → `\n`); YAML single-quoted (`'` → `''`, a
 * diff of rendered YAML); base64 (a Secret's `data`); and, for a multi-line value such as
 * a PEM key, each of its lines in those forms, since a diff or a block scalar shows it line by line.
 */
export function encodingsOf(value: string): string[] {
  const out = new Set<string>();
  const add = (s: string) => {
    if (s.length >= MIN_SECRET_LENGTH) out.add(s);
  };
  const json = (s: string) => JSON.stringify(s).slice(1, -1);
  const quoted = (s: string) => {
    add(s);
    add(json(s));
    add(json(json(s))); // a message that quotes a value, itself written as JSON (check --format json)
    add(s.replace(/'/g, "''"));
  };
  quoted(value);
  add(Buffer.from(value, 'utf8').toString('base64'));
  if (/[\r\n]/.test(value)) for (const line of value.split(/\r?\n/)) quoted(line.trim());
  return [...out];
}

/**
 * Every Secret value among the manifests: raw, base64-decoded (`data`) and base64-encoded
 * (`stringData` lands encoded in `data`, a diff may show it that way). Longest first.
 * scrub hides each in every encoding (encodingsOf).
 */
export function secretValues(manifests: Iterable<Manifest>): string[] {
  const values = new Set<string>();
  const add = (s: string) => {
    if (s.length >= MIN_SECRET_LENGTH) values.add(s);
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

/**
 * Replace each value by `<redacted>`, longest first so a secret containing another is
 * hidden whole. Messages shorten long values (`abc…`): a secret cut off that way is
 * hidden too, or its first characters would leak.
 */
export function scrub(text: string, secrets: readonly string[]): string {
  const values = formsOf(secrets);
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

const forms = new WeakMap<readonly string[], string[]>();

/** The secrets in every encoding, longest first (kept per list: scrub runs once per string). */
function formsOf(secrets: readonly string[]): string[] {
  let out = forms.get(secrets);
  if (!out) {
    out = [...new Set(secrets.flatMap(encodingsOf))].sort((a, b) => b.length - a.length);
    forms.set(secrets, out);
  }
  return out;
}

/** A redactor for the given secrets (those shorter than MIN_SECRET_LENGTH are not secrets). */
export function makeRedactor(secrets: readonly string[]): Redactor {
  const values = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
  if (values.length === 0) return (t) => t;
  return (text) => scrub(text, values);
}

/** Every string of a JSON-like value passed through `redact`. */
export function redactDeep<T>(value: T, redact: Redactor): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
