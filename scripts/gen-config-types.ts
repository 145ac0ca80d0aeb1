// The TypeScript types of suite.yaml, generated from src/config/suite.schema.json by
// json-schema-to-typescript, then split into one file per top-level section (every file in
// src stays under the line limit as the schema grows) behind an index that keeps imports stable.
import { compile } from 'json-schema-to-typescript';
import ts from 'typescript';
import { SUITE_SCHEMA } from '../src/config/schema-node.js';
import type { SchemaNode } from '../src/config/schema-node.js';

/** The index every importer uses: it re-exports the section files. */
export const TYPES_FILE = 'src/config/suite-types.generated.ts';
/** Folder of the section files. */
export const TYPES_DIR = 'src/config/suite-types';
/** The project's limit for a file in src or scripts. */
export const MAX_FILE_LINES = 300;

/**
 * Files of their own, claimed in this order: the types a top-level `key` (or a titled
 * `definition`) reaches and no earlier entry took. Everything else (SuiteFile itself, the
 * smaller sections) goes to suite-file. When a file grows past the limit, add an entry here.
 */
export const TYPE_SECTIONS: readonly TypeSection[] = [
  { key: 'defaults', file: 'defaults' },
  { key: 'bootstrapKit', file: 'bootstrap-kit' },
  { key: 'charts', file: 'charts' },
];
const REST = 'suite-file';

export type TypeSection = { key: string; file: string } | { definition: string; file: string };

export interface GeneratedFile {
  /** Path relative to the project root. */
  file: string;
  text: string;
}

const BANNER = '// Generated from src/config/suite.schema.json by `npm run gen:config`: do not edit.\n';

/** The index and section files, as generated; throws a one-line message when one would exceed `maxLines`. */
export async function renderConfigTypes(maxLines = MAX_FILE_LINES, sections = TYPE_SECTIONS): Promise<GeneratedFile[]> {
  const whole = await compile(inlineHelpers(SUITE_SCHEMA) as Parameters<typeof compile>[0], 'SuiteFile', {
    bannerComment: '',
    additionalProperties: false,
    ignoreMinAndMaxItems: true,
    unreachableDefinitions: false,
    format: true,
    style: { singleQuote: true, printWidth: 140 },
  });
  const decls = declarations(whole);
  const owner = assignSections(decls, sections);
  const names = [...new Set([...sections.map((s) => s.file), REST])].filter((name) => decls.some((d) => owner.get(d.name) === name));
  const files = names.map((name) => sectionFile(name, decls, owner, sections));
  const index = [
    BANNER + '// The raw shape of suite.yaml, one file per top-level section (scripts/gen-config-types.ts, TYPE_SECTIONS);',
    '// src/config/types.ts adds what loading fills in (defaults, root, file).',
    ...names.map((name) => `export type * from './suite-types/${name}.generated.js';`),
    '',
  ].join('\n');
  const all = [{ file: TYPES_FILE, text: index }, ...files];
  for (const f of all) {
    const lines = f.text.split('\n').length - 1;
    if (lines > maxLines) {
      throw new Error(
        `${f.file} would be ${lines} lines, over the ${maxLines}-line limit: add an entry to TYPE_SECTIONS in scripts/gen-config-types.ts to move some of its types to a file of their own`,
      );
    }
  }
  return all;
}

interface Declaration {
  name: string;
  /** The declaration with its doc comment. */
  text: string;
  /** Names of other generated types it refers to. */
  refs: Set<string>;
}

/** The top-level declarations of the generated text, in order, with the type names each refers to. */
function declarations(source: string): Declaration[] {
  const sf = ts.createSourceFile('suite-types.ts', source, ts.ScriptTarget.Latest, true);
  const decls = sf.statements.map((stmt) => {
    if (!ts.isInterfaceDeclaration(stmt) && !ts.isTypeAliasDeclaration(stmt))
      throw new Error(`json-schema-to-typescript emitted an unexpected ${ts.SyntaxKind[stmt.kind]}`);
    const refs = new Set<string>();
    const visit = (node: ts.Node): void => {
      if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) refs.add(node.typeName.text);
      ts.forEachChild(node, visit);
    };
    visit(stmt);
    return { name: stmt.name.text, text: stmt.getFullText(sf).trim(), refs };
  });
  const known = new Set(decls.map((d) => d.name));
  for (const d of decls) for (const r of d.refs) if (!known.has(r) || r === d.name) d.refs.delete(r);
  return decls;
}

/** Each type's file: the first section whose key reaches it, else the rest. Sections only point at earlier sections, so no cycle. */
function assignSections(decls: Declaration[], sections: readonly TypeSection[]): Map<string, string> {
  const byName = new Map(decls.map((d) => [d.name, d]));
  const owner = new Map<string, string>();
  for (const section of sections) {
    const node = 'key' in section ? (SUITE_SCHEMA.properties as Record<string, SchemaNode>)[section.key] : { $ref: `#/definitions/${section.definition}` };
    const stack = node === undefined ? [] : titlesReached(node);
    while (stack.length > 0) {
      const name = stack.pop()!;
      if (owner.has(name) || !byName.has(name)) continue;
      owner.set(name, section.file);
      stack.push(...byName.get(name)!.refs);
    }
  }
  for (const d of decls) if (!owner.has(d.name)) owner.set(d.name, REST);
  return owner;
}

/** Titles of the named definitions a schema node refers to (through untitled helpers). */
function titlesReached(node: unknown, seen = new Set<string>()): string[] {
  if (Array.isArray(node)) return node.flatMap((n) => titlesReached(n, seen));
  if (typeof node !== 'object' || node === null) return [];
  const out: string[] = [];
  const ref = (node as SchemaNode).$ref;
  if (typeof ref === 'string' && !seen.has(ref)) {
    seen.add(ref);
    const def = (SUITE_SCHEMA.definitions as Record<string, SchemaNode>)[ref.replace('#/definitions/', '')];
    if (typeof def?.title === 'string') out.push(def.title);
    else out.push(...titlesReached(def, seen));
  }
  for (const v of Object.values(node)) out.push(...titlesReached(v, seen));
  return out;
}

function sectionFile(name: string, decls: Declaration[], owner: Map<string, string>, sections: readonly TypeSection[]): GeneratedFile {
  const mine = decls.filter((d) => owner.get(d.name) === name);
  const imports = new Map<string, Set<string>>();
  for (const d of mine) {
    for (const r of d.refs) {
      const from = owner.get(r)!;
      if (from !== name) imports.set(from, (imports.get(from) ?? new Set()).add(r));
    }
  }
  const importLines = [...imports].map(([from, set]) => `import type { ${[...set].sort().join(', ')} } from './${from}.generated.js';`);
  const what = sections.filter((s) => s.file === name).map((s) => ('key' in s ? `\`${s.key}\`` : `definitions.${s.definition}`));
  const head = [BANNER.trimEnd(), `// Types of suite.yaml: ${name === REST ? 'the file itself and the keys without a file of their own' : what.join(', ')}.`];
  const text = [...head, ...(importLines.length > 0 ? ['', ...importLines] : []), '', mine.map((d) => d.text).join('\n\n'), ''].join('\n');
  return { file: `${TYPES_DIR}/${name}.generated.ts`, text };
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
