// Runs the suites of one test file on one renderer: every test's render is requested up
// front (distinct inputs render once, in parallel), then assertions run test by test.
import { makeRedactor, redactDeep } from '../manifests/redact.js';
import { assertionDef, isAntonym } from './assertions/index.js';
import type { RunContext } from './inputs.js';
import { rendersOf, testRequests, usesSnapshots } from './plan.js';
import { type UnitRender, type UnitRenderer, type UnitRenderRequest } from './render.js';
import { selectDocs } from './select.js';
import { maskDifferences, snapshotFile, SnapshotSession, type SnapshotOptions } from './snapshot.js';
import { renderSet } from './templates.js';
import type { AssertionFailure, AssertionResult, SnapshotCounts, TestJob, TestResult, TestSuite } from './types.js';

export interface RunOptions extends RunContext {
  renderer: RunContext['renderer'];
  snapshots: SnapshotOptions;
}

export interface SuiteRun {
  suite: TestSuite;
  tests: TestResult[];
  snapshots: SnapshotCounts;
}

export async function runSuites(suites: TestSuite[], renderer: UnitRenderer, opts: RunOptions): Promise<SuiteRun[]> {
  const chartName = await renderer.nameOf(opts.chartDir);
  // Inputs of every test first, so distinct renders run in parallel before any assertion.
  const requests = await testRequests(suites, opts);
  const wanted = rendersOf(requests);
  // All at once: the renderer runs one per core and memoises failures too (reported per test below).
  await Promise.all(wanted.map((r) => renderer.render(r)));
  const out: SuiteRun[] = [];
  for (const suite of suites) {
    const snaps = new SnapshotSession(snapshotFile(suite.file, suite.snapshotId), opts.snapshots);
    await snaps.load();
    const tests: TestResult[] = [];
    for (const test of suite.tests) tests.push(await runTest(suite, test, requests.get(test), renderer, snaps, chartName, opts));
    await snaps.finish();
    out.push({ suite, tests, snapshots: snaps.counts });
  }
  return out;
}

async function runTest(
  suite: TestSuite,
  test: TestJob,
  req: UnitRenderRequest | Error | undefined,
  renderer: UnitRenderer,
  snaps: SnapshotSession,
  chart: string,
  opts: RunOptions,
): Promise<TestResult> {
  const base = { suite: suite.name, test: test.it, file: suite.file, renderer: opts.renderer };
  const skip = suite.skip ?? test.skip;
  if (skip || !req) return { ...base, passed: true, skipped: skip ?? 'skipped', assertions: [] };
  if (req instanceof Error) return { ...base, passed: false, error: req.message, assertions: [] };
  snaps.startTest(test.it);
  const r = await renderer.render(req);
  const tolerates = test.asserts.some((a) => assertionDef(a.type).toleratesFailure);
  let files = new Map<string, unknown[]>();
  let renderError: string | undefined;
  if (r.ok) {
    files = suiteFiles(r, suite, chart);
    if (usesSnapshots(test)) files = await masked(files, renderer, req);
  } else if (tolerates && r.failedFile) files.set(r.failedFile, [{ raw: r.message }]);
  else renderError = r.error;
  const assertions = test.asserts.map((a): AssertionResult => {
    const def = assertionDef(a.type);
    const negative = a.not !== isAntonym(a.type);
    const runsOnFailure = def.toleratesFailure || a.type === 'notFailedTemplate' || (def.readsRaw && tolerates && files.size > 0);
    if (!r.ok && !runsOnFailure) {
      return {
        assertion: a,
        passed: false,
        failures: [{ expected: 'a successful render', actual: r.error, message: `render failed: ${r.message ?? r.error}` }],
      };
    }
    const input = { negative, params: a.params, renderFailed: !r.ok, renderError, snapshots: snaps, test: test.it };
    // Whether the render failed is the whole question: no template to select.
    if (a.type === 'notFailedTemplate' || (def.toleratesFailure && renderError !== undefined)) {
      const failures = def.validate({ ...input, docs: [], allDocs: [] });
      return { assertion: a, passed: failures.length === 0, failures };
    }
    const sel = selectDocs(chart, suite, test, a, files);
    if ('skipped' in sel) return { assertion: a, passed: true, skipped: true, failures: [] };
    if ('error' in sel)
      return { assertion: a, passed: false, failures: [{ template: sel.template, expected: 'a selected document', actual: sel.error, message: sel.error }] };
    const runs = sel.targets.length ? sel.targets : [{ template: undefined, docs: [], allDocs: [] }];
    const failures: AssertionFailure[] = runs.flatMap((t) => def.validate({ ...input, template: t.template, docs: t.docs, allDocs: t.allDocs }));
    return { assertion: a, passed: failures.length === 0, failures };
  });
  const error = !r.ok && !tolerates ? r.error : undefined;
  // Values from Secrets never reach a message: the render's Secret values are scrubbed from every failure.
  const failed = assertions.some((x) => x.failures.length);
  const redact = failed ? makeRedactor(r.ok ? r.secrets : []) : undefined;
  const shown = redact ? assertions.map((x) => (x.failures.length ? { ...x, failures: x.failures.map((f) => redactDeep(f, redact)) } : x)) : assertions;
  return { ...base, passed: assertions.every((x) => x.passed), ...(error ? { error } : {}), assertions: shown };
}

// A render's templates kept by a suite's `templates`/`excludeTemplates`: worked out once per
// render and suite, shared (read-only) by the suite's tests with the same inputs.
const kept = new WeakMap<UnitRender, WeakMap<TestSuite, Map<string, unknown[]>>>();

function suiteFiles(r: Extract<UnitRender, { ok: true }>, suite: TestSuite, chart: string): Map<string, unknown[]> {
  let bySuite = kept.get(r);
  if (!bySuite) kept.set(r, (bySuite = new WeakMap()));
  let files = bySuite.get(suite);
  if (!files) {
    const keep = new Set(renderSet(chart, [...r.files.keys()], suite.templates, suite.excludeTemplates));
    bySuite.set(suite, (files = new Map([...r.files].filter(([k]) => keep.has(k)))));
  }
  return files;
}

/** Documents with every field that differs in a second render replaced (snapshots stay stable). */
async function masked(files: Map<string, unknown[]>, renderer: UnitRenderer, req: UnitRenderRequest): Promise<Map<string, unknown[]>> {
  const again: UnitRender = await renderer.render({ ...req, attempt: 1 });
  if (!again.ok) return files;
  return new Map([...files].map(([k, docs]) => [k, docs.map((d, i) => maskDifferences(d, again.files.get(k)?.[i]))]));
}
