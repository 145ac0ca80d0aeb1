// Flux variables files: a flat YAML map of name → scalar, as postBuild.substitute holds them.
import { LineCounter } from 'yaml';
import { ConfigError } from '../../errors.js';
import { boundedValue, isMap, parseYamlStream, readYamlText, yamlSyntaxError } from '../../manifests/yaml.js';
import { FLUX_VARIABLE_NAME as VARIABLE_NAME } from '../flux-variable.js';

/** The variables file: a flat YAML map of name → scalar; numbers and booleans become strings. */
export async function readVariables(abs: string, file: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readYamlText(abs, file); // size cap and strict UTF-8
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`Flux variables file ${file}: cannot read it`);
  }
  const lineCounter = new LineCounter();
  const docs = parseYamlStream(text, lineCounter);
  for (const doc of docs) if (doc.errors[0]) throw yamlSyntaxError(file, doc.errors[0], lineCounter);
  const data: unknown = docs.length ? boundedValue(docs[0], file, lineCounter) : {};
  if (docs.length > 1) throw new ConfigError(`${file}: Flux variables file must hold one YAML document`);
  if (data === null || data === undefined) return {};
  if (!isMap(data)) throw new ConfigError(`${file}: Flux variables file must be a map of name → value`);
  return variablesOf(
    data,
    (name, what) =>
      new ConfigError(`${file}: ${what === 'name' ? `${name} is not a valid Flux variable name` : `variable ${name} must be a string, number or boolean`}`),
  );
}

/** Name → string of a map of variables (a variables file, or a ConfigMap's/Secret's data), names checked as Flux does. */
export function variablesOf(data: Record<string, unknown>, fail: (name: string, what: 'name' | 'value') => Error): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(data)) {
    if (!VARIABLE_NAME.test(name)) throw fail(name, 'name');
    if (value === null) vars[name] = '';
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') vars[name] = String(value);
    else throw fail(name, 'value');
  }
  return vars;
}
