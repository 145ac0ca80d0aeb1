// `helm template` for one chart in one values cell, helm 4 or helm 3.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { RenderError } from '../errors.js';
import { resolveTools, type Tools } from '../tools/resolve.js';
import { chartDigest } from './chart-digest.js';
import { missingDependenciesError, planDependencies, stubNote, writeStubbedCopy } from './dependencies.js';
import { renderProcess } from './engine.js';
import { formatCommand } from '../tools/exec.js';
import type { RenderedRelease } from '../model/release.js';
import type { HelmTemplateRequest } from './types.js';

/** helm arguments for a request, with values objects already written to `valuesObjectFiles`. */
export function helmTemplateArgs(req: HelmTemplateRequest, valuesObjectFiles: string[]): string[] {
  return [
    'template',
    req.releaseName,
    req.chartDir,
    '--namespace',
    req.namespace,
    '--kube-version',
    req.kubeVersion,
    ...(req.apiVersions ?? []).flatMap((a) => ['--api-versions', a]),
    ...[...(req.valuesFiles ?? []), ...valuesObjectFiles].flatMap((f) => ['--values', f]),
    ...(req.set ?? []).flatMap((s) => ['--set', s]),
    // Only when asked, so the arguments (and cache keys) of every other render stay as they were.
    ...(req.isUpgrade ? ['--is-upgrade'] : []),
    ...(req.includeCrds ? ['--include-crds'] : []),
  ];
}

export async function helmTemplate(req: HelmTemplateRequest, tools?: Tools): Promise<RenderedRelease> {
  const tool = (tools ?? (await resolveTools()))[req.renderer];
  const context = { chart: req.chart, cell: req.cell, renderer: req.renderer };
  // Decided from the original chart before any cache lookup or process, so helm's own
  // network-bound "helm dependency build" advice never shows and cached renders carry the same notes.
  const deps = await planDependencies(req.chartDir);
  const stubbing = deps.missing.length > 0;
  if (stubbing && (req.dependencies ?? 'fail') === 'fail') {
    const command = formatCommand(
      tool.path,
      helmTemplateArgs(
        req,
        (req.values ?? []).map((_, i) => `<values-${i}>`),
      ),
    );
    throw missingDependenciesError(context, command, req.chartDir, deps);
  }
  // The unit-test runner passes a hash it computed once per chart (treeDigest too); it shows no link note.
  const tree = req.chartHash !== undefined ? { hash: req.chartHash, outsideLinks: [] } : await chartDigest(req.chartDir);
  // helm follows links; content from outside the chart is keyed by what it holds, and announced.
  const linkNote = tree.outsideLinks.length ? `chart files link outside the chart (helm reads them): ${tree.outsideLinks.join(', ')}` : undefined;
  const noteList = [...(stubbing ? [stubNote(deps.stubs)] : []), ...(linkNote ? [linkNote] : [])];
  const notes = noteList.length ? noteList : undefined;
  // Values objects go to temp files (JSON is YAML), never through a shell or --set escaping.
  // They and a stubbed copy (which keeps the chart's folder name) are written only when helm
  // actually runs, so a cache hit touches no disk; the folder is named now for the arguments.
  const tmp = path.join(os.tmpdir(), `hct-values-${randomUUID()}`);
  const values = req.values ?? [];
  const objectFiles = values.map((_, i) => path.join(tmp, `values-${i}.yaml`));
  const stubDir = path.join(tmp, 'chart', path.basename(req.chartDir));
  const writeTempFiles = async (): Promise<void> => {
    await mkdir(tmp, { mode: 0o700 }); // as mkdtemp: private, and never an existing path
    await Promise.all(values.map((v, i) => writeFile(objectFiles[i], JSON.stringify(v))));
    if (stubbing) await writeStubbedCopy(req.chartDir, stubDir, deps);
  };
  try {
    const args = helmTemplateArgs({ ...req, chartDir: stubbing ? stubDir : req.chartDir }, objectFiles);
    // The key names values by content, not by temp path, so equal cells share a render.
    const keyArgs = helmTemplateArgs(
      { ...req, chartDir: '<chart>' },
      objectFiles.map((_, i) => `<values-${i}>`),
    );
    const out = await renderProcess({
      context,
      tool,
      args,
      keyParts: {
        keyArgs,
        // The original tree, never the temp copy; stub details only when stubbing, so keys of
        // charts with nothing missing (the render is the same in either mode) stay as they were.
        chart: tree.hash,
        ...(stubbing ? { dependencies: { mode: 'stub', stubs: deps.stubs, dropped: deps.missing.flatMap((d) => d.stale) } } : {}),
        valuesFiles: await Promise.all((req.valuesFiles ?? []).map((f) => readFile(f, 'utf8'))),
        values,
        // Only a repeat enters the key: first renders keep the keys (and cache) they always had.
        ...(req.attempt ? { attempt: req.attempt } : {}),
      },
      releaseName: req.releaseName,
      namespace: req.namespace,
      timeoutMs: req.timeoutMs,
      defaultSource: path.basename(req.chartDir),
      beforeRun: writeTempFiles,
      maxOutputBytes: req.maxOutputBytes,
      cacheLimits: req.cacheLimits,
      processSlot: req.processSlot,
    }).catch((err: unknown) => {
      // A parent template that includes a stubbed chart's helpers fails; say why next to helm's words.
      if (err instanceof RenderError && stubbing)
        throw new RenderError(err.context, err.command, `${err.detail.trim()}\nnote: ${stubNote(deps.stubs)}`, err.what);
      throw err;
    });
    const all = [...(notes ?? []), ...(out.notes ?? [])];
    return all.length ? { ...out, notes: all } : out;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
