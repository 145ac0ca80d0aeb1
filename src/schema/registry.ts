// The validators a suite validates with: Kubernetes built-ins (imported on first need,
// once per process) and the CRDs of the repository and the config. A world's SchemaSet
// adds the CRDs its own renders hold. Contracts only ever see the SchemaSet.
import type { Manifest } from '../manifests/types.js';
import type { YamlMap } from '../manifests/yaml.js';
import { crdValidators, isCrd } from './crd.js';
import { KUBERNETES_SCHEMA_SOURCE, loadKubernetesValidator } from './kubernetes.js';
import { typeKey, type ObjectValidator, type SchemaSet } from './types.js';

/** A parsed object and where it was read or rendered (for the validator's source). */
export interface CrdSource {
  object: YamlMap;
  where: string;
}

/** The CRDs among rendered objects, named by the template that rendered them. */
export function renderedCrds(manifests: readonly Manifest[]): CrdSource[] {
  return manifests.filter((m) => isCrd(m.object)).map((m) => ({ object: m.object, where: `rendered from ${m.source}` }));
}

// One import per type for the whole process: the package is the same for every suite.
const builtins = new Map<string, Promise<ObjectValidator | undefined>>();
const loadedBuiltins = new Map<string, ObjectValidator | undefined>();

function loadBuiltin(apiVersion: string, kind: string): Promise<ObjectValidator | undefined> {
  const key = typeKey(apiVersion, kind);
  let p = builtins.get(key);
  if (!p) {
    p = loadKubernetesValidator(apiVersion, kind).then((v) => (loadedBuiltins.set(key, v), v));
    builtins.set(key, p);
  }
  return p;
}

export class SchemaRegistry {
  /** Validators of the repository's and the config's CRDs. */
  private readonly crds: Map<string, ObjectValidator>;
  // Rendered CRDs are the same objects across the worlds of a suite (renders are memoized).
  private readonly rendered = new WeakMap<object, Map<string, ObjectValidator>>();

  constructor(crds: readonly CrdSource[]) {
    this.crds = crdValidators(crds);
  }

  /** Built-in validators for these types, loaded now, so lookups stay synchronous. */
  async load(types: Iterable<{ apiVersion: string; kind: string }>): Promise<void> {
    const wanted = new Map<string, { apiVersion: string; kind: string }>();
    for (const t of types) wanted.set(typeKey(t.apiVersion, t.kind), t);
    await Promise.all([...wanted.values()].map((t) => loadBuiltin(t.apiVersion, t.kind)));
  }

  /** The SchemaSet of a world: built-ins, then the CRDs the world renders, then the registry's. */
  view(renderedCrds: readonly CrdSource[] = []): SchemaSet {
    const own = new Map<string, ObjectValidator>();
    for (const c of renderedCrds) {
      if (!isCrd(c.object)) continue;
      let vs = this.rendered.get(c.object);
      if (!vs) this.rendered.set(c.object, (vs = crdValidators([c])));
      for (const [k, v] of vs) own.set(k, v);
    }
    return {
      builtin: KUBERNETES_SCHEMA_SOURCE,
      lookup: (apiVersion, kind) => {
        const key = typeKey(apiVersion, kind);
        return loadedBuiltins.get(key) ?? own.get(key) ?? this.crds.get(key);
      },
    };
  }
}
