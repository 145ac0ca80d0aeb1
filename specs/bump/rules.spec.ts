// The lockstep rules as pure functions: exact messages for every finding.
import { describe, expect, it } from 'vitest';
import { checkBumpRules, isBumped, isSemver, lockstepPartners, type ChartState } from '../../src/bump/rules.js';
import type { ChartSide, PinFact } from '../../src/bump/types.js';

const KIT = 'clusters/_template/bootstrap-kit';
const pin = (chart: string, version: string, file = `${KIT}/80-newapi.yaml`, hr = `flux-system/${chart}`): PinFact => ({
  file,
  helmRelease: hr,
  chart,
  version,
});
const side = (version: string | undefined, pins: PinFact[], path = 'platform/newapi/chart'): ChartSide => ({
  exists: version !== undefined,
  path,
  version,
  pins,
});

function chart(
  id: string,
  base: string | undefined,
  head: string,
  opts: Partial<ChartState> & { basePin?: string | null; headPin?: string | null } = {},
): ChartState {
  const p = id === 'bp-newapi' ? 'platform/newapi/chart' : 'products/catalyst/chart';
  const file = id === 'bp-newapi' ? `${KIT}/80-newapi.yaml` : `${KIT}/13-bp-catalyst-platform.yaml`;
  const basePin = opts.basePin === undefined ? base : opts.basePin;
  const headPin = opts.headPin === undefined ? head : opts.headPin;
  return {
    id,
    name: id,
    path: p,
    reasons: opts.reasons ?? ['files'],
    files: opts.files ?? ['templates/x.yaml'],
    base: side(base, basePin === null || basePin === undefined ? [] : [pin(id, basePin, file)], p),
    head: side(head, headPin === null ? [] : [pin(id, headPin, file)], p),
    releaseFallback: opts.releaseFallback ?? false,
  };
}

const OPTS = { lockstep: [['bp-newapi', 'bp-catalyst-platform']], kitPath: KIT, strict: false };
const msgs = (all: ChartState[], opts = OPTS) => checkBumpRules(all, opts).map((v) => `[${v.rule}] ${v.message}`);

describe('isSemver / isBumped', () => {
  it.each([
    ['1.4.33', true],
    ['1.4.33-rc.1+build.5', true],
    ['1.4', false],
    ['v1.4.33', false],
    ['=1.4.33', false],
    [' 1.4.33', false],
    ['1.04.3', false],
    ['banana', false],
  ])('%s → %s', (v, ok) => expect(isSemver(v)).toBe(ok));

  it('bumped means strictly greater, or new in head', () => {
    expect(isBumped(chart('bp-newapi', '1.4.33', '1.4.34'))).toBe(true);
    expect(isBumped(chart('bp-newapi', '1.4.33', '1.4.33'))).toBe(false);
    expect(isBumped(chart('bp-newapi', '1.4.33', '1.4.33-rc.1'))).toBe(false);
    expect(isBumped(chart('bp-newapi', undefined, '0.1.0'))).toBe(true);
  });
});

describe('checkBumpRules', () => {
  it('the seed change passes: both charts bumped and pinned in lockstep', () => {
    expect(msgs([chart('bp-newapi', '1.4.32', '1.4.33'), chart('bp-catalyst-platform', '1.4.224', '1.4.225')])).toEqual([]);
  });

  it('a changed chart without a bump', () => {
    expect(msgs([chart('bp-newapi', '1.4.33', '1.4.33', { files: ['templates/a.yaml', 'templates/b.yaml', 'values.yaml', 'Chart.yaml'] })])).toEqual([
      '[not-bumped] bp-newapi: chart changed but Chart.yaml version is still 1.4.33 (bump platform/newapi/chart/Chart.yaml; changed: templates/a.yaml, templates/b.yaml, values.yaml, … (+1 more))',
    ]);
  });

  it('a bump without the pin', () => {
    expect(msgs([chart('bp-newapi', '1.4.33', '1.4.34', { headPin: '1.4.33' }), chart('bp-catalyst-platform', '1.4.225', '1.4.226')])).toEqual([
      '[pin-not-bumped] bp-newapi: bumped 1.4.33 -> 1.4.34 but HelmRelease flux-system/bp-newapi still pins 1.4.33 (clusters/_template/bootstrap-kit/80-newapi.yaml)',
    ]);
  });

  it('a pin to a version no Chart.yaml has', () => {
    expect(msgs([chart('bp-newapi', '1.4.33', '1.4.34', { headPin: '1.4.35' }), chart('bp-catalyst-platform', '1.4.225', '1.4.226')])).toEqual([
      '[pin-mismatch] bp-newapi: HelmRelease flux-system/bp-newapi pins 1.4.35, a version no Chart.yaml has (platform/newapi/chart/Chart.yaml is 1.4.34; clusters/_template/bootstrap-kit/80-newapi.yaml)',
    ]);
  });

  it('a pin-only change must still pin the Chart.yaml version (no bump needed)', () => {
    expect(msgs([chart('bp-newapi', '1.4.33', '1.4.33', { reasons: ['pin'], files: [], basePin: '1.4.32', headPin: '1.4.33' })])).toEqual([]);
    expect(msgs([chart('bp-newapi', '1.4.33', '1.4.33', { reasons: ['pin'], files: [], headPin: '1.4.31' })])).toEqual([
      '[pin-mismatch] bp-newapi: HelmRelease flux-system/bp-newapi pins 1.4.31, a version no Chart.yaml has (platform/newapi/chart/Chart.yaml is 1.4.33; clusters/_template/bootstrap-kit/80-newapi.yaml)',
    ]);
  });

  it('a version that went down', () => {
    expect(msgs([chart('bp-newapi', '1.4.33', '1.4.30')])).toEqual([
      '[version-decreased] bp-newapi: Chart.yaml version went down from 1.4.33 to 1.4.30 (platform/newapi/chart/Chart.yaml)',
    ]);
  });

  it('an invalid version (and nothing else about that chart)', () => {
    expect(msgs([chart('bp-newapi', '1.4.33', '1.4', { headPin: '1.4.33' })])).toEqual([
      '[invalid-version] bp-newapi: Chart.yaml version "1.4" is not valid semver (platform/newapi/chart/Chart.yaml)',
    ]);
  });

  it('a Chart.yaml without version, or broken', () => {
    const c = chart('bp-newapi', '1.4.33', '1.4.34');
    c.head.version = undefined;
    expect(msgs([c])).toEqual(['[invalid-version] bp-newapi: platform/newapi/chart/Chart.yaml has no version']);
  });

  it('lockstep: the report names the missing partner', () => {
    expect(msgs([chart('bp-newapi', '1.4.33', '1.4.34'), chart('bp-catalyst-platform', '1.4.225', '1.4.225', { reasons: [], files: [] })])).toEqual([
      '[lockstep] bp-catalyst-platform: lockstep partner of bp-newapi 1.4.33 -> 1.4.34 was not bumped (still 1.4.225 in products/catalyst/chart/Chart.yaml)',
    ]);
    const v = checkBumpRules([chart('bp-newapi', '1.4.33', '1.4.34'), chart('bp-catalyst-platform', '1.4.225', '1.4.225', { reasons: [], files: [] })], OPTS);
    expect(lockstepPartners(v)).toEqual(['bp-catalyst-platform']);
  });

  it('a chart new in head needs only a valid version and a pin', () => {
    expect(msgs([chart('bp-new', undefined, '0.1.0')], { ...OPTS, lockstep: [] })).toEqual([]);
    expect(msgs([chart('bp-new', undefined, '0.1.0', { headPin: null })], { ...OPTS, lockstep: [] })).toEqual([
      '[pin-missing] bp-new: no bootstrap-kit HelmRelease pins chart bp-new (expected one pinning 0.1.0 in clusters/_template/bootstrap-kit)',
    ]);
  });

  it('a HelmRelease removed from the kit', () => {
    expect(msgs([chart('bp-newapi', '1.4.33', '1.4.34', { headPin: null })], { ...OPTS, lockstep: [] })).toEqual([
      '[pin-missing] bp-newapi: no bootstrap-kit HelmRelease installs chart bp-newapi any more (base: HelmRelease flux-system/bp-newapi in clusters/_template/bootstrap-kit/80-newapi.yaml pinned 1.4.33)',
    ]);
  });

  it('a chart with a `release` fallback needs no pin, unless --strict', () => {
    const c = () => chart('bp-solo', '1.0.0', '1.0.1', { basePin: null, headPin: null, releaseFallback: true });
    expect(msgs([c()], { ...OPTS, lockstep: [] })).toEqual([]);
    expect(msgs([c()], { ...OPTS, lockstep: [], strict: true })).toEqual([
      '[pin-missing] bp-solo: no bootstrap-kit HelmRelease pins chart bp-solo (expected one pinning 1.0.1 in clusters/_template/bootstrap-kit)',
    ]);
  });
});
