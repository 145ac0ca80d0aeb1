// What one assertion type is (kubeconform/helm-unittest style: a definition per YAML key,
// one file each under assertions/), and the per-document, per-value loop most of them share.
import type { AssertionFailure } from './types.js';
import { evalPath, PathError } from './jsonpath.js';
import type { SnapshotSession } from './snapshot.js';
import { NO_MANIFEST } from './values.js';

export interface ValidateInput {
  /** Template key, absent when the assertion has no target at all. */
  template?: string;
  /** Documents after documentIndex/documentSelector. */
  docs: unknown[];
  /** Every document of the template. */
  allDocs: unknown[];
  /** `not: true` XOR an antonym key (notEqual, isNull…). */
  negative: boolean;
  params: Record<string, unknown>;
  /** True when helm failed to render (only failedTemplate runs then). */
  renderFailed: boolean;
  /** helm's whole error text when it names no template (schema, release name, parse errors). */
  renderError?: string;
  snapshots: SnapshotSession;
  /** Test name (snapshot key). */
  test: string;
}

export interface AssertionDef {
  /** YAML keys this definition answers to → whether the key is the antonym (negated) form. */
  keys: Record<string, boolean>;
  /** Parameter names accepted. */
  params: string[];
  /** failedTemplate: runs on a failed render instead of failing with it. */
  toleratesFailure?: boolean;
  /** equalRaw, matchRegexRaw…: read the `{raw: message}` document of a failed render too. */
  readsRaw?: boolean;
  /** hasDocuments: counts documents, so an empty render is not a failure by itself. */
  emptyOk?: boolean;
  validate(input: ValidateInput): AssertionFailure[];
}

export type Predicate = (value: unknown) => { ok: boolean; expected: string; actual: string; message: string; error?: boolean };

export function param(input: ValidateInput, name: string): unknown {
  return input.params[name];
}

export function stringParam(input: ValidateInput, name: string): string {
  const v = input.params[name];
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

/**
 * The shared loop: every selected doc, every value the path yields, must satisfy the
 * predicate (or, negated, must not). A missing path fails positive and passes negated;
 * no documents fail positive and pass negated.
 */
export function eachPathValue(input: ValidateInput, path: string, what: string, predicate: Predicate): AssertionFailure[] {
  const not = input.negative ? 'NOT ' : '';
  if (input.docs.length === 0) {
    return input.negative
      ? []
      : [{ template: input.template, path, expected: `${what}`, actual: NO_MANIFEST, message: `expected ${what}, but there is no document` }];
  }
  const out: AssertionFailure[] = [];
  input.docs.forEach((doc, document) => {
    let values: unknown[];
    try {
      values = evalPath(doc, path);
    } catch (err) {
      if (!(err instanceof PathError)) throw err;
      out.push({ template: input.template, document, path, expected: 'a valid path', actual: path, message: err.message });
      return;
    }
    if (values.length === 0) {
      if (!input.negative) out.push({ template: input.template, document, path, expected: what, actual: '(path not found)', message: `unknown path ${path}` });
      return;
    }
    for (const v of values) {
      const r = predicate(v);
      if (r.error || r.ok === input.negative) {
        out.push({
          template: input.template,
          document,
          path,
          expected: r.error ? r.expected : `${not}${r.expected}`,
          actual: r.actual,
          message: r.error ? r.message : `expected ${not}${r.message}`,
        });
      }
    }
  });
  return out;
}

/** Per doc, no path: `isKind`, `isAPIVersion`. */
export function eachDoc(input: ValidateInput, predicate: Predicate): AssertionFailure[] {
  const not = input.negative ? 'NOT ' : '';
  if (input.docs.length === 0) {
    return input.negative
      ? []
      : [{ template: input.template, expected: predicate(undefined).expected, actual: NO_MANIFEST, message: 'expected a document, but there is none' }];
  }
  const out: AssertionFailure[] = [];
  input.docs.forEach((doc, document) => {
    const r = predicate(doc);
    if (r.ok === input.negative)
      out.push({ template: input.template, document, expected: `${not}${r.expected}`, actual: r.actual, message: `expected ${not}${r.message}` });
  });
  return out;
}
