// Unknown fields for validators that have no `additionalProperties: false` to say so:
// the precompiled kubernetes-models validators look up every field their schema declares
// (and enumerate maps such as labels), so a field of a typed object they never looked at
// is one the schema does not know. The object is validated through read-recording proxies.
import { pointerSegment } from '../manifests/diff.js';

interface Node {
  target: Record<string, unknown>;
  pointer: string;
  /** Keys looked up (present or not). */
  read: Set<string>;
  /** Keys enumerated (a map type, or a validator walking every key). */
  enumerated: boolean;
}

export interface ReadTracker {
  /** The object to validate (a proxy of the original, which is never modified). */
  value: unknown;
  /** JSON pointers of fields of typed objects that the validator never looked at. */
  unread(): string[];
}

export function trackReads(root: unknown): ReadTracker {
  const nodes: Node[] = [];
  const proxies = new WeakMap<object, unknown>();
  const wrap = (v: unknown, pointer: string): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    const known = proxies.get(v);
    if (known) return known;
    const node: Node | undefined = Array.isArray(v) ? undefined : { target: v as Record<string, unknown>, pointer, read: new Set(), enumerated: false };
    if (node) nodes.push(node);
    const proxy = new Proxy(v, {
      get(t, k, r) {
        const x: unknown = Reflect.get(t, k, r);
        if (typeof k !== 'string') return x;
        node?.read.add(k);
        return wrap(x, `${pointer}${pointerSegment(k)}`);
      },
      has(t, k) {
        if (typeof k === 'string') node?.read.add(k);
        return Reflect.has(t, k);
      },
      ownKeys(t) {
        if (node) node.enumerated = true;
        return Reflect.ownKeys(t);
      },
    });
    proxies.set(v, proxy);
    return proxy;
  };
  const value = wrap(root, '');
  return {
    value,
    unread() {
      const out: string[] = [];
      for (const n of nodes) {
        // Untouched objects are free-form to the schema (no declared fields): nothing is unknown.
        if (n.enumerated || n.read.size === 0) continue;
        for (const k of Object.keys(n.target)) if (!n.read.has(k)) out.push(`${n.pointer}${pointerSegment(k)}`);
      }
      return out;
    },
  };
}
