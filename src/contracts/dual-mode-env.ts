// Dual-mode charts render `templates/` two ways (helm template, kubectl kustomize);
// both must give every container the same env vars from the same sources.
import type { AllowedEnvDifference } from '../config/types.js';
import type { Manifest } from '../manifests/types.js';
import { describeEnvSource, envDiffSuffix, envFromEntries, envMap, envSource } from './env.js';
import type { Contract, Violation } from './types.js';
import { ABSENT, nothingToCheck, OBJECT_PATH, quote, violation } from './violation.js';
import { containersOf, isObj, isWorkload, kindName, subjectFacts, subjectRelease, type ContainerInfo, type Obj, type PodTemplate, podTemplateOf } from './workloads.js';

const ID = 'dual-mode-env' as const;

export const dualModeEnv: Contract = {
  id: ID,
  summary: 'helm template and kubectl kustomize give every container the same env vars, values and secret refs',
  appliesTo: (world) => world.kustomize !== undefined,
  check(world) {
    const renderer = `${world.subject.renderer} vs kustomize`;
    const helmSide = workloadsByKindName(subjectRelease(world)?.manifests ?? []);
    const kustSide = workloadsByKindName(world.kustomize?.manifests ?? []);
    // Helm hooks (pre-install Jobs…) are Helm's lifecycle; kustomize has none to match them with.
    for (const [key, t] of helmSide) if (t.workload.hooks && !kustSide.has(key)) helmSide.delete(key);
    const both = [...helmSide.keys()].filter((k) => kustSide.has(k));
    if (both.length === 0) {
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
    const configMaps = { helm: configMapData(subjectRelease(world)?.manifests ?? []), kustomize: configMapData(world.kustomize?.manifests ?? []) };

    for (const [key, h] of helmSide) {
      const k = kustSide.get(key);
      if (!k) {
        v({ resource: h.workload, path: OBJECT_PATH, message: `workload ${key} is rendered by helm but not by kustomize`, expected: key, actual: ABSENT });
        continue;
      }
      compareTemplates(h, k, configMaps, v);
    }
    for (const [key, k] of kustSide) {
      if (!helmSide.has(key)) {
        v({ resource: k.workload, path: OBJECT_PATH, message: `workload ${key} is rendered by kustomize but not by helm`, expected: ABSENT, actual: key });
      }
    }
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
type Emit = (input: Parameters<typeof violation>[2], env?: EnvAt) => void;

/** ConfigMap data of each render by namespace/name: a configMapKeyRef reads the same value only if both sides hold it. */
type ConfigMaps = { helm: Map<string, Obj>; kustomize: Map<string, Obj> };

function configMapData(manifests: readonly Manifest[]): Map<string, Obj> {
  const out = new Map<string, Obj>();
  for (const m of manifests) if (m.kind === 'ConfigMap' && isObj(m.object.data)) out.set(`${m.namespace}/${m.name}`, m.object.data);
  return out;
}

function compareTemplates(h: PodTemplate, k: PodTemplate, cms: ConfigMaps, v: Emit): void {
  for (const which of ['containers', 'init'] as const) {
    const hc = byName(containersOf(h, which));
    const kc = byName(containersOf(k, which));
    for (const [name, c] of hc) {
      const other = kc.get(name);
      if (other) compareContainers(h, k, c, other, cms, v);
      else v({ resource: h.workload, path: c.path, message: `${label(c)} ${name} is rendered by helm but not by kustomize`, expected: `${label(c)} ${name}`, actual: ABSENT });
    }
    for (const [name, c] of kc) {
      if (!hc.has(name)) {
        v({ resource: h.workload, path: c.path, message: `${label(c)} ${name} is rendered by kustomize but not by helm`, expected: ABSENT, actual: `${label(c)} ${name}` });
      }
    }
  }
}

function compareContainers(h: PodTemplate, k: PodTemplate, hc: ContainerInfo, kc: ContainerInfo, cms: ConfigMaps, v: Emit): void {
  const he = envMap(hc.spec);
  const ke = envMap(kc.spec);
  const where = `${label(hc)} ${hc.name}`;
  const at = (name: string): EnvAt => ({ workload: h.workload, container: hc.name, name });
  for (const [name, e] of he) {
    const hs = envSource(e);
    const other = ke.get(name);
    if (!other) {
      v({ resource: h.workload, path: `${hc.path}.env[${name}]`, message: `env ${name} of ${where} is set by helm but missing from kustomize`, expected: describeEnvSource(hs), actual: ABSENT }, at(name));
      continue;
    }
    const ks = envSource(other);
    const hd = describeEnvSource(hs);
    const kd = describeEnvSource(ks);
    if (hd !== kd) {
      v({ resource: h.workload, path: `${hc.path}.env[${name}]${envDiffSuffix(hs, ks)}`, message: `env ${name} of ${where} differs between helm and kustomize`, expected: hd, actual: kd }, at(name));
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
  }
  for (const [name, e] of ke) {
    if (!he.has(name)) {
      v({ resource: h.workload, path: `${hc.path}.env[${name}]`, message: `env ${name} of ${where} is set by kustomize but missing from helm`, expected: ABSENT, actual: describeEnvSource(envSource(e)) }, at(name));
    }
  }

  const hf = envFromEntries(hc.spec);
  const kf = envFromEntries(kc.spec);
  const hfm = new Map(hf.map((e) => [e.key, e]));
  const kfm = new Map(kf.map((e) => [e.key, e]));
  for (const [key, e] of hfm) {
    const other = kfm.get(key);
    if (!other || other.description !== e.description) {
      v({
        resource: h.workload,
        path: `${hc.path}.envFrom[${key}]`,
        message: other ? `envFrom ${key} of ${where} differs between helm and kustomize` : `envFrom ${key} of ${where} is set by helm but missing from kustomize`,
        expected: e.description,
        actual: other?.description ?? ABSENT,
      });
    }
  }
  for (const [key, e] of kfm) {
    if (!hfm.has(key)) {
      v({ resource: h.workload, path: `${hc.path}.envFrom[${key}]`, message: `envFrom ${key} of ${where} is set by kustomize but missing from helm`, expected: ABSENT, actual: e.description });
    }
  }
  // Same entries in another order: later entries win on clashing keys, so order matters.
  const hOrder = hf.map((e) => e.key).join(', ');
  const kOrder = kf.map((e) => e.key).join(', ');
  if (hf.length === kf.length && hfm.size === kfm.size && [...hfm.keys()].every((k) => kfm.has(k)) && hOrder !== kOrder) {
    v({ resource: h.workload, path: `${hc.path}.envFrom`, message: `envFrom of ${where} lists the same sources in another order`, expected: hOrder, actual: kOrder });
  }
}

function workloadsByKindName(manifests: readonly Manifest[]): Map<string, PodTemplate> {
  const out = new Map<string, PodTemplate>();
  for (const m of manifests) {
    if (!isWorkload(m)) continue;
    const t = podTemplateOf(m);
    if (t) out.set(kindName(m), t);
  }
  return out;
}

function byName(cs: ContainerInfo[]): Map<string, ContainerInfo> {
  return new Map(cs.map((c) => [c.name, c]));
}

function label(c: ContainerInfo): string {
  return c.init ? 'init container' : 'container';
}

function list(keys: string[]): string {
  return keys.length ? keys.join(', ') : 'none';
}
