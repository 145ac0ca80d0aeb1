// The two sides of a comparison: where their files are (a temp `git archive` copy, or
// the working tree read in place), their suite config, chart facts and kit pins, and
// a Suite to render them with. Temp dirs are registered so that a failure, or Ctrl-C,
// still removes them.
import { mkdtemp, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDirectory, isFile, loadSuiteConfig } from '../config/load.js';
import type { SuiteConfig } from '../config/types.js';
import type { ChartFacts } from '../contracts/types.js';
import { UserError } from '../errors.js';
import { readChartYaml } from '../render/chart-yaml.js';
import { loadKit as loadFluxKit, type Kit } from '../render/flux.js';
import { kitOptionsOf, matchRelease, suiteKitOf } from '../suite/kit.js';
import type { Suite } from '../suite/session.js';
import { resolveTools, type Tools } from '../tools/resolve.js';
import type { ChartSide, PinFact } from './types.js';

// ---------------------------------------------------------------------------
// Temp dirs
// ---------------------------------------------------------------------------

const liveTempDirs = new Set<string>();

export async function makeTempDir(label: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `hct-bump-${label}-`));
  liveTempDirs.add(dir);
  return dir;
}

export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  liveTempDirs.delete(dir);
}

/** Synchronous cleanup for signal handlers (the process is about to exit). */
export function removeTempDirsSync(): void {
  for (const dir of liveTempDirs) rmSync(dir, { recursive: true, force: true });
  liveTempDirs.clear();
}

/** Temp dirs not removed yet (for tests). */
export function liveTempDirCount(): number {
  return liveTempDirs.size;
}

// ---------------------------------------------------------------------------
// Suite config per side
// ---------------------------------------------------------------------------

/** Load a suite config with an explicit root and file; Flux-strict forced on when asked. */
export async function loadConfigAt(root: string, file: string, strict: boolean): Promise<SuiteConfig> {
  const config = await loadSuiteConfig({ root, configFile: file });
  if (strict) config.bootstrapKit = { ...config.bootstrapKit, strict: true };
  return config;
}

/**
 * The base side's config: base's own suite.yaml when it loads; else the head config
 * re-rooted at base, keeping the charts whose directory exists there. Charts head knows
 * and base's config does not (a chart added to the suite in this change) are added when
 * their directory exists at base, so their old version can still be rendered.
 */
export async function baseConfig(baseRoot: string, own: string, head: SuiteConfig, strict: boolean): Promise<{ config: SuiteConfig; note?: string }> {
  let config: SuiteConfig | undefined;
  let note: string | undefined;
  if (await isFile(own)) {
    try {
      config = await loadConfigAt(baseRoot, own, strict);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      note = `base suite config does not load (${firstLine(err.message)}); base is read with the head config`;
    }
  } else {
    note = `base has no ${path.basename(own)}; base is read with the head config`;
  }
  const charts = [...(config?.charts ?? [])];
  for (const c of head.charts) {
    if (charts.some((x) => x.id === c.id)) continue;
    if (await isDirectory(path.join(baseRoot, c.path))) charts.push(c);
  }
  // Both configs came through loadConfigAt, so --strict is already applied.
  return { config: config ? { ...config, charts } : { ...head, root: baseRoot, file: own, charts }, note };
}

export function firstLine(s: string): string {
  return s.split('\n')[0];
}

// ---------------------------------------------------------------------------
// Chart.yaml and kit pins
// ---------------------------------------------------------------------------

/** Chart.yaml name and version of a chart dir, tolerant: a broken file is reported, not thrown. */
export async function readChartSide(root: string, chartPath: string): Promise<ChartSide> {
  const side: ChartSide = { exists: false, path: chartPath, pins: [] };
  const read = await readChartYaml(path.join(root, chartPath));
  if (read.status === 'missing') return side;
  side.exists = true;
  if (read.status === 'invalid') {
    side.error = `is not valid YAML: ${firstLine(read.error.message)}`;
    return side;
  }
  if (read.status === 'unreadable') {
    side.error = `cannot be read: ${read.reason}`;
    return side;
  }
  const map = read.map ?? {};
  if (typeof map.name === 'string' && map.name) side.name = map.name;
  const v = map.version;
  if (v !== undefined && v !== null && v !== '') side.version = typeof v === 'string' ? v : String(v);
  return side;
}

/** A side's bootstrap kit (Flux substitution applied); loaded once, for its pins and its Suite. */
export function loadKit(config: SuiteConfig): Promise<Kit> {
  // Read as the check reads it; relative to the root, so messages name files as the user knows them, not a temp path.
  return loadFluxKit(kitOptionsOf(config));
}

/** Files of the kit outside the charts root but inside the repository (`top`), relative to `top`. */
export function kitFilesOutsideRoot(config: SuiteConfig, top: string): string[] {
  const files = Object.values(config.bootstrapKit.clusters ?? {}).flatMap((c) => (c.variablesFile ? [path.resolve(config.root, c.variablesFile)] : []));
  return files
    .filter((f) => path.relative(config.root, f).startsWith('..'))
    .map((f) => path.relative(top, f).split(path.sep).join('/'))
    .filter((rel) => !rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Every HelmRelease pin of a kit. */
export function pinsOf(kit: Kit, config: SuiteConfig): PinFact[] {
  return kit.helmReleases.map((hr) => ({
    file: hr.file,
    helmRelease: `${hr.namespace}/${hr.name}${hr.cluster ? ` (cluster ${hr.cluster})` : ''}`,
    // A release the config lists by name pins that chart, whatever the kit calls it (an OCI artifact).
    chart:
      matchRelease(
        config.charts,
        hr,
        (c) => c.name,
        (c) => c.releases,
      )?.name ?? hr.chart,
    version: hr.version,
    ...(hr.versionKind && hr.versionKind !== 'exact' ? { versionKind: hr.versionKind } : {}),
  }));
}

/** Pins and variables of a side's kit, for a caller that has not loaded it. */
export async function readKitPins(config: SuiteConfig): Promise<{ pins: PinFact[]; variables: Record<string, string> }> {
  const kit = await loadKit(config);
  return { pins: pinsOf(kit, config), variables: kit.variables };
}

// ---------------------------------------------------------------------------
// A Suite per side (like openSuite, but tolerant of a chart that cannot load)
// ---------------------------------------------------------------------------

export interface OpenedSide {
  suite: Suite;
  /** Chart id → why it is left out of the suite (broken or missing Chart.yaml). */
  chartErrors: Map<string, string>;
}

let toolsOnce: Promise<Tools> | undefined;
function tools(): Promise<Tools> {
  return (toolsOnce ??= resolveTools().catch((err: unknown) => {
    toolsOnce = undefined;
    throw err;
  }));
}

/**
 * A Suite over `config` and its kit (loaded here unless the caller already has it); charts
 * whose Chart.yaml cannot be read are left out and reported.
 */
export async function openSide(config: SuiteConfig, kit: Kit | Promise<Kit> = loadKit(config)): Promise<OpenedSide> {
  const chartErrors = new Map<string, string>();
  const charts: ChartFacts[] = [];
  for (const c of config.charts) {
    const side = await readChartSide(config.root, c.path);
    if (!side.exists) chartErrors.set(c.id, `${c.path}/Chart.yaml not found`);
    else if (side.error) chartErrors.set(c.id, `${c.path}/Chart.yaml ${side.error}`);
    else if (!side.name || !side.version) chartErrors.set(c.id, `${c.path}/Chart.yaml has no ${side.name ? 'version' : 'name'}`);
    else charts.push({ config: c, name: side.name, version: side.version });
  }
  const [t, k] = await Promise.all([tools(), kit]);
  const suiteConfig: SuiteConfig = { ...config, charts: config.charts.filter((c) => !chartErrors.has(c.id)) };
  return {
    suite: { config: suiteConfig, tools: t, charts, ...suiteKitOf(suiteConfig, charts, k) },
    chartErrors,
  };
}

/** An error's message (no class name or stack), for notes. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
