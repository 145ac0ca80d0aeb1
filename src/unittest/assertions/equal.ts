// equal / notEqual: every value at `path` deep-equals `value` (strings uniformed, optionally base64-decoded).
import { eachPathValue, stringParam, type AssertionDef } from '../assertion.js';
import { deepEqual, show, uniform } from '../values.js';

export function decoded(v: unknown, base64: boolean): { value: unknown; error?: string } {
  if (typeof v !== 'string') return { value: v };
  if (!base64) return { value: uniform(v) };
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(v) || v.length % 4 !== 0) return { value: v, error: `unable to decode base64 expected content ${v}` };
  return { value: uniform(Buffer.from(v, 'base64').toString('utf8')) };
}

export const equal: AssertionDef = {
  keys: { equal: false, notEqual: true },
  params: ['path', 'value', 'decodeBase64'],
  validate(input) {
    const expected = input.params.value ?? null;
    return eachPathValue(input, stringParam(input, 'path'), `to equal ${show(expected)}`, (v) => {
      const d = decoded(v, input.params.decodeBase64 === true);
      if (d.error) return { ok: false, error: true, expected: show(expected), actual: show(v), message: d.error };
      return { ok: deepEqual(d.value, expected), expected: show(expected), actual: show(d.value), message: `to equal ${show(expected)}` };
    });
  },
};
