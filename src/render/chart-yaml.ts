// The one Chart.yaml reader (and requirements.yaml, a subchart's Chart.yaml): read and
// parsed once per file version and process, since every render of a chart asks again and
// a 250 kB comment-heavy Chart.yaml costs milliseconds to parse (bench: bigchart). Callers
// decide what a missing or broken file means: the suite fails, verify-bump reports it,
// the dependency planner lets helm say it in its own words.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, YAMLParseError, type YAMLError } from 'yaml';
import { ConfigError } from '../errors.js';
import { isMap, parseYamlDocument, readYamlText, yamlValue, type YamlMap } from '../manifests/yaml.js';

export type YamlFile =
  | { status: 'missing' }
  /** The first syntax error, with the line counter that places it. */
  | { status: 'invalid'; error: YAMLError; lineCounter: LineCounter }
  /** Too large or not UTF-8: `reason` says which (size, or the invalid byte and its offset). */
  | { status: 'unreadable'; reason: string }
  /** `map` is undefined when the document is not a mapping (a list, a scalar, empty). */
  | { status: 'ok'; map: YamlMap | undefined };

const parsed = new Map<string, { stamp: string; value: YamlFile }>();

/** A YAML file of a chart, parsed (memoised by size and mtime) through the bounded readers: an alias bomb is `invalid`. */
async function readYamlFile(file: string): Promise<YamlFile> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return { status: 'missing' };
  const stamp = `${info.size}:${info.mtimeMs}`;
  const hit = parsed.get(file);
  if (hit?.stamp === stamp) return hit.value;
  const value = await readText(file).then((text) => (typeof text === 'string' ? parseText(text) : text));
  parsed.set(file, { stamp, value });
  return value;
}

const LABEL = 'yaml file';

/** The text, or why it cannot be read (as the status the callers already handle). */
async function readText(file: string): Promise<string | YamlFile> {
  try {
    return await readYamlText(file, LABEL);
  } catch (err) {
    if (err instanceof ConfigError) return { status: 'unreadable', reason: err.message.slice(LABEL.length + 2) };
    return { status: 'missing' };
  }
}

function parseText(text: string): YamlFile {
  const lineCounter = new LineCounter();
  const doc = parseYamlDocument(text, lineCounter);
  const error = doc.errors[0];
  if (error) return { status: 'invalid', error, lineCounter };
  try {
    const data = yamlValue(doc);
    return { status: 'ok', map: isMap(data) ? data : undefined };
  } catch (err) {
    if (err instanceof YAMLParseError) return { status: 'invalid', error: err, lineCounter };
    throw err;
  }
}

/** The Chart.yaml of a chart directory. */
export function readChartYaml(chartDir: string): Promise<YamlFile> {
  return readYamlFile(path.join(chartDir, 'Chart.yaml'));
}

/** The parsed mapping, or undefined when the file is absent, broken or not a mapping. */
export async function readYamlMap(file: string): Promise<YamlMap | undefined> {
  const read = await readYamlFile(file);
  return read.status === 'ok' ? read.map : undefined;
}
