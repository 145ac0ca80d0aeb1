// Which templates an assertion targets and which of their documents it sees
// (documentIndex / documentSelector), as helm-unittest decides (reference §3.7, §3.8).
import { evalPath, PathError } from './jsonpath.js';
import { templateKey } from './templates.js';
import type { AssertionSpec, DocumentSelector, TestJob, TestSuite } from './types.js';
import { deepEqual } from './values.js';

export interface Target {
  template: string;
  allDocs: unknown[];
  docs: unknown[];
}

export type Selection = { targets: Target[] } | { error: string; template?: string } | { skipped: string };

/** Sorted template keys the assertion targets. */
export function targetsOf(chart: string, suite: TestSuite, test: TestJob, a: AssertionSpec, rendered: readonly string[]): string[] {
  const names = a.template !== undefined ? [a.template] : (test.templates ?? (test.template !== undefined ? [test.template] : undefined));
  if (names) return names.map((n) => templateKey(chart, n)).sort();
  if (suite.templates.length === 0 || suite.templates.some((t) => t.includes('*'))) return [...rendered].sort();
  return suite.templates.map((n) => templateKey(chart, n)).sort();
}

export function selectDocs(chart: string, suite: TestSuite, test: TestJob, a: AssertionSpec, files: Map<string, unknown[]>): Selection {
  const keys = targetsOf(chart, suite, test, a, [...files.keys()]);
  const index = test.documentIndex ?? a.documentIndex ?? -1;
  const selector = a.documentSelector ?? test.documentSelector;
  const targets: Target[] = [];
  let total = 0;
  for (const template of keys) {
    const allDocs = files.get(template);
    if (!allDocs) return { error: `template "${template}" not exists or not selected in test suite`, template };
    if (selector?.path) {
      const picked = pick(allDocs, selector);
      if (typeof picked === 'string') return { error: picked, template };
      if (picked.length > 1 && !selector.matchMany) return { error: 'multiple indexes found', template };
      if (picked.length === 0) {
        if (selector.skipEmptyTemplates) continue;
        return { error: 'document not found', template };
      }
      total += picked.length;
      if (total > 1 && !selector.matchMany) return { error: 'multiple indexes found', template };
      targets.push({ template, allDocs, docs: picked });
    } else if (index >= 0) {
      if (allDocs.length <= index) return { error: `document index ${index} is out of range`, template };
      targets.push({ template, allDocs, docs: [allDocs[index]] });
    } else targets.push({ template, allDocs, docs: allDocs });
  }
  if (targets.length === 0 && keys.length > 0 && test.documentSelector?.skipEmptyTemplates) {
    return { skipped: "skipped as 'documentSelector.skipEmptyTemplates: true' and 'selectedTemplates: empty'" };
  }
  return { targets };
}

/** Documents where `path` yields `value` (or anything, when no value is given). */
function pick(docs: unknown[], sel: DocumentSelector): unknown[] | string {
  try {
    return docs.filter((d) => {
      const found = evalPath(d, sel.path);
      return sel.hasValue ? found.some((v) => deepEqual(v, sel.value)) : found.length > 0;
    });
  } catch (err) {
    if (err instanceof PathError) return err.message;
    throw err;
  }
}
