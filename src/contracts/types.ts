// Contracts are pure functions: a World (renders, already parsed) in, violations out.
// None of them spawns a process or reads a file.
import type { ChartConfig, ClusterSecret, ExternalService, GeneratedObjectRule, PinnedEnv, PinnedSecretRef } from '../config/types.js';
import type { Manifest, ResourceRef } from '../manifests/types.js';
import type { FluxHelmRelease } from '../render/flux-types.js';
import type { HelmRendererId, RenderedRelease } from '../model/release.js';
import type { SchemaSet } from '../schema/types.js';

export type ContractId =
  | 'dual-mode-env'
  | 'secret-refs'
  | 'pinned-env'
  | 'reflector'
  | 'service-dns'
  | 'probes'
  | 'version-lockstep'
  | 'helm-parity'
  | 'required-resources'
  | 'template-residue'
  | 'schema'
  // Not a contract of ALL_CONTRACTS: a failed helm-unittest assertion (src/unittest), reported alike.
  | 'unittest';

/** One broken promise. Every field is plain text a maintainer can act on. */
export interface Violation {
  contract: ContractId;
  /** Chart id the violation belongs to. */
  chart: string;
  /** Values cell. */
  cell: string;
  /** Renderer(s), e.g. helm4, or helm4 vs kustomize. */
  renderer: string;
  /** Resource at fault; absent for chart-level findings (e.g. a missing HelmRelease). */
  resource?: ResourceRef;
  /** Field path inside the resource (or file), e.g. spec.template.spec.containers[api].env[X].value. */
  path: string;
  expected: string;
  actual: string;
  /** One line: what is wrong, in words. */
  message: string;
}

/** A chart of the suite as contracts see it. */
export interface ChartFacts {
  config: ChartConfig;
  /** Chart.yaml name and version (read by the orchestrator). */
  name: string;
  version: string;
}

/**
 * Everything contracts may look at for one subject (chart × cell × helm renderer).
 * `releases` holds the subject's render plus the other bootstrap-kit releases
 * rendered with their kit values, all by the same helm major, so cross-release
 * contracts (secret-refs, reflector, service-dns) see the whole cluster.
 */
export interface World {
  subject: { chart: string; cell: string; renderer: HelmRendererId };
  charts: ChartFacts[];
  helmReleases: FluxHelmRelease[];
  /** Plain objects of the bootstrap kit that are not HelmReleases (Namespaces, Secrets…), after substitution. */
  kitObjects: Manifest[];
  /** The bootstrap kit's HelmRelease documents themselves, after substitution (validated by the schema contract only). */
  kitReleaseObjects: Manifest[];
  releases: RenderedRelease[];
  /** The subject rendered by `kubectl kustomize` (dual-mode charts only). */
  kustomize?: RenderedRelease;
  /** The subject rendered by the other helm major, for helm-parity. */
  parity?: RenderedRelease;
  externalServices: ExternalService[];
  pinnedSecretRefs: PinnedSecretRef[];
  /** Env vars pinned by the suite config (pinned-env); absent: none. */
  pinnedEnv?: PinnedEnv[];
  /** Resources the subject must render in this cell (`Kind/name` or `Kind/namespace/name`): the chart's and the cell's. */
  requiredResources?: string[];
  /** Fields of the subject's render that differ between two renders of the same cell by the same helm. */
  nondeterministic?: NondeterministicPath[];
  /** Whether the subject's cell starts from its HelmRelease's values (those values are checked only there). */
  kitValues?: boolean;
  /** The config's generated-object rows, on top of the built-in table. */
  generatedObjects?: GeneratedObjectRule[];
  /** Secrets that exist by other means (config clusterSecrets). */
  clusterSecrets?: ClusterSecret[];
  /** Compiled schemas of every kind the world renders that has one (built-ins, repository and rendered CRDs). */
  schemas?: SchemaSet;
}

/** A field (or a whole object, path `(object)`) whose rendered value changes from one render to the next. */
export interface NondeterministicPath {
  resource: ResourceRef;
  path: string;
}

/** A contract, kubeconform-validator style: an id, whether it applies, and the check. */
export interface Contract {
  id: ContractId;
  /** One line: the promise it checks. */
  summary: string;
  /**
   * False when the contract reads no render (only the suite config, Chart.yaml facts and the kit):
   * a check of such contracts alone renders nothing and reads no render. Absent: it reads renders.
   */
  needsRenders?: false;
  /** False when the contract has no business with this subject (e.g. dual-mode on a helm-only chart). */
  appliesTo(world: World): boolean;
  /**
   * Violations for the subject. When the contract applies but finds nothing to check
   * it must return a violation saying so (no vacuous pass).
   */
  check(world: World): Violation[];
  /** What the check relied on that the user should know (a cluster secret, a paired container), one line each. */
  notes?(world: World): string[];
}
