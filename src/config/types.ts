// The suite config (charts-under-test/suite.yaml): everything specific to a set of
// charts lives here, never in code. Paths are relative to the charts root.
// The file's shape comes from suite.schema.json (generated into suite-types.generated.ts);
// these are the loaded shapes: every default filled in, plus where the config came from.
import type { Values } from '../model/release.js';
import type * as File from './suite-types.generated.js';

export type { SuiteFile } from './suite-types.generated.js';

/** `T` with the keys `K` present: loading fills them from the schema's defaults. */
type Defaulted<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: Exclude<T[P], undefined> };

export interface SuiteConfig extends Defaulted<
  Omit<File.SuiteFile, 'defaults' | 'bootstrapKit' | 'charts'>,
  'lockstep' | 'externalServices' | 'pinnedSecretRefs'
> {
  /** Absolute charts root (CHARTS_ROOT, else the folder holding suite.yaml). */
  root: string;
  /** Absolute path of the config file that was loaded. */
  file: string;
  /** Where the config file and the root came from (printed, so a user knows which config ran). */
  source: ConfigSource;
  defaults: SuiteDefaults;
  bootstrapKit: BootstrapKitConfig;
  charts: ChartConfig[];
}

/** The file once validated: every default filled in (by the schema's `default`s), before root/file/source are added. */
export type LoadedSuiteFile = Omit<SuiteConfig, 'root' | 'file' | 'source'>;

/** How the config file and the charts root were found. */
export interface ConfigSource {
  /** `option` (--config / a caller), `SUITE_CONFIG`, `charts root` (<root>/suite.yaml) or `bundled` (charts-under-test/suite.yaml). */
  config: 'option' | 'SUITE_CONFIG' | 'charts root' | 'bundled';
  /** `option` (--root / a caller), `CHARTS_ROOT`, `config folder` (the folder of SUITE_CONFIG) or `bundled`. */
  root: 'option' | 'CHARTS_ROOT' | 'config folder' | 'bundled';
}

export type SuiteDefaults = Required<File.SuiteFileDefaults>;

export type BootstrapKitConfig = Defaulted<File.SuiteFileBootstrapKit, 'strict' | 'secretVariables'>;
export type KitCluster = File.KitCluster;
export type KitSource = File.KitSource;

type ChartDefaults = 'apiVersions' | 'dependencies' | 'requiredResources' | 'dualModeAllowed' | 'templateResidueAllowed' | 'skipContracts';

export interface ChartConfig extends Defaulted<Omit<File.SuiteFileChart, 'probes' | 'matrix' | 'schema'>, ChartDefaults> {
  probes: ProbeConfig;
  matrix: MatrixConfig;
  schema: ChartSchemaConfig;
}

export type AllowedEnvDifference = File.AllowedEnvDifference;
export type AllowedResidue = File.AllowedResidue;
export type ExternalService = File.ExternalService;
export type PinnedSecretRef = File.PinnedSecretRef;
export type PinnedEnv = File.PinnedEnv;
export type PinnedKeyRef = File.PinnedKeyRef;
export type ProbeConfig = Defaulted<File.SuiteFileProbes, 'minStartupSeconds' | 'exempt'>;
export type GeneratedObjectRule = File.GeneratedObjectRule;
export type GeneratedObject = File.GeneratedObject;
export type ClusterSecret = File.ClusterSecret;
export type DualModeContainer = File.DualModeContainer;
export type ChartSchemaConfig = Required<File.SuiteFileChartSchema>;

/** One option of a matrix axis; an empty entry in the file (`off:`) loads as `{}`. */
export type AxisOption = NonNullable<File.AxisOption>;

export interface MatrixConfig {
  /** Axis name → option name → option; cells are the cartesian product in declaration order. */
  axes: Record<string, Record<string, AxisOption>>;
  /** Partial cells (axis → option) to drop from the product. */
  exclude: Record<string, string>[];
}

/** One expanded values cell. */
export interface Cell {
  /** Stable short name: option names joined by `.`, in axis order. */
  name: string;
  /** axis → chosen option name. */
  choice: Record<string, string>;
  kitValues: boolean;
  /** Cluster whose HelmRelease values the cell takes (`kitValues: <cluster>`). */
  kitCluster?: string;
  values: Values[];
  set: string[];
  /** `--api-versions` the chosen options add to the chart's. */
  apiVersions: string[];
  /** Resources the chosen options require, on top of the chart's. */
  requiredResources: string[];
}
