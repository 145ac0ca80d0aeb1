// Loads and validates the suite config (charts-under-test/suite.yaml).
// Validation is strict and kubernetes-models style: small assertion functions that
// narrow the type and fail with one message shape, `<file>: <path> <message>`.
// Unknown keys are errors. Defaults are filled here so nothing downstream guesses.
import { stat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { ConfigError } from '../errors.js';
import { yamlSyntaxError } from '../manifests/yaml.js';
import { KUSTOMIZATION_FILES } from '../render/kustomize.js';
import type { DependencyMode, HelmRendererId, Values } from '../model/release.js';
import { projectRoot } from '../paths.js';
import { expandMatrix } from './matrix.js';
import type {
  AllowedEnvDifference,
  AllowedResidue,
  AxisOption,
  BootstrapKitConfig,
  Cell,
  ClusterSecret,
  DualModeContainer,
  GeneratedObject,
  GeneratedObjectRule,
  ConfigSource,
  ChartConfig,
  ExternalService,
  MatrixConfig,
  PinnedSecretRef,
  ProbeConfig,
  SuiteConfig,
  SuiteDefaults,
} from './types.js';

/** The project root: two levels up from src/config. */
export const DEFAULT_CHARTS_ROOT = path.join(projectRoot(), 'charts-under-test');
export const DEFAULT_CONFIG_NAME = 'suite.yaml';
export const BUNDLED_CONFIG = path.join(DEFAULT_CHARTS_ROOT, DEFAULT_CONFIG_NAME);

export interface LoadSuiteConfigOptions {
  /** Charts root; else CHARTS_ROOT, else the folder of SUITE_CONFIG, else charts-under-test. */
  root?: string;
  /** Config file; else SUITE_CONFIG (relative to cwd; ignored when `root` is given), else `<root>/suite.yaml`, else the bundled one. */
  configFile?: string;
}

/** Where the config and the root are, and how they were found. */
export interface ConfigLocation {
  root: string;
  file: string;
  source: ConfigSource;
}

/**
 * The lookup order for the config file: an explicit file (option, else SUITE_CONFIG),
 * else `<root>/suite.yaml`, else the bundled `charts-under-test/suite.yaml` with its paths
 * resolved against the root, so a repository the user cannot add files to still runs.
 * A caller that names a root means that root's config: SUITE_CONFIG is then not read.
 */
export async function locateSuiteConfig(opts: LoadSuiteConfigOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<ConfigLocation> {
  const envFile = opts.root === undefined ? nonEmpty(env.SUITE_CONFIG) : undefined;
  const explicitFile = opts.configFile ?? envFile;
  const envRoot = nonEmpty(env.CHARTS_ROOT);
  const [root, rootFrom]: [string, ConfigSource['root']] =
    opts.root !== undefined
      ? [opts.root, 'option']
      : envRoot !== undefined
        ? [envRoot, 'CHARTS_ROOT']
        : explicitFile !== undefined
          ? [path.dirname(path.resolve(explicitFile)), 'config folder']
          : [DEFAULT_CHARTS_ROOT, 'bundled'];
  const absRoot = path.resolve(root);
  if (explicitFile !== undefined) {
    return { root: absRoot, file: path.resolve(explicitFile), source: { config: opts.configFile !== undefined ? 'option' : 'SUITE_CONFIG', root: rootFrom } };
  }
  const own = path.join(absRoot, DEFAULT_CONFIG_NAME);
  if (rootFrom === 'bundled' || (await isFile(own))) {
    return { root: absRoot, file: own, source: { config: rootFrom === 'bundled' ? 'bundled' : 'charts root', root: rootFrom } };
  }
  return { root: absRoot, file: BUNDLED_CONFIG, source: { config: 'bundled', root: rootFrom } };
}

/** Where the charts root came from, in words (the missing-root error says `the default` for `bundled`). */
const ROOT_WHY: Record<ConfigSource['root'], string> = {
  option: 'given',
  CHARTS_ROOT: 'from CHARTS_ROOT',
  'config folder': 'the folder of SUITE_CONFIG',
  bundled: 'bundled',
};

/** One line naming the config file and root in use, and why those. */
export function describeConfigSource(config: Pick<SuiteConfig, 'root' | 'file' | 'source'>): string {
  const why: Record<ConfigSource['config'], string> = {
    option: 'given',
    SUITE_CONFIG: 'from SUITE_CONFIG',
    'charts root': 'the charts root\'s own',
    bundled: config.source.root === 'bundled' ? 'bundled' : `bundled; no ${DEFAULT_CONFIG_NAME} in the charts root and no SUITE_CONFIG`,
  };
  return `suite config ${config.file} (${why[config.source.config]}); charts root ${config.root} (${ROOT_WHY[config.source.root]})`;
}

/**
 * Load, validate and default the suite config (lookup: see locateSuiteConfig).
 * Throws ConfigError for every user mistake.
 */
export async function loadSuiteConfig(opts: LoadSuiteConfigOptions = {}): Promise<SuiteConfig> {
  const { root, file, source } = await locateSuiteConfig(opts);

  if (!(await isDirectory(root))) {
    // Name where the root came from, so the user fixes the right thing.
    const from = source.root === 'bundled' ? 'the default' : ROOT_WHY[source.root];
    throw new ConfigError(`charts root ${root} (${from}): no such directory; point --root or CHARTS_ROOT at the folder holding suite.yaml`);
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ConfigError(`suite config ${file}: no such file (set SUITE_CONFIG, or CHARTS_ROOT to a folder holding ${DEFAULT_CONFIG_NAME})`);
  }

  // The bundled config used for another root says so in every message: its paths are ours.
  const label = source.config === 'bundled' && source.root !== 'bundled' ? `${file} (bundled config, paths resolved against ${root})` : labelOf(root, file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors[0]) throw yamlSyntaxError(label, doc.errors[0], lineCounter);

  try {
    const config = readSuite(doc.toJS(), root, file, source);
    await checkPaths(config);
    return config;
  } catch (err) {
    if (err instanceof Invalid) throw new ConfigError(`${label}: ${err.message}`);
    throw err;
  }
}

/** Absolute path of a config path (relative to the charts root). */
export function resolvePath(config: Pick<SuiteConfig, 'root'>, rel: string): string {
  return path.resolve(config.root, rel);
}

// ---------------------------------------------------------------------------
// Assertions: each narrows its argument or throws Invalid(`<path> <message>`).
// ---------------------------------------------------------------------------

/** A config mistake at a path; loadSuiteConfig turns it into a ConfigError with the file name. */
class Invalid extends Error {}

function fail(at: string, message: string): never {
  throw new Invalid(`${at} ${message}`);
}

/** Human name of a YAML value's type. */
function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'map';
  return typeof v;
}

/** `a.b`, `a[0]`, or `a["odd key"]`. */
function child(at: string, key: string | number): string {
  if (typeof key === 'number') return `${at}[${key}]`;
  if (!/^[A-Za-z0-9_-]+$/.test(key)) return `${at}[${JSON.stringify(key)}]`;
  return at ? `${at}.${key}` : key;
}

type YamlMap = Record<string, unknown>;

function assertMap(v: unknown, at: string): asserts v is YamlMap {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(at, `must be a map, got ${typeName(v)}`);
}

function assertKnownKeys(v: YamlMap, at: string, known: readonly string[]): void {
  for (const key of Object.keys(v)) {
    if (!known.includes(key)) fail(child(at, key), `is not a known key (known: ${known.join(', ')})`);
  }
}

function assertString(v: unknown, at: string): asserts v is string {
  if (typeof v !== 'string') fail(at, `must be a string, got ${typeName(v)}`);
  if (v === '') fail(at, 'must not be empty');
}

function assertBoolean(v: unknown, at: string): asserts v is boolean {
  if (typeof v !== 'boolean') fail(at, `must be true or false, got ${typeName(v)}`);
}

function assertInteger(v: unknown, at: string, min: number, max = Number.MAX_SAFE_INTEGER): asserts v is number {
  if (typeof v !== 'number' || !Number.isInteger(v)) fail(at, `must be an integer, got ${typeName(v)}`);
  if (v < min || v > max) fail(at, `must be between ${min} and ${max}, got ${v}`);
}

function assertList(v: unknown, at: string, of: string): asserts v is unknown[] {
  if (!Array.isArray(v)) fail(at, `must be a list of ${of}, got ${typeName(v)}`);
}

function assertStringList(v: unknown, at: string): asserts v is string[] {
  assertList(v, at, 'strings');
  v.forEach((item, i) => assertString(item, child(at, i)));
}

function assertMatches(v: string, at: string, pattern: RegExp, shape: string): void {
  if (!pattern.test(v)) fail(at, `must be ${shape}, got ${v}`);
}

function assertRelativePath(v: unknown, at: string): asserts v is string {
  assertString(v, at);
  if (path.isAbsolute(v)) fail(at, `must be relative to the charts root, got ${v}`);
}

/** `map[key]` if present (not undefined/null), else the fallback. */
function optional<T>(map: YamlMap, key: string, fallback: () => T, read: (v: unknown, at: string) => T, at: string): T {
  const v = map[key];
  return v === undefined || v === null ? fallback() : read(v, child(at, key));
}

function required<T>(map: YamlMap, key: string, read: (v: unknown, at: string) => T, at: string): T {
  const v = map[key];
  if (v === undefined || v === null) fail(child(at, key), 'is required');
  return read(v, child(at, key));
}

// ---------------------------------------------------------------------------
// Readers: structure, types and defaults.
// ---------------------------------------------------------------------------

const RENDERERS: readonly HelmRendererId[] = ['helm4', 'helm3'];
/** Axis and option names: joined by `.` into cell names, and kept in declaration order. */
const MATRIX_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const MATRIX_NAME_SHAPE = "a name starting with a letter, of letters, digits, '-' and '_'";
const FLUX_VARIABLE = /^[_a-zA-Z][_a-zA-Z0-9]*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** How the config names objects of a render; contracts/workloads.ts (parseRef, kindName) reads them back. */
const KIND_NAME = /^[^/\s]+\/[^/\s]+$/;
const KIND_NAME_CONTAINER = /^[^/\s]+\/[^/\s]+\/[^/\s]+$/;
const KIND_OPTIONAL_NAMESPACE_NAME = /^[A-Z][A-Za-z0-9]*\/[^/\s]+(\/[^/\s]+)?$/;
const CONTAINER_SELECTOR = /^([^/\s]+\/[^/\s]+\/)?[^/\s]+$/;
const DUAL_MODE_FIELD = /^(readinessProbe|livenessProbe|startupProbe|ports|volumes\[[^\]]+\])$/;
const NEEDS_KUSTOMIZE_DIR = 'needs kustomizeDir (only dual-mode charts are compared with kustomize)';

const string = (v: unknown, at: string): string => (assertString(v, at), v);
const relativePath = (v: unknown, at: string): string => (assertRelativePath(v, at), v);
const boolean = (v: unknown, at: string): boolean => (assertBoolean(v, at), v);
const stringList = (v: unknown, at: string): string[] => (assertStringList(v, at), [...v]);

function readSuite(v: unknown, root: string, file: string, source: ConfigSource): SuiteConfig {
  assertMap(v, 'top level');
  assertKnownKeys(v, '', ['defaults', 'bootstrapKit', 'charts', 'lockstep', 'externalServices', 'pinnedSecretRefs', 'generatedObjects', 'clusterSecrets']);
  const defaults = optional(v, 'defaults', () => readDefaults({}, 'defaults'), readDefaults, '');
  const bootstrapKit = required(v, 'bootstrapKit', readBootstrapKit, '');
  const charts = required(v, 'charts', readCharts, '');
  const ids = charts.map((c) => c.id);
  const lockstep = optional(v, 'lockstep', () => [], (l, at) => readLockstep(l, at, ids), '');
  const externalServices = optional(v, 'externalServices', () => [], readExternalServices, '');
  const pinnedSecretRefs = optional(v, 'pinnedSecretRefs', () => [], (l, at) => readPinnedSecretRefs(l, at, ids), '');
  const config: SuiteConfig = { root, file, source, defaults, bootstrapKit, charts, lockstep, externalServices, pinnedSecretRefs };
  // Set only when written, so a config without them reads as before.
  const generatedObjects = optional(v, 'generatedObjects', () => undefined, readGeneratedObjects, '');
  if (generatedObjects !== undefined) config.generatedObjects = generatedObjects;
  const clusterSecrets = optional(v, 'clusterSecrets', () => undefined, readClusterSecrets, '');
  if (clusterSecrets !== undefined) config.clusterSecrets = clusterSecrets;
  return config;
}

function readDefaults(v: unknown, at: string): SuiteDefaults {
  assertMap(v, at);
  assertKnownKeys(v, at, ['kubeVersion', 'timeoutMs', 'renderers']);
  const kubeVersion = optional(v, 'kubeVersion', () => '1.35.0', string, at);
  assertMatches(kubeVersion, child(at, 'kubeVersion'), /^v?\d+\.\d+\.\d+$/, 'a Kubernetes version like 1.35.0');
  const timeoutMs = optional(v, 'timeoutMs', () => 60_000, (t, p) => (assertInteger(t, p, 1), t), at);
  const renderers = optional(v, 'renderers', () => [...RENDERERS], readRenderers, at);
  return { kubeVersion, timeoutMs, renderers };
}

function readRenderers(v: unknown, at: string): HelmRendererId[] {
  assertStringList(v, at);
  if (v.length === 0) fail(at, `must name at least one renderer (${RENDERERS.join(', ')})`);
  v.forEach((r, i) => {
    if (!(RENDERERS as readonly string[]).includes(r)) fail(child(at, i), `must be ${RENDERERS.join(' or ')}, got ${r}`);
    if (v.indexOf(r) !== i) fail(child(at, i), `repeats ${r}`);
  });
  return [...v] as HelmRendererId[];
}

function readBootstrapKit(v: unknown, at: string): BootstrapKitConfig {
  assertMap(v, at);
  assertKnownKeys(v, at, ['path', 'variablesFile', 'strict', 'secretVariables']);
  const kit: BootstrapKitConfig = {
    path: required(v, 'path', relativePath, at),
    strict: optional(v, 'strict', () => false, boolean, at),
    secretVariables: optional(v, 'secretVariables', () => [], stringList, at),
  };
  // Flux variables live in the cluster, not always in the repository: an absolute path is fine too.
  const variablesFile = optional(v, 'variablesFile', () => undefined, string, at);
  if (variablesFile !== undefined) kit.variablesFile = variablesFile;
  kit.secretVariables.forEach((name, i) =>
    assertMatches(name, child(child(at, 'secretVariables'), i), FLUX_VARIABLE, 'a Flux variable name'),
  );
  return kit;
}

function readCharts(v: unknown, at: string): ChartConfig[] {
  assertList(v, at, 'charts');
  if (v.length === 0) fail(at, 'must list at least one chart');
  const charts = v.map((c, i) => readChart(c, child(at, i)));
  const firstIndex = new Map<string, number>();
  charts.forEach((c, i) => {
    const first = firstIndex.get(c.id);
    if (first !== undefined) fail(child(child(at, i), 'id'), `${c.id} is already used by ${child(at, first)}`);
    firstIndex.set(c.id, i);
  });
  return charts;
}

function readChart(v: unknown, at: string): ChartConfig {
  assertMap(v, at);
  assertKnownKeys(v, at, [
    'id', 'name', 'path', 'kustomizeDir', 'kustomizeCells', 'skipContracts', 'apiVersions', 'dependencies',
    'requiredResources', 'dualModeAllowed', 'templateResidueAllowed', 'release', 'probes', 'matrix', 'expectContracts', 'dualModeContainers',
  ]);
  const chart: ChartConfig = {
    id: required(v, 'id', string, at),
    name: required(v, 'name', string, at),
    path: required(v, 'path', relativePath, at),
    apiVersions: optional(v, 'apiVersions', () => [], apiVersionList, at),
    dependencies: optional(v, 'dependencies', () => 'fail' as const, readDependencies, at),
    requiredResources: optional(v, 'requiredResources', () => [], resourceList, at),
    dualModeAllowed: optional(v, 'dualModeAllowed', () => [], readDualModeAllowed, at),
    templateResidueAllowed: optional(v, 'templateResidueAllowed', () => [], readResidueAllowed, at),
    skipContracts: optional(v, 'skipContracts', () => [], stringList, at),
    probes: optional(v, 'probes', () => readProbes({}, ''), readProbes, at),
    matrix: optional<MatrixConfig>(v, 'matrix', () => ({ axes: { default: { default: {} } }, exclude: [] }), readMatrix, at),
  };
  // Expanded once: this validates the matrix (no cell left, clashing names) and names the cells kustomizeCells may list.
  const cells = expandedCells(chart.matrix, child(at, 'matrix'));
  const kustomizeDir = optional(v, 'kustomizeDir', () => undefined, relativePath, at);
  if (kustomizeDir !== undefined) chart.kustomizeDir = kustomizeDir;
  const kustomizeCells = optional(v, 'kustomizeCells', () => undefined, stringList, at);
  if (kustomizeCells !== undefined) {
    if (kustomizeDir === undefined) fail(child(at, 'kustomizeCells'), NEEDS_KUSTOMIZE_DIR);
    const names = new Set(cells.map((c) => c.name));
    kustomizeCells.forEach((c, i) => {
      if (!names.has(c)) fail(child(child(at, 'kustomizeCells'), i), `${c} is not a cell of this chart (cells: ${[...names].join(', ')})`);
    });
    chart.kustomizeCells = kustomizeCells;
  }
  if (chart.dualModeAllowed.length > 0 && kustomizeDir === undefined) {
    fail(child(at, 'dualModeAllowed'), NEEDS_KUSTOMIZE_DIR);
  }
  const expectContracts = optional(v, 'expectContracts', () => undefined, expectList, at);
  if (expectContracts !== undefined) chart.expectContracts = expectContracts;
  const dualModeContainers = optional(v, 'dualModeContainers', () => undefined, readDualModeContainers, at);
  if (dualModeContainers !== undefined) {
    if (kustomizeDir === undefined) fail(child(at, 'dualModeContainers'), NEEDS_KUSTOMIZE_DIR);
    chart.dualModeContainers = dualModeContainers;
  }
  const release = optional(v, 'release', () => undefined, readRelease, at);
  if (release !== undefined) chart.release = release;
  return chart;
}

function readDependencies(v: unknown, at: string): DependencyMode {
  if (v !== 'fail' && v !== 'stub') fail(at, `must be fail or stub, got ${typeof v === 'string' ? v : typeName(v)}`);
  return v;
}

/** `group/version` or `group/version/Kind`, as helm's --api-versions takes them. */
function apiVersionList(v: unknown, at: string): string[] {
  const list = stringList(v, at);
  list.forEach((a, i) => assertMatches(a, child(at, i), /^([a-z0-9.-]+\/)?v[0-9][a-z0-9]*(\/[A-Z][A-Za-z0-9]*)?$/, 'an API version like external-secrets.io/v1beta1 (optionally /Kind)'));
  return list;
}

/** `Kind/name` or `Kind/namespace/name`. */
function resourceList(v: unknown, at: string): string[] {
  const list = stringList(v, at);
  list.forEach((r, i) => assertMatches(r, child(at, i), KIND_OPTIONAL_NAMESPACE_NAME, 'Kind/name or Kind/namespace/name'));
  return list;
}

/** A list of maps with the given keys: `required` ones must be non-empty strings, the rest optional; `kindName` keys are `Kind/name`. */
function readEntries<K extends string>(v: unknown, at: string, of: string, required_: readonly K[], optional_: readonly K[], kindName: readonly K[]): Record<K, string>[] {
  assertList(v, at, of);
  return v.map((d, i) => {
    const dAt = child(at, i);
    assertMap(d, dAt);
    assertKnownKeys(d, dAt, [...required_, ...optional_]);
    const entry = {} as Record<K, string>;
    for (const key of required_) entry[key] = required(d, key, string, dAt);
    for (const key of optional_) {
      const value = optional(d, key, () => undefined, string, dAt);
      if (value !== undefined) entry[key] = value;
    }
    for (const key of kindName) if (entry[key] !== undefined) assertMatches(entry[key], child(dAt, key), KIND_NAME, 'Kind/name');
    return entry;
  });
}

function readDualModeAllowed(v: unknown, at: string): AllowedEnvDifference[] {
  const entries = readEntries(v, at, 'allowed differences', ['workload', 'reason'], ['container', 'env', 'field'], ['workload']);
  entries.forEach((e, i) => {
    if ((e.env === undefined) === (e.field === undefined)) fail(child(at, i), 'must name exactly one of env and field');
    if (e.field !== undefined) assertMatches(e.field, child(child(at, i), 'field'), DUAL_MODE_FIELD, 'readinessProbe, livenessProbe, startupProbe, ports or volumes[NAME]');
  });
  return entries;
}

function readDualModeContainers(v: unknown, at: string): DualModeContainer[] {
  return readEntries(v, at, 'container name pairs', ['workload', 'helm', 'kustomize'], [], ['workload']);
}

/** Contract ids (checked against the contracts by the suite), or `all`: every contract that applies. */
function expectList(v: unknown, at: string): string[] {
  if (v === 'all') return ['all'];
  return stringList(v, at);
}

function readClusterSecrets(v: unknown, at: string): ClusterSecret[] {
  assertList(v, at, 'cluster secrets');
  return v.map((s, i) => {
    const sAt = child(at, i);
    assertMap(s, sAt);
    assertKnownKeys(s, sAt, ['name', 'namespace', 'reason']);
    const name = required(s, 'name', string, sAt);
    const ns = required(s, 'namespace', (x, p) => (typeof x === 'string' ? [string(x, p)] : stringList(x, p)), sAt);
    ns.forEach((n, j) => assertRegex(n, typeof s.namespace === 'string' ? child(sAt, 'namespace') : child(child(sAt, 'namespace'), j)));
    return { name, namespaces: ns, reason: required(s, 'reason', string, sAt) };
  });
}

function readGeneratedObjects(v: unknown, at: string): GeneratedObjectRule[] {
  assertList(v, at, 'generated-object rules');
  return v.map((r, i) => {
    const rAt = child(at, i);
    assertMap(r, rAt);
    assertKnownKeys(r, rAt, ['source', 'creates', 'reason']);
    const source = required(r, 'source', string, rAt);
    assertMatches(source, child(rAt, 'source'), /^([a-z0-9.-]+\/)?[A-Z][A-Za-z0-9]*$/, 'group/Kind or Kind (e.g. postgresql.cnpg.io/Cluster)');
    const creates = required(r, 'creates', readCreates, rAt);
    return { source, creates, reason: required(r, 'reason', string, rAt) };
  });
}

function readCreates(v: unknown, at: string): GeneratedObject[] {
  assertList(v, at, 'created objects');
  if (v.length === 0) fail(at, 'must list at least one object');
  return v.map((c, i) => {
    const cAt = child(at, i);
    assertMap(c, cAt);
    assertKnownKeys(c, cAt, ['kind', 'name', 'ports', 'when']);
    const kind = required(c, 'kind', string, cAt);
    if (kind !== 'Service' && kind !== 'Secret') fail(child(cAt, 'kind'), `must be Service or Secret, got ${kind}`);
    const out: GeneratedObject = { kind, name: required(c, 'name', string, cAt) };
    const ports = optional(c, 'ports', () => undefined, readPorts, cAt);
    if (ports !== undefined) out.ports = ports;
    const when = optional(c, 'when', () => undefined, string, cAt);
    if (when !== undefined) out.when = when;
    return out;
  });
}

function assertRegex(v: string, at: string): void {
  try {
    new RegExp(v);
  } catch {
    fail(at, `must be a namespace name or a regular expression, got ${v}`);
  }
}

function readResidueAllowed(v: unknown, at: string): AllowedResidue[] {
  return readEntries(v, at, 'allowed template residue', ['resource', 'reason'], ['path'], ['resource']);
}

function readRelease(v: unknown, at: string): { name: string; namespace: string } {
  assertMap(v, at);
  assertKnownKeys(v, at, ['name', 'namespace']);
  const name = required(v, 'name', string, at);
  assertMatches(name, child(at, 'name'), RELEASE_NAME, 'a Helm release name (lower-case DNS name)');
  const namespace = required(v, 'namespace', string, at);
  assertMatches(namespace, child(at, 'namespace'), DNS_LABEL, 'a namespace name (lower-case DNS label)');
  return { name, namespace };
}

function readProbes(v: unknown, at: string): ProbeConfig {
  assertMap(v, at);
  assertKnownKeys(v, at, ['minStartupSeconds', 'exempt', 'minStartupContainers', 'minStartupByContainer']);
  const minStartupSeconds = optional(v, 'minStartupSeconds', () => 0, (n, p) => (assertInteger(n, p, 0), n), at);
  const exempt = optional(v, 'exempt', () => [], stringList, at);
  exempt.forEach((e, i) => assertMatches(e, child(child(at, 'exempt'), i), KIND_NAME_CONTAINER, 'Kind/name/container'));
  const probes: ProbeConfig = { minStartupSeconds, exempt };
  const containers = optional(v, 'minStartupContainers', () => undefined, stringList, at);
  containers?.forEach((e, i) => assertMatches(e, child(child(at, 'minStartupContainers'), i), CONTAINER_SELECTOR, 'a container name or Kind/name/container'));
  if (containers !== undefined) probes.minStartupContainers = containers;
  const byContainer = optional(v, 'minStartupByContainer', () => undefined, (m, p) => {
    assertMap(m, p);
    for (const [k, n] of Object.entries(m)) {
      assertMatches(k, child(p, k), CONTAINER_SELECTOR, 'a container name or Kind/name/container');
      assertInteger(n, child(p, k), 0);
    }
    return { ...(m as Record<string, number>) };
  }, at);
  if (byContainer !== undefined) probes.minStartupByContainer = byContainer;
  return probes;
}

function readPorts(p: unknown, pAt: string): number[] {
  assertList(p, pAt, 'port numbers');
  if (p.length === 0) fail(pAt, 'must list at least one port');
  p.forEach((n, j) => assertInteger(n, child(pAt, j), 1, 65535));
  return [...(p as number[])];
}

function readMatrix(v: unknown, at: string): MatrixConfig {
  assertMap(v, at);
  assertKnownKeys(v, at, ['axes', 'exclude']);
  const axes = required(v, 'axes', readAxes, at);
  const exclude = optional(v, 'exclude', () => [], (e, p) => readExclude(e, p, axes), at);
  return { axes, exclude };
}

/** The matrix's cells; its mistakes (a matrix that leaves no cell…) are config mistakes at `at`. */
function expandedCells(matrix: MatrixConfig, at: string): Cell[] {
  try {
    return expandMatrix(matrix, at);
  } catch (err) {
    if (err instanceof ConfigError) throw new Invalid(err.message);
    throw err;
  }
}

function readAxes(v: unknown, at: string): MatrixConfig['axes'] {
  assertMap(v, at);
  const axes: MatrixConfig['axes'] = {};
  const entries = Object.entries(v);
  if (entries.length === 0) fail(at, 'must declare at least one axis');
  for (const [axis, options] of entries) {
    const axisAt = child(at, axis);
    assertMatches(axis, axisAt, MATRIX_NAME, MATRIX_NAME_SHAPE);
    assertMap(options, axisAt);
    if (Object.keys(options).length === 0) fail(axisAt, 'must declare at least one option');
    axes[axis] = {};
    for (const [name, option] of Object.entries(options)) {
      assertMatches(name, child(axisAt, name), MATRIX_NAME, MATRIX_NAME_SHAPE);
      axes[axis][name] = readOption(option, child(axisAt, name));
    }
  }
  return axes;
}

/** One axis option; an empty entry (`off:` with no value) is the empty option. */
function readOption(v: unknown, at: string): AxisOption {
  if (v === null || v === undefined) return {};
  assertMap(v, at);
  assertKnownKeys(v, at, ['kitValues', 'values', 'set', 'apiVersions', 'requiredResources']);
  const option: AxisOption = {};
  const kitValues = optional(v, 'kitValues', () => undefined, boolean, at);
  if (kitValues !== undefined) option.kitValues = kitValues;
  const values = optional(v, 'values', () => undefined, (x, p) => (assertMap(x, p), x as Values), at);
  if (values !== undefined) option.values = values;
  const set = optional(v, 'set', () => undefined, stringList, at);
  set?.forEach((s, i) => assertMatches(s, child(child(at, 'set'), i), /^[^=]+=/, 'key=value'));
  if (set !== undefined) option.set = set;
  const apiVersions = optional(v, 'apiVersions', () => undefined, apiVersionList, at);
  if (apiVersions !== undefined) option.apiVersions = apiVersions;
  const requiredResources = optional(v, 'requiredResources', () => undefined, resourceList, at);
  if (requiredResources !== undefined) option.requiredResources = requiredResources;
  return option;
}

function readExclude(v: unknown, at: string, axes: MatrixConfig['axes']): Record<string, string>[] {
  assertList(v, at, 'maps of axis → option');
  return v.map((entry, i) => {
    const entryAt = child(at, i);
    assertMap(entry, entryAt);
    if (Object.keys(entry).length === 0) fail(entryAt, 'must name at least one axis');
    const known = Object.keys(axes);
    for (const [axis, option] of Object.entries(entry)) {
      const optionAt = child(entryAt, axis);
      if (!known.includes(axis)) fail(optionAt, `is not a known axis (known: ${known.join(', ')})`);
      assertString(option, optionAt);
      const options = Object.keys(axes[axis]);
      if (!options.includes(option)) fail(optionAt, `must be an option of axis ${axis} (known: ${options.join(', ')}), got ${option}`);
    }
    return { ...(entry as Record<string, string>) };
  });
}

function readLockstep(v: unknown, at: string, ids: string[]): string[][] {
  assertList(v, at, 'lists of chart ids');
  return v.map((group, i) => {
    const groupAt = child(at, i);
    assertStringList(group, groupAt);
    if (group.length < 2) fail(groupAt, 'must name at least two chart ids');
    group.forEach((id, j) => {
      assertKnownId(id, child(groupAt, j), ids);
      if (group.indexOf(id) !== j) fail(child(groupAt, j), `repeats ${id}`);
    });
    return [...group];
  });
}

function assertKnownId(id: string, at: string, ids: string[]): void {
  if (!ids.includes(id)) fail(at, `${id} is not a known chart id (known: ${ids.join(', ')})`);
}

function readExternalServices(v: unknown, at: string): ExternalService[] {
  assertList(v, at, 'services');
  return v.map((s, i) => {
    const sAt = child(at, i);
    assertMap(s, sAt);
    assertKnownKeys(s, sAt, ['name', 'namespace', 'ports']);
    const name = required(s, 'name', string, sAt);
    assertMatches(name, child(sAt, 'name'), DNS_LABEL, 'a Service name (lower-case DNS label)');
    const namespace = required(s, 'namespace', string, sAt);
    assertMatches(namespace, child(sAt, 'namespace'), DNS_LABEL, 'a namespace name (lower-case DNS label)');
    const ports = required(s, 'ports', readPorts, sAt);
    return { name, namespace, ports };
  });
}

function readPinnedSecretRefs(v: unknown, at: string, ids: string[]): PinnedSecretRef[] {
  assertList(v, at, 'secret refs');
  return v.map((r, i) => {
    const rAt = child(at, i);
    assertMap(r, rAt);
    assertKnownKeys(r, rAt, ['chart', 'workload', 'env', 'secretName', 'key', 'optional']);
    const chart = required(r, 'chart', string, rAt);
    assertKnownId(chart, child(rAt, 'chart'), ids);
    const workload = required(r, 'workload', string, rAt);
    assertMatches(workload, child(rAt, 'workload'), KIND_NAME, 'Kind/name');
    return {
      chart,
      workload,
      env: required(r, 'env', string, rAt),
      secretName: required(r, 'secretName', string, rAt),
      key: required(r, 'key', string, rAt),
      optional: required(r, 'optional', boolean, rAt),
    };
  });
}

// ---------------------------------------------------------------------------
// Files the config names must exist.
// ---------------------------------------------------------------------------


async function checkPaths(config: SuiteConfig): Promise<void> {
  const { root } = config;
  const dir = async (rel: string, at: string): Promise<void> => {
    if (!(await isDirectory(resolvePath(config, rel)))) fail(`${at} ${rel}:`, `no such directory under ${root}`);
  };
  for (const [i, chart] of config.charts.entries()) {
    await dir(chart.path, `charts[${i}].path`);
    const kustomizeDir = chart.kustomizeDir;
    if (kustomizeDir !== undefined) {
      await dir(kustomizeDir, `charts[${i}].kustomizeDir`);
      const found = await Promise.all(KUSTOMIZATION_FILES.map((f) => isFile(path.join(resolvePath(config, kustomizeDir), f))));
      if (!found.includes(true)) fail(`charts[${i}].kustomizeDir ${kustomizeDir}:`, 'has no kustomization.yaml');
    }
  }
  await dir(config.bootstrapKit.path, 'bootstrapKit.path');
  const vars = config.bootstrapKit.variablesFile;
  if (vars !== undefined) {
    const found = await variablesFileOf(config, vars);
    const nextToConfig = path.dirname(config.file) === path.resolve(root) ? '' : ` nor next to ${config.file}`;
    if (found === undefined) fail(`bootstrapKit.variablesFile ${vars}:`, path.isAbsolute(vars) ? 'no such file' : `no such file under ${root}${nextToConfig}`);
    config.bootstrapKit.variablesFile = found;
  }
}

/**
 * The variables file: absolute as given; relative, under the root (as every other path), else
 * next to the config file (Flux's variables live in the cluster, often outside the repository).
 * Kept root-relative when it is under the root, so messages name it as the repository does.
 */
async function variablesFileOf(config: SuiteConfig, vars: string): Promise<string | undefined> {
  const candidates = path.isAbsolute(vars) ? [vars] : [resolvePath(config, vars), path.resolve(path.dirname(config.file), vars)];
  for (const c of candidates) {
    if (!(await isFile(c))) continue;
    const rel = path.relative(config.root, c);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : c;
  }
  return undefined;
}

export async function isDirectory(p: string): Promise<boolean> {
  return stat(p).then((s) => s.isDirectory(), () => false);
}

export async function isFile(p: string): Promise<boolean> {
  return stat(p).then((s) => s.isFile(), () => false);
}

/** The config file as messages name it: relative to the root when inside it. */
function labelOf(root: string, file: string): string {
  const rel = path.relative(root, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}
