import { describe, expect, it } from 'vitest';
import type { ChartFacts } from '../../src/contracts/types.js';
import { formatViolation } from '../../src/contracts/violation.js';
import { versionLockstep } from '../../src/contracts/version-lockstep.js';
import type { FluxHelmRelease } from '../../src/render/flux-types.js';
import '../support/matchers.js';
import {
  CATALYST,
  CATALYST_NS,
  chartFacts,
  deployment,
  expectNoSecretDataInViolations,
  helmRelease,
  NEWAPI,
  NEWAPI_NS,
  release,
  secret,
  world,
} from '../support/world-builder.js';

const CHARTS = () => [chartFacts(NEWAPI, '1.4.33'), chartFacts(CATALYST, '1.4.225')];
const HR_NEWAPI = (version = '1.4.33') => helmRelease({ name: NEWAPI, version, releaseName: 'newapi', releaseNamespace: NEWAPI_NS });
const HR_CATALYST = (version = '1.4.225') => helmRelease({ name: CATALYST, version, releaseNamespace: CATALYST_NS });

function fixture(subject: string, helmReleases: FluxHelmRelease[], charts: ChartFacts[] = CHARTS()) {
  return world({
    subject: { chart: subject },
    charts,
    helmReleases,
    releases: [
      release(NEWAPI, NEWAPI_NS, [deployment('newapi-bp-newapi'), secret('newapi-session', NEWAPI_NS)]),
      release(CATALYST, CATALYST_NS, [deployment('catalyst-api')]),
    ],
  });
}

describe('version-lockstep', () => {
  it('always applies', () => expect(versionLockstep.appliesTo(fixture(NEWAPI, []))).toBe(true));

  it.each([
    { name: 'bp-newapi 1.4.33 pinned 1.4.33', subject: NEWAPI, hrs: [HR_NEWAPI(), HR_CATALYST()] },
    { name: 'bp-catalyst-platform 1.4.225 pinned 1.4.225', subject: CATALYST, hrs: [HR_NEWAPI(), HR_CATALYST()] },
    {
      name: 'a HelmRelease of an unknown chart is reported with the first chart only',
      subject: CATALYST,
      hrs: [HR_NEWAPI(), HR_CATALYST(), helmRelease({ name: 'bp-openbao', version: '1.0.0' })],
    },
    { name: 'another chart’s pin mismatch is not the subject’s', subject: CATALYST, hrs: [HR_NEWAPI('1.4.32'), HR_CATALYST()] },
  ])('passes: $name', ({ subject, hrs }) => {
    expect(versionLockstep.check(fixture(subject, hrs))).toHaveNoViolations();
  });

  it.each([
    {
      name: 'the kit still pins bp-newapi 1.4.32',
      subject: NEWAPI,
      hrs: [HR_NEWAPI('1.4.32'), HR_CATALYST()],
      lines: [
        '[version-lockstep] chart bp-newapi · cell default · helm4 · HelmRelease/flux-system/bp-newapi · spec.chart.spec.version: bootstrap kit pins bp-newapi 1.4.32 but Chart.yaml is 1.4.33 (expected 1.4.33, actual 1.4.32)',
      ],
    },
    {
      name: 'the kit still pins bp-catalyst-platform 1.4.224',
      subject: CATALYST,
      hrs: [HR_NEWAPI(), HR_CATALYST('1.4.224')],
      lines: [
        '[version-lockstep] chart bp-catalyst-platform · cell default · helm4 · HelmRelease/flux-system/bp-catalyst-platform · spec.chart.spec.version: bootstrap kit pins bp-catalyst-platform 1.4.224 but Chart.yaml is 1.4.225 (expected 1.4.225, actual 1.4.224)',
      ],
    },
    {
      name: 'a semver range is not a pin',
      subject: NEWAPI,
      hrs: [HR_NEWAPI('1.4.x'), HR_CATALYST()],
      lines: [
        '[version-lockstep] chart bp-newapi · cell default · helm4 · HelmRelease/flux-system/bp-newapi · spec.chart.spec.version: bootstrap kit pins bp-newapi 1.4.x but Chart.yaml is 1.4.33 (expected 1.4.33, actual 1.4.x)',
      ],
    },
    {
      name: 'no HelmRelease installs the chart',
      subject: CATALYST,
      hrs: [HR_NEWAPI()],
      lines: [
        '[version-lockstep] chart bp-catalyst-platform · cell default · helm4 · spec.chart.spec.chart: no bootstrap-kit HelmRelease installs chart bp-catalyst-platform (expected a HelmRelease pinning bp-catalyst-platform 1.4.225, actual none)',
      ],
    },
    {
      name: 'a HelmRelease for a chart that is not in the suite (reported with the first chart)',
      subject: NEWAPI,
      hrs: [HR_NEWAPI(), HR_CATALYST(), helmRelease({ name: 'bp-newapi-legacy', chart: 'bp-newapi-old', version: '0.9.0' })],
      lines: [
        '[version-lockstep] chart bp-newapi · cell default · helm4 · HelmRelease/flux-system/bp-newapi-legacy · spec.chart.spec.chart: HelmRelease installs chart bp-newapi-old, which is not a chart of the suite (expected one of bp-newapi, bp-catalyst-platform, actual bp-newapi-old)',
      ],
    },
  ])('fails: $name', ({ subject, hrs, lines }) => {
    expect(versionLockstep.check(fixture(subject, hrs)).map(formatViolation)).toEqual(lines);
  });

  it('matches the HelmRelease by Chart.yaml name, not by chart id', () => {
    const charts = [chartFacts('newapi', '1.4.33', { name: NEWAPI }), chartFacts(CATALYST, '1.4.225')];
    expect(versionLockstep.check(fixture('newapi', [HR_NEWAPI(), HR_CATALYST()], charts))).toHaveNoViolations();
    const [v] = versionLockstep.check(fixture('newapi', [HR_NEWAPI('1.4.32'), HR_CATALYST()], charts));
    expect(v).toMatchObject({
      chart: 'newapi',
      resource: { kind: 'HelmRelease', namespace: 'flux-system', name: NEWAPI },
      path: 'spec.chart.spec.version',
      expected: '1.4.33',
      actual: '1.4.32',
    });
  });

  it('has nothing to check without the subject’s Chart.yaml facts', () => {
    expect(versionLockstep.check(fixture('bp-unknown', [HR_NEWAPI()])).map(formatViolation)).toEqual([
      '[version-lockstep] chart bp-unknown · cell default · helm4 · (render): nothing to check: no Chart.yaml facts for chart bp-unknown (expected chart bp-unknown among the suite charts, actual bp-newapi, bp-catalyst-platform)',
    ]);
  });

  it('never prints Secret data', () => expectNoSecretDataInViolations());
});
