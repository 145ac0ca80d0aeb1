// The single-folder bootstrap kit (bootstrapKit.path): every *.yaml/*.yml of one folder
// (not recursive), except its kustomization and the variables file, substituted per object
// with the kit's variables and parsed as Flux would. Every HelmRelease must pin its version.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, withHint } from '../../errors.js';
import { effectiveNamespace } from '../../manifests/scope.js';
import type { Manifest } from '../../manifests/types.js';
import { readYamlText } from '../../manifests/yaml.js';
import type { FluxHelmRelease } from '../flux-types.js';
import { KUSTOMIZATION_FILES } from '../kustomize.js';
import { parseKitFile, substituteDocument } from './documents.js';
import { toHelmRelease } from './release.js';
import { readVariables } from './variables.js';

export interface LoadBootstrapKitOptions {
  /** Absolute charts root; kitDir and variablesFile are relative to it. */
  root: string;
  kitDir: string;
  variablesFile?: string;
  strict: boolean;
  /** `pinned` (default): a HelmRelease without version is an error; `classified`: version-lockstep judges each pin. */
  versions?: 'pinned' | 'classified';
}

export interface BootstrapKit {
  helmReleases: FluxHelmRelease[];
  /** Every other object of the kit (Namespaces, HelmRepositories…), after substitution. */
  objects: Manifest[];
  /** The variables used for substitution (from the variables file; {} without one). */
  variables: Record<string, string>;
}

/**
 * Every `*.yaml`/`*.yml` in the kit folder (sorted by name, not recursive), except the
 * kustomization and the variables file, substituted and parsed as Flux would.
 */
export async function loadBootstrapKit(opts: LoadBootstrapKitOptions): Promise<BootstrapKit> {
  const kitAbs = path.resolve(opts.root, opts.kitDir);
  const varsAbs = opts.variablesFile === undefined ? undefined : path.resolve(opts.root, opts.variablesFile);
  const variables = varsAbs === undefined ? {} : await readVariables(varsAbs, rel(opts.root, varsAbs));

  let entries;
  try {
    entries = await readdir(kitAbs, { withFileTypes: true });
  } catch {
    throw new ConfigError(`bootstrap kit ${opts.kitDir}: no such directory under ${opts.root}`);
  }
  const files = entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name) && !KUSTOMIZATION_FILES.includes(e.name))
    .map((e) => path.join(kitAbs, e.name))
    .filter((f) => f !== varsAbs)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const helmReleases: FluxHelmRelease[] = [];
  const objects: Manifest[] = [];
  const seen = new Map<string, string>();
  for (const abs of files) {
    const file = rel(opts.root, abs);
    const source = await readYamlText(abs, file);
    for (const doc of parseKitFile(source, file)) {
      const { index, line } = doc;
      const where = `${file}:${line}`;
      const object = substituteDocument(doc, source, file, variables, opts);
      const kind = object.kind;
      const apiVersion = object.apiVersion;
      const name = object.metadata?.name;
      if (typeof kind !== 'string' || typeof apiVersion !== 'string' || typeof name !== 'string' || !name) {
        throw new ConfigError(`${where}: document ${index} has no apiVersion, kind and metadata.name`);
      }
      const namespace = effectiveNamespace(kind, object.metadata?.namespace, 'default');
      const id = namespace === undefined ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
      const first = seen.get(id);
      if (first) throw new ConfigError(`${where}: ${id} is already defined in ${first} (Flux would refuse the kit)`);
      seen.set(id, where);

      if (kind === 'HelmRelease' && apiVersion.startsWith('helm.toolkit.fluxcd.io/')) {
        helmReleases.push(toHelmRelease(object, file, where, namespace ?? 'default', opts.versions));
      } else {
        objects.push({ kind, apiVersion, name, namespace, source: file, index, object });
      }
    }
  }
  if (helmReleases.length === 0) {
    const read = files.map((f) => path.basename(f));
    throw withHint(
      new ConfigError(`bootstrap kit ${opts.kitDir} has no HelmRelease`),
      `bootstrapKit.path in the suite config must name the folder of the kit's HelmRelease files ` +
        `(read ${read.length ? read.join(', ') : 'no *.yaml file'}; a HelmRelease needs apiVersion helm.toolkit.fluxcd.io/*)`,
    );
  }
  return { helmReleases, objects, variables };
}

export function rel(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}
