// `kubectl kustomize DIR`: the raw, template-free half of a dual-mode chart.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, RenderError } from '../errors.js';
import { resolveTools, type Tool, type Tools } from '../tools/resolve.js';
import { hashTree } from './cache.js';
import { hermeticEnv, renderProcess } from './engine.js';
import { formatCommand, run } from '../tools/exec.js';
import type { RenderedRelease } from '../model/release.js';
import type { KustomizeRequest } from './types.js';

/** The file names kubectl kustomize accepts for a kustomization, in the order it looks for them. */
export const KUSTOMIZATION_FILES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export async function kustomizeBuild(req: KustomizeRequest, tools?: Tools): Promise<RenderedRelease> {
  const tool = (tools ?? (await resolveTools())).kubectl;
  try {
    return await renderProcess({
      context: { chart: req.chart, cell: req.cell, renderer: 'kustomize' },
      tool,
      args: ['kustomize', req.dir],
      // Only the folder's own files are hashed: a kustomization reaching outside it (../) is not tracked.
      keyParts: { args: ['kustomize'], tree: await hashTree(req.dir), namespace: req.namespace },
      releaseName: req.chart,
      namespace: req.namespace,
      timeoutMs: req.timeoutMs,
      defaultSource: 'kustomization.yaml',
      maxOutputBytes: req.maxOutputBytes,
      cacheLimits: req.cacheLimits,
    });
  } catch (err) {
    if (err instanceof RenderError) throw await explainMissingResource(err, req.dir);
    throw err;
  }
}

/**
 * kubectl reports a resources entry naming a missing file as a long `accumulating resources …
 * evalsymlink failure … lstat …` chain; say instead which file lists it, on which line.
 */
async function explainMissingResource(err: RenderError, dir: string): Promise<RenderError> {
  const m = /accumulating resources from '([^']+)'[^\n]*no such file or directory/.exec(err.detail);
  if (!m) return err;
  const missing = m[1];
  let where = path.join(dir, 'kustomization.yaml');
  for (const name of KUSTOMIZATION_FILES) {
    const file = path.join(dir, name);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const entry = new RegExp(`^\\s*-\\s*["']?${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*(#.*)?$`);
    const line = text.split('\n').findIndex((l) => entry.test(l));
    where = line === -1 ? file : `${file}:${line + 1}`;
    break;
  }
  return new RenderError(
    err.context,
    err.command,
    `${where}: resources lists ${missing}, but ${path.resolve(dir, missing)} does not exist\n` +
      `fix: add the file, or remove ${missing} from the kustomization's resources`,
  );
}

/**
 * `kubectl kustomize DIR` as kustomize-controller builds a Flux Kustomization's path: load
 * restrictions off (files anywhere in the repository may be referenced). The raw output; a
 * failure is the kit's, so a ConfigError naming the folder and kubectl's own words.
 */
export async function kustomizeKitBuild(dir: string, label: string, tool: Tool, timeoutMs: number): Promise<string> {
  const args = ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', dir];
  const res = await run(tool.path, args, { timeoutMs, env: hermeticEnv() });
  if (res.exitCode === 0 && !res.timedOut && !res.spawnError) return res.stdout;
  const said = res.timedOut ? `killed after ${timeoutMs / 1000}s` : (res.spawnError ?? (res.stderr.trim() || `exit code ${res.exitCode}`));
  throw new ConfigError(
    `Flux kit: kubectl kustomize ${label} failed (as kustomize-controller's build would)\n  command: ${formatCommand(tool.path, args)}\n  ${said.split('\n').join('\n  ')}`,
  );
}
