// Field-level differences of parsed objects, and the path scheme they are addressed by.
// Lives in the manifests layer because three callers above it address fields the same
// way: helm-parity (helm 4 vs helm 3), the determinism probe (a render vs its repeat) and
// the bump diff (which drops the fields the probe found). One scheme, so a path found by
// one can be matched by another.

import { isMap } from './yaml.js';

/** Path naming a whole object (not one field): an object present in only one render. */
export const WHOLE_OBJECT = '(object)';

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
  if (isMap(a) && isMap(b)) {
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

/** The item names of an array addressed by name, or undefined when it is addressed by index. */
function names(xs: unknown[]): string[] | undefined {
  if (xs.length === 0) return undefined;
  const ns: string[] = [];
  for (const x of xs) {
    if (!isMap(x) || typeof x.name !== 'string') return undefined;
    ns.push(x.name);
  }
  return new Set(ns).size === ns.length ? ns : undefined;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/**
 * Whether `path` is `listed` or a field below it (`listed.x`, `listed[x]`). `(object)`
 * covers every path of the object. Keys may themselves hold dots (annotation names),
 * so a listed `a.b` also covers a key `b.c` under `a`: the scheme cannot tell them
 * apart, and over-excluding a field that is rendered fresh each time is the safe side.
 */
export function isAtOrBelow(path: string, listed: string): boolean {
  if (listed === WHOLE_OBJECT || listed === '') return true;
  return path === listed || path.startsWith(`${listed}.`) || path.startsWith(`${listed}[`);
}

/**
 * A deep copy of `value` with every field at or below one of `paths` replaced by
 * `marker` (addressed as diffValues addresses them), so two copies compare equal there
 * while the field's presence still shows.
 */
export function maskPaths(value: unknown, paths: readonly string[], marker: string): unknown {
  if (paths.length === 0) return value;
  const masked = (p: string) => paths.some((l) => isAtOrBelow(p, l));
  const visit = (v: unknown, p: string): unknown => {
    if (p !== '' && masked(p)) return marker;
    if (isMap(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, visit(x, join(p, k))]));
    if (Array.isArray(v)) {
      const ns = names(v);
      return v.map((x, i) => visit(x, `${p}[${ns ? ns[i] : i}]`));
    }
    return v;
  };
  return visit(value, '');
}

/** The keys of a JSON pointer (`/spec/ports/0` → spec, ports, 0), unescaped. */
export function pointerKeys(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** One key as a JSON pointer segment (`/` and `~` escaped). */
export function pointerSegment(key: string): string {
  return `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * The path (in diffValues' scheme) of the field a JSON pointer (`/spec/ports/0/port`, as
 * JSON Schema validators report) names inside `value`: list items addressed by name where
 * diffValues would, else by index.
 */
export function pointerPath(value: unknown, pointer: string): string {
  let path = '';
  let cur = value;
  for (const key of pointerKeys(pointer)) {
    if (Array.isArray(cur)) {
      const ns = names(cur);
      const i = Number(key);
      path += `[${ns && Number.isInteger(i) && i < ns.length ? ns[i] : key}]`;
      cur = cur[i];
    } else {
      path = join(path, key);
      cur = isMap(cur) ? cur[key] : undefined;
    }
  }
  return path;
}
