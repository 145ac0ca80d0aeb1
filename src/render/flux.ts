// Reads a Flux bootstrap kit the way Flux would: multi-document YAML, then post-build
// substitution per object on its comment-free re-serialisation (as kustomize-controller
// does after `kustomize build`), then HelmRelease → (release name, namespace, chart,
// pinned version, values). Everything else in the kit is kept as plain objects.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments, parseDocument, stringify, visit, LineCounter } from 'yaml';
import type { Document } from 'yaml';
import { ConfigError, withHint } from '../errors.js';
import { effectiveNamespace } from '../manifests/scope.js';
import type { K8sObject, Manifest } from '../manifests/types.js';
import { isMap, yamlErrorReason, yamlSyntaxError } from '../manifests/yaml.js';
import type { FluxHelmRelease } from './flux-types.js';
import { FLUX_VARIABLE_NAME as VARIABLE_NAME } from './flux-variable.js';
import { KUSTOMIZATION_FILES } from './kustomize.js';
import type { Values } from '../model/release.js';

// ---------------------------------------------------------------------------
// Post-build substitution
// ---------------------------------------------------------------------------

/**
 * `$${…}` (escape) or `${…}` on one line. Group 1 is the extra `$` of the escape,
 * group 2 the text between the braces.
 */
const REFERENCE = /\$(\$?)\{([^{}\n]*)\}/g;

/**
 * The text between `${` and `}`: a name, optionally followed by an operator and a default.
 *   NAME            value, or '' / strict error when unset
 *   NAME:-default   default when unset OR empty
 *   NAME:=default   same as `:-` here: Flux's envsubst would also assign the variable,
 *                   which only matters for later references in the same text; the kit
 *                   never relies on that, so we do not model it
 *   NAME-default    default when unset (not when empty)
 *   NAME=default    same as `-` (assignment not modelled, as above)
 * Other envsubst operators (`${#NAME}`, `${NAME/x/y}`, `${NAME:0:3}`…) are not used by
 * bootstrap kits; they do not match and are left untouched, as are invalid names.
 */
const EXPRESSION = /^([^:=-]*)(?:(:?[-=])(.*))?$/s;

export interface SubstituteOptions {
  /** Undefined variable without default is an error (Flux `substitute: strict`-like). */
  strict: boolean;
  /** File name for messages (relative to the charts root). */
  file: string;
  /** Where a missing variable should be added, for the strict-mode hint. */
  variablesFile?: string;
}

/**
 * Flux post-build substitution on YAML text. Replacement values are inserted verbatim, so
 * `enabled: ${FLAG:-false}` parses as a boolean. Works on any text (comments included);
 * loadBootstrapKit runs the same expansion on comment-free re-serialised objects, as Flux does.
 */
export function substitute(text: string, vars: Record<string, string>, opts: SubstituteOptions): string {
  return expand(text, vars, (name, offset) => {
    if (opts.strict) throw undefinedVariable(name, `${opts.file}:${lineAt(text, offset)}`, opts.variablesFile);
  }).text;
}

interface Expansion {
  text: string;
  /** Names of the variable references replaced (escapes excluded), in order of appearance. */
  names: string[];
}

/**
 * The substitution itself; `onUndefined` sees each unset variable without default (by
 * offset in the input) before it becomes ''. References to `keep` stay as written, which
 * lets a broken result be blamed on the variable whose value broke it.
 */
function expand(
  text: string,
  vars: Record<string, string>,
  onUndefined: (name: string, offset: number) => void,
  keep?: string,
): Expansion {
  const names: string[] = [];
  const out = text.replace(REFERENCE, (match: string, escape: string, inner: string, offset: number) => {
    if (escape) return match.slice(1); // `$${X}` → literal `${X}`
    const expr = EXPRESSION.exec(inner);
    if (!expr || !VARIABLE_NAME.test(expr[1])) return match;
    const [, name, op, fallback = ''] = expr;
    if (name === keep) return match;
    names.push(name);
    const defined = Object.hasOwn(vars, name);
    const value = defined ? vars[name] : undefined;
    if (op === ':-' || op === ':=') return value ? value : fallback;
    if (op === '-' || op === '=') return defined ? value! : fallback;
    if (defined) return value!;
    onUndefined(name, offset);
    return '';
  });
  return { text: out, names };
}

function undefinedVariable(name: string, where: string, variablesFile: string | undefined): ConfigError {
  const file = variablesFile ?? 'a variables file (bootstrapKit.variablesFile)';
  return new ConfigError(
    `undefined Flux variable ${name} in ${where} (strict mode): ` +
      `add it to ${file} or give it a default (\${${name}:-…})`,
  );
}

/** 1-based line number of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

// ---------------------------------------------------------------------------
// HelmRelease → Helm release
// ---------------------------------------------------------------------------

/**
 * The Helm release Flux installs for a HelmRelease object:
 * name = spec.releaseName, else [spec.targetNamespace-]metadata.name;
 * namespace = spec.targetNamespace, else metadata.namespace, else `default`.
 * (helm-controller also shortens names over 53 characters with a hash suffix;
 * such names are not valid Helm release names to begin with and are not modelled.)
 */
export function deriveRelease(obj: K8sObject): { releaseName: string; releaseNamespace: string } {
  const spec = isMap(obj.spec) ? obj.spec : {};
  const name = obj.metadata?.name ?? '';
  const releaseName = nonEmptyString(spec.releaseName);
  const targetNamespace = nonEmptyString(spec.targetNamespace);
  return {
    releaseName: releaseName ?? (targetNamespace ? `${targetNamespace}-${name}` : name),
    releaseNamespace: targetNamespace ?? nonEmptyString(obj.metadata?.namespace) ?? 'default',
  };
}

// ---------------------------------------------------------------------------
// Bootstrap kit
// ---------------------------------------------------------------------------

export interface LoadBootstrapKitOptions {
  /** Absolute charts root; kitDir and variablesFile are relative to it. */
  root: string;
  kitDir: string;
  variablesFile?: string;
  strict: boolean;
}

export interface BootstrapKit {
  helmReleases: FluxHelmRelease[];
  /** Every other object of the kit (Namespaces, HelmRepositories…), after substitution. */
  objects: Manifest[];
  /** The variables used for substitution (from the variables file; {} without one). */
  variables: Record<string, string>;
}

/**
 * Every `*.yaml`/`*.yml` in the kit folder (sorted by name, not recursive), except the
 * kustomization and the variables file, substituted and parsed as Flux would.
 */
export async function loadBootstrapKit(opts: LoadBootstrapKitOptions): Promise<BootstrapKit> {
  const kitAbs = path.resolve(opts.root, opts.kitDir);
  const varsAbs = opts.variablesFile === undefined ? undefined : path.resolve(opts.root, opts.variablesFile);
  const variables = varsAbs === undefined ? {} : await readVariables(varsAbs, rel(opts.root, varsAbs));

  let entries;
  try {
    entries = await readdir(kitAbs, { withFileTypes: true });
  } catch {
    throw new ConfigError(`bootstrap kit ${opts.kitDir}: no such directory under ${opts.root}`);
  }
  const files = entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name) && !KUSTOMIZATION_FILES.includes(e.name))
    .map((e) => path.join(kitAbs, e.name))
    .filter((f) => f !== varsAbs)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const helmReleases: FluxHelmRelease[] = [];
  const objects: Manifest[] = [];
  const seen = new Map<string, string>();
  for (const abs of files) {
    const file = rel(opts.root, abs);
    const source = await readFile(abs, 'utf8');
    for (const doc of parseKitFile(source, file)) {
      const { index, line } = doc;
      const where = `${file}:${line}`;
      const object = substituteDocument(doc, source, file, variables, opts);
      const kind = object.kind;
      const apiVersion = object.apiVersion;
      const name = object.metadata?.name;
      if (typeof kind !== 'string' || typeof apiVersion !== 'string' || typeof name !== 'string' || !name) {
        throw new ConfigError(`${where}: document ${index} has no apiVersion, kind and metadata.name`);
      }
      const namespace = effectiveNamespace(kind, object.metadata?.namespace, 'default');
      const id = namespace === undefined ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
      const first = seen.get(id);
      if (first) throw new ConfigError(`${where}: ${id} is already defined in ${first} (Flux would refuse the kit)`);
      seen.set(id, where);

      if (kind === 'HelmRelease' && apiVersion.startsWith('helm.toolkit.fluxcd.io/')) {
        helmReleases.push(toHelmRelease(object, file, where, namespace ?? 'default'));
      } else {
        objects.push({ kind, apiVersion, name, namespace, source: file, index, object });
      }
    }
  }
  if (helmReleases.length === 0) {
    const read = files.map((f) => path.basename(f));
    throw withHint(
      new ConfigError(`bootstrap kit ${opts.kitDir} has no HelmRelease`),
      `bootstrapKit.path in the suite config must name the folder of the kit's HelmRelease files ` +
        `(read ${read.length ? read.join(', ') : 'no *.yaml file'}; a HelmRelease needs apiVersion helm.toolkit.fluxcd.io/*)`,
    );
  }
  return { helmReleases, objects, variables };
}

interface KitDocument {
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

function parseKitFile(text: string, file: string): KitDocument[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const out: KitDocument[] = [];
  docs.forEach((doc, index) => {
    const error = doc.errors[0];
    if (error) throw yamlSyntaxError(file, error, lineCounter);
    const value: unknown = doc.toJS();
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
function substituteDocument(
  doc: KitDocument,
  source: string,
  file: string,
  vars: Record<string, string>,
  opts: Pick<LoadBootstrapKitOptions, 'strict' | 'variablesFile'>,
): K8sObject {
  const meta = doc.object.metadata;
  const disabled = (m: unknown): boolean => isMap(m) && m[SUBSTITUTE_KEY] === 'disabled';
  if (isMap(meta) && (disabled(meta.annotations) || disabled(meta.labels))) return doc.object;

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
function parseObject(text: string): K8sObject | string {
  const parsed = parseDocument(text, { prettyErrors: false });
  const error = parsed.errors[0];
  if (error) return yamlErrorReason(error);
  const value: unknown = parsed.toJS();
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

function toHelmRelease(obj: K8sObject, file: string, where: string, namespace: string): FluxHelmRelease {
  const name = obj.metadata!.name!;
  const label = `HelmRelease ${namespace}/${name}`;
  const spec = isMap(obj.spec) ? obj.spec : {};
  const chartSpec = isMap(spec.chart) && isMap(spec.chart.spec) ? spec.chart.spec : {};
  const chart = chartSpec.chart;
  if (typeof chart !== 'string' || !chart) {
    throw new ConfigError(`${where}: ${label} has no spec.chart.spec.chart`);
  }
  const version = chartSpec.version;
  if (version === undefined || version === null || version === '') {
    throw new ConfigError(`${where}: ${label} has no spec.chart.spec.version (the kit must pin the chart version)`);
  }
  if (typeof version !== 'string') {
    // `version: 1.10` is the number 1.1 to YAML; Flux's CRD schema would reject it too.
    throw new ConfigError(`${where}: ${label} spec.chart.spec.version must be a string, got ${typeof version} (quote it)`);
  }
  const values = spec.values ?? {};
  if (!isMap(values)) throw new ConfigError(`${where}: ${label} spec.values must be a mapping`);
  return {
    file,
    name,
    namespace,
    ...deriveRelease(obj),
    chart,
    version,
    values: values as Values,
  };
}

/** The variables file: a flat YAML map of name → scalar; numbers and booleans become strings. */
async function readVariables(abs: string, file: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(abs, 'utf8');
  } catch {
    throw new ConfigError(`Flux variables file ${file}: cannot read it`);
  }
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  for (const doc of docs) if (doc.errors[0]) throw yamlSyntaxError(file, doc.errors[0], lineCounter);
  const data: unknown = docs.length ? docs[0].toJS() : {};
  if (docs.length > 1) throw new ConfigError(`${file}: Flux variables file must hold one YAML document`);
  if (data === null || data === undefined) return {};
  if (!isMap(data)) throw new ConfigError(`${file}: Flux variables file must be a map of name → value`);
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(data)) {
    if (!VARIABLE_NAME.test(name)) throw new ConfigError(`${file}: ${name} is not a valid Flux variable name`);
    if (value === null) vars[name] = '';
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') vars[name] = String(value);
    else throw new ConfigError(`${file}: variable ${name} must be a string, number or boolean`);
  }
  return vars;
}

function rel(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}

function nonEmptyString(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
