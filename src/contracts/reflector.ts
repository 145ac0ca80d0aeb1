// emberstack/reflector mirrors of the subject's Secrets: annotations well-formed, and
// every Pod in another namespace that reads the Secret is reached by the mirror.
import { formatRef, refOf } from '../manifests/types.js';
import {
  entryMatches,
  hasReflectorAnnotations,
  listAdmits,
  producersIn,
  REFLECTION_ALLOWED,
  REFLECTION_ALLOWED_NAMESPACES,
  REFLECTION_AUTO_ENABLED,
  REFLECTION_AUTO_NAMESPACES,
  REFLECTOR_PREFIX,
  releaseSecretRefs,
  secretSourceOf,
  splitNamespaceList,
  worldSecretSources,
  type SecretSource,
} from './secrets.js';
import type { Contract, Violation, World } from './types.js';
import { ABSENT, nothingToCheck, quote, violation } from './violation.js';
import { isObj, parseRef, subjectRelease } from './workloads.js';

/** A Pod template that reads (or, pinned, must read) a Secret by name in a namespace. */
interface Consumer {
  secretName: string;
  namespace: string;
  /** `Kind/ns/name`, with ` (pinned consumer)` when only the pin says it reads the Secret. */
  label: string;
}

const ID = 'reflector' as const;

/** A regex quantifier with a comma, e.g. `{1,3}` or `{2,}`: reflector splits lists on commas. */
const COMMA_QUANTIFIER = /\{\d*,\d*\}/;
/** A plain namespace name (DNS label), as opposed to a regex. */
const PLAIN_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const short = (key: string) => key.slice(REFLECTOR_PREFIX.length);

export const reflector: Contract = {
  id: ID,
  summary: "reflector annotations are well-formed and mirror the subject's Secrets into every namespace that reads them",
  appliesTo: () => true,
  check(world) {
    const release = subjectRelease(world);
    const own = (release?.manifests ?? []).flatMap((m) => {
      const s = secretSourceOf(m, release);
      return s ? [s] : [];
    });
    const allSources = worldSecretSources(world);
    const allConsumers = consumers(world);

    const out: Violation[] = [];
    let checked = 0;
    for (const s of own) {
      const misplaced = misplacedAnnotations(world, s);
      if (misplaced) {
        checked++;
        out.push(misplaced);
      }
      const consumers = crossNamespaceConsumers(s, allSources, allConsumers);
      if (hasReflectorAnnotations(s)) {
        checked++;
        out.push(...checkAnnotated(world, s, consumers));
      } else if (consumers.length > 0) {
        checked++;
        const namespaces = [...new Set(consumers.map((c) => c.namespace))];
        out.push(
          violation(world, ID, {
            resource: s.manifest,
            path: s.annotationsPath,
            message: `secret ${s.secretName} is read from namespace ${namespaces.join(', ')} by ${consumerList(consumers)} but carries no reflector annotations`,
            expected: `reflector annotations mirroring ${s.secretName} into ${namespaces.join(', ')}`,
            actual: 'none',
          }),
        );
      }
    }
    if (checked === 0) {
      return [
        nothingToCheck(world, ID, 'no reflector-annotated Secret found', {
          expected: 'a Secret or ExternalSecret target of the chart with reflector annotations, or one read from another namespace',
          actual: own.length ? `unannotated, not read elsewhere: ${own.map((s) => s.secretName).join(', ')}` : 'no Secret or ExternalSecret',
        }),
      ];
    }
    return out;
  },
};

/**
 * Every Pod template of every release that reads a Secret (optional refs count: the
 * point of the mirror is to reach them), plus the workloads of world.pinnedSecretRefs
 * that do not (yet) read theirs: the pin says they must, so the mirror must reach them
 * too (this is what names the pre-fix bp-newapi alone, before catalyst-api reads it).
 */
function consumers(world: World): Consumer[] {
  const out: Consumer[] = world.releases.flatMap((r) =>
    releaseSecretRefs(r).map((ref) => ({ secretName: ref.secretName, namespace: ref.namespace, label: formatRef(refOf(ref.template.workload)) })),
  );
  for (const pin of world.pinnedSecretRefs) {
    const { kind, namespace: pinned, name } = parseRef(pin.workload);
    const release = world.releases.find((r) => r.chart === pin.chart);
    if (!release) continue;
    const workload = release.manifests.find((m) => m.kind === kind && m.name === name);
    const namespace = workload?.namespace ?? pinned ?? release.namespace;
    const label = `${kind}/${namespace}/${name}`;
    if (out.some((c) => c.secretName === pin.secretName && c.namespace === namespace && c.label === label)) continue;
    out.push({ secretName: pin.secretName, namespace, label: `${label} (pinned consumer)` });
  }
  return out;
}

/** Consumers in another namespace where nothing else produces the Secret (no local Secret/ExternalSecret, no other mirror). */
function crossNamespaceConsumers(s: SecretSource, sources: SecretSource[], all: Consumer[]): Consumer[] {
  return all.filter(
    (c) => c.secretName === s.secretName && c.namespace !== s.namespace && producersIn(sources, c.secretName, c.namespace).every((p) => p === s),
  );
}

function checkAnnotated(world: World, s: SecretSource, consumers: Consumer[]): Violation[] {
  const out: Violation[] = [];
  const a = s.annotations;
  const at = (key: string) => `${s.annotationsPath}[${key}]`;
  const shown = (v: string | undefined) => (v === undefined ? ABSENT : quote(v));

  let mirrors = true;
  for (const key of [REFLECTION_ALLOWED, REFLECTION_AUTO_ENABLED]) {
    if (a[key] !== 'true') {
      mirrors = false;
      out.push(
        violation(world, ID, {
          resource: s.manifest,
          path: at(key),
          message: `${short(key)} must be "true" for reflector to mirror secret ${s.secretName}`,
          expected: '"true"',
          actual: shown(a[key]),
        }),
      );
    }
  }

  for (const key of [REFLECTION_ALLOWED_NAMESPACES, REFLECTION_AUTO_NAMESPACES]) {
    const raw = a[key];
    if (raw === undefined) continue;
    const quantifier = COMMA_QUANTIFIER.exec(raw);
    if (quantifier) {
      out.push(
        violation(world, ID, {
          resource: s.manifest,
          path: at(key),
          message: `${short(key)} contains the quantifier ${quantifier[0]}: reflector splits the list on commas, so it becomes ${splitNamespaceList(raw).map(quote).join(', ')}`,
          expected: 'comma-separated regexes without a comma inside any of them',
          actual: quote(raw),
        }),
      );
    }
    for (const entry of splitNamespaceList(raw)) {
      const error = regexError(entry);
      if (error) {
        out.push(
          violation(world, ID, {
            resource: s.manifest,
            path: at(key),
            message: `entry ${quote(entry)} of ${short(key)} is not a valid regular expression: ${error}`,
            expected: 'each entry a valid regular expression',
            actual: quote(entry),
          }),
        );
      }
    }
  }

  // auto ⊆ allowed: an auto entry is literally an allowed entry, or a plain name an allowed regex matches.
  const allowed = splitNamespaceList(a[REFLECTION_ALLOWED_NAMESPACES]);
  if (allowed.length > 0) {
    for (const entry of splitNamespaceList(a[REFLECTION_AUTO_NAMESPACES])) {
      const covered = allowed.includes(entry) || (PLAIN_NAME.test(entry) && allowed.some((p) => entryMatches(p, entry)));
      if (!covered) {
        out.push(
          violation(world, ID, {
            resource: s.manifest,
            path: at(REFLECTION_AUTO_NAMESPACES),
            message: `entry ${quote(entry)} of reflection-auto-namespaces is not among reflection-allowed-namespaces`,
            expected: `each auto namespace allowed by ${quote(a[REFLECTION_ALLOWED_NAMESPACES])}`,
            actual: quote(entry),
          }),
        );
      }
    }
  }

  // Consumers in other namespaces must be reached (only meaningful when the mirror is on at all).
  if (mirrors) {
    const byNamespace = new Map<string, Consumer[]>();
    for (const c of consumers) byNamespace.set(c.namespace, [...(byNamespace.get(c.namespace) ?? []), c]);
    for (const [ns, cs] of byNamespace) {
      for (const key of [REFLECTION_ALLOWED_NAMESPACES, REFLECTION_AUTO_NAMESPACES]) {
        if (listAdmits(a[key], ns)) continue;
        out.push(
          violation(world, ID, {
            resource: s.manifest,
            path: at(key),
            message: `secret ${s.secretName} is not mirrored into namespace ${ns}, where ${consumerList(cs)} reads it: ${short(key)} does not match ${ns}`,
            expected: `namespace ${ns} matched by ${short(key)}`,
            actual: shown(a[key]),
          }),
        );
      }
    }
  }
  return out;
}

/** Reflector annotations on an ExternalSecret's own metadata never reach the Secret it renders. */
function misplacedAnnotations(world: World, s: SecretSource): Violation | undefined {
  if (s.via !== 'ExternalSecret') return undefined;
  const own = s.manifest.object.metadata?.annotations;
  const keys = isObj(own) ? Object.keys(own).filter((k) => k.startsWith(REFLECTOR_PREFIX)) : [];
  if (keys.length === 0) return undefined;
  return violation(world, ID, {
    resource: s.manifest,
    path: 'metadata.annotations',
    message: `reflector annotations on the ExternalSecret itself do not reach secret ${s.secretName}; they belong under spec.target.template.metadata.annotations`,
    expected: 'reflector annotations under spec.target.template.metadata.annotations',
    actual: keys.map(short).join(', '),
  });
}

function consumerList(cs: Consumer[]): string {
  return [...new Set(cs.map((c) => c.label))].join(', ');
}

function regexError(entry: string): string | undefined {
  try {
    new RegExp(entry);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
