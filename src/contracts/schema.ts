// Every rendered object is valid against its schema: the Kubernetes built-in types and the
// CRDs of the repository, the config and the render itself. A kind with no schema is never
// a silent pass: it is listed as not validated, or (config) a violation.
import type { ChartSchemaConfig } from '../config/types.js';
import { pointerPath } from '../manifests/diff.js';
import type { K8sObject, Manifest } from '../manifests/types.js';
import type { SchemaProblem, SchemaSet } from '../schema/types.js';
import type { Contract, Violation, World } from './types.js';
import { nothingToCheck, OBJECT_PATH, REDACTED, show, violation } from './violation.js';
import { subjectFacts, subjectRelease } from './workloads.js';

const ID = 'schema' as const;
/** suite.schema.json's defaults, for a subject whose chart the world does not list. */
const CONFIG_DEFAULTS: ChartSchemaConfig = { strict: true, unvalidatedKinds: 'list' };

/** Objects validated together, and the renderer named in their violations. */
interface Batch {
  renderer: string;
  manifests: readonly Manifest[];
}

/**
 * The subject's render and its kustomize render; the bootstrap kit's own objects and the
 * other kit releases once, with the suite's first chart as subject (as version-lockstep).
 */
function batches(world: World): Batch[] {
  const out: Batch[] = [];
  const subject = subjectRelease(world);
  if (subject) out.push({ renderer: subject.renderer, manifests: subject.manifests });
  if (world.kustomize) out.push({ renderer: 'kustomize', manifests: world.kustomize.manifests });
  if (world.charts[0]?.config.id === world.subject.chart) {
    for (const r of world.releases)
      if (r !== subject && r.chart !== world.subject.chart) out.push({ renderer: `${r.renderer} kit release ${r.chart}`, manifests: r.manifests });
    if (world.kitObjects.length) out.push({ renderer: 'bootstrap kit', manifests: world.kitObjects });
  }
  return out;
}

/** `Kind (apiVersion)`, as not-validated lists name a type. */
function typeName(m: Pick<Manifest, 'apiVersion' | 'kind'>): string {
  return `${m.kind} (${m.apiVersion || 'no apiVersion'})`;
}

/** Types of the world's objects that no schema covers, each once, sorted. */
export function notValidated(world: World): string[] {
  const schemas = world.schemas;
  if (!schemas) return [];
  const names = batches(world).flatMap((b) => b.manifests.filter((m) => !schemas.lookup(m.apiVersion, m.kind)).map(typeName));
  return [...new Set(names)].sort();
}

/** The object as the API server reads it on create/apply: `status` (e.g. `status: {}` from kubectl) is ignored. */
function withoutStatus(o: K8sObject): K8sObject {
  if (!('status' in o)) return o;
  const { status: _status, ...rest } = o;
  return rest;
}

function secretData(m: Manifest, path: string): boolean {
  return m.kind === 'Secret' && /^(data|stringData)(\.|\[|$)/.test(path);
}

function problemViolation(world: World, b: Batch, m: Manifest, p: SchemaProblem, source: string): Violation {
  const path = p.pointer === '' ? OBJECT_PATH : pointerPath(m.object, p.pointer);
  return violation(world, ID, {
    resource: m,
    renderer: b.renderer,
    path,
    message: `${p.message} (schema of ${m.apiVersion} ${m.kind}: ${source})`,
    expected: p.expected,
    actual: secretData(m, path) && p.value !== undefined ? REDACTED : show(p.value),
  });
}

function check(world: World, schemas: SchemaSet): Violation[] {
  const settings = subjectFacts(world)?.config.schema ?? CONFIG_DEFAULTS;
  const all = batches(world);
  if (all.every((b) => b.manifests.length === 0)) {
    return [nothingToCheck(world, ID, 'the render has no objects', { expected: 'rendered objects to validate', actual: 'none' })];
  }
  const out: Violation[] = [];
  for (const b of all) {
    for (const m of b.manifests) {
      const v = schemas.lookup(m.apiVersion, m.kind);
      if (v) {
        out.push(...v.validate(withoutStatus(m.object), { strict: settings.strict }).map((p) => problemViolation(world, b, m, p, v.source)));
      } else if (settings.unvalidatedKinds === 'fail') {
        out.push(
          violation(world, ID, {
            resource: m,
            renderer: b.renderer,
            path: OBJECT_PATH,
            message: `${typeName(m)} has no schema, so it is not validated: not a built-in type of ${schemas.builtin}, and no CRD for it in a chart's crds/, schema.crds or the render`,
            expected: 'a schema (built-in type or CRD)',
            actual: 'none',
          }),
        );
      }
    }
  }
  return out;
}

export const schema: Contract = {
  id: ID,
  summary: 'every rendered object is valid against its Kubernetes or CRD schema (types, enums, required and unknown fields)',
  appliesTo: (world) => world.schemas !== undefined,
  check(world) {
    return world.schemas ? check(world, world.schemas) : [];
  },
};
