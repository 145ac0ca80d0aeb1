// The Flux kit of a suite, in either form: one folder of HelmRelease files (bootstrapKit.path),
// or clusters, each built as Flux reconciles it (bootstrapKit.clusters).
import type { Manifest } from '../../manifests/types.js';
import { resolveTools } from '../../tools/resolve.js';
import type { FluxHelmRelease } from '../flux-types.js';
import { kustomizeKitBuild } from '../kustomize.js';
import type { KustomizeRunner } from './build.js';
import { loadCluster, type ClusterSpec, type SourceMapping } from './cluster.js';
import { loadBootstrapKit } from './folder.js';

export interface KitOptions {
  /** Absolute charts root; every path is relative to it. */
  root: string;
  /** The single-folder form: the kit folder and its variables file. */
  folder?: { path: string; variablesFile?: string };
  /** The clusters form (used when non-empty). */
  clusters: ClusterSpec[];
  sources: SourceMapping[];
  strict: boolean;
  /** Kill a kustomize build after this many ms. */
  timeoutMs: number;
  /** Runs `kubectl kustomize` (default: the pinned kubectl). */
  kustomize?: KustomizeRunner;
}

export interface Kit {
  /** Every HelmRelease of every cluster (each names its cluster), or of the kit folder. */
  helmReleases: FluxHelmRelease[];
  /** Every other object built, after substitution. */
  objects: Manifest[];
  /** The kit folder's variables; in the clusters form, the first cluster's variables file. */
  variables: Record<string, string>;
  /** Cluster names, in config order (empty for the single-folder form). */
  clusters: string[];
  /** Each cluster's variables file (clusters form). */
  clusterVariables: Record<string, Record<string, string>>;
  /** What every report should say about how the kit was read (`cluster staging: …`). */
  notes: string[];
  /** Values that came from Secrets: redacted from every report. */
  secrets: string[];
}

/** kubectl builds running at once (the suite renders 2 at a time too). */
const BUILDS_AT_ONCE = 2;

/** The runner, with at most `n` builds running at once (the others wait their turn, in order). */
function limited(run: KustomizeRunner, n: number): KustomizeRunner {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (dir, label) => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await run(dir, label);
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

export async function loadKit(opts: KitOptions): Promise<Kit> {
  if (opts.clusters.length === 0) {
    if (!opts.folder) throw new Error('loadKit: neither a kit folder nor clusters');
    const kit = await loadBootstrapKit({
      root: opts.root,
      kitDir: opts.folder.path,
      variablesFile: opts.folder.variablesFile,
      strict: opts.strict,
      // A missing version or a range is version-lockstep's to judge (unpinned, range), never an exit 2.
      versions: 'classified',
    });
    return { ...kit, clusters: [], clusterVariables: {}, notes: [], secrets: [] };
  }
  const kustomize = limited(
    opts.kustomize ?? (async (dir: string, label: string) => kustomizeKitBuild(dir, label, (await resolveTools()).kubectl, opts.timeoutMs)),
    BUILDS_AT_ONCE,
  );
  const loaded = await Promise.all(
    opts.clusters.map((cluster) => loadCluster({ root: opts.root, cluster, sources: opts.sources, strict: opts.strict, kustomize })),
  );
  return {
    helmReleases: loaded.flatMap((c) => c.helmReleases),
    objects: loaded.flatMap((c) => c.objects),
    variables: loaded[0].variables,
    clusters: loaded.map((c) => c.name),
    clusterVariables: Object.fromEntries(loaded.map((c) => [c.name, c.variables])),
    notes: loaded.flatMap((c) => c.notes.map((n) => `cluster ${c.name}: ${n}`)),
    secrets: [...new Set(loaded.flatMap((c) => c.secrets))],
  };
}
