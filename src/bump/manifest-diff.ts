// Rendered-manifest diff: each render is reduced to a canonical text (objects sorted by
// kind/namespace/name, keys sorted, noise stripped, Secret values redacted, nondeterministic
// fields masked) and the two texts are compared with jsdiff into a unified diff.
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { stringify } from 'yaml';
import type { NondeterministicPath } from '../contracts/types.js';
import { maskPaths, WHOLE_OBJECT } from '../manifests/diff.js';
import { redactSecretData } from '../manifests/redact.js';
import { formatRef, refOf, type Manifest } from '../manifests/types.js';
import { isMap } from '../manifests/yaml.js';

/** What a nondeterministic field shows in the canonical text: present, value not compared. */
export const NONDETERMINISTIC = '<nondeterministic>';

/** Labels that change with every chart version and say nothing about what ships. */
const NOISE_LABELS = new Set(['helm.sh/chart']);
/** Annotation prefixes of rollout triggers (hashes of other templates). */
const NOISE_ANNOTATION_PREFIXES = ['checksum/'];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A deep copy without noise: `helm.sh/chart` labels and `checksum/*` annotations, at any depth. */
function stripNoise(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => stripNoise(v));
  if (!isMap(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (key === 'labels' && NOISE_LABELS.has(k)) continue;
    if (key === 'annotations' && NOISE_ANNOTATION_PREFIXES.some((p) => k.startsWith(p))) continue;
    out[k] = stripNoise(v, k);
  }
  // A map that only held noise disappears rather than showing as `{}`.
  if ((key === 'labels' || key === 'annotations') && Object.keys(out).length === 0 && Object.keys(value).length > 0) return undefined;
  return out;
}

function dropUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropUndefined);
  if (!isMap(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = dropUndefined(v);
  return out;
}

function sortKey(m: Manifest): string {
  return [m.kind, m.namespace ?? '', m.name, m.apiVersion].join('\0');
}

/**
 * The canonical text of one render: what the diff compares. Fields at `nondeterministic`
 * paths (a random password, a render timestamp) show as `<nondeterministic>`, and objects
 * listed as `(object)` are left out, so two renders differ only where the chart changed.
 */
export function canonicalRender(manifests: Manifest[], nondeterministic: readonly NondeterministicPath[] = []): string {
  const listed = new Map<string, string[]>();
  for (const n of nondeterministic) listed.set(formatRef(n.resource), [...(listed.get(formatRef(n.resource)) ?? []), n.path]);
  // Ref and sort key once per object, not once per comparison: renders can hold thousands.
  return manifests
    .map((m) => ({ m, ref: formatRef(refOf(m)), key: sortKey(m) }))
    .filter(({ ref }) => !listed.get(ref)?.includes(WHOLE_OBJECT))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.m.index - b.m.index))
    .map(({ m, ref }) => {
      let obj = dropUndefined(stripNoise(m.object)) as Record<string, unknown>;
      redactSecretData(m, obj);
      // After redaction, so a masked Secret value reads <nondeterministic>, not <redacted>.
      obj = maskPaths(obj, listed.get(ref) ?? [], NONDETERMINISTIC) as Record<string, unknown>;
      const body = stringify(obj as Json, { sortMapEntries: true, lineWidth: 0, aliasDuplicateObjects: false });
      return `--- # ${ref}\n${body}`;
    })
    .join('');
}

export interface TextDiff {
  /** Unified diff with `---`/`+++` headers; '' when the texts are equal. */
  patch: string;
  added: number;
  removed: number;
}

/** Unified diff of two canonical texts (`undefined` = the side has no render: all added / all removed). */
export function diffTexts(
  oldName: string,
  newName: string,
  oldText: string | undefined,
  newText: string | undefined,
  oldHeader: string,
  newHeader: string,
  context = 3,
): TextDiff {
  const a = oldText ?? '';
  const b = newText ?? '';
  if (a === b) return { patch: '', added: 0, removed: 0 };
  const patch = createTwoFilesPatch(oldName, newName, a, b, oldHeader, newHeader, { context, headerOptions: FILE_HEADERS_ONLY });
  let added = 0;
  let removed = 0;
  for (const line of patch.split('\n').slice(2)) {
    if (line.startsWith('+')) added++;
    else if (line.startsWith('-')) removed++;
  }
  return { patch, added, removed };
}

/** The hunks of a patch (its `---`/`+++` header lines dropped), for grouping equal diffs. */
export function hunksOf(patch: string): string {
  return patch.split('\n').slice(2).join('\n');
}
