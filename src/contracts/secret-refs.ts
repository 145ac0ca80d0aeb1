// Every Secret a Pod of the subject reads exists in the Pod's namespace once the
// bootstrap kit is applied (or the reference is optional), and pinned refs are as pinned.
import { formatRef, refOf } from '../manifests/types.js';
import type { ClusterSecret, PinnedSecretRef } from '../config/types.js';
import type { RenderedRelease } from '../model/release.js';
import { describeEnvSource, envDiffSuffix, envMap, envSource, type EnvSource } from './env.js';
import { entryMatches, producersIn, releaseSecretRefs, worldSecretSources, type SecretRef, type SecretSource } from './secrets.js';
import type { Contract, Violation, World } from './types.js';
import { ABSENT, nothingToCheck, violation, withoutKustomizeEchoes } from './violation.js';
import { containersOf, parseRef, podTemplateOf, refMatches, releasesFor, subjectRelease, subjectRenders } from './workloads.js';

const ID = 'secret-refs' as const;

export const secretRefs: Contract = {
  id: ID,
  summary: 'every Secret a Pod reads is optional or produced in its namespace by the bootstrap kit; pinned refs hold',
  appliesTo: () => true,
  notes: clusterSecretNotes,
  check(world) {
    const release = subjectRelease(world);
    // The kustomize render of a dual-mode chart reads Secrets too: checked the same way.
    const refs = subjectRenders(world).flatMap((r) => releaseSecretRefs(r));
    const pins = world.pinnedSecretRefs.filter((p) => p.chart === world.subject.chart);
    if (refs.length === 0 && pins.length === 0) {
      return [
        nothingToCheck(world, ID, 'no secret reference found', {
          expected: 'a Pod template reading a Secret (env, envFrom, volume, imagePullSecrets) or a pinned secret ref',
          actual: 'none',
        }),
      ];
    }
    const out: Violation[] = [];
    for (const ref of refs) {
      if (ref.optional) continue;
      if (produced(world, ref)) continue;
      if (clusterSecretFor(world, ref.secretName, ref.namespace)) continue;
      out.push(
        violation(world, ID, {
          ...(ref.release.renderer === 'kustomize' ? { renderer: 'kustomize' } : {}),
          resource: ref.template.workload,
          path: ref.path,
          message: `secret ${ref.secretName} read by ${ref.consumer} is not produced in namespace ${ref.namespace}`,
          expected: `Secret ${ref.secretName} in namespace ${ref.namespace} (a Secret, an ExternalSecret target or a reflector mirror), or optional: true`,
          actual: elsewhere(sourcesFor(world, ref.release), ref.secretName, ref.namespace),
        }),
      );
    }
    for (const pin of pins) out.push(...checkPin(world, release, pin));
    return withoutKustomizeEchoes(out);
  },
};

// Secret sources per world and render (helm or kustomize): computed once, read for every reference.
const sourceCache = new WeakMap<World, Map<string, SecretSource[]>>();

/** What produces Secrets for a reference of `release`: the world, plus the release when it is the kustomize render. */
function sourcesFor(world: World, release: RenderedRelease): SecretSource[] {
  let perWorld = sourceCache.get(world);
  if (!perWorld) sourceCache.set(world, (perWorld = new Map()));
  let sources = perWorld.get(release.renderer);
  if (!sources) perWorld.set(release.renderer, (sources = worldSecretSources(world, releasesFor(world, release))));
  return sources;
}

/** Whether something produces the Secret the reference reads, in its namespace. */
function produced(world: World, ref: SecretRef): boolean {
  return producersIn(sourcesFor(world, ref.release), ref.secretName, ref.namespace).length > 0;
}

/** The config's clusterSecrets entry that makes `name` exist in `namespace`, if any. */
export function clusterSecretFor(world: World, name: string, namespace: string): ClusterSecret | undefined {
  return world.clusterSecrets?.find(
    (c) => c.name === name && [...(c.namespace === undefined ? [] : [c.namespace]), ...(c.namespaces ?? [])].some((n) => entryMatches(n, namespace)),
  );
}

/** One note per cluster secret a subject's Pod relies on: the report lists what was taken on trust. */
function clusterSecretNotes(world: World): string[] {
  const out = new Set<string>();
  for (const ref of subjectRenders(world).flatMap((r) => releaseSecretRefs(r))) {
    if (ref.optional || produced(world, ref)) continue;
    const c = clusterSecretFor(world, ref.secretName, ref.namespace);
    if (c) out.add(`secret ${ref.secretName} in namespace ${ref.namespace} is taken as present (clusterSecrets: ${c.reason})`);
  }
  return [...out];
}

function elsewhere(sources: SecretSource[], name: string, namespace: string): string {
  const found = sources.filter((s) => s.secretName === name);
  if (found.length === 0) return 'no Secret of that name anywhere in the bootstrap kit';
  const via = { Secret: '', ExternalSecret: 'target of ', generated: 'created from ' } as const;
  const where = found.map((s) => `${via[s.via]}${formatRef(refOf(s.manifest))}`).join(', ');
  return `none in ${namespace}; produced only by ${where}, not mirrored into ${namespace}`;
}

function checkPin(world: World, release: RenderedRelease | undefined, pin: PinnedSecretRef): Violation[] {
  const expectedSrc: EnvSource = { kind: 'secretKeyRef', name: pin.secretName, key: pin.key, optional: pin.optional };
  const expected = describeEnvSource(expectedSrc);
  const ref = parseRef(pin.workload);
  const workload = release?.manifests.find((m) => refMatches(ref, m));
  const template = workload && podTemplateOf(workload);
  if (!workload || !template) {
    return [
      violation(world, ID, {
        resource: ref,
        path: `env[${pin.env}]`,
        message: `pinned workload ${pin.workload} (env ${pin.env}) is not rendered`,
        expected: `${pin.workload} with env ${pin.env} ${expected}`,
        actual: ABSENT,
      }),
    ];
  }
  const containers = containersOf(template);
  const holders = containers.flatMap((c) => {
    const e = envMap(c.spec).get(pin.env);
    return e ? [{ c, src: envSource(e) }] : [];
  });
  if (holders.length === 0) {
    const path = containers.length === 1 ? `${containers[0].path}.env[${pin.env}]` : `${template.prefix}.containers[*].env[${pin.env}]`;
    return [violation(world, ID, { resource: workload, path, message: `pinned env ${pin.env} is missing`, expected, actual: ABSENT })];
  }
  const out: Violation[] = [];
  for (const { c, src } of holders) {
    const actual = describeEnvSource(src);
    if (actual === expected) continue;
    const onlyOptional = src.kind === 'secretKeyRef' && src.name === pin.secretName && src.key === pin.key;
    out.push(
      violation(world, ID, {
        resource: workload,
        path: `${c.path}.env[${pin.env}]${envDiffSuffix(expectedSrc, src)}`,
        message: onlyOptional
          ? `pinned env ${pin.env} must have optional: ${pin.optional}`
          : `pinned env ${pin.env} does not read secret ${pin.secretName} key ${pin.key}`,
        expected,
        actual,
      }),
    );
  }
  return out;
}
