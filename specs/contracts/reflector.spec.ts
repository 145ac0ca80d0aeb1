import { describe, expect, it } from 'vitest';
import { reflector } from '../../src/contracts/reflector.js';
import { formatViolation } from '../../src/contracts/violation.js';
import type { Manifest } from '../../src/manifests/types.js';
import type { RenderedRelease } from '../../src/model/release.js';
import '../support/matchers.js';
import {
  ADMIN_TOKEN_PIN,
  CATALYST,
  CATALYST_NS,
  container,
  deployment,
  env,
  expectNoSecretDataInViolations,
  externalSecret,
  NEWAPI,
  NEWAPI_NS,
  reflectorAnnotations,
  release,
  secret,
  TOKEN_KEY,
  TOKEN_SECRET,
  world,
} from '../support/world-builder.js';

const A = 'reflector.v1.k8s.emberstack.com/';

/** A Deployment in `namespace` reading `secretName` (optional, as catalyst-api does). */
function reader(name: string, namespace: string, secretName = TOKEN_SECRET, optional = true): Manifest {
  return deployment(name, { namespace, containers: [container('app', { env: [env.secret('TOKEN', secretName, TOKEN_KEY, optional)] })] });
}

interface Fixture {
  /** Target annotations of bp-newapi's ExternalSecret; null: none. */
  target?: Record<string, string> | null;
  /** Annotations on the ExternalSecret object itself. */
  esAnnotations?: Record<string, string>;
  /** Other objects of bp-newapi. */
  newapi?: Manifest[];
  /** Objects of bp-catalyst-platform (default: catalyst-api reading the token). */
  catalyst?: Manifest[];
  others?: RenderedRelease[];
  pinned?: boolean;
  /** Leave bp-catalyst-platform out of the world. */
  noCatalyst?: boolean;
}

function fixture(f: Fixture = {}) {
  const target = f.target === undefined ? reflectorAnnotations(CATALYST_NS) : f.target;
  const es = externalSecret('newapi-admin-token', NEWAPI_NS, {
    targetName: TOKEN_SECRET,
    ...(target ? { targetAnnotations: target } : {}),
    ...(f.esAnnotations ? { annotations: f.esAnnotations } : {}),
  });
  return world({
    subject: { chart: NEWAPI },
    releases: [
      release(NEWAPI, NEWAPI_NS, [es, ...(f.newapi ?? [])]),
      ...(f.noCatalyst ? [] : [release(CATALYST, CATALYST_NS, f.catalyst ?? [reader('catalyst-api', CATALYST_NS)])]),
      ...(f.others ?? []),
    ],
    pinnedSecretRefs: f.pinned ? [ADMIN_TOKEN_PIN] : [],
  });
}

const ES = '[reflector] chart bp-newapi · cell default · helm4 · ExternalSecret/newapi/newapi-admin-token';
const TA = `${ES} · spec.target.template.metadata.annotations`;
const SIGNING = '[reflector] chart bp-newapi · cell default · helm4 · Secret/newapi/newapi-token-signing-key · metadata.annotations';

function regexError(pattern: string): string {
  try {
    new RegExp(pattern);
    return 'none';
  } catch (err) {
    return (err as Error).message;
  }
}

describe('reflector', () => {
  it('always applies', () => expect(reflector.appliesTo(fixture())).toBe(true));

  it.each<{ name: string; f: Fixture }>([
    {
      name: 'the fixed state; a badly annotated Secret of another chart is not the subject’s business',
      f: {
        catalyst: [
          reader('catalyst-api', CATALYST_NS),
          secret('catalyst-x', CATALYST_NS, { annotations: reflectorAnnotations('a{1,3}', 'b', { allowed: 'no' }) }),
        ],
      },
    },
    {
      name: 'regex lists reaching catalyst-system and a sandbox namespace',
      f: {
        target: reflectorAnnotations(`${CATALYST_NS},sandbox-.*`),
        others: [release('sme', 'sandbox-42', [reader('sme-app', 'sandbox-42')])],
      },
    },
    {
      name: 'an annotated Secret (not an ExternalSecret) mirrored to its readers',
      f: {
        newapi: [secret('newapi-token-signing-key', NEWAPI_NS, { annotations: reflectorAnnotations(`${CATALYST_NS},sandbox,sandbox-.*`) })],
        others: [release('sme', 'sandbox', [reader('sme-app', 'sandbox', 'newapi-token-signing-key', false)])],
      },
    },
    {
      name: 'an auto namespace that an allowed regex matches',
      f: { target: reflectorAnnotations(`${CATALYST_NS},sandbox-.*`, `${CATALYST_NS},sandbox-a`) },
    },
    {
      name: 'a pinned consumer that does not read the token yet, reached by the mirror',
      f: { pinned: true, catalyst: [deployment('catalyst-api', { namespace: CATALYST_NS })] },
    },
    {
      name: 'annotated, read only in its own namespace',
      f: { catalyst: [], newapi: [reader('newapi-bp-newapi', NEWAPI_NS)] },
    },
  ])('passes: $name', ({ f }) => {
    expect(reflector.check(fixture(f))).toHaveNoViolations();
  });

  it.each<{ name: string; f: Fixture; lines: string[] }>([
    {
      name: 'a namespace list with the quantifier {1,3}',
      f: { target: reflectorAnnotations(`${CATALYST_NS},sandbox-[a-z]{1,3}`, CATALYST_NS) },
      lines: [
        `${TA}[${A}reflection-allowed-namespaces]: reflection-allowed-namespaces contains the quantifier {1,3}: reflector splits the list on commas, so it becomes "catalyst-system", "sandbox-[a-z]{1", "3}" (expected comma-separated regexes without a comma inside any of them, actual "catalyst-system,sandbox-[a-z]{1,3}")`,
      ],
    },
    {
      name: 'an entry that is not a regular expression',
      f: { target: reflectorAnnotations(`${CATALYST_NS},sandbox-(a`, CATALYST_NS) },
      lines: [
        `${TA}[${A}reflection-allowed-namespaces]: entry "sandbox-(a" of reflection-allowed-namespaces is not a valid regular expression: ${regexError('sandbox-(a')} (expected each entry a valid regular expression, actual "sandbox-(a")`,
      ],
    },
    {
      name: 'reflection-allowed is not "true"',
      f: { target: reflectorAnnotations(CATALYST_NS, CATALYST_NS, { allowed: 'false' }) },
      lines: [
        `${TA}[${A}reflection-allowed]: reflection-allowed must be "true" for reflector to mirror secret catalyst-newapi-admin-token (expected "true", actual "false")`,
      ],
    },
    {
      name: 'reflection-auto-enabled is missing',
      f: { target: reflectorAnnotations(CATALYST_NS, CATALYST_NS, { autoEnabled: '' }) },
      lines: [
        `${TA}[${A}reflection-auto-enabled]: reflection-auto-enabled must be "true" for reflector to mirror secret catalyst-newapi-admin-token (expected "true", actual (absent))`,
      ],
    },
    {
      name: 'an auto namespace that is not allowed',
      f: { target: reflectorAnnotations(CATALYST_NS, `${CATALYST_NS},sandbox`) },
      lines: [
        `${TA}[${A}reflection-auto-namespaces]: entry "sandbox" of reflection-auto-namespaces is not among reflection-allowed-namespaces (expected each auto namespace allowed by "catalyst-system", actual "sandbox")`,
      ],
    },
    {
      name: 'an auto regex that is not literally an allowed entry',
      f: { target: reflectorAnnotations(`${CATALYST_NS},sandbox-.*`, `${CATALYST_NS},sandbox-[0-9]+`) },
      lines: [
        `${TA}[${A}reflection-auto-namespaces]: entry "sandbox-[0-9]+" of reflection-auto-namespaces is not among reflection-allowed-namespaces (expected each auto namespace allowed by "catalyst-system,sandbox-.*", actual "sandbox-[0-9]+")`,
      ],
    },
    {
      name: 'the reader’s namespace is allowed but not auto-mirrored',
      f: { target: reflectorAnnotations(`${CATALYST_NS},sandbox`, 'sandbox') },
      lines: [
        `${TA}[${A}reflection-auto-namespaces]: secret catalyst-newapi-admin-token is not mirrored into namespace catalyst-system, where Deployment/catalyst-system/catalyst-api reads it: reflection-auto-namespaces does not match catalyst-system (expected namespace catalyst-system matched by reflection-auto-namespaces, actual "sandbox")`,
      ],
    },
    {
      name: 'the reader’s namespace is in neither list (entries are full matches)',
      f: { target: reflectorAnnotations('catalyst') },
      lines: [
        `${TA}[${A}reflection-allowed-namespaces]: secret catalyst-newapi-admin-token is not mirrored into namespace catalyst-system, where Deployment/catalyst-system/catalyst-api reads it: reflection-allowed-namespaces does not match catalyst-system (expected namespace catalyst-system matched by reflection-allowed-namespaces, actual "catalyst")`,
        `${TA}[${A}reflection-auto-namespaces]: secret catalyst-newapi-admin-token is not mirrored into namespace catalyst-system, where Deployment/catalyst-system/catalyst-api reads it: reflection-auto-namespaces does not match catalyst-system (expected namespace catalyst-system matched by reflection-auto-namespaces, actual "catalyst")`,
      ],
    },
    {
      name: 'an ExternalSecret without reflector annotations read from another namespace (bp-newapi 1.4.32)',
      f: { target: null },
      lines: [
        `${TA}: secret catalyst-newapi-admin-token is read from namespace catalyst-system by Deployment/catalyst-system/catalyst-api but carries no reflector annotations (expected reflector annotations mirroring catalyst-newapi-admin-token into catalyst-system, actual none)`,
      ],
    },
    {
      name: 'bp-newapi 1.4.32 alone: unannotated, and the pin says catalyst-api must read it',
      f: { target: null, pinned: true, catalyst: [deployment('catalyst-api', { namespace: CATALYST_NS })] },
      lines: [
        `${TA}: secret catalyst-newapi-admin-token is read from namespace catalyst-system by Deployment/catalyst-system/catalyst-api (pinned consumer) but carries no reflector annotations (expected reflector annotations mirroring catalyst-newapi-admin-token into catalyst-system, actual none)`,
      ],
    },
    {
      name: 'a pinned consumer the mirror does not reach',
      f: { target: reflectorAnnotations('sandbox'), pinned: true, catalyst: [deployment('catalyst-api', { namespace: CATALYST_NS })] },
      lines: [
        `${TA}[${A}reflection-allowed-namespaces]: secret catalyst-newapi-admin-token is not mirrored into namespace catalyst-system, where Deployment/catalyst-system/catalyst-api (pinned consumer) reads it: reflection-allowed-namespaces does not match catalyst-system (expected namespace catalyst-system matched by reflection-allowed-namespaces, actual "sandbox")`,
        `${TA}[${A}reflection-auto-namespaces]: secret catalyst-newapi-admin-token is not mirrored into namespace catalyst-system, where Deployment/catalyst-system/catalyst-api (pinned consumer) reads it: reflection-auto-namespaces does not match catalyst-system (expected namespace catalyst-system matched by reflection-auto-namespaces, actual "sandbox")`,
      ],
    },
    {
      name: 'reflector annotations on the ExternalSecret instead of its target template',
      f: { target: null, esAnnotations: reflectorAnnotations(CATALYST_NS) },
      lines: [
        `${ES} · metadata.annotations: reflector annotations on the ExternalSecret itself do not reach secret catalyst-newapi-admin-token; they belong under spec.target.template.metadata.annotations (expected reflector annotations under spec.target.template.metadata.annotations, actual reflection-allowed, reflection-allowed-namespaces, reflection-auto-enabled, reflection-auto-namespaces)`,
        `${TA}: secret catalyst-newapi-admin-token is read from namespace catalyst-system by Deployment/catalyst-system/catalyst-api but carries no reflector annotations (expected reflector annotations mirroring catalyst-newapi-admin-token into catalyst-system, actual none)`,
      ],
    },
    {
      name: 'an unannotated Secret read from two other namespaces',
      f: {
        newapi: [secret('newapi-token-signing-key', NEWAPI_NS)],
        others: [
          release('sme', 'sandbox', [reader('sme-app', 'sandbox', 'newapi-token-signing-key'), reader('sme-worker', 'sandbox', 'newapi-token-signing-key')]),
        ],
        catalyst: [reader('catalyst-api', CATALYST_NS), reader('catalyst-auth', CATALYST_NS, 'newapi-token-signing-key')],
      },
      lines: [
        `${SIGNING}: secret newapi-token-signing-key is read from namespace catalyst-system, sandbox by Deployment/catalyst-system/catalyst-auth, Deployment/sandbox/sme-app, Deployment/sandbox/sme-worker but carries no reflector annotations (expected reflector annotations mirroring newapi-token-signing-key into catalyst-system, sandbox, actual none)`,
      ],
    },
  ])('fails: $name', ({ f, lines }) => {
    expect(reflector.check(fixture(f)).map(formatViolation)).toEqual(lines);
  });

  it.each<{ name: string; f: Fixture; actual: string }>([
    {
      name: 'bp-newapi 1.4.32 with catalyst 1.4.224: unannotated, nobody reads it elsewhere',
      f: { target: null, catalyst: [deployment('catalyst-api', { namespace: CATALYST_NS })] },
      actual: 'unannotated, not read elsewhere: catalyst-newapi-admin-token',
    },
    {
      name: 'a pin of a chart that is not rendered',
      f: { target: null, pinned: true, noCatalyst: true },
      actual: 'unannotated, not read elsewhere: catalyst-newapi-admin-token',
    },
    {
      name: 'the reader in another namespace has its own Secret of that name',
      f: { target: null, catalyst: [reader('catalyst-api', CATALYST_NS), secret(TOKEN_SECRET, CATALYST_NS)] },
      actual: 'unannotated, not read elsewhere: catalyst-newapi-admin-token',
    },
  ])('has nothing to check: $name', ({ f, actual }) => {
    expect(reflector.check(fixture(f)).map(formatViolation)).toEqual([
      `[reflector] chart bp-newapi · cell default · helm4 · (render): nothing to check: no reflector-annotated Secret found (expected a Secret or ExternalSecret target of the chart with reflector annotations, or one read from another namespace, actual ${actual})`,
    ]);
  });

  it('has nothing to check when the chart renders no Secret at all', () => {
    const w = world({ subject: { chart: CATALYST }, releases: [release(CATALYST, CATALYST_NS, [deployment('catalyst-ui')])] });
    expect(reflector.check(w).map((v) => [v.message, v.actual])).toEqual([
      ['nothing to check: no reflector-annotated Secret found', 'no Secret or ExternalSecret'],
    ]);
  });

  it('never prints Secret data', () => expectNoSecretDataInViolations());
});
