// JSONPath queries over parsed manifests (jsonpath-plus syntax): what a chart test file's
// assertions address a field with.
import { JSONPath } from 'jsonpath-plus';

/** All values a JSONPath expression selects in an object (jsonpath-plus syntax). */
export function query(obj: unknown, path: string): unknown[] {
  return JSONPath({ path, json: obj as object, wrap: true }) as unknown[];
}

/** The first value a JSONPath expression selects, or undefined. */
export function queryOne(obj: unknown, path: string): unknown {
  return query(obj, path)[0];
}
