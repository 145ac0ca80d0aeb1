// Dual-mode charts render `templates/` two ways (helm template, kubectl kustomize);
// both must give every container the same env vars from the same sources.
import type { AllowedEnvDifference, DualModeContainer } from '../config/types.js';
import type { Manifest } from '../manifests/types.js';
import { containerFieldDifferences, volumeDifferences } from './dual-mode-fields.js';
import { describeEnvSource, envDiffSuffix, envFromEntries, envMap, envSource } from './env.js';
import type { Contract, Violation, World } from './types.js';
import { ABSENT, nothingToCheck, OBJECT_PATH, quote, violation, type ViolationInput } from './violation.js';
import {
  containerLabel,
  containersOf,
  isObj,
  kindName,
  subjectFacts,
  subjectRelease,
  type ContainerInfo,
  type Obj,
  type PodTemplate,
  podTemplateOf,
} from './workloads.js';

const ID = 'dual-mode-env' as const;

export const dualModeEnv: Contract = {
  id: ID,
  summary:
    'helm template and kubectl kustomize give every container the same env vars, values and secret refs, probes and ports, and mount the same Secrets/ConfigMaps',
  appliesTo: (world) => world.kustomize !== undefined,
  notes: (world) => {
    const { helmSide, kustSide } = sides(world);
    const out: string[] = [];
    const mapping = subjectFacts(world)?.config.dualModeContainers ?? [];
    for (const [key, h] of helmSide) {
      const k = kustSide.get(key);
      if (k) for (const which of ['containers', 'init'] as const) out.push(...pairContainers(h, k, which, mapping).notes);
    }
    return out;
  },
  check(world) {
    const renderer = `${world.subject.renderer} vs kustomize`;
    const helmManifests = subjectRelease(world)?.manifests ?? [];
    const kustManifests = world.kustomize?.manifests ?? [];
    const { helmSide, kustSide } = sides(world);
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
    const v: Emit = (input, at) => {
      // An allowed difference is not a violation; it is remembered so a stale one can be reported.
      const rule =
        at &&
        allowedRules.find(
          (r) =>
            r.workload === kindName(at.workload) &&
            (r.env !== undefined ? r.env === at.env : r.field === at.field) &&
            (r.container === undefined || r.container === at.container),
        );
      if (rule) used.add(rule);
      else out.push(violation(world, ID, { renderer, ...input }));
    };
    const configMaps = { helm: configMapData(helmManifests), kustomize: configMapData(kustManifests) };
    const mapping = subjectFacts(world)?.config.dualModeContainers ?? [];

    pairUp(helmSide, kustSide, {
      both: (_key, h, k) => compareTemplates(h, k, configMaps, mapping, v),
      helmOnly: (key, h) =>
        v({ resource: h.workload, path: OBJECT_PATH, message: `workload ${key} is rendered by helm but not by kustomize`, expected: key, actual: ABSENT }),
      kustOnly: (key, k) =>
        v({ resource: k.workload, path: OBJECT_PATH, message: `workload ${key} is rendered by kustomize but not by helm`, expected: ABSENT, actual: key }),
    });
    for (const rule of allowedRules) {
      if (used.has(rule)) continue;
      const container = rule.container === undefined ? '' : ` container ${rule.container}`;
      const w = helmSide.get(rule.workload) ?? kustSide.get(rule.workload);
      const what = rule.env !== undefined ? `env ${rule.env}` : rule.field;
      out.push(
        violation(world, ID, {
          renderer,
          resource: w?.workload,
          path: `dualModeAllowed[${rule.workload}${container}: ${rule.env ?? rule.field}]`,
          message: `allowed difference for ${what} of ${rule.workload}${container} is stale: helm and kustomize no longer differ there; remove it from dualModeAllowed`,
          expected: `a difference (${rule.reason})`,
          actual: 'no difference',
        }),
      );
    }
    return out;
  },
};

/** Where a difference is, so allowed differences (workload, container, env or field) can be matched. */
interface DiffAt {
  workload: Manifest;
  container?: string;
  env?: string;
  field?: string;
}
type Emit = (input: ViolationInput, at?: DiffAt) => void;

/** Workloads of both renders by `Kind/name`; Helm hooks without a kustomize twin are left out. */
function sides(world: World): { helmSide: Map<string, PodTemplate>; kustSide: Map<string, PodTemplate> } {
  const helmSide = workloadsByKindName(subjectRelease(world)?.manifests ?? []);
  const kustSide = workloadsByKindName(world.kustomize?.manifests ?? []);
  // Helm hooks (pre-install Jobs, test Pods…) are Helm's lifecycle; kustomize has none to match them with.
  for (const [key, t] of helmSide) if (t.workload.hooks && !kustSide.has(key)) helmSide.delete(key);
  return { helmSide, kustSide };
}

/**
 * Containers of one list of a workload on each side, keyed by the helm name: renamed by the
 * config's dualModeContainers, or paired when each side has exactly one (said in a note).
 */
function pairContainers(h: PodTemplate, k: PodTemplate, which: 'containers' | 'init', mapping: readonly DualModeContainer[]) {
  const helm = byName(containersOf(h, which));
  const kust = byName(containersOf(k, which));
  const notes: string[] = [];
  const rename = (from: string, to: string, why: string) => {
    const c = kust.get(from);
    if (!c || from === to) return;
    kust.delete(from);
    kust.set(to, c);
    notes.push(
      `${kindName(h.workload)}: ${which === 'init' ? 'init container' : 'container'} ${to} (helm) and ${from} (kustomize) are compared as one (${why})`,
    );
  };
  for (const m of mapping) if (m.workload === kindName(h.workload) && helm.has(m.helm) && !kust.has(m.helm)) rename(m.kustomize, m.helm, 'dualModeContainers');
  const [hName] = helm.keys();
  const [kName] = kust.keys();
  if (helm.size === 1 && kust.size === 1 && hName !== kName) rename(kName, hName, 'the only one on each side');
  return { helm, kust, notes };
}

/** ConfigMap data of each render by namespace/name: a configMapKeyRef reads the same value only if both sides hold it. */
type ConfigMaps = { helm: Map<string, Obj>; kustomize: Map<string, Obj> };

function configMapData(manifests: readonly Manifest[]): Map<string, Obj> {
  const out = new Map<string, Obj>();
  for (const m of manifests) if (m.kind === 'ConfigMap' && isObj(m.object.data)) out.set(`${m.namespace}/${m.name}`, m.object.data);
  return out;
}

function compareTemplates(h: PodTemplate, k: PodTemplate, cms: ConfigMaps, mapping: readonly DualModeContainer[], v: Emit): void {
  for (const d of volumeDifferences(h, k)) v({ resource: h.workload, ...d }, { workload: h.workload, field: d.field });
  for (const which of ['containers', 'init'] as const) {
    const { helm, kust } = pairContainers(h, k, which, mapping);
    pairUp(helm, kust, {
      both: (_name, hc, kc) => compareContainers(h, k, hc, kc, cms, v),
      helmOnly: (_name, c) =>
        v({
          resource: h.workload,
          path: c.path,
          message: `${containerLabel(c)} is rendered by helm but not by kustomize`,
          expected: containerLabel(c),
          actual: ABSENT,
        }),
      kustOnly: (_name, c) =>
        v({
          resource: h.workload,
          path: c.path,
          message: `${containerLabel(c)} is rendered by kustomize but not by helm`,
          expected: ABSENT,
          actual: containerLabel(c),
        }),
    });
  }
}

const HELM_ONLY = 'is set by helm but missing from kustomize';
const KUST_ONLY = 'is set by kustomize but missing from helm';
const DIFFERS = 'differs between helm and kustomize';

function compareContainers(h: PodTemplate, k: PodTemplate, hc: ContainerInfo, kc: ContainerInfo, cms: ConfigMaps, v: Emit): void {
  const where = containerLabel(hc);
  const at = (name: string): DiffAt => ({ workload: h.workload, container: hc.name, env: name });
  for (const d of containerFieldDifferences(hc, kc, where)) v({ resource: h.workload, ...d }, { workload: h.workload, container: hc.name, field: d.field });
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
          v(
            {
              resource: h.workload,
              path: `${hc.path}.env[${name}].valueFrom.configMapKeyRef`,
              message: `env ${name} of ${where} reads ConfigMap ${hs.name} key ${hs.key}, whose value differs between helm and kustomize`,
              expected: `value ${quote(String(hv))}`,
              actual: `value ${quote(String(kv))}`,
            },
            at(name),
          );
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
    v({
      resource: h.workload,
      path: `${hc.path}.envFrom`,
      message: `envFrom of ${where} lists the same sources in another order`,
      expected: hOrder,
      actual: kOrder,
    });
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
