// Every assertion type, by YAML key (antonyms and deprecated aliases included).
import type { AssertionDef } from '../assertion.js';
import { contains } from './contains.js';
import { containsDocument } from './containsDocument.js';
import { equal } from './equal.js';
import { equalRaw } from './equalRaw.js';
import { exists } from './exists.js';
import { failedTemplate, notFailedTemplate } from './failedTemplate.js';
import { greaterOrEqual } from './greaterOrEqual.js';
import { hasDocuments } from './hasDocuments.js';
import { isAPIVersion } from './isAPIVersion.js';
import { isKind } from './isKind.js';
import { isNullOrEmpty } from './isNullOrEmpty.js';
import { isSubset } from './isSubset.js';
import { isType } from './isType.js';
import { lengthEqual } from './lengthEqual.js';
import { lessOrEqual } from './lessOrEqual.js';
import { matchRegex } from './matchRegex.js';
import { matchRegexRaw } from './matchRegexRaw.js';
import { matchSnapshot, matchSnapshotRaw } from './matchSnapshot.js';

const DEFS: AssertionDef[] = [
  equal,
  equalRaw,
  matchRegex,
  matchRegexRaw,
  contains,
  exists,
  isNullOrEmpty,
  isKind,
  isAPIVersion,
  hasDocuments,
  lengthEqual,
  isSubset,
  isType,
  greaterOrEqual,
  lessOrEqual,
  containsDocument,
  failedTemplate,
  notFailedTemplate,
  matchSnapshot,
  matchSnapshotRaw,
];

const BY_KEY = new Map<string, AssertionDef>(DEFS.flatMap((d) => Object.keys(d.keys).map((k) => [k, d] as const)));

/** Every YAML key an assertion may use. */
export const ASSERTION_TYPES: readonly string[] = [...BY_KEY.keys()];

/** Keys of an `asserts` item besides its assertion type. */
export const WRAPPER_KEYS: readonly string[] = ['not', 'template', 'documentIndex', 'documentSelector'];

export function assertionDef(type: string): AssertionDef {
  const def = BY_KEY.get(type);
  if (!def) throw new Error(`unknown assertion type ${type}`);
  return def;
}

/** True for antonym keys (notEqual, isNull…): their result is negated before `not`. */
export function isAntonym(type: string): boolean {
  return assertionDef(type).keys[type] === true;
}
