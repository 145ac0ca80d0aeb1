// Secret values (data / stringData) never reach a violation: the sentinel S3NTINEL-VALUE
// sits in every Secret the builders make; these worlds put it where a careless contract
// would print it. Every other unit spec file ends with the same sweep over its own worlds.
import { describe, expect, it } from 'vitest';
import { dualModeEnv } from '../../src/contracts/dual-mode-env.js';
import { helmParity } from '../../src/contracts/helm-parity.js';
import { runContracts } from '../../src/contracts/index.js';
import { serviceDns } from '../../src/contracts/service-dns.js';
import { formatViolation } from '../../src/contracts/violation.js';
import '../support/matchers.js';
import {
  CATALYST,
  CATALYST_NS,
  configMap,
  container,
  deployment,
  env,
  expectNoSecretDataInViolations,
  NEWAPI,
  NEWAPI_NS,
  release,
  secret,
  SENTINEL,
  service,
  SENTINEL_B64,
  world,
} from '../support/world-builder.js';

const api = (value: string) => deployment('catalyst-api', { namespace: CATALYST_NS, containers: [container('api', { env: [env.value('TOKEN', value)] })] });

describe('Secret data never appears in a violation', () => {
  it('an env literal equal to a Secret value is redacted (dual-mode-env)', () => {
    const w = world({
      releases: [release(CATALYST, CATALYST_NS, [api(SENTINEL), secret('catalyst-env', CATALYST_NS)])],
      kustomize: release(CATALYST, CATALYST_NS, [api('changeme')], { renderer: 'kustomize' }),
    });
    expect(dualModeEnv.check(w).map(formatViolation)).toEqual([
      '[dual-mode-env] chart bp-catalyst-platform · cell default · helm4 vs kustomize · Deployment/catalyst-system/catalyst-api · spec.template.spec.containers[api].env[TOKEN].value: env TOKEN of container api differs between helm and kustomize (expected value "<redacted>", actual value "changeme")',
    ]);
  });

  it.each<{ name: string; a: Record<string, string>; b: Record<string, string> }>([
    { name: 'the sentinel, raw and base64', a: { token: SENTINEL_B64, raw: SENTINEL }, b: { token: 'b3RoZXI=', raw: 'other-value' } },
    { name: 'values too short for the safety net (redacted by path)', a: { token: 'abc' }, b: { token: 'xyz' } },
  ])('Secret data that differs between helm majors: $name', ({ a, b }) => {
    const w = world({
      subject: { chart: NEWAPI },
      releases: [release(NEWAPI, NEWAPI_NS, [secret('newapi-session', NEWAPI_NS, { data: a, stringData: { k: SENTINEL } })])],
      parity: release(NEWAPI, NEWAPI_NS, [secret('newapi-session', NEWAPI_NS, { data: b, stringData: { k: 'x' } })], { renderer: 'helm3' }),
    });
    const lines = helmParity.check(w).map(formatViolation);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/\(expected <redacted>, actual <redacted>\)$/);
    for (const secretValue of [...Object.values(a), ...Object.values(b), SENTINEL, 'x']) expect(lines.join('\n')).not.toContain(`"${secretValue}"`);
  });

  it('credentials in a Service URL are never shown (service-dns)', () => {
    const w = world({
      releases: [
        release(CATALYST, CATALYST_NS, [
          configMap('catalyst-config', CATALYST_NS, { REDIS: `redis://:${SENTINEL}@valkey.valkey.svc:6379` }),
          service('catalyst-api', CATALYST_NS, [8080]),
          secret('x', CATALYST_NS),
        ]),
      ],
    });
    expect(serviceDns.check(w).map((v) => v.message)).toEqual([
      'redis://valkey.valkey.svc:6379 names no Service: no Service valkey in namespace valkey (services there: none)',
    ]);
  });

  it('a whole cluster with Secrets everywhere', () => {
    const w = world({
      releases: [
        release(CATALYST, CATALYST_NS, [
          api(SENTINEL),
          secret('catalyst-env', CATALYST_NS),
          configMap('c', CATALYST_NS, { URL: `http://u:${SENTINEL}@newapi.newapi.svc`, COPY: SENTINEL }),
        ]),
        release(NEWAPI, NEWAPI_NS, [secret('newapi-session', NEWAPI_NS)]),
      ],
      kitObjects: [secret('ghcr-pull', 'flux-system')],
      kustomize: release(CATALYST, CATALYST_NS, [api('other'), secret('catalyst-env', CATALYST_NS, { data: { a: 'b' } })], { renderer: 'kustomize' }),
      parity: release(CATALYST, CATALYST_NS, [api('other'), secret('catalyst-env', CATALYST_NS, { data: { token: 'eHl6' } })], { renderer: 'helm3' }),
    });
    const text = runContracts(w).map(formatViolation).join('\n');
    expect(text).toContain('<redacted>');
    expect(text).not.toContain(SENTINEL);
    expect(text).not.toContain(SENTINEL_B64);
  });

  it('sweep: no violation of any world of this file prints Secret data', () => expectNoSecretDataInViolations());
});
