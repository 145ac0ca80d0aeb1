// Loads a helm-unittest test file: one or more suites (YAML documents), checked key by
// key, so a typo or an unsupported key fails with `file:line` and the key, not a stack.
import path from 'node:path';
import semver from 'semver';
import { LineCounter, YAMLParseError, type Document, type Node, type YAMLError } from 'yaml';
import { ConfigError } from '../errors.js';
import { parseYamlStream, readYamlText, yamlErrorReason, yamlValue } from '../manifests/yaml.js';
import { assertionDef, ASSERTION_TYPES, WRAPPER_KEYS } from './assertions/index.js';
import type { AssertionSpec, CapabilitiesSpec, ChartOverride, DocumentSelector, ReleaseSpec, TestJob, TestSuite } from './types.js';
import { NodeReader } from './yaml-node.js';

/** helm-unittest version whose format this runner follows (for `skip.minimumVersion`). */
export const FORMAT_VERSION = '1.1.0';

const NOT_SUPPORTED: Record<string, string> = {
  kubernetesProvider: 'helm template has no fake cluster for `lookup` (it always returns an empty map here)',
  postRenderer: 'post-renderers are not run; assert on the chart output itself',
};
export const SUITE_KEYS = [
  'suite',
  'values',
  'set',
  'templates',
  'excludeTemplates',
  'includeCrds',
  'release',
  'capabilities',
  'chart',
  'skip',
  'snapshotId',
  'tests',
];
export const TEST_KEYS = [
  'it',
  'values',
  'set',
  'template',
  'templates',
  'documentIndex',
  'documentSelector',
  'release',
  'capabilities',
  'chart',
  'skip',
  'asserts',
];

export async function loadTestFile(file: string, display = file): Promise<TestSuite[]> {
  const text = await readYamlText(file, display);
  return parseTestFile(text, file, display);
}

/** `file` is absolute (values paths resolve against its folder); `display` is what messages show. */
export function parseTestFile(text: string, file: string, display = file): TestSuite[] {
  const lines = new LineCounter();
  const r = new NodeReader(display, lines);
  const suites: TestSuite[] = [];
  // An error at the end of the input (an unclosed bracket) is placed on the last line with content.
  const last = Math.max(0, text.trimEnd().length - 1);
  const invalid = (err: YAMLError) => new ConfigError(`${display}:${lines.linePos(Math.min(err.pos[0], last)).line}: invalid YAML: ${yamlErrorReason(err)}`);
  for (const doc of parseYamlStream(text, lines)) {
    const err = doc.errors[0];
    if (err) throw invalid(err);
    checkAliases(doc, invalid);
    // A part with only comments (e.g. a yaml-language-server line before `---`) is no suite.
    if (doc.contents === null) continue;
    suites.push(readSuite(r, doc.contents as Node, file, suites.length));
  }
  if (suites.length === 0) throw new ConfigError(`${display}:1: no test suite in the file`);
  return suites;
}

/** Bounds alias expansion once per document, so reading its nodes (NodeReader.value) afterwards stays cheap. */
function checkAliases(doc: Document, invalid: (err: YAMLError) => ConfigError): void {
  try {
    yamlValue(doc);
  } catch (err) {
    throw err instanceof YAMLParseError ? invalid(err) : err;
  }
}

function readSuite(r: NodeReader, node: Node, file: string, position: number): TestSuite {
  const entries = r.entries(node, 'suite');
  r.checkKeys(entries, SUITE_KEYS, 'suite', NOT_SUPPORTED);
  const get = (k: string) => entries.find(([key]) => key === k)?.[1] ?? null;
  const has = (k: string) => entries.some(([key]) => key === k);
  const dir = path.dirname(file);
  const testsNode = get('tests');
  if (!testsNode || r.seq(testsNode, 'tests').length === 0) r.fail(testsNode ?? node, 'no tests found (`tests` must list at least one test)');
  return {
    file,
    position,
    name: has('suite') ? r.str(get('suite'), 'suite') : '',
    values: r.strList(get('values'), 'values').map((v) => path.resolve(dir, v)),
    set: has('set') ? readSet(r, get('set')) : [],
    templates: r.strList(get('templates'), 'templates'),
    excludeTemplates: r.strList(get('excludeTemplates'), 'excludeTemplates'),
    includeCrds: has('includeCrds') ? r.bool(get('includeCrds'), 'includeCrds') : false,
    release: has('release') ? readRelease(r, get('release')) : {},
    capabilities: has('capabilities') ? readCapabilities(r, get('capabilities')) : {},
    chart: has('chart') ? readChart(r, get('chart')) : {},
    skip: has('skip') ? readSkip(r, get('skip')) : undefined,
    snapshotId: has('snapshotId') ? r.str(get('snapshotId'), 'snapshotId') : undefined,
    tests: r.seq(testsNode, 'tests').map((t) => readTest(r, t, dir)),
    pos: { file: r.file, line: r.line(node) },
  };
}

function readTest(r: NodeReader, node: Node, dir: string): TestJob {
  const entries = r.entries(node, 'test');
  r.checkKeys(entries, TEST_KEYS, 'test', NOT_SUPPORTED);
  const get = (k: string) => entries.find(([key]) => key === k)?.[1] ?? null;
  const has = (k: string) => entries.some(([key]) => key === k);
  const assertsNode = get('asserts');
  if (!assertsNode || r.seq(assertsNode, 'asserts').length === 0) r.fail(assertsNode ?? node, 'no asserts found (`asserts` must list at least one assertion)');
  return {
    it: has('it') ? r.str(get('it'), 'it') : '',
    values: r.strList(get('values'), 'values').map((v) => path.resolve(dir, v)),
    set: has('set') ? readSet(r, get('set')) : [],
    template: has('template') ? r.str(get('template'), 'template') : undefined,
    templates: has('templates') ? r.strList(get('templates'), 'templates') : undefined,
    documentIndex: has('documentIndex') ? r.int(get('documentIndex'), 'documentIndex') : undefined,
    documentSelector: has('documentSelector') ? readSelector(r, get('documentSelector')) : undefined,
    release: has('release') ? readRelease(r, get('release')) : {},
    capabilities: has('capabilities') ? readCapabilities(r, get('capabilities')) : {},
    chart: has('chart') ? readChart(r, get('chart')) : {},
    skip: has('skip') ? readSkip(r, get('skip')) : undefined,
    asserts: r.seq(assertsNode, 'asserts').map((a, i) => readAssertion(r, a, i)),
    pos: { file: r.file, line: r.line(node) },
  };
}

function readAssertion(r: NodeReader, node: Node, index: number): AssertionSpec {
  const entries = r.entries(node, `asserts[${index}]`);
  const types = entries.filter(([k]) => !WRAPPER_KEYS.includes(k));
  for (const [k, , keyNode] of types) {
    if (!ASSERTION_TYPES.includes(k)) r.fail(keyNode, `assertion type \`${k}\` is not supported (supported: ${ASSERTION_TYPES.join(', ')})`);
  }
  if (types.length === 0) r.fail(node, `asserts[${index}] names no assertion type`);
  if (types.length > 1) r.fail(types[1][2], `assertion type \`${types[0][0]}\` and \`${types[1][0]}\` is declared duplicately`);
  const [type, paramsNode] = types[0];
  const def = assertionDef(type);
  const params: Record<string, unknown> = {};
  if (paramsNode !== null && r.value(paramsNode) !== null) {
    for (const [k, v, keyNode] of r.entries(paramsNode, type)) {
      if (!def.params.includes(k)) r.fail(keyNode, `${type} parameter \`${k}\` is not known (known: ${def.params.join(', ') || 'none'})`);
      params[k] = r.value(v);
    }
  }
  const get = (k: string) => entries.find(([key]) => key === k)?.[1] ?? null;
  const has = (k: string) => entries.some(([key]) => key === k);
  const selectorNode = get('documentSelector');
  return {
    type,
    params,
    not: has('not') ? r.bool(get('not'), 'not') : false,
    template: has('template') ? r.str(get('template'), 'template') : undefined,
    documentIndex: has('documentIndex') ? r.int(get('documentIndex'), 'documentIndex') : undefined,
    // A non-mapping selector (e.g. null) is ignored, as in helm-unittest.
    documentSelector: selectorNode && r.value(selectorNode) !== null ? readSelector(r, selectorNode) : undefined,
    index,
    pos: { file: r.file, line: r.line(node) },
  };
}

function readSelector(r: NodeReader, node: Node | null): DocumentSelector {
  const entries = r.entries(node, 'documentSelector');
  r.checkKeys(entries, ['path', 'value', 'matchMany', 'skipEmptyTemplates'], 'documentSelector');
  const get = (k: string) => entries.find(([key]) => key === k)?.[1] ?? null;
  const has = (k: string) => entries.some(([key]) => key === k);
  const value = has('value') ? r.value(get('value')) : undefined;
  return {
    path: has('path') ? r.str(get('path'), 'documentSelector.path') : '',
    value,
    hasValue: value !== undefined && value !== null,
    matchMany: has('matchMany') ? r.bool(get('matchMany'), 'documentSelector.matchMany') : false,
    skipEmptyTemplates: has('skipEmptyTemplates') ? r.bool(get('skipEmptyTemplates'), 'documentSelector.skipEmptyTemplates') : false,
  };
}

function readSet(r: NodeReader, node: Node | null): [string, unknown][] {
  if (node === null || r.value(node) === null) return [];
  return r.entries(node, 'set').map(([k, v]) => [k, r.value(v)]);
}

function readRelease(r: NodeReader, node: Node | null): ReleaseSpec {
  const entries = r.entries(node, 'release');
  r.checkKeys(entries, ['name', 'namespace', 'revision', 'upgrade'], 'release');
  const out: ReleaseSpec = {};
  for (const [k, v] of entries) {
    if (k === 'name' || k === 'namespace') out[k] = r.str(v, `release.${k}`);
    if (k === 'revision') out.revision = r.int(v, 'release.revision');
    if (k === 'upgrade') out.upgrade = r.bool(v, 'release.upgrade');
  }
  return out;
}

function readCapabilities(r: NodeReader, node: Node | null): CapabilitiesSpec {
  const entries = r.entries(node, 'capabilities');
  r.checkKeys(entries, ['majorVersion', 'minorVersion', 'apiVersions'], 'capabilities');
  const out: CapabilitiesSpec = {};
  for (const [k, v] of entries) {
    if (k === 'majorVersion' || k === 'minorVersion') out[k] = r.str(v, `capabilities.${k}`);
    // `apiVersions:` with no value empties the list (suite's included), as in helm-unittest.
    if (k === 'apiVersions') out.apiVersions = r.value(v) === null ? null : r.strList(v, 'capabilities.apiVersions');
  }
  return out;
}

function readChart(r: NodeReader, node: Node | null): ChartOverride {
  const entries = r.entries(node, 'chart');
  r.checkKeys(entries, ['version', 'appVersion'], 'chart');
  const out: ChartOverride = {};
  for (const [k, v] of entries) out[k as keyof ChartOverride] = r.str(v, `chart.${k}`);
  return out;
}

function readSkip(r: NodeReader, node: Node | null): string | undefined {
  const entries = r.entries(node, 'skip');
  r.checkKeys(entries, ['reason', 'minimumVersion'], 'skip');
  const get = (k: string) => entries.find(([key]) => key === k)?.[1] ?? null;
  const reason = get('reason') ? r.str(get('reason'), 'skip.reason') : '';
  if (reason) return reason;
  const min = get('minimumVersion') ? r.str(get('minimumVersion'), 'skip.minimumVersion') : '';
  if (min && !(semver.valid(min) && semver.gte(FORMAT_VERSION, min))) {
    return `Test suite requires minimum unittest plugin version ${min}, but current version is ${FORMAT_VERSION}`;
  }
  return undefined;
}
