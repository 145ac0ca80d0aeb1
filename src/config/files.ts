// Filesystem facts the config needs: is this a directory, a file; do the paths the
// config names exist under the charts root.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { KUSTOMIZATION_FILES } from '../render/kustomize.js';
import { ConfigIssue } from './issue.js';
import type { SuiteConfig } from './types.js';

export async function isDirectory(p: string): Promise<boolean> {
  return stat(p).then((s) => s.isDirectory(), () => false);
}

export async function isFile(p: string): Promise<boolean> {
  return stat(p).then((s) => s.isFile(), () => false);
}

/** Absolute path of a config path (relative to the charts root). */
export function resolvePath(config: Pick<SuiteConfig, 'root'>, rel: string): string {
  return path.resolve(config.root, rel);
}

/** Every folder and file the config names exists (first missing one throws a ConfigIssue). */
export async function checkPaths(config: SuiteConfig): Promise<void> {
  const { root } = config;
  const dir = async (rel: string, at: (string | number)[]): Promise<void> => {
    if (!(await isDirectory(resolvePath(config, rel)))) throw new ConfigIssue(at, `${rel}: no such directory under ${root}`);
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
  await dir(config.bootstrapKit.path, ['bootstrapKit', 'path']);
  const vars = config.bootstrapKit.variablesFile;
  if (vars !== undefined) {
    const found = await variablesFileOf(config, vars);
    if (found === undefined) {
      const nextToConfig = path.dirname(config.file) === path.resolve(root) ? '' : ` nor next to ${config.file}`;
      throw new ConfigIssue(['bootstrapKit', 'variablesFile'], path.isAbsolute(vars) ? `${vars}: no such file` : `${vars}: no such file under ${root}${nextToConfig}`);
    }
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
