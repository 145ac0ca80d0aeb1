// The one path every render takes: cache lookup, process run, error mapping, parse.
// helm.ts and kustomize.ts only decide arguments and cache keys.
import path from 'node:path';
import { RenderError, type RenderContext } from '../errors.js';
import { ManifestSyntaxError, readRenderObjects, RENDER_OBJECTS_FORM, toManifests, type RenderObject } from '../manifests/parse.js';
import { formatBytes } from '../manifests/yaml.js';
import type { Tool } from '../tools/resolve.js';
import { cacheRoot } from '../paths.js';
import { cachedRender, exactJson, hashOf, type CacheLimits, type KeptForm } from './cache.js';
import { formatCommand, run } from '../tools/exec.js';
import type { RenderedRelease, RendererId } from '../model/release.js';
import type { ProcessSlot } from './types.js';

export interface ProcessRender {
  context: RenderContext & { renderer: RendererId };
  tool: Tool;
  args: string[];
  /** Everything besides the tool that determines the output (arguments without temp paths, file contents, values). */
  keyParts: unknown;
  releaseName: string;
  namespace: string;
  timeoutMs: number;
  /** Source name for documents without a `# Source:` line. */
  defaultSource: string;
  /** Runs only on a cache miss, right before the process (e.g. writing a stubbed chart copy). */
  beforeRun?: () => Promise<void>;
  /** Output larger than this is refused before parsing (default DEFAULT_MAX_RENDER_BYTES). */
  maxOutputBytes?: number;
  /** What the render cache keeps (default DEFAULT_CACHE_LIMITS). */
  cacheLimits?: CacheLimits;
  /** Held around the process alone (see HelmTemplateRequest.processSlot). */
  processSlot?: ProcessSlot;
}

/** Largest rendered output parsed: beyond it parsing would take gigabytes (suite config `defaults.maxRenderBytes`). */
export const DEFAULT_MAX_RENDER_BYTES = 64 * 1024 * 1024;

// Helm reads plugins/repositories from its home dirs: point them into our cache so a
// user's helm config cannot change a render, and renders never write into $HOME.
export function hermeticEnv(): Record<string, string> {
  const home = path.join(cacheRoot(), 'helm-home');
  return {
    HELM_CACHE_HOME: path.join(home, 'cache'),
    HELM_CONFIG_HOME: path.join(home, 'config'),
    HELM_DATA_HOME: path.join(home, 'data'),
  };
}

/** Why a process failed, in the tool's own words when it gave any. */
function failureDetail(res: Awaited<ReturnType<typeof run>>, timeoutMs: number): string {
  if (res.timedOut) {
    return (
      `killed after ${timeoutMs / 1000}s timeout: the renderer had not finished, so it and every process it started were stopped\n` +
      'fix: if the chart really renders this slowly, raise defaults.timeoutMs in the suite config'
    );
  }
  if (res.spawnError) return `could not start the binary: ${res.spawnError}`;
  if (res.tooLarge) return tooLargeDetail(res.tooLarge);
  // helm's "Use --debug flag…" advice is for its own CLI user; here it is noise.
  const said = res.stderr.replace(/^\s*Use --debug flag to render out invalid YAML\s*$/m, '').trim() || res.stdout.trim().slice(-2000);
  const how = res.signal ? `killed by ${res.signal}` : `exit code ${res.exitCode}`;
  return `${how}${said ? `:\n${said}` : ' and printed nothing'}`;
}

function tooLargeDetail(limit: number): string {
  return (
    `rendered output is larger than ${formatBytes(limit)}: refused before parsing (it would take gigabytes of memory)\n` +
    'fix: if the chart really renders this much, raise defaults.maxRenderBytes in the suite config'
  );
}

/**
 * The tool as the key sees it: a pinned binary by what it is (the same build in every checkout,
 * so a moved or fresh checkout reuses its renders); any other by its path, which is all we know of it.
 */
function toolIdentity(tool: Tool): string {
  return tool.source === 'pinned' ? `pinned ${tool.id} ${tool.version}` : tool.path;
}

export async function renderProcess(req: ProcessRender): Promise<RenderedRelease> {
  const command = formatCommand(req.tool.path, req.args);
  const key = hashOf({ tool: toolIdentity(req.tool), version: req.tool.version, parts: req.keyParts });
  const maxOutputBytes = req.maxOutputBytes ?? DEFAULT_MAX_RENDER_BYTES;
  // Checked on every use: a cache entry written under a higher limit is refused the same way.
  const checkSize = (bytes: number): void => {
    if (bytes > maxOutputBytes) throw new RenderError(req.context, command, tooLargeDetail(maxOutputBytes), 'rendered output too large');
  };
  const parse = (text: string): RenderObject[] => {
    checkSize(Buffer.byteLength(text, 'utf8'));
    try {
      return readRenderObjects(text, req.defaultSource);
    } catch (err) {
      if (err instanceof ManifestSyntaxError) {
        throw new RenderError(req.context, command, `template ${err.source}, line ${err.line}: ${err.reason}`, 'rendered output is not valid YAML');
      }
      throw err;
    }
  };
  // The cache keeps the parsed objects beside the text: a hit is a JSON.parse, not a YAML parse.
  const form: KeptForm<RenderObject[]> = {
    keep: (objects) => exactJson({ form: RENDER_OBJECTS_FORM, objects }),
    restore: (kept, textBytes) => {
      checkSize(textBytes);
      const stored = JSON.parse(kept) as { form: unknown; objects: RenderObject[] };
      return stored.form === RENDER_OBJECTS_FORM ? stored.objects : undefined;
    },
  };
  const {
    value: objects,
    cached,
    note,
  } = await cachedRender(
    key,
    { chart: req.context.chart, cell: req.context.cell, renderer: req.context.renderer, timeoutMs: req.timeoutMs },
    async () => {
      await req.beforeRun?.();
      const free = await req.processSlot?.();
      let res: Awaited<ReturnType<typeof run>>;
      try {
        res = await run(req.tool.path, req.args, { timeoutMs: req.timeoutMs, env: hermeticEnv(), maxOutputBytes });
      } finally {
        free?.();
      }
      if (res.timedOut || res.spawnError || res.tooLarge || res.exitCode !== 0) {
        throw new RenderError(req.context, command, failureDetail(res, req.timeoutMs), res.tooLarge ? 'rendered output too large' : undefined);
      }
      return res.stdout;
    },
    parse,
    req.cacheLimits,
    form,
  );
  return {
    chart: req.context.chart,
    cell: req.context.cell,
    renderer: req.context.renderer,
    releaseName: req.releaseName,
    namespace: req.namespace,
    manifests: toManifests(objects, { releaseNamespace: req.namespace, defaultSource: req.defaultSource }),
    cached,
    ...(note ? { notes: [note] } : {}),
  };
}
