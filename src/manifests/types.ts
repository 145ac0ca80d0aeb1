// What a render produces once parsed: plain Kubernetes objects with where they came from.

/** A Kubernetes object as parsed from YAML (shape is checked where it is read). */
export interface K8sObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** kind/namespace/name of one object; namespace is absent for cluster-scoped kinds. */
export interface ResourceRef {
  kind: string;
  namespace?: string;
  name: string;
}

export interface Manifest {
  kind: string;
  apiVersion: string;
  name: string;
  /** Effective namespace: metadata.namespace, else the release namespace for namespaced kinds. */
  namespace?: string;
  /** Template that produced it (helm's `# Source:` line), or the file for kustomize/kit objects. */
  source: string;
  /** 0-based position of the document in the render stream. */
  index: number;
  /** Helm hook events (`helm.sh/hook`, e.g. pre-install): run by Helm around a release, not part of it. */
  hooks?: string[];
  object: K8sObject;
}

export function refOf(m: Pick<Manifest, 'kind' | 'namespace' | 'name'>): ResourceRef {
  return m.namespace === undefined ? { kind: m.kind, name: m.name } : { kind: m.kind, namespace: m.namespace, name: m.name };
}

/** `Kind/namespace/name`, or `Kind/name` when cluster-scoped: the form every message uses. */
export function formatRef(r: ResourceRef): string {
  return r.namespace ? `${r.kind}/${r.namespace}/${r.name}` : `${r.kind}/${r.name}`;
}
