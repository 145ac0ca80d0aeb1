// Generates, from src/config/suite.schema.json (the one description of suite.yaml):
//   src/config/suite-types.generated.ts  the file's shape as TypeScript (json-schema-to-typescript), an index
//     of src/config/suite-types/*.generated.ts, one file per section (scripts/gen-config-types.ts)
//   docs/configuration.md                 a reference of every key: type, default, description, example
//   src/config/suite-validator.generated.ts  the ajv validator, compiled ahead of time (scripts/gen-config-validator.ts)
// Run: npm run gen:config. specs/config/schema.spec.ts fails when any of them is stale.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderConfigTypes, TYPES_DIR } from './gen-config-types.js';
import { renderSuiteValidator, VALIDATOR_FILE } from './gen-config-validator.js';
import { Document, isMap, isScalar, visit } from 'yaml';
import { deref, isSchemaNode, SUITE_SCHEMA } from '../src/config/schema-node.js';
import type { SchemaNode } from '../src/config/schema-node.js';
import { projectRoot } from '../src/paths.js';

export const DOCS_FILE = 'docs/configuration.md';
export { renderConfigTypes, TYPES_DIR, TYPES_FILE } from './gen-config-types.js';
export { renderSuiteValidator, VALIDATOR_FILE } from './gen-config-validator.js';

// ---------------------------------------------------------------------------
// docs/configuration.md: one section per key, in the schema's order.
// ---------------------------------------------------------------------------

/** A key as the reference shows it: `charts[].matrix.axes.<axis>`; `concrete` names the example's keys. */
export interface KeyDoc {
  label: string;
  concrete: (string | number)[];
  node: SchemaNode;
  description: string;
  required: boolean;
  example: unknown;
}

/** The configuration reference, as generated. */
export function renderConfigDocs(): string {
  const keys = configKeys();
  const rows = keys.map((k) => `| [\`${k.label}\`](#${anchor(k.label)}) | ${typeText(k.node)} | ${k.required ? 'yes' : 'no'} | ${defaultText(k.node)} |`);
  return [
    '# Configuration reference: suite.yaml',
    '',
    '<!-- Generated from src/config/suite.schema.json by `npm run gen:config`: edit the schema, not this file. -->',
    '',
    String(SUITE_SCHEMA.description),
    '',
    'The file is described by the JSON Schema [`src/config/suite.schema.json`](../src/config/suite.schema.json), the one source',
    'of this page and of the TypeScript types (`src/config/suite-types.generated.ts`, via json-schema-to-typescript).',
    'The suite validates the file against it with [ajv](https://ajv.js.org) (a well-kept, fast JSON Schema validator), fills',
    'the defaults listed here, then checks what a schema cannot say: chart ids that other keys name, matrix axes and cells,',
    'kustomize-only keys on charts without `kustomizeDir`, and that every path exists under the charts root.',
    'A mistake is one line, `<file>:<line>: <key path> <what is wrong>` (e.g. `suite.yaml:99: charts[1].apiVersions must be a',
    'list of strings, got string`), the line being that of the YAML node it is about, as for YAML syntax errors; the error',
    'also carries the file, key path, line and column apart (`SuiteConfigError.location`).',
    '',
    "Editors with the YAML language server (e.g. VS Code's YAML extension) complete and check suite.yaml when its first",
    'line names the schema, relative to the file:',
    '',
    '```yaml',
    '# yaml-language-server: $schema=../src/config/suite.schema.json',
    '```',
    '',
    '## Keys',
    '',
    '| Key | Type | Required | Default |',
    '|---|---|---|---|',
    ...rows,
    '',
    ...keys.flatMap(section),
  ].join('\n');
}

/** Every key of suite.yaml, in the schema's order, with the example the reference shows. */
export function configKeys(): KeyDoc[] {
  const keys: KeyDoc[] = [];
  collect(SUITE_SCHEMA, '', [], undefined, keys);
  return keys;
}

function collect(node: SchemaNode, at: string, concrete: (string | number)[], inherited: unknown, out: KeyDoc[]): void {
  const s = deref(node);
  const props = (s.properties ?? {}) as Record<string, SchemaNode>;
  const required = (s.required ?? []) as string[];
  for (const [key, child] of Object.entries(props)) {
    const label = at ? `${at}.${key}` : key;
    const example = exampleOf(child, isSchemaNode(inherited) ? inherited[key] : undefined);
    out.push({ label, concrete: [...concrete, key], node: child, description: describe(child), required: required.includes(key), example });
    descend(child, label, [...concrete, key], example, out);
  }
}

/** Into a list's items, or a map's values named by `propertyNames.title`. */
function descend(node: SchemaNode, at: string, concrete: (string | number)[], example: unknown, out: KeyDoc[]): void {
  const s = deref(node);
  if (isSchemaNode(s.items)) {
    descend(s.items, `${at}[]`, [...concrete, 0], Array.isArray(example) ? example[0] : undefined, out);
  } else if (isSchemaNode(s.properties)) {
    collect(s, at, concrete, example, out);
  } else if (isSchemaNode(s.additionalProperties) && isSchemaNode(s.propertyNames) && typeof s.propertyNames.title === 'string') {
    const [name, value] = isSchemaNode(example) ? (Object.entries(example)[0] ?? []) : [];
    const label = `${at}.<${s.propertyNames.title}>`;
    const key = name ?? s.propertyNames.title;
    const child = s.additionalProperties;
    out.push({ label, concrete: [...concrete, key], node: child, description: describe(child), required: false, example: exampleOf(child, value) });
    descend(child, label, [...concrete, key], exampleOf(child, value), out);
  }
}

function section(k: KeyDoc): string[] {
  const s = deref(k.node);
  const lines = [`### \`${k.label}\``, '', k.description, '', `- Type: ${typeText(k.node)}`, `- Required: ${k.required ? 'yes' : 'no'}`];
  const def = defaultText(k.node);
  if (def !== '—') lines.push(`- Default: ${def}`);
  const rules = constraints(s);
  if (rules.length > 0) lines.push(`- Rules: ${rules.join('; ')}`);
  if (k.example !== undefined) lines.push('', '```yaml', nest(k.concrete, k.example).trimEnd(), '```');
  return [...lines, ''];
}

/** The example placed at its key path, so it can be pasted into a suite.yaml; short lists and list entries in flow style. */
function nest(concrete: (string | number)[], value: unknown): string {
  const wrapped = concrete.reduceRight<unknown>((inner, key) => (typeof key === 'number' ? [inner] : { [key]: inner }), value);
  const doc = new Document(wrapped);
  visit(doc, {
    Seq(_, seq) {
      if (seq.items.every((item) => isScalar(item))) seq.flow = true;
      for (const item of seq.items) if (isMap(item) && item.items.every((pair) => isScalar(pair.value))) item.flow = true;
    },
  });
  return doc.toString({ nullStr: '', flowCollectionPadding: false });
}

/** The node's own example, else the one its parent's example gives it, else one built from its keys, else its default. */
function exampleOf(node: SchemaNode, inherited: unknown): unknown {
  const s = deref(node);
  const own = (node.examples ?? s.examples) as unknown[] | undefined;
  if (own?.[0] !== undefined) return own[0];
  if (inherited !== undefined) return inherited;
  if (isSchemaNode(s.properties)) {
    const required = (s.required ?? []) as string[];
    const entries = Object.entries(s.properties as Record<string, SchemaNode>)
      .filter(([key]) => required.length === 0 || required.includes(key))
      .map(([key, child]) => [key, exampleOf(child, undefined)] as const)
      .filter(([, v]) => v !== undefined);
    if (entries.length > 0) return Object.fromEntries(entries);
  }
  if (isSchemaNode(s.items)) {
    const item = exampleOf(s.items, undefined);
    if (item !== undefined) return [item];
  }
  return node.default ?? s.default;
}

function typeText(node: SchemaNode): string {
  const s = deref(node);
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v) => `\`${String(v)}\``).join(', ')}`;
  const types = (Array.isArray(s.type) ? s.type : [s.type]).filter((t) => t !== 'null').map(String);
  const text = types
    .map((t) => {
      if (t === 'array') return `list of ${inner(isSchemaNode(s.items) ? typeText(s.items) : 'values')}`;
      if (t === 'object' && isSchemaNode(s.additionalProperties) && isSchemaNode(s.propertyNames)) {
        return `map of ${String(s.propertyNames.title ?? 'name')} → ${inner(typeText(s.additionalProperties))}`;
      }
      if (t === 'object') return isSchemaNode(s.properties) ? 'map' : 'map (any values)';
      return t;
    })
    .join(' or ');
  return Array.isArray(s.type) && s.type.includes('null') ? `${text} or empty` : text;
}

/** A type inside another, parenthesised when it has parts of its own. */
function inner(text: string): string {
  return /,| or | → /.test(text) ? `(${text})` : text;
}

function defaultText(node: SchemaNode): string {
  const def = node.default ?? deref(node).default;
  return def === undefined ? '—' : `\`${JSON.stringify(def)}\``;
}

/** The checks on the value itself, in words. */
function constraints(s: SchemaNode): string[] {
  const rules: string[] = [];
  const item = isSchemaNode(s.items) ? deref(s.items) : undefined;
  for (const n of [s, item]) {
    if (n === undefined) continue;
    const of = n === item ? 'each item ' : '';
    if (typeof n.patternErrorMessage === 'string') rules.push(`${of}${n.patternErrorMessage} (pattern \`${String(n.pattern)}\`)`);
    else if (n.minLength === 1) rules.push(`${of}must not be empty`);
    if (typeof n.minimum === 'number') rules.push(`${of}at least ${n.minimum}${typeof n.maximum === 'number' ? `, at most ${n.maximum}` : ''}`);
  }
  for (const [n, of] of [
    [s, ''],
    [item, 'each item '],
  ] as const) {
    if (typeof n?.tooFewErrorMessage === 'string') rules.push(`${of}${n.tooFewErrorMessage}`);
    if (n?.uniqueItems === true) rules.push(`${of}no repeats`);
  }
  if (isSchemaNode(s.propertyNames)) {
    const names = deref(s.propertyNames);
    rules.push(`${String(s.propertyNames.title ?? 'key')} names ${String(names.patternErrorMessage ?? '')}`.trim());
  }
  return rules;
}

function describe(node: SchemaNode): string {
  return String(node.description ?? deref(node).description ?? '');
}

function anchor(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

async function main(): Promise<void> {
  const root = projectRoot();
  let types;
  try {
    types = await renderConfigTypes();
  } catch (err) {
    process.stderr.write(`gen:config: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  // Section files no longer generated (a section renamed or emptied) are removed, not left stale.
  await mkdir(path.join(root, TYPES_DIR), { recursive: true });
  const wanted = new Set(types.map((t) => path.join(root, t.file)));
  for (const name of await readdir(path.join(root, TYPES_DIR))) {
    const abs = path.join(root, TYPES_DIR, name);
    if (name.endsWith('.generated.ts') && !wanted.has(abs)) await rm(abs);
  }
  for (const t of types) await writeFile(path.join(root, t.file), t.text);
  await writeFile(path.join(root, DOCS_FILE), renderConfigDocs());
  await writeFile(path.join(root, VALIDATOR_FILE), renderSuiteValidator());
  process.stdout.write(`wrote ${[...types.map((t) => t.file), DOCS_FILE, VALIDATOR_FILE].join(', ')}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
