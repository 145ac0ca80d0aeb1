// Walking suite.schema.json as data (the null-key pass before validation, the reference
// generator): a node, the guard, and local `#/definitions/x` references followed.
import schema from './suite.schema.json' with { type: 'json' };

export type SchemaNode = Record<string, unknown>;

/** The suite.yaml JSON Schema (also what editors load through `# yaml-language-server: $schema=`). */
export const SUITE_SCHEMA: Readonly<SchemaNode> = schema;

export function isSchemaNode(v: unknown): v is SchemaNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A node with its `$ref` followed: the definition's keys, under the node's own (a description, a default). */
export function deref(node: SchemaNode): SchemaNode {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  const defs = SUITE_SCHEMA.definitions as Record<string, SchemaNode>;
  const { $ref: _ref, ...own } = node;
  return { ...deref(defs[ref.replace('#/definitions/', '')]), ...own };
}
