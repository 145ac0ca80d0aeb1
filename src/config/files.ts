// Filesystem facts the config needs: is this a directory, a file; do the paths the
// config names exist under the charts root.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { KUSTOMIZATION_FILES } from '../render/kustomize.js';
import { ConfigIssue } from './issue.js';
import type { SuiteConfig } from './types.js';

export async function isDirectory(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

export async function isFile(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** Absolute path of a config path (relative to the charts root). */
export function resolvePath(config: Pick<SuiteConfig, 'root'>, rel: string): string {
  return path.resolve(config.root, rel);
}

/** Every folder and file the config names exists (first missing one throws a ConfigIssue). */
export async function checkPaths(config: SuiteConfig): Promise<void> {
  const { root } = config;
  const realRoot = await realpath(root);
  // Folders the suite renders or reads manifests from stay inside the root, after resolving links:
  // `../outside` or a link out of it would render what the suite never declared.
  const inside = async (rel: string, at: (string | number)[]): Promise<void> => {
    const real = await realpath(resolvePath(config, rel)).catch(() => undefined);
    if (real !== undefined && real !== realRoot && !real.startsWith(realRoot + path.sep)) {
      throw new ConfigIssue(at, `${rel}: resolves to ${real}, outside the charts root ${root}; paths in the config must stay inside it`);
    }
  };
  const dir = async (rel: string, at: (string | number)[]): Promise<void> => {
    if (!(await isDirectory(resolvePath(config, rel)))) throw new ConfigIssue(at, `${rel}: no such directory under ${root}`);
    await inside(rel, at);
  };
  for (const [i, chart] of config.charts.entries()) {
    await dir(chart.path, ['charts', i, 'path']);
    const kustomizeDir = chart.kustomizeDir;
    if (kustomizeDir !== undefined) {
      await dir(kustomizeDir, ['charts', i, 'kustomizeDir']);
      const found = await Promise.all(KUSTOMIZATION_FILES.map((f) => isFile(path.join(resolvePath(config, kustomizeDir), f))));
      if (!found.includes(true)) throw new ConfigIssue(['charts', i, 'kustomizeDir'], `${kustomizeDir}: has no kustomization.yaml`);
    }
  }
  const kit = config.bootstrapKit;
  if (kit.path !== undefined) await dir(kit.path, ['bootstrapKit', 'path']);
  if (kit.variablesFile !== undefined) kit.variablesFile = await variablesFile(config, kit.variablesFile, ['bootstrapKit', 'variablesFile']);
  for (const [name, c] of Object.entries(kit.clusters ?? {})) {
    await dir(c.path, ['bootstrapKit', 'clusters', name, 'path']);
    if (c.variablesFile !== undefined) c.variablesFile = await variablesFile(config, c.variablesFile, ['bootstrapKit', 'clusters', name, 'variablesFile']);
  }
  for (const [i, s] of (kit.sources ?? []).entries()) await dir(s.path, ['bootstrapKit', 'sources', i, 'path']);
  for (const [i, rel] of (config.schema?.crds ?? []).entries()) {
    const abs = resolvePath(config, rel);
    if (!(await isFile(abs)) && !(await isDirectory(abs))) throw new ConfigIssue(['schema', 'crds', i], `${rel}: no such file or directory under ${root}`);
  }
}

/** The variables file as loading keeps it (see variablesFileOf); a missing one names where it was looked for. */
async function variablesFile(config: SuiteConfig, vars: string, at: (string | number)[]): Promise<string> {
  const found = await variablesFileOf(config, vars);
  if (found !== undefined) return found;
  const nextToConfig = path.dirname(config.file) === path.resolve(config.root) ? '' : ` nor next to ${config.file}`;
  throw new ConfigIssue(at, path.isAbsolute(vars) ? `${vars}: no such file` : `${vars}: no such file under ${config.root}${nextToConfig}`);
}

/**
 * The variables file: absolute, or relative to the charts root (both kept as written), else
 * relative to the config file's folder (Flux's variables live in the cluster, often beside the
 * config rather than in the repository): then kept as a path the flux loader resolves the same way.
 */
async function variablesFileOf(config: SuiteConfig, vars: string): Promise<string | undefined> {
  if (await isFile(resolvePath(config, vars))) return vars;
  if (path.isAbsolute(vars)) return undefined;
  const nextToConfig = path.resolve(path.dirname(config.file), vars);
  if (!(await isFile(nextToConfig))) return undefined;
  const rel = path.relative(config.root, nextToConfig);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : nextToConfig;
}
