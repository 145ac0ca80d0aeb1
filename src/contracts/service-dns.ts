// In-cluster Service DNS names the subject points at resolve to a rendered (or declared
// external) Service, on a port that Service exposes.
import type { Manifest, ResourceRef } from '../manifests/types.js';
import type { Contract, Violation, World } from './types.js';
import { nothingToCheck, violation, withoutKustomizeEchoes } from './violation.js';
import type { RenderedRelease } from '../model/release.js';
import { findServiceNames, type DnsReference } from './dns-names.js';
import { CLUSTER_SERVICES, generatedFrom, generatedObjectRules } from './generated-objects.js';
import { arr, containersOf, helmReleaseRef, isObj, namespaceOf, objs, podTemplates, releasesFor, subjectChartName, subjectRelease } from './workloads.js';

const ID = 'service-dns' as const;

export { findDnsNames, type DnsReference } from './dns-names.js';

interface Found {
  ref: DnsReference;
  resource: Manifest | ResourceRef;
  path: string;
  /** Namespace of the reader: where a one-label name resolves. */
  readerNamespace: string;
  /** The render it was found in (the subject's helm render, or its kustomize render). */
  render: RenderedRelease | undefined;
}

interface KnownService {
  name: string;
  namespace: string;
  /** Empty: ports unknown or none declared, any port accepted. */
  ports: number[];
  /** Created by an operator or the cluster itself: it resolves, but messages list only the rendered and declared ones. */
  implicit?: boolean;
}

export const serviceDns: Contract = {
  id: ID,
  summary: 'in-cluster Service DNS names (env, ConfigMaps, args, HelmRelease values) name a rendered Service and one of its ports',
  appliesTo: () => true,
  check(world) {
    // The promise is a Service other charts dial: a render with none (gated off?) has nothing to keep.
    const release = subjectRelease(world);
    const own = (release?.manifests ?? []).filter((m) => m.kind === 'Service');
    if (own.length === 0) {
      return [
        nothingToCheck(world, ID, 'the render has no Service', {
          expected: 'at least one Service rendered by the chart (skip service-dns in the suite config for a chart that has none by design)',
          actual: 'none',
        }),
      ];
    }
    // The kustomize render of a dual-mode chart dials Services too: checked the same way.
    const found = [...collect(world, release, true), ...(world.kustomize ? collect(world, world.kustomize, false) : [])];
    if (found.length === 0) {
      return [
        nothingToCheck(world, ID, 'no in-cluster Service DNS name found', {
          expected: 'a name.namespace.svc reference in env values, ConfigMap data, container args/command or HelmRelease values',
          actual: 'none',
        }),
      ];
    }
    const out: Violation[] = [];
    // Known Services per render (helm, kustomize): built once, read for every reference.
    const known = new Map<RenderedRelease | undefined, KnownService[]>();
    const servicesFor = (r: RenderedRelease | undefined) => known.get(r) ?? known.set(r, knownServices(world, r)).get(r)!;
    for (const f of found) {
      const { ref } = f;
      const namespace = ref.namespace ?? f.readerNamespace;
      const renderer = f.render?.renderer === 'kustomize' ? { renderer: 'kustomize' } : {};
      const there = servicesFor(f.render).filter((s) => s.namespace === namespace);
      const svc = there.find((s) => s.name === ref.service);
      const listed = there.filter((s) => !s.implicit);
      if (!svc) {
        out.push(
          violation(world, ID, {
            ...renderer,
            resource: f.resource,
            path: f.path,
            message: `${ref.text} names no Service: no Service ${ref.service} in namespace ${namespace} (services there: ${listed.length ? listed.map((s) => s.name).join(', ') : 'none'})`,
            expected: `a Service ${ref.service} in namespace ${namespace}`,
            actual: listed.length ? `none (${listed.map(describeService).join(', ')})` : 'none',
          }),
        );
        continue;
      }
      if (ref.port !== undefined && svc.ports.length > 0 && !svc.ports.includes(ref.port)) {
        out.push(
          violation(world, ID, {
            ...renderer,
            resource: f.resource,
            path: f.path,
            message: `${ref.text} names port ${ref.port}, which Service ${svc.name} in namespace ${svc.namespace} does not expose`,
            expected: `a port of Service ${svc.name} in namespace ${svc.namespace} (${svc.ports.join(', ')})`,
            actual: String(ref.port),
          }),
        );
      }
    }
    return withoutKustomizeEchoes(out);
  },
};

function describeService(s: KnownService): string {
  return s.ports.length ? `${s.name}:${s.ports.join(',')}` : s.name;
}

/** Services of every release and of the kit, those operators create from them, the cluster's own, and the declared external ones. */
function knownServices(world: World, render: RenderedRelease | undefined): KnownService[] {
  const out: KnownService[] = [];
  const rules = generatedObjectRules(world);
  const add = (m: Manifest, ns: string) => {
    for (const g of generatedFrom(m, ns, rules)) if (g.kind === 'Service') out.push({ name: g.name, namespace: ns, ports: g.ports, implicit: true });
    if (m.kind !== 'Service') return;
    const spec = isObj(m.object.spec) ? m.object.spec : {};
    const ports = objs(spec.ports)
      .map((p) => p.port)
      .filter((p): p is number => typeof p === 'number');
    out.push({ name: m.name, namespace: ns, ports });
  };
  for (const r of releasesFor(world, render)) for (const m of r.manifests) add(m, namespaceOf(m, r));
  for (const m of world.kitObjects) add(m, namespaceOf(m));
  for (const e of world.externalServices) out.push({ name: e.name, namespace: e.namespace, ports: [...e.ports] });
  for (const c of CLUSTER_SERVICES) out.push({ name: c.name, namespace: c.namespace, ports: [...c.ports], implicit: true });
  // A Service both rendered and derived (a chart that renders its operator's Service too) is one Service.
  const key = (s: KnownService) => `${s.namespace}/${s.name}`;
  const seen = new Set(out.filter((s) => !s.implicit).map(key));
  return out.filter((s) => !s.implicit || (!seen.has(key(s)) && Boolean(seen.add(key(s)))));
}

/** Namespaces the cluster has: where a two-label short name (`api.other-ns`) may point. */
function knownNamespaces(world: World): Set<string> {
  const out = new Set<string>(CLUSTER_SERVICES.map((c) => c.namespace));
  for (const r of world.releases) {
    out.add(r.namespace);
    for (const m of r.manifests) if (m.namespace) out.add(m.namespace);
  }
  for (const m of world.kitObjects) {
    if (m.kind === 'Namespace') out.add(m.name);
    if (m.namespace) out.add(m.namespace);
  }
  for (const hr of world.helmReleases) out.add(hr.releaseNamespace);
  for (const e of world.externalServices) out.add(e.namespace);
  return out;
}

/**
 * Service names in a render's env values, container args/command and ConfigMap data, and
 * (helm render, in cells that use them) in its HelmRelease values.
 */
function collect(world: World, release: RenderedRelease | undefined, withKitValues: boolean): Found[] {
  const out: Found[] = [];
  const namespaces = knownNamespaces(world);
  const scan = (value: unknown, resource: Manifest | ResourceRef, path: string, readerNamespace: string, key?: string) => {
    if (typeof value !== 'string') return;
    for (const ref of findServiceNames(value, namespaces, key)) out.push({ ref, resource, path, readerNamespace, render: release });
  };
  for (const m of release?.manifests ?? []) {
    if (m.kind === 'ConfigMap' && isObj(m.object.data)) {
      for (const [k, v] of Object.entries(m.object.data)) scan(v, m, `data[${k}]`, namespaceOf(m, release), k);
    }
  }
  for (const t of podTemplates(release?.manifests ?? [])) {
    const ns = namespaceOf(t.workload, release);
    for (const c of containersOf(t)) {
      for (const e of objs(c.spec.env)) scan(e.value, t.workload, `${c.path}.env[${String(e.name)}].value`, ns, String(e.name));
      for (const key of ['command', 'args'] as const) {
        arr(c.spec[key]).forEach((v, i) => scan(v, t.workload, `${c.path}.${key}[${i}]`, ns));
      }
    }
  }
  // A HelmRelease's values reach the chart only in cells that start from them.
  if (!withKitValues || world.kitValues === false) return out;
  const chartName = subjectChartName(world);
  for (const hr of world.helmReleases.filter((h) => h.chart === chartName)) {
    const resource = helmReleaseRef(hr);
    walk(hr.values, 'spec.values', (v, path, key) => scan(v, resource, path, hr.releaseNamespace, key));
  }
  return out;
}

/** Visits every leaf with its path and the nearest map key above it (`images[0]` → `images`). */
function walk(value: unknown, path: string, visit: (v: unknown, path: string, key?: string) => void, key?: string): void {
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`, visit, key));
  else if (isObj(value)) for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`, visit, k);
  else visit(value, path, key);
}
