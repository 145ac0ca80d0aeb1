// YAML helpers every reader shares (renders, kit files, Chart.yaml, the suite config): the
// mapping guard and one wording for syntax errors. Here, in the lowest layer that parses
// YAML, so render/ and config/ both import down instead of render/ reaching into config/.
import type { LineCounter, YAMLError } from 'yaml';
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
