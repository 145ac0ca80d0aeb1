// Renders a chart for unit tests through the project's render layer (helmTemplate →
// render cache), once per distinct input set, and regroups the output by template key.
// `templates:` filtering happens afterwards on the parsed output (render once).
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, RenderError } from '../errors.js';
import { secretValues } from '../manifests/redact.js';
import { yamlSyntaxError } from '../manifests/yaml.js';
import { hashChart } from '../render/chart-digest.js';
import { readChartYaml } from '../render/chart-yaml.js';
import { helmTemplate } from '../render/helm.js';
import type { HelmRendererId, Values } from '../model/release.js';
import type { HelmTemplateRequest } from '../render/types.js';
import type { Tools } from '../tools/resolve.js';
import { extractFailure } from './failure.js';

export interface UnitRenderRequest {
  chartDir: string;
  renderer: HelmRendererId;
  /** Chart id for messages. */
  chart: string;
  valuesFiles: string[];
  values: Values[];
  /** Absent: helm-unittest's default `RELEASE-NAME`. */
  releaseName?: string;
  namespace: string;
  upgrade: boolean;
  revision?: number;
  kubeVersion: string;
  apiVersions: string[];
  chartVersion?: string;
  appVersion?: string;
  includeCrds: boolean;
  timeoutMs: number;
  /** A repeat render (the nondeterminism probe for snapshots): its own cache key. */
  attempt?: number;
}

export type UnitRender =
  // secrets: the render's Secret values (raw and decoded), kept out of every message.
  { ok: true; files: Map<string, unknown[]>; secrets: string[] } | { ok: false; error: string; failedFile?: string; message?: string };

/**
 * helm refuses `RELEASE-NAME` (upper case): render with a valid stand-in and put the
 * default name back into the output, so suites written for helm-unittest keep their names.
 */
const STAND_IN = 'hct-rn-4f1c9a';
export const DEFAULT_RELEASE_NAME = 'RELEASE-NAME';

export class UnitRenderer {
  private readonly memo = new Map<string, Promise<UnitRender>>();
  private readonly copies = new Map<string, Promise<string>>();
  // Per chart directory, once per run: the renders of a test file all key on its tree hash,
  // and share its name and template list.
  private readonly hashes = new Map<string, Promise<string>>();
  private readonly names = new Map<string, Promise<string>>();
  private readonly keyLists = new Map<string, Promise<string[]>>();
  private tmp?: Promise<string>;
  /** Distinct render inputs asked for (each one render, or one cache read). */
  renders = 0;
  // Helm alone holds a process slot (one per core: it is CPU-bound), so cache lookups, temp files,
  // parsing and cache writes of the renders around it never leave a core idle. Twice as many
  // renders are under way: the next ones are ready to start when a slot frees, and a render
  // waits (holding its cache lock) for at most the renders ahead of it.
  private readonly processes: Limiter;
  private readonly underWay: Limiter;

  constructor(
    private readonly tools: Tools,
    slots = os.availableParallelism(),
  ) {
    this.processes = limiter(slots);
    this.underWay = limiter(2 * slots);
  }

  render(req: UnitRenderRequest): Promise<UnitRender> {
    const key = JSON.stringify(req);
    let hit = this.memo.get(key);
    if (!hit) {
      this.renders++;
      hit = this.underWay().then(async (free) => {
        try {
          return await this.doRender(req);
        } finally {
          free();
        }
      });
      this.memo.set(key, hit);
    }
    return hit;
  }

  async dispose(): Promise<void> {
    if (this.tmp) await rm(await this.tmp, { recursive: true, force: true });
  }

  /** The `helm template` request a unit render makes (on a chart copy when Chart.yaml or the revision is overridden); the bench runs it bare. */
  async helmRequestOf(req: UnitRenderRequest): Promise<HelmTemplateRequest> {
    const chartDir = await this.chartCopy(req);
    return {
      chart: req.chart,
      cell: 'unittest',
      renderer: req.renderer,
      chartDir,
      chartHash: await this.hashOf(chartDir),
      releaseName: req.releaseName ?? STAND_IN,
      namespace: req.namespace,
      valuesFiles: req.valuesFiles,
      values: req.values,
      apiVersions: req.apiVersions,
      kubeVersion: req.kubeVersion,
      isUpgrade: req.upgrade,
      includeCrds: req.includeCrds,
      timeoutMs: req.timeoutMs,
      ...(req.attempt ? { attempt: req.attempt } : {}),
      processSlot: this.processes,
    };
  }

  private async doRender(req: UnitRenderRequest): Promise<UnitRender> {
    const chartName = await this.nameOf(req.chartDir);
    try {
      const out = await helmTemplate(await this.helmRequestOf(req), this.tools);
      const files = new Map<string, unknown[]>();
      for (const key of await this.templateKeysOf(req.chartDir, chartName, req.includeCrds)) files.set(key, []);
      for (const m of out.manifests) {
        const obj = req.releaseName === undefined ? restoreName(m.object) : m.object;
        files.set(m.source, [...(files.get(m.source) ?? []), obj]);
      }
      return { ok: true, files, secrets: secretValues(out.manifests) };
    } catch (err) {
      if (!(err instanceof RenderError)) throw err;
      const text = helmError(err.detail);
      return { ok: false, error: req.releaseName === undefined ? text.replaceAll(STAND_IN, DEFAULT_RELEASE_NAME) : text, ...extractFailure(text) };
    }
  }

  private hashOf(dir: string): Promise<string> {
    return memo(this.hashes, dir, () => hashChart(dir));
  }

  nameOf(chartDir: string): Promise<string> {
    return memo(this.names, chartDir, () => chartNameOf(chartDir));
  }

  private templateKeysOf(chartDir: string, chartName: string, includeCrds: boolean): Promise<string[]> {
    return memo(this.keyLists, JSON.stringify([chartDir, chartName, includeCrds]), () => templateKeys(chartDir, chartName, includeCrds));
  }

  /** The chart itself, or a temp copy when Chart.yaml or .Release.Revision must be overridden. */
  private chartCopy(req: UnitRenderRequest): Promise<string> {
    if (req.chartVersion === undefined && req.appVersion === undefined && req.revision === undefined) return Promise.resolve(req.chartDir);
    const key = JSON.stringify([req.chartDir, req.chartVersion, req.appVersion, req.revision]);
    let hit = this.copies.get(key);
    if (!hit) {
      hit = (async () => {
        this.tmp ??= mkdtemp(path.join(os.tmpdir(), 'hct-unittest-'));
        const dir = path.join(await this.tmp, String(this.copies.size), path.basename(req.chartDir));
        await cp(req.chartDir, dir, { recursive: true });
        await patchCopy(dir, req);
        return dir;
      })();
      this.copies.set(key, hit);
    }
    return hit;
  }
}

/** Waits for one of `n` slots; the function returned frees it (once). */
type Limiter = () => Promise<() => void>;

function limiter(n: number): Limiter {
  let used = 0;
  const waiting: (() => void)[] = [];
  return async () => {
    if (used < n) used++;
    else await new Promise<void>((go) => waiting.push(go)); // handed over by the one freeing it
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      const next = waiting.shift();
      if (next) next();
      else used--;
    };
  };
}

function memo<T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let hit = map.get(key);
  if (!hit) map.set(key, (hit = make()));
  return hit;
}

async function patchCopy(dir: string, req: UnitRenderRequest): Promise<void> {
  const chartFile = path.join(dir, 'Chart.yaml');
  let chart = await readFile(chartFile, 'utf8');
  const setField = (field: string, value: string) => {
    const line = `${field}: ${JSON.stringify(value)}`;
    const re = new RegExp(`^${field}:.*$`, 'm');
    chart = re.test(chart) ? chart.replace(re, line) : `${chart.trimEnd()}\n${line}\n`;
  };
  if (req.chartVersion !== undefined) setField('version', req.chartVersion);
  if (req.appVersion !== undefined) setField('appVersion', req.appVersion);
  await writeFile(chartFile, chart);
  // helm template always renders revision 1: a test's `release.revision` is written into the copy.
  if (req.revision !== undefined) {
    for (const file of await walk(path.join(dir, 'templates'))) {
      const text = await readFile(file, 'utf8');
      const patched = text.replace(/\$?\.Release\.Revision\b/g, `(int ${req.revision})`);
      if (patched !== text) await writeFile(file, patched);
    }
  }
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** The chart's name from its Chart.yaml (the one bounded reader); a broken file is one plain line naming it. */
export async function chartNameOf(chartDir: string): Promise<string> {
  const read = await readChartYaml(chartDir);
  const shown = path.relative(process.cwd(), path.join(chartDir, 'Chart.yaml')) || 'Chart.yaml';
  if (read.status === 'invalid') throw yamlSyntaxError(shown, read.error, read.lineCounter);
  if (read.status === 'unreadable') throw new ConfigError(`${shown}: ${read.reason}`);
  const name = read.status === 'ok' ? read.map?.name : undefined;
  return typeof name === 'string' && name !== '' ? name : path.basename(chartDir);
}

/** Template keys helm may render (so a template rendering nothing still exists, with 0 docs). */
async function templateKeys(chartDir: string, chartName: string, includeCrds: boolean): Promise<string[]> {
  const rel = (f: string) => f.split(path.sep).join('/');
  const rendered = (f: string) => /\.(ya?ml|tpl)$/.test(f) && !path.basename(f).startsWith('_');
  const keys = (await walk(path.join(chartDir, 'templates'))).filter(rendered).map((f) => `${chartName}/${rel(path.relative(chartDir, f))}`);
  if (includeCrds) keys.push(...(await walk(path.join(chartDir, 'crds'))).filter(rendered).map((f) => `${chartName}/${rel(path.relative(chartDir, f))}`));
  return keys.sort();
}

/** helm's own error text: from `Error: ` on, without the prefix. */
function helmError(detail: string): string {
  const at = detail.search(/(^|\n)Error: /);
  const text = at < 0 ? detail : detail.slice(at).replace(/^\n?Error: /, '');
  return text.trim();
}

function restoreName<T>(v: T): T {
  if (typeof v === 'string') return v.replaceAll(STAND_IN, DEFAULT_RELEASE_NAME) as T;
  if (Array.isArray(v)) return v.map(restoreName) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [restoreName(k), restoreName(x)])) as T;
  return v;
}
