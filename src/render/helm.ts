// `helm template` for one chart in one values cell, helm 4 or helm 3.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resolveTools, type Tools } from '../tools/resolve.js';
import { hashTree } from './cache.js';
import { renderProcess } from './engine.js';
import type { HelmTemplateRequest, RenderedRelease } from './types.js';

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
  ];
}

export async function helmTemplate(req: HelmTemplateRequest, tools?: Tools): Promise<RenderedRelease> {
  const tool = (tools ?? (await resolveTools()))[req.renderer];
  // Values objects go to temp files (JSON is YAML), never through a shell or --set escaping.
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'hct-values-'));
  try {
    const objectFiles = await Promise.all(
      (req.values ?? []).map(async (v, i) => {
        const f = path.join(tmp, `values-${i}.yaml`);
        await writeFile(f, JSON.stringify(v));
        return f;
      }),
    );
    // The key names values by content, not by temp path, so equal cells share a render.
    const args = helmTemplateArgs(req, objectFiles);
    const keyArgs = helmTemplateArgs({ ...req, chartDir: '<chart>' }, objectFiles.map((_, i) => `<values-${i}>`));
    return await renderProcess({
      context: { chart: req.chart, cell: req.cell, renderer: req.renderer },
      tool,
      args,
      keyParts: {
        keyArgs,
        chart: await hashTree(req.chartDir),
        valuesFiles: await Promise.all((req.valuesFiles ?? []).map((f) => readFile(f, 'utf8'))),
        values: req.values ?? [],
      },
      releaseName: req.releaseName,
      namespace: req.namespace,
      timeoutMs: req.timeoutMs,
      defaultSource: path.basename(req.chartDir),
    });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
