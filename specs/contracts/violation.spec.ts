import { describe, expect, it } from 'vitest';
import type { Violation } from '../../src/contracts/types.js';
import { formatViolation, nothingToCheck, quote, REDACTED, show, violation } from '../../src/contracts/violation.js';
import '../support/matchers.js';
import { CATALYST, CATALYST_NS, deployment, expectNoSecretDataInViolations, release, secret, SENTINEL, SENTINEL_B64, world } from '../support/world-builder.js';

const base: Violation = {
  contract: 'service-dns',
  chart: 'bp-catalyst-platform',
  cell: 'kit',
  renderer: 'helm3',
  resource: { kind: 'Deployment', namespace: 'catalyst-system', name: 'catalyst-api' },
  path: 'spec.template.spec.containers[api].env[CATALYST_NEWAPI_ADDR].value',
  expected: 'a Service newapi in namespace newapi',
  actual: 'none',
  message: 'http://newapi.newapi.svc names no Service',
};

describe('formatViolation', () => {
  it.each([
    {
      name: 'with a namespaced resource',
      v: base,
      line: '[service-dns] chart bp-catalyst-platform · cell kit · helm3 · Deployment/catalyst-system/catalyst-api · spec.template.spec.containers[api].env[CATALYST_NEWAPI_ADDR].value: http://newapi.newapi.svc names no Service (expected a Service newapi in namespace newapi, actual none)',
    },
    {
      name: 'with a cluster-scoped resource',
      v: { ...base, resource: { kind: 'ClusterRole', name: 'catalyst' } },
      line: '[service-dns] chart bp-catalyst-platform · cell kit · helm3 · ClusterRole/catalyst · spec.template.spec.containers[api].env[CATALYST_NEWAPI_ADDR].value: http://newapi.newapi.svc names no Service (expected a Service newapi in namespace newapi, actual none)',
    },
    {
      name: 'without a resource (segment omitted)',
      v: { ...base, resource: undefined },
      line: '[service-dns] chart bp-catalyst-platform · cell kit · helm3 · spec.template.spec.containers[api].env[CATALYST_NEWAPI_ADDR].value: http://newapi.newapi.svc names no Service (expected a Service newapi in namespace newapi, actual none)',
    },
  ])('$name', ({ v, line }) => {
    expect(formatViolation(v)).toBe(line);
  });
});

describe('violation()', () => {
  const w = world({
    subject: { chart: CATALYST, cell: 'kit.marketplace', renderer: 'helm3' },
    releases: [
      release(CATALYST, CATALYST_NS, [
        deployment('catalyst-api'),
        secret('catalyst-env', CATALYST_NS, { data: { short: 'YWI=', token: SENTINEL_B64 }, stringData: { pw: SENTINEL, tiny: 'abc' } }),
      ]),
    ],
  });

  it('takes chart, cell and renderer from the subject, and a ref from a Manifest', () => {
    const m = w.releases[0].manifests[0];
    expect(violation(w, 'probes', { resource: m, path: 'p', expected: 'e', actual: 'a', message: 'm' })).toEqual({
      contract: 'probes',
      chart: CATALYST,
      cell: 'kit.marketplace',
      renderer: 'helm3',
      resource: { kind: 'Deployment', namespace: CATALYST_NS, name: 'catalyst-api' },
      path: 'p',
      expected: 'e',
      actual: 'a',
      message: 'm',
    });
  });

  it('keeps every field on one line', () => {
    const v = violation(w, 'probes', {
      path: 'p',
      expected: 'line one\n  line two',
      actual: 'x\r\ny',
      message: 'first\nsecond',
      renderer: 'helm3 vs kustomize',
    });
    expect(formatViolation(v)).toBe(
      '[probes] chart bp-catalyst-platform · cell kit.marketplace · helm3 vs kustomize · p: first second (expected line one line two, actual x y)',
    );
  });

  it('replaces every Secret value of the world, raw, base64 or decoded, by <redacted>', () => {
    const v = violation(w, 'helm-parity', {
      path: 'data.token',
      expected: `value "${SENTINEL}"`,
      actual: SENTINEL_B64,
      message: `saw ${Buffer.from(SENTINEL).toString('base64')} and ${SENTINEL}`,
    });
    expect([v.expected, v.actual, v.message]).toEqual([`value "${REDACTED}"`, REDACTED, `saw ${REDACTED} and ${REDACTED}`]);
  });

  it('leaves values too short to be told from ordinary words', () => {
    expect(violation(w, 'probes', { path: 'p', expected: 'abc', actual: 'ab', message: 'm' })).toMatchObject({ expected: 'abc', actual: 'ab' });
  });

  it('nothingToCheck starts its message with "nothing to check:"', () => {
    expect(formatViolation(nothingToCheck(w, 'probes', 'no long-running workload', { expected: 'one', actual: 'none' }))).toBe(
      '[probes] chart bp-catalyst-platform · cell kit.marketplace · helm3 · (render): nothing to check: no long-running workload (expected one, actual none)',
    );
  });

  it.each([
    { v: undefined, s: '(absent)' },
    { v: 'a "b"', s: '"a \\"b\\""' },
    { v: 3, s: '3' },
    { v: { a: [1] }, s: '{"a":[1]}' },
    { v: 'x'.repeat(200), s: `"${'x'.repeat(158)}…` },
  ])('show($v)', ({ v, s }) => expect(show(v)).toBe(s));

  it('quote() JSON-quotes', () => expect(quote('catalyst-system')).toBe('"catalyst-system"'));

  it('never prints Secret data', () => expectNoSecretDataInViolations());
});
