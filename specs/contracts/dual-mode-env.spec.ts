import { describe, expect, it } from 'vitest';
import { dualModeEnv } from '../../src/contracts/dual-mode-env.js';
import { formatViolation } from '../../src/contracts/violation.js';
import type { Manifest } from '../../src/manifests/types.js';
import type { AllowedEnvDifference } from '../../src/config/types.js';
import '../support/matchers.js';
import {
  chartFacts,
  BAD_ADDR,
  CATALYST,
  CATALYST_NS,
  configMap,
  container,
  deployment,
  env,
  job,
  expectNoSecretDataInViolations,
  GOOD_ADDR,
  release,
  secret,
  statefulSet,
  TOKEN_KEY,
  TOKEN_SECRET,
  world,
  type Obj,
} from '../support/world-builder.js';

const ADDR = (v = GOOD_ADDR) => env.value('CATALYST_NEWAPI_ADDR', v);
const TOKEN = (optional: boolean | 'absent' = true, name = TOKEN_SECRET, key = TOKEN_KEY) =>
  env.secret('CATALYST_NEWAPI_ADMIN_TOKEN', name, key, optional === 'absent' ? undefined : optional);
const GOOD_ENV = () => [ADDR(), TOKEN()];

function api(envs: Obj[] = GOOD_ENV(), o: { envFrom?: Obj[]; init?: Obj[]; sidecar?: boolean; namespace?: string } = {}): Manifest {
  const containers = [container('api', { env: envs, envFrom: o.envFrom })];
  if (o.sidecar) containers.push(container('proxy'));
  return deployment('catalyst-api', { namespace: o.namespace ?? CATALYST_NS, containers, initContainers: o.init });
}

/** Helm render and kustomize sibling of bp-catalyst-platform; both also carry a Secret (ignored: not a workload). */
function dual(helm: Manifest[], kustomize: Manifest[], allowed: AllowedEnvDifference[] = []) {
  return world({
    charts: [chartFacts(CATALYST, '1.4.225', { kustomizeDir: 'templates', dualModeAllowed: allowed })],
    releases: [release(CATALYST, CATALYST_NS, [...helm, secret('catalyst-env', CATALYST_NS)])],
    kustomize: release(CATALYST, CATALYST_NS, [...kustomize, secret('catalyst-env', CATALYST_NS)], { renderer: 'kustomize' }),
  });
}

const P = '[dual-mode-env] chart bp-catalyst-platform · cell default · helm4 vs kustomize · Deployment/catalyst-system/catalyst-api · spec.template.spec';
const TOKEN_DESC = 'secretKeyRef catalyst-newapi-admin-token/ADMIN_API_TOKEN optional=true';

describe('dual-mode-env', () => {
  it('applies only when there is a kustomize render', () => {
    expect(dualModeEnv.appliesTo(world({ releases: [release(CATALYST, CATALYST_NS, [api()])] }))).toBe(false);
    expect(dualModeEnv.appliesTo(dual([api()], [api()]))).toBe(true);
  });

  it.each([
    { name: 'identical renders', helm: [api()], kust: [api()] },
    {
      name: 'absent optional on one side, optional: false on the other (the kubelet reads absent as false)',
      helm: [api([ADDR(), TOKEN('absent')])],
      kust: [api([ADDR(), TOKEN(false)])],
    },
    { name: 'absent value and empty value', helm: [api([{ name: 'EMPTY' }])], kust: [api([env.value('EMPTY', '')])] },
    { name: 'env in another order (matched by name)', helm: [api([ADDR(), TOKEN()])], kust: [api([TOKEN(), ADDR()])] },
    { name: 'workloads matched by kind + name, whatever the namespace', helm: [api()], kust: [api(GOOD_ENV(), { namespace: 'default' })] },
    {
      name: 'same envFrom, init containers and fieldRefs',
      helm: [
        api([ADDR(), env.field('POD_NS', 'metadata.namespace')], {
          envFrom: [{ secretRef: { name: 'catalyst-env' } }],
          init: [container('migrate', { env: [env.value('DB', 'x')] })],
        }),
      ],
      kust: [
        api([ADDR(), env.field('POD_NS', 'metadata.namespace')], {
          envFrom: [{ secretRef: { name: 'catalyst-env', optional: false } }],
          init: [container('migrate', { env: [env.value('DB', 'x')] })],
        }),
      ],
    },
  ])('passes: $name', ({ helm, kust }) => {
    expect(dualModeEnv.check(dual(helm, kust))).toHaveNoViolations();
  });

  it.each([
    {
      name: 'kustomize sibling drifts by one env value',
      helm: [api()],
      kust: [api([ADDR(BAD_ADDR), TOKEN()])],
      lines: [
        `${P}.containers[api].env[CATALYST_NEWAPI_ADDR].value: env CATALYST_NEWAPI_ADDR of container api differs between helm and kustomize (expected value "${GOOD_ADDR}", actual value "${BAD_ADDR}")`,
      ],
    },
    {
      name: 'optional flipped on the kustomize side',
      helm: [api()],
      kust: [api([ADDR(), TOKEN(false)])],
      lines: [
        `${P}.containers[api].env[CATALYST_NEWAPI_ADMIN_TOKEN].valueFrom.secretKeyRef.optional: env CATALYST_NEWAPI_ADMIN_TOKEN of container api differs between helm and kustomize (expected ${TOKEN_DESC}, actual secretKeyRef catalyst-newapi-admin-token/ADMIN_API_TOKEN optional=false)`,
      ],
    },
    {
      name: 'secretKeyRef set by helm only',
      helm: [api()],
      kust: [api([ADDR()])],
      lines: [
        `${P}.containers[api].env[CATALYST_NEWAPI_ADMIN_TOKEN]: env CATALYST_NEWAPI_ADMIN_TOKEN of container api is set by helm but missing from kustomize (expected ${TOKEN_DESC}, actual (absent))`,
      ],
    },
    {
      name: 'env set by kustomize only',
      helm: [api([TOKEN()])],
      kust: [api()],
      lines: [
        `${P}.containers[api].env[CATALYST_NEWAPI_ADDR]: env CATALYST_NEWAPI_ADDR of container api is set by kustomize but missing from helm (expected (absent), actual value "${GOOD_ADDR}")`,
      ],
    },
    {
      name: 'a literal on one side, a secretKeyRef on the other',
      helm: [api()],
      kust: [api([ADDR(), env.value('CATALYST_NEWAPI_ADMIN_TOKEN', 'changeme')])],
      lines: [
        `${P}.containers[api].env[CATALYST_NEWAPI_ADMIN_TOKEN]: env CATALYST_NEWAPI_ADMIN_TOKEN of container api differs between helm and kustomize (expected ${TOKEN_DESC}, actual value "changeme")`,
      ],
    },
    {
      name: 'another secret key',
      helm: [api()],
      kust: [api([ADDR(), TOKEN(true, TOKEN_SECRET, 'TOKEN')])],
      lines: [
        `${P}.containers[api].env[CATALYST_NEWAPI_ADMIN_TOKEN].valueFrom.secretKeyRef.key: env CATALYST_NEWAPI_ADMIN_TOKEN of container api differs between helm and kustomize (expected ${TOKEN_DESC}, actual secretKeyRef catalyst-newapi-admin-token/TOKEN optional=true)`,
      ],
    },
    {
      name: 'another secret name and key',
      helm: [api()],
      kust: [api([ADDR(), TOKEN(true, 'newapi-admin', 'TOKEN')])],
      lines: [
        `${P}.containers[api].env[CATALYST_NEWAPI_ADMIN_TOKEN].valueFrom.secretKeyRef: env CATALYST_NEWAPI_ADMIN_TOKEN of container api differs between helm and kustomize (expected ${TOKEN_DESC}, actual secretKeyRef newapi-admin/TOKEN optional=true)`,
      ],
    },
    {
      name: 'fieldRef on another field',
      helm: [api([ADDR(), env.field('POD_NS', 'metadata.namespace')])],
      kust: [api([ADDR(), env.field('POD_NS', 'metadata.name')])],
      lines: [
        `${P}.containers[api].env[POD_NS].valueFrom.fieldRef.fieldPath: env POD_NS of container api differs between helm and kustomize (expected fieldRef metadata.namespace, actual fieldRef metadata.name)`,
      ],
    },
    {
      name: 'configMapKeyRef against secretKeyRef',
      helm: [api([ADDR(), env.configMap('LEVEL', 'catalyst-config', 'level')])],
      kust: [api([ADDR(), env.secret('LEVEL', 'catalyst-config', 'level')])],
      lines: [
        `${P}.containers[api].env[LEVEL]: env LEVEL of container api differs between helm and kustomize (expected configMapKeyRef catalyst-config/level optional=false, actual secretKeyRef catalyst-config/level optional=false)`,
      ],
    },
    {
      name: 'init container env drifts',
      helm: [api(GOOD_ENV(), { init: [container('migrate', { env: [env.value('DB_HOST', 'pg-rw.catalyst-system.svc')] })] })],
      kust: [api(GOOD_ENV(), { init: [container('migrate', { env: [env.value('DB_HOST', 'pg.catalyst-system.svc')] })] })],
      lines: [
        `${P}.initContainers[migrate].env[DB_HOST].value: env DB_HOST of init container migrate differs between helm and kustomize (expected value "pg-rw.catalyst-system.svc", actual value "pg.catalyst-system.svc")`,
      ],
    },
    {
      name: 'container only in the helm render',
      helm: [api(GOOD_ENV(), { sidecar: true })],
      kust: [api()],
      lines: [`${P}.containers[proxy]: container proxy is rendered by helm but not by kustomize (expected container proxy, actual (absent))`],
    },
    {
      name: 'init container only in the kustomize render',
      helm: [api()],
      kust: [api(GOOD_ENV(), { init: [container('migrate')] })],
      lines: [
        `${P}.initContainers[migrate]: init container migrate is rendered by kustomize but not by helm (expected (absent), actual init container migrate)`,
      ],
    },
    {
      name: 'envFrom optional flipped',
      helm: [api(GOOD_ENV(), { envFrom: [{ secretRef: { name: 'catalyst-env' } }] })],
      kust: [api(GOOD_ENV(), { envFrom: [{ secretRef: { name: 'catalyst-env', optional: true } }] })],
      lines: [
        `${P}.containers[api].envFrom[secretRef:catalyst-env]: envFrom secretRef:catalyst-env of container api differs between helm and kustomize (expected secretRef catalyst-env optional=false, actual secretRef catalyst-env optional=true)`,
      ],
    },
    {
      name: 'envFrom only in the helm render',
      helm: [api(GOOD_ENV(), { envFrom: [{ configMapRef: { name: 'catalyst-config' }, prefix: 'CFG_' }] })],
      kust: [api()],
      lines: [
        `${P}.containers[api].envFrom[configMapRef:catalyst-config]: envFrom configMapRef:catalyst-config of container api is set by helm but missing from kustomize (expected configMapRef catalyst-config optional=false prefix="CFG_", actual (absent))`,
      ],
    },
    {
      name: 'envFrom in another order',
      helm: [api(GOOD_ENV(), { envFrom: [{ configMapRef: { name: 'a' } }, { secretRef: { name: 'b' } }] })],
      kust: [api(GOOD_ENV(), { envFrom: [{ secretRef: { name: 'b' } }, { configMapRef: { name: 'a' } }] })],
      lines: [
        `${P}.containers[api].envFrom: envFrom of container api lists the same sources in another order (expected configMapRef:a, secretRef:b, actual secretRef:b, configMapRef:a)`,
      ],
    },
    {
      name: 'workload only in the helm render',
      helm: [api(), deployment('catalyst-worker', { namespace: CATALYST_NS })],
      kust: [api()],
      lines: [
        '[dual-mode-env] chart bp-catalyst-platform · cell default · helm4 vs kustomize · Deployment/catalyst-system/catalyst-worker · (object): workload Deployment/catalyst-worker is rendered by helm but not by kustomize (expected Deployment/catalyst-worker, actual (absent))',
      ],
    },
    {
      name: 'workload only in the kustomize render (another kind, same name)',
      helm: [api()],
      kust: [api(), statefulSet('catalyst-api', { namespace: CATALYST_NS })],
      lines: [
        '[dual-mode-env] chart bp-catalyst-platform · cell default · helm4 vs kustomize · StatefulSet/catalyst-system/catalyst-api · (object): workload StatefulSet/catalyst-api is rendered by kustomize but not by helm (expected (absent), actual StatefulSet/catalyst-api)',
      ],
    },
  ])('fails: $name', ({ helm, kust, lines }) => {
    expect(dualModeEnv.check(dual(helm, kust)).map(formatViolation)).toEqual(lines);
  });

  describe("a configMapKeyRef reads the value of each side's own ConfigMap", () => {
    const CORS = env.configMap('CATALYST_CORS_ORIGIN', 'catalyst-api-config', 'CORS_ORIGIN');
    const cm = (origin: string) => configMap('catalyst-api-config', CATALYST_NS, { CORS_ORIGIN: origin });

    it('passes when both ConfigMaps hold the same value', () => {
      expect(dualModeEnv.check(dual([api([...GOOD_ENV(), CORS]), cm('https://a')], [api([...GOOD_ENV(), CORS]), cm('https://a')]))).toEqual([]);
    });

    it('fails when the kustomize ConfigMap holds another value', () => {
      const w = dual([api([...GOOD_ENV(), CORS]), cm('https://a')], [api([...GOOD_ENV(), CORS]), cm('https://b')]);
      expect(dualModeEnv.check(w).map(formatViolation)).toEqual([
        `${P}.containers[api].env[CATALYST_CORS_ORIGIN].valueFrom.configMapKeyRef: env CATALYST_CORS_ORIGIN of container api reads ConfigMap catalyst-api-config key CORS_ORIGIN, whose value differs between helm and kustomize (expected value "https://a", actual value "https://b")`,
      ]);
    });

    it('does not guess when one side does not render the ConfigMap', () => {
      expect(dualModeEnv.check(dual([api([...GOOD_ENV(), CORS]), cm('https://a')], [api([...GOOD_ENV(), CORS])]))).toEqual([]);
    });
  });

  it('reports the drift as fields a maintainer can act on', () => {
    const [v] = dualModeEnv.check(dual([api()], [api([ADDR(BAD_ADDR), TOKEN()])]));
    expect(v).toEqual({
      contract: 'dual-mode-env',
      chart: CATALYST,
      cell: 'default',
      renderer: 'helm4 vs kustomize',
      resource: { kind: 'Deployment', namespace: CATALYST_NS, name: 'catalyst-api' },
      path: 'spec.template.spec.containers[api].env[CATALYST_NEWAPI_ADDR].value',
      expected: `value "${GOOD_ADDR}"`,
      actual: `value "${BAD_ADDR}"`,
      message: 'env CATALYST_NEWAPI_ADDR of container api differs between helm and kustomize',
    });
  });

  it('has nothing to check when no workload is in both renders', () => {
    const vs = dualModeEnv.check(dual([api()], [deployment('catalyst-web', { namespace: CATALYST_NS })]));
    expect(vs.map(formatViolation)).toEqual([
      '[dual-mode-env] chart bp-catalyst-platform · cell default · helm4 vs kustomize · (render): nothing to check: no workload found in both renders (expected a workload (kind + name) rendered by both helm and kustomize, actual helm: Deployment/catalyst-api; kustomize: Deployment/catalyst-web)',
    ]);
  });

  it('has nothing to check when the kustomize render is empty', () => {
    const w = world({ releases: [release(CATALYST, CATALYST_NS, [api()])], kustomize: release(CATALYST, CATALYST_NS, [], { renderer: 'kustomize' }) });
    expect(dualModeEnv.check(w).map((v) => v.message)).toEqual(['nothing to check: no workload found in both renders']);
  });

  it('the fixed catalyst-api carries both env vars (matchers)', () => {
    const d = api();
    expect(d).toHaveEnv('CATALYST_NEWAPI_ADDR', { value: GOOD_ADDR }, { container: 'api' });
    expect(d).toHaveSecretKeyRef('CATALYST_NEWAPI_ADMIN_TOKEN', { name: TOKEN_SECRET, key: TOKEN_KEY, optional: true });
  });

  it('never prints Secret data', () => expectNoSecretDataInViolations());

  describe('allowed differences (dualModeAllowed)', () => {
    const LOG_HELM = env.configMap('LOG_LEVEL', 'catalyst-config', 'LOG_LEVEL');
    const LOG_KUST = env.value('LOG_LEVEL', 'info');
    const allow = (o: Partial<AllowedEnvDifference> = {}): AllowedEnvDifference => ({
      workload: 'Deployment/catalyst-api',
      env: 'LOG_LEVEL',
      reason: 'Helm installs read the per-Sovereign ConfigMap; the raw install ships a literal',
      ...o,
    });

    it.each([
      { name: 'a named difference with its reason', allowed: [allow()] },
      { name: 'scoped to the container', allowed: [allow({ container: 'api' })] },
    ])('passes: $name', ({ allowed }) => {
      expect(dualModeEnv.check(dual([api([ADDR(), TOKEN(), LOG_HELM])], [api([ADDR(), TOKEN(), LOG_KUST])], allowed))).toHaveNoViolations();
    });

    it.each([
      {
        name: 'an unlisted difference next to an allowed one',
        helm: [api([ADDR(), TOKEN(), LOG_HELM])],
        kust: [api([ADDR(BAD_ADDR), TOKEN(), LOG_KUST])],
        allowed: [allow()],
        lines: [
          `${P}.containers[api].env[CATALYST_NEWAPI_ADDR].value: env CATALYST_NEWAPI_ADDR of container api differs between helm and kustomize (expected value "${GOOD_ADDR}", actual value "${BAD_ADDR}")`,
        ],
      },
      {
        name: 'allowed for another container only',
        helm: [api([ADDR(), TOKEN(), LOG_HELM])],
        kust: [api([ADDR(), TOKEN(), LOG_KUST])],
        allowed: [allow({ container: 'proxy' })],
        lines: [
          `${P}.containers[api].env[LOG_LEVEL]: env LOG_LEVEL of container api differs between helm and kustomize (expected configMapKeyRef catalyst-config/LOG_LEVEL optional=false, actual value "info")`,
          '[dual-mode-env] chart bp-catalyst-platform · cell default · helm4 vs kustomize · Deployment/catalyst-system/catalyst-api · dualModeAllowed[Deployment/catalyst-api container proxy: LOG_LEVEL]: allowed difference for env LOG_LEVEL of Deployment/catalyst-api container proxy is stale: helm and kustomize no longer differ there; remove it from dualModeAllowed (expected a difference (Helm installs read the per-Sovereign ConfigMap; the raw install ships a literal), actual no difference)',
        ],
      },
      {
        name: 'stale: the two paths agree again',
        helm: [api([ADDR(), TOKEN(), LOG_KUST])],
        kust: [api([ADDR(), TOKEN(), LOG_KUST])],
        allowed: [allow()],
        lines: [
          '[dual-mode-env] chart bp-catalyst-platform · cell default · helm4 vs kustomize · Deployment/catalyst-system/catalyst-api · dualModeAllowed[Deployment/catalyst-api: LOG_LEVEL]: allowed difference for env LOG_LEVEL of Deployment/catalyst-api is stale: helm and kustomize no longer differ there; remove it from dualModeAllowed (expected a difference (Helm installs read the per-Sovereign ConfigMap; the raw install ships a literal), actual no difference)',
        ],
      },
      {
        name: 'stale: the workload is gone',
        helm: [api()],
        kust: [api()],
        allowed: [allow({ workload: 'Deployment/catalyst-worker' })],
        lines: [
          '[dual-mode-env] chart bp-catalyst-platform · cell default · helm4 vs kustomize · dualModeAllowed[Deployment/catalyst-worker: LOG_LEVEL]: allowed difference for env LOG_LEVEL of Deployment/catalyst-worker is stale: helm and kustomize no longer differ there; remove it from dualModeAllowed (expected a difference (Helm installs read the per-Sovereign ConfigMap; the raw install ships a literal), actual no difference)',
        ],
      },
    ])('fails: $name', ({ helm, kust, allowed, lines }) => {
      expect(dualModeEnv.check(dual(helm, kust, allowed)).map(formatViolation)).toEqual(lines);
    });
  });

  describe('Helm hooks', () => {
    const hookJob = (): Manifest => {
      const m = job('catalyst-migrate', { namespace: CATALYST_NS, containers: [container('migrate', { env: [env.value('DB', 'x')] })] });
      m.hooks = ['pre-install'];
      return m;
    };
    it('a hook Job only helm renders is Helm lifecycle, not drift', () => {
      expect(dualModeEnv.check(dual([api(), hookJob()], [api()]))).toHaveNoViolations();
    });
    it('a non-hook Job only helm renders is drift', () => {
      const plain = hookJob();
      delete plain.hooks;
      expect(dualModeEnv.check(dual([api(), plain], [api()])).map(formatViolation)).toEqual([
        '[dual-mode-env] chart bp-catalyst-platform · cell default · helm4 vs kustomize · Job/catalyst-system/catalyst-migrate · (object): workload Job/catalyst-migrate is rendered by helm but not by kustomize (expected Job/catalyst-migrate, actual (absent))',
      ]);
    });
  });
});
