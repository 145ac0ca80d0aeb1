// Reads suite.yaml into plain data while keeping the parsed Document and its line
// counter, so a mistake found in the data can be pointed at its line in the file.
import { isMap, isNode, isPair, isScalar, isSeq, LineCounter } from 'yaml';
import type { Document, Node } from 'yaml';
import { ConfigError } from '../errors.js';
import { boundedValue, parseYamlDocument, readYamlText, yamlSyntaxError } from '../manifests/yaml.js';
import { DEFAULT_CONFIG_NAME } from './locate.js';
import type { ConfigPath } from './issue.js';

export interface ConfigDocument {
  /** The file as plain data (what the schema validates). */
  data: unknown;
  doc: Document;
  lineCounter: LineCounter;
}

/** Read and parse the config file; a missing file or a YAML syntax error is a ConfigError. */
export async function readConfigDocument(file: string, label: string): Promise<ConfigDocument> {
  let text: string;
  try {
    // Bounded: too large or not UTF-8 is a ConfigError naming the file (and the byte offset).
    text = await readYamlText(file, label);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`suite config ${file}: no such file (set SUITE_CONFIG, or CHARTS_ROOT to a folder holding ${DEFAULT_CONFIG_NAME})`);
  }
  const lineCounter = new LineCounter();
  const doc = parseYamlDocument(text, lineCounter);
  if (doc.errors[0]) throw yamlSyntaxError(label, doc.errors[0], lineCounter);
  return { data: boundedValue(doc, label, lineCounter), doc, lineCounter };
}

/**
 * 1-based line and column of the node at `path`: its key when `atKey` (or when the value
 * is missing), else its value. Walks up to the nearest node that exists, so a missing
 * required key points at the map that lacks it.
 */
export function positionOf(cd: ConfigDocument, path: ConfigPath, atKey = false): { line: number; column: number } | undefined {
  let node: unknown = cd.doc.contents;
  let key: unknown;
  for (const segment of path) {
    const found = childOf(node, segment);
    if (found === undefined) break;
    [key, node] = found;
  }
  const target = atKey || !isNode(node) ? (isNode(key) ? key : node) : node;
  const offset = isNode(target) ? (target as Node).range?.[0] : undefined;
  if (offset === undefined) return undefined;
  const { line, col } = cd.lineCounter.linePos(offset);
  return { line, column: col };
}

/** The key node and value node of one path step, if present. */
function childOf(node: unknown, segment: string | number): [unknown, unknown] | undefined {
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return item === undefined ? undefined : [undefined, item];
  }
  if (isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(segment));
    return pair === undefined ? undefined : [pair.key, pair.value ?? pair.key];
  }
  return undefined;
}
