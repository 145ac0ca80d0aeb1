// Validates suite.yaml against suite.schema.json with ajv, filling the schema's defaults.
// ajv reports every error; the first one in the file (see schema-errors.ts) is thrown as
// a ConfigIssue with the project's wording. The validator is ajv's code compiled ahead of
// time by `npm run gen:config` (scripts/gen-config-validator.ts: the options), so no run compiles it.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { firstIssue } from './schema-errors.js';
import { deref, isSchemaNode, SUITE_SCHEMA } from './schema-node.js';
import type { SchemaNode } from './schema-node.js';
import generated from './suite-validator.generated.js';
import type { LoadedSuiteFile } from './types.js';

const validate = generated as unknown as ValidateFunction;

/**
 * Validate and default the parsed file in place. A key with no value (`key:`) counts as
 * absent, as it always has; an empty axis option (`off:`) is the empty option.
 * Throws the first ConfigIssue.
 */
export function validateSuiteFile(data: unknown): LoadedSuiteFile {
  dropNullKeys(data, SUITE_SCHEMA);
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
