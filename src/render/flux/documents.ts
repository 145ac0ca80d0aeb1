// Kit files as Flux sees them: multi-document YAML parsed with positions, and post-build
// substitution per object on its comment-free re-serialisation (kustomize-controller runs
// envsubst after `kustomize build`, when comments are long gone).
import { stringify, visit, LineCounter, YAMLParseError } from 'yaml';
import type { Document } from 'yaml';
import { ConfigError, withHint } from '../../errors.js';
import type { K8sObject } from '../../manifests/types.js';
import { boundedValue, isMap, parseYamlDocument, parseYamlStream, yamlErrorReason, yamlSyntaxError, yamlValue } from '../../manifests/yaml.js';
import { EXPRESSION, REFERENCE, expand, undefinedVariable } from './substitute.js';

export interface SubstituteDocumentOptions {
  strict: boolean;
  /** Where a missing variable should be added, for the strict-mode hint. */
  variablesFile?: string;
}

export interface KitDocument {
  /** The document as written (before substitution). */
  object: K8sObject;
  /** Position of the document in its file (0-based, empty documents counted). */
  index: number;
  /** 1-based line where the document's content starts. */
  line: number;
  /** Parsed form with source ranges, to find where a variable was written. */
  node: Document;
  lineCounter: LineCounter;
}

export function parseKitFile(text: string, file: string): KitDocument[] {
  const lineCounter = new LineCounter();
  // Bounded and linear (manifests/yaml.ts): depth, duplicate keys, alias bombs.
  const docs = parseYamlStream(text, lineCounter);
  const out: KitDocument[] = [];
  docs.forEach((doc, index) => {
    const error = doc.errors[0];
    if (error) throw yamlSyntaxError(file, error, lineCounter);
    const value: unknown = boundedValue(doc, file, lineCounter);
    if (value === null || value === undefined) return; // empty document
    const line = lineCounter.linePos(doc.contents?.range[0] ?? doc.range[0]).line;
    if (!isMap(value)) throw new ConfigError(`${file}:${line}: document ${index} is not a mapping`);
    out.push({ object: value as K8sObject, index, line, node: doc, lineCounter });
  });
  return out;
}

const SUBSTITUTE_KEY = 'kustomize.toolkit.fluxcd.io/substitute';

/**
 * Post-build substitution of one kit object as kustomize-controller does it: skipped when
 * the object's annotation or label `kustomize.toolkit.fluxcd.io/substitute` is `disabled`;
 * otherwise on the object re-serialised (so comments are gone and an undefined variable in
 * a comment is no error), then parsed again, so `${N}` with N=3 becomes the number 3.
 * Gotcha, as in Flux: source quoting does not survive the re-serialisation (kustomize
 * round-trips through JSON), so `port: "${PORT}"` with PORT=8080 is the number 8080 too.
 */
export function substituteDocument(doc: KitDocument, source: string, file: string, vars: Record<string, string>, opts: SubstituteDocumentOptions): K8sObject {
  const meta = doc.object.metadata;
  const disabled = (m: unknown): boolean => isMap(m) && m[SUBSTITUTE_KEY] === 'disabled';
  if (isMap(meta) && (disabled(meta.annotations) || disabled(meta.labels))) return doc.object;
  // No `$` anywhere: nothing to substitute (a native JSON pass is far cheaper than a YAML one).
  if (!JSON.stringify(doc.object).includes('$')) return doc.object;

  // lineWidth 0: no folding, which could split a `${…}` over two lines.
  const text = stringify(doc.object, { lineWidth: 0, aliasDuplicateObjects: false });
  const missing: string[] = [];
  const { text: substituted, names } = expand(text, vars, (name) => void missing.push(name));
  if (opts.strict && missing.length > 0) {
    // Report the undefined variable written first in the original file, at that line.
    const found = missing.map((name) => ({ name, line: sourceLine(doc, source, name) ?? doc.line }));
    const first = found.reduce((a, b) => (b.line < a.line ? b : a));
    throw undefinedVariable(first.name, `${file}:${first.line}`, opts.variablesFile);
  }
  if (substituted === text) return doc.object;

  const reparsed = parseObject(substituted);
  if (typeof reparsed === 'string') {
    // Blame the variables that, left unsubstituted alone, make the object parse again.
    const distinct = [...new Set(names)];
    const culprits = distinct.filter((name) => typeof parseObject(expand(text, vars, () => {}, name).text) !== 'string');
    const blamed = culprits.length ? culprits : distinct;
    throw withHint(
      new ConfigError(
        `${file}:${doc.line}: document ${doc.index} is not valid YAML after Flux substitution` +
          `${blamed.length ? ` of ${blamed.join(', ')}` : ''}: ${reparsed}`,
      ),
      'a variable value holding YAML syntax (`: `, ` #`, a leading `[`, `{`, `*`, `&`…) changes the document; ' +
        'make the quotes part of the value (e.g. HOST: "\'a: b\'") or fix the value',
    );
  }
  return reparsed;
}

/** One YAML mapping parsed from text, or what is wrong with the text. */
export function parseObject(text: string): K8sObject | string {
  const parsed = parseYamlDocument(text);
  const error = parsed.errors[0];
  if (error) return yamlErrorReason(error);
  let value: unknown;
  try {
    value = yamlValue(parsed);
  } catch (err) {
    if (err instanceof YAMLParseError) return yamlErrorReason(err);
    throw err;
  }
  return isMap(value) ? (value as K8sObject) : 'it is no longer a mapping';
}

/**
 * 1-based line of the first `${name}` (no default) written outside a comment in this
 * document of the original file: comments are not YAML nodes, so only scalars are searched.
 */
function sourceLine(doc: KitDocument, source: string, name: string): number | undefined {
  let best: number | undefined;
  visit(doc.node, {
    Scalar(_key, node) {
      if (!node.range) return;
      const [start, end] = node.range;
      for (const m of source.slice(start, end).matchAll(REFERENCE)) {
        const expr = m[1] ? null : EXPRESSION.exec(m[2]);
        if (expr && expr[1] === name && expr[2] === undefined) {
          const line = doc.lineCounter.linePos(start + m.index).line;
          if (best === undefined || line < best) best = line;
        }
      }
    },
  });
  return best;
}
