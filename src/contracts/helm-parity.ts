// helm 3 and helm 4 render the subject to the same objects.
import { formatRef, refOf, type Manifest } from '../manifests/types.js';
import type { Contract, Violation } from './types.js';
import { ABSENT, nothingToCheck, OBJECT_PATH, REDACTED, show, violation } from './violation.js';
import { isObj, subjectRelease } from './workloads.js';

const ID = 'helm-parity' as const;

/** Differences listed per object before one summary violation. */
export const MAX_DIFFS_PER_RESOURCE = 20;

export interface Difference {
  path: string;
  a: unknown;
  b: unknown;
  /** Same named items, other order: a and b are the name lists. */
  order?: boolean;
}

/**
 * Leaf-level differences of two parsed YAML values. Arrays whose items all carry a
 * unique string `name` (containers, env, ports, volumes…) are matched by name and
 * addressed `[name]`; other arrays by index.
 */
export function diffValues(a: unknown, b: unknown, path = ''): Difference[] {
  const out: Difference[] = [];
  walk(a, b, path, out);
  return out;
}

function walk(a: unknown, b: unknown, path: string, out: Difference[]): void {
  if (isObj(a) && isObj(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
    for (const k of keys) walk(a[k], b[k], join(path, k), out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const an = names(a);
    const bn = names(b);
    if (an && bn) {
      const bm = new Map(b.map((x) => [(x as { name: string }).name, x]));
      const am = new Map(a.map((x) => [(x as { name: string }).name, x]));
      for (const [n, x] of am) walk(x, bm.get(n), `${path}[${n}]`, out);
      for (const [n, x] of bm) if (!am.has(n)) walk(undefined, x, `${path}[${n}]`, out);
      const common = (l: string[], other: Set<string>) => l.filter((n) => other.has(n)).join(', ');
      const ao = common(an, new Set(bn));
      const bo = common(bn, new Set(an));
      if (ao !== bo) out.push({ path, a: `order ${ao}`, b: `order ${bo}`, order: true });
      return;
    }
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  if (!Object.is(a, b) && JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, a, b });
}

function names(xs: unknown[]): string[] | undefined {
  if (xs.length === 0) return undefined;
  const ns: string[] = [];
  for (const x of xs) {
    if (!isObj(x) || typeof x.name !== 'string') return undefined;
    ns.push(x.name);
  }
  return new Set(ns).size === ns.length ? ns : undefined;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** Secret `data`/`stringData` values are shown as <redacted> (absence is still shown). */
function display(m: Manifest, d: Difference, value: unknown): string {
  if (value === undefined) return ABSENT;
  if (m.kind === 'Secret' && /^(data|stringData)(\.|\[|$)/.test(d.path)) return REDACTED;
  return d.order ? String(value) : show(value);
}

function key(m: Manifest): string {
  return formatRef(refOf(m));
}

export const helmParity: Contract = {
  id: ID,
  summary: 'helm 3 and helm 4 render the chart to the same objects',
  appliesTo: (world) => world.parity !== undefined,
  check(world) {
    const subject = subjectRelease(world);
    const other = world.parity;
    const renderer = `${world.subject.renderer} vs ${other?.renderer ?? 'other helm'}`;
    const a = new Map((subject?.manifests ?? []).map((m) => [key(m), m]));
    const b = new Map((other?.manifests ?? []).map((m) => [key(m), m]));
    if (a.size === 0 && b.size === 0) {
      return [nothingToCheck(world, ID, 'neither helm render has objects', { renderer, expected: 'objects to compare', actual: 'none' })];
    }
    const aName = world.subject.renderer;
    const bName = other?.renderer ?? 'other helm';
    const out: Violation[] = [];
    for (const [k, m] of a) {
      const o = b.get(k);
      if (!o) {
        out.push(violation(world, ID, { renderer, resource: m, path: OBJECT_PATH, message: `object rendered by ${aName} but not by ${bName}`, expected: k, actual: ABSENT }));
        continue;
      }
      const diffs = diffValues(m.object, o.object);
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
    for (const [k, o] of b) {
      if (!a.has(k)) {
        out.push(violation(world, ID, { renderer, resource: o, path: OBJECT_PATH, message: `object rendered by ${bName} but not by ${aName}`, expected: ABSENT, actual: k }));
      }
    }
    return out;
  },
};
