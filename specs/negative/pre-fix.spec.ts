// Negative corpus, issue 4 — the state before the fix (CONTRACT.md "The state before
// the fix (must be caught)") and its partial states, on the real helm 4 / helm 3 /
// kubectl kustomize renders of a temp copy of charts-under-test.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContractId } from '../../src/contracts/types.js';
import { hashTree } from '../../src/render/cache.js';
import {
  CATALYST_CELL,
  DUAL_MODE_CELL,
  CHARTS_ROOT,
  checkPatched,
  checkPristine,
  describeVariant,
  loadPreFix,
  loadVariant,
  NEWAPI_CELL,
  type Probe,
} from './support/negative.js';

const before = await hashTree(CHARTS_ROOT);

const ALL: ContractId[] = ['dual-mode-env', 'secret-refs', 'reflector', 'service-dns', 'probes', 'version-lockstep', 'helm-parity'];

/** Both charts × both helm majors, every contract. */
const EVERYTHING: Probe[] = (['helm4', 'helm3'] as const).flatMap((renderer) => [
  { chart: 'bp-newapi', cell: NEWAPI_CELL, renderer, contracts: ALL },
  { chart: 'bp-catalyst-platform', cell: CATALYST_CELL, renderer, contracts: ALL },
]);

const of = (contract: ContractId, lines: string[]) => lines.filter((l) => l.startsWith(`[${contract}] `));

describe('pre-fix: bp-newapi 1.4.32 / bp-catalyst-platform 1.4.224 pinned so (pre-fix/patches.yaml), every contract, helm4 and helm3', () => {
  let lines: string[] = [];
  beforeAll(async () => {
    lines = (await checkPatched(await loadPreFix(), EVERYTHING)).flat().sort();
  });

  it('secret-refs: pinned env CATALYST_NEWAPI_ADMIN_TOKEN is missing from catalyst-api (helm4 and helm3)', () => {
    expect(of('secret-refs', lines)).toEqual([
      '[secret-refs] chart bp-catalyst-platform · cell kit.off · helm3 · Deployment/catalyst-system/catalyst-api · spec.template.spec.containers[api].env[CATALYST_NEWAPI_ADMIN_TOKEN]: pinned env CATALYST_NEWAPI_ADMIN_TOKEN is missing (expected secretKeyRef catalyst-newapi-admin-token/ADMIN_API_TOKEN optional=true, actual (absent))',
      '[secret-refs] chart bp-catalyst-platform · cell kit.off · helm4 · Deployment/catalyst-system/catalyst-api · spec.template.spec.containers[api].env[CATALYST_NEWAPI_ADMIN_TOKEN]: pinned env CATALYST_NEWAPI_ADMIN_TOKEN is missing (expected secretKeyRef catalyst-newapi-admin-token/ADMIN_API_TOKEN optional=true, actual (absent))',
    ]);
  });

  it('service-dns: CATALYST_NEWAPI_ADDR http://newapi.newapi.svc names no Service (helm4 and helm3)', () => {
    expect(of('service-dns', lines)).toEqual([
      '[service-dns] chart bp-catalyst-platform · cell kit.off · helm3 · Deployment/catalyst-system/catalyst-api · spec.template.spec.containers[api].env[CATALYST_NEWAPI_ADDR].value: http://newapi.newapi.svc names no Service: no Service newapi in namespace newapi (services there: newapi-bp-newapi, newapi-bp-newapi-pg-rw) (expected a Service newapi in namespace newapi, actual none (newapi-bp-newapi:3000, newapi-bp-newapi-pg-rw:5432))',
      '[service-dns] chart bp-catalyst-platform · cell kit.off · helm4 · Deployment/catalyst-system/catalyst-api · spec.template.spec.containers[api].env[CATALYST_NEWAPI_ADDR].value: http://newapi.newapi.svc names no Service: no Service newapi in namespace newapi (services there: newapi-bp-newapi, newapi-bp-newapi-pg-rw) (expected a Service newapi in namespace newapi, actual none (newapi-bp-newapi:3000, newapi-bp-newapi-pg-rw:5432))',
    ]);
  });

  it('reflector: the admin-token ExternalSecret target of bp-newapi is not mirrored to the pinned consumer (helm4 and helm3)', () => {
    expect(of('reflector', lines)).toEqual([
      '[reflector] chart bp-newapi · cell kit.off.on.route · helm3 · ExternalSecret/newapi/catalyst-newapi-admin-token · spec.target.template.metadata.annotations: secret catalyst-newapi-admin-token is read from namespace catalyst-system by Deployment/catalyst-system/catalyst-api (pinned consumer) but carries no reflector annotations (expected reflector annotations mirroring catalyst-newapi-admin-token into catalyst-system, actual none)',
      '[reflector] chart bp-newapi · cell kit.off.on.route · helm4 · ExternalSecret/newapi/catalyst-newapi-admin-token · spec.target.template.metadata.annotations: secret catalyst-newapi-admin-token is read from namespace catalyst-system by Deployment/catalyst-system/catalyst-api (pinned consumer) but carries no reflector annotations (expected reflector annotations mirroring catalyst-newapi-admin-token into catalyst-system, actual none)',
    ]);
  });

  it('nothing else: dual-mode-env, probes, version-lockstep and helm-parity stay silent (both forms equally broken, pins match the charts)', () => {
    const rest = lines.filter((l) => !['secret-refs', 'service-dns', 'reflector'].some((c) => l.startsWith(`[${c}] `)));
    expect(rest).toEqual([]);
    expect(lines).toHaveLength(6);
  });

  it('the unpatched tree reports no violation of any contract on the same subjects', async () => {
    expect((await checkPristine(EVERYTHING)).flat()).toEqual([]);
  });
});

describe('partial pre-fix patches are the pre-fix patch split in two', () => {
  it('prefix-charts-only.yaml followed by prefix-pins-only.yaml is pre-fix/patches.yaml, edit for edit', async () => {
    const [charts, pins, preFix] = await Promise.all([loadVariant('prefix-charts-only'), loadVariant('prefix-pins-only'), loadPreFix()]);
    expect([...charts, ...pins]).toEqual(preFix);
  });
});

const BOTH_LOCKSTEP: Probe[] = [
  { chart: 'bp-newapi', cell: NEWAPI_CELL, contracts: ['version-lockstep'] },
  { chart: 'bp-catalyst-platform', cell: CATALYST_CELL, contracts: ['version-lockstep'] },
];

describeVariant({
  patch: 'prefix-pins-only',
  what: 'post-fix charts 1.4.33 / 1.4.225, kit still pins 1.4.32 / 1.4.224',
  probes: BOTH_LOCKSTEP,
  expected: [
    '[version-lockstep] chart bp-newapi · cell kit.off.on.route · helm4 · HelmRelease/flux-system/bp-newapi · spec.chart.spec.version: bootstrap kit pins bp-newapi 1.4.32 but Chart.yaml is 1.4.33 (expected 1.4.33, actual 1.4.32)',
    '[version-lockstep] chart bp-catalyst-platform · cell kit.off · helm4 · HelmRelease/flux-system/bp-catalyst-platform · spec.chart.spec.version: bootstrap kit pins bp-catalyst-platform 1.4.224 but Chart.yaml is 1.4.225 (expected 1.4.225, actual 1.4.224)',
  ],
});

describeVariant({
  patch: 'prefix-charts-only',
  what: 'pre-fix charts 1.4.32 / 1.4.224, kit already pins 1.4.33 / 1.4.225',
  probes: BOTH_LOCKSTEP,
  expected: [
    '[version-lockstep] chart bp-newapi · cell kit.off.on.route · helm4 · HelmRelease/flux-system/bp-newapi · spec.chart.spec.version: bootstrap kit pins bp-newapi 1.4.33 but Chart.yaml is 1.4.32 (expected 1.4.32, actual 1.4.33)',
    '[version-lockstep] chart bp-catalyst-platform · cell kit.off · helm4 · HelmRelease/flux-system/bp-catalyst-platform · spec.chart.spec.version: bootstrap kit pins bp-catalyst-platform 1.4.225 but Chart.yaml is 1.4.224 (expected 1.4.224, actual 1.4.225)',
  ],
});

describeVariant({
  patch: 'prefix-kustomize-unfixed',
  what: 'Helm form of catalyst-api fixed, Kustomize sibling still pre-fix',
  probes: [{ chart: 'bp-catalyst-platform', cell: DUAL_MODE_CELL, contracts: ['dual-mode-env'] }],
  expected: [
    '[dual-mode-env] chart bp-catalyst-platform · cell defaults.off · helm4 vs kustomize · Deployment/catalyst-system/catalyst-api · spec.template.spec.containers[api].env[CATALYST_NEWAPI_ADDR].value: env CATALYST_NEWAPI_ADDR of container api differs between helm and kustomize (expected value "http://newapi-bp-newapi.newapi.svc.cluster.local:3000", actual value "http://newapi.newapi.svc")',
    '[dual-mode-env] chart bp-catalyst-platform · cell defaults.off · helm4 vs kustomize · Deployment/catalyst-system/catalyst-api · spec.template.spec.containers[api].env[CATALYST_NEWAPI_ADMIN_TOKEN]: env CATALYST_NEWAPI_ADMIN_TOKEN of container api is set by helm but missing from kustomize (expected secretKeyRef catalyst-newapi-admin-token/ADMIN_API_TOKEN optional=true, actual (absent))',
  ],
});

describe('charts-under-test', () => {
  it('is byte-identical after every pre-fix variant ran', async () => {
    expect(await hashTree(CHARTS_ROOT)).toBe(before);
  });
});
