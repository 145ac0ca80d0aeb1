// Building and printing violations, so every contract phrases them the same way.
//
// Secret values never reach a message: contracts redact by path (Secret `data` /
// `stringData`), and every violation built here is also scrubbed of every Secret
// value found anywhere in the world (raw and base64-decoded), as a safety net.
import { WHOLE_OBJECT } from '../manifests/diff.js';
import { REDACTED, scrub, secretValues } from '../manifests/redact.js';
import { formatRef, refOf, type Manifest, type ResourceRef } from '../manifests/types.js';
import type { ContractId, Violation, World } from './types.js';

export { REDACTED };
export const ABSENT = '(absent)';
export const NOTHING_TO_CHECK = 'nothing to check:';
/** Path used when a whole object (not one field) is at fault (the manifests layer's name for it). */
export const OBJECT_PATH = WHOLE_OBJECT;
/** Path used for render-level findings (nothing to check). */
export const RENDER_PATH = '(render)';

export interface ViolationInput {
  /** The resource at fault (reduced to its ref: no stray `namespace: undefined`, no object body). */
  resource?: ResourceRef | Manifest;
  path: string;
  expected: string;
  actual: string;
  message: string;
  /** Defaults to the subject's renderer. */
  renderer?: string;
}

/** One Violation for the subject of `world`, one-line and scrubbed of Secret values. */
export function violation(world: World, contract: ContractId, input: ViolationInput): Violation {
  const scrub = scrubberFor(world);
  const v: Violation = {
    contract,
    chart: world.subject.chart,
    cell: world.subject.cell,
    renderer: input.renderer ?? world.subject.renderer,
    path: scrub(oneLine(input.path)),
    expected: scrub(oneLine(input.expected)),
    actual: scrub(oneLine(input.actual)),
    message: scrub(oneLine(input.message)),
  };
  if (input.resource) v.resource = refOf(input.resource);
  return v;
}

/** The single violation a contract returns when it applies but found nothing to check. */
export function nothingToCheck(
  world: World,
  contract: ContractId,
  what: string,
  detail: { expected: string; actual: string; path?: string; renderer?: string; resource?: ResourceRef | Manifest },
): Violation {
  return violation(world, contract, {
    resource: detail.resource,
    path: detail.path ?? RENDER_PATH,
    expected: detail.expected,
    actual: detail.actual,
    message: `${NOTHING_TO_CHECK} ${what}`,
    renderer: detail.renderer,
  });
}

/**
 * `[contract] chart <chart> · cell <cell> · <renderer> · <Kind/ns/name> · <path>: <message> (expected <expected>, actual <actual>)`,
 * the resource segment omitted when the violation has none.
 */
export function formatViolation(v: Violation): string {
  const segments = [`chart ${v.chart}`, `cell ${v.cell}`, v.renderer];
  if (v.resource) segments.push(formatRef(v.resource));
  segments.push(v.path);
  return `[${v.contract}] ${segments.join(' · ')}: ${v.message} (expected ${v.expected}, actual ${v.actual})`;
}

/**
 * Findings of a per-render contract on the kustomize render that the helm render has too (same
 * resource, path, message, expected and actual) are one finding: reported once, as the helm render's.
 */
export function withoutKustomizeEchoes(violations: Violation[]): Violation[] {
  const key = (v: Violation) => JSON.stringify([v.resource, v.path, v.message, v.expected, v.actual]);
  const helm = new Set(violations.filter((v) => v.renderer !== 'kustomize').map(key));
  return violations.filter((v) => v.renderer !== 'kustomize' || !helm.has(key(v)));
}

/** A string value as it appears in messages: JSON-quoted. */
export function quote(s: string): string {
  return JSON.stringify(s);
}

/** Any value as it appears in messages: compact JSON, `(absent)` for undefined, shortened past `max`. */
export function show(value: unknown, max = 160): string {
  if (value === undefined) return ABSENT;
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

// ---------------------------------------------------------------------------
// Safety net: every Secret value of the world is replaced by <redacted>.

const scrubbers = new WeakMap<World, (s: string) => string>();

function scrubberFor(world: World): (s: string) => string {
  let fn = scrubbers.get(world);
  if (!fn) {
    const values = secretValues([
      ...world.releases.flatMap((r) => r.manifests),
      ...world.kitObjects,
      ...(world.kustomize?.manifests ?? []),
      ...(world.parity?.manifests ?? []),
    ]);
    fn = values.length === 0 ? (s) => s : (s) => scrub(s, values);
    scrubbers.set(world, fn);
  }
  return fn;
}
