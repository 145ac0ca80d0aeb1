// YAML helpers every reader shares (renders, kit files, Chart.yaml, the suite config): the
// mapping guard and one wording for syntax errors. Here, in the lowest layer that parses
// YAML, so render/ and config/ both import down instead of render/ reaching into config/.
import { readFile, stat } from 'node:fs/promises';
import { isCollection, isPair, isScalar, parseAllDocuments, parseDocument, YAMLParseError, type Document, type LineCounter, type YAMLError } from 'yaml';
import { ConfigError } from '../errors.js';

export type YamlMap = Record<string, unknown>;

/** A YAML mapping (not a list, scalar or null). */
export function isMap(v: unknown): v is YamlMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The yaml library's message, first line only and without its `at line L, column C`: that
 * position counts from the start of the parsed text, and each caller states its own.
 */
export function yamlErrorReason(err: Pick<YAMLError, 'message'>): string {
  return err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** Where a file mistake is, as messages start: `file:line`, or `file` when the line is unknown. */
export function fileAtLine(file: string, line?: number): string {
  return line === undefined ? file : `${file}:${line}`;
}

/** A YAML syntax error as `file:line: invalid YAML: message` (no code frame, no stack). */
export function yamlSyntaxError(file: string, err: YAMLError, lineCounter?: LineCounter): ConfigError {
  const line = err.linePos?.[0].line ?? lineCounter?.linePos(err.pos[0]).line;
  return new ConfigError(`${fileAtLine(file, line)}: invalid YAML: ${yamlErrorReason(err)}`);
}

// ---------------------------------------------------------------------------
// Bounded, linear YAML reading: every YAML input made outside the project (suite.yaml, kit
// files and variables, HelmRelease values, rendered output) goes through these, so an alias
// bomb, a deep nesting, a huge or non-UTF-8 file ends in one message instead of a stack trace,
// minutes of CPU or an out-of-memory abort.
// ---------------------------------------------------------------------------

/** Deepest collection nesting accepted (Kubernetes objects and values files stay far below). */
export const MAX_YAML_DEPTH = 200;
/** yaml's own guard against alias expansion (billion laughs): aliases × aliased nodes. */
export const MAX_ALIAS_COUNT = 1000;
/** Largest YAML input file read (suite config, kit files, variables). */
export const MAX_YAML_FILE_BYTES = 16 * 1024 * 1024;

export type ParsedYaml = Document.Parsed;
/** `merge`: read `<<` keys as YAML 1.1 merge keys (helm-unittest files use them, as go-yaml reads them). */
export type YamlReadOptions = { merge?: boolean };

/**
 * Parse a YAML stream in time linear in its size. yaml's own duplicate-key check compares each
 * key with every earlier one (quadratic: a 20,000-key map took seconds); it is off and done here
 * with a set. Duplicate keys and too-deep nesting land in `doc.errors` like syntax errors, so each
 * caller reports them as it reports those.
 */
export function parseYamlStream(text: string, lineCounter?: LineCounter, options: YamlReadOptions = {}): ParsedYaml[] {
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false, merge: options.merge ?? false });
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    checkTree(doc);
    if (lineCounter) for (const e of doc.errors) e.linePos ??= [lineCounter.linePos(e.pos[0]), lineCounter.linePos(e.pos[1])];
    doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
  }
  return list;
}

/** One-document form of parseYamlStream (a missing document is an empty one). */
export function parseYamlDocument(text: string, lineCounter?: LineCounter): ParsedYaml {
  const docs = parseYamlStream(text, lineCounter);
  if (docs.length > 1)
    docs[0].errors.push(
      new YAMLParseError([docs[1].range[0], docs[1].range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'),
    );
  return docs[0] ?? parseDocument('');
}

/** Iterative walk (no recursion: a 10,000-level nesting must not overflow the stack): depth and duplicate keys. */
function checkTree(doc: ParsedYaml): void {
  const stack: Array<[unknown, number]> = [[doc.contents, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth > MAX_YAML_DEPTH) {
      doc.errors.push(new YAMLParseError(rangeOf(node), 'RESOURCE_EXHAUSTION', `nesting is deeper than ${MAX_YAML_DEPTH} levels`));
      return;
    }
    const seen = new Set<string>();
    for (const item of node.items) {
      if (isPair(item)) {
        const k = item.key;
        if (isScalar(k)) {
          const id = `${typeof k.value}:${String(k.value)}`;
          if (seen.has(id)) doc.errors.push(new YAMLParseError(rangeOf(k), 'DUPLICATE_KEY', 'Map keys must be unique'));
          seen.add(id);
        } else stack.push([k, depth + 1]);
        stack.push([item.value, depth + 1]);
      } else stack.push([item, depth + 1]);
    }
  }
}

function rangeOf(node: { range?: readonly number[] | null }): [number, number] {
  return [node.range?.[0] ?? 0, node.range?.[1] ?? 0];
}

/**
 * The document's JavaScript value, with aliases bounded: an alias bomb throws a YAMLParseError
 * (at the document's start) that callers report like a syntax error, not yaml's ReferenceError.
 */
export function yamlValue(doc: Document): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      const start = doc.contents?.range?.[0] ?? 0;
      throw new YAMLParseError([start, start + 1], 'RESOURCE_EXHAUSTION', err.message.split('\n')[0]);
    }
    throw err;
  }
}

/** yamlValue for a file: an alias bomb is a ConfigError `file:line: invalid YAML: …`. */
export function boundedValue(doc: Document, file: string, lineCounter?: LineCounter): unknown {
  try {
    return yamlValue(doc);
  } catch (err) {
    if (err instanceof YAMLParseError) throw yamlSyntaxError(file, err, lineCounter);
    throw err;
  }
}

/** A YAML file's text, refused when it is too large or not UTF-8 (file and byte offset named). */
export async function readYamlText(abs: string, label: string, maxBytes = MAX_YAML_FILE_BYTES): Promise<string> {
  const size = (await stat(abs)).size;
  if (size > maxBytes) throw new ConfigError(`${label}: file is ${formatBytes(size)}, above the ${formatBytes(maxBytes)} limit for YAML input`);
  return decodeUtf8(await readFile(abs), label);
}

/** Strict UTF-8 decoding: the first invalid byte is named by its offset. */
export function decodeUtf8(bytes: Uint8Array, label: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    throw new ConfigError(`${label}: not UTF-8: invalid byte 0x${bytes[offset].toString(16).padStart(2, '0')} at byte offset ${offset}`);
  }
}

/** Offset of the first byte that starts no valid UTF-8 sequence (overlongs and surrogates included). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return bytes.length - 1;
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}
