// Env vars the suite config pins (pinnedEnv): a literal value, or a secretKeyRef /
// configMapKeyRef with its `optional` flag, in the subject's helm render and, for
// dual-mode charts, in the kustomize render too. The generalisation of pinnedSecretRefs
// (which secret-refs keeps checking, in the helm render, as before).
import type { PinnedEnv } from '../config/types.js';
import type { RenderedRelease } from '../model/release.js';
import { describeEnvSource, envDiffSuffix, envMap, envSource, type EnvSource } from './env.js';
import type { Contract, Violation, World } from './types.js';
import { ABSENT, violation } from './violation.js';
import { containersOf, parseRef, podTemplateOf, refMatches, subjectRelease } from './workloads.js';

const ID = 'pinned-env' as const;

const pinsOf = (world: World) => (world.pinnedEnv ?? []).filter((p) => p.chart === world.subject.chart);

export const pinnedEnv: Contract = {
  id: ID,
  summary: 'env vars pinned in the suite config (literal, secretKeyRef or configMapKeyRef with optional) hold in the helm and the kustomize render',
  appliesTo: (world) => pinsOf(world).length > 0,
  check(world) {
    const renders = [subjectRelease(world), world.kustomize].filter((r): r is RenderedRelease => r !== undefined);
    return pinsOf(world).flatMap((pin) => renders.flatMap((r) => checkPin(world, r, pin)));
  },
};

export function pinnedSource(pin: PinnedEnv): EnvSource {
  // An absent `optional` is false, as for the kubelet (the loader fills it; specs may not).
  if (pin.secretKeyRef) return { kind: 'secretKeyRef', ...pin.secretKeyRef, optional: pin.secretKeyRef.optional === true };
  if (pin.configMapKeyRef) return { kind: 'configMapKeyRef', ...pin.configMapKeyRef, optional: pin.configMapKeyRef.optional === true };
  return { kind: 'value', value: pin.value ?? '' };
}

function checkPin(world: World, release: RenderedRelease, pin: PinnedEnv): Violation[] {
  const expectedSrc = pinnedSource(pin);
  const expected = describeEnvSource(expectedSrc);
  // The kustomize side names its renderer; the helm side is the subject's own.
  const renderer = release.renderer === 'kustomize' ? 'kustomize' : undefined;
  const where = release.renderer === 'kustomize' ? 'kustomize render' : `${world.subject.renderer} render`;
  const ref = parseRef(pin.workload);
  const workload = release.manifests.find((m) => refMatches(ref, m));
  const template = workload && podTemplateOf(workload);
  if (!workload || !template) {
    return [
      violation(world, ID, {
        resource: ref,
        renderer,
        path: `env[${pin.env}]`,
        message: `pinned workload ${pin.workload} (env ${pin.env}) is not in the ${where}`,
        expected: `${pin.workload} with env ${pin.env} ${expected}`,
        actual: ABSENT,
      }),
    ];
  }
  const containers = containersOf(template).filter((c) => pin.container === undefined || c.name === pin.container);
  const holders = containers.flatMap((c) => {
    const e = envMap(c.spec).get(pin.env);
    return e ? [{ c, src: envSource(e) }] : [];
  });
  if (holders.length === 0) {
    const path = containers.length === 1 ? `${containers[0].path}.env[${pin.env}]` : `${template.prefix}.containers[${pin.container ?? '*'}].env[${pin.env}]`;
    return [
      violation(world, ID, { resource: workload, renderer, path, message: `pinned env ${pin.env} is missing from the ${where}`, expected, actual: ABSENT }),
    ];
  }
  return holders
    .filter(({ src }) => describeEnvSource(src) !== expected)
    .map(({ c, src }) =>
      violation(world, ID, {
        resource: workload,
        renderer,
        path: `${c.path}.env[${pin.env}]${envDiffSuffix(expectedSrc, src)}`,
        message: `pinned env ${pin.env} differs from its pin in the ${where}`,
        expected,
        actual: describeEnvSource(src),
      }),
    );
}
