// Issue 17, items 1–4: a render cache that cannot lie. Links are followed into the key
// (and announced), entries are verified before use, a dead owner's lock is taken over at
// once, and only output that parsed, within the entry size, is kept.
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RenderError } from '../../src/errors.js';
import { cachedRender, hashOf } from '../../src/render/cache.js';
import { helmTemplate } from '../../src/render/helm.js';
import type { HelmTemplateRequest } from '../../src/render/types.js';
import { resolveTools, type Tools } from '../../src/tools/resolve.js';
import { fakeBin, withFake } from '../support/fake-tools.js';
import { helmRequest } from '../support/fixture-charts.js';
import { useWorkDir } from './support/cli.js';

const workDir = useWorkDir('cache');
let tools: Tools;
let saved: Record<'HCT_CACHE_DIR' | 'HCT_RUN_DIR', string | undefined>;

beforeAll(async () => {
  tools = await resolveTools();
});
// These specs render into private caches and render the same key again on purpose (damaged
// entries): their events stay out of the run's render log, whose "executed more than once" is about the suite.
beforeEach(() => {
  saved = { HCT_CACHE_DIR: process.env.HCT_CACHE_DIR, HCT_RUN_DIR: process.env.HCT_RUN_DIR };
  delete process.env.HCT_RUN_DIR;
});
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

async function privateCacheDir(name: string): Promise<string> {
  const dir = path.join(workDir(), name);
  await mkdir(dir, { recursive: true });
  process.env.HCT_CACHE_DIR = dir;
  return path.join(dir, 'renders');
}

function request(chartDir: string, extra: Partial<HelmTemplateRequest> = {}): HelmTemplateRequest {
  return helmRequest(chartDir, { chart: 'c', releaseName: 'r', kubeVersion: '1.31.0', timeoutMs: 30_000, ...extra });
}

async function chart(dir: string, templates: Record<string, string>): Promise<string> {
  await mkdir(path.join(dir, 'templates'), { recursive: true });
  await writeFile(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
  for (const [name, text] of Object.entries(templates)) await writeFile(path.join(dir, 'templates', name), text);
  return dir;
}

/** A helm that prints `output` and counts its runs in a file next to it. */
async function countingHelm(output: string) {
  const fake = await fakeBin(`printf x >> "$(dirname "$0")/runs"\ncat <<'HCT_EOF'\n${output}\nHCT_EOF`);
  const runs = async () => (await readFile(path.join(path.dirname(fake.path), 'runs'), 'utf8').catch(() => '')).length;
  return { ...fake, runs, tools: withFake(tools, 'helm4', fake.path) };
}

const CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-fake\ndata:\n  a: b';

describe('item 1: a chart file that links outside the chart', () => {
  it('is keyed by what the link points at (a changed target renders again) and announced in a note', async () => {
    await privateCacheDir('links');
    const outside = path.join(workDir(), 'outside.txt');
    await writeFile(outside, 'first');
    const dir = await chart(path.join(workDir(), 'link-chart'), {
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: linked\ndata:\n  content: {{ .Files.Get "files/shared.txt" | quote }}\n',
    });
    await mkdir(path.join(dir, 'files'));
    await symlink(outside, path.join(dir, 'files', 'shared.txt'));
    const first = await helmTemplate(request(dir), tools);
    expect(first.manifests[0].object.data).toEqual({ content: 'first' });
    expect(first.notes).toEqual([`chart files link outside the chart (helm reads them): files/shared.txt → ${outside}`]);
    await writeFile(outside, 'second');
    const second = await helmTemplate(request(dir), tools);
    expect(second.cached).toBe(false);
    expect(second.manifests[0].object.data).toEqual({ content: 'second' });
  });
});

describe('item 2: a damaged cache entry', () => {
  for (const [damage, apply] of [
    ['emptied', (f: string) => truncate(f, 0)],
    ['truncated', async (f: string) => truncate(f, (await stat(f)).size - 10)],
    ['replaced by garbage', (f: string) => writeFile(f, 'kind: [unclosed\n')],
  ] as const) {
    it(`${damage}: never served; rendered again, with a note`, async () => {
      const renders = await privateCacheDir(`damaged-${damage.replace(/ /g, '-')}`);
      const helm = await countingHelm(CONFIGMAP);
      const dir = await chart(path.join(workDir(), `damaged-${damage.replace(/ /g, '-')}-chart`), {});
      try {
        await helmTemplate(request(dir), helm.tools);
        const [entry] = (await readdir(renders)).filter((f) => f.endsWith('.yaml'));
        await apply(path.join(renders, entry));
        const again = await helmTemplate(request(dir), helm.tools);
        expect(await helm.runs()).toBe(2);
        expect(again.cached).toBe(false);
        expect(again.manifests.map((m) => m.name)).toEqual(['from-fake']);
        expect(again.notes?.[0]).toMatch(/^render cache entry [0-9a-f]{12} (was damaged \(.+\)|did not parse): removed and rendered again$/);
        const third = await helmTemplate(request(dir), helm.tools);
        expect(third.cached).toBe(true);
        expect(third.notes).toBeUndefined();
      } finally {
        await helm.cleanup();
      }
    });
  }
});

describe('item 3: a lock left by a killed run', () => {
  it('whose owner process is gone is taken over at once', async () => {
    const renders = await privateCacheDir('stale-lock');
    await mkdir(renders, { recursive: true });
    const dead = spawnSync('true').pid!; // a pid that has exited
    const key = hashOf(`stale-${Date.now()}`);
    await writeFile(path.join(renders, `${key}.lock`), JSON.stringify({ pid: dead, host: os.hostname(), startedAt: Date.now() }));
    const started = Date.now();
    const out = await cachedRender(key, { chart: 'c', cell: 'x', renderer: 'helm4', timeoutMs: 60_000 }, async () => 'kind: X\n');
    expect(out.cached).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000); // the old code waited timeoutMs + 10 s
  }, 20_000);
});

describe('item 4: what is cached', () => {
  it('output that does not parse (helm exit 0, invalid YAML) is never cached: the rerun renders again', async () => {
    const renders = await privateCacheDir('invalid');
    const helm = await countingHelm('kind: ConfigMap\nmetadata: [unclosed');
    const dir = await chart(path.join(workDir(), 'invalid-chart'), {});
    try {
      for (let i = 0; i < 2; i++) {
        const err = await helmTemplate(request(dir), helm.tools).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(RenderError);
        expect((err as RenderError).message.split('\n')[0]).toBe('rendered output is not valid YAML: chart c, cell defaults, renderer helm4');
      }
      expect(await helm.runs()).toBe(2);
      expect(await readdir(renders)).toEqual([]);
    } finally {
      await helm.cleanup();
    }
  });

  it('an output above the entry size cap is used but not cached; the total cap evicts the oldest entries', async () => {
    const renders = await privateCacheDir('caps');
    const meta = { chart: 'c', cell: 'x', renderer: 'helm4', timeoutMs: 5_000 };
    const limits = { maxEntryBytes: 1000, maxTotalBytes: 2500 };
    const big = await cachedRender(
      hashOf(`big-${Date.now()}`),
      meta,
      async () => `kind: X\ndata: ${'x'.repeat(2000)}\n`,
      (t) => t,
      limits,
    );
    expect(big.cached).toBe(false);
    expect(await readdir(renders)).toEqual([]);
    const keys = [0, 1, 2, 3].map((i) => hashOf(`small-${i}-${Date.now()}`));
    for (const key of keys) {
      await cachedRender(
        key,
        meta,
        async () => `kind: X\ndata: ${'y'.repeat(800)}\n`,
        (t) => t,
        limits,
      );
      await new Promise((r) => setTimeout(r, 20)); // distinct modification times
    }
    // Each entry is ~900 bytes: 2 fit under 2500; the two oldest were evicted.
    expect((await readdir(renders)).sort()).toEqual(
      keys
        .slice(2)
        .map((k) => `${k}.yaml`)
        .sort(),
    );
  });

  it('the total cap holds over many writes of one process (the folder is counted once, then kept up with each write)', async () => {
    const renders = await privateCacheDir('caps-many');
    const meta = { chart: 'c', cell: 'x', renderer: 'helm4', timeoutMs: 5_000 };
    const limits = { maxEntryBytes: 1000, maxTotalBytes: 2500 };
    const keys = Array.from({ length: 8 }, (_, i) => hashOf(`many-${i}-${Date.now()}`));
    for (const key of keys) {
      await cachedRender(
        key,
        meta,
        async () => `kind: X\ndata: ${'z'.repeat(800)}\n`,
        (t) => t,
        limits,
      );
      await new Promise((r) => setTimeout(r, 20)); // distinct modification times
      expect((await readdir(renders)).length).toBeLessThanOrEqual(2);
    }
    expect((await readdir(renders)).sort()).toEqual(
      keys
        .slice(-2)
        .map((k) => `${k}.yaml`)
        .sort(),
    );
  });
});
