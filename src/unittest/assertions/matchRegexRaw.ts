// matchRegexRaw / notMatchRegexRaw: a document's raw text matches the Go regex `pattern`.
import { eachDoc, type AssertionDef } from '../assertion.js';
import { show } from '../values.js';
import { patternOf } from './matchRegex.js';
import { rawOf } from './raw.js';

export const matchRegexRaw: AssertionDef = {
  keys: { matchRegexRaw: false, notMatchRegexRaw: true },
  params: ['pattern'],
  readsRaw: true,
  validate(input) {
    const re = patternOf(input);
    if (!(re instanceof RegExp)) return [re];
    const what = `raw to match /${re.source}/`;
    return eachDoc(input, (doc) => {
      const actual = doc === undefined ? '' : rawOf(doc);
      return { ok: re.test(actual), expected: what.replace(/^raw /, ''), actual: show(actual), message: what };
    });
  },
};
