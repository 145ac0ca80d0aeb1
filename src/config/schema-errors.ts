// ajv errors → ConfigIssues in the project's wording (`must be a list of strings, got
// number`). The wording comes from the schema itself where it is specific to a key
// (`patternErrorMessage`, `tooFewErrorMessage`, `itemsNoun`), else from the keyword.
import type { ErrorObject } from 'ajv';
import { ConfigIssue, typeName } from './issue.js';
import type { ConfigPath } from './issue.js';
import type { SchemaNode } from './schema-node.js';

/** Keyword order for errors on the same node: its type first, then its keys, then the rest. */
const PRIORITY = ['type', 'additionalProperties', 'required', 'minLength'];

/**
 * The first mistake in the file: errors sorted by where their node sits (document order,
 * a map before what is inside it), then by PRIORITY. Wrappers (`propertyNames`) are skipped:
 * ajv reports the failing name separately.
 */
export function firstIssue(errors: readonly ErrorObject[], data: unknown): ConfigIssue {
  const ranked = errors
    .filter((e) => e.keyword !== 'propertyNames')
    .map((e) => {
      const path = toPath(e.instancePath, data);
      return { e, path, order: orderOf(path, data), rank: rankOf(e.keyword) };
    })
    .sort((a, b) => compareOrder(a.order, b.order) || a.rank - b.rank);
  const first = ranked[0];
  if (first === undefined) return new ConfigIssue([], 'does not match the suite.yaml schema');
  return toIssue(first.e, first.path);
}

function rankOf(keyword: string): number {
  const i = PRIORITY.indexOf(keyword);
  return i === -1 ? PRIORITY.length : i;
}

/** One ajv error in words, at the path it is about. */
export function toIssue(e: ErrorObject, path: ConfigPath): ConfigIssue {
  const parent = (e.parentSchema ?? {}) as SchemaNode;
  const params = e.params as Record<string, unknown>;
  const got = `got ${typeName(e.data)}`;
  switch (e.keyword) {
    case 'type':
      return new ConfigIssue(path, `must be ${expectedType(e.schema, parent)}, ${got}`);
    case 'additionalProperties': {
      const known = Object.keys((parent.properties ?? {}) as SchemaNode).join(', ');
      return new ConfigIssue([...path, String(params.additionalProperty)], `is not a known key (known: ${known})`, true);
    }
    case 'required':
      return new ConfigIssue([...path, String(params.missingProperty)], 'is required');
    case 'minLength':
      return new ConfigIssue(path, 'must not be empty');
    case 'pattern': {
      // A failing map key (propertyNames) is reported on the map, naming the key.
      const name = e.propertyName;
      const shape = typeof parent.patternErrorMessage === 'string' ? parent.patternErrorMessage : `must match ${String(e.schema)}`;
      if (typeof name === 'string') return new ConfigIssue([...path, name], `${shape}, got ${name}`, true);
      return new ConfigIssue(path, `${shape}, got ${String(e.data)}`);
    }
    case 'enum': {
      const options = (e.schema as unknown[]).map(String).join(' or ');
      return new ConfigIssue(path, `must be ${options}, got ${typeof e.data === 'string' ? e.data : typeName(e.data)}`);
    }
    case 'minItems':
    case 'minProperties':
      return new ConfigIssue(path, typeof parent.tooFewErrorMessage === 'string' ? parent.tooFewErrorMessage : (e.message ?? 'has too few entries'));
    case 'uniqueItems': {
      const list = e.data as unknown[];
      const i = list.findIndex((x, j) => list.indexOf(x) !== j);
      return new ConfigIssue([...path, i], `repeats ${String(list[i])}`);
    }
    case 'minimum':
    case 'maximum': {
      const min = typeof parent.minimum === 'number' ? parent.minimum : Number.MIN_SAFE_INTEGER;
      const max = typeof parent.maximum === 'number' ? parent.maximum : Number.MAX_SAFE_INTEGER;
      return new ConfigIssue(path, `must be between ${min} and ${max}, got ${String(e.data)}`);
    }
    default:
      return new ConfigIssue(path, e.message ?? `fails ${e.keyword}`);
  }
}

/** `a map`, `a list of charts`, `a string`, `true or false`, `an integer`. */
function expectedType(type: unknown, parent: SchemaNode): string {
  const types = (Array.isArray(type) ? type : [type]).filter((t) => t !== 'null');
  const words: Record<string, string> = {
    object: 'a map',
    array: `a list of ${typeof parent.itemsNoun === 'string' ? parent.itemsNoun : 'values'}`,
    string: 'a string',
    boolean: 'true or false',
    integer: 'an integer',
    number: 'a number',
  };
  return types.map((t) => words[String(t)] ?? String(t)).join(' or ');
}

/** `/charts/0/apiVersions` → `['charts', 0, 'apiVersions']` (indexes where the data is a list). */
function toPath(pointer: string, data: unknown): ConfigPath {
  const path: (string | number)[] = [];
  let node = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment = Array.isArray(node) ? Number(key) : key;
    path.push(segment);
    node = (node as Record<string | number, unknown> | undefined)?.[segment];
  }
  return path;
}

/** Position of each step among its siblings: the data keeps the file's key order. */
function orderOf(path: ConfigPath, data: unknown): number[] {
  const order: number[] = [];
  let node = data;
  for (const segment of path) {
    order.push(typeof segment === 'number' ? segment : Object.keys((node ?? {}) as object).indexOf(segment));
    node = (node as Record<string | number, unknown> | undefined)?.[segment];
  }
  return order;
}

/** Document order; a node before its children. */
function compareOrder(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
