// Reading a parsed YAML node tree with line numbers: every error in a test file names
// `file:line` and the key, as a maintainer would look for it.
import { isMap as isYamlMap, isScalar, isSeq, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import { ConfigError } from '../errors.js';

export class NodeReader {
  constructor(
    readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  line(node: Node | null | undefined): number {
    return node?.range ? this.lines.linePos(node.range[0]).line : 1;
  }

  fail(node: Node | null | undefined, message: string): never {
    throw new ConfigError(`${this.file}:${this.line(node)}: ${message}`);
  }

  /** Pairs of a mapping node as [key, value node, key node]; anything else is an error. */
  entries(node: Node | null | undefined, what: string): [string, Node | null, Node][] {
    if (!isYamlMap(node)) this.fail(node, `${what} must be a mapping`);
    return (node as YAMLMap).items.map((p: Pair) => {
      const k = p.key as Node;
      if (!isScalar(k)) this.fail(k, `${what}: keys must be plain strings`);
      return [String(k.value), (p.value as Node | null) ?? null, k];
    });
  }

  /** Every key known, or a plain error naming the key and the known ones. */
  checkKeys(entries: [string, Node | null, Node][], known: readonly string[], what: string, unsupported: Record<string, string> = {}): void {
    for (const [k, , keyNode] of entries) {
      if (k in unsupported) this.fail(keyNode, `${what} key \`${k}\` is not supported: ${unsupported[k]}`);
      if (!known.includes(k)) this.fail(keyNode, `${what} key \`${k}\` is not a known key (known: ${known.join(', ')})`);
    }
  }

  value(node: Node | null): unknown {
    return node === null ? null : node.toJSON();
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
    if (node === null) return [];
    if (!isSeq(node)) this.fail(node, `${what} must be a list of strings`);
    return node.items.map((n) => this.str(n as Node, `${what}[]`));
  }

  seq(node: Node | null, what: string): Node[] {
    if (!isSeq(node)) this.fail(node, `${what} must be a list`);
    return node.items as Node[];
  }
}
