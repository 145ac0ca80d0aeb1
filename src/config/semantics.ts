// What the schema cannot say: references between keys (chart ids, axes, cells), the
// matrix expansion, and kustomize-only keys on charts without kustomizeDir. Runs on the
// validated, defaulted file; throws the first ConfigIssue, in file order per chart.
import { ConfigError } from '../errors.js';
import { ConfigIssue, formatPath } from './issue.js';
import type { ConfigPath } from './issue.js';
import { expandMatrix } from './matrix.js';
import type { Cell, ChartConfig, ClusterSecret, LoadedSuiteFile, MatrixConfig } from './types.js';

const NEEDS_KUSTOMIZE_DIR = 'needs kustomizeDir (only dual-mode charts are compared with kustomize)';

export function checkSemantics(config: LoadedSuiteFile): void {
  checkKitForm(config);
  config.charts.forEach((chart, i) => checkChart(chart, ['charts', i], config.defaults.maxCells));
  const clusters = config.bootstrapKit.clusters === undefined ? undefined : Object.keys(config.bootstrapKit.clusters);
  config.charts.forEach((chart, i) => checkKitCells(chart, ['charts', i, 'matrix', 'axes'], clusters));
  const ids = config.charts.map((c) => c.id);
  ids.forEach((id, i) => {
    const first = ids.indexOf(id);
    if (first !== i) throw new ConfigIssue(['charts', i, 'id'], `${id} is already used by ${formatPath(['charts', first])}`);
  });
  config.lockstep.forEach((group, i) => group.forEach((id, j) => knownId(id, ['lockstep', i, j], ids)));
  config.pinnedSecretRefs.forEach((ref, i) => knownId(ref.chart, ['pinnedSecretRefs', i, 'chart'], ids));
  (config.pinnedEnv ?? []).forEach((pin, i) => {
    knownId(pin.chart, ['pinnedEnv', i, 'chart'], ids);
    const sources = (['value', 'secretKeyRef', 'configMapKeyRef'] as const).filter((k) => pin[k] !== undefined);
    if (sources.length !== 1)
      throw new ConfigIssue(['pinnedEnv', i], `must pin exactly one of value, secretKeyRef, configMapKeyRef (got ${sources.join(', ') || 'none'})`);
  });
  config.clusterSecrets?.forEach((c, i) => checkClusterSecret(c, ['clusterSecrets', i]));
}

/** Exactly one of namespace and namespaces; each entry a name or a regular expression. */
function checkClusterSecret(c: ClusterSecret, at: ConfigPath): void {
  if ((c.namespace === undefined) === (c.namespaces === undefined)) throw new ConfigIssue(at, 'must name exactly one of namespace and namespaces');
  const entries: [string, ConfigPath][] =
    c.namespace !== undefined ? [[c.namespace, [...at, 'namespace']]] : (c.namespaces ?? []).map((n, j) => [n, [...at, 'namespaces', j]]);
  for (const [entry, where] of entries) {
    try {
      new RegExp(entry);
    } catch {
      throw new ConfigIssue(where, `must be a namespace name or a regular expression, got ${entry}`);
    }
  }
}

function checkChart(chart: ChartConfig, at: ConfigPath, maxCells: number): void {
  checkExclude(chart.matrix, [...at, 'matrix', 'exclude']);
  // Expanded once here: this validates the matrix (no cell left, clashing names) and names the cells kustomizeCells may list.
  const cells = expandedCells(chart, [...at, 'matrix'], maxCells);
  if (chart.kustomizeCells !== undefined) {
    if (chart.kustomizeDir === undefined) throw new ConfigIssue([...at, 'kustomizeCells'], NEEDS_KUSTOMIZE_DIR);
    const names = cells.map((c) => c.name);
    chart.kustomizeCells.forEach((c, i) => {
      if (!names.includes(c)) throw new ConfigIssue([...at, 'kustomizeCells', i], `${c} is not a cell of this chart (cells: ${names.join(', ')})`);
    });
  }
  if (chart.dualModeAllowed.length > 0 && chart.kustomizeDir === undefined) {
    throw new ConfigIssue([...at, 'dualModeAllowed'], NEEDS_KUSTOMIZE_DIR);
  }
  chart.dualModeAllowed.forEach((a, i) => {
    if ((a.env === undefined) === (a.field === undefined)) throw new ConfigIssue([...at, 'dualModeAllowed', i], 'must name exactly one of env and field');
  });
  if (chart.dualModeContainers !== undefined && chart.kustomizeDir === undefined) {
    throw new ConfigIssue([...at, 'dualModeContainers'], NEEDS_KUSTOMIZE_DIR);
  }
}

/** Each exclude entry names axes of this matrix and options of those axes. */
function checkExclude(matrix: MatrixConfig, at: ConfigPath): void {
  const known = Object.keys(matrix.axes);
  matrix.exclude.forEach((entry, i) => {
    for (const [axis, option] of Object.entries(entry)) {
      const optionAt = [...at, i, axis];
      if (!known.includes(axis)) throw new ConfigIssue(optionAt, `is not a known axis (known: ${known.join(', ')})`, true);
      const options = Object.keys(matrix.axes[axis]);
      if (!options.includes(option)) throw new ConfigIssue(optionAt, `must be an option of axis ${axis} (known: ${options.join(', ')}), got ${option}`);
    }
  });
}

/** The matrix's cells; its mistakes (a matrix that leaves no cell…) are issues at `at`. */
function expandedCells(chart: ChartConfig, at: ConfigPath, maxCells: number): Cell[] {
  const where = formatPath(at);
  try {
    return expandMatrix(chart.matrix, where, maxCells, chart.id);
  } catch (err) {
    if (err instanceof ConfigError && err.message.startsWith(`${where} `)) throw new ConfigIssue(at, err.message.slice(where.length + 1));
    throw err;
  }
}

function knownId(id: string, at: ConfigPath, ids: readonly string[]): void {
  if (!ids.includes(id)) throw new ConfigIssue(at, `${id} is not a known chart id (known: ${ids.join(', ')})`);
}

/** One form of kit: a folder (`path`, `variablesFile`) or `clusters`. */
function checkKitForm(config: LoadedSuiteFile): void {
  const kit = config.bootstrapKit;
  if (kit.clusters === undefined) {
    if (kit.path === undefined) throw new ConfigIssue(['bootstrapKit', 'path'], 'is required (or bootstrapKit.clusters)');
    return;
  }
  const other = kit.path !== undefined ? 'path' : kit.variablesFile !== undefined ? 'variablesFile' : undefined;
  if (other) throw new ConfigIssue(['bootstrapKit', other], 'cannot be used with clusters (each cluster names its own path and variablesFile)', true);
}

/** `kitValues: <cluster>` names a cluster of bootstrapKit.clusters. */
function checkKitCells(chart: ChartConfig, at: ConfigPath, clusters: string[] | undefined): void {
  for (const [axis, options] of Object.entries(chart.matrix.axes)) {
    for (const [name, option] of Object.entries(options)) {
      const cluster = option.kitValues;
      if (typeof cluster !== 'string' || clusters?.includes(cluster)) continue;
      const known = clusters ? `known: ${clusters.join(', ')}` : 'bootstrapKit has no clusters; use kitValues: true';
      throw new ConfigIssue([...at, axis, name, 'kitValues'], `${cluster} is not a cluster of bootstrapKit.clusters (${known})`);
    }
  }
}
