import { describe, expect, it } from 'vitest';
import { requiredResources } from '../../src/contracts/required-resources.js';
import { formatViolation } from '../../src/contracts/violation.js';
import '../support/matchers.js';
import {
  chartFacts,
  deployment,
  expectNoSecretDataInViolations,
  externalSecret,
  NEWAPI,
  NEWAPI_NS,
  release,
  secret,
  service,
  world,
} from '../support/world-builder.js';

/** bp-newapi with or without its capability-gated ExternalSecret. */
function fixture(required: string[], o: { externalSecret?: boolean } = {}) {
  return world({
    subject: { chart: NEWAPI },
    charts: [chartFacts(NEWAPI, '1.4.33')],
    releases: [
      release(NEWAPI, NEWAPI_NS, [
        deployment('newapi-bp-newapi'),
        service('newapi-bp-newapi', NEWAPI_NS, [3000]),
        secret('newapi-session', NEWAPI_NS),
        ...(o.externalSecret === false ? [] : [externalSecret('catalyst-newapi-admin-token', NEWAPI_NS)]),
      ]),
    ],
    requiredResources: required,
  });
}

const P = '[required-resources] chart bp-newapi · cell default · helm4';

describe('required-resources', () => {
  it('applies only when the chart or cell lists required resources (opt-in)', () => {
    expect(requiredResources.appliesTo(fixture([]))).toBe(false);
    expect(requiredResources.appliesTo(fixture(['Deployment/newapi-bp-newapi']))).toBe(true);
  });

  it.each([
    { name: 'Kind/name', required: ['Deployment/newapi-bp-newapi', 'ExternalSecret/catalyst-newapi-admin-token'] },
    { name: 'Kind/namespace/name', required: ['Service/newapi/newapi-bp-newapi'] },
  ])('passes: $name', ({ required }) => {
    expect(requiredResources.check(fixture(required))).toHaveNoViolations();
  });

  it.each([
    {
      name: 'the ExternalSecret vanished (capability external-secrets.io/v1beta1 not passed)',
      required: ['ExternalSecret/catalyst-newapi-admin-token'],
      o: { externalSecret: false },
      lines: [
        `${P} · ExternalSecret/catalyst-newapi-admin-token · (object): required ExternalSecret/catalyst-newapi-admin-token is not rendered (is it gated on a capability missing from apiVersions, or on a value this cell does not set?) (expected ExternalSecret/catalyst-newapi-admin-token, actual (absent); no ExternalSecret rendered)`,
      ],
    },
    {
      name: 'a value-gated Deployment missing; same kind rendered under another name',
      required: ['Deployment/newapi-worker'],
      o: {},
      lines: [
        `${P} · Deployment/newapi-worker · (object): required Deployment/newapi-worker is not rendered (is it gated on a capability missing from apiVersions, or on a value this cell does not set?) (expected Deployment/newapi-worker, actual (absent); Deployment rendered: Deployment/newapi/newapi-bp-newapi)`,
      ],
    },
    {
      name: 'right name, wrong namespace',
      required: ['Service/other/newapi-bp-newapi'],
      o: {},
      lines: [
        `${P} · Service/other/newapi-bp-newapi · (object): required Service/other/newapi-bp-newapi is not rendered (is it gated on a capability missing from apiVersions, or on a value this cell does not set?) (expected Service/other/newapi-bp-newapi, actual (absent); Service rendered: Service/newapi/newapi-bp-newapi)`,
      ],
    },
  ])('fails: $name', ({ required, o, lines }) => {
    expect(requiredResources.check(fixture(required, o)).map(formatViolation)).toEqual(lines);
  });

  it('never prints Secret data', () => expectNoSecretDataInViolations());
});
