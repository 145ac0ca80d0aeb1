// What kustomize-controller builds for one path of the repository: the kustomization file
// when there is one (`kubectl kustomize`, via the runner the caller gives), else every
// *.yaml/*.yml under the path, recursively in lexical order, a sub-folder holding a
// kustomization file built as a unit (Flux's generated kustomization, flux-facts §3.2).
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, withHint } from '../../errors.js';
import type { K8sObject } from '../../manifests/types.js';
import { isMap, readYamlText } from '../../manifests/yaml.js';
import { KUSTOMIZATION_FILES } from '../kustomize.js';
import { parseKitFile, type KitDocument } from './documents.js';
import { rel } from './folder.js';

/** Runs `kubectl kustomize` on a folder (absolute path; `label` names it in messages) and returns its output. */
export type KustomizeRunner = (absDir: string, label: string) => Promise<string>;

export interface BuiltDocument {
  doc: KitDocument;
  /** Text the document was parsed from (a file, or a build's output), for line lookups. */
  source: string;
  /** File (or `folder (kustomize build)`) for messages, relative to the root. */
  file: string;
}

/** Files and folders the source-controller leaves out of a Git artifact by default (flux-facts §2). */
const IGNORED = new Set([
  '.git',
  '.github',
  '.circleci',
  '.travis.yml',
  '.gitlab-ci.yml',
  'appveyor.yml',
  '.drone.yml',
  'cloudbuild.yaml',
  'codeship-services.yml',
  'codeship-steps.yml',
  '.goreleaser.yml',
  '.sops.yaml',
  '.flux.yaml',
]);

const LOCAL_CONFIG = 'config.kubernetes.io/local-config';

export async function hasKustomization(absDir: string): Promise<boolean> {
  const names = await readdir(absDir).catch(() => [] as string[]);
  return KUSTOMIZATION_FILES.some((f) => names.includes(f));
}

/** The objects Flux builds for `absDir` (which must exist), before substitution. */
export async function buildPath(root: string, absDir: string, kustomize: KustomizeRunner): Promise<BuiltDocument[]> {
  if (await hasKustomization(absDir)) return built(root, absDir, kustomize);
  const out: BuiltDocument[] = [];
  await walk(root, absDir, absDir, kustomize, out);
  return out;
}

async function built(root: string, absDir: string, kustomize: KustomizeRunner): Promise<BuiltDocument[]> {
  const label = rel(root, absDir) || '.';
  const source = await kustomize(absDir, label);
  const file = `${label} (kustomize build)`;
  return expandLists(parseKitFile(source, file).map((doc) => ({ doc, source, file })));
}

async function walk(root: string, top: string, dir: string, kustomize: KustomizeRunner, out: BuiltDocument[]): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (IGNORED.has(e.name)) continue;
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (await hasKustomization(abs)) out.push(...(await built(root, abs, kustomize)));
      else await walk(root, top, abs, kustomize, out);
    } else if (e.isFile() && /\.ya?ml$/.test(e.name)) {
      const file = rel(root, abs);
      const source = await readYamlText(abs, file);
      const docs = parseKitFile(source, file);
      for (const doc of docs) checkObject(doc, file, rel(root, top) || '.');
      out.push(...expandLists(docs.map((doc) => ({ doc, source, file }))));
    }
  }
}

/** Flux's generator decodes every file as Kubernetes YAML: anything else fails the whole Kustomization. */
function checkObject(doc: KitDocument, file: string, folder: string): void {
  const kind = doc.object.kind;
  const missing = typeof kind !== 'string' || !kind ? 'kind' : !kind.endsWith('List') && !doc.object.metadata?.name ? 'metadata.name' : undefined;
  if (!missing) return;
  throw withHint(
    new ConfigError(
      `${file}:${doc.line}: document ${doc.index} is not a Kubernetes object (missing ${missing}): Flux fails the build of ${folder}, which has no kustomization.yaml`,
    ),
    `without a kustomization.yaml Flux takes every *.yaml under the folder; add a kustomization.yaml listing the manifests, or move ${path.posix.basename(file)} out of ${folder}`,
  );
}

/** `kind: *List` documents become their items; `local-config` documents are dropped, as kustomize does. */
function expandLists(docs: BuiltDocument[]): BuiltDocument[] {
  return docs.flatMap((d) => {
    const o = d.doc.object;
    if (isMap(o.metadata?.annotations) && o.metadata?.annotations?.[LOCAL_CONFIG] !== undefined) return [];
    if (typeof o.kind !== 'string' || !o.kind.endsWith('List') || !Array.isArray(o.items)) return [d];
    return (o.items as unknown[]).filter(isMap).map((item) => ({ ...d, doc: { ...d.doc, object: item as K8sObject } }));
  });
}
