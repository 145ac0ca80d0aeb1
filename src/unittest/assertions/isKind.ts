// isKind: the document's `kind` is `of`.
import { eachDoc, stringParam, type AssertionDef } from '../assertion.js';
import { isMapValue, show } from '../values.js';

export function topField(field: string): AssertionDef['validate'] {
  return (input) => {
    const of = stringParam(input, 'of');
    return eachDoc(input, (doc) => {
      const actual = isMapValue(doc) ? doc[field] : undefined;
      return { ok: actual === of, expected: `${field} ${show(of)}`, actual: `${field} ${show(actual)}`, message: `to be ${field} ${show(of)}` };
    });
  };
}

export const isKind: AssertionDef = { keys: { isKind: false }, params: ['of'], validate: topField('kind') };
