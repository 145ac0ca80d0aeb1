// exists / notExists (deprecated aliases isNotNull / isNull): the path yields at least one
// node; a key present with a null value exists.
import { stringParam, type AssertionDef } from '../assertion.js';
import { evalPath, PathError } from '../jsonpath.js';
import type { AssertionFailure } from '../types.js';
import { NO_MANIFEST, show } from '../values.js';

export const exists: AssertionDef = {
  keys: { exists: false, notExists: true, isNotNull: false, isNull: true },
  params: ['path'],
  validate(input) {
    const path = stringParam(input, 'path');
    const what = input.negative ? 'not to exist' : 'to exist';
    if (input.docs.length === 0)
      return input.negative
        ? []
        : [{ template: input.template, path, expected: what, actual: NO_MANIFEST, message: `expected ${path} ${what}, but there is no document` }];
    const out: AssertionFailure[] = [];
    input.docs.forEach((doc, document) => {
      try {
        const found = evalPath(doc, path);
        if (found.length > 0 === input.negative) {
          out.push({
            template: input.template,
            document,
            path,
            expected: what,
            actual: found.length > 0 ? show(found.length === 1 ? found[0] : found) : '(absent)',
            message: `expected ${path} ${what}`,
          });
        }
      } catch (err) {
        if (!(err instanceof PathError)) throw err;
        out.push({ template: input.template, document, path, expected: 'a valid path', actual: path, message: err.message });
      }
    });
    return out;
  },
};
