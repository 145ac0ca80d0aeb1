// JSON Schema validator errors (Ajv's error objects: the CRD validators' and the
// precompiled kubernetes-models ones alike) as SchemaProblems: one per field, phrased as
// the schema's expectation against the object's actual value.
import type { ErrorObject } from 'ajv';
import { pointerKeys, pointerSegment } from '../manifests/diff.js';
import { isMap } from '../manifests/yaml.js';
import type { SchemaProblem } from './types.js';

/** The value a JSON pointer names inside `root` (undefined when absent). */
export function valueAt(root: unknown, pointer: string): unknown {
  let cur = root;
  for (const key of pointerKeys(pointer)) cur = Array.isArray(cur) ? cur[Number(key)] : isMap(cur) ? cur[key] : undefined;
  return cur;
}

/** JSON Schema's name for a value's type. */
export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** A problem for a field the schema does not declare. */
export function unknownField(root: unknown, pointer: string): SchemaProblem {
  const key = pointerKeys(pointer).pop() ?? '';
  return {
    rule: 'unknown field',
    pointer,
    expected: 'no unknown field',
    value: valueAt(root, pointer),
    message: `unknown field ${key}: the schema does not declare it, so the API server rejects or silently drops it`,
  };
}

function one(e: ErrorObject, root: unknown): SchemaProblem {
  const p = e.params as Record<string, unknown>;
  const value = valueAt(root, e.instancePath);
  switch (e.keyword) {
    case 'type': {
      const want = Array.isArray(p.type) ? p.type.join(' or ') : String(p.type).split(',').join(' or ');
      return {
        rule: 'type',
        pointer: e.instancePath,
        expected: `type ${want}`,
        value,
        message: `${jsonType(value)} where the schema expects ${want}`,
      };
    }
    case 'enum':
    case 'const': {
      const allowed = (Array.isArray(p.allowedValues) ? p.allowedValues : [p.allowedValue]).map((x) => JSON.stringify(x));
      return {
        rule: 'enum',
        pointer: e.instancePath,
        expected: `one of ${allowed.join(', ')}`,
        value,
        message: 'not one of the values the schema allows',
      };
    }
    case 'required': {
      const field = String(p.missingProperty);
      return {
        rule: 'required',
        pointer: `${e.instancePath}${pointerSegment(field)}`,
        expected: 'required field',
        value: undefined,
        message: `required field ${field} is missing`,
      };
    }
    case 'additionalProperties':
      return unknownField(root, `${e.instancePath}${pointerSegment(String(p.additionalProperty))}`);
    case 'format':
      return {
        rule: 'format',
        pointer: e.instancePath,
        expected: `format ${String(p.format)}`,
        value,
        message: `not a valid ${String(p.format)}`,
      };
    default:
      return {
        rule: 'other',
        pointer: e.instancePath,
        expected: `${e.keyword} ${JSON.stringify(p)}`,
        value,
        message: e.message ?? `breaks the schema's ${e.keyword} rule`,
      };
  }
}

/**
 * One problem per field. Where an anyOf/oneOf fails (int-or-string and the like), its
 * branches' own errors at the same field are folded into one `type` problem.
 */
export function problemsOf(errors: readonly ErrorObject[], root: unknown): SchemaProblem[] {
  const composite = new Set(errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath));
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    let problem: SchemaProblem;
    if (composite.has(e.instancePath) && e.keyword !== 'required') {
      if (e.keyword === 'anyOf' || e.keyword === 'oneOf') continue;
      const types = errors.filter((x) => x.instancePath === e.instancePath && x.keyword === 'type').map((x) => String((x.params as { type: unknown }).type));
      problem = types.length ? one({ ...e, keyword: 'type', params: { type: [...new Set(types)] } }, root) : one(e, root);
    } else {
      problem = one(e, root);
    }
    const key = `${problem.rule}\0${problem.pointer}`;
    if (!seen.has(key)) (seen.add(key), out.push(problem));
  }
  return out;
}
