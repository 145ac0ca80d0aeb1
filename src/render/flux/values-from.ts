// HelmRelease values as helm-controller composes them (fluxcd/pkg/chartutil
// ChartValuesFromReferences): valuesFrom in order, then spec.values last. Maps are merged
// with nested objects shared, not copied, as upstream does: that sharing decides whether a
// targetPath value or an inline value wins (see flux-facts §4.5). Pure: objects come in.
import { ConfigError } from '../../errors.js';
import type { K8sObject } from '../../manifests/types.js';
import { isMap, parseYamlDocument, yamlValue } from '../../manifests/yaml.js';
import type { Values } from '../../model/release.js';
import { nonEmptyString, type ObjectLookup } from './release.js';
import { setPath } from './set-path.js';

export interface ComposedValues {
  values: Values;
  /** Strings that came from Secrets: redacted from every report. */
  secrets: string[];
  /** Optional references that were skipped (missing object or key), one line each. */
  skipped: string[];
}

/** Flux's MergeMaps: a shallow copy of `a`, `b` merged in; maps met on both sides merged, nested objects shared. */
export function mergeMaps(a: Values, b: Values): Values {
  const out: Values = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const mine = out[k];
    out[k] = isMap(v) && isMap(mine) ? mergeMaps(mine, v) : v;
  }
  return out;
}

/** The `data` of a ConfigMap, or of a Secret as the API server holds it (base64 `data` decoded, `stringData` over it). */
export function dataOf(obj: K8sObject): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (m: unknown, decode: boolean) => {
    if (!isMap(m)) return;
    for (const [k, v] of Object.entries(m)) if (v !== null && v !== undefined) out[k] = decode ? Buffer.from(String(v), 'base64').toString('utf8') : String(v);
  };
  put(obj.data, obj.kind === 'Secret');
  if (obj.kind === 'Secret') put(obj.stringData, false);
  return out;
}

/**
 * spec.valuesFrom then spec.values of a HelmRelease, `where` naming it in messages. References
 * are looked up in the HelmRelease's namespace; `optional` tolerates a missing object or key.
 */
export function composeValues(hr: K8sObject, namespace: string, inline: Values, where: string, lookup: ObjectLookup): ComposedValues {
  const spec = isMap(hr.spec) ? hr.spec : {};
  const refs = Array.isArray(spec.valuesFrom) ? spec.valuesFrom : [];
  // Inline values are parsed afresh each reconcile: a copy, so the kit's own object stays as written.
  const own = structuredClone(inline);
  let result: Values = {};
  const secrets: string[] = [];
  const skipped: string[] = [];
  refs.forEach((ref: unknown, i) => {
    const at = `${where}: HelmRelease ${namespace}/${String(hr.metadata?.name ?? '')} spec.valuesFrom[${i}]`;
    if (!isMap(ref)) throw new ConfigError(`${at} must be a mapping`);
    const kind = String(ref.kind ?? '');
    const name = String(ref.name ?? '');
    if (kind !== 'ConfigMap' && kind !== 'Secret') throw new ConfigError(`${at}: kind must be ConfigMap or Secret, got ${kind || 'nothing'}`);
    const key = nonEmptyString(ref.valuesKey) ?? 'values.yaml';
    const obj = lookup(kind, namespace, name);
    const data = obj ? dataOf(obj) : undefined;
    if (!data || !(key in data)) {
      const what = data ? `has no key ${key}` : 'is not in the kit';
      if (ref.optional === true) return void skipped.push(`${kind} ${namespace}/${name} ${what} (optional: skipped)`);
      throw new ConfigError(`${at}: ${kind} ${namespace}/${name} ${what} (Flux would not install the release; mark it optional: true if it may be absent)`);
    }
    const text = data[key];
    const targetPath = nonEmptyString(ref.targetPath);
    if (targetPath) {
      result = mergeMaps(result, own);
      setPath(result, targetPath, text, ref.literal === true, at);
      if (kind === 'Secret') secrets.push(text);
      return;
    }
    let parsed: unknown;
    try {
      // Bounded and linear like every YAML input (manifests/yaml.ts).
      const doc = parseYamlDocument(text);
      if (doc.errors[0]) throw doc.errors[0];
      parsed = yamlValue(doc) ?? {};
    } catch (err) {
      throw new ConfigError(`${at}: ${kind} ${namespace}/${name} key ${key} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    }
    if (!isMap(parsed)) throw new ConfigError(`${at}: ${kind} ${namespace}/${name} key ${key} must hold a YAML mapping of values`);
    if (kind === 'Secret') collectStrings(parsed, secrets);
    result = mergeMaps(result, parsed);
  });
  return { values: mergeMaps(result, own), secrets, skipped };
}

function collectStrings(v: unknown, into: string[]): void {
  if (typeof v === 'string' || typeof v === 'number') into.push(String(v));
  else if (Array.isArray(v)) v.forEach((x) => collectStrings(x, into));
  else if (isMap(v)) Object.values(v).forEach((x) => collectStrings(x, into));
}
