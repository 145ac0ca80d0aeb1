// The generated-objects table and the cluster's own Services: one test per row (what each
// operator creates from a rendered object), plus the matching rules and config rows.
import { describe, expect, it } from 'vitest';
import type { GeneratedObjectRule } from '../../src/config/types.js';
import { CLUSTER_SERVICES, expandName, GENERATED_OBJECTS, generatedFrom, ruleMatches } from '../../src/contracts/generated-objects.js';
import { manifest, type Obj } from '../support/world-builder.js';

/** `Kind name:ports` for every object the built-in table derives from `m`. */
function created(kind: string, apiVersion: string, name: string, body: Obj = {}): string[] {
  return generatedFrom(manifest(kind, apiVersion, name, 'db', body), 'db', GENERATED_OBJECTS).map(
    (g) => `${g.kind} ${g.namespace}/${g.name}${g.ports.length ? `:${g.ports.join(',')}` : ''}`,
  );
}

describe('GENERATED_OBJECTS, one row at a time', () => {
  it('lists exactly the rows tested below', () => {
    expect(GENERATED_OBJECTS.map((r) => r.source)).toEqual(['postgresql.cnpg.io/Cluster', 'cert-manager.io/Certificate', 'bitnami.com/SealedSecret']);
    for (const r of GENERATED_OBJECTS) expect(r.reason.length).toBeGreaterThan(20);
  });

  it('CloudNativePG Cluster: -rw/-ro/-r on 5432, the app/CA/server/replication Secrets; -superuser only when enabled', () => {
    expect(created('Cluster', 'postgresql.cnpg.io/v1', 'orders')).toEqual([
      'Service db/orders-rw:5432',
      'Service db/orders-ro:5432',
      'Service db/orders-r:5432',
      'Secret db/orders-app',
      'Secret db/orders-ca',
      'Secret db/orders-server',
      'Secret db/orders-replication',
    ]);
    expect(created('Cluster', 'postgresql.cnpg.io/v1', 'orders', { spec: { enableSuperuserAccess: true } })).toContain('Secret db/orders-superuser');
    expect(created('Cluster', 'postgresql.cnpg.io/v1', 'orders', { spec: { enableSuperuserAccess: 'true' } })).not.toContain('Secret db/orders-superuser');
  });

  it('cert-manager Certificate: the Secret named by spec.secretName; none without one', () => {
    expect(created('Certificate', 'cert-manager.io/v1', 'api', { spec: { secretName: 'api-tls' } })).toEqual(['Secret db/api-tls']);
    expect(created('Certificate', 'cert-manager.io/v1', 'api', { spec: {} })).toEqual([]);
  });

  it('SealedSecret: a Secret of the same name', () => {
    expect(created('SealedSecret', 'bitnami.com/v1alpha1', 'stripe')).toEqual(['Secret db/stripe']);
  });

  it('no false match: a Cluster of another API group, a Certificate of another group create nothing', () => {
    expect(created('Cluster', 'cluster.x-k8s.io/v1beta1', 'orders')).toEqual([]);
    expect(created('Certificate', 'certificates.k8s.io/v1', 'api', { spec: { secretName: 'x' } })).toEqual([]);
  });
});

describe('CLUSTER_SERVICES', () => {
  it('kubernetes.default (443) and kube-dns.kube-system (53, 9153), each with its reason', () => {
    expect(CLUSTER_SERVICES.map((s) => `${s.name}.${s.namespace}:${s.ports.join(',')}`)).toEqual(['kubernetes.default:443', 'kube-dns.kube-system:53,9153']);
  });
});

describe('rules', () => {
  const tenant: GeneratedObjectRule = { source: 'minio.min.io/Tenant', reason: 'r', creates: [{ kind: 'Service', name: '{name}-hl', ports: [9000] }] };

  it('a config row adds an operator; a bare Kind matches any group', () => {
    const m = manifest('Tenant', 'minio.min.io/v2', 'objects', 'store');
    expect(generatedFrom(m, 'store', [tenant]).map((g) => `${g.kind} ${g.name}`)).toEqual(['Service objects-hl']);
    expect(ruleMatches({ ...tenant, source: 'Tenant' }, m)).toBe(true);
    expect(ruleMatches({ ...tenant, source: 'minio.min.io/Tenant' }, { kind: 'Tenant', apiVersion: 'v1' })).toBe(false);
  });

  it('name templates: {name} and string fields; a missing or empty field creates nothing', () => {
    const m = manifest('X', 'v1', 'n', 'ns', { spec: { a: { b: 'deep' }, empty: '' } });
    expect(expandName('{name}-{spec.a.b}', m)).toBe('n-deep');
    expect(expandName('{spec.missing}', m)).toBeUndefined();
    expect(expandName('{spec.empty}', m)).toBeUndefined();
  });
});
