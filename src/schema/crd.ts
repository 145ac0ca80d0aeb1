// Custom resources validated against their CustomResourceDefinition: each served version's
// openAPIV3Schema, compiled once by Ajv (per schema text and strictness, for the whole
// process), with the Kubernetes extensions the API server honours mapped to JSON Schema.
import { createRequire } from 'node:module';
import type { Ajv, ValidateFunction } from 'ajv';
import { isMap, type YamlMap } from '../manifests/yaml.js';
import { problemsOf } from './problems.js';
import { typeKey, type ObjectValidator, type SchemaProblem } from './types.js';

/** One version of a CRD: the custom resource type it defines and its schema. */
export interface CrdType {
  apiVersion: string;
  kind: string;
  /** e.g. `CRD widgets.example.io (charts/w/crds/widget.yaml)`. */
  source: string;
  schema: YamlMap;
}

// Loaded (and built) at the first CRD: most runs validate none, and ajv costs tens of ms to load.
const require = createRequire(import.meta.url);
let ajvInstance: Ajv | undefined;
function ajv(): Ajv {
  ajvInstance ??= new (require('ajv') as typeof import('ajv')).Ajv({ allErrors: true, strict: false, validateFormats: false, logger: false });
  return ajvInstance;
}
const compiled = new Map<string, ValidateFunction | Error>();

/** Whether a parsed object is a CustomResourceDefinition (apiextensions.k8s.io/v1). */
export function isCrd(o: unknown): o is YamlMap {
  return isMap(o) && o.kind === 'CustomResourceDefinition' && typeof o.apiVersion === 'string' && o.apiVersion.startsWith('apiextensions.k8s.io/');
}

/** The custom resource types a CRD defines, one per version that carries a schema. */
export function crdTypes(crd: YamlMap, where: string): CrdType[] {
  const spec = isMap(crd.spec) ? crd.spec : {};
  const names = isMap(spec.names) ? spec.names : {};
  const name = isMap(crd.metadata) && typeof crd.metadata.name === 'string' ? crd.metadata.name : '(unnamed)';
  if (typeof spec.group !== 'string' || typeof names.kind !== 'string' || !Array.isArray(spec.versions)) return [];
  const out: CrdType[] = [];
  for (const v of spec.versions) {
    const schema = isMap(v) && isMap(v.schema) ? v.schema.openAPIV3Schema : undefined;
    if (!isMap(v) || typeof v.name !== 'string' || !isMap(schema)) continue;
    out.push({ apiVersion: `${spec.group}/${v.name}`, kind: names.kind, source: `CRD ${name} (${where})`, schema });
  }
  return out;
}

const BRANCHES = ['allOf', 'anyOf', 'oneOf'];

/**
 * A copy of a structural schema Ajv can run as the API server would: int-or-string as
 * integer-or-string, `nullable` only beside a type, and (strict) `additionalProperties:
 * false` wherever fields are declared and unknown ones are not preserved. anyOf/allOf/oneOf
 * branches only constrain the declared fields, so they are never made strict.
 */
function prepare(node: unknown, strict: boolean): unknown {
  if (!isMap(node)) return node;
  const out: YamlMap = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'properties' && isMap(v)) out[k] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, prepare(s, strict)]));
    else if ((k === 'items' || k === 'additionalProperties' || k === 'not') && isMap(v)) out[k] = prepare(v, strict && k !== 'not');
    else if (BRANCHES.includes(k) && Array.isArray(v)) out[k] = v.map((s) => prepare(s, false));
    else out[k] = v;
  }
  if (node['x-kubernetes-int-or-string'] === true && out.type === undefined && out.anyOf === undefined) out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  if (out.nullable === true && out.type === undefined) delete out.nullable;
  const open = node['x-kubernetes-preserve-unknown-fields'] === true || node['x-kubernetes-embedded-resource'] === true;
  if (strict && isMap(node.properties) && node.additionalProperties === undefined && !open) out.additionalProperties = false;
  return out;
}

/** The root schema: apiVersion, kind and metadata are the API server's, whatever the CRD declares. */
function prepareRoot(schema: YamlMap, strict: boolean): YamlMap {
  const root = prepare(schema, strict) as YamlMap;
  if (!isMap(root.properties)) return root;
  return { ...root, properties: { ...root.properties, apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } } };
}

function compile(t: CrdType, strict: boolean): ValidateFunction | Error {
  const key = `${strict}\0${JSON.stringify(t.schema)}`;
  let fn = compiled.get(key);
  if (!fn) {
    try {
      fn = ajv().compile(prepareRoot(t.schema, strict));
    } catch (err) {
      fn = err instanceof Error ? err : new Error(String(err));
    }
    compiled.set(key, fn);
  }
  return fn;
}

/** The validator of one custom resource type; each strictness compiles on first use. */
export function crdValidator(t: CrdType): ObjectValidator {
  const mine = new Map<boolean, ValidateFunction | Error>();
  return {
    source: t.source,
    validate(object, { strict }): SchemaProblem[] {
      let fn = mine.get(strict);
      if (!fn) mine.set(strict, (fn = compile(t, strict)));
      if (fn instanceof Error) {
        return [
          { rule: 'other', pointer: '', expected: 'a schema Ajv can compile', value: fn.message, message: `the schema of ${t.source} cannot be compiled` },
        ];
      }
      return fn(object) ? [] : problemsOf(fn.errors ?? [], object);
    },
  };
}

/** Validators of every type the CRDs define, by typeKey; a later CRD for the same type wins. */
export function crdValidators(crds: readonly { object: YamlMap; where: string }[]): Map<string, ObjectValidator> {
  const out = new Map<string, ObjectValidator>();
  for (const c of crds) for (const t of crdTypes(c.object, c.where)) out.set(typeKey(t.apiVersion, t.kind), crdValidator(t));
  return out;
}
