import { describe, expect, it } from 'vitest';
import { helmParity, MAX_DIFFS_PER_RESOURCE } from '../../src/contracts/helm-parity.js';
import { formatViolation } from '../../src/contracts/violation.js';
import type { NondeterministicPath } from '../../src/contracts/types.js';
import { diffValues } from '../../src/manifests/diff.js';
import type { Manifest } from '../../src/manifests/types.js';
import '../support/matchers.js';
import {
  container,
  deployment,
  env,
  expectNoSecretDataInViolations,
  NEWAPI,
  NEWAPI_NS,
  release,
  secret,
  SENTINEL,
  service,
  world,
  type Obj,
  type SecretOptions,
} from '../support/world-builder.js';

interface Variant {
  chartLabel?: string;
  image?: string;
  replicas?: number;
  env?: Obj[];
  args?: string[];
  annotations?: Record<string, string>;
  secret?: SecretOptions;
  /** Extra objects. */
  extra?: Manifest[];
  /** Leave the Service out. */
  noService?: boolean;
}

function objects(v: Variant = {}): Manifest[] {
  const d = deployment('newapi-bp-newapi', {
    labels: { 'helm.sh/chart': v.chartLabel ?? 'bp-newapi-1.4.33', 'app.kubernetes.io/managed-by': 'Helm' },
    containers: [container('newapi', { image: v.image ?? 'ghcr.io/openova-io/new-api:v0.13.2', env: v.env, args: v.args })],
  });
  const spec = d.object.spec as Obj;
  spec.replicas = v.replicas ?? 1;
  if (v.annotations) d.object.metadata = { ...d.object.metadata, annotations: v.annotations };
  return [d, ...(v.noService ? [] : [service('newapi-bp-newapi', NEWAPI_NS, [3000])]), secret('newapi-session', NEWAPI_NS, v.secret ?? {}), ...(v.extra ?? [])];
}

function fixture(helm4: Variant = {}, helm3: Variant = {}, nondeterministic?: NondeterministicPath[]) {
  return world({
    subject: { chart: NEWAPI, renderer: 'helm4' },
    releases: [release(NEWAPI, NEWAPI_NS, objects(helm4))],
    parity: release(NEWAPI, NEWAPI_NS, objects(helm3), { renderer: 'helm3' }),
    ...(nondeterministic ? { nondeterministic } : {}),
  });
}

const B = '[helm-parity] chart bp-newapi · cell default · helm4 vs helm3';
const DEP = `${B} · Deployment/newapi/newapi-bp-newapi`;
const SAME = 'helm4 and helm3 render this field differently';
const otherSecret = Buffer.from(`${SENTINEL}-2`, 'utf8').toString('base64');

describe('diffValues', () => {
  it.each([
    { a: { x: 1 }, b: { x: 1 }, diffs: [] },
    { a: { x: { y: 'a' } }, b: { x: { y: 'b' } }, diffs: [{ path: 'x.y', a: 'a', b: 'b' }] },
    {
      a: { l: [1, 2] },
      b: { l: [1, 3, 4] },
      diffs: [
        { path: 'l[1]', a: 2, b: 3 },
        { path: 'l[2]', a: undefined, b: 4 },
      ],
    },
    { a: { c: [{ name: 'a', v: 1 }] }, b: { c: [{ name: 'a', v: 2 }] }, diffs: [{ path: 'c[a].v', a: 1, b: 2 }] },
    { a: { x: 1 }, b: {}, diffs: [{ path: 'x', a: 1, b: undefined }] },
  ])('$a vs $b', ({ a, b, diffs }) => {
    expect(diffValues(a, b)).toEqual(diffs);
  });
});

describe('helm-parity', () => {
  it('applies only when the other helm major rendered the subject', () => {
    expect(helmParity.appliesTo(world({ subject: { chart: NEWAPI }, releases: [release(NEWAPI, NEWAPI_NS, objects())] }))).toBe(false);
    expect(helmParity.appliesTo(fixture())).toBe(true);
  });

  it('passes: identical renders', () => {
    expect(helmParity.check(fixture())).toHaveNoViolations();
  });

  it('passes: the same objects in another document order', () => {
    const w = world({
      subject: { chart: NEWAPI },
      releases: [release(NEWAPI, NEWAPI_NS, objects())],
      parity: release(NEWAPI, NEWAPI_NS, objects().reverse(), { renderer: 'helm3' }),
    });
    expect(helmParity.check(w)).toHaveNoViolations();
  });

  it.each<{ name: string; helm4?: Variant; helm3: Variant; lines: string[] }>([
    {
      name: 'a label differs between helm3 and helm4',
      helm3: { chartLabel: 'bp-newapi-1.4.32' },
      lines: [`${DEP} · metadata.labels.helm.sh/chart: ${SAME} (expected "bp-newapi-1.4.33", actual "bp-newapi-1.4.32")`],
    },
    {
      name: 'a container field (containers matched by name) and a number',
      helm3: { image: 'ghcr.io/openova-io/new-api:v0.13.1', replicas: 2 },
      lines: [
        `${DEP} · spec.template.spec.containers[newapi].image: ${SAME} (expected "ghcr.io/openova-io/new-api:v0.13.2", actual "ghcr.io/openova-io/new-api:v0.13.1")`,
        `${DEP} · spec.replicas: ${SAME} (expected 1, actual 2)`,
      ],
    },
    {
      name: 'env in another order, args by index',
      helm4: { env: [env.value('A', '1'), env.value('B', '2')], args: ['--port', '3000'] },
      helm3: { env: [env.value('B', '2'), env.value('A', '1')], args: ['--port', '3001'] },
      lines: [
        `${DEP} · spec.template.spec.containers[newapi].args[1]: ${SAME} (expected "3000", actual "3001")`,
        `${DEP} · spec.template.spec.containers[newapi].env: ${SAME} (expected order A, B, actual order B, A)`,
      ],
    },
    {
      name: 'Secret data differs: both sides redacted',
      helm3: { secret: { data: { token: otherSecret, raw: SENTINEL } } },
      lines: [`${B} · Secret/newapi/newapi-session · data.token: ${SAME} (expected <redacted>, actual <redacted>)`],
    },
    {
      name: 'Secret stringData only in helm4: redacted, absence shown',
      helm3: { secret: { stringData: {} } },
      lines: [`${B} · Secret/newapi/newapi-session · stringData.ADMIN_API_TOKEN: ${SAME} (expected <redacted>, actual (absent))`],
    },
    {
      name: 'an object rendered by helm4 only',
      helm3: { noService: true },
      lines: [
        `${B} · Service/newapi/newapi-bp-newapi · (object): object rendered by helm4 but not by helm3 (expected Service/newapi/newapi-bp-newapi, actual (absent))`,
      ],
    },
    {
      name: 'an object rendered by helm3 only',
      helm3: { extra: [secret('newapi-crypto', NEWAPI_NS)] },
      lines: [
        `${B} · Secret/newapi/newapi-crypto · (object): object rendered by helm3 but not by helm4 (expected (absent), actual Secret/newapi/newapi-crypto)`,
      ],
    },
  ])('fails: $name', ({ helm4, helm3, lines }) => {
    expect(helmParity.check(fixture(helm4, helm3)).map(formatViolation)).toEqual(lines);
  });

  it(`lists at most ${MAX_DIFFS_PER_RESOURCE} differences per object, then one summary`, () => {
    const annotations = (suffix: string) => Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`example.org/a${i}`, `${i}${suffix}`]));
    const lines = helmParity.check(fixture({ annotations: annotations('') }, { annotations: annotations('x') })).map(formatViolation);
    expect(lines).toHaveLength(MAX_DIFFS_PER_RESOURCE + 1);
    expect(lines[0]).toBe(`${DEP} · metadata.annotations.example.org/a0: ${SAME} (expected "0", actual "0x")`);
    expect(lines[MAX_DIFFS_PER_RESOURCE]).toBe(
      `${DEP} · (object): 5 more differences not listed (first 20 shown) (expected identical renders, actual 25 differences)`,
    );
  });

  it('has nothing to check when neither render has objects', () => {
    const w = world({ subject: { chart: NEWAPI }, releases: [release(NEWAPI, NEWAPI_NS, [])], parity: release(NEWAPI, NEWAPI_NS, [], { renderer: 'helm3' }) });
    expect(helmParity.check(w).map(formatViolation)).toEqual([
      `${B} · (render): nothing to check: neither helm render has objects (expected objects to compare, actual none)`,
    ]);
  });

  describe('nondeterministic paths (a field that changes between two renders by the same helm)', () => {
    // A render timestamp and a randAlphaNum Secret value: helm4 and helm3 differ there by chance.
    const random4: Variant = { annotations: { 'example.org/rendered-at': '2026-01-02T03:04:05.111111111' } };
    const random3: Variant = {
      annotations: { 'example.org/rendered-at': '2026-01-02T03:04:05.222222222' },
      secret: { data: { token: otherSecret, raw: SENTINEL } },
    };
    const DEP_REF = { kind: 'Deployment', namespace: NEWAPI_NS, name: 'newapi-bp-newapi' };
    const SESSION = { kind: 'Secret', namespace: NEWAPI_NS, name: 'newapi-session' };
    const RANDOM_LINES = [
      `${DEP} · metadata.annotations.example.org/rendered-at: ${SAME} (expected "2026-01-02T03:04:05.111111111", actual "2026-01-02T03:04:05.222222222")`,
      `${B} · Secret/newapi/newapi-session · data.token: ${SAME} (expected <redacted>, actual <redacted>)`,
    ];

    it('without the list, the random fields are violations', () => {
      expect(helmParity.check(fixture(random4, random3)).map(formatViolation)).toEqual(RANDOM_LINES);
    });

    it('with the list (as the probe finds it), they are not', () => {
      const list = [
        { resource: DEP_REF, path: 'metadata.annotations.example.org/rendered-at' },
        { resource: SESSION, path: 'data.token' },
      ];
      expect(helmParity.check(fixture(random4, random3, list))).toHaveNoViolations();
    });

    it('a listed path covers the fields below it; (object) covers the whole object, present in one render or both', () => {
      const list = [
        { resource: DEP_REF, path: 'metadata.annotations' },
        { resource: SESSION, path: '(object)' },
        { resource: { kind: 'Secret', namespace: NEWAPI_NS, name: 'newapi-crypto' }, path: '(object)' },
      ];
      const helm3 = { ...random3, extra: [secret('newapi-crypto', NEWAPI_NS)] };
      expect(helmParity.check(fixture(random4, helm3, list))).toHaveNoViolations();
    });

    it('only the listed resource and path are excused', () => {
      const list = [
        // Same path, other object; same object, a sibling path; a prefix that is not a path segment.
        { resource: { kind: 'Secret', namespace: NEWAPI_NS, name: 'newapi-crypto' }, path: 'data.token' },
        { resource: SESSION, path: 'data.raw' },
        { resource: DEP_REF, path: 'metadata.annotations.example.org/rendered' },
      ];
      expect(helmParity.check(fixture(random4, random3, list)).map(formatViolation)).toEqual(RANDOM_LINES);
    });
  });

  it('never prints Secret data', () => expectNoSecretDataInViolations());
});
