// Container env vars: what each one reads, normalised, and how messages describe it.
import { quote } from './violation.js';
import { isObj, objs, str, type Obj } from './workloads.js';

export type EnvSource =
  | { kind: 'value'; value: string }
  | { kind: 'secretKeyRef' | 'configMapKeyRef'; name: string; key: string; optional: boolean }
  | { kind: 'fieldRef'; fieldPath: string; apiVersion: string }
  | { kind: 'resourceFieldRef'; resource: string; containerName?: string; divisor?: string }
  | { kind: 'unknown'; raw: string };

/** Env vars of a container by name; with duplicates the last one wins, as in the kubelet. */
export function envMap(container: Obj): Map<string, Obj> {
  const map = new Map<string, Obj>();
  for (const e of objs(container.env)) {
    const name = str(e.name);
    if (name !== undefined) map.set(name, e);
  }
  return map;
}

export function envSource(e: Obj): EnvSource {
  const from = e.valueFrom;
  if (!isObj(from)) {
    // No value and no valueFrom is the empty string for the kubelet.
    const v = e.value;
    return { kind: 'value', value: v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v) };
  }
  for (const kind of ['secretKeyRef', 'configMapKeyRef'] as const) {
    const ref = from[kind];
    if (isObj(ref)) {
      // An absent `optional` is false for the kubelet, so absent and false compare equal.
      return { kind, name: String(ref.name ?? ''), key: String(ref.key ?? ''), optional: ref.optional === true };
    }
  }
  if (isObj(from.fieldRef)) {
    return { kind: 'fieldRef', fieldPath: String(from.fieldRef.fieldPath ?? ''), apiVersion: str(from.fieldRef.apiVersion) ?? 'v1' };
  }
  if (isObj(from.resourceFieldRef)) {
    const r = from.resourceFieldRef;
    const divisor = r.divisor === undefined || r.divisor === null || String(r.divisor) === '1' ? undefined : String(r.divisor);
    const src: EnvSource = { kind: 'resourceFieldRef', resource: String(r.resource ?? '') };
    if (str(r.containerName)) src.containerName = str(r.containerName);
    if (divisor) src.divisor = divisor;
    return src;
  }
  return { kind: 'unknown', raw: JSON.stringify(from) };
}

/** e.g. `value "http://a"`, `secretKeyRef name/key optional=true`, `fieldRef metadata.namespace`. */
export function describeEnvSource(s: EnvSource): string {
  switch (s.kind) {
    case 'value':
      return `value ${quote(s.value)}`;
    case 'secretKeyRef':
    case 'configMapKeyRef':
      return `${s.kind} ${s.name}/${s.key} optional=${s.optional}`;
    case 'fieldRef':
      return `fieldRef ${s.fieldPath}${s.apiVersion === 'v1' ? '' : ` apiVersion=${s.apiVersion}`}`;
    case 'resourceFieldRef':
      return `resourceFieldRef ${s.resource}${s.containerName ? ` containerName=${s.containerName}` : ''}${s.divisor ? ` divisor=${s.divisor}` : ''}`;
    case 'unknown':
      return `valueFrom ${s.raw}`;
  }
}

/**
 * Path suffix (after `env[NAME]`) of the narrowest field where two sources differ:
 * `.value`, `.valueFrom.secretKeyRef.optional`, `.valueFrom.secretKeyRef`, or '' when
 * they read different kinds of source.
 */
export function envDiffSuffix(a: EnvSource, b: EnvSource): string {
  if (a.kind !== b.kind) return '';
  if (a.kind === 'value') return '.value';
  const base = `.valueFrom.${a.kind}`;
  const fields = differingFields(a as unknown as Obj, b as unknown as Obj);
  return fields.length === 1 ? `${base}.${fields[0]}` : base;
}

function differingFields(a: Obj, b: Obj): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete('kind');
  return [...keys].filter((k) => a[k] !== b[k]);
}

/** One envFrom entry, normalised (absent optional = false, absent prefix = ''). */
export interface EnvFromEntry {
  /** `secretRef:name` / `configMapRef:name`. */
  key: string;
  description: string;
}

export function envFromEntries(container: Obj): EnvFromEntry[] {
  return objs(container.envFrom).map((e) => {
    const prefix = str(e.prefix) ?? '';
    for (const kind of ['secretRef', 'configMapRef'] as const) {
      const ref = e[kind];
      if (isObj(ref)) {
        const name = String(ref.name ?? '');
        return {
          key: `${kind}:${name}`,
          description: `${kind} ${name} optional=${ref.optional === true}${prefix ? ` prefix=${quote(prefix)}` : ''}`,
        };
      }
    }
    const raw = JSON.stringify(e);
    return { key: raw, description: `envFrom ${raw}` };
  });
}
