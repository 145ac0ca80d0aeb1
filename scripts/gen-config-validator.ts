// The suite.yaml validator, compiled ahead of time: ajv's standalone code for
// src/config/suite.schema.json, so a run imports a function instead of compiling the schema
// (about 100–250 ms of every check). The ajv options live here, the one place they are set.
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { SUITE_SCHEMA } from '../src/config/schema-node.js';

/** The generated module (src/config/schema.ts imports it). */
export const VALIDATOR_FILE = 'src/config/suite-validator.generated.ts';

/**
 * Keywords the schema adds for messages and docs; ajv only needs to know them.
 * `patternErrorMessage` is the one VS Code's YAML/JSON language servers also show.
 */
const MESSAGE_KEYWORDS = ['patternErrorMessage', 'tooFewErrorMessage', 'itemsNoun'] as const;

/** The validator module's text: ajv's ESM code, with a `require` for the runtime helpers it loads (equal, ucs2length). */
export function renderSuiteValidator(): string {
  // allErrors: pick the first mistake in the file, not the first ajv happens to visit.
  // verbose: errors carry their schema and data, which the messages quote.
  // allowUnionTypes: kitValues is `true` or a cluster name.
  const ajv = new Ajv({ allErrors: true, verbose: true, useDefaults: true, strict: true, allowUnionTypes: true, code: { source: true, esm: true } });
  ajv.addVocabulary([...MESSAGE_KEYWORDS]);
  const code = standaloneCode.default(ajv, ajv.compile(SUITE_SCHEMA));
  return [
    '// Generated from src/config/suite.schema.json by `npm run gen:config`: do not edit.',
    '// @ts-nocheck',
    "import { createRequire } from 'node:module';",
    'const require = createRequire(import.meta.url);',
    code.replace(/^"use strict";/, ''),
    '',
  ].join('\n');
}
