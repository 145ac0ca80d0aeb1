// Dual-mode charts render `templates/` two ways (helm template, kubectl kustomize);
// both must give every container the same env vars from the same sources.
import type { AllowedEnvDifference } from '../config/types.js';
import type { Manifest } from '../manifests/types.js';
import { describeEnvSource, envDiffSuffix, envFromEntries, envMap, envSource } from './env.js';
import type { Contract, Violation } from './types.js';
import { ABSENT, nothingToCheck, OBJECT_PATH, quote, violation, type ViolationInput } from './violation.js';
import { containerLabel, containersOf, isObj, kindName, subjectFacts, subjectRelease, type ContainerInfo, type Obj, type PodTemplate, podTemplateOf } from './workloads.js';

const ID = 'dual-mode-env' as const;

export const dualModeEnv: Contract = {
  id: ID,
  summary: 'helm template and kubectl kustomize give every container the same env vars, values and secret refs',
  appliesTo: (world) => world.kustomize !== undefined,
  check(world) {
    const renderer = `${world.subject.renderer} vs kustomize`;
    const helmManifests = subjectRelease(world)?.manifests ?? [];
    const kustManifests = world.kustomize?.manifests ?? [];
    const helmSide = workloadsByKindName(helmManifests);
    const kustSide = workloadsByKindName(kustManifests);
    // Helm hooks (pre-install Jobs…) are Helm's lifecycle; kustomize has none to match them with.
    for (const [key, t] of helmSide) if (t.workload.hooks && !kustSide.has(key)) helmSide.delete(key);
    if (![...helmSide.keys()].some((k) => kustSide.has(k))) {
      return [
        nothingToCheck(world, ID, 'no workload found in both renders', {
          renderer,
          expected: 'a workload (kind + name) rendered by both helm and kustomize',
          actual: `helm: ${list([...helmSide.keys()])}; kustomize: ${list([...kustSide.keys()])}`,
        }),
      ];
    }
    const out: Violation[] = [];
    const allowedRules = subjectFacts(world)?.config.dualModeAllowed ?? [];
    const used = new Set<AllowedEnvDifference>();
    const v: Emit = (input, env) => {
      // An allowed difference is not a violation; it is remembered so a stale one can be reported.
      const rule = env && allowedRules.find((r) => r.workload === kindName(env.workload) && r.env === env.name && (r.container === undefined || r.container === env.container));
      if (rule) used.add(rule);
      else out.push(violation(world, ID, { renderer, ...input }));
    };
    const configMaps = { helm: configMapData(helmManifests), kustomize: configMapData(kustManifests) };

    pairUp(helmSide, kustSide, {
      both: (_key, h, k) => compareTemplates(h, k, configMaps, v),
      helmOnly: (key, h) => v({ resource: h.workload, path: OBJECT_PATH, message: `workload ${key} is rendered by helm but not by kustomize`, expected: key, actual: ABSENT }),
      kustOnly: (key, k) => v({ resource: k.workload, path: OBJECT_PATH, message: `workload ${key} is rendered by kustomize but not by helm`, expected: ABSENT, actual: key }),
    });
    for (const rule of allowedRules) {
      if (used.has(rule)) continue;
      const container = rule.container === undefined ? '' : ` container ${rule.container}`;
      const w = helmSide.get(rule.workload) ?? kustSide.get(rule.workload);
      out.push(
        violation(world, ID, {
          renderer,
          resource: w?.workload,
          path: `dualModeAllowed[${rule.workload}${container}: ${rule.env}]`,
          message: `allowed difference for env ${rule.env} of ${rule.workload}${container} is stale: helm and kustomize no longer differ there; remove it from dualModeAllowed`,
          expected: `a difference (${rule.reason})`,
          actual: 'no difference',
        }),
      );
    }
    return out;
  },
};

/** Where an env difference is, so allowed differences (workload, container, env) can be matched. */
interface EnvAt {
  workload: Manifest;
  container: string;
  name: string;
}
type Emit = (input: ViolationInput, env?: EnvAt) => void;

/** ConfigMap data of each render by namespace/name: a configMapKeyRef reads the same value only if both sides hold it. */
type ConfigMaps = { helm: Map<string, Obj>; kustomize: Map<string, Obj> };

function configMapData(manifests: readonly Manifest[]): Map<string, Obj> {
  const out = new Map<string, Obj>();
  for (const m of manifests) if (m.kind === 'ConfigMap' && isObj(m.object.data)) out.set(`${m.namespace}/${m.name}`, m.object.data);
  return out;
}

function compareTemplates(h: PodTemplate, k: PodTemplate, cms: ConfigMaps, v: Emit): void {
  for (const which of ['containers', 'init'] as const) {
    pairUp(byName(containersOf(h, which)), byName(containersOf(k, which)), {
      both: (_name, hc, kc) => compareContainers(h, k, hc, kc, cms, v),
      helmOnly: (_name, c) => v({ resource: h.workload, path: c.path, message: `${containerLabel(c)} is rendered by helm but not by kustomize`, expected: containerLabel(c), actual: ABSENT }),
      kustOnly: (_name, c) => v({ resource: h.workload, path: c.path, message: `${containerLabel(c)} is rendered by kustomize but not by helm`, expected: ABSENT, actual: containerLabel(c) }),
    });
  }
}

const HELM_ONLY = 'is set by helm but missing from kustomize';
const KUST_ONLY = 'is set by kustomize but missing from helm';
const DIFFERS = 'differs between helm and kustomize';

function compareContainers(h: PodTemplate, k: PodTemplate, hc: ContainerInfo, kc: ContainerInfo, cms: ConfigMaps, v: Emit): void {
  const where = containerLabel(hc);
  const at = (name: string): EnvAt => ({ workload: h.workload, container: hc.name, name });
  // env vars and envFrom sources are reported alike; only env vars can be named in dualModeAllowed.
  const report = (field: 'env' | 'envFrom', key: string, state: string, expected: string, actual: string, suffix = '') =>
    v(
      { resource: h.workload, path: `${hc.path}.${field}[${key}]${suffix}`, message: `${field} ${key} of ${where} ${state}`, expected, actual },
      field === 'env' ? at(key) : undefined,
    );

  pairUp(envMap(hc.spec), envMap(kc.spec), {
    helmOnly: (name, e) => report('env', name, HELM_ONLY, describeEnvSource(envSource(e)), ABSENT),
    kustOnly: (name, e) => report('env', name, KUST_ONLY, ABSENT, describeEnvSource(envSource(e))),
    both: (name, he, ke) => {
      const hs = envSource(he);
      const ks = envSource(ke);
      const hd = describeEnvSource(hs);
      const kd = describeEnvSource(ks);
      if (hd !== kd) {
        report('env', name, DIFFERS, hd, kd, envDiffSuffix(hs, ks));
      } else if (hs.kind === 'configMapKeyRef') {
        // Same ref, but the value it reads lives in each side's own ConfigMap: compare that too.
        const hv = cms.helm.get(`${h.workload.namespace}/${hs.name}`)?.[hs.key];
        const kv = cms.kustomize.get(`${k.workload.namespace}/${hs.name}`)?.[hs.key];
        if (hv !== undefined && kv !== undefined && hv !== kv) {
          v({
            resource: h.workload,
            path: `${hc.path}.env[${name}].valueFrom.configMapKeyRef`,
            message: `env ${name} of ${where} reads ConfigMap ${hs.name} key ${hs.key}, whose value differs between helm and kustomize`,
            expected: `value ${quote(String(hv))}`,
            actual: `value ${quote(String(kv))}`,
          }, at(name));
        }
      }
    },
  });

  const hf = envFromEntries(hc.spec);
  const kf = envFromEntries(kc.spec);
  const hfm = new Map(hf.map((e) => [e.key, e]));
  const kfm = new Map(kf.map((e) => [e.key, e]));
  pairUp(hfm, kfm, {
    helmOnly: (key, e) => report('envFrom', key, HELM_ONLY, e.description, ABSENT),
    kustOnly: (key, e) => report('envFrom', key, KUST_ONLY, ABSENT, e.description),
    both: (key, he, ke) => {
      if (he.description !== ke.description) report('envFrom', key, DIFFERS, he.description, ke.description);
    },
  });
  // Same entries in another order: later entries win on clashing keys, so order matters.
  const hOrder = hf.map((e) => e.key).join(', ');
  const kOrder = kf.map((e) => e.key).join(', ');
  if (hf.length === kf.length && hfm.size === kfm.size && [...hfm.keys()].every((k) => kfm.has(k)) && hOrder !== kOrder) {
    v({ resource: h.workload, path: `${hc.path}.envFrom`, message: `envFrom of ${where} lists the same sources in another order`, expected: hOrder, actual: kOrder });
  }
}

/**
 * Both sides by key, in helm order (matched, or helm only), then the kustomize-only keys:
 * the one walk every comparison here (workloads, containers, env, envFrom) makes.
 */
function pairUp<T>(
  helm: ReadonlyMap<string, T>,
  kust: ReadonlyMap<string, T>,
  on: { both(key: string, h: T, k: T): void; helmOnly(key: string, h: T): void; kustOnly(key: string, k: T): void },
): void {
  for (const [key, h] of helm) {
    const k = kust.get(key);
    if (k === undefined) on.helmOnly(key, h);
    else on.both(key, h, k);
  }
  for (const [key, k] of kust) if (!helm.has(key)) on.kustOnly(key, k);
}

function workloadsByKindName(manifests: readonly Manifest[]): Map<string, PodTemplate> {
  const out = new Map<string, PodTemplate>();
  for (const m of manifests) {
    const t = podTemplateOf(m);
    if (t) out.set(kindName(m), t);
  }
  return out;
}

function byName(cs: ContainerInfo[]): Map<string, ContainerInfo> {
  return new Map(cs.map((c) => [c.name, c]));
}

function list(keys: string[]): string {
  return keys.length ? keys.join(', ') : 'none';
}
