// What dual-mode-env compares besides env: each container's probes and ports, and the
// Secrets/ConfigMaps the Pod's volumes mount. A raw install without the readinessProbe, on
// another port, or mounting another ConfigMap ships a different workload than the chart.
import { ABSENT, show } from './violation.js';
import { isObj, objs, str, type ContainerInfo, type Obj, type PodTemplate } from './workloads.js';

export const PROBE_FIELDS = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;

/** One field that differs: `field` is how dualModeAllowed names it. */
export interface FieldDifference {
  field: string;
  /** Path inside the workload. */
  path: string;
  message: string;
  expected: string;
  actual: string;
}

/** Canonical JSON: key order does not matter, list order does. */
function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (isObj(x))
    return `{${Object.keys(x)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(x[k])}`)
      .join(',')}}`;
  return JSON.stringify(x) ?? 'null';
}

function side(present: unknown, value: string): string {
  return present === undefined ? ABSENT : value;
}

/** Probes and ports of a container pair (helm `hc`, kustomize `kc`); `where` names the container in messages. */
export function containerFieldDifferences(hc: ContainerInfo, kc: ContainerInfo, where: string): FieldDifference[] {
  const out: FieldDifference[] = [];
  for (const probe of PROBE_FIELDS) {
    const h = hc.spec[probe];
    const k = kc.spec[probe];
    if (h === undefined && k === undefined) continue;
    if (h !== undefined && k !== undefined && canonical(h) === canonical(k)) continue;
    const state =
      k === undefined
        ? 'is set by helm but missing from kustomize'
        : h === undefined
          ? 'is set by kustomize but missing from helm'
          : 'differs between helm and kustomize';
    out.push({ field: probe, path: `${hc.path}.${probe}`, message: `${probe} of ${where} ${state}`, expected: side(h, show(h)), actual: side(k, show(k)) });
  }
  const hp = describePorts(hc.spec);
  const kp = describePorts(kc.spec);
  if (hp !== kp)
    out.push({ field: 'ports', path: `${hc.path}.ports`, message: `the ports of ${where} differ between helm and kustomize`, expected: hp, actual: kp });
  return out;
}

/** `name:8080/TCP, 9090/TCP`, sorted; `none` without ports. */
function describePorts(c: Obj): string {
  const ports = objs(c.ports).map((p) => `${str(p.name) ? `${String(p.name)}:` : ''}${String(p.containerPort)}/${str(p.protocol) ?? 'TCP'}`);
  return ports.length ? ports.sort().join(', ') : 'none';
}

/** What a volume mounts from Secrets/ConfigMaps (`secret x`, `configMap y`, `projected secret:a, configMap:b`), else undefined. */
function mountedSource(v: Obj): string | undefined {
  if (isObj(v.secret)) return `secret ${String(v.secret.secretName)}${v.secret.optional === true ? ' optional' : ''}`;
  if (isObj(v.configMap)) return `configMap ${String(v.configMap.name)}${v.configMap.optional === true ? ' optional' : ''}`;
  if (isObj(v.projected)) {
    const parts = objs(v.projected.sources).flatMap((s) =>
      isObj(s.secret) ? [`secret:${String(s.secret.name)}`] : isObj(s.configMap) ? [`configMap:${String(s.configMap.name)}`] : [],
    );
    return parts.length ? `projected ${parts.join(', ')}` : undefined;
  }
  return undefined;
}

function mountedVolumes(t: PodTemplate): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of objs(t.spec.volumes)) {
    const src = mountedSource(v);
    if (src !== undefined) out.set(String(v.name), src);
  }
  return out;
}

/** Volumes of the two Pod templates that mount a Secret or ConfigMap on one side, or another one. */
export function volumeDifferences(h: PodTemplate, k: PodTemplate): FieldDifference[] {
  const hv = mountedVolumes(h);
  const kv = mountedVolumes(k);
  const out: FieldDifference[] = [];
  for (const name of new Set([...hv.keys(), ...kv.keys()])) {
    const a = hv.get(name);
    const b = kv.get(name);
    if (a === b) continue;
    const state =
      b === undefined
        ? 'is mounted by helm but not by kustomize'
        : a === undefined
          ? 'is mounted by kustomize but not by helm'
          : 'mounts another source in helm and kustomize';
    out.push({
      field: `volumes[${name}]`,
      path: `${h.prefix}.volumes[${name}]`,
      message: `volume ${name} ${state}`,
      expected: a ?? ABSENT,
      actual: b ?? ABSENT,
    });
  }
  return out;
}
