// containsDocument: the selected documents are (`any`: include) the one with this kind,
// apiVersion and optional name/namespace.
// Quirk kept: without `any`, every selected document of the template must match.
import { stringParam, type AssertionDef } from '../assertion.js';
import { isMapValue } from '../values.js';

export const containsDocument: AssertionDef = {
  keys: { containsDocument: false },
  params: ['kind', 'apiVersion', 'name', 'namespace', 'any'],
  validate(input) {
    const [kind, apiVersion, name, namespace] = ['kind', 'apiVersion', 'name', 'namespace'].map((k) => stringParam(input, k));
    const matches = (d: unknown): boolean => {
      if (!isMapValue(d)) return false;
      const meta = isMapValue(d.metadata) ? d.metadata : {};
      return (
        (typeof d.kind !== 'string' || d.kind === kind) &&
        (typeof d.apiVersion !== 'string' || d.apiVersion === apiVersion) &&
        (!name || meta.name === name) &&
        (!namespace || meta.namespace === namespace)
      );
    };
    const n = input.docs.filter(matches).length;
    const any = input.params.any === true;
    const holds = any ? n > 0 : input.docs.length > 0 && n === input.docs.length;
    if (holds !== input.negative) return [];
    const want = `Kind = ${kind}, apiVersion = ${apiVersion}${name ? `, Name = ${name}` : ''}${namespace ? `, Namespace = ${namespace}` : ''}`;
    const have =
      input.docs.map((d) => (isMapValue(d) ? `${String(d.kind)}/${String(isMapValue(d.metadata) ? d.metadata.name : '')}` : '?')).join(', ') || 'no document';
    const not = input.negative ? 'NOT ' : '';
    return [{ template: input.template, expected: `${not}${want}`, actual: have, message: `expected ${not}to contain document ${want}` }];
  },
};
