// Unknown fields for validators that have no `additionalProperties: false` to say so:
// the precompiled kubernetes-models validators look up every field their schema declares
// (and enumerate maps such as labels), so a field of a typed object they never looked at
// is one the schema does not know. An object is validated through read-recording proxies;
// what a clean run shows (per field pattern: declared keys, a map, or free-form) is kept,
// so later objects of the type are checked by a plain walk, without proxies.
import { pointerSegment } from '../manifests/diff.js';

interface Node {
  target: object;
  /** Where the object sits: its parent node (objects and arrays alike) and key. */
  parent?: Node;
  key?: string;
  /** Keys looked up (present or not); undefined for arrays. */
  read?: Set<string>;
  /** Keys enumerated (a map type, or a validator walking every key). */
  enumerated: boolean;
}

export interface ReadTracker {
  /** The object to validate (a proxy of the original, which is never modified). */
  value: unknown;
  /** JSON pointers of fields of typed objects that the validator never looked at. */
  unread(): string[];
  /** The objects seen, for FieldShapes.learn. */
  nodes: readonly Node[];
}

/** Stands for any array index or map key in a field pattern. */
const ANY = '/\0';

function pointerOf(n: Node | undefined): string {
  let out = '';
  for (let cur = n; cur?.parent; cur = cur.parent) out = `${pointerSegment(cur.key ?? '')}${out}`;
  return out;
}

/**
 * The field pattern of a node: its keys joined by `/` (unescaped: a pattern is only ever
 * compared with patterns, and declared field names hold no `/`), indexes and map keys as ANY.
 */
function patternOf(n: Node): string {
  let out = '';
  for (let cur: Node | undefined = n; cur?.parent; cur = cur.parent) {
    const p = cur.parent;
    out = `${Array.isArray(p.target) || p.enumerated ? ANY : `/${cur.key ?? ''}`}${out}`;
  }
  return out;
}

/** Untouched objects are free-form to the schema (no declared fields): nothing is unknown. */
function isTyped(n: Node): n is Node & { read: Set<string> } {
  return !n.enumerated && n.read !== undefined && n.read.size > 0;
}

export function trackReads(root: unknown): ReadTracker {
  const nodes: Node[] = [];
  const proxies = new WeakMap<object, unknown>();
  // Pointers are built only for what is reported: validation reads thousands of keys.
  const wrap = (v: object, parent: Node | undefined, key: string | undefined): unknown => {
    const known = proxies.get(v);
    if (known) return known;
    const node: Node = { target: v, parent, key, enumerated: false };
    if (!Array.isArray(v)) node.read = new Set();
    nodes.push(node);
    const proxy = new Proxy(v, {
      get(t, k, r) {
        const x: unknown = Reflect.get(t, k, r);
        if (typeof k !== 'string') return x;
        node.read?.add(k);
        return typeof x === 'object' && x !== null ? wrap(x, node, k) : x;
      },
      has(t, k) {
        if (typeof k === 'string') node.read?.add(k);
        return Reflect.has(t, k);
      },
      ownKeys(t) {
        node.enumerated = true;
        return Reflect.ownKeys(t);
      },
    });
    proxies.set(v, proxy);
    return proxy;
  };
  const value = typeof root === 'object' && root !== null ? wrap(root, undefined, undefined) : root;
  return {
    value,
    nodes,
    unread() {
      const out: string[] = [];
      for (const n of nodes) {
        if (!isTyped(n)) continue;
        for (const k of Object.keys(n.target)) if (!n.read.has(k)) out.push(`${pointerOf(n)}${pointerSegment(k)}`);
      }
      return out;
    },
  };
}

/** Per field pattern of one type: the declared keys, a map, or free-form, as validation showed them. */
export class FieldShapes {
  private readonly shapes = new Map<string, ReadonlySet<string> | 'map' | 'free'>();

  /** Keep what a run with no validation error showed (a failed run may have skipped fields). */
  learn(tracker: ReadTracker): void {
    for (const n of tracker.nodes) {
      if (Array.isArray(n.target)) continue;
      const p = patternOf(n);
      if (!this.shapes.has(p)) this.shapes.set(p, n.enumerated ? 'map' : isTyped(n) ? n.read : 'free');
    }
  }

  /** Pointers of the fields the learnt shapes do not declare; undefined when a field pattern of `object` is not learnt yet. */
  unknown(object: unknown): string[] | undefined {
    const out: string[] = [];
    // The keys down to the current value; a pointer is built only for an unknown field.
    const keys: string[] = [];
    const pointer = (k: string) => [...keys, k].map(pointerSegment).join('');
    const walk = (v: unknown, pattern: string): boolean => {
      if (Array.isArray(v)) {
        return v.every((x, i) => {
          keys.push(String(i));
          const ok = walk(x, pattern + ANY);
          keys.pop();
          return ok;
        });
      }
      if (typeof v !== 'object' || v === null) return true;
      const shape = this.shapes.get(pattern);
      if (shape === undefined) return false;
      if (shape === 'free') return true;
      for (const k in v) {
        if (shape !== 'map' && !shape.has(k)) {
          out.push(pointer(k));
          continue;
        }
        keys.push(k);
        const ok = walk((v as Record<string, unknown>)[k], shape === 'map' ? pattern + ANY : `${pattern}/${k}`);
        keys.pop();
        if (!ok) return false;
      }
      return true;
    };
    return walk(object, '') ? out : undefined;
  }
}
