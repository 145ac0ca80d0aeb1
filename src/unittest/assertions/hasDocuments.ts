// hasDocuments: the template rendered `count` documents (all of them; the selected ones
// with `filterAware: true`).
import type { AssertionDef } from '../assertion.js';

export const hasDocuments: AssertionDef = {
  keys: { hasDocuments: false },
  params: ['count', 'filterAware'],
  emptyOk: true,
  validate(input) {
    const count = typeof input.params.count === 'number' ? input.params.count : 0;
    const n = (input.params.filterAware === true ? input.docs : input.allDocs).length;
    if ((n === count) !== input.negative) return [];
    const not = input.negative ? 'NOT ' : '';
    return [
      {
        template: input.template,
        expected: `${not}${count} document(s)`,
        actual: `${n} document(s)`,
        message: `expected documents count ${not}to be ${count}`,
      },
    ];
  },
};
