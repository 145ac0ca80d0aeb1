// Objects an operator creates from a rendered object: a CloudNativePG Cluster's Services and
// Secrets, a cert-manager Certificate's Secret, a SealedSecret's Secret. Readers of those names
// are fine although no chart renders them. The table is data (one row per operator, each
// tested); the suite config adds rows for other operators (generatedObjects).
import type { GeneratedObject, GeneratedObjectRule } from '../config/types.js';
import type { Manifest } from '../manifests/types.js';
import type { World } from './types.js';
import { at } from './workloads.js';

/** The built-in rows: operators seen in real platform repositories, with the source of each rule. */
export const GENERATED_OBJECTS: readonly GeneratedObjectRule[] = [
  {
    source: 'postgresql.cnpg.io/Cluster',
    reason:
      'CloudNativePG creates the -rw/-ro/-r Services and the app/CA/server/replication Secrets of a Cluster (cloudnative-pg.io/documentation, "Service management", "Certificates")',
    creates: [
      { kind: 'Service', name: '{name}-rw', ports: [5432] },
      { kind: 'Service', name: '{name}-ro', ports: [5432] },
      { kind: 'Service', name: '{name}-r', ports: [5432] },
      { kind: 'Secret', name: '{name}-app' },
      { kind: 'Secret', name: '{name}-superuser', when: 'spec.enableSuperuserAccess' },
      { kind: 'Secret', name: '{name}-ca' },
      { kind: 'Secret', name: '{name}-server' },
      { kind: 'Secret', name: '{name}-replication' },
    ],
  },
  {
    source: 'cert-manager.io/Certificate',
    reason: 'cert-manager writes the issued certificate into the Secret named by spec.secretName',
    creates: [{ kind: 'Secret', name: '{spec.secretName}' }],
  },
  {
    source: 'bitnami.com/SealedSecret',
    reason: 'the sealed-secrets controller unseals a SealedSecret into a Secret of the same name',
    creates: [{ kind: 'Secret', name: '{name}' }],
  },
];

/** One object an operator will create, and the rendered object it comes from. */
export interface Generated {
  kind: GeneratedObject['kind'];
  name: string;
  namespace: string;
  ports: number[];
  from: Manifest;
  rule: GeneratedObjectRule;
}

/** Built-in rows first, then the config's. */
export function generatedObjectRules(world: Pick<World, 'generatedObjects'>): GeneratedObjectRule[] {
  return [...GENERATED_OBJECTS, ...(world.generatedObjects ?? [])];
}

/** Whether a row's `group/Kind` (or bare `Kind`) names this object. */
export function ruleMatches(rule: GeneratedObjectRule, m: Pick<Manifest, 'kind' | 'apiVersion'>): boolean {
  const slash = rule.source.lastIndexOf('/');
  const kind = rule.source.slice(slash + 1);
  if (kind !== m.kind) return false;
  if (slash < 0) return true;
  const group = m.apiVersion.includes('/') ? m.apiVersion.slice(0, m.apiVersion.lastIndexOf('/')) : '';
  return group === rule.source.slice(0, slash);
}

/** `{name}` → metadata.name, `{a.b}` → that string field; undefined when a field is missing or empty. */
export function expandName(template: string, m: Manifest): string | undefined {
  let missing = false;
  const name = template.replace(/\{([^}]+)\}/g, (_all, key: string) => {
    const v = key === 'name' ? m.name : at(m.object, ...key.split('.'));
    if (typeof v !== 'string' || v === '') missing = true;
    return typeof v === 'string' ? v : '';
  });
  return missing ? undefined : name;
}

/** What the operators create from `m` (in `namespace`, the object's own). */
export function generatedFrom(m: Manifest, namespace: string, rules: readonly GeneratedObjectRule[]): Generated[] {
  const out: Generated[] = [];
  for (const rule of rules) {
    if (!ruleMatches(rule, m)) continue;
    for (const c of rule.creates) {
      if (c.when !== undefined && at(m.object, ...c.when.split('.')) !== true) continue;
      const name = expandName(c.name, m);
      if (name !== undefined) out.push({ kind: c.kind, name, namespace, ports: [...(c.ports ?? [])], from: m, rule });
    }
  }
  return out;
}

/** Services every cluster has: they resolve without any chart or config. */
export const CLUSTER_SERVICES: readonly { name: string; namespace: string; ports: number[]; reason: string }[] = [
  { name: 'kubernetes', namespace: 'default', ports: [443], reason: 'the API server Service, created by the control plane' },
  { name: 'kube-dns', namespace: 'kube-system', ports: [53, 9153], reason: 'cluster DNS (CoreDNS keeps the kube-dns Service name)' },
];
