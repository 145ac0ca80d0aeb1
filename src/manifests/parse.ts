// Turns a render's YAML stream into Manifests with their source template and position.
import { LineCounter } from 'yaml';
import type { K8sObject, Manifest } from './types.js';
import { effectiveNamespace } from './scope.js';
import { parseYamlStream, yamlErrorReason, yamlValue } from './yaml.js';

export interface ParseOptions {
  /** Namespace given to namespaced objects that declare none. */
  releaseNamespace: string;
  /** Source used when a document has no `# Source:` line (kustomize output, kit files). */
  defaultSource: string;
}

/** A YAML syntax error in rendered output, with where it is. */
export class ManifestSyntaxError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`rendered output is not valid YAML: ${source} line ${line}: ${reason}`);
  }
}

const SOURCE_LINE = /^# Source: (.+)$/m;

/**
 * One object of a render as YAML gives it, before the release namespace and the default source
 * apply: the form the render cache keeps beside the text (JSON), so a cache hit skips the YAML
 * parse. A change to this shape or to how readRenderObjects fills it bumps RENDER_OBJECTS_FORM.
 */
export interface RenderObject {
  /** 0-based position of the document in the render stream. */
  index: number;
  /** The document's `# Source:` line; absent when it has none. */
  source?: string;
  object: K8sObject;
}

/** Version of the RenderObject form: cached forms of another version are parsed again from their text. */
export const RENDER_OBJECTS_FORM = 1;

export function parseManifests(text: string, opts: ParseOptions): Manifest[] {
  return toManifests(readRenderObjects(text, opts.defaultSource), opts);
}

/** The YAML half of parseManifests (the costly one): every check, in document order; `defaultSource` names a document in messages. */
export function readRenderObjects(text: string, defaultSource: string): RenderObject[] {
  const out: RenderObject[] = [];
  let index = -1;
  // Linear in the text: positions come from one LineCounter, duplicate keys are found with a set.
  const lineCounter = new LineCounter();
  for (const doc of parseYamlStream(text, lineCounter)) {
    index++;
    const raw = text.slice(doc.range[0], doc.range[2]);
    const sourceLine = SOURCE_LINE.exec(raw)?.[1]?.trim();
    const source = sourceLine ?? defaultSource;
    const error = doc.errors[0];
    if (error) {
      // Lines are counted inside the template (after its `# Source:` line), as a maintainer reads it.
      const absLine = error.linePos?.[0]?.line ?? 1;
      const docStartLine = lineCounter.linePos(doc.range[0]).line;
      const sourceLineOffset = raw.split('\n').findIndex((l) => SOURCE_LINE.test(l));
      const line = absLine - docStartLine - (sourceLineOffset >= 0 ? sourceLineOffset : -1);
      throw new ManifestSyntaxError(source, Math.max(line, 1), yamlErrorReason(error));
    }
    let value: unknown;
    try {
      value = yamlValue(doc);
    } catch (err) {
      // e.g. an alias bomb: refused before it expands.
      throw new ManifestSyntaxError(source, 1, yamlErrorReason(err as Error));
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new ManifestSyntaxError(source, 1, `document is a ${Array.isArray(value) ? 'list' : typeof value}, not a Kubernetes object`);
    }
    const object = value as K8sObject;
    // kubectl kustomize may emit a List; helm never does. Flatten so both read alike.
    const items = object.kind === 'List' && Array.isArray(object.items) ? (object.items as K8sObject[]) : [object];
    for (const item of items) {
      const kind = typeof item.kind === 'string' ? item.kind : '';
      const name = typeof item.metadata?.name === 'string' ? item.metadata.name : '';
      if (!kind || !name) {
        throw new ManifestSyntaxError(source, 1, `object has no ${kind ? 'metadata.name' : 'kind'}`);
      }
      out.push(sourceLine === undefined ? { index, object: item } : { index, source: sourceLine, object: item });
    }
  }
  return out;
}

/** The cheap half: Manifests of checked objects, with the release namespace and default source. */
export function toManifests(objects: RenderObject[], opts: ParseOptions): Manifest[] {
  return objects.map(({ index, source, object }) => {
    const kind = String(object.kind);
    const manifest: Manifest = {
      kind,
      apiVersion: typeof object.apiVersion === 'string' ? object.apiVersion : '',
      name: String(object.metadata?.name),
      namespace: effectiveNamespace(kind, object.metadata?.namespace, opts.releaseNamespace),
      source: source ?? opts.defaultSource,
      index,
      object,
    };
    const hooks = hookEvents(object);
    if (hooks.length > 0) manifest.hooks = hooks;
    return manifest;
  });
}

/** `helm.sh/hook: pre-install,post-upgrade` → the events, trimmed. */
export function hookEvents(object: K8sObject): string[] {
  const v = object.metadata?.annotations?.['helm.sh/hook'];
  return typeof v === 'string'
    ? v
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean)
    : [];
}
