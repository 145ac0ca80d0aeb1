// isNullOrEmpty / isNotNullOrEmpty (aliases isEmpty / isNotEmpty): null, "", 0, false, [] or {}.
// Quirk decision (fixed): isNotNullOrEmpty fails on a missing path (helm-unittest passes it).
import { eachPathValue, stringParam, type AssertionDef } from '../assertion.js';
import { evalPath } from '../jsonpath.js';
import { isEmptyValue, show } from '../values.js';

export const isNullOrEmpty: AssertionDef = {
  keys: { isNullOrEmpty: false, isNotNullOrEmpty: true, isEmpty: false, isNotEmpty: true },
  params: ['path'],
  validate(input) {
    const path = stringParam(input, 'path');
    const out = eachPathValue(input, path, 'to be null or empty', (v) => ({
      ok: isEmptyValue(v),
      expected: 'to be null or empty',
      actual: show(v),
      message: 'to be null or empty',
    }));
    if (!input.negative) return out;
    input.docs.forEach((doc, document) => {
      let missing: boolean;
      try {
        missing = evalPath(doc, path).length === 0;
      } catch {
        return; // reported by eachPathValue
      }
      if (missing)
        out.push({
          template: input.template,
          document,
          path,
          expected: 'NOT to be null or empty',
          actual: '(path not found)',
          message: `unknown path ${path}`,
        });
    });
    return out;
  },
};
