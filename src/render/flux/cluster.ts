// One cluster of a Flux kit, built as Flux reconciles it: the cluster folder first (what
// `flux bootstrap` applies), then every Flux Kustomization found in a build whose source is
// this repository, each with its own path, targetNamespace and postBuild substitution.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../../errors.js';
import { effectiveNamespace, isClusterScoped } from '../../manifests/scope.js';
import type { K8sObject, Manifest } from '../../manifests/types.js';
import { isMap } from '../../manifests/yaml.js';
import type { FluxHelmRelease } from '../flux-types.js';
import { buildPath, type BuiltDocument, type KustomizeRunner } from './build.js';
import { substituteDocument } from './documents.js';
import { rel } from './folder.js';
import { chartPinOf, deriveRelease, valuesOf, type ObjectLookup } from './release.js';
import { missingSubstituteFrom, postBuildVariables, type VariableStandIn } from './post-build.js';
import { composeValues } from './values-from.js';
import { readVariables } from './variables.js';

export interface ClusterSpec {
  /** Name reports use (`kitValues: <name>` picks its values). */
  name: string;
  /** Folder Flux reconciles for this cluster, relative to the root (e.g. clusters/staging). */
  path: string;
  /** Variables the cluster holds outside Git: stand in for substituteFrom objects the repository lacks. */
  variablesFile?: string;
}

/** A Flux source (GitRepository, OCIRepository, Bucket…) whose content is a folder of this repository. */
export interface SourceMapping {
  kind: string;
  name: string;
  namespace: string;
  /** Folder relative to the root (`.` = the repository). */
  path: string;
}

export interface LoadClusterOptions {
  root: string;
  cluster: ClusterSpec;
  sources: SourceMapping[];
  strict: boolean;
  kustomize: KustomizeRunner;
}

export interface LoadedCluster {
  name: string;
  helmReleases: FluxHelmRelease[];
  objects: Manifest[];
  /** The HelmRelease documents themselves, after substitution (the schema contract validates them). */
  releaseObjects: Manifest[];
  /** What the reports should say about this cluster's kit: sources not followed, stand-ins used, optional refs skipped. */
  notes: string[];
  /** Values that came from Secrets (substituteFrom, valuesFrom): redacted from every report. */
  secrets: string[];
  /** The cluster's variables file (empty without one). */
  variables: Record<string, string>;
}

interface KitObject {
  object: K8sObject;
  file: string;
  index: number;
  line: number;
  /** `namespace/name` of the Flux Kustomization whose build holds it; absent for the cluster folder. */
  kustomization?: string;
}

const IS_KUSTOMIZATION = (o: K8sObject) => o.kind === 'Kustomization' && String(o.apiVersion ?? '').startsWith('kustomize.toolkit.fluxcd.io/');
const IS_HELMRELEASE = (o: K8sObject) => o.kind === 'HelmRelease' && String(o.apiVersion ?? '').startsWith('helm.toolkit.fluxcd.io/');

export async function loadCluster(opts: LoadClusterOptions): Promise<LoadedCluster> {
  const { root, cluster } = opts;
  const entry = path.resolve(root, cluster.path);
  if (!(await isDir(entry))) throw new ConfigError(`cluster ${cluster.name}: ${cluster.path} is no folder under ${root}`);
  const standIn: VariableStandIn | undefined =
    cluster.variablesFile === undefined
      ? undefined
      : {
          file: cluster.variablesFile,
          variables: await readVariables(path.resolve(root, cluster.variablesFile), cluster.variablesFile),
        };
  const out: LoadedCluster = {
    name: cluster.name,
    helmReleases: [],
    objects: [],
    releaseObjects: [],
    notes: [],
    secrets: [],
    variables: standIn?.variables ?? {},
  };
  const all: KitObject[] = [];
  const index = new Map<string, KitObject>();
  const keyOf = (kind: string, ns: string, name: string) => `${kind}/${ns}/${name}`;
  const nsOf = (o: K8sObject) => effectiveNamespace(String(o.kind), o.metadata?.namespace, 'default') ?? '';
  const lookup: ObjectLookup = (kind, ns, name) => index.get(keyOf(kind, ns, name))?.object;
  const add = (docs: BuiltDocument[], objects: K8sObject[], kustomization?: string) =>
    docs.forEach((d, i) => {
      const o: KitObject = { object: objects[i], file: d.file, index: d.doc.index, line: d.doc.line, ...(kustomization ? { kustomization } : {}) };
      all.push(o);
      index.set(keyOf(String(o.object.kind), nsOf(o.object), String(o.object.metadata?.name)), o);
    });

  const entryDocs = await buildPath(root, entry, opts.kustomize);
  add(
    entryDocs,
    entryDocs.map((d) => d.doc.object),
  );
  const queue: KitObject[] = [];
  const seen = new Set<string>();
  // Builds start as soon as a Kustomization is found (they do not depend on substitution), so
  // kubectl runs while earlier builds are substituted and parsed.
  const builds = new Map<KitObject, Promise<BuiltDocument[] | undefined>>();
  const enqueue = (k: KitObject) => {
    const id = `${nsOf(k.object)}/${k.object.metadata?.name}`;
    if (!IS_KUSTOMIZATION(k.object) || seen.has(id)) return;
    seen.add(id);
    queue.push(k);
    const target = targetOf(k, nsOf(k.object), entry, opts);
    if (!target.dir || target.self) return;
    const dir = target.dir;
    const build = isDir(dir).then((ok) => (ok ? buildPath(root, dir, opts.kustomize) : undefined));
    build.catch(() => undefined); // awaited (and reported) when its turn comes
    builds.set(k, build);
  };
  all.forEach(enqueue);
  while (queue.length) {
    // substituteFrom objects may come from a later build: take a Kustomization whose objects are all there first.
    const ready = queue.findIndex((k) => missingSubstituteFrom(k.object, nsOf(k.object), lookup) === 0);
    const [ks] = queue.splice(ready === -1 ? 0 : ready, 1);
    const built = await buildKustomization(ks, targetOf(ks, nsOf(ks.object), entry, opts), builds.get(ks), opts, lookup, standIn, out);
    if (!built) continue;
    add(built.docs, built.objects, built.id);
    all.slice(all.length - built.docs.length).forEach(enqueue);
  }

  const releases = new Map<string, string>();
  for (const o of all) {
    const ns = nsOf(o.object);
    const name = String(o.object.metadata?.name ?? '');
    const manifest: Manifest = {
      kind: String(o.object.kind),
      apiVersion: String(o.object.apiVersion),
      name,
      namespace: effectiveNamespace(String(o.object.kind), o.object.metadata?.namespace, 'default'),
      source: o.file,
      index: o.index,
      object: o.object,
    };
    if (!IS_HELMRELEASE(o.object)) {
      out.objects.push(manifest);
      continue;
    }
    out.releaseObjects.push(manifest);
    const where = `${o.file}:${o.line}`;
    const first = releases.get(`${ns}/${name}`);
    if (first) throw new ConfigError(`${where}: HelmRelease ${ns}/${name} is already defined in ${first} (cluster ${cluster.name})`);
    releases.set(`${ns}/${name}`, where);
    const pin = chartPinOf(o.object, ns, where, lookup);
    const composed = composeValues(o.object, ns, valuesOf(o.object, where, `HelmRelease ${ns}/${name}`), where, lookup);
    out.secrets.push(...composed.secrets);
    out.notes.push(...composed.skipped.map((s) => `HelmRelease ${ns}/${name}: ${s}`));
    out.helmReleases.push({
      file: o.file,
      name,
      namespace: ns,
      ...deriveRelease(o.object),
      ...pin,
      values: composed.values,
      cluster: cluster.name,
      ...(o.kustomization ? { kustomization: o.kustomization } : {}),
    });
  }
  return out;
}

interface Target {
  id: string;
  /** `file:line` of the Kustomization. */
  where: string;
  sourceName: string;
  specPath: string;
  /** The folder to build; undefined when the source is not this repository. */
  dir?: string;
  /** The bootstrap Kustomization of the cluster folder itself (built already). */
  self: boolean;
}

/** Where a Flux Kustomization's path is in this repository (`spec.sourceRef` mapped, `spec.path` secure-joined). */
function targetOf(ks: KitObject, ns: string, entry: string, opts: LoadClusterOptions): Target {
  const spec = isMap(ks.object.spec) ? ks.object.spec : {};
  const ref = isMap(spec.sourceRef) ? spec.sourceRef : {};
  const source = { kind: String(ref.kind ?? 'GitRepository'), namespace: typeof ref.namespace === 'string' ? ref.namespace : ns, name: String(ref.name ?? '') };
  const mapped = opts.sources.find((m) => m.kind === source.kind && m.namespace === source.namespace && m.name === source.name);
  const isRepo = source.kind === 'GitRepository' && source.name === 'flux-system' && source.namespace === 'flux-system';
  const specPath = typeof spec.path === 'string' ? spec.path : '';
  const target: Target = {
    id: `${ns}/${ks.object.metadata?.name}`,
    where: `${ks.file}:${ks.line}`,
    sourceName: `${source.kind} ${source.namespace}/${source.name}`,
    specPath,
    self: false,
  };
  if (!mapped && !isRepo) return target;
  // secure-join, as Flux: a leading `/` or `..` cannot leave the source.
  const dir = path.join(path.resolve(opts.root, mapped?.path ?? '.'), path.posix.normalize(`/${specPath}`));
  return { ...target, dir, self: isRepo && dir === entry };
}

/** Build one Flux Kustomization as kustomize-controller does; undefined when its source is not this repository. */
async function buildKustomization(
  ks: KitObject,
  t: Target,
  started: Promise<BuiltDocument[] | undefined> | undefined,
  opts: LoadClusterOptions,
  lookup: ObjectLookup,
  standIn: VariableStandIn | undefined,
  out: LoadedCluster,
): Promise<{ id: string; docs: BuiltDocument[]; objects: K8sObject[] } | undefined> {
  const { id, where } = t;
  if (!t.dir) {
    out.notes.push(`Kustomization ${id} (${where}): source ${t.sourceName} is not this repository, not followed; map it to a folder in bootstrapKit.sources`);
    return undefined;
  }
  if (t.self) return undefined; // the bootstrap Kustomization: the cluster folder, built already
  const docs = await started;
  if (!docs) {
    throw new ConfigError(
      `${where}: Kustomization ${id} spec.path ${t.specPath}: no such folder in ${t.sourceName} (${rel(opts.root, t.dir) || '.'}); kustomize-controller fails with "kustomization path not found"`,
    );
  }
  const ns = id.slice(0, id.indexOf('/'));
  const spec = isMap(ks.object.spec) ? ks.object.spec : {};
  const vars = postBuildVariables(ks.object, ns, lookup, { where, id, standIn, out });
  const targetNamespace = typeof spec.targetNamespace === 'string' && spec.targetNamespace ? spec.targetNamespace : undefined;
  const objects = docs.map((d) => {
    const object = targetNamespace ? withNamespace(d.doc.object, targetNamespace) : d.doc.object;
    if (!vars) return object;
    return substituteDocument({ ...d.doc, object }, d.source, d.file, vars, {
      strict: opts.strict,
      variablesFile: `the postBuild variables of Kustomization ${id}`,
    });
  });
  return { id, docs, objects };
}

/** kustomize's namespace transformer as Flux's targetNamespace drives it: every namespaced object moves. */
function withNamespace(o: K8sObject, namespace: string): K8sObject {
  if (isClusterScoped(String(o.kind))) return o;
  return { ...o, metadata: { ...o.metadata, namespace } };
}

async function isDir(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
