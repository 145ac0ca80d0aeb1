// matchSnapshot: each selected document (or each value at `path`) equals its entry in
// `__snapshot__/<file>.snap`; new entries are written, `--update-snapshot` rewrites them.
// With matchRegex/notMatchRegex the serialisation is matched instead of compared.
import { stringParam, type AssertionDef, type ValidateInput } from '../assertion.js';
import { evalPath } from '../jsonpath.js';
import type { AssertionFailure } from '../types.js';
import { goRegex } from '../regex.js';
import { rawOf } from './raw.js';

function compareAll(input: ValidateInput, values: { document: number; value: unknown }[], path?: string): AssertionFailure[] {
  const out: AssertionFailure[] = [];
  const isRegex = isMatchMode(input);
  for (const { document, value } of values) {
    const r = input.snapshots.compare(input.test, value, isRegex ? regexCheck(input) : undefined);
    if (r.ok !== input.negative) continue;
    out.push({ template: input.template, document, path, expected: input.negative ? `NOT ${r.expected}` : r.expected, actual: r.actual, message: r.message });
  }
  return out;
}

function isMatchMode(input: ValidateInput): boolean {
  const m = input.params.matchRegex;
  const n = input.params.notMatchRegex;
  return !!m || !!n;
}

function regexCheck(input: ValidateInput): (text: string) => string | undefined {
  const pat = (k: string): string => {
    const v = input.params[k];
    return v && typeof v === 'object' && 'pattern' in v ? String((v as { pattern: unknown }).pattern).trim() : '';
  };
  const [m, n] = [pat('matchRegex'), pat('notMatchRegex')];
  return (text) => {
    if (m && !goRegex(m).test(text)) return `Expected pattern '${m}' not found in snapshot`;
    if (n && goRegex(n).test(text)) return `Expected pattern '${n}' should not be in snapshot`;
    return undefined;
  };
}

export const matchSnapshot: AssertionDef = {
  keys: { matchSnapshot: false },
  params: ['path', 'matchRegex', 'notMatchRegex'],
  emptyOk: true,
  validate(input) {
    const path = stringParam(input, 'path');
    const values: { document: number; value: unknown }[] = [];
    input.docs.forEach((doc, document) => {
      const found = evalPath(doc, path);
      if (found.length === 0 && !input.negative) values.push({ document, value: undefined });
      for (const value of found) values.push({ document, value });
    });
    const missing = values.find((v) => v.value === undefined);
    if (missing)
      return [
        {
          template: input.template,
          document: missing.document,
          path,
          expected: 'a value to snapshot',
          actual: '(path not found)',
          message: `unknown path ${path}`,
        },
      ];
    return compareAll(input, values, path || undefined);
  },
};

export const matchSnapshotRaw: AssertionDef = {
  keys: { matchSnapshotRaw: false },
  params: [],
  readsRaw: true,
  emptyOk: true,
  validate(input) {
    return compareAll(
      input,
      input.docs.map((doc, document) => ({ document, value: rawOf(doc) })),
    );
  },
};
