// Validates suite.yaml against suite.schema.json with ajv, filling the schema's defaults.
// ajv reports every error; the first one in the file (see schema-errors.ts) is thrown as
// a ConfigIssue with the project's wording.
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { firstIssue } from './schema-errors.js';
import { deref, isSchemaNode, SUITE_SCHEMA } from './schema-node.js';
import type { SchemaNode } from './schema-node.js';
import type { LoadedSuiteFile } from './types.js';

/**
 * Keywords the schema adds for messages and docs; ajv only needs to know them.
 * `patternErrorMessage` is the one VS Code's YAML/JSON language servers also show.
 */
const MESSAGE_KEYWORDS = ['patternErrorMessage', 'tooFewErrorMessage', 'itemsNoun'] as const;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled === undefined) {
    // allErrors: pick the first mistake in the file, not the first ajv happens to visit.
    // verbose: errors carry their schema and data, which the messages quote.
    // allowUnionTypes: kitValues is `true` or a cluster name.
    const ajv = new Ajv({ allErrors: true, verbose: true, useDefaults: true, strict: true, allowUnionTypes: true });
    ajv.addVocabulary([...MESSAGE_KEYWORDS]);
    compiled = ajv.compile(SUITE_SCHEMA);
  }
  return compiled;
}

/**
 * Validate and default the parsed file in place. A key with no value (`key:`) counts as
 * absent, as it always has; an empty axis option (`off:`) is the empty option.
 * Throws the first ConfigIssue.
 */
export function validateSuiteFile(data: unknown): LoadedSuiteFile {
  dropNullKeys(data, SUITE_SCHEMA);
  const validate = validator();
  if (!validate(data)) throw firstIssue((validate.errors ?? []) as ErrorObject[], data);
  // ajv has filled every `default` of the schema: the file now has the loaded shape.
  return data as LoadedSuiteFile;
}

/** Remove `key: null` from the maps whose keys the schema declares (not from free-form values). */
function dropNullKeys(data: unknown, node: SchemaNode): void {
  const s = deref(node);
  if (Array.isArray(data)) {
    if (isSchemaNode(s.items)) for (const item of data) dropNullKeys(item, s.items);
    return;
  }
  if (typeof data !== 'object' || data === null) return;
  const map = data as Record<string, unknown>;
  const props = isSchemaNode(s.properties) ? s.properties : undefined;
  for (const [key, value] of Object.entries(map)) {
    const sub = props?.[key] ?? (props === undefined ? s.additionalProperties : undefined);
    if (!isSchemaNode(sub)) continue;
    if (value === null && props !== undefined) delete map[key];
    else if (value === null && allowsNull(sub)) map[key] = {};
    else dropNullKeys(value, sub);
  }
}

function allowsNull(node: SchemaNode): boolean {
  const type = deref(node).type;
  return Array.isArray(type) && type.includes('null');
}
