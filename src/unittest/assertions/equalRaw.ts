// equalRaw / notEqualRaw: a document's raw text equals `value`.
import { eachDoc, stringParam, type AssertionDef } from '../assertion.js';
import { show } from '../values.js';
import { rawOf } from './raw.js';

export const equalRaw: AssertionDef = {
  keys: { equalRaw: false, notEqualRaw: true },
  params: ['value'],
  readsRaw: true,
  validate(input) {
    const expected = stringParam(input, 'value');
    return eachDoc(input, (doc) => {
      const actual = doc === undefined ? '' : rawOf(doc);
      return { ok: actual === expected, expected: show(expected), actual: show(actual), message: `raw to equal ${show(expected)}` };
    });
  },
};
