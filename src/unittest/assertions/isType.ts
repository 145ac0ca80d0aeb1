// isType / isNotType: the Go type name of each value at `path` (string, int, float64, bool,
// map[string]interface {}, []interface {}); null has none.
import { eachPathValue, stringParam, type AssertionDef } from '../assertion.js';
import { goType } from '../values.js';

export const isType: AssertionDef = {
  keys: { isType: false, isNotType: true },
  params: ['path', 'type'],
  validate(input) {
    const type = stringParam(input, 'type');
    return eachPathValue(input, stringParam(input, 'path'), `to be of type ${type}`, (v) => ({
      ok: goType(v) === type,
      expected: type,
      actual: goType(v) || '(null)',
      message: `to be of type ${type}`,
    }));
  },
};
