// Lookups over parsed manifests by kind/namespace/name, for specs that assert on a render.
import type { Manifest } from '../../src/manifests/types.js';

export class ManifestIndex {
  private readonly byKey = new Map<string, Manifest>();
  constructor(readonly all: readonly Manifest[]) {
    for (const m of all) this.byKey.set(ManifestIndex.key(m.kind, m.namespace, m.name), m);
  }

  static key(kind: string, namespace: string | undefined, name: string): string {
    return `${kind}/${namespace ?? ''}/${name}`;
  }

  get(kind: string, namespace: string | undefined, name: string): Manifest | undefined {
    return this.byKey.get(ManifestIndex.key(kind, namespace, name));
  }

  /** The only object of this kind and name in any namespace (undefined when none or ambiguous). */
  find(kind: string, name: string): Manifest | undefined {
    const hits = this.all.filter((m) => m.kind === kind && m.name === name);
    return hits.length === 1 ? hits[0] : undefined;
  }

  ofKind(...kinds: string[]): Manifest[] {
    return this.all.filter((m) => kinds.includes(m.kind));
  }

  /** Helm hook resources (pre/post-install Jobs, their Roles…): Helm runs them around the release. */
  hooks(): Manifest[] {
    return this.all.filter((m) => m.hooks !== undefined);
  }

  /** Everything that is part of the release itself (not a hook). */
  releaseObjects(): Manifest[] {
    return this.all.filter((m) => m.hooks === undefined);
  }
}
