// In-cluster Service DNS names the subject points at resolve to a rendered (or declared
// external) Service, on a port that Service exposes.
import type { Manifest, ResourceRef } from '../manifests/types.js';
import type { Contract, Violation, World } from './types.js';
import { nothingToCheck, violation } from './violation.js';
import type { RenderedRelease } from '../model/release.js';
import { arr, containersOf, helmReleaseRef, isObj, namespaceOf, objs, podTemplates, subjectChartName, subjectRelease } from './workloads.js';

const ID = 'service-dns' as const;

const LABEL = '[a-z0-9](?:[-a-z0-9]*[a-z0-9])?';
/**
 * `[scheme://][user@][pod.]name.ns.svc[.cluster.local][:port]`. Not preceded by a DNS
 * character (so `a.b.c.svc` is not read as `b.c.svc`), not followed by one (so
 * `x.y.svc.example.com` is not in-cluster). Userinfo is matched but never shown.
 */
const DNS_NAME = new RegExp(
  `(?<![-a-z0-9.])(?:([a-z][a-z0-9+.-]*)://)?(?:[^\\s@/]+@)?(?:(${LABEL})\\.)??(${LABEL})\\.(${LABEL})\\.svc(\\.cluster\\.local)?(?![-a-z0-9]|\\.[a-z0-9])(?::(\\d{1,5})(?!\\d))?`,
  'gi',
);

export interface DnsReference {
  /** As shown in messages: scheme, host and port (never userinfo or path). */
  text: string;
  service: string;
  namespace: string;
  port?: number;
}

export function findDnsNames(value: string): DnsReference[] {
  const out: DnsReference[] = [];
  for (const m of value.matchAll(DNS_NAME)) {
    const [, scheme, pod, service, namespace, clusterLocal, port] = m;
    const host = `${pod ? `${pod}.` : ''}${service}.${namespace}.svc${clusterLocal ?? ''}`;
    const ref: DnsReference = {
      text: `${scheme ? `${scheme}://` : ''}${host}${port ? `:${port}` : ''}`,
      service: service.toLowerCase(),
      namespace: namespace.toLowerCase(),
    };
    if (port) ref.port = Number(port);
    out.push(ref);
  }
  return out;
}

interface Found {
  ref: DnsReference;
  resource: Manifest | ResourceRef;
  path: string;
}

interface KnownService {
  name: string;
  namespace: string;
  /** Empty: ports unknown or none declared, any port accepted. */
  ports: number[];
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
    const found = collect(world, release);
    if (found.length === 0) {
      return [
        nothingToCheck(world, ID, 'no in-cluster Service DNS name found', {
          expected: 'a name.namespace.svc reference in env values, ConfigMap data, container args/command or HelmRelease values',
          actual: 'none',
        }),
      ];
    }
    const services = knownServices(world);
    const out: Violation[] = [];
    for (const f of found) {
      const { ref } = f;
      const there = services.filter((s) => s.namespace === ref.namespace);
      const svc = there.find((s) => s.name === ref.service);
      if (!svc) {
        out.push(
          violation(world, ID, {
            resource: f.resource,
            path: f.path,
            message: `${ref.text} names no Service: no Service ${ref.service} in namespace ${ref.namespace} (services there: ${there.length ? there.map((s) => s.name).join(', ') : 'none'})`,
            expected: `a Service ${ref.service} in namespace ${ref.namespace}`,
            actual: there.length ? `none (${there.map(describeService).join(', ')})` : 'none',
          }),
        );
        continue;
      }
      if (ref.port !== undefined && svc.ports.length > 0 && !svc.ports.includes(ref.port)) {
        out.push(
          violation(world, ID, {
            resource: f.resource,
            path: f.path,
            message: `${ref.text} names port ${ref.port}, which Service ${svc.name} in namespace ${svc.namespace} does not expose`,
            expected: `a port of Service ${svc.name} in namespace ${svc.namespace} (${svc.ports.join(', ')})`,
            actual: String(ref.port),
          }),
        );
      }
    }
    return out;
  },
};

function describeService(s: KnownService): string {
  return s.ports.length ? `${s.name}:${s.ports.join(',')}` : s.name;
}

/** Services of every release, of the kit, and the declared external ones. */
function knownServices(world: World): KnownService[] {
  const out: KnownService[] = [];
  const add = (m: Manifest, ns: string) => {
    if (m.kind !== 'Service') return;
    const spec = isObj(m.object.spec) ? m.object.spec : {};
    const ports = objs(spec.ports)
      .map((p) => p.port)
      .filter((p): p is number => typeof p === 'number');
    out.push({ name: m.name, namespace: ns, ports });
  };
  for (const r of world.releases) for (const m of r.manifests) add(m, namespaceOf(m, r));
  for (const m of world.kitObjects) add(m, namespaceOf(m));
  for (const e of world.externalServices) out.push({ name: e.name, namespace: e.namespace, ports: [...e.ports] });
  return out;
}

/** DNS names in the subject's env values, container args/command, ConfigMap data and HelmRelease values. */
function collect(world: World, release: RenderedRelease | undefined): Found[] {
  const out: Found[] = [];
  const scan = (value: unknown, resource: Manifest | ResourceRef, path: string) => {
    if (typeof value !== 'string') return;
    for (const ref of findDnsNames(value)) out.push({ ref, resource, path });
  };
  for (const m of release?.manifests ?? []) {
    if (m.kind === 'ConfigMap' && isObj(m.object.data)) {
      for (const [k, v] of Object.entries(m.object.data)) scan(v, m, `data[${k}]`);
    }
  }
  for (const t of podTemplates(release?.manifests ?? [])) {
    for (const c of containersOf(t)) {
      for (const e of objs(c.spec.env)) scan(e.value, t.workload, `${c.path}.env[${String(e.name)}].value`);
      for (const key of ['command', 'args'] as const) {
        arr(c.spec[key]).forEach((v, i) => scan(v, t.workload, `${c.path}.${key}[${i}]`));
      }
    }
  }
  const chartName = subjectChartName(world);
  for (const hr of world.helmReleases.filter((h) => h.chart === chartName)) {
    const resource = helmReleaseRef(hr);
    walk(hr.values, 'spec.values', (v, path) => scan(v, resource, path));
  }
  return out;
}

function walk(value: unknown, path: string, visit: (v: unknown, path: string) => void): void {
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`, visit));
  else if (isObj(value)) for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`, visit);
  else visit(value, path);
}
