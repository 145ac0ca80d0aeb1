// Reading a parsed YAML node tree with line numbers: every error in a test file names
// `file:line` and the key, as a maintainer would look for it. Aliases (`*name`) and merge keys
// (`<<: *name`) read as the nodes they name; errors keep the line where the alias is used.
import { isAlias, isMap as isYamlMap, isScalar, isSeq, visit, type Document, type LineCounter, type Node, type YAMLMap } from 'yaml';
import { ConfigError } from '../errors.js';
import { MAX_ALIAS_COUNT } from '../manifests/yaml.js';

/** A mapping entry: key, value node (null when empty), key node (for the line). */
export type NodeEntry = [string, Node | null, Node];

export const MERGE_SOURCE_ERROR = 'merge key `<<` takes a mapping, an alias of one, or a list of those';

/** A `<<` key as yaml reads it with `merge: true` (a plain `<<` scalar holding a symbol). */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol';
}

export class NodeReader {
  constructor(
    readonly file: string,
    private readonly lines: LineCounter,
    private readonly doc: Document,
  ) {}

  line(node: Node | null | undefined): number {
    return node?.range ? this.lines.linePos(node.range[0]).line : 1;
  }

  fail(node: Node | null | undefined, message: string): never {
    throw new ConfigError(`${this.file}:${this.line(node)}: ${message}`);
  }

  /** The node an alias names (the node itself otherwise). */
  resolve(node: Node | null | undefined): Node | null {
    if (!isAlias(node)) return node ?? null;
    return (node.resolve(this.doc) as Node | undefined) ?? null;
  }

  /**
   * Pairs of a mapping node as [key, value node, key node]; anything else is an error. Merged
   * keys (`<<`) come after the mapping's own keys, which win over them (first source wins among sources).
   */
  entries(node: Node | null | undefined, what: string): NodeEntry[] {
    const map = this.resolve(node);
    if (!isYamlMap(map)) this.fail(node, `${what} must be a mapping`);
    return this.mapEntries(map as YAMLMap, what, new Set());
  }

  private mapEntries(map: YAMLMap, what: string, path: Set<YAMLMap>): NodeEntry[] {
    // A map merging itself is refused by the document-wide alias bound already; this guards the recursion.
    if (path.has(map)) this.fail(map, 'a mapping merges itself (`<<`)');
    path.add(map);
    const own: NodeEntry[] = [];
    const merged: NodeEntry[] = [];
    for (const p of map.items) {
      const k = p.key as Node;
      const v = (p.value as Node | null) ?? null;
      if (isMergeKey(k)) for (const src of this.mergeSources(v ?? k)) merged.push(...this.mapEntries(src, what, path));
      else if (!isScalar(k)) this.fail(k, `${what}: keys must be plain strings`);
      else own.push([String(k.value), v, k]);
    }
    path.delete(map);
    const keys = new Set(own.map(([k]) => k));
    return [...own, ...merged.filter(([k]) => !keys.has(k) && keys.add(k))];
  }

  /** Fails at the first `<<` whose value is no mapping (yaml's own error for it names no line). */
  checkMerges(): void {
    visit(this.doc, {
      Pair: (_, pair) => {
        if (isMergeKey(pair.key)) this.mergeSources((pair.value as Node | null) ?? (pair.key as Node));
      },
    });
  }

  /** The mappings a `<<` value names: one mapping, or a list of them. */
  private mergeSources(node: Node): YAMLMap[] {
    const v = this.resolve(node);
    const list = isSeq(v) ? (v.items as Node[]) : [node];
    return list.map((item) => {
      const m = this.resolve(item);
      return isYamlMap(m) ? m : this.fail(item, MERGE_SOURCE_ERROR);
    });
  }

  /** Every key known, or a plain error naming the key and the known ones. */
  checkKeys(entries: NodeEntry[], known: readonly string[], what: string, unsupported: Record<string, string> = {}): void {
    for (const [k, , keyNode] of entries) {
      if (k in unsupported) this.fail(keyNode, `${what} key \`${k}\` is not supported: ${unsupported[k]}`);
      if (!known.includes(k)) this.fail(keyNode, `${what} key \`${k}\` is not a known key (known: ${known.join(', ')})`);
    }
  }

  value(node: Node | null): unknown {
    return node === null ? null : (node.toJS(this.doc, { maxAliasCount: MAX_ALIAS_COUNT }) as unknown);
  }

  str(node: Node | null, what: string): string {
    const v = this.value(node);
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return this.fail(node, `${what} must be a string`);
  }

  bool(node: Node | null, what: string): boolean {
    const v = this.value(node);
    if (typeof v !== 'boolean') this.fail(node, `${what} must be true or false`);
    return v as boolean;
  }

  int(node: Node | null, what: string): number {
    const v = this.value(node);
    if (typeof v !== 'number' || !Number.isInteger(v)) this.fail(node, `${what} must be an integer`);
    return v as number;
  }

  strList(node: Node | null, what: string): string[] {
    const list = this.resolve(node);
    if (list === null) return [];
    if (!isSeq(list)) this.fail(node, `${what} must be a list of strings`);
    return list.items.map((n) => this.str(n as Node, `${what}[]`));
  }

  seq(node: Node | null, what: string): Node[] {
    const list = this.resolve(node);
    if (!isSeq(list)) this.fail(node, `${what} must be a list`);
    return list.items as Node[];
  }
}
