// Kubernetes built-in types, validated by the precompiled JSON Schema validators of the
// kubernetes-models package (generated from the Kubernetes OpenAPI; no download at run
// time). Loading one is a module import (I/O), so it happens here, never in a contract.
import { access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ErrorObject } from 'ajv';
import { problemsOf, unknownField } from './problems.js';
import { FieldShapes, trackReads } from './read-tracker.js';
import type { ObjectValidator, SchemaProblem } from './types.js';

const PACKAGE = 'kubernetes-models';
const require = createRequire(import.meta.url);
const packageJson = require.resolve(`${PACKAGE}/package.json`);
const version = (require(packageJson) as { version: string }).version;

/** The built-in schema source as reports name it. */
export const KUBERNETES_SCHEMA_SOURCE = `${PACKAGE} ${version}`;

/** A kubernetes-models class: its statics name the type, its prototype validates `this`. */
interface ModelClass {
  apiVersion: string;
  kind: string;
  prototype: { validate(this: unknown): void };
}

// The package's JSONSchemaProps (CRD schemas) omits the Kubernetes extension keywords the
// API server accepts there (x-kubernetes-preserve-unknown-fields, -int-or-string, …).
const EXTENSION = /\/x-kubernetes-[^/]*$/;
const GROUP = /^[a-z0-9.-]+$/;
const VERSION = /^v[0-9]+((alpha|beta)[0-9]+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

function isModelClass(x: unknown, apiVersion: string, kind: string): x is ModelClass {
  if (typeof x !== 'function') return false;
  const c = x as unknown as Partial<ModelClass>;
  return c.apiVersion === apiVersion && c.kind === kind && typeof c.prototype?.validate === 'function';
}

/** The module path of apiVersion/kind inside the package (`apps/v1/Deployment`, core: `v1/Pod`). */
function modulePath(apiVersion: string, kind: string): string | undefined {
  const parts = apiVersion.split('/');
  const [group, ver] = parts.length === 2 ? parts : ['', parts[0]];
  if (parts.length > 2 || !VERSION.test(ver) || !KIND.test(kind) || (group !== '' && !GROUP.test(group))) return undefined;
  return group ? `${group}/${ver}/${kind}` : `${ver}/${kind}`;
}

function ajvErrors(err: unknown): ErrorObject[] {
  const errors = (err as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) throw err;
  return errors as ErrorObject[];
}

/** Ajv errors of one validation (none when valid). */
function errorsOf(model: ModelClass, value: unknown): ErrorObject[] {
  try {
    model.prototype.validate.call(value);
    return [];
  } catch (err) {
    return ajvErrors(err);
  }
}

function validatorOf(model: ModelClass): ObjectValidator {
  const shapes = new FieldShapes();
  return {
    source: KUBERNETES_SCHEMA_SOURCE,
    validate(object, { strict }): SchemaProblem[] {
      let errors: ErrorObject[];
      let unknown = strict ? shapes.unknown(object) : [];
      if (unknown) {
        errors = errorsOf(model, object);
      } else {
        // A field pattern not seen yet: validate through proxies, and learn from a clean run.
        const tracker = trackReads(object);
        errors = errorsOf(model, tracker.value);
        if (errors.length === 0) shapes.learn(tracker);
        unknown = tracker.unread();
      }
      return [...problemsOf(errors, object), ...unknown.filter((p) => !EXTENSION.test(p)).map((p) => unknownField(object, p))];
    },
  };
}

/** The built-in validator of apiVersion/kind, or undefined when the package has no such type. */
export async function loadKubernetesValidator(apiVersion: string, kind: string): Promise<ObjectValidator | undefined> {
  const rel = modulePath(apiVersion, kind);
  // The package has a module per type it knows: no module, no built-in schema.
  const exists =
    rel &&
    (await access(path.join(path.dirname(packageJson), `${rel}.js`)).then(
      () => true,
      () => false,
    ));
  if (!exists) return undefined;
  const mod = (await import(`${PACKAGE}/${rel}`)) as Record<string, unknown>;
  const model = mod[kind];
  return isModelClass(model, apiVersion, kind) ? validatorOf(model) : undefined;
}
