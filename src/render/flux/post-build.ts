// A Flux Kustomization's postBuild variables (flux-facts §3.4): substituteFrom ConfigMaps and
// Secrets in order, looked up in the Kustomization's namespace, then `substitute` over them.
import { ConfigError, withHint } from '../../errors.js';
import type { K8sObject } from '../../manifests/types.js';
import { isMap } from '../../manifests/yaml.js';
import type { ObjectLookup } from './release.js';
import { dataOf } from './values-from.js';
import { variablesOf } from './variables.js';

/** A cluster's variables file, standing in for substituteFrom objects the cluster holds outside Git. */
export interface VariableStandIn {
  file: string;
  variables: Record<string, string>;
}

export interface PostBuildContext {
  /** `file:line` of the Kustomization. */
  where: string;
  /** `namespace/name` of the Kustomization. */
  id: string;
  standIn: VariableStandIn | undefined;
  out: { notes: string[]; secrets: string[] };
}

interface Ref {
  kind: string;
  name: string;
  optional: boolean;
}

function refsOf(ks: K8sObject): Ref[] {
  const spec = isMap(ks.spec) ? ks.spec : {};
  const postBuild = isMap(spec.postBuild) ? spec.postBuild : {};
  const list = Array.isArray(postBuild.substituteFrom) ? postBuild.substituteFrom : [];
  return list.filter(isMap).map((r) => ({ kind: String(r.kind ?? ''), name: String(r.name ?? ''), optional: r.optional === true }));
}

/** How many substituteFrom objects are not (yet) among the built objects. */
export function missingSubstituteFrom(ks: K8sObject, ns: string, lookup: ObjectLookup): number {
  return refsOf(ks).filter((r) => !lookup(r.kind, ns, r.name)).length;
}

/**
 * The variables of a Kustomization, or undefined when Flux would not substitute at all (no
 * postBuild, or no variable and strategy `WithVariables`). Newlines are removed from values.
 */
export function postBuildVariables(ks: K8sObject, ns: string, lookup: ObjectLookup, ctx: PostBuildContext): Record<string, string> | undefined {
  const spec = isMap(ks.spec) ? ks.spec : {};
  if (!isMap(spec.postBuild)) return undefined;
  const postBuild = spec.postBuild;
  let vars: Record<string, string> = {};
  refsOf(ks).forEach((ref, i) => {
    const label = `${ref.kind} ${ns}/${ref.name}`;
    const at = `${ctx.where}: Kustomization ${ctx.id} spec.postBuild.substituteFrom[${i}]`;
    const obj = lookup(ref.kind, ns, ref.name);
    let found: Record<string, string>;
    if (obj) {
      found = variablesOf(
        dataOf(obj),
        (name, what) =>
          new ConfigError(
            `${at}: ${label} ${what === 'name' ? `key ${name} is not a valid Flux variable name (Flux fails the Kustomization)` : `key ${name} is not a string`}`,
          ),
      );
    } else if (ctx.standIn) {
      found = ctx.standIn.variables;
      const note = `${label} is not in the repository: the cluster's variables file ${ctx.standIn.file} stands in for it`;
      if (!ctx.out.notes.includes(note)) ctx.out.notes.push(note);
    } else if (ref.optional) {
      return void ctx.out.notes.push(`Kustomization ${ctx.id}: substituteFrom ${label} is not in the repository (optional: skipped)`);
    } else {
      throw withHint(
        new ConfigError(`${at}: ${label} is not in the repository, and substituteFrom needs it`),
        'if the cluster creates it outside Git, give the cluster a variablesFile holding its variables (bootstrapKit.clusters[].variablesFile), or mark the entry optional: true',
      );
    }
    if (ref.kind === 'Secret') ctx.out.secrets.push(...Object.values(found));
    vars = { ...vars, ...found };
  });
  const inline = isMap(postBuild.substitute) ? postBuild.substitute : {};
  vars = {
    ...vars,
    ...variablesOf(
      inline,
      (name, what) =>
        new ConfigError(
          `${ctx.where}: Kustomization ${ctx.id} spec.postBuild.substitute.${name} ${what === 'name' ? 'is not a valid Flux variable name' : 'must be a string'}`,
        ),
    ),
  };
  for (const k of Object.keys(vars)) vars[k] = vars[k].replace(/\n/g, '');
  return Object.keys(vars).length > 0 || postBuild.substituteStrategy === 'Always' ? vars : undefined;
}
