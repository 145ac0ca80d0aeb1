import { describe, expect, it } from 'vitest';
import type { ExternalService } from '../../src/config/types.js';
import { findDnsNames, serviceDns } from '../../src/contracts/service-dns.js';
import { formatViolation } from '../../src/contracts/violation.js';
import type { Manifest } from '../../src/manifests/types.js';
import type { Values } from '../../src/model/release.js';
import '../support/matchers.js';
import {
  BAD_ADDR,
  CATALYST,
  CATALYST_NS,
  chartFacts,
  configMap,
  container,
  deployment,
  env,
  expectNoSecretDataInViolations,
  GOOD_ADDR,
  helmRelease,
  NEWAPI,
  NEWAPI_NS,
  release,
  secret,
  service,
  world,
} from '../support/world-builder.js';

const VALKEY: ExternalService = { name: 'valkey-primary', namespace: 'valkey', ports: [6379] };

interface Fixture {
  subject?: string;
  /** CATALYST_NEWAPI_ADDR of catalyst-api; null: not set. */
  addr?: string | null;
  args?: string[];
  catalyst?: Manifest[];
  newapiValues?: Values;
  catalystValues?: Values;
  externals?: ExternalService[];
  kit?: Manifest[];
  /** Use chart id `newapi` (Chart.yaml name bp-newapi) for bp-newapi. */
  newapiId?: string;
}

function fixture(f: Fixture = {}) {
  const newapiId = f.newapiId ?? NEWAPI;
  const addr = f.addr === undefined ? GOOD_ADDR : f.addr;
  const api = deployment('catalyst-api', {
    namespace: CATALYST_NS,
    containers: [container('api', { env: addr === null ? [] : [env.value('CATALYST_NEWAPI_ADDR', addr)], args: f.args })],
  });
  return world({
    subject: { chart: f.subject ?? CATALYST },
    charts: [chartFacts(newapiId, '1.4.33', { name: NEWAPI }), chartFacts(CATALYST, '1.4.225')],
    releases: [
      release(CATALYST, CATALYST_NS, [api, service('catalyst-api', CATALYST_NS, [8080]), ...(f.catalyst ?? [])]),
      release(newapiId, NEWAPI_NS, [service('newapi-bp-newapi', NEWAPI_NS, [3000]), secret('newapi-session', NEWAPI_NS)], { releaseName: 'newapi' }),
    ],
    helmReleases: [
      helmRelease({ name: NEWAPI, version: '1.4.33', releaseName: 'newapi', releaseNamespace: NEWAPI_NS, values: f.newapiValues ?? {} }),
      helmRelease({ name: CATALYST, version: '1.4.225', releaseNamespace: CATALYST_NS, values: f.catalystValues ?? {} }),
    ],
    kitObjects: f.kit ?? [],
    externalServices: f.externals ?? [VALKEY],
  });
}

const API = '[service-dns] chart bp-catalyst-platform · cell default · helm4 · Deployment/catalyst-system/catalyst-api · spec.template.spec.containers[api]';
const NEWAPI_HR = '[service-dns] chart bp-newapi · cell default · helm4 · HelmRelease/flux-system/bp-newapi';

describe('findDnsNames', () => {
  it.each([
    { text: GOOD_ADDR, found: [{ text: GOOD_ADDR, service: 'newapi-bp-newapi', namespace: 'newapi', port: 3000 }] },
    { text: 'http://newapi.newapi.svc/v1/models', found: [{ text: 'http://newapi.newapi.svc', service: 'newapi', namespace: 'newapi' }] },
    {
      text: 'valkey-primary.valkey.svc.cluster.local',
      found: [{ text: 'valkey-primary.valkey.svc.cluster.local', service: 'valkey-primary', namespace: 'valkey' }],
    },
    {
      text: 'redis://default:pw@valkey.valkey.svc:6379/0',
      found: [{ text: 'redis://valkey.valkey.svc:6379', service: 'valkey', namespace: 'valkey', port: 6379 }],
    },
    {
      text: 'valkey-0.valkey-headless.valkey.svc.cluster.local:6379',
      found: [{ text: 'valkey-0.valkey-headless.valkey.svc.cluster.local:6379', service: 'valkey-headless', namespace: 'valkey', port: 6379 }],
    },
    {
      text: 'a=x.ns.svc,b=y.ns.svc:80',
      found: [
        { text: 'x.ns.svc', service: 'x', namespace: 'ns' },
        { text: 'y.ns.svc:80', service: 'y', namespace: 'ns', port: 80 },
      ],
    },
    { text: 'Upper.NewAPI.svc', found: [{ text: 'Upper.NewAPI.svc', service: 'upper', namespace: 'newapi' }] },
    { text: 'https://api.example.org', found: [] },
    { text: 'a.b.svc.example.org', found: [] },
    { text: 'w.x.y.z.svc', found: [] },
    { text: 'svc.svc', found: [] },
  ])('$text', ({ text, found }) => {
    expect(findDnsNames(text)).toEqual(found);
  });
});

describe('service-dns', () => {
  it('always applies', () => expect(serviceDns.appliesTo(fixture())).toBe(true));

  it.each<{ name: string; f: Fixture }>([
    { name: 'the canonical newapi Service URL', f: {} },
    {
      name: 'valkey-primary declared external, named in the HelmRelease values',
      f: { subject: NEWAPI, newapiValues: { redis: { host: 'valkey-primary.valkey.svc.cluster.local', port: 6379 } } },
    },
    { name: 'a name without a port', f: { addr: 'http://newapi-bp-newapi.newapi.svc' } },
    { name: 'a StatefulSet pod name under an external Service', f: { args: ['--redis=valkey-0.valkey-primary.valkey.svc.cluster.local:6379'] } },
    {
      name: 'a Service of the subject itself, in a ConfigMap',
      f: { catalyst: [configMap('catalyst-config', CATALYST_NS, { SELF: 'http://catalyst-api.catalyst-system.svc:8080' })] },
    },
    { name: 'a Service of the bootstrap kit', f: { addr: 'http://kit-svc.flux-system.svc:9000', kit: [service('kit-svc', 'flux-system', [9000])] } },
    {
      name: 'an external Service with no declared ports accepts any port',
      f: { addr: 'redis://valkey-primary.valkey.svc:7000', externals: [{ ...VALKEY, ports: [] }] },
    },
    {
      name: 'a bad name in another chart’s HelmRelease values is not the subject’s',
      f: { newapiValues: { redis: { host: 'valkey.valkey.svc.cluster.local' } } },
    },
    { name: 'public URLs are ignored', f: { args: ['--issuer=https://auth.example.org/realms/x'] } },
    {
      name: 'an image and its tag under an image key (node:22 is not Service node, port 22)',
      f: { catalyst: [configMap('catalyst-config', CATALYST_NS, { BASE_IMAGE: 'node:22' })], catalystValues: { jobs: { image: 'node:22' } } },
    },
  ])('passes: $name', ({ f }) => {
    expect(serviceDns.check(fixture(f))).toHaveNoViolations();
  });

  it.each<{ name: string; f: Fixture; lines: string[] }>([
    {
      name: 'http://newapi.newapi.svc names no Service (catalyst 1.4.224)',
      f: { addr: BAD_ADDR },
      lines: [
        `${API}.env[CATALYST_NEWAPI_ADDR].value: http://newapi.newapi.svc names no Service: no Service newapi in namespace newapi (services there: newapi-bp-newapi) (expected a Service newapi in namespace newapi, actual none (newapi-bp-newapi:3000))`,
      ],
    },
    {
      name: 'valkey.valkey.svc.cluster.local in the HelmRelease values names no Service',
      f: { subject: NEWAPI, newapiValues: { redis: { host: 'valkey.valkey.svc.cluster.local' } } },
      lines: [
        `${NEWAPI_HR} · spec.values.redis.host: valkey.valkey.svc.cluster.local names no Service: no Service valkey in namespace valkey (services there: valkey-primary) (expected a Service valkey in namespace valkey, actual none (valkey-primary:6379))`,
      ],
    },
    {
      name: 'HelmRelease found by the chart name when the chart id differs',
      f: { subject: 'newapi', newapiId: 'newapi', newapiValues: { hosts: ['http://newapi.newapi.svc:3000'] } },
      lines: [
        '[service-dns] chart newapi · cell default · helm4 · HelmRelease/flux-system/bp-newapi · spec.values.hosts[0]: http://newapi.newapi.svc:3000 names no Service: no Service newapi in namespace newapi (services there: newapi-bp-newapi) (expected a Service newapi in namespace newapi, actual none (newapi-bp-newapi:3000))',
      ],
    },
    {
      name: 'a port the Service does not expose',
      f: { addr: 'http://newapi-bp-newapi.newapi.svc.cluster.local:8080' },
      lines: [
        `${API}.env[CATALYST_NEWAPI_ADDR].value: http://newapi-bp-newapi.newapi.svc.cluster.local:8080 names port 8080, which Service newapi-bp-newapi in namespace newapi does not expose (expected a port of Service newapi-bp-newapi in namespace newapi (3000), actual 8080)`,
      ],
    },
    {
      name: 'a port the external Service does not expose',
      f: { catalyst: [configMap('catalyst-config', CATALYST_NS, { REDIS: 'valkey-primary.valkey.svc.cluster.local:6380' })] },
      lines: [
        '[service-dns] chart bp-catalyst-platform · cell default · helm4 · ConfigMap/catalyst-system/catalyst-config · data[REDIS]: valkey-primary.valkey.svc.cluster.local:6380 names port 6380, which Service valkey-primary in namespace valkey does not expose (expected a port of Service valkey-primary in namespace valkey (6379), actual 6380)',
      ],
    },
    {
      name: 'a name in container args, credentials not shown',
      f: { args: ['--cache=redis://default:hunter2@valkey.valkey.svc:6379/0'] },
      lines: [
        `${API}.args[0]: redis://valkey.valkey.svc:6379 names no Service: no Service valkey in namespace valkey (services there: valkey-primary) (expected a Service valkey in namespace valkey, actual none (valkey-primary:6379))`,
      ],
    },
    {
      name: 'a namespace with no Service at all',
      f: { catalyst: [configMap('catalyst-config', CATALYST_NS, { OIDC: 'http://keycloak.keycloak.svc.cluster.local:8080/realms/x' })] },
      lines: [
        '[service-dns] chart bp-catalyst-platform · cell default · helm4 · ConfigMap/catalyst-system/catalyst-config · data[OIDC]: http://keycloak.keycloak.svc.cluster.local:8080 names no Service: no Service keycloak in namespace keycloak (services there: none) (expected a Service keycloak in namespace keycloak, actual none)',
      ],
    },
    {
      name: 'a name in the subject’s own HelmRelease values',
      f: { catalystValues: { newapi: { addr: BAD_ADDR } } },
      lines: [
        '[service-dns] chart bp-catalyst-platform · cell default · helm4 · HelmRelease/flux-system/bp-catalyst-platform · spec.values.newapi.addr: http://newapi.newapi.svc names no Service: no Service newapi in namespace newapi (services there: newapi-bp-newapi) (expected a Service newapi in namespace newapi, actual none (newapi-bp-newapi:3000))',
      ],
    },
    {
      name: 'the same bare name:port under a key that is not an image still dials a Service',
      f: { catalyst: [configMap('catalyst-config', CATALYST_NS, { SIDECAR_ADDR: 'node:22' })] },
      lines: [
        '[service-dns] chart bp-catalyst-platform · cell default · helm4 · ConfigMap/catalyst-system/catalyst-config · data[SIDECAR_ADDR]: node:22 names no Service: no Service node in namespace catalyst-system (services there: catalyst-api) (expected a Service node in namespace catalyst-system, actual none (catalyst-api:8080))',
      ],
    },
  ])('fails: $name', ({ f, lines }) => {
    expect(serviceDns.check(fixture(f)).map(formatViolation)).toEqual(lines);
  });

  it('has nothing to check when no in-cluster name appears anywhere', () => {
    expect(serviceDns.check(fixture({ addr: null })).map(formatViolation)).toEqual([
      '[service-dns] chart bp-catalyst-platform · cell default · helm4 · (render): nothing to check: no in-cluster Service DNS name found (expected a name.namespace.svc reference in env values, ConfigMap data, container args/command or HelmRelease values, actual none)',
    ]);
  });

  it('has nothing to check when the subject renders no Service (gated off?)', () => {
    const w = world({
      subject: { chart: CATALYST },
      charts: [chartFacts(CATALYST, '1.4.225')],
      releases: [
        release(CATALYST, CATALYST_NS, [
          deployment('catalyst-api', { namespace: CATALYST_NS, containers: [container('api', { env: [env.value('A', GOOD_ADDR)] })] }),
        ]),
      ],
    });
    expect(serviceDns.check(w).map(formatViolation)).toEqual([
      '[service-dns] chart bp-catalyst-platform · cell default · helm4 · (render): nothing to check: the render has no Service (expected at least one Service rendered by the chart (skip service-dns in the suite config for a chart that has none by design), actual none)',
    ]);
  });

  it('never prints Secret data', () => expectNoSecretDataInViolations());
});
