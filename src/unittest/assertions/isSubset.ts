// isSubset / isNotSubset: the mapping at `path` holds every top-level key of `content`
// with a deep-equal value (shallow at the top, as helm-unittest).
import { eachPathValue, stringParam, type AssertionDef } from '../assertion.js';
import { isMapValue, isShallowSubset, show } from '../values.js';

export const isSubset: AssertionDef = {
  keys: { isSubset: false, isNotSubset: true },
  params: ['path', 'content'],
  validate(input) {
    const path = stringParam(input, 'path');
    const content = input.params.content;
    const what = `to contain the subset ${show(content)}`;
    return eachPathValue(input, path, what, (v) => {
      if (!isMapValue(v)) return { ok: false, error: true, expected: 'an object', actual: show(v), message: `expect '${path}' to be an object` };
      if (!isMapValue(content))
        return { ok: false, error: true, expected: 'content to be an object', actual: show(content), message: 'expect content to be an object' };
      return { ok: isShallowSubset(v, content), expected: show(content), actual: show(v), message: what };
    });
  },
};
