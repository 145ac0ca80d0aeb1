// A loaded suite: config, tools, chart facts and the bootstrap kit, read once and shared
// by the specs, the check command and the bump script.
import path from 'node:path';
import { loadSuiteConfig } from '../config/load.js';
import { yamlSyntaxError } from '../manifests/yaml.js';
import { CONTRACT_IDS } from '../contracts/index.js';
import type { ChartConfig, SuiteConfig } from '../config/types.js';
import type { ChartFacts } from '../contracts/types.js';
import { ConfigError, ToolError, withHint } from '../errors.js';
import { makeRedactor, type Redactor } from '../manifests/redact.js';
import type { Manifest } from '../manifests/types.js';
import type { FluxHelmRelease } from '../render/flux-types.js';
import { readChartYaml } from '../render/chart-yaml.js';
import { loadKit } from '../render/flux.js';
import { resolveTools, type Tools } from '../tools/resolve.js';
import { kitOptionsOf, suiteKitOf, type SuiteKit } from './kit.js';

export interface Suite extends SuiteKit {
  config: SuiteConfig;
  tools: Tools;
  charts: ChartFacts[];
  helmReleases: FluxHelmRelease[];
  kitObjects: Manifest[];
  /** Flux variables of the sample Sovereign. */
  variables: Record<string, string>;
}

export interface OpenOptions {
  /** Charts root (else CHARTS_ROOT, else the bundled charts-under-test). */
  root?: string;
  /** Suite config file (else SUITE_CONFIG, else <root>/suite.yaml). */
  configFile?: string;
}

/** Read name and version from a chart's Chart.yaml, with a plain message when it is broken. */
export async function readChartFacts(root: string, chart: ChartConfig, index?: number): Promise<ChartFacts> {
  const file = path.join(root, chart.path, 'Chart.yaml');
  const rel = slash(path.relative(root, file));
  const at = index === undefined ? 'charts[].path' : `charts[${index}].path`;
  const read = await readChartYaml(path.dirname(file));
  if (read.status === 'missing') {
    throw withHint(
      new ConfigError(`chart ${chart.id}: no Chart.yaml in ${slash(chart.path)}`),
      `${at} in the suite config must name a Helm chart directory (the folder holding Chart.yaml)`,
    );
  }
  if (read.status === 'invalid') throw new ConfigError(`chart ${chart.id}: ${yamlSyntaxError(rel, read.error, read.lineCounter).message}`);
  if (read.status === 'unreadable') throw new ConfigError(`chart ${chart.id}: ${rel}: ${read.reason}`);
  const data = read.map ?? {};
  const field = (k: string): string => {
    const v = data[k];
    if (typeof v === 'string' && v) return v;
    if (v === undefined || v === null || v === '') throw new ConfigError(`chart ${chart.id}: ${rel} has no ${k} (a non-empty string is required)`);
    if (typeof v === 'object') throw new ConfigError(`chart ${chart.id}: ${rel} ${k} must be a string, got a ${Array.isArray(v) ? 'list' : 'map'}`);
    throw new ConfigError(`chart ${chart.id}: ${rel} ${k} must be a string, got ${typeof v} ${String(v)} (quote it)`);
  };
  return { config: chart, name: field('name'), version: field('version') };
}

export async function openSuite(opts: OpenOptions = {}): Promise<Suite> {
  const config = await loadSuiteConfig(opts);
  // Contract ids are known here, not in the config layer (which stays free of contracts).
  const known = CONTRACT_IDS;
  config.charts.forEach((c, i) => {
    c.skipContracts.forEach((id, j) => {
      if (!known.includes(id))
        throw new ConfigError(`${path.basename(config.file)}: charts[${i}].skipContracts[${j}] ${id} is not a contract (known: ${known.join(', ')})`);
    });
    // `all`: every contract that applies to the chart.
    c.expectContracts?.forEach((id, j) => {
      if (id !== 'all' && !known.includes(id))
        throw new ConfigError(`${path.basename(config.file)}: charts[${i}].expectContracts[${j}] ${id} is not a contract (known: all, ${known.join(', ')})`);
    });
  });
  const [tools, charts, kit] = await Promise.all([
    resolveTools(),
    Promise.all(config.charts.map((c, i) => readChartFacts(config.root, c, i))),
    // Relative to the root, so messages name kit files as the user's repository does.
    loadKit(kitOptionsOf(config)),
  ]);
  // A helm major not found off the pinned platform (see tools/platform.ts) is skipped, said in its tool's note.
  const renderers = config.defaults.renderers.filter((r) => tools[r].source !== 'missing');
  if (renderers.length === 0) {
    throw new ToolError(`no renderer left to run: ${config.defaults.renderers.map((r) => tools[r].note).join('; ')}`);
  }
  config.defaults.renderers = renderers;
  return { config, tools, charts, ...suiteKitOf(config, charts, kit) };
}

/** What the user should know about the tools in use (PATH binaries, skipped renderers), one line each. */
export function toolNotes(suite: Suite): string[] {
  return Object.values(suite.tools).flatMap((t) => (t.note ? [t.note] : []));
}

function slash(p: string): string {
  return p.split(path.sep).join('/');
}

export function chartById(suite: Suite, id: string): ChartFacts {
  const c = suite.charts.find((x) => x.config.id === id);
  if (!c) throw new ConfigError(`no chart with id ${id} in ${suite.config.file} (known: ${suite.charts.map((x) => x.config.id).join(', ')})`);
  return c;
}

/** The HelmRelease that installs this chart in the bootstrap kit (in `cluster` when named; else the first), if any. */
export function helmReleaseOf(suite: Suite, chart: ChartFacts, cluster?: string): FluxHelmRelease | undefined {
  return suite.helmReleases.find((hr) => (cluster === undefined || hr.cluster === cluster) && hr.chart === chart.name);
}

/** Release name and namespace Flux would use (else the config's fallback, else the chart id in `default`). */
export function releaseOf(suite: Suite, chart: ChartFacts, cluster?: string): { releaseName: string; namespace: string } {
  const hr = helmReleaseOf(suite, chart, cluster) ?? helmReleaseOf(suite, chart);
  if (hr) return { releaseName: hr.releaseName, namespace: hr.releaseNamespace };
  if (chart.config.release) return { releaseName: chart.config.release.name, namespace: chart.config.release.namespace };
  return { releaseName: chart.config.id, namespace: 'default' };
}

/**
 * A memo that lives as long as its suite: one promise per key, failures included (a hanging
 * helm costs one timeout per run, not one per reader). A fresh suite starts empty.
 */
export function suiteMemo<T>(): (suite: Suite, key: string, make: () => Promise<T>) => Promise<T> {
  const memo = new WeakMap<Suite, Map<string, Promise<T>>>();
  return (suite, key, make) => {
    let perSuite = memo.get(suite);
    if (!perSuite) memo.set(suite, (perSuite = new Map()));
    let p = perSuite.get(key);
    if (!p) perSuite.set(key, (p = make()));
    return p;
  };
}

/** Redactor for a suite: the values of the variables its config marks secret, and what the kit took from Secrets. */
export function suiteRedactor(suite: Suite): Redactor {
  return makeRedactor([...suite.config.bootstrapKit.secretVariables.map((name) => suite.variables[name] ?? '').filter(Boolean), ...suite.secretValues]);
}
