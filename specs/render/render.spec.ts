import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RenderError } from '../../src/errors.js';
import { cachedRender, hashOf } from '../../src/render/cache.js';
import { helmTemplate } from '../../src/render/helm.js';
import { kustomizeBuild } from '../../src/render/kustomize.js';
import type { HelmTemplateRequest } from '../../src/render/types.js';
import { helmRequest } from '../support/fixture-charts.js';
import { resolveTools, type Tools } from '../../src/tools/resolve.js';
import { fakeBin, withFake } from '../support/fake-tools.js';

let tools: Tools;
let work: string;
let chartDir: string;

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-cm
data:
  value: {{ .Values.value | quote }}
`;

function request(overrides: Partial<HelmTemplateRequest> = {}): HelmTemplateRequest {
  return helmRequest(chartDir, overrides);
}

async function writeChart(dir: string, templates: Record<string, string>): Promise<void> {
  await mkdir(path.join(dir, 'templates'), { recursive: true });
  await writeFile(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 0.1.0\n');
  await writeFile(path.join(dir, 'values.yaml'), 'value: default\n');
  for (const [name, body] of Object.entries(templates)) await writeFile(path.join(dir, 'templates', name), body);
}

beforeAll(async () => {
  tools = await resolveTools();
  work = await mkdtemp(path.join(os.tmpdir(), 'hct-render-'));
  chartDir = path.join(work, 'demo chart ünïcode');
  await writeChart(chartDir, { 'cm.yaml': CONFIGMAP });
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('helm template', () => {
  it.each(['helm4', 'helm3'] as const)('%s renders a chart whose path has spaces and non-ASCII characters', async (renderer) => {
    const out = await helmTemplate(request({ renderer }), tools);
    expect(out.manifests).toEqual([
      {
        kind: 'ConfigMap',
        apiVersion: 'v1',
        name: 'rel-cm',
        namespace: 'ns',
        source: 'demo/templates/cm.yaml',
        index: 0,
        object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'rel-cm' }, data: { value: 'default' } },
      },
    ]);
  });

  it('passes values with shell metacharacters literally: nothing is executed', async () => {
    const nasty = `$(touch x) ; rm -rf nothing \`id\` 'single' "double"\nsecond line && echo pwned`;
    const cwdFile = path.join(process.cwd(), 'x');
    const out = await helmTemplate(request({ values: [{ value: nasty }], cell: 'nasty' }), tools);
    expect(out.manifests[0].object.data).toEqual({ value: nasty });
    const viaSet = await helmTemplate(request({ set: ['value=$(touch x);echo'], cell: 'nasty-set' }), tools);
    expect(viaSet.manifests[0].object.data).toEqual({ value: '$(touch x);echo' });
    await expect(readdir(process.cwd())).resolves.not.toContain('x');
    expect(cwdFile).toBeTruthy();
  });

  it("quotes the template's own `fail` message and names chart, cell, renderer and command", async () => {
    const dir = path.join(work, 'failing');
    await writeChart(dir, { 'cm.yaml': '{{ fail "database.existingSecret is required" }}\n' });
    const err = await helmTemplate(request({ chartDir: dir, chart: 'failing', cell: 'no-db' }), tools).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RenderError);
    const msg = (err as Error).message;
    expect(msg).toMatch(
      /^render failed: chart failing, cell no-db, renderer helm4\n {2}command: \S+helm template rel \S+failing --namespace ns --kube-version 1\.35\.0\n/,
    );
    expect(msg).toContain('database.existingSecret is required');
    expect(msg).not.toMatch(/\n\s+at /); // no stack frames in the message
  });

  it("keeps helm's own YAML error, which names the template and line", async () => {
    const dir = path.join(work, 'badyaml');
    await writeChart(dir, { 'ok.yaml': CONFIGMAP, 'broken.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: [unclosed\n' });
    const err = await helmTemplate(request({ chartDir: dir, chart: 'badyaml' }), tools).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RenderError);
    expect((err as Error).message).toContain('YAML parse error on demo/templates/broken.yaml: error converting YAML to JSON: yaml: line 5');
  });

  it('names the source template and line when a renderer prints invalid YAML', async () => {
    const garbage = [
      '---',
      '# Source: demo/templates/ok.yaml',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: ok}',
      '---',
      '# Source: demo/templates/bad.yaml',
      'apiVersion: v1',
      'kind: [ConfigMap',
      '',
    ];
    const fake = await fakeBin(`printf '%s\\n' ${garbage.map((l) => `'${l}'`).join(' ')}`);
    try {
      const err = await helmTemplate(request({ cell: 'garbage' }), withFake(tools, 'helm4', fake.path)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RenderError);
      expect((err as Error).message).toMatch(/^rendered output is not valid YAML: chart demo, cell garbage, renderer helm4\n/);
      expect((err as Error).message).toMatch(
        /\n {2}template demo\/templates\/bad\.yaml, line 4: Flow sequence in block collection must be sufficiently indented and end with a \]$/,
      );
    } finally {
      await fake.cleanup();
    }
  });

  it('serves an identical request from the cache, however the values temp files are named', async () => {
    const first = await helmTemplate(request({ values: [{ value: 'cache-me' }], cell: 'a' }), tools);
    const second = await helmTemplate(request({ values: [{ value: 'cache-me' }], cell: 'b' }), tools);
    expect(second.cached).toBe(true);
    expect(second.manifests).toEqual(first.manifests);
  });

  it('a pinned helm at another path (a moved checkout) reuses the render; a HELM_BIN at another path does not', async () => {
    const link = path.join(work, 'moved-checkout-helm');
    await symlink(tools.helm4.path, link);
    const values = [{ value: `moved-${Date.now()}` }];
    const pinned = { ...tools, helm4: { ...tools.helm4, source: 'pinned' as const } };
    expect((await helmTemplate(request({ values }), pinned)).cached).toBe(false);
    const pinnedElsewhere = { ...tools, helm4: { ...tools.helm4, path: link, source: 'pinned' as const } };
    expect((await helmTemplate(request({ values }), pinnedElsewhere)).cached).toBe(true);
    // A user's binary is known by its path only: another path may be another build.
    const named = { ...tools, helm4: { ...tools.helm4, path: link, source: 'env' as const } };
    expect((await helmTemplate(request({ values }), named)).cached).toBe(false);
  });
});

describe('fault handling with fake binaries', () => {
  it('shows the stderr of a helm that exits 1', async () => {
    const fake = await fakeBin('echo "Error: chart requires kubeVersion: >=1.99" >&2; exit 1');
    try {
      const err = await helmTemplate(request(), withFake(tools, 'helm4', fake.path)).catch((e: unknown) => e);
      expect((err as Error).message).toContain('exit code 1:\n  Error: chart requires kubeVersion: >=1.99');
    } finally {
      await fake.cleanup();
    }
  });

  it('kills a hanging helm and its children at the timeout, leaving no process behind', async () => {
    const marker = `hct-hang-${process.pid}-${Date.now()}`;
    // `sleep N marker` fails (extra operand) on GNU sleep; bash -c keeps the marker in argv.
    const fake = await fakeBin(`bash -c 'sleep 300' ${marker} &\nbash -c 'sleep 300' ${marker}\nwait`);
    try {
      const started = Date.now();
      const err = await helmTemplate(request({ timeoutMs: 800 }), withFake(tools, 'helm4', fake.path)).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect((err as Error).message).toContain('killed after 0.8s timeout');
      await new Promise((r) => setTimeout(r, 300));
      const ps = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
      expect(ps.split('\n').filter((l) => l.includes(marker))).toEqual([]);
    } finally {
      await fake.cleanup();
    }
  });
});

describe('kubectl kustomize', () => {
  it('renders a kustomization folder and gives namespaced objects the release namespace', async () => {
    const dir = path.join(work, 'kust');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'kustomization.yaml'), 'resources:\n  - cm.yaml\n');
    await writeFile(path.join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata:\n  a: "1"\n');
    const out = await kustomizeBuild({ chart: 'demo', cell: 'kit', dir, namespace: 'catalyst-system', timeoutMs: 20_000 }, tools);
    expect(out.manifests.map((m) => [m.kind, m.namespace, m.name])).toEqual([['ConfigMap', 'catalyst-system', 'plain']]);
    expect(out.renderer).toBe('kustomize');
  });
});

describe('render cache', () => {
  it('runs a render once when two callers ask at the same time', async () => {
    let runs = 0;
    const key = hashOf(`concurrent-${Date.now()}-${Math.random()}`);
    const produce = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 100));
      return 'kind: X\n';
    };
    const meta = { chart: 'c', cell: 'x', renderer: 'helm4', timeoutMs: 5_000 };
    const results = await Promise.all([cachedRender(key, meta, produce), cachedRender(key, meta, produce)]);
    expect(runs).toBe(1);
    expect(results.map((r) => r.cached).sort()).toEqual([false, true]);
  });
});
