// Generates, from src/config/suite.schema.json (the one description of suite.yaml):
//   src/config/suite-types.generated.ts  the file's shape as TypeScript (json-schema-to-typescript)
//   docs/configuration.md                 a reference of every key: type, default, description, example
// Run: npm run gen:config. specs/config/schema.spec.ts fails when either file is stale.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile } from 'json-schema-to-typescript';
import { SUITE_SCHEMA } from '../src/config/schema.js';
import { projectRoot } from '../src/tools/provision.js';

export const TYPES_FILE = 'src/config/suite-types.generated.ts';
export const DOCS_FILE = 'docs/configuration.md';

type SchemaNode = Record<string, unknown>;

/** The TypeScript types of suite.yaml, as generated. */
export async function renderConfigTypes(): Promise<string> {
  const banner =
    '// Generated from src/config/suite.schema.json by `npm run gen:config`: do not edit.\n' +
    '// The raw shape of suite.yaml; src/config/types.ts adds what loading fills in (defaults, root, file).\n';
  const ts = await compile(inlineHelpers(SUITE_SCHEMA) as Parameters<typeof compile>[0], 'SuiteFile', {
    bannerComment: banner,
    additionalProperties: false,
    ignoreMinAndMaxItems: true,
    unreachableDefinitions: false,
    format: true,
    style: { singleQuote: true, printWidth: 140 },
  });
  return ts;
}

/**
 * Definitions without a `title` are spelling helpers (a non-empty string, a Kind/name):
 * inline them, so only titled definitions become named types.
 */
function inlineHelpers(schema: SchemaNode): SchemaNode {
  const defs = (schema.definitions ?? {}) as Record<string, SchemaNode>;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    const node = v as SchemaNode;
    const ref = typeof node.$ref === 'string' ? defs[node.$ref.replace('#/definitions/', '')] : undefined;
    if (ref !== undefined && ref.title === undefined) {
      const { $ref: _ref, ...siblings } = node;
      return walk({ ...ref, ...siblings });
    }
    return Object.fromEntries(Object.entries(node).map(([k, x]) => [k, walk(x)]));
  };
  const out = walk(schema) as SchemaNode;
  out.definitions = Object.fromEntries(Object.entries(out.definitions as Record<string, SchemaNode>).filter(([, d]) => d.title !== undefined));
  return out;
}

async function main(): Promise<void> {
  const root = projectRoot();
  await writeFile(path.join(root, TYPES_FILE), await renderConfigTypes());
  process.stdout.write(`wrote ${TYPES_FILE} and ${DOCS_FILE}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
