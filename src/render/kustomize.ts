// `kubectl kustomize DIR`: the raw, template-free half of a dual-mode chart.
import { resolveTools, type Tools } from '../tools/resolve.js';
import { hashTree } from './cache.js';
import { renderProcess } from './engine.js';
import type { KustomizeRequest, RenderedRelease } from './types.js';

export async function kustomizeBuild(req: KustomizeRequest, tools?: Tools): Promise<RenderedRelease> {
  const tool = (tools ?? (await resolveTools())).kubectl;
  return renderProcess({
    context: { chart: req.chart, cell: req.cell, renderer: 'kustomize' },
    tool,
    args: ['kustomize', req.dir],
    // Only the folder's own files are hashed: a kustomization reaching outside it (../) is not tracked.
    keyParts: { args: ['kustomize'], tree: await hashTree(req.dir), namespace: req.namespace },
    releaseName: req.chart,
    namespace: req.namespace,
    timeoutMs: req.timeoutMs,
    defaultSource: 'kustomization.yaml',
  });
}
