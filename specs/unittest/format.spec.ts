// The test-file format: what loads, what fails with file, line and key (never a stack),
// the JSONPath dialect on jsonpath-plus and set paths. Pure: no helm.
import { describe, expect, it } from 'vitest';
import { evalPath, PathError } from '../../src/unittest/jsonpath.js';
import { parseTestFile } from '../../src/unittest/load.js';
import { setPathObject } from '../../src/unittest/set-path.js';
import { discoverTestFiles } from '../../src/unittest/discover.js';
import { fileURLToPath } from 'node:url';

const load = (text: string) => parseTestFile(text, '/charts/c/tests/x_test.yaml', 'tests/x_test.yaml');
const ONE = 'tests:\n  - it: t\n    asserts:\n      - isKind: {of: Pod}\n';

describe('loading', () => {
  it('reads suites, several per file, skipping a comment-only part', () => {
    const suites = load(`# yaml-language-server: $schema=x\n---\nsuite: a\n${ONE}---\nsuite: b\nvalues: [../v.yaml]\nset: {a.b: 1}\n${ONE}`);
    expect(suites.map((s) => s.name)).toEqual(['a', 'b']);
    expect(suites[1].values).toEqual(['/charts/c/v.yaml']);
    expect(suites[1].set).toEqual([['a.b', 1]]);
    expect(suites[0].tests[0].asserts[0]).toMatchObject({
      type: 'isKind',
      params: { of: 'Pod' },
      not: false,
      index: 0,
      pos: { file: 'tests/x_test.yaml', line: 7 },
    });
  });

  it.each([
    [
      'kubernetesProvider',
      `kubernetesProvider: {objects: []}\n${ONE}`,
      'tests/x_test.yaml:1: suite key `kubernetesProvider` is not supported: helm template has no fake cluster for `lookup` (it always returns an empty map here)',
    ],
    [
      'postRenderer in a test',
      'tests:\n  - it: t\n    postRenderer: {cmd: x}\n    asserts: [{isKind: {of: Pod}}]\n',
      'tests/x_test.yaml:3: test key `postRenderer` is not supported: post-renderers are not run; assert on the chart output itself',
    ],
    [
      'a typo',
      `templatez: [a.yaml]\n${ONE}`,
      'tests/x_test.yaml:1: suite key `templatez` is not a known key (known: suite, values, set, templates, excludeTemplates, includeCrds, release, capabilities, chart, skip, snapshotId, tests)',
    ],
    [
      'an unknown assertion',
      'tests:\n  - it: t\n    asserts:\n      - isFoo: {}\n',
      'tests/x_test.yaml:4: assertion type `isFoo` is not supported (supported: equal, notEqual, equalRaw, notEqualRaw, matchRegex, notMatchRegex, matchRegexRaw, notMatchRegexRaw, contains, notContains, exists, notExists, isNotNull, isNull, isNullOrEmpty, isNotNullOrEmpty, isEmpty, isNotEmpty, isKind, isAPIVersion, hasDocuments, lengthEqual, notLengthEqual, isSubset, isNotSubset, isType, isNotType, greaterOrEqual, notGreaterOrEqual, lessOrEqual, notLessOrEqual, containsDocument, failedTemplate, notFailedTemplate, matchSnapshot, matchSnapshotRaw)',
    ],
    [
      'two assertion types',
      'tests:\n  - it: t\n    asserts:\n      - isKind: {of: Pod}\n        exists: {path: a}\n',
      'tests/x_test.yaml:5: assertion type `isKind` and `exists` is declared duplicately',
    ],
    [
      'an unknown parameter',
      'tests:\n  - it: t\n    asserts:\n      - equal: {path: a, valu: 1}\n',
      'tests/x_test.yaml:4: equal parameter `valu` is not known (known: path, value, decodeBase64)',
    ],
    ['no tests', 'suite: x\n', 'tests/x_test.yaml:1: no tests found (`tests` must list at least one test)'],
    ['no asserts', 'tests:\n  - it: t\n', 'tests/x_test.yaml:2: no asserts found (`asserts` must list at least one assertion)'],
    ['a bad release key', `release: {nam: x}\n${ONE}`, 'tests/x_test.yaml:1: release key `nam` is not a known key (known: name, namespace, revision, upgrade)'],
    [
      'a non-integer documentIndex',
      'tests:\n  - it: t\n    documentIndex: first\n    asserts: [{isKind: {of: Pod}}]\n',
      'tests/x_test.yaml:3: documentIndex must be an integer',
    ],
    ['invalid YAML', 'tests: [\n', 'tests/x_test.yaml:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
  ])('%s fails naming file, line and key', (_, text, message) => {
    expect(() => load(text)).toThrow(message);
  });

  it('skip.minimumVersion newer than the format version skips the suite', () => {
    expect(load(`skip: {minimumVersion: 9.0.0}\n${ONE}`)[0].skip).toBe(
      'Test suite requires minimum unittest plugin version 9.0.0, but current version is 1.1.0',
    );
    expect(load(`skip: {minimumVersion: 1.0.0}\n${ONE}`)[0].skip).toBeUndefined();
  });
});

describe('paths (helm-unittest dialect on jsonpath-plus)', () => {
  const doc = {
    kind: 'Deployment',
    metadata: { name: 'x', labels: { 'app/name': 'a', 'a.b': 'dot' } },
    spec: {
      ports: [
        { port: 80, name: 'http' },
        { port: 443, name: 'https' },
      ],
      e: null,
    },
  };
  it.each([
    ['metadata.name', ['x']],
    ['$.metadata.name', ['x']],
    ['metadata.labels.app/name', ['a']],
    ["metadata.labels['a.b']", ['dot']],
    ['metadata.labels["a.b"]', ['dot']],
    ["metadata['name','kind']", ['x']],
    ['spec.ports[-1].port', [443]],
    ['spec.ports[1:].name', ['https']],
    ['spec.ports[*].port', [80, 443]],
    ['..port', [80, 443]],
    ['spec.ports[?(@.port == 80)].name', ['http']],
    ["spec.ports[?(@.port == '80')].name", []],
    ['spec.ports[?(@.name =~ /^ht.*s$/)].port', [443]],
    ['spec.ports[?(@.port > 100 || @.name == "http")].name', ['http', 'https']],
    ['spec.ports[?(@.port >= 80 && @.name != "http")].name', ['https']],
    ['spec.ports[?(@.nope)].port', []],
    ['spec.ports[?(!@.nope)].port', [80, 443]],
    ['$[?(@.kind == "Deployment")].metadata.name', ['x']],
    ['metadata.labels.*~', ['app/name', 'a.b']],
    ['spec.e', [null]],
    ['nope.x', []],
    ['', [doc]],
  ])('%s', (path, expected) => {
    expect(evalPath(doc, path)).toEqual(expected);
  });

  it('a broken filter fails with the path in the message', () => {
    expect(() => evalPath(doc, 'spec.ports[?(@.port == )]')).toThrow(new PathError('invalid path spec.ports[?(@.port == )]: invalid filter @.port == '));
  });
});

describe('set paths', () => {
  it.each([
    ['a.b', 1, { a: { b: 1 } }],
    ['a[1]', 'x', { a: [null, 'x'] }],
    ['a[0].b', true, { a: [{ b: true }] }],
    ['podAnnotations.[prometheus.io/scrape]', 'true', { podAnnotations: { 'prometheus.io/scrape': 'true' } }],
    ['[a.b].c', 1, { 'a.b': { c: 1 } }],
  ])('%s', (path, value, expected) => {
    expect(setPathObject(path, value)).toEqual(expected);
  });

  it.each([
    ['a,b', 'invalid token found ,'],
    ['', 'set path is empty'],
    ['a.', 'unexpected end of a.'],
    ['a[', 'unexpected end of a['],
    ['a[]', 'missing index value'],
  ])('%s fails: %s', (path, message) => {
    expect(() => setPathObject(path, 1)).toThrow(message);
  });
});

describe('discovery', () => {
  it('finds tests/*_test.yaml by default, and globs relative to the chart', async () => {
    const chart = fileURLToPath(new URL('../fixtures/unittest/conf/', import.meta.url));
    const names = async (globs?: string[]) => (await discoverTestFiles(chart, globs)).map((f) => f.slice(chart.length));
    expect(await names()).toEqual(['tests/fail_test.yaml', 'tests/pass_test.yaml', 'tests/snapshot_test.yaml']);
    expect(await names(['tests/p*_test.yaml', 'tests/**/extra.yaml'])).toEqual(['tests/pass_test.yaml', 'tests/values/extra.yaml']);
  });
});

describe('the JSON schema of the test-file format (src/unittest/test-file.schema.json, for editors)', () => {
  it('names exactly the keys, assertion types and parameters the loader accepts', async () => {
    const { readFile } = await import('node:fs/promises');
    const { ASSERTION_TYPES, assertionDef } = await import('../../src/unittest/assertions/index.js');
    const { SUITE_KEYS, TEST_KEYS } = await import('../../src/unittest/load.js');
    type Props = { properties: Record<string, { properties?: Record<string, unknown> }> };
    const schema = JSON.parse(await readFile(new URL('../../src/unittest/test-file.schema.json', import.meta.url), 'utf8')) as Props & {
      properties: { tests: { items: Props } };
      definitions: { assertion: { oneOf: (Props & { required: string[] })[] } };
    };
    expect(Object.keys(schema.properties)).toEqual(SUITE_KEYS);
    expect(Object.keys(schema.properties.tests.items.properties)).toEqual(TEST_KEYS);
    const byType = schema.definitions.assertion.oneOf.map((o) => [o.required[0], Object.keys(o.properties[o.required[0]].properties ?? {})] as const);
    expect(byType.map(([k]) => k)).toEqual(ASSERTION_TYPES);
    for (const [k, params] of byType) expect([k, params]).toEqual([k, assertionDef(k).params]);
  });
});
