// The render cache keeps the parsed objects beside the text (entry v2), so a warm run's hit
// is a JSON.parse, not a YAML parse, and gives exactly what the parse gives. Entries of the
// first version and kept forms of another version are read from their text and rewritten;
// a value JSON cannot hold exactly, or one over the entry cap, keeps the text alone.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RenderError } from '../../src/errors.js';
import { cachedRender, DEFAULT_CACHE_LIMITS, exactJson, hashOf, type KeptForm } from '../../src/render/cache.js';
import { helmTemplate } from '../../src/render/helm.js';
import type { HelmTemplateRequest } from '../../src/render/types.js';
import { resolveTools, type Tools } from '../../src/tools/resolve.js';
import { fakeBin, withFake } from '../support/fake-tools.js';
import { helmRequest } from '../support/fixture-charts.js';

const META = { chart: 'c', cell: 'x', renderer: 'helm4', timeoutMs: 5_000 };
let work: string;
let renders: string;
let tools: Tools;
const savedCache = process.env.HCT_CACHE_DIR;

beforeAll(async () => {
  tools = await resolveTools(); // from the shared cache, before it is swapped out
  work = await mkdtemp(path.join(os.tmpdir(), 'hct-render-cache-'));
});
afterAll(async () => {
  if (savedCache === undefined) delete process.env.HCT_CACHE_DIR;
  else process.env.HCT_CACHE_DIR = savedCache;
  await rm(work, { recursive: true, force: true });
});
let n = 0;
beforeEach(() => {
  process.env.HCT_CACHE_DIR = path.join(work, `cache-${++n}`);
  renders = path.join(work, `cache-${n}`, 'renders');
});

const header = async (key: string) => (await readFile(path.join(renders, `${key}.yaml`), 'utf8')).split('\n')[0];

/** A kept form of version `v`: restore gives undefined for another version. */
function formV(v: number): KeptForm<{ text: string }> {
  return {
    keep: (value) => exactJson({ v, value }),
    restore: (kept) => {
      const stored = JSON.parse(kept) as { v: number; value: { text: string } };
      return stored.v === v ? stored.value : undefined;
    },
  };
}

function counting() {
  const calls = { parses: 0, renders: 0 };
  return {
    calls,
    accept: (text: string) => (calls.parses++, { text }),
    produce: async () => (calls.renders++, 'kind: X\n'),
  };
}

describe('kept form', () => {
  it('a hit restores the kept value: no second parse; the entry is v2, text then kept form', async () => {
    const key = hashOf('kept');
    const c = counting();
    const first = await cachedRender(key, META, c.produce, c.accept, DEFAULT_CACHE_LIMITS, formV(1));
    const second = await cachedRender(key, META, c.produce, c.accept, DEFAULT_CACHE_LIMITS, formV(1));
    expect(first).toEqual({ value: { text: 'kind: X\n' }, cached: false });
    expect(second).toEqual({ value: { text: 'kind: X\n' }, cached: true });
    expect(c.calls).toEqual({ parses: 1, renders: 1 });
    const kept = '{"v":1,"value":{"text":"kind: X\\n"}}';
    const body = `kind: X\n${kept}`;
    expect(await readFile(path.join(renders, `${key}.yaml`), 'utf8')).toBe(
      `hct-render-v2 8 ${kept.length} ${createHash('sha256').update(body).digest('hex')}\n${body}`,
    );
  });

  it('a first-version entry is served from its text (no render, no note) and rewritten with the kept form', async () => {
    const key = hashOf('v1');
    const text = 'kind: X\n';
    await mkdir(renders, { recursive: true });
    await writeFile(path.join(renders, `${key}.yaml`), `hct-render-v1 ${text.length} ${createHash('sha256').update(text).digest('hex')}\n${text}`);
    const c = counting();
    expect(await cachedRender(key, META, c.produce, c.accept, DEFAULT_CACHE_LIMITS, formV(1))).toEqual({ value: { text }, cached: true });
    expect(await header(key)).toMatch(/^hct-render-v2 8 \d+ [0-9a-f]{64}$/);
    expect(await cachedRender(key, META, c.produce, c.accept, DEFAULT_CACHE_LIMITS, formV(1))).toEqual({ value: { text }, cached: true });
    expect(c.calls).toEqual({ parses: 1, renders: 0 });
  });

  it('a kept form of another version is parsed from the text and rewritten, not rendered again', async () => {
    const key = hashOf('other-form');
    const c = counting();
    await cachedRender(key, META, c.produce, c.accept, DEFAULT_CACHE_LIMITS, formV(1));
    for (let i = 0; i < 2; i++) expect(await cachedRender(key, META, c.produce, c.accept, DEFAULT_CACHE_LIMITS, formV(2))).toMatchObject({ cached: true });
    expect(c.calls).toEqual({ parses: 2, renders: 1 });
    expect(JSON.parse((await readFile(path.join(renders, `${key}.yaml`), 'utf8')).slice(-36))).toEqual({ v: 2, value: { text: 'kind: X\n' } });
  });

  it('a kept form that would take the entry over maxEntryBytes: the text alone is kept', async () => {
    const key = hashOf('over-cap');
    const c = counting();
    await cachedRender(key, META, c.produce, c.accept, { ...DEFAULT_CACHE_LIMITS, maxEntryBytes: 20 }, formV(1));
    expect(await header(key)).toMatch(/^hct-render-v2 8 0 [0-9a-f]{64}$/);
    expect(await cachedRender(key, META, c.produce, c.accept, DEFAULT_CACHE_LIMITS, formV(1))).toMatchObject({ cached: true });
    expect(c.calls).toEqual({ parses: 2, renders: 1 });
  });
});

describe('exactJson', () => {
  it('JSON for values JSON gives back exactly, undefined for the rest', () => {
    expect(exactJson({ a: [1, 'x', true, null, { b: 1.5 }], __proto__: 1 })).toBe('{"a":[1,"x",true,null,{"b":1.5}]}');
    expect(exactJson(JSON.parse('{"__proto__":{"x":1}}'))).toBe('{"__proto__":{"x":1}}');
    for (const lossy of [{ a: Infinity }, [Number.NaN], { a: -0 }, { a: undefined }, { d: new Date(0) }, { m: new Map() }, { b: 1n }])
      expect(exactJson(lossy)).toBeUndefined();
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(exactJson(cycle)).toBeUndefined();
  });
});

/** A helm that prints `output` and counts its runs. */
async function countingHelm(output: string) {
  const fake = await fakeBin(`printf x >> "$(dirname "$0")/runs"\ncat <<'HCT_EOF'\n${output}\nHCT_EOF`);
  const runs = async () => (await readFile(path.join(path.dirname(fake.path), 'runs'), 'utf8').catch(() => '')).length;
  return { ...fake, runs, tools: withFake(tools, 'helm4', fake.path) };
}

async function chartDir(name: string): Promise<string> {
  const dir = path.join(work, 'charts', name);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
  return dir;
}

function request(dir: string, extra: Partial<HelmTemplateRequest> = {}): HelmTemplateRequest {
  return helmRequest(dir, { chart: 'c', releaseName: 'r', kubeVersion: '1.31.0', timeoutMs: 30_000, ...extra });
}

describe('renders through the cache', () => {
  it('a hit gives the manifests a parse gives; the default source and namespace are the request’s, not the cached one’s', async () => {
    const helm = await countingHelm(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n---\n# Source: c/templates/r.yaml\nkind: ClusterRole\nmetadata:\n  name: r',
    );
    try {
      // Two folders with the same files share a key (the key names the chart by content).
      const first = await helmTemplate(request(await chartDir('one')), helm.tools);
      const second = await helmTemplate(request(await chartDir('two')), helm.tools);
      expect(await helm.runs()).toBe(1);
      expect(second.cached).toBe(true);
      expect(first.manifests.map((m) => [m.source, m.namespace, m.kind])).toEqual([
        ['one', 'ns', 'ConfigMap'],
        ['c/templates/r.yaml', undefined, 'ClusterRole'],
      ]);
      expect(second.manifests).toEqual(first.manifests.map((m) => (m.source === 'one' ? { ...m, source: 'two' } : m)));
    } finally {
      await helm.cleanup();
    }
  });

  it('numbers JSON cannot hold (.inf, .nan, -0): the text alone is kept, and a hit parses it to the same values', async () => {
    const helm = await countingHelm('kind: X\nmetadata:\n  name: n\nspec:\n  inf: .inf\n  nan: .nan\n  zero: -0');
    try {
      const dir = await chartDir('numbers');
      for (const cached of [false, true]) {
        const out = await helmTemplate(request(dir), helm.tools);
        expect(out.cached).toBe(cached);
        const spec = out.manifests[0].object.spec as Record<string, number>;
        expect([spec.inf, Number.isNaN(spec.nan), Object.is(spec.zero, -0)]).toEqual([Infinity, true, true]);
      }
      const [entry] = await readdir(renders);
      expect((await readFile(path.join(renders, entry), 'utf8')).split('\n')[0]).toMatch(/^hct-render-v2 \d+ 0 [0-9a-f]{64}$/);
    } finally {
      await helm.cleanup();
    }
  });

  it('the output-size limit is checked on a hit too: an entry over the request’s limit is refused as a render is', async () => {
    const helm = await countingHelm(`kind: X\nmetadata:\n  name: n\ndata: ${'x'.repeat(2000)}`);
    try {
      const dir = await chartDir('limit');
      await helmTemplate(request(dir), helm.tools);
      const err = await helmTemplate(request(dir, { maxOutputBytes: 1000 }), helm.tools).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RenderError);
      expect((err as RenderError).message.split('\n')[0]).toBe('rendered output too large: chart c, cell defaults, renderer helm4');
      expect(await helm.runs()).toBe(2);
    } finally {
      await helm.cleanup();
    }
  });
});
