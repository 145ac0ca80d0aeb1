// pinned-env (issue 15): env vars pinned in the suite config to a literal, a secretKeyRef
// or a configMapKeyRef with its optional flag, in the helm and the kustomize render.
import { describe, expect, it } from 'vitest';
import type { PinnedEnv } from '../../src/config/types.js';
import { pinnedEnv } from '../../src/contracts/pinned-env.js';
import { formatViolation } from '../../src/contracts/violation.js';
import type { Obj } from '../support/world-builder.js';
import {
  BAD_ADDR,
  CATALYST,
  CATALYST_NS,
  container,
  deployment,
  env,
  GOOD_ADDR,
  NEWAPI,
  release,
  TOKEN_KEY,
  TOKEN_SECRET,
  world,
} from '../support/world-builder.js';

const ADDR_PIN: PinnedEnv = { chart: CATALYST, workload: 'Deployment/catalyst-api', container: 'api', env: 'CATALYST_NEWAPI_ADDR', value: GOOD_ADDR };
const TOKEN_PIN: PinnedEnv = {
  chart: CATALYST,
  workload: 'Deployment/catalyst-api',
  env: 'TOKEN',
  secretKeyRef: { name: TOKEN_SECRET, key: TOKEN_KEY, optional: true },
};
const CM_PIN: PinnedEnv = {
  chart: CATALYST,
  workload: 'Deployment/catalyst-api',
  env: 'ORIGIN',
  configMapKeyRef: { name: 'cfg', key: 'ORIGIN', optional: false },
};
const GOOD = [env.value('CATALYST_NEWAPI_ADDR', GOOD_ADDR), env.secret('TOKEN', TOKEN_SECRET, TOKEN_KEY, true), env.configMap('ORIGIN', 'cfg', 'ORIGIN')];

function check(o: { helm?: Obj[]; kustomize?: Obj[]; pins?: PinnedEnv[]; sidecar?: Obj[]; noApi?: boolean }): string[] {
  const api = (e: Obj[]) =>
    deployment('catalyst-api', {
      namespace: CATALYST_NS,
      containers: [container('api', { env: e }), ...(o.sidecar ? [container('side', { env: o.sidecar })] : [])],
    });
  const w = world({
    releases: [release(CATALYST, CATALYST_NS, o.noApi ? [] : [api(o.helm ?? GOOD)])],
    ...(o.kustomize ? { kustomize: release(CATALYST, CATALYST_NS, [api(o.kustomize)], { renderer: 'kustomize' }) } : {}),
  });
  w.pinnedEnv = o.pins ?? [ADDR_PIN, TOKEN_PIN, CM_PIN];
  return pinnedEnv.appliesTo(w) ? pinnedEnv.check(w).map(formatViolation) : ['(does not apply)'];
}

const HEAD = 'chart bp-catalyst-platform · cell default';
const API = 'Deployment/catalyst-system/catalyst-api · spec.template.spec.containers[api]';

describe('pinned-env', () => {
  it('holds when every pin matches, in helm and kustomize (absent optional = false)', () => {
    expect(check({ kustomize: GOOD })).toEqual([]);
  });

  it('does not apply to a chart without pins', () => {
    expect(check({ pins: [{ ...ADDR_PIN, chart: NEWAPI }] })).toEqual(['(does not apply)']);
  });

  it('a pinned container: another container setting the env var differently is no alarm', () => {
    expect(check({ pins: [ADDR_PIN], sidecar: [env.value('CATALYST_NEWAPI_ADDR', 'http://elsewhere')] })).toEqual([]);
  });

  it('a literal that differs (the pre-fix NXDOMAIN URL)', () => {
    expect(check({ pins: [ADDR_PIN], helm: [env.value('CATALYST_NEWAPI_ADDR', BAD_ADDR)] })).toEqual([
      `[pinned-env] ${HEAD} · helm4 · ${API}.env[CATALYST_NEWAPI_ADDR].value: pinned env CATALYST_NEWAPI_ADDR differs from its pin in the helm4 render (expected value "${GOOD_ADDR}", actual value "${BAD_ADDR}")`,
    ]);
  });

  it('a secretKeyRef whose optional flag flipped, in the kustomize render only', () => {
    expect(check({ pins: [TOKEN_PIN], kustomize: [env.secret('TOKEN', TOKEN_SECRET, TOKEN_KEY, false)] })).toEqual([
      `[pinned-env] ${HEAD} · kustomize · ${API}.env[TOKEN].valueFrom.secretKeyRef.optional: pinned env TOKEN differs from its pin in the kustomize render (expected secretKeyRef ${TOKEN_SECRET}/${TOKEN_KEY} optional=true, actual secretKeyRef ${TOKEN_SECRET}/${TOKEN_KEY} optional=false)`,
    ]);
  });

  it('a configMapKeyRef read from another key, and a literal where a ref is pinned', () => {
    expect(check({ pins: [CM_PIN, TOKEN_PIN], helm: [env.configMap('ORIGIN', 'cfg', 'OTHER'), env.value('TOKEN', 'x')] })).toEqual([
      `[pinned-env] ${HEAD} · helm4 · ${API}.env[ORIGIN].valueFrom.configMapKeyRef.key: pinned env ORIGIN differs from its pin in the helm4 render (expected configMapKeyRef cfg/ORIGIN optional=false, actual configMapKeyRef cfg/OTHER optional=false)`,
      `[pinned-env] ${HEAD} · helm4 · ${API}.env[TOKEN]: pinned env TOKEN differs from its pin in the helm4 render (expected secretKeyRef ${TOKEN_SECRET}/${TOKEN_KEY} optional=true, actual value "x")`,
    ]);
  });

  it('a missing env var, and a workload that is not rendered', () => {
    expect(check({ pins: [ADDR_PIN], helm: [] })).toEqual([
      `[pinned-env] ${HEAD} · helm4 · ${API}.env[CATALYST_NEWAPI_ADDR]: pinned env CATALYST_NEWAPI_ADDR is missing from the helm4 render (expected value "${GOOD_ADDR}", actual (absent))`,
    ]);
    expect(check({ pins: [ADDR_PIN], noApi: true })).toEqual([
      `[pinned-env] ${HEAD} · helm4 · Deployment/catalyst-api · env[CATALYST_NEWAPI_ADDR]: pinned workload Deployment/catalyst-api (env CATALYST_NEWAPI_ADDR) is not in the helm4 render (expected Deployment/catalyst-api with env CATALYST_NEWAPI_ADDR value "${GOOD_ADDR}", actual (absent))`,
    ]);
  });
});
