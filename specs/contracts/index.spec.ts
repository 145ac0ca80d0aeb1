import { describe, expect, it } from 'vitest';
import { ALL_CONTRACTS, runContracts } from '../../src/contracts/index.js';
import type { Contract } from '../../src/contracts/types.js';
import type { ExternalService } from '../../src/config/types.js';
import type { Manifest } from '../../src/manifests/types.js';
import '../support/matchers.js';
import {
  ADMIN_TOKEN_PIN,
  BAD_ADDR,
  CATALYST,
  CATALYST_NS,
  chartFacts,
  clone,
  container,
  deployment,
  env,
  expectNoSecretDataInViolations,
  externalSecret,
  GOOD_ADDR,
  helmRelease,
  NEWAPI,
  NEWAPI_NS,
  probe,
  reflectorAnnotations,
  release,
  secret,
  service,
  TOKEN_KEY,
  TOKEN_SECRET,
  world,
} from '../support/world-builder.js';

const VALKEY: ExternalService = { name: 'valkey-primary', namespace: 'valkey', ports: [6379] };

interface State {
  newapiVersion: string;
  catalystVersion: string;
  pins: [string, string];
  /** ExternalSecret target carries the reflector annotations. */
  mirror: boolean;
  /** catalyst-api env (helm and kustomize). */
  addr: string | null;
  token: boolean;
}

const FIXED: State = { newapiVersion: '1.4.33', catalystVersion: '1.4.225', pins: ['1.4.33', '1.4.225'], mirror: true, addr: GOOD_ADDR, token: true };
/** The charts as 1.4.32 / 1.4.224 with Chart.yaml already bumped, kit pins left behind. */
const BEFORE: State = { newapiVersion: '1.4.33', catalystVersion: '1.4.225', pins: ['1.4.32', '1.4.224'], mirror: false, addr: BAD_ADDR, token: false };

function newapiObjects(s: State): Manifest[] {
  return [
    service('newapi-bp-newapi', undefined, [3000]),
    secret('newapi-session', undefined),
    externalSecret('newapi-admin-token', undefined, {
      targetName: TOKEN_SECRET,
      ...(s.mirror ? { targetAnnotations: reflectorAnnotations(CATALYST_NS) } : {}),
    }),
    deployment('newapi-bp-newapi', {
      imagePullSecrets: ['ghcr-pull'],
      containers: [
        container('newapi', {
          ports: ['http:3000'],
          env: [
            env.secret('SESSION_SECRET', 'newapi-session', 'SESSION_SECRET'),
            env.value('REDIS_CONN_STRING', 'redis://valkey-primary.valkey.svc.cluster.local:6379'),
          ],
          readinessProbe: probe.http('http'),
          livenessProbe: probe.http('http'),
          startupProbe: probe.http('http', { failureThreshold: 30, periodSeconds: 10 }),
        }),
      ],
    }),
  ];
}

function catalystObjects(s: State): Manifest[] {
  const envs = [
    ...(s.addr ? [env.value('CATALYST_NEWAPI_ADDR', s.addr)] : []),
    ...(s.token ? [env.secret('CATALYST_NEWAPI_ADMIN_TOKEN', TOKEN_SECRET, TOKEN_KEY, true)] : []),
  ];
  return [
    service('catalyst-api', undefined, [8080]),
    deployment('catalyst-api', {
      containers: [container('api', { ports: ['http:8080'], env: envs, readinessProbe: probe.http('http'), livenessProbe: probe.http('http') })],
    }),
  ];
}

function cluster(s: State, subject: string, catalystSkips: string[] = []) {
  const newapi = release(NEWAPI, NEWAPI_NS, newapiObjects(s), { releaseName: 'newapi' });
  const catalyst = release(CATALYST, CATALYST_NS, catalystObjects(s));
  const own = subject === NEWAPI ? newapi : catalyst;
  return world({
    subject: { chart: subject },
    charts: [
      chartFacts(NEWAPI, s.newapiVersion, { minStartupSeconds: 300 }),
      chartFacts(CATALYST, s.catalystVersion, { kustomizeDir: 'catalyst/templates', skipContracts: catalystSkips }),
    ],
    helmReleases: [
      helmRelease({
        name: NEWAPI,
        version: s.pins[0],
        releaseName: 'newapi',
        releaseNamespace: NEWAPI_NS,
        values: { redis: { host: 'valkey-primary.valkey.svc.cluster.local' } },
      }),
      helmRelease({ name: CATALYST, version: s.pins[1], releaseNamespace: CATALYST_NS }),
    ],
    kitObjects: [secret('ghcr-pull', 'flux-system', { annotations: reflectorAnnotations(`${CATALYST_NS},${NEWAPI_NS}`) })],
    releases: [newapi, catalyst],
    ...(subject === CATALYST ? { kustomize: release(CATALYST, CATALYST_NS, catalystObjects(s), { renderer: 'kustomize' }) } : {}),
    parity: { ...clone(own), renderer: 'helm3' },
    externalServices: [VALKEY],
    pinnedSecretRefs: [ADMIN_TOKEN_PIN],
  });
}

describe('ALL_CONTRACTS', () => {
  it('lists the ten contracts once each, with a summary', () => {
    expect(ALL_CONTRACTS.map((c) => c.id)).toEqual([
      'required-resources',
      'dual-mode-env',
      'secret-refs',
      'pinned-env',
      'reflector',
      'service-dns',
      'probes',
      'template-residue',
      'version-lockstep',
      'helm-parity',
      'schema',
    ]);
    for (const c of ALL_CONTRACTS) expect(c.summary.length).toBeGreaterThan(10);
  });
});

describe('runContracts', () => {
  it('the fixed state has no violations for bp-newapi', () => {
    expect(runContracts(cluster(FIXED, NEWAPI))).toHaveNoViolations();
  });

  it('the fixed state has no violations for bp-catalyst-platform, which skips the reflector contract', () => {
    expect(runContracts(cluster(FIXED, CATALYST, ['reflector']))).toHaveNoViolations();
  });

  it('without the skip, bp-catalyst-platform gets the reflector nothing-to-check (it renders no Secret)', () => {
    expect(runContracts(cluster(FIXED, CATALYST)).map((v) => `${v.contract}: ${v.message}`)).toEqual([
      'reflector: nothing to check: no reflector-annotated Secret found',
    ]);
  });

  it('the state before the fix fails for bp-catalyst-platform', () => {
    expect(runContracts(cluster(BEFORE, CATALYST)).map((v) => `${v.contract}: ${v.message}`)).toEqual([
      'secret-refs: pinned env CATALYST_NEWAPI_ADMIN_TOKEN is missing',
      'reflector: nothing to check: no reflector-annotated Secret found',
      'service-dns: http://newapi.newapi.svc names no Service: no Service newapi in namespace newapi (services there: newapi-bp-newapi)',
      'version-lockstep: bootstrap kit pins bp-catalyst-platform 1.4.224 but Chart.yaml is 1.4.225',
    ]);
  });

  it('the state before the fix fails for bp-newapi', () => {
    // catalyst-api does not read the token yet; the pin says it must, so the mirror must reach it.
    expect(runContracts(cluster(BEFORE, NEWAPI)).map((v) => `${v.contract}: ${v.message}`)).toEqual([
      'reflector: secret catalyst-newapi-admin-token is read from namespace catalyst-system by Deployment/catalyst-system/catalyst-api (pinned consumer) but carries no reflector annotations',
      'version-lockstep: bootstrap kit pins bp-newapi 1.4.32 but Chart.yaml is 1.4.33',
    ]);
  });

  it('catalyst fixed, bp-newapi not: the reflector contract names the unannotated ExternalSecret', () => {
    const w = cluster(FIXED, NEWAPI);
    w.releases[0] = release(NEWAPI, NEWAPI_NS, newapiObjects({ ...FIXED, mirror: false }), { releaseName: 'newapi' });
    w.parity = { ...clone(w.releases[0]), renderer: 'helm3' };
    expect(runContracts(w).map((v) => `${v.contract}: ${v.message}`)).toEqual([
      'reflector: secret catalyst-newapi-admin-token is read from namespace catalyst-system by Deployment/catalyst-system/catalyst-api but carries no reflector annotations',
    ]);
  });

  it('skips contracts that do not apply (no required resources, no kustomize, no parity) and those the chart skips', () => {
    const w = cluster(BEFORE, CATALYST, ['probes']);
    delete w.kustomize;
    delete w.parity;
    const seen = new Set<string>();
    const spy = (c: Contract): Contract => ({ ...c, check: (x) => (seen.add(c.id), c.check(x)) });
    runContracts(w, ALL_CONTRACTS.map(spy));
    expect([...seen]).toEqual(['secret-refs', 'reflector', 'service-dns', 'template-residue', 'version-lockstep']);
  });

  it('runs only the given contracts', () => {
    const only = ALL_CONTRACTS.filter((c) => c.id === 'service-dns');
    expect(runContracts(cluster(BEFORE, CATALYST), only).map((v) => v.contract)).toEqual(['service-dns']);
  });

  it('never prints Secret data', () => expectNoSecretDataInViolations());
});
