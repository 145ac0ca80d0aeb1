// Bench figure (issue 14): loading a Flux kit of 20 Kustomizations and 100 HelmReleases,
// and the time beyond the kustomize builds themselves (goal ≤ 0.5 s). The kit is made in a
// temp dir: one cluster folder listing 20 Flux Kustomizations (postBuild substitute and
// substituteFrom a ConfigMap in the repo), each path holding 5 HelmReleases with valuesFrom;
// half the paths have a kustomization.yaml (built by the pinned kubectl), half do not
// (Flux's generated kustomization: every YAML, read directly).
//
//   loadMs          median wall time of loadKit with the real kubectl
//   buildsMs        wall time during which at least one kubectl kustomize ran (builds run 2 at a
//                   time, while the loader substitutes and parses what is already built)
//   beyondBuildsMs  loadMs − buildsMs: the loader's time that no build hides
//   replayedMs      median loadKit with each build's output replayed from memory (no process at
//                   all): the loader's own time, without the noise of processes on a busy machine
//
// `npm run bench -- --only fluxkit`
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadKit, type KustomizeRunner } from '../../src/render/flux.js';
import { kustomizeKitBuild } from '../../src/render/kustomize.js';
import type { Figure } from './figure.js';
import { log, median } from './measure.js';

const KUSTOMIZATIONS = 20;
const RELEASES_PER_PATH = 5;
const RUNS = 7;

export interface FluxKitFigures {
  kustomizations: number;
  helmReleases: number;
  builds: number;
  loadMs: number;
  buildsMs: number;
  beyondBuildsMs: number;
  replayedMs: number;
  goalMs: number;
}

const release = (app: number, i: number) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: app${app}-r${i}
spec:
  interval: 10m
  chart:
    spec:
      chart: chart${i}
      version: ">=1.0.0 <2.0.0"
      sourceRef: {kind: HelmRepository, name: charts}
  valuesFrom:
    - kind: ConfigMap
      name: app${app}-values
  values:
    domain: \${domain}
    replicas: \${replicas:=2}
    env: \${cluster}
    resources: {requests: {cpu: 10m, memory: 32Mi}}
`;

export async function makeKit(dir: string): Promise<void> {
  const write = async (rel: string, text: string) => {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  };
  await write(
    'clusters/bench/settings.yaml',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: flux-system\ndata:\n  domain: bench.example.com\n',
  );
  for (let app = 0; app < KUSTOMIZATIONS; app++) {
    await write(
      `clusters/bench/app${app}.yaml`,
      `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: app${app}\n  namespace: flux-system\nspec:\n  interval: 10m\n  prune: true\n` +
        `  path: ./apps/app${app}\n  targetNamespace: app${app}\n  sourceRef: {kind: GitRepository, name: flux-system}\n` +
        `  postBuild:\n    substitute: {cluster: bench}\n    substituteFrom:\n      - {kind: ConfigMap, name: settings}\n`,
    );
    const files = Array.from({ length: RELEASES_PER_PATH }, (_, i) => `r${i}.yaml`);
    for (const [i, f] of files.entries()) await write(`apps/app${app}/${f}`, release(app, i));
    await write(
      `apps/app${app}/values.yaml`,
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app${app}-values\ndata:\n  values.yaml: |\n    logLevel: info\n    app: app${app}\n`,
    );
    if (app % 2 === 0) await write(`apps/app${app}/kustomization.yaml`, `resources:\n${[...files, 'values.yaml'].map((f) => `  - ${f}\n`).join('')}`);
  }
}

async function measure(tmp: string, kubectl: Parameters<typeof kustomizeKitBuild>[2]): Promise<FluxKitFigures> {
  const dir = await mkdtemp(path.join(tmp, 'flux-kit-'));
  try {
    await makeKit(dir);
    const outputs = new Map<string, string>();
    const options = (kustomize: KustomizeRunner) => ({
      root: dir,
      clusters: [{ name: 'bench', path: 'clusters/bench' }],
      sources: [],
      strict: true,
      timeoutMs: 60_000,
      kustomize,
    });
    const loads: number[] = [];
    const beyond: number[] = [];
    let builds = 0;
    let helmReleases = 0;
    for (let i = 0; i < RUNS; i++) {
      let inBuilds = 0;
      let running = 0;
      let since = 0;
      builds = 0;
      const real: KustomizeRunner = async (abs, label) => {
        if (running++ === 0) since = performance.now();
        try {
          const out = await kustomizeKitBuild(abs, label, kubectl, 60_000);
          builds++;
          outputs.set(abs, out);
          return out;
        } finally {
          if (--running === 0) inBuilds += performance.now() - since;
        }
      };
      const t = performance.now();
      const kit = await loadKit(options(real));
      const ms = performance.now() - t;
      helmReleases = kit.helmReleases.length;
      loads.push(ms);
      beyond.push(ms - inBuilds);
    }
    const replay: KustomizeRunner = async (abs) => outputs.get(abs) ?? '';
    const replayed: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await loadKit(options(replay));
      replayed.push(performance.now() - t);
    }
    const loadMs = median(loads);
    const beyondBuildsMs = median(beyond);
    return {
      kustomizations: KUSTOMIZATIONS,
      helmReleases,
      builds,
      loadMs: round(loadMs),
      buildsMs: round(loadMs - beyondBuildsMs),
      beyondBuildsMs: round(beyondBuildsMs),
      replayedMs: round(median(replayed)),
      goalMs: 500,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export const fluxkit: Figure = {
  id: 'fluxkit',
  title: 'Flux kit: 20 Kustomizations, 100 HelmReleases, time beyond the kustomize builds',
  async run(ctx) {
    log('flux kit: 20 Flux Kustomizations, 100 HelmReleases');
    const f = await measure(ctx.tmp, ctx.suite.tools.kubectl);
    const own = Math.max(f.beyondBuildsMs, f.replayedMs);
    return {
      results: { fluxkit: f },
      rows: [
        {
          what: 'flux kit load (20 Kustomizations, 100 HelmReleases)',
          figure: `${f.loadMs} ms (${f.builds} kubectl builds ${f.buildsMs} ms)`,
          goal: '-',
          met: undefined,
        },
        {
          what: 'flux kit: time beyond the kustomize builds',
          figure: `${f.beyondBuildsMs} ms (replayed builds: ${f.replayedMs} ms)`,
          goal: `≤ ${f.goalMs} ms`,
          met: own <= f.goalMs,
        },
      ],
    };
  },
};
