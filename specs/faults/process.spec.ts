// Issue 7, rows 9 and 17: a renderer that hangs (killed at the timeout, no orphan left),
// and a very large render (completes, memory bounded — measured in a child process).
import { execFileSync } from 'node:child_process';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { RenderError } from '../../src/errors.js';
import { helmTemplate } from '../../src/render/helm.js';
import { resolveTools, type Tools } from '../../src/tools/resolve.js';
import { fakeBin, withFake } from '../support/fake-tools.js';
import { CHARTS, PROJECT, chartEntry, checkPatched, expectClean, privateCache, renderFailures, suiteEdit, useWorkDir } from './support/cli.js';

let tools: Tools;
const workDir = useWorkDir('process');

beforeAll(async () => {
  tools = await resolveTools();
});

/** Processes whose command line carries `marker`. */
function processesWith(marker: string): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(marker) && !l.includes('ps -eo'));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Concurrent: both rows mostly wait on child processes (a 2 s timeout, a 2 s grace), so their waits overlap.
describe.concurrent('row 9: a renderer that hangs', () => {
  it('check: helm killed at defaults.timeoutMs with its children; exit 1, message names chart, cell, renderer and the fix; no orphan', async () => {
    const marker = `hct-hang-cli-${process.pid}-${Date.now()}`;
    // A helm 4 that hangs (with two children) on bp-catalyst-platform and is the real helm 4 otherwise.
    const fake = await fakeBin(
      [
        'if [ "$1" = version ]; then printf v4.1.4; exit 0; fi',
        'case "$*" in',
        `  *products/catalyst/chart*) bash -c 'sleep 300' ${marker} & bash -c 'sleep 300' ${marker}; wait ;;`,
        `  *) exec '${tools.helm4.path}' "$@" ;;`,
        'esac',
      ].join('\n'),
    );
    try {
      const cache = await privateCache(path.join(workDir(), 'hang-cache'));
      const started = Date.now();
      // 2 s: short for a hang, long enough that the real renders beside it never hit it on a loaded CI machine.
      // Two of the chart's four cells (marketplace off): each hanging helm run costs the full 2 s (cell, determinism
      // probe, kit release, helm-unittest inputs), and two cells show the per-cell report as well as four.
      const edit = await suiteEdit((doc) => {
        doc.setIn(['defaults', 'timeoutMs'], 2000);
        chartEntry(doc, 'bp-catalyst-platform').setIn(['matrix', 'exclude'], doc.createNode([{ marketplace: 'on' }]));
      });
      const res = await checkPatched([edit], ['--chart', 'bp-catalyst-platform'], { env: { HELM_BIN: fake.path, HCT_CACHE_DIR: cache.dir } });
      expect(Date.now() - started).toBeLessThan(30_000);
      expectClean(res, 1);
      const failures = renderFailures(res.stdout);
      expect(failures.startsWith('render failures (2 subjects, 2 distinct):\n')).toBe(true);
      for (const cell of ['defaults.off', 'kit.off']) {
        expect(failures).toContain(
          `  bp-catalyst-platform · ${cell} · helm4:\n    render failed: chart bp-catalyst-platform, cell ${cell}, renderer helm4\n` +
            `      command: ${fake.path} template catalyst-system-bp-catalyst-platform `,
        );
      }
      expect(failures).toContain(
        '      killed after 2s timeout: the renderer had not finished, so it and every process it started were stopped\n' +
          '      fix: if the chart really renders this slowly, raise defaults.timeoutMs in the suite config\n',
      );
      await sleep(300);
      expect(processesWith(marker)).toEqual([]);
      // The render cache holds finished renders only: no lock or partial file, no killed render.
      const left = await cache.renders();
      expect(left.filter((f) => !f.endsWith('.yaml'))).toEqual([]);
      // helm 3: the 2 cells + both charts' kit-release renders; helm 4: bp-newapi's kit-release (the fake runs the real helm there);
      // kustomize (defaults.off); helm 3: the 2 distinct inputs of the chart's helm-unittest file (issue 15; helm 4 hangs on them too).
      expect(left).toHaveLength(8);
      // Renders hold Secret values: owner-only files.
      for (const f of left) expect((await stat(path.join(cache.dir, 'renders', f))).mode & 0o777).toBe(0o600);
    } finally {
      await fake.cleanup();
    }
  });

  it('a renderer that ignores SIGTERM is SIGKILLed after the grace period, children included', async () => {
    const marker = `hct-hang-term-${process.pid}-${Date.now()}`;
    const fake = await fakeBin(`trap '' TERM\nbash -c "trap '' TERM; sleep 300" ${marker} &\nbash -c "trap '' TERM; sleep 300" ${marker}\nwait\n`);
    try {
      const started = Date.now();
      const err = await helmTemplate(
        {
          chart: 'bp-newapi',
          cell: 'hang',
          renderer: 'helm4',
          chartDir: path.join(CHARTS, 'platform/newapi/chart'),
          releaseName: 'newapi',
          namespace: 'newapi',
          kubeVersion: '1.35.0',
          timeoutMs: 400,
        },
        withFake(tools, 'helm4', fake.path),
      ).catch((e: unknown) => e);
      const took = Date.now() - started;
      expect(err).toBeInstanceOf(RenderError);
      expect((err as Error).message).toMatch(/^render failed: chart bp-newapi, cell hang, renderer helm4\n {2}command: .+\n {2}killed after 0\.4s timeout: /);
      // 0.4 s timeout + 2 s grace before SIGKILL, with slack for a loaded machine.
      expect(took).toBeGreaterThanOrEqual(2_000);
      expect(took).toBeLessThan(10_000);
      await sleep(300);
      expect(processesWith(marker)).toEqual([]);
    } finally {
      await fake.cleanup();
    }
  });
});

/** Child script: render the big chart with helm 4 and helm 3 (no cache), parse, report time and memory. */
function bigRenderScript(chartDir: string): string {
  // The compiled render layer under plain node (the global setup keeps dist/ fresh): no tsx start-up in the figures.
  const helm = pathToFileURL(path.join(PROJECT, 'dist/render/helm.js')).href;
  return `import { readFileSync, existsSync } from 'node:fs';
import { helmTemplate } from ${JSON.stringify(helm)};
// Peak RSS of this process, and of the helm child (VmHWM from /proc, when available).
let nodePeak = process.memoryUsage().rss;
let helmPeakKb = 0;
const childrenFile = '/proc/' + process.pid + '/task/' + process.pid + '/children';
const sample = () => {
  nodePeak = Math.max(nodePeak, process.memoryUsage().rss);
  if (!existsSync(childrenFile)) return;
  for (const pid of readFileSync(childrenFile, 'utf8').trim().split(/\\s+/).filter(Boolean)) {
    try {
      const m = /VmHWM:\\s+(\\d+) kB/.exec(readFileSync('/proc/' + pid + '/status', 'utf8'));
      if (m) helmPeakKb = Math.max(helmPeakKb, Number(m[1]));
    } catch {}
  }
};
const timer = setInterval(sample, 10);
const out = {};
for (const renderer of ['helm4', 'helm3']) {
  const t0 = performance.now();
  const r = await helmTemplate({ chart: 'big', cell: 'big', renderer, chartDir: ${JSON.stringify(chartDir)}, releaseName: 'big', namespace: 'big', kubeVersion: '1.35.0', timeoutMs: 120000 });
  out[renderer] = { objects: r.manifests.length, ms: Math.round(performance.now() - t0), cached: r.cached };
}
clearInterval(timer);
sample();
out.nodePeakRssMb = Math.round(nodePeak / 2 ** 20);
out.nodeMaxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
out.helmPeakRssMb = Math.round(helmPeakKb / 1024);
process.stdout.write(JSON.stringify(out) + '\\n');
`;
}

describe.concurrent('row 17: a very large render', () => {
  it('5,000 objects: both helm majors render and parse; time and memory stay bounded (child process)', async () => {
    const chartDir = path.join(workDir(), 'big chart');
    await mkdir(path.join(chartDir, 'templates'), { recursive: true });
    await writeFile(path.join(chartDir, 'Chart.yaml'), 'apiVersion: v2\nname: big\nversion: 0.1.0\n');
    await writeFile(path.join(chartDir, 'values.yaml'), 'count: 5000\n');
    await writeFile(
      path.join(chartDir, 'templates', 'many.yaml'),
      [
        '{{- range $i := until (int .Values.count) }}',
        '---',
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: cm-{{ $i }}',
        '  labels:',
        '    app.kubernetes.io/name: big',
        '    index: "{{ $i }}"',
        'data:',
        '  key: "value-{{ $i }}"',
        '  blob: "{{ repeat 200 "x" }}"',
        '{{- end }}',
        '',
      ].join('\n'),
    );
    const script = path.join(workDir(), 'big-render.mjs');
    await writeFile(script, bigRenderScript(chartDir));
    const res = await execa(process.execPath, [script], { cwd: PROJECT, env: { HCT_RENDER_CACHE: '0', HCT_RUN_DIR: '' }, reject: false, timeout: 120_000 });
    expect(res.exitCode, String(res.stderr)).toBe(0);
    const m = JSON.parse(String(res.stdout).trim().split('\n').at(-1)!) as {
      helm4: { objects: number; ms: number; cached: boolean };
      helm3: { objects: number; ms: number; cached: boolean };
      nodePeakRssMb: number;
      nodeMaxRssMb: number;
      helmPeakRssMb: number;
    };
    // The figures docs/errors.md (Large render, row 17) quotes come from this line.
    process.stdout.write(`large render: ${JSON.stringify(m)}\n`);
    expect(m.helm4).toMatchObject({ objects: 5000, cached: false });
    expect(m.helm3).toMatchObject({ objects: 5000, cached: false });
    expect(m.nodeMaxRssMb).toBeLessThan(1536);
    expect(m.helmPeakRssMb).toBeLessThan(1536);
    expect(m.helm4.ms + m.helm3.ms).toBeLessThan(60_000);
  });
});
