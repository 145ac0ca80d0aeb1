// The one Chart.yaml reader (and requirements.yaml, a subchart's Chart.yaml): read and
// parsed once per file version and process, since every render of a chart asks again and
// a 250 kB comment-heavy Chart.yaml costs milliseconds to parse (bench: bigchart). Callers
// decide what a missing or broken file means: the suite fails, verify-bump reports it,
// the dependency planner lets helm say it in its own words.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { isMap, type YamlMap } from '../manifests/yaml.js';

export type YamlFile =
  | { status: 'missing' }
  /** The first syntax error, with the line counter that places it. */
  | { status: 'invalid'; error: YAMLError; lineCounter: LineCounter }
  /** `map` is undefined when the document is not a mapping (a list, a scalar, empty). */
  | { status: 'ok'; map: YamlMap | undefined };

const parsed = new Map<string, { stamp: string; value: YamlFile }>();

/** A YAML file of a chart, parsed (memoised by size and mtime). */
async function readYamlFile(file: string): Promise<YamlFile> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return { status: 'missing' };
  const stamp = `${info.size}:${info.mtimeMs}`;
  const hit = parsed.get(file);
  if (hit?.stamp === stamp) return hit.value;
  const text = await readFile(file, 'utf8').catch(() => undefined);
  let value: YamlFile;
  if (text === undefined) value = { status: 'missing' };
  else {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, prettyErrors: false });
    const error = doc.errors[0];
    if (error) value = { status: 'invalid', error, lineCounter };
    else {
      const data: unknown = doc.toJS();
      value = { status: 'ok', map: isMap(data) ? data : undefined };
    }
  }
  parsed.set(file, { stamp, value });
  return value;
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
