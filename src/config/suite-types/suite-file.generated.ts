// Generated from src/config/suite.schema.json by `npm run gen:config`: do not edit.
// Types of suite.yaml: the file itself and the keys without a file of their own.

import type { SuiteFileDefaults } from './defaults.generated.js';
import type { SuiteFileBootstrapKit } from './bootstrap-kit.generated.js';
import type { SuiteFileChart } from './charts.generated.js';

/**
 * The suite config (suite.yaml): everything specific to a set of charts lives here, never in code. Paths are relative to the charts root. A key written with no value (`key:`) is the same as leaving it out.
 */
export interface SuiteFile {
  defaults?: SuiteFileDefaults;
  bootstrapKit: SuiteFileBootstrapKit;
  /**
   * The charts under test, each with its values matrix.
   *
   * @minItems 1
   */
  charts: SuiteFileChart[];
  /**
   * Groups of chart ids that must bump versions together.
   */
  lockstep?: string[][];
  /**
   * Services of releases outside the suite that in-cluster DNS names may point at (operators, other teams' charts).
   */
  externalServices?: ExternalService[];
  /**
   * Secret refs whose `optional` flag the contract pins.
   */
  pinnedSecretRefs?: PinnedSecretRef[];
  /**
   * Env vars of workloads pinned to a literal value or a secretKeyRef/configMapKeyRef with its `optional` flag, checked by the pinned-env contract in the helm render of every cell and in the kustomize render of dual-mode cells. The general form of pinnedSecretRefs.
   */
  pinnedEnv?: PinnedEnv[];
  schema?: SuiteFileSchema;
  /**
   * Objects operators create from rendered objects, on top of the built-in table (CloudNativePG Cluster, cert-manager Certificate, SealedSecret; see docs/contract-precision.md). service-dns and secret-refs treat them as rendered.
   */
  generatedObjects?: GeneratedObjectRule[];
  /**
   * Secrets that exist by other means (created by the cluster provisioner, by hand at install): secret-refs takes them as present and the report lists each use.
   */
  clusterSecrets?: ClusterSecret[];
}

/**
 * A Service of a release outside the suite.
 */
export interface ExternalService {
  /**
   * Service name.
   */
  name: string;
  /**
   * Service namespace.
   */
  namespace: string;
  /**
   * Service ports.
   *
   * @minItems 1
   */
  ports: number[];
}

/**
 * A Secret ref whose `optional` flag the contract pins.
 */
export interface PinnedSecretRef {
  /**
   * Chart id of the consumer.
   */
  chart: string;
  /**
   * `Kind/name` of the workload.
   */
  workload: string;
  /**
   * Env var name that reads the secret.
   */
  env: string;
  /**
   * Secret name.
   */
  secretName: string;
  /**
   * Key in the Secret.
   */
  key: string;
  /**
   * The `optional` flag the ref must carry.
   */
  optional: boolean;
}

/**
 * One env var of a workload pinned to exactly one source: `value`, `secretKeyRef` or `configMapKeyRef`.
 */
export interface PinnedEnv {
  /**
   * Chart id of the workload.
   */
  chart: string;
  /**
   * `Kind/name` of the workload.
   */
  workload: string;
  /**
   * Container name; absent: every container that sets the env var (at least one must).
   */
  container?: string;
  /**
   * Env var name.
   */
  env: string;
  /**
   * The literal value the env var must have.
   */
  value?: string;
  secretKeyRef?: PinnedKeyRef;
  configMapKeyRef?: PinnedKeyRef1;
}

/**
 * The Secret key the env var must read.
 */
export interface PinnedKeyRef {
  /**
   * Secret or ConfigMap name.
   */
  name: string;
  /**
   * Key in it.
   */
  key: string;
  /**
   * The `optional` flag the ref must carry.
   */
  optional?: boolean;
}

/**
 * The ConfigMap key the env var must read.
 */
export interface PinnedKeyRef1 {
  /**
   * Secret or ConfigMap name.
   */
  name: string;
  /**
   * Key in it.
   */
  key: string;
  /**
   * The `optional` flag the ref must carry.
   */
  optional?: boolean;
}

/**
 * Schema validation (contract `schema`) beyond the charts' own crds/ folders.
 */
export interface SuiteFileSchema {
  /**
   * CRD files or folders (YAML or JSON, folders read recursively), relative to the charts root, whose custom resources are validated, e.g. the CRDs of operators installed outside the suite. Only CustomResourceDefinition documents count; a missing path is a config error.
   */
  crds?: string[];
}

/**
 * An operator that creates objects from a rendered object: one row of the generated-objects table.
 */
export interface GeneratedObjectRule {
  /**
   * The object the operator watches: `group/Kind` (the group of its apiVersion), or `Kind` for any group.
   */
  source: string;
  /**
   * What it creates, in the source's namespace.
   *
   * @minItems 1
   */
  creates: GeneratedObject[];
  /**
   * Which operator, and where it documents this.
   */
  reason: string;
}

/**
 * One object an operator creates.
 */
export interface GeneratedObject {
  /**
   * Service or Secret.
   */
  kind: 'Service' | 'Secret';
  /**
   * Name template: `{name}` is the source's metadata.name, `{spec.x.y}` a string field of it (no such field: nothing is created).
   */
  name: string;
  /**
   * Ports of a created Service (absent: any port accepted).
   *
   * @minItems 1
   */
  ports?: number[];
  /**
   * Dotted field path of the source that must be `true` for the object to be created.
   */
  when?: string;
}

/**
 * A Secret that exists by other means. Name exactly one of namespace and namespaces.
 */
export interface ClusterSecret {
  /**
   * Secret name.
   */
  name: string;
  /**
   * The namespace it exists in: a name, or a regular expression matching whole namespace names.
   */
  namespace?: string;
  /**
   * The namespaces it exists in: names or regular expressions, each matching whole namespace names.
   */
  namespaces?: string[];
  /**
   * How it comes to exist (listed in the report).
   */
  reason: string;
}
