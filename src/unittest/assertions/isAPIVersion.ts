// isAPIVersion: the document's `apiVersion` is `of`.
import type { AssertionDef } from '../assertion.js';
import { topField } from './isKind.js';

export const isAPIVersion: AssertionDef = { keys: { isAPIVersion: false }, params: ['of'], validate: topField('apiVersion') };
