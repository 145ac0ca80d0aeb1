// suite.schema.json is the one description of suite.yaml: the generated types and the
// reference in docs/configuration.md must match it, every key is documented, the repo's
// own suite.yaml files name it for editors and pass it, and errors point at their line.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configKeys, DOCS_FILE, renderConfigDocs, renderConfigTypes, renderSuiteValidator, TYPES_DIR, VALIDATOR_FILE } from '../../scripts/gen-config.js';
import { MAX_FILE_LINES } from '../../scripts/gen-config-types.js';
import { SuiteConfigError } from '../../src/config/issue.js';
import { loadSuiteConfig } from '../../src/config/load.js';
import { validateSuiteFile } from '../../src/config/schema.js';
import { SUITE_SCHEMA } from '../../src/config/schema-node.js';
import { FLUX_VARIABLE_NAME } from '../../src/render/flux-variable.js';

const STALE = 'is stale: run `npm run gen:config` and commit the result';

describe('generated from the schema', () => {
  it('every generated types file is up to date, none left over, each within the line limit', async () => {
    const types = await renderConfigTypes();
    for (const { file, text } of types) {
      expect(await readFile(file, 'utf8').catch(() => '(missing)'), `${file} ${STALE}`).toBe(text);
      expect(text.split('\n').length - 1).toBeLessThanOrEqual(MAX_FILE_LINES);
    }
    const onDisk = (await readdir(TYPES_DIR)).filter((f) => f.endsWith('.generated.ts')).map((f) => `${TYPES_DIR}/${f}`);
    expect(onDisk.sort(), `${TYPES_DIR} ${STALE}`).toEqual(
      types
        .map((t) => t.file)
        .filter((f) => f.startsWith(`${TYPES_DIR}/`))
        .sort(),
    );
  });

  it('a types file over the limit fails generation with one plain line', async () => {
    await expect(renderConfigTypes(150)).rejects.toThrow(
      /^src\/config\/suite-types\/charts\.generated\.ts would be \d+ lines, over the 150-line limit: add an entry to TYPE_SECTIONS in scripts\/gen-config-types\.ts to move some of its types to a file of their own$/,
    );
  });

  it('an entry for a definition takes its types out of the section that reached them', async () => {
    const types = await renderConfigTypes(MAX_FILE_LINES, [
      { definition: 'matrix', file: 'matrix' },
      { key: 'charts', file: 'charts' },
      // Keeps the rest under the line limit as the schema grows (issue 13's keys).
      { key: 'bootstrapKit', file: 'bootstrap-kit' },
    ]);
    const matrix = types.find((t) => t.file === `${TYPES_DIR}/matrix.generated.ts`)!.text;
    const charts = types.find((t) => t.file === `${TYPES_DIR}/charts.generated.ts`)!.text;
    expect(matrix).toContain('export interface SuiteFileMatrix');
    expect(charts).not.toContain('export interface SuiteFileMatrix');
    expect(charts).toContain("import type { SuiteFileMatrix } from './matrix.generated.js';");
  });

  it(`${DOCS_FILE} is up to date`, async () => {
    expect(await readFile(DOCS_FILE, 'utf8'), `${DOCS_FILE} ${STALE}`).toBe(renderConfigDocs());
  });

  it(`${VALIDATOR_FILE} (ajv's code, compiled ahead of time) is up to date`, async () => {
    expect(await readFile(VALIDATOR_FILE, 'utf8'), `${VALIDATOR_FILE} ${STALE}`).toBe(renderSuiteValidator());
  });

  it('every key has a description and an example in the reference', () => {
    const keys = configKeys();
    expect(keys.length).toBeGreaterThan(50);
    expect(keys.filter((k) => k.description === '').map((k) => k.label)).toEqual([]);
    expect(keys.filter((k) => k.example === undefined).map((k) => k.label)).toEqual([]);
  });

  it('the Flux variable pattern is the one render/flux.ts substitutes', () => {
    const kit = (SUITE_SCHEMA.definitions as Record<string, { properties: Record<string, { items: { pattern: string } }> }>).bootstrapKit;
    expect(kit.properties.secretVariables.items.pattern).toBe(FLUX_VARIABLE_NAME.source);
  });
});

describe("the repo's suite.yaml files", () => {
  it.each(['charts-under-test/suite.yaml', 'examples/monorepo/suite.yaml', 'examples/flux-monorepo/suite.yaml', 'examples/platform-monorepo/suite.yaml'])(
    '%s names the schema on its first line and passes it',
    async (file) => {
      const text = await readFile(file, 'utf8');
      const first = text.split('\n')[0];
      const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(match, `${file}: first line must be # yaml-language-server: $schema=<path to src/config/suite.schema.json>`).not.toBeNull();
      expect(path.resolve(path.dirname(file), match![1])).toBe(path.resolve('src/config/suite.schema.json'));
      expect(() => validateSuiteFile(parse(text))).not.toThrow();
    },
  );
});

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'schema-spec-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Two charts, lockstep; each case edits one spot. Line numbers on the right. */
const VALID = [
  'bootstrapKit:', //           1
  '  path: kit', //             2
  'charts:', //                 3
  '  - id: a', //               4
  '    name: bp-a', //          5
  '    path: charts/a', //      6
  '    apiVersions: [v1]', //   7
  '  - id: b', //               8
  '    name: bp-b', //          9
  '    path: charts/a', //      10
  'lockstep: [[a, b]]', //      11
  '',
].join('\n');

/** Load `text` as the suite.yaml of a root holding kit/ and charts/a/. */
async function load(text: string): ReturnType<typeof loadSuiteConfig> {
  const root = await mkdtemp(path.join(tmp, 'root-'));
  await mkdir(path.join(root, 'kit'));
  await mkdir(path.join(root, 'charts/a'), { recursive: true });
  await writeFile(path.join(root, 'suite.yaml'), text);
  return loadSuiteConfig({ root });
}

async function errorOf(text: string): Promise<SuiteConfigError> {
  const err = await load(text).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof SuiteConfigError)) throw new Error(`expected a SuiteConfigError, got ${String(err)}`);
  return err;
}

describe('a config error names file, line and key', () => {
  it('the valid fixture loads (no false alarm)', async () => {
    expect((await load(VALID)).lockstep).toEqual([['a', 'b']]);
  });

  it.each<[string, string, string, string, number, number]>([
    ['an unknown key: the key', '    apiVersions: [v1]', '    apiVersion: [v1]', 'charts[0].apiVersion', 7, 5],
    ['a wrong type: the value', 'apiVersions: [v1]', 'apiVersions: v1', 'charts[0].apiVersions', 7, 18],
    ['a bad list item: the item', 'apiVersions: [v1]', 'apiVersions: [v1, 2]', 'charts[0].apiVersions[1]', 7, 23],
    ['a missing required key: the map that lacks it', '    name: bp-a\n', '', 'charts[0].name', 4, 5],
    ['an unknown chart id (a semantic check): the id', '[[a, b]]', '[[a, c]]', 'lockstep[0][1]', 11, 16],
    ['a missing directory (a file check): the path', 'path: charts/a', 'path: charts/x', 'charts[0].path', 6, 11],
  ])('%s', async (_title, from, to, keyPath, line, column) => {
    expect(VALID).toContain(from);
    const err = await errorOf(VALID.replace(from, to));
    expect(err.message.startsWith(`suite.yaml:${line}: ${keyPath} `)).toBe(true);
    expect(err.location).toEqual({ file: 'suite.yaml', keyPath, line, column });
  });
});

describe('schema messages beyond the loader specs', () => {
  it.each<[string, [string, string][], number, string]>([
    ['a repeated renderer', [['bootstrapKit:\n', 'defaults: { renderers: [helm4, helm4] }\nbootstrapKit:\n']], 1, 'defaults.renderers[1] repeats helm4'],
    ['a repeated lockstep id', [['[[a, b]]', '[[a, b, a]]']], 11, 'lockstep[0][2] repeats a'],
    ['an empty string', [['name: bp-a', 'name: ""']], 5, 'charts[0].name must not be empty'],
    [
      'a misspelt required key: the typo, not the missing key',
      [['name: bp-a', 'nme: bp-a']],
      5,
      'charts[0].nme is not a known key (known: id, name, path, kustomizeDir, kustomizeCells, skipContracts, apiVersions, dependencies, requiredResources, dualModeAllowed, templateResidueAllowed, release, releases, probes, matrix, unittest, schema, expectContracts, dualModeContainers)',
    ],
    [
      'two mistakes: the first in the file',
      [
        ['  - id: b\n    name: bp-b\n', '  - id: b\n    name: bp-b\n    apiVersions: 3\n'],
        ['path: kit', 'path: /kit'],
      ],
      2,
      'bootstrapKit.path must be relative to the charts root, got /kit',
    ],
    [
      'an axis name that is not a name',
      [['    apiVersions: [v1]\n', '    apiVersions: [v1]\n    matrix: { axes: { 1st: { x: } } }\n']],
      8,
      "charts[0].matrix.axes.1st must be a name starting with a letter, of letters, digits, '-' and '_', got 1st",
    ],
  ])('error: %s', async (_title, edits, line, message) => {
    const text = edits.reduce((t, [from, to]) => {
      expect(t).toContain(from);
      return t.replace(from, to);
    }, VALID);
    expect((await errorOf(text)).message).toBe(`suite.yaml:${line}: ${message}`);
  });

  it('no false alarm: a key with no value is the default', async () => {
    const config = await load(`defaults:\n  kubeVersion:\n${VALID}`);
    expect(config.defaults.kubeVersion).toBe('1.35.0');
  });

  it('no false alarm: null inside matrix values reaches helm as null, and an empty option is {}', async () => {
    const config = await load(
      VALID.replace('    apiVersions: [v1]\n', '    apiVersions: [v1]\n    matrix: { axes: { x: { on: { values: { a: null } }, off: } } }\n'),
    );
    expect(config.charts[0].matrix.axes).toEqual({ x: { on: { values: { a: null } }, off: {} } });
  });
});
