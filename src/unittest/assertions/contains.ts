// contains / notContains: the list at `path` has an element equal to `content` (`any`: a
// shallow subset of it), `count` times when given.
// Quirk decision (fixed): `count: 0` passes when no element matches; helm-unittest never passes it.
import { eachPathValue, stringParam, type AssertionDef } from '../assertion.js';
import { deepEqual, isMapValue, isShallowSubset, show } from '../values.js';

export const contains: AssertionDef = {
  keys: { contains: false, notContains: true },
  params: ['path', 'content', 'count', 'any'],
  validate(input) {
    const path = stringParam(input, 'path');
    const content = input.params.content ?? null;
    const count = typeof input.params.count === 'number' ? input.params.count : undefined;
    const any = input.params.any === true;
    const matches = (el: unknown) => (any && isMapValue(el) && isMapValue(content) ? isShallowSubset(el, content) : deepEqual(el, content));
    const what = `to contain ${show(content)}${count === undefined ? '' : ` ${count} time(s)`}`;
    return eachPathValue(input, path, what, (v) => {
      if (!Array.isArray(v)) return { ok: false, error: true, expected: 'an array', actual: show(v), message: `expect '${path}' to be an array` };
      const n = v.filter(matches).length;
      const ok = count === undefined ? n > 0 : n === count;
      return {
        ok,
        expected: show(content) + (count === undefined ? '' : ` × ${count}`),
        actual: count === undefined ? show(v) : `${n} matching in ${show(v)}`,
        message: what,
      };
    });
  },
};
