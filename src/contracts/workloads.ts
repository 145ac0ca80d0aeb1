// Pod templates and containers of workload objects, with the path prefix messages use,
// plus small accessors for the parsed-YAML shapes contracts read.
import type { Manifest, ResourceRef } from '../manifests/types.js';
import { isMap, type YamlMap } from '../manifests/yaml.js';
import type { FluxHelmRelease } from '../render/flux-types.js';
import type { RenderedRelease } from '../model/release.js';
import type { ChartFacts, World } from './types.js';

/** A parsed YAML mapping; contracts call it Obj (the one guard lives in manifests/yaml.ts). */
export type Obj = YamlMap;
export const isObj = isMap;

export function arr(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}

export function objs(x: unknown): Obj[] {
  return arr(x).filter(isObj);
}

export function str(x: unknown): string | undefined {
  return typeof x === 'string' ? x : undefined;
}

/** Value at a dotted key path of an object, or undefined. */
export function at(x: unknown, ...keys: string[]): unknown {
  let cur = x;
  for (const k of keys) {
    if (!isObj(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** Where the pod spec sits inside each workload kind. */
export const POD_SPEC_KEYS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  Pod: ['spec'],
};

/** Kinds whose Pods run until replaced (probes contract). */
export const LONG_RUNNING_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'DaemonSet'];

export interface PodTemplate {
  workload: Manifest;
  /** The pod spec object. */
  spec: Obj;
  /** Path of the pod spec inside the workload, e.g. `spec.template.spec`. */
  prefix: string;
}

export interface ContainerInfo {
  template: PodTemplate;
  name: string;
  spec: Obj;
  /** From initContainers. */
  init: boolean;
  /** e.g. `spec.template.spec.containers[api]`. */
  path: string;
}

export function podTemplateOf(m: Manifest): PodTemplate | undefined {
  const keys = POD_SPEC_KEYS[m.kind];
  if (!keys) return undefined;
  const spec = at(m.object, ...keys);
  return isObj(spec) ? { workload: m, spec, prefix: keys.join('.') } : undefined;
}

export function podTemplates(manifests: readonly Manifest[]): PodTemplate[] {
  return manifests.flatMap((m) => {
    const t = podTemplateOf(m);
    return t ? [t] : [];
  });
}

/** `container api` or `init container migrate`, as messages name a container. */
export function containerLabel(c: ContainerInfo): string {
  return `${c.init ? 'init container' : 'container'} ${c.name}`;
}

/** Containers then init containers (or only one list), named by their `name`, else by index. */
export function containersOf(t: PodTemplate, which: 'all' | 'containers' | 'init' = 'all'): ContainerInfo[] {
  const lists: Array<['containers' | 'initContainers', boolean]> = [];
  if (which !== 'init') lists.push(['containers', false]);
  if (which !== 'containers') lists.push(['initContainers', true]);
  return lists.flatMap(([key, init]) =>
    objs(t.spec[key]).map((spec, i) => {
      const name = str(spec.name) ?? `#${i}`;
      return { template: t, name, spec, init, path: `${t.prefix}.${key}[${name}]` };
    }),
  );
}

/** The subject's own render (its chart, preferably its renderer). */
export function subjectRelease(world: World): RenderedRelease | undefined {
  const own = world.releases.filter((r) => r.chart === world.subject.chart);
  return own.find((r) => r.renderer === world.subject.renderer) ?? own[0];
}

/**
 * The subject's renders the per-render contracts check: its helm render, and for a dual-mode
 * chart its kustomize render too (the raw install path ships to clusters as well).
 */
export function subjectRenders(world: World): RenderedRelease[] {
  return [subjectRelease(world), world.kustomize].filter((r): r is RenderedRelease => r !== undefined);
}

/**
 * The releases a render's references resolve against: every release, plus `render` when it is
 * the subject's kustomize render. The helm render stays: raw manifests are often a subset of the
 * chart laid over the same cluster, so what the chart creates (a Secret, a Service) counts for both.
 */
export function releasesFor(world: World, render: RenderedRelease | undefined): RenderedRelease[] {
  return render?.renderer === 'kustomize' ? [...world.releases, render] : world.releases;
}

export function subjectFacts(world: World): ChartFacts | undefined {
  return world.charts.find((c) => c.config.id === world.subject.chart);
}

/** Chart name (Chart.yaml) of the subject, falling back to its id. */
export function subjectChartName(world: World): string {
  return subjectFacts(world)?.name ?? world.subject.chart;
}

/** Effective namespace of a manifest of a release. */
export function namespaceOf(m: Manifest, release?: RenderedRelease): string {
  return m.namespace ?? release?.namespace ?? 'default';
}

/** `Kind/name` key used to match workloads across renders. */
export function kindName(m: Pick<Manifest, 'kind' | 'name'>): string {
  return `${m.kind}/${m.name}`;
}

/** A `Kind/name` or `Kind/namespace/name` entry of the config (required resources, pinned workloads). */
export function parseRef(entry: string): ResourceRef {
  const [kind, a, b] = entry.split('/');
  return b === undefined ? { kind, name: a } : { kind, namespace: a, name: b };
}

/** Whether `m` is the object `ref` names; a ref without namespace matches any namespace. */
export function refMatches(ref: ResourceRef, m: Manifest): boolean {
  return m.kind === ref.kind && m.name === ref.name && (ref.namespace === undefined || m.namespace === ref.namespace);
}

/** A bootstrap-kit HelmRelease as the resource of a violation. */
export function helmReleaseRef(hr: FluxHelmRelease): ResourceRef {
  return { kind: 'HelmRelease', namespace: hr.namespace, name: hr.name };
}
