// greaterOrEqual / notGreaterOrEqual: each value at `path` ≥ `value` (same type: numbers
// numerically, strings byte-wise, as helm-unittest).
// Quirk decision (fixed): notGreaterOrEqual means actual < value; helm-unittest passes any value.
import { eachPathValue, stringParam, type AssertionDef } from '../assertion.js';
import { goType, show } from '../values.js';

export function ordered(key: string, antonym: string, cmp: (a: number | string, b: number | string) => boolean, words: string): AssertionDef {
  return {
    keys: { [key]: false, [antonym]: true },
    params: ['path', 'value'],
    validate(input) {
      const expected = input.params.value;
      const path = stringParam(input, 'path');
      return eachPathValue(input, path, `to be ${words} ${show(expected)}`, (v) => {
        const [ta, te] = [goType(v), goType(expected)];
        if (!['int', 'float64', 'string'].includes(ta))
          return { ok: false, error: true, expected: show(expected), actual: show(v), message: `unsupported type '${ta || 'nil'}'` };
        if (ta !== te)
          return { ok: false, error: true, expected: show(expected), actual: show(v), message: `actual '${ta}' and expected '${te}' types do not match` };
        return {
          ok: cmp(v as number | string, expected as number | string),
          expected: `${words} ${show(expected)}`,
          actual: show(v),
          message: `to be ${words} ${show(expected)}`,
        };
      });
    },
  };
}

export const greaterOrEqual = ordered('greaterOrEqual', 'notGreaterOrEqual', (a, b) => a >= b, 'greater than or equal to');
