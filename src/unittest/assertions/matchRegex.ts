// matchRegex / notMatchRegex: every value at `path` is a string matching the Go regex `pattern`.
import { eachPathValue, stringParam, type AssertionDef, type ValidateInput } from '../assertion.js';
import { goRegex, PatternError } from '../regex.js';
import type { AssertionFailure } from '../types.js';
import { show } from '../values.js';
import { decoded } from './equal.js';

/** The compiled pattern, or the failure that an empty or invalid one is. */
export function patternOf(input: ValidateInput, name = 'pattern'): RegExp | AssertionFailure {
  const p = stringParam(input, name);
  if (!p) return { template: input.template, expected: 'a pattern', actual: '""', message: `expected field '${name}' to be filled` };
  try {
    return goRegex(p);
  } catch (err) {
    if (err instanceof PatternError) return { template: input.template, expected: 'a valid Go regular expression', actual: show(p), message: err.message };
    throw err;
  }
}

export const matchRegex: AssertionDef = {
  keys: { matchRegex: false, notMatchRegex: true },
  params: ['path', 'pattern', 'decodeBase64'],
  validate(input) {
    const re = patternOf(input);
    if (!(re instanceof RegExp)) return [re];
    const path = stringParam(input, 'path');
    const what = `to match /${re.source}/`;
    return eachPathValue(input, path, what, (v) => {
      if (typeof v !== 'string') return { ok: false, error: true, expected: 'a string', actual: show(v), message: `expect '${path}' to be a string` };
      const d = decoded(v, input.params.decodeBase64 === true);
      if (d.error) return { ok: false, error: true, expected: what, actual: show(v), message: d.error };
      return { ok: re.test(String(d.value)), expected: what, actual: show(d.value), message: what };
    });
  },
};
