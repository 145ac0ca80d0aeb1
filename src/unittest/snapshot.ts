// helm-unittest snapshots: `<suite dir>/__snapshot__/<file>[_<snapshotId>].snap`, a YAML
// map test name → comparison index (from 1, per test) → the YAML text of the value.
// Entries are written only when the runner may write (never into charts under test from
// the specs: they run on temp copies); `update` rewrites every entry compared.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, stringify, type Pair, type Scalar } from 'yaml';
import { boundedValue, parseYamlDocument, readYamlText, yamlSyntaxError } from '../manifests/yaml.js';
import { isMapValue } from './values.js';

export interface SnapshotOptions {
  /** Write new entries (and, with `update`, changed ones) to the .snap file. */
  write: boolean;
  /** Every comparison passes and stores the new value (helm-unittest `-u`). */
  update: boolean;
}

export interface SnapshotCompare {
  ok: boolean;
  expected: string;
  actual: string;
  message: string;
}

export function snapshotFile(suiteFile: string, snapshotId?: string): string {
  const base = path.basename(suiteFile);
  return path.join(path.dirname(suiteFile), '__snapshot__', `${base}${snapshotId ? `_${snapshotId}` : ''}.snap`);
}

/** go-yaml v3's key order: digit runs compare as numbers, a non-letter sorts before a letter. */
export function goKeyOrder(a: string, b: string): number {
  const re = /\d+|\D/g;
  const ta = a.match(re) ?? [];
  const tb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
    const [x, y] = [ta[i], tb[i]];
    if (x === y) continue;
    const [dx, dy] = [/^\d/.test(x), /^\d/.test(y)];
    if (dx && dy) return Number(x) - Number(y) || x.length - y.length;
    const [lx, ly] = [/\p{L}/u.test(x), /\p{L}/u.test(y)];
    if (lx !== ly) return lx ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return ta.length - tb.length;
}

const sortEntries = (a: Pair, b: Pair) => goKeyOrder(String((a.key as Scalar).value ?? a.key), String((b.key as Scalar).value ?? b.key));

/** The stored text of a value: YAML, 2-space indent, go-yaml key order. */
export function serialize(value: unknown): string {
  return stringify(value, { indent: 2, lineWidth: 0, sortMapEntries: sortEntries });
}

export class SnapshotSession {
  private cached: Record<string, Record<string, string>> = {};
  private current: Record<string, Record<string, string>> = {};
  private counter = 0;
  private test = '';
  private dirty = false;
  readonly counts = { created: 0, failed: 0, updated: 0, vanished: 0 };

  constructor(
    readonly file: string,
    private readonly opts: SnapshotOptions,
  ) {}

  async load(): Promise<void> {
    const exists = await stat(this.file).then(
      (i) => i.isFile(),
      () => false,
    );
    const text = exists ? await readYamlText(this.file, this.shown) : '';
    const lines = new LineCounter();
    const doc = parseYamlDocument(text, lines);
    if (doc.errors[0]) throw yamlSyntaxError(this.shown, doc.errors[0], lines);
    const data: unknown = text ? boundedValue(doc, this.shown, lines) : {};
    if (isMapValue(data)) {
      for (const [t, entries] of Object.entries(data))
        if (isMapValue(entries)) this.cached[t] = Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, String(v)]));
    }
  }

  /** The snapshot file as messages show it. */
  private get shown(): string {
    return path.relative(process.cwd(), this.file) || this.file;
  }

  startTest(name: string): void {
    this.test = name;
    this.counter = 0;
  }

  compare(test: string, value: unknown, regex?: (text: string) => string | undefined): SnapshotCompare {
    if (test !== this.test) this.startTest(test);
    const index = String(++this.counter);
    const text = serialize(value);
    const old = this.cached[test]?.[index];
    const store = () => ((this.current[test] ??= {})[index] = text);
    if (regex) {
      const problem = regex(text);
      if (old === undefined || this.opts.update) ((this.dirty = true), old === undefined ? this.counts.created++ : this.counts.updated++);
      store();
      return { ok: !problem, expected: 'a snapshot matching the patterns', actual: text.trim(), message: problem ?? 'snapshot matches the patterns' };
    }
    if (old === undefined) {
      this.counts.created++;
      this.dirty = true;
      store();
      return { ok: true, expected: '(new snapshot)', actual: text.trim(), message: `snapshot ${index} created` };
    }
    if (old === text || this.opts.update) {
      if (old !== text) (this.counts.updated++, (this.dirty = true));
      store();
      return { ok: true, expected: old.trim(), actual: text.trim(), message: `snapshot ${index} matches` };
    }
    this.counts.failed++;
    (this.current[test] ??= {})[index] = old;
    return { ok: false, expected: old.trim(), actual: text.trim(), message: `expected to match snapshot ${index}` };
  }

  /** Write the file when entries were created, updated or vanished (and writing is allowed). */
  async finish(): Promise<void> {
    for (const [t, entries] of Object.entries(this.cached)) {
      for (const k of Object.keys(entries)) if (this.current[t]?.[k] === undefined) (this.counts.vanished++, (this.dirty = true));
    }
    if (!this.dirty || !this.opts.write) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    // Maps, so the comparison indexes are written as YAML integers (`1:`), as helm-unittest does.
    const byTest = new Map(Object.entries(this.current).map(([t, e]) => [t, new Map(Object.entries(e).map(([k, v]) => [Number(k), v]))]));
    await writeFile(this.file, stringify(byTest, { indent: 2, lineWidth: 0, sortMapEntries: sortEntries }));
  }
}

/** `a` with every leaf that differs in `b` (a repeat render) replaced by a fixed marker. */
export function maskDifferences(a: unknown, b: unknown): unknown {
  if (isMapValue(a) && isMapValue(b)) return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, k in b ? maskDifferences(v, b[k]) : v]));
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.map((v, i) => maskDifferences(v, b[i]));
  return JSON.stringify(a) === JSON.stringify(b) ? a : NONDETERMINISTIC;
}

export const NONDETERMINISTIC = '(nondeterministic: differs between two renders)';
