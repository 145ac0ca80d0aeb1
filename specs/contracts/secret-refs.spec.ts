import { describe, expect, it } from 'vitest';
import type { PinnedSecretRef } from '../../src/config/types.js';
import { secretRefs } from '../../src/contracts/secret-refs.js';
import { formatViolation } from '../../src/contracts/violation.js';
import type { Manifest } from '../../src/manifests/types.js';
import '../support/matchers.js';
import {
  ADMIN_TOKEN_PIN,
  CATALYST,
  CATALYST_NS,
  container,
  deployment,
  env,
  expectNoSecretDataInViolations,
  externalSecret,
  GOOD_ADDR,
  NEWAPI,
  NEWAPI_NS,
  reflectorAnnotations,
  release,
  secret,
  TOKEN_KEY,
  TOKEN_SECRET,
  volume,
  world,
  type Obj,
} from '../support/world-builder.js';

const TOKEN_ENV = 'CATALYST_NEWAPI_ADMIN_TOKEN';
const token = (optional: boolean | 'absent' = true, key = TOKEN_KEY) => env.secret(TOKEN_ENV, TOKEN_SECRET, key, optional === 'absent' ? undefined : optional);

interface Fixture {
  /** env of catalyst-api's container api. */
  env?: Obj[];
  envFrom?: Obj[];
  volumes?: Obj[];
  init?: Obj[];
  extraContainers?: Obj[];
  /** Other objects of bp-catalyst-platform. */
  catalystObjects?: Manifest[];
  /** Annotations of the target of bp-newapi's ExternalSecret; null: none (pre-fix). */
  mirror?: Record<string, string> | null;
  /** Reflector annotations of the kit's ghcr-pull Secret. */
  ghcrPull?: Record<string, string>;
  pins?: PinnedSecretRef[];
  /** Drop catalyst-api from the render. */
  noApi?: boolean;
}

function fixture(f: Fixture = {}) {
  const api = deployment('catalyst-api', {
    namespace: CATALYST_NS,
    containers: [container('api', { env: f.env ?? [env.value('CATALYST_NEWAPI_ADDR', GOOD_ADDR), token()], envFrom: f.envFrom }), ...(f.extraContainers ?? [])],
    initContainers: f.init,
    imagePullSecrets: ['ghcr-pull'],
    volumes: f.volumes,
  });
  const catalyst = release(CATALYST, CATALYST_NS, [...(f.noApi ? [] : [api]), ...(f.catalystObjects ?? [])]);
  const mirror = f.mirror === undefined ? reflectorAnnotations(CATALYST_NS) : f.mirror;
  const newapi = release(NEWAPI, NEWAPI_NS, [
    externalSecret('newapi-admin-token', NEWAPI_NS, { targetName: TOKEN_SECRET, ...(mirror ? { targetAnnotations: mirror } : {}) }),
    // bp-newapi's own Pod reads an unproduced Secret: not the subject's business.
    deployment('newapi-bp-newapi', { namespace: NEWAPI_NS, containers: [container('newapi', { env: [env.secret('SESSION', 'newapi-session', 'k')] })] }),
  ]);
  return world({
    releases: [catalyst, newapi],
    kitObjects: [secret('ghcr-pull', 'flux-system', { annotations: f.ghcrPull ?? reflectorAnnotations(`${CATALYST_NS},${NEWAPI_NS}`) })],
    pinnedSecretRefs: f.pins ?? [ADMIN_TOKEN_PIN, { ...ADMIN_TOKEN_PIN, chart: NEWAPI, workload: 'Deployment/newapi-bp-newapi' }],
  });
}

const P = '[secret-refs] chart bp-catalyst-platform · cell default · helm4 · Deployment/catalyst-system/catalyst-api · spec.template.spec';
const WANT_TOKEN = 'secretKeyRef catalyst-newapi-admin-token/ADMIN_API_TOKEN optional=true';

describe('secret-refs', () => {
  it('always applies', () => expect(secretRefs.appliesTo(fixture())).toBe(true));

  it.each<{ name: string; f: Fixture }>([
    { name: 'the fixed state: optional token, ghcr-pull mirrored by the kit, pin held', f: {} },
    { name: 'an optional token before the mirror exists', f: { mirror: null } },
    { name: 'a required token satisfied by the reflector mirror of an ExternalSecret target', f: { env: [token(false)], pins: [] } },
    { name: 'a mirror list entry matching as a regex', f: { ghcrPull: reflectorAnnotations('catalyst-.*,newapi') } },
    {
      name: 'mirror lists absent: reflector allows every namespace',
      f: { ghcrPull: { 'reflector.v1.k8s.emberstack.com/reflection-allowed': 'true', 'reflector.v1.k8s.emberstack.com/reflection-auto-enabled': 'true' } },
    },
    {
      name: 'a volume of a Secret of the same release',
      f: { volumes: [volume.secret('tls', 'catalyst-tls')], catalystObjects: [secret('catalyst-tls', CATALYST_NS)] },
    },
    {
      name: 'envFrom an ExternalSecret whose target name defaults to its own name',
      f: { envFrom: [{ secretRef: { name: 'catalyst-env' } }], catalystObjects: [externalSecret('catalyst-env', CATALYST_NS)] },
    },
    {
      name: 'a projected volume of local Secrets',
      f: { volumes: [volume.projected('bundle', ['a', 'b'])], catalystObjects: [secret('a', CATALYST_NS), secret('b', CATALYST_NS)] },
    },
    {
      name: 'optional volume and optional envFrom with no producer',
      f: { volumes: [volume.secret('tls', 'catalyst-tls', true)], envFrom: [{ secretRef: { name: 'catalyst-env', optional: true } }] },
    },
  ])('passes: $name', ({ f }) => {
    expect(secretRefs.check(fixture(f))).toHaveNoViolations();
  });

  it.each<{ name: string; f: Fixture; lines: string[] }>([
    {
      name: 'a required Secret produced nowhere',
      f: { volumes: [volume.secret('tls', 'catalyst-tls')] },
      lines: [
        `${P}.volumes[tls].secret.secretName: secret catalyst-tls read by volume tls is not produced in namespace catalyst-system (expected Secret catalyst-tls in namespace catalyst-system (a Secret, an ExternalSecret target or a reflector mirror), or optional: true, actual no Secret of that name anywhere in the bootstrap kit)`,
      ],
    },
    {
      name: 'a required token rendered only in newapi, no reflector annotations',
      f: { env: [token(false)], mirror: null, pins: [] },
      lines: [
        `${P}.containers[api].env[CATALYST_NEWAPI_ADMIN_TOKEN].valueFrom.secretKeyRef.name: secret catalyst-newapi-admin-token read by env CATALYST_NEWAPI_ADMIN_TOKEN of container api is not produced in namespace catalyst-system (expected Secret catalyst-newapi-admin-token in namespace catalyst-system (a Secret, an ExternalSecret target or a reflector mirror), or optional: true, actual none in catalyst-system; produced only by target of ExternalSecret/newapi/newapi-admin-token, not mirrored into catalyst-system)`,
      ],
    },
    {
      name: 'a mirror list whose entry is not a full match of the namespace',
      f: { ghcrPull: reflectorAnnotations('catalyst,newapi') },
      lines: [
        `${P}.imagePullSecrets[ghcr-pull]: secret ghcr-pull read by imagePullSecrets is not produced in namespace catalyst-system (expected Secret ghcr-pull in namespace catalyst-system (a Secret, an ExternalSecret target or a reflector mirror), or optional: true, actual none in catalyst-system; produced only by Secret/flux-system/ghcr-pull, not mirrored into catalyst-system)`,
      ],
    },
    {
      name: 'a mirror with reflection-auto-enabled off',
      f: { ghcrPull: reflectorAnnotations(CATALYST_NS, CATALYST_NS, { autoEnabled: 'false' }) },
      lines: [
        `${P}.imagePullSecrets[ghcr-pull]: secret ghcr-pull read by imagePullSecrets is not produced in namespace catalyst-system (expected Secret ghcr-pull in namespace catalyst-system (a Secret, an ExternalSecret target or a reflector mirror), or optional: true, actual none in catalyst-system; produced only by Secret/flux-system/ghcr-pull, not mirrored into catalyst-system)`,
      ],
    },
    {
      name: 'envFrom and a projected source of missing Secrets, and an init container env',
      f: {
        envFrom: [{ secretRef: { name: 'catalyst-env' } }],
        volumes: [volume.projected('bundle', ['catalyst-ca'])],
        init: [container('migrate', { env: [env.secret('DSN', 'catalyst-db', 'dsn')] })],
      },
      lines: [
        `${P}.containers[api].envFrom[secretRef:catalyst-env]: secret catalyst-env read by envFrom of container api is not produced in namespace catalyst-system (expected Secret catalyst-env in namespace catalyst-system (a Secret, an ExternalSecret target or a reflector mirror), or optional: true, actual no Secret of that name anywhere in the bootstrap kit)`,
        `${P}.initContainers[migrate].env[DSN].valueFrom.secretKeyRef.name: secret catalyst-db read by env DSN of init container migrate is not produced in namespace catalyst-system (expected Secret catalyst-db in namespace catalyst-system (a Secret, an ExternalSecret target or a reflector mirror), or optional: true, actual no Secret of that name anywhere in the bootstrap kit)`,
        `${P}.volumes[bundle].projected.sources[secret:catalyst-ca]: secret catalyst-ca read by projected volume bundle is not produced in namespace catalyst-system (expected Secret catalyst-ca in namespace catalyst-system (a Secret, an ExternalSecret target or a reflector mirror), or optional: true, actual no Secret of that name anywhere in the bootstrap kit)`,
      ],
    },
    {
      name: 'the pinned token env is missing (catalyst 1.4.224)',
      f: { env: [env.value('CATALYST_NEWAPI_ADDR', GOOD_ADDR)], mirror: null },
      lines: [
        `${P}.containers[api].env[CATALYST_NEWAPI_ADMIN_TOKEN]: pinned env CATALYST_NEWAPI_ADMIN_TOKEN is missing (expected ${WANT_TOKEN}, actual (absent))`,
      ],
    },
    {
      name: 'the pinned token env is missing from every container',
      f: { env: [], extraContainers: [container('proxy')] },
      lines: [
        `${P}.containers[*].env[CATALYST_NEWAPI_ADMIN_TOKEN]: pinned env CATALYST_NEWAPI_ADMIN_TOKEN is missing (expected ${WANT_TOKEN}, actual (absent))`,
      ],
    },
    {
      name: 'the pinned token env is required, not optional',
      f: { env: [token(false)] },
      lines: [
        `${P}.containers[api].env[CATALYST_NEWAPI_ADMIN_TOKEN].valueFrom.secretKeyRef.optional: pinned env CATALYST_NEWAPI_ADMIN_TOKEN must have optional: true (expected ${WANT_TOKEN}, actual secretKeyRef catalyst-newapi-admin-token/ADMIN_API_TOKEN optional=false)`,
      ],
    },
    {
      name: 'the pinned token env has no optional flag',
      f: { env: [token('absent')] },
      lines: [
        `${P}.containers[api].env[CATALYST_NEWAPI_ADMIN_TOKEN].valueFrom.secretKeyRef.optional: pinned env CATALYST_NEWAPI_ADMIN_TOKEN must have optional: true (expected ${WANT_TOKEN}, actual secretKeyRef catalyst-newapi-admin-token/ADMIN_API_TOKEN optional=false)`,
      ],
    },
    {
      name: 'the pinned token env reads another key',
      f: { env: [token(true, 'TOKEN')] },
      lines: [
        `${P}.containers[api].env[CATALYST_NEWAPI_ADMIN_TOKEN].valueFrom.secretKeyRef.key: pinned env CATALYST_NEWAPI_ADMIN_TOKEN does not read secret catalyst-newapi-admin-token key ADMIN_API_TOKEN (expected ${WANT_TOKEN}, actual secretKeyRef catalyst-newapi-admin-token/TOKEN optional=true)`,
      ],
    },
    {
      name: 'the pinned token env is a literal',
      f: { env: [env.value(TOKEN_ENV, 'changeme')] },
      lines: [
        `${P}.containers[api].env[CATALYST_NEWAPI_ADMIN_TOKEN]: pinned env CATALYST_NEWAPI_ADMIN_TOKEN does not read secret catalyst-newapi-admin-token key ADMIN_API_TOKEN (expected ${WANT_TOKEN}, actual value "changeme")`,
      ],
    },
    {
      name: 'the pinned workload is not rendered',
      f: { noApi: true, catalystObjects: [deployment('catalyst-ui', { namespace: CATALYST_NS })] },
      lines: [
        `[secret-refs] chart bp-catalyst-platform · cell default · helm4 · Deployment/catalyst-api · env[CATALYST_NEWAPI_ADMIN_TOKEN]: pinned workload Deployment/catalyst-api (env CATALYST_NEWAPI_ADMIN_TOKEN) is not rendered (expected Deployment/catalyst-api with env CATALYST_NEWAPI_ADMIN_TOKEN ${WANT_TOKEN}, actual (absent))`,
      ],
    },
  ])('fails: $name', ({ f, lines }) => {
    expect(secretRefs.check(fixture(f)).map(formatViolation)).toEqual(lines);
  });

  it('has nothing to check when no Pod reads a Secret and nothing is pinned', () => {
    const w = world({ releases: [release(CATALYST, CATALYST_NS, [deployment('catalyst-ui'), secret('catalyst-env', CATALYST_NS)])] });
    expect(secretRefs.check(w).map(formatViolation)).toEqual([
      '[secret-refs] chart bp-catalyst-platform · cell default · helm4 · (render): nothing to check: no secret reference found (expected a Pod template reading a Secret (env, envFrom, volume, imagePullSecrets) or a pinned secret ref, actual none)',
    ]);
  });

  it('a pin alone is something to check', () => {
    const w = world({ releases: [release(CATALYST, CATALYST_NS, [deployment('catalyst-ui')])], pinnedSecretRefs: [ADMIN_TOKEN_PIN] });
    expect(secretRefs.check(w).map((v) => v.message)).toEqual(['pinned workload Deployment/catalyst-api (env CATALYST_NEWAPI_ADMIN_TOKEN) is not rendered']);
  });

  it('never prints Secret data', () => expectNoSecretDataInViolations());
});
