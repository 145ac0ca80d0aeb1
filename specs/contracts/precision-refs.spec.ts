// Issue 13 on the reference contracts (service-dns, secret-refs, template-residue): for each
// rule, the alarm it must no longer raise and the real break it must still catch, exact lines.
import { describe, expect, it } from 'vitest';
import type { ClusterSecret } from '../../src/config/types.js';
import { secretRefs } from '../../src/contracts/secret-refs.js';
import { serviceDns } from '../../src/contracts/service-dns.js';
import { templateResidue } from '../../src/contracts/template-residue.js';
import type { World } from '../../src/contracts/types.js';
import { formatViolation } from '../../src/contracts/violation.js';
import type { Manifest } from '../../src/manifests/types.js';
import '../support/matchers.js';
import {
  chartFacts,
  configMap,
  container,
  deployment,
  env,
  helmRelease,
  manifest,
  release,
  service,
  volume,
  world,
  type Obj,
} from '../support/world-builder.js';

const NS = 'billing';
const DEP = `Deployment/${NS}/api · spec.template.spec.containers[api]`;
const lines = (vs: ReturnType<typeof serviceDns.check>) => vs.map(formatViolation);

interface Case {
  env?: Obj[];
  extra?: Manifest[];
  hrValues?: Obj;
  kustomize?: Manifest[];
  clusterSecrets?: ClusterSecret[];
  volumes?: Obj[];
}

/** Chart billing: Deployment api with the given env, its Service; optionally a kustomize render. */
function billing(c: Case = {}): World {
  const api = deployment('api', { namespace: NS, containers: [container('api', { env: c.env ?? [] })], volumes: c.volumes });
  return world({
    subject: { chart: 'billing' },
    charts: [chartFacts('billing', '1.0.0', { kustomizeDir: c.kustomize ? 'deploy' : undefined })],
    releases: [release('billing', NS, [api, service('api', NS, [8080]), ...(c.extra ?? [])])],
    helmReleases: [helmRelease({ name: 'billing', version: '1.0.0', releaseNamespace: NS, values: c.hrValues ?? {} })],
    ...(c.kustomize ? { kustomize: release('billing', NS, c.kustomize, { renderer: 'kustomize', cell: 'kustomize' }) } : {}),
  });
}

function withKit(w: World, kitValues: boolean): World {
  w.kitValues = kitValues;
  return w;
}

const cnpg = manifest('Cluster', 'postgresql.cnpg.io/v1', 'db', NS, { spec: { instances: 3 } });

describe('service-dns', () => {
  it('1. kubernetes.default.svc and kube-dns resolve; a port they do not expose does not', () => {
    expect(
      serviceDns.check(billing({ env: [env.value('K', 'https://kubernetes.default.svc'), env.value('D', 'kube-dns.kube-system.svc:53')] })),
    ).toHaveNoViolations();
    expect(lines(serviceDns.check(billing({ env: [env.value('K', 'https://kubernetes.default.svc:6443')] })))).toEqual([
      `[service-dns] chart billing · cell default · helm4 · ${DEP}.env[K].value: https://kubernetes.default.svc:6443 names port 6443, which Service kubernetes in namespace default does not expose (expected a port of Service kubernetes in namespace default (443), actual 6443)`,
    ]);
  });

  it('2. a CNPG Cluster makes db-rw on 5432; another port or name still fails', () => {
    expect(serviceDns.check(billing({ env: [env.value('DB', 'postgres://db-rw.billing.svc:5432/app')], extra: [cnpg] }))).toHaveNoViolations();
    expect(lines(serviceDns.check(billing({ env: [env.value('DB', 'db-rw.billing.svc:5433')], extra: [cnpg] })))).toEqual([
      `[service-dns] chart billing · cell default · helm4 · ${DEP}.env[DB].value: db-rw.billing.svc:5433 names port 5433, which Service db-rw in namespace billing does not expose (expected a port of Service db-rw in namespace billing (5432), actual 5433)`,
    ]);
  });

  it('2. config rows add operators', () => {
    const w = billing({ env: [env.value('S3', 'http://objects-hl.billing.svc:9000')], extra: [manifest('Tenant', 'minio.min.io/v2', 'objects', NS)] });
    expect(serviceDns.check(w)).toHaveLength(1);
    w.generatedObjects = [{ source: 'minio.min.io/Tenant', reason: 'r', creates: [{ kind: 'Service', name: '{name}-hl', ports: [9000] }] }];
    expect(serviceDns.check(w)).toHaveNoViolations();
  });

  it('5. HelmRelease values are checked only in cells that use them', () => {
    const hrValues = { cache: { url: 'redis://cache.billing.svc:6379' } };
    expect(serviceDns.check(withKit(billing({ env: [env.value('A', 'http://api:8080')], hrValues }), false))).toHaveNoViolations();
    expect(lines(serviceDns.check(withKit(billing({ env: [env.value('A', 'http://api:8080')], hrValues }), true)))).toEqual([
      '[service-dns] chart billing · cell default · helm4 · HelmRelease/flux-system/billing · spec.values.cache.url: redis://cache.billing.svc:6379 names no Service: no Service cache in namespace billing (services there: api) (expected a Service cache in namespace billing, actual none (api:8080))',
    ]);
  });

  it("10. short names resolve in the reader's namespace; free text in a ConfigMap raises nothing", () => {
    const notes = configMap('notes', NS, { 'runbook.md': 'try redis:6379 and http://ledger:8080\n', last: 'dial tcp cache:6379: refused' });
    expect(serviceDns.check(billing({ env: [env.value('A', 'http://api:8080'), env.value('B', 'api.billing:8080')], extra: [notes] }))).toHaveNoViolations();
    expect(lines(serviceDns.check(billing({ env: [env.value('L', 'tcp://ledger:8080')] })))).toEqual([
      `[service-dns] chart billing · cell default · helm4 · ${DEP}.env[L].value: tcp://ledger:8080 names no Service: no Service ledger in namespace billing (services there: api) (expected a Service ledger in namespace billing, actual none (api:8080))`,
    ]);
  });

  it('12. the kustomize render is checked too, as renderer kustomize', () => {
    const raw = deployment('api', { namespace: NS, containers: [container('api', { env: [env.value('A', 'http://apii:8080')] })] });
    expect(lines(serviceDns.check(billing({ env: [env.value('A', 'http://api:8080')], kustomize: [raw] })))).toEqual([
      `[service-dns] chart billing · cell default · kustomize · ${DEP}.env[A].value: http://apii:8080 names no Service: no Service apii in namespace billing (services there: api) (expected a Service apii in namespace billing, actual none (api:8080))`,
    ]);
  });
});

describe('secret-refs', () => {
  const reads = (name: string) => [env.secret('S', name, 'k')];

  it('2. Secrets operators create (CNPG app, Certificate, SealedSecret) exist; other names do not', () => {
    const cert = manifest('Certificate', 'cert-manager.io/v1', 'api', NS, { spec: { secretName: 'api-tls' } });
    const sealed = manifest('SealedSecret', 'bitnami.com/v1alpha1', 'stripe', NS);
    const w = billing({ env: [...reads('db-app'), env.secret('T', 'stripe', 'k')], extra: [cnpg, cert, sealed], volumes: [volume.secret('tls', 'api-tls')] });
    expect(secretRefs.check(w)).toHaveNoViolations();
    expect(lines(secretRefs.check(billing({ env: reads('db-superuser'), extra: [cnpg] })))).toEqual([
      `[secret-refs] chart billing · cell default · helm4 · ${DEP}.env[S].valueFrom.secretKeyRef.name: secret db-superuser read by env S of container api is not produced in namespace billing (expected Secret db-superuser in namespace billing (a Secret, an ExternalSecret target or a reflector mirror), or optional: true, actual no Secret of that name anywhere in the bootstrap kit)`,
    ]);
  });

  it('3. clusterSecrets (names or regexes of namespaces) exist and are noted; elsewhere they do not', () => {
    const clusterSecrets = [{ name: 'regcred', namespaces: ['tenant-.*', 'billing'], reason: 'provisioner' }];
    const w = billing({ env: reads('regcred') });
    w.clusterSecrets = clusterSecrets;
    expect(secretRefs.check(w)).toHaveNoViolations();
    expect(secretRefs.notes?.(w)).toEqual(['secret regcred in namespace billing is taken as present (clusterSecrets: provisioner)']);
    w.clusterSecrets = [{ ...clusterSecrets[0], namespaces: ['tenant-.*'] }];
    expect(lines(secretRefs.check(w))).toEqual([
      `[secret-refs] chart billing · cell default · helm4 · ${DEP}.env[S].valueFrom.secretKeyRef.name: secret regcred read by env S of container api is not produced in namespace billing (expected Secret regcred in namespace billing (a Secret, an ExternalSecret target or a reflector mirror), or optional: true, actual no Secret of that name anywhere in the bootstrap kit)`,
    ]);
  });

  it('12. Secrets the kustomize render reads are checked, as renderer kustomize', () => {
    const raw = deployment('api', { namespace: NS, containers: [container('api', { env: reads('raw-only') })] });
    expect(lines(secretRefs.check(billing({ env: [env.secret('S', 'raw-only', 'k', true)], kustomize: [raw] })))).toEqual([
      `[secret-refs] chart billing · cell default · kustomize · ${DEP}.env[S].valueFrom.secretKeyRef.name: secret raw-only read by env S of container api is not produced in namespace billing (expected Secret raw-only in namespace billing (a Secret, an ExternalSecret target or a reflector mirror), or optional: true, actual no Secret of that name anywhere in the bootstrap kit)`,
    ]);
  });
});

describe('template-residue', () => {
  const es = (template: string) =>
    manifest('ExternalSecret', 'external-secrets.io/v1beta1', 'smtp', NS, { spec: { target: { template: { data: { URL: template } } } } });

  it('4. External Secrets braces pass; a Helm expression there is still residue', () => {
    expect(templateResidue.check(billing({ extra: [es('smtp://{{ .user }}@mail:587')] }))).toHaveNoViolations();
    expect(lines(templateResidue.check(billing({ extra: [es('smtp://{{ .user }}@{{ .Values.host }}:587')] })))).toEqual([
      '[template-residue] chart billing · cell default · helm4 · ExternalSecret/billing/smtp · spec.target.template.data.URL: the helm4 output still holds a template expression (templates/externalsecret-smtp.yaml): a value rendered without tpl, or an escaped template (expected no {{ or }} in rendered output, actual "smtp://{{ .user }}@{{ .Values.host }}:587")',
    ]);
  });
});
