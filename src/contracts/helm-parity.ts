// helm 3 and helm 4 render the subject to the same objects, except at the paths the
// determinism probe found changing from one render to the next (randAlphaNum secrets,
// timestamps): there the two majors differ by chance, not by template behaviour.
import { diffValues, isAtOrBelow, type Difference } from '../manifests/diff.js';
import { formatRef, refOf, type Manifest } from '../manifests/types.js';
import type { Contract, Violation, World } from './types.js';
import { isSecretDataPath, REDACTED } from '../manifests/redact.js';
import { ABSENT, nothingToCheck, OBJECT_PATH, show, violation } from './violation.js';
import { subjectRelease } from './workloads.js';

const ID = 'helm-parity' as const;

/** Differences listed per object before one summary violation. */
export const MAX_DIFFS_PER_RESOURCE = 20;

/** Secret `data`/`stringData` values are shown as <redacted> (absence is still shown). */
function display(m: Manifest, d: Difference, value: unknown): string {
  if (value === undefined) return ABSENT;
  if (isSecretDataPath(m, d.path)) return REDACTED;
  return d.order ? String(value) : show(value);
}

function key(m: Manifest): string {
  return formatRef(refOf(m));
}

/** Nondeterministic paths of the subject, by resource key. */
function nondeterministicByKey(world: World): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const n of world.nondeterministic ?? []) {
    const k = formatRef(n.resource);
    out.set(k, [...(out.get(k) ?? []), n.path]);
  }
  return out;
}

export const helmParity: Contract = {
  id: ID,
  summary: 'helm 3 and helm 4 render the chart to the same objects',
  appliesTo: (world) => world.parity !== undefined,
  check(world) {
    const other = world.parity;
    const aName = world.subject.renderer;
    const bName = other?.renderer ?? 'other helm';
    const renderer = `${aName} vs ${bName}`;
    const a = new Map((subjectRelease(world)?.manifests ?? []).map((m) => [key(m), m]));
    const b = new Map((other?.manifests ?? []).map((m) => [key(m), m]));
    if (a.size === 0 && b.size === 0) {
      return [nothingToCheck(world, ID, 'neither helm render has objects', { renderer, expected: 'objects to compare', actual: 'none' })];
    }
    const skipped = nondeterministicByKey(world);
    // `(object)`: the object itself comes and goes between renders (e.g. a random name).
    const wholeObject = (k: string) => skipped.get(k)?.includes(OBJECT_PATH) ?? false;
    // Randomly named objects: paired with the other side's by kind, template and position, and compared.
    const paired = pairRandomlyNamed(a, b, wholeObject);
    const out: Violation[] = [];
    for (const [k, m] of a) {
      const twin = paired.get(m);
      if (wholeObject(k) && !twin) continue;
      const o = twin ?? b.get(k);
      if (!o) {
        out.push(
          violation(world, ID, {
            renderer,
            resource: m,
            path: OBJECT_PATH,
            message: `object rendered by ${aName} but not by ${bName}`,
            expected: k,
            actual: ABSENT,
          }),
        );
        continue;
      }
      const listed = (skipped.get(k) ?? []).filter((l) => l !== OBJECT_PATH);
      const [left, right] = twin ? [withoutOwnName(m), withoutOwnName(o)] : [m.object, o.object];
      const diffs = diffValues(left, right).filter((d) => !listed.some((l) => isAtOrBelow(d.path, l)));
      for (const d of diffs.slice(0, MAX_DIFFS_PER_RESOURCE)) {
        out.push(
          violation(world, ID, {
            renderer,
            resource: m,
            path: d.path || OBJECT_PATH,
            message: `${aName} and ${bName} render this field differently`,
            expected: display(m, d, d.a),
            actual: display(m, d, d.b),
          }),
        );
      }
      if (diffs.length > MAX_DIFFS_PER_RESOURCE) {
        const more = diffs.length - MAX_DIFFS_PER_RESOURCE;
        out.push(
          violation(world, ID, {
            renderer,
            resource: m,
            path: OBJECT_PATH,
            message: `${more} more differences not listed (first ${MAX_DIFFS_PER_RESOURCE} shown)`,
            expected: 'identical renders',
            actual: `${diffs.length} differences`,
          }),
        );
      }
    }
    const pairedB = new Set(paired.values());
    for (const [k, o] of b) {
      if (!a.has(k) && !wholeObject(k) && !pairedB.has(o)) {
        out.push(
          violation(world, ID, {
            renderer,
            resource: o,
            path: OBJECT_PATH,
            message: `object rendered by ${bName} but not by ${aName}`,
            expected: ABSENT,
            actual: k,
          }),
        );
      }
    }
    return out;
  },
};

/** Kind and source template: where a randomly named object comes from. */
function origin(m: Manifest): string {
  return `${m.kind}\0${m.source}`;
}

/**
 * Objects of `a` whose name changes from render to render (listed `(object)`), each paired
 * with the object of `b` found nowhere in `a` that has the same kind, source template and
 * position among such objects: a helm test Pod named with randAlphaNum is one object on
 * both sides, named differently.
 */
function pairRandomlyNamed(a: Map<string, Manifest>, b: Map<string, Manifest>, wholeObject: (k: string) => boolean): Map<Manifest, Manifest> {
  const unmatchedB = new Map<string, Manifest[]>();
  for (const [k, o] of b) if (!a.has(k)) unmatchedB.set(origin(o), [...(unmatchedB.get(origin(o)) ?? []), o]);
  const out = new Map<Manifest, Manifest>();
  const taken = new Map<string, number>();
  for (const [k, m] of a) {
    if (b.has(k) || !wholeObject(k)) continue;
    const i = taken.get(origin(m)) ?? 0;
    const twin = unmatchedB.get(origin(m))?.[i];
    if (!twin) continue;
    taken.set(origin(m), i + 1);
    out.set(m, twin);
  }
  return out;
}

/** The object with its own (random) name replaced everywhere by one placeholder, so only the rest is compared. */
function withoutOwnName(m: Manifest): unknown {
  return JSON.parse(JSON.stringify(m.object).split(JSON.stringify(m.name).slice(1, -1)).join('<name>')) as unknown;
}
