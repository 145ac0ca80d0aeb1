// Who produces which Secret where (Secret objects, ExternalSecret targets, reflector
// mirrors) and who consumes which Secret (Pod templates). Shared by secret-refs and
// reflector.
import type { Manifest } from '../manifests/types.js';
import type { RenderedRelease } from '../model/release.js';
import { generatedFrom, generatedObjectRules } from './generated-objects.js';
import type { World } from './types.js';
import { containerLabel, containersOf, isObj, namespaceOf, objs, podTemplates, str, type PodTemplate } from './workloads.js';

export const REFLECTOR_PREFIX = 'reflector.v1.k8s.emberstack.com/';
export const REFLECTION_ALLOWED = `${REFLECTOR_PREFIX}reflection-allowed`;
export const REFLECTION_ALLOWED_NAMESPACES = `${REFLECTOR_PREFIX}reflection-allowed-namespaces`;
export const REFLECTION_AUTO_ENABLED = `${REFLECTOR_PREFIX}reflection-auto-enabled`;
export const REFLECTION_AUTO_NAMESPACES = `${REFLECTOR_PREFIX}reflection-auto-namespaces`;

/** A Secret that some object makes exist: a Secret object or an ExternalSecret's target. */
export interface SecretSource {
  manifest: Manifest;
  /** Release that rendered it; undefined for bootstrap-kit objects. */
  release?: RenderedRelease;
  /** `generated`: an operator creates it from `manifest` (generated-objects.ts). */
  via: 'Secret' | 'ExternalSecret' | 'generated';
  /** Name of the Secret that ends up in the cluster. */
  secretName: string;
  namespace: string;
  /** Annotations the resulting Secret carries (reflector reads these). */
  annotations: Record<string, string>;
  /** Where those annotations are written in the source object. */
  annotationsPath: string;
}

export function isExternalSecret(m: Manifest): boolean {
  return m.kind === 'ExternalSecret' && m.apiVersion.startsWith('external-secrets.io/');
}

export function secretSourceOf(m: Manifest, release?: RenderedRelease): SecretSource | undefined {
  const namespace = namespaceOf(m, release);
  if (m.kind === 'Secret') {
    return {
      manifest: m,
      release,
      via: 'Secret',
      secretName: m.name,
      namespace,
      annotations: stringMap(m.object.metadata?.annotations),
      annotationsPath: 'metadata.annotations',
    };
  }
  if (isExternalSecret(m)) {
    const target = isObj(m.object.spec) && isObj(m.object.spec.target) ? m.object.spec.target : {};
    const tmplMeta = isObj(target.template) && isObj(target.template.metadata) ? target.template.metadata : {};
    return {
      manifest: m,
      release,
      via: 'ExternalSecret',
      secretName: str(target.name) || m.name,
      namespace,
      annotations: stringMap(tmplMeta.annotations),
      annotationsPath: 'spec.target.template.metadata.annotations',
    };
  }
  return undefined;
}

/** Every Secret the rendered bootstrap kit produces: all releases (or the given ones) plus kit objects, and what operators create from them. */
export function worldSecretSources(world: World, releases: readonly RenderedRelease[] = world.releases): SecretSource[] {
  const out: SecretSource[] = [];
  const rules = generatedObjectRules(world);
  const add = (m: Manifest, r?: RenderedRelease) => {
    const s = secretSourceOf(m, r);
    if (s) out.push(s);
    for (const g of generatedFrom(m, namespaceOf(m, r), rules)) {
      if (g.kind === 'Secret')
        out.push({
          manifest: m,
          release: r,
          via: 'generated',
          secretName: g.name,
          namespace: g.namespace,
          annotations: {},
          annotationsPath: 'metadata.annotations',
        });
    }
  };
  for (const r of releases) for (const m of r.manifests) add(m, r);
  for (const m of world.kitObjects) add(m);
  return out;
}

export function hasReflectorAnnotations(s: SecretSource): boolean {
  return Object.keys(s.annotations).some((k) => k.startsWith(REFLECTOR_PREFIX));
}

/** Entries of a reflector namespace list: split on commas, trimmed, empties dropped. */
export function splitNamespaceList(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
}

/** Like reflector: an entry matches when the namespace is a full match of it as a regex. */
export function entryMatches(entry: string, namespace: string): boolean {
  try {
    return new RegExp(`^(?:${entry})$`).test(namespace);
  } catch {
    return false;
  }
}

/**
 * Whether a reflector namespace list admits `namespace`. As in reflector, an absent or
 * empty list admits every namespace (allowed: all; auto: all allowed ones).
 */
export function listAdmits(list: string | undefined, namespace: string): boolean {
  const entries = splitNamespaceList(list);
  return entries.length === 0 || entries.some((e) => entryMatches(e, namespace));
}

/** Whether reflector auto-mirrors this Secret into `namespace`. */
export function reflectsInto(s: SecretSource, namespace: string): boolean {
  if (s.namespace === namespace) return false;
  const a = s.annotations;
  return (
    a[REFLECTION_ALLOWED] === 'true' &&
    a[REFLECTION_AUTO_ENABLED] === 'true' &&
    listAdmits(a[REFLECTION_ALLOWED_NAMESPACES], namespace) &&
    listAdmits(a[REFLECTION_AUTO_NAMESPACES], namespace)
  );
}

/** One place a Pod template reads a Secret. */
export interface SecretRef {
  template: PodTemplate;
  release: RenderedRelease;
  /** Consumer's namespace. */
  namespace: string;
  secretName: string;
  optional: boolean;
  /** Path of the field naming the Secret. */
  path: string;
  /** Words for messages, e.g. `env X of container api`. */
  consumer: string;
}

export function secretRefsOf(t: PodTemplate, release: RenderedRelease): SecretRef[] {
  const namespace = namespaceOf(t.workload, release);
  const out: SecretRef[] = [];
  const push = (secretName: unknown, optional: unknown, path: string, consumer: string) => {
    if (typeof secretName !== 'string' || secretName === '') return;
    out.push({ template: t, release, namespace, secretName, optional: optional === true, path, consumer });
  };
  for (const c of containersOf(t)) {
    const what = containerLabel(c);
    for (const e of objs(c.spec.env)) {
      const ref = isObj(e.valueFrom) && isObj(e.valueFrom.secretKeyRef) ? e.valueFrom.secretKeyRef : undefined;
      if (ref) push(ref.name, ref.optional, `${c.path}.env[${String(e.name)}].valueFrom.secretKeyRef.name`, `env ${String(e.name)} of ${what}`);
    }
    for (const e of objs(c.spec.envFrom)) {
      if (isObj(e.secretRef)) push(e.secretRef.name, e.secretRef.optional, `${c.path}.envFrom[secretRef:${String(e.secretRef.name)}]`, `envFrom of ${what}`);
    }
  }
  for (const v of objs(t.spec.volumes)) {
    const vname = String(v.name);
    if (isObj(v.secret)) push(v.secret.secretName, v.secret.optional, `${t.prefix}.volumes[${vname}].secret.secretName`, `volume ${vname}`);
    if (isObj(v.projected)) {
      for (const src of objs(v.projected.sources)) {
        if (isObj(src.secret)) {
          push(
            src.secret.name,
            src.secret.optional,
            `${t.prefix}.volumes[${vname}].projected.sources[secret:${String(src.secret.name)}]`,
            `projected volume ${vname}`,
          );
        }
      }
    }
  }
  for (const p of objs(t.spec.imagePullSecrets)) {
    push(p.name, false, `${t.prefix}.imagePullSecrets[${String(p.name)}]`, 'imagePullSecrets');
  }
  return out;
}

export function releaseSecretRefs(release: RenderedRelease): SecretRef[] {
  return podTemplates(release.manifests).flatMap((t) => secretRefsOf(t, release));
}

/** Sources that make `name` exist in `namespace`: locally, or by a reflector mirror. */
export function producersIn(sources: readonly SecretSource[], name: string, namespace: string): SecretSource[] {
  return sources.filter((s) => s.secretName === name && (s.namespace === namespace || reflectsInto(s, namespace)));
}

function stringMap(x: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObj(x)) return out;
  for (const [k, v] of Object.entries(x)) {
    if (v !== undefined && v !== null) out[k] = typeof v === 'string' ? v : String(v);
  }
  return out;
}
