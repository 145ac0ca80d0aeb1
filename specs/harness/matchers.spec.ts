import { describe, expect, it } from 'vitest';
import type { Violation } from '../../src/contracts/types.js';
import '../support/matchers.js';
import {
  BAD_ADDR,
  CATALYST_NS,
  container,
  deployment,
  env,
  expectNoSecretDataInViolations,
  GOOD_ADDR,
  job,
  release,
  secret,
  TOKEN_KEY,
  TOKEN_SECRET,
  world,
  CATALYST,
} from '../support/world-builder.js';

const api = deployment('catalyst-api', {
  namespace: CATALYST_NS,
  containers: [
    container('api', {
      env: [
        env.value('CATALYST_NEWAPI_ADDR', GOOD_ADDR),
        env.secret('CATALYST_NEWAPI_ADMIN_TOKEN', TOKEN_SECRET, TOKEN_KEY, true),
        env.configMap('LEVEL', 'catalyst-config', 'level'),
      ],
    }),
    container('proxy', { env: [env.value('UPSTREAM', 'http://localhost:8080')] }),
  ],
  initContainers: [container('migrate', { env: [env.secret('DSN', 'catalyst-db', 'dsn')] })],
});
const REF = 'Deployment/catalyst-system/catalyst-api';
const C = 'spec.template.spec.containers';

describe('toHaveEnv / toHaveSecretKeyRef', () => {
  it('pass on matching env vars', () => {
    expect(api).toHaveEnv('CATALYST_NEWAPI_ADDR');
    expect(api).toHaveEnv('CATALYST_NEWAPI_ADDR', { value: GOOD_ADDR });
    expect(api).toHaveEnv('CATALYST_NEWAPI_ADMIN_TOKEN', { secretKeyRef: { name: TOKEN_SECRET, key: TOKEN_KEY } });
    expect(api).toHaveEnv('LEVEL', { configMapKeyRef: { name: 'catalyst-config', key: 'level', optional: false } });
    expect(api).toHaveEnv('UPSTREAM', { value: 'http://localhost:8080' }, { container: 'proxy' });
    expect(api).toHaveEnv('DSN', { secretKeyRef: { name: 'catalyst-db', key: 'dsn' } }, { container: 'migrate' });
    expect(api).toHaveSecretKeyRef('CATALYST_NEWAPI_ADMIN_TOKEN', { name: TOKEN_SECRET, key: TOKEN_KEY, optional: true });
    expect(api).not.toHaveEnv('CATALYST_NEWAPI_ADDR', { value: BAD_ADDR });
    expect(api).not.toHaveEnv('UPSTREAM', undefined, { container: 'api' });
  });

  it.each([
    {
      name: 'another value',
      run: () => expect(api).toHaveEnv('CATALYST_NEWAPI_ADDR', { value: BAD_ADDR }),
      message: `expected ${REF} ${C}[api].env[CATALYST_NEWAPI_ADDR] to be value "${BAD_ADDR}", but it is value "${GOOD_ADDR}"`,
    },
    {
      name: 'an absent env var',
      run: () => expect(api).toHaveEnv('NOPE', undefined, { container: 'api' }),
      message: `expected ${REF} ${C}[api].env[NOPE] to be set, but it is absent`,
    },
    {
      name: 'an env var absent from every container',
      run: () => expect(api).toHaveEnv('NOPE', { value: 'x' }),
      message: `expected ${REF} ${C}[*].env[NOPE] to be value "x", but it is absent`,
    },
    {
      name: 'a container that does not exist',
      run: () => expect(api).toHaveEnv('X', undefined, { container: 'worker' }),
      message: `expected ${REF} ${C}[worker] to exist (containers: api, proxy, migrate)`,
    },
    {
      name: 'optional flipped',
      run: () => expect(api).toHaveSecretKeyRef('CATALYST_NEWAPI_ADMIN_TOKEN', { name: TOKEN_SECRET, key: TOKEN_KEY, optional: false }),
      message: `expected ${REF} ${C}[api].env[CATALYST_NEWAPI_ADMIN_TOKEN] to be secretKeyRef catalyst-newapi-admin-token/ADMIN_API_TOKEN optional=false, but it is secretKeyRef catalyst-newapi-admin-token/ADMIN_API_TOKEN optional=true`,
    },
    {
      name: 'a negated match',
      run: () => expect(api).not.toHaveEnv('CATALYST_NEWAPI_ADDR', { value: GOOD_ADDR }),
      message: `expected ${REF} ${C}[api].env[CATALYST_NEWAPI_ADDR] not to be value "${GOOD_ADDR}", but it is value "${GOOD_ADDR}"`,
    },
    {
      name: 'not a workload',
      run: () => expect(secret('x', CATALYST_NS)).toHaveEnv('X'),
      message: 'expected Secret/catalyst-system/x to have env X set, but Secret has no pod template',
    },
  ])('fail naming resource and path: $name', ({ run, message }) => {
    expect(run).toThrowError(message);
  });

  it('works on Jobs too', () => {
    expect(job('sync', { containers: [container('sync', { env: [env.value('A', 'b')] })] })).toHaveEnv('A', { value: 'b' });
  });
});

describe('toHaveNoViolations', () => {
  const v: Violation = {
    contract: 'probes',
    chart: 'bp-newapi',
    cell: 'default',
    renderer: 'helm4',
    resource: { kind: 'Deployment', namespace: 'newapi', name: 'newapi-bp-newapi' },
    path: 'spec.template.spec.containers[newapi].startupProbe',
    expected: '≥ 300s',
    actual: '100s',
    message: 'startup budget 100s is below the chart minimum 300s',
  };

  it('passes on an empty list', () => expect([]).toHaveNoViolations());

  it('fails listing every violation as formatViolation prints it', () => {
    expect(() => expect([v, { ...v, resource: undefined }]).toHaveNoViolations()).toThrowError(
      'expected no violations, but there are 2:\n' +
        '  [probes] chart bp-newapi · cell default · helm4 · Deployment/newapi/newapi-bp-newapi · spec.template.spec.containers[newapi].startupProbe: startup budget 100s is below the chart minimum 300s (expected ≥ 300s, actual 100s)\n' +
        '  [probes] chart bp-newapi · cell default · helm4 · spec.template.spec.containers[newapi].startupProbe: startup budget 100s is below the chart minimum 300s (expected ≥ 300s, actual 100s)',
    );
  });

  it('supports .not', () => {
    expect([v]).not.toHaveNoViolations();
    expect(() => expect([]).not.toHaveNoViolations()).toThrowError('expected violations, but there are none');
  });

  it('never prints Secret data', () => {
    world({ releases: [release(CATALYST, CATALYST_NS, [api, secret('catalyst-env', CATALYST_NS)])] });
    expectNoSecretDataInViolations();
  });
});
