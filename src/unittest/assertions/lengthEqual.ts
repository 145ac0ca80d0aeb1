// lengthEqual / notLengthEqual: the list at `path` has `count` items, or the lists at
// `paths` all have the same length (and `count` when given).
// Quirk decision (fixed): a missing path fails with `unknown path`, not silently.
import { eachPathValue, stringParam, type AssertionDef } from '../assertion.js';
import { evalPath } from '../jsonpath.js';
import type { AssertionFailure } from '../types.js';
import { show } from '../values.js';

const len = (v: unknown) => (Array.isArray(v) ? v.length : 0);

export const lengthEqual: AssertionDef = {
  keys: { lengthEqual: false, notLengthEqual: true },
  params: ['path', 'paths', 'count'],
  validate(input) {
    const count = typeof input.params.count === 'number' ? input.params.count : undefined;
    const paths = Array.isArray(input.params.paths) ? input.params.paths.map(String) : undefined;
    const path = stringParam(input, 'path');
    const usage = (message: string): AssertionFailure[] => [
      { template: input.template, path, expected: 'path with count, or paths', actual: show(input.params), message },
    ];
    if (paths && path) return usage("'paths' couldn't be used with 'path'");
    if (!paths) {
      if (!path) return usage("'path' or 'paths' must be set");
      if (count === undefined || count < 0) return usage("'count' field must be set if 'path' is used");
      return eachPathValue(input, path, `to have length ${count}`, (v) => ({
        ok: len(v) === count,
        expected: `length ${count}`,
        actual: `length ${len(v)}`,
        message: `to have length ${count}`,
      }));
    }
    const out: AssertionFailure[] = [];
    input.docs.forEach((doc, document) => {
      const lengths = paths.map((p) => evalPath(doc, p).map(len));
      const flat = lengths.flat();
      const ok = lengths.every((l) => l.length > 0) && flat.every((l) => l === (count ?? flat[0]));
      if (ok === input.negative) {
        const not = input.negative ? 'NOT ' : '';
        out.push({
          template: input.template,
          document,
          path: paths.join(', '),
          expected: `${not}equal lengths${count === undefined ? '' : ` of ${count}`}`,
          actual: `lengths ${paths.map((p, i) => `${p}=${lengths[i].join('|') || '(absent)'}`).join(', ')}`,
          message: `expected lengths ${not}to be equal`,
        });
      }
    });
    return out;
  },
};
