// helm-unittest files share values through anchors, aliases and merge keys (`<<: *common`), as
// go-yaml reads them: they resolve to the nodes they name; a misuse names the line of the alias.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { parseTestFile } from '../../src/unittest/load.js';

const FILE = '/repo/charts/web/tests/shared_test.yaml';
const SHOWN = 'tests/shared_test.yaml';
const load = (lines: string[]) => parseTestFile(lines.join('\n') + '\n', FILE, SHOWN);

function errorOf(lines: string[]): string {
  try {
    load(lines);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const ASSERT = '    asserts: [{isKind: {of: Deployment}}]';

describe('aliases in a helm-unittest test file', () => {
  it('an aliased assertion value is the anchored value, not `{source: v}`', () => {
    const [suite] = load(['tests:', '  - it: t', '    asserts:', '      - equal: {path: a, value: &v {x: 1}}', '      - equal: {path: b, value: *v}']);
    expect(suite.tests[0].asserts.map((a) => a.params.value)).toEqual([{ x: 1 }, { x: 1 }]);
  });

  it('`set: *common` reads the anchored mapping, in the suite and in a test', () => {
    const [suite] = load(['set: &common {image.tag: "1.2", replicas: 2}', 'tests:', '  - it: t', '    set: *common', ASSERT]);
    const expected = [
      ['image.tag', '1.2'],
      ['replicas', 2],
    ];
    expect(suite.set).toEqual(expected);
    expect(suite.tests[0].set).toEqual(expected);
  });

  it('`<<: *common` merges: own keys win, then the first source of a list; a whole test can be merged', () => {
    const [suite] = load([
      'set: &common {replicas: 2, image.tag: "1.2"}',
      'values: []',
      'tests:',
      '  - it: first',
      '    set: &other {replicas: 5, debug: true}',
      ASSERT,
      '  - it: merged',
      '    set: {<<: [*common, *other], image.tag: "2.0"}',
      ASSERT,
      '  - it: whole test merged',
      '    <<: &base {template: deployment.yaml, documentIndex: 0}',
      ASSERT,
      '  - it: from base',
      '    <<: *base',
      '    asserts: [{equal: {path: spec.replicas, value: 2}}]',
    ]);
    expect(suite.tests[1].set).toEqual([
      ['image.tag', '2.0'],
      ['replicas', 2],
      ['debug', true],
    ]);
    expect(suite.tests[3]).toMatchObject({ it: 'from base', template: 'deployment.yaml', documentIndex: 0 });
  });

  it('`set: *alias` of a list fails on the line of the alias', () => {
    expect(errorOf(['tests:', '  - it: t', '    templates: &l [a.yaml]', ASSERT, '  - it: u', '    set: *l', ASSERT])).toBe(
      `${SHOWN}:6: set must be a mapping`,
    );
  });

  it('a merge of a scalar fails on its line', () => {
    expect(errorOf(['tests:', '  - it: t', '    set: {a: &s 3}', ASSERT, '  - it: u', '    set:', '      <<: *s', ASSERT])).toBe(
      `${SHOWN}:7: merge key \`<<\` takes a mapping, an alias of one, or a list of those`,
    );
  });

  it('an unknown key brought in by a merge is named on the line of the anchor', () => {
    expect(errorOf(['tests:', '  - it: t', '    set: &bad {templat: x}', ASSERT, '  - it: u', '    <<: *bad', ASSERT])).toBe(
      `${SHOWN}:3: test key \`templat\` is not a known key (known: it, values, set, template, templates, documentIndex, documentSelector, release, capabilities, chart, skip, asserts)`,
    );
  });

  it('an alias bomb through merge keys is still bounded (one line)', () => {
    const levels = Array.from(
      { length: 8 },
      (_, i) => `      l${i}: &a${i} {${Array.from({ length: 10 }, (_, k) => `k${k}: ${i === 0 ? 'x' : `*a${i - 1}`}`).join(', ')}}`,
    );
    expect(errorOf(['tests:', '  - it: t', '    set:', ...levels, '      <<: *a7', ASSERT])).toBe(
      `${SHOWN}:1: invalid YAML: Excessive alias count indicates a resource exhaustion attack`,
    );
  });

  it('no false alarm: a quoted "<<" is a plain key, and a file without aliases reads as before', () => {
    const [suite] = load(['tests:', '  - it: t', '    set: {"<<": 1, a: b}', ASSERT]);
    expect(suite.tests[0].set).toEqual([
      ['<<', 1],
      ['a', 'b'],
    ]);
  });
});
