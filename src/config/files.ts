// Filesystem facts the config needs: is this a directory, a file; do the paths the
// config names exist under the charts root.
import { realpath, stat } from 'node:fs/promises';
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
  const file = async (rel: string | undefined, at: (string | number)[]): Promise<void> => {
    // Variables files may live outside (a sample cluster's settings beside the repository, examples/flux-monorepo).
    if (rel !== undefined && !(await isFile(resolvePath(config, rel)))) throw new ConfigIssue(at, `${rel}: no such file under ${root}`);
  };
  if (kit.path !== undefined) await dir(kit.path, ['bootstrapKit', 'path']);
  await file(kit.variablesFile, ['bootstrapKit', 'variablesFile']);
  for (const [name, c] of Object.entries(kit.clusters ?? {})) {
    await dir(c.path, ['bootstrapKit', 'clusters', name, 'path']);
    await file(c.variablesFile, ['bootstrapKit', 'clusters', name, 'variablesFile']);
  }
  for (const [i, s] of (kit.sources ?? []).entries()) await dir(s.path, ['bootstrapKit', 'sources', i, 'path']);
  for (const [i, rel] of (config.schema?.crds ?? []).entries()) {
    const abs = resolvePath(config, rel);
    if (!(await isFile(abs)) && !(await isDirectory(abs))) throw new ConfigIssue(['schema', 'crds', i], `${rel}: no such file or directory under ${root}`);
  }
}
