// helm-unittest inputs go through the bounded YAML readers (src/manifests/yaml.ts): an alias
// bomb, a non-UTF-8 byte or a broken Chart.yaml is one plain line naming the file, never a
// stack trace or minutes of CPU; anchors used as test files use them still load.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { loadTestFile } from '../../src/unittest/load.js';
import { chartNameOf } from '../../src/unittest/render.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hct-unittest-bounded-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Eight levels of ten aliases each: 10^8 nodes once expanded (billion laughs). */
const LEVELS = Array.from(
  { length: 8 },
  (_, i) =>
    `  l${i}: &a${i} [${Array(10)
      .fill(i === 0 ? 'x' : `*a${i - 1}`)
      .join(', ')}]`,
);
const BOMB_TEST = ['suite: bomb', 'set:', ...LEVELS, 'tests:', '  - it: t', '    set: {boom: *a7}', '    asserts: [{isKind: {of: Pod}}]', ''].join('\n');

async function errorOf(p: Promise<unknown>): Promise<Error> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(err)}`);
  return err;
}

describe('a helm-unittest test file', () => {
  it('an alias bomb is one line naming the file and line', async () => {
    const file = path.join(dir, 'bomb_test.yaml');
    await writeFile(file, BOMB_TEST);
    const err = await errorOf(loadTestFile(file, 'tests/bomb_test.yaml'));
    expect(err.message).toBe('tests/bomb_test.yaml:1: invalid YAML: Excessive alias count indicates a resource exhaustion attack');
  });

  it('a non-UTF-8 byte is named by its offset', async () => {
    const file = path.join(dir, 'latin1_test.yaml');
    await writeFile(file, Buffer.concat([Buffer.from('suite: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    expect((await errorOf(loadTestFile(file, 'tests/latin1_test.yaml'))).message).toBe(
      'tests/latin1_test.yaml: not UTF-8: invalid byte 0xe9 at byte offset 10',
    );
  });

  it('no false alarm: anchors and a few aliases load', async () => {
    const file = path.join(dir, 'anchors_test.yaml');
    await writeFile(file, 'tests:\n  - it: t\n    asserts: [{equal: {path: a, value: &v {x: 1}}}, {equal: {path: b, value: *v}}]\n');
    const [suite] = await loadTestFile(file, 'tests/anchors_test.yaml');
    expect(suite.tests[0].asserts.map((a) => a.params.path)).toEqual(['a', 'b']);
  });
});

describe("the chart's Chart.yaml (chartNameOf)", () => {
  async function chart(name: string, text: string): Promise<string> {
    const d = path.join(dir, name);
    await mkdir(d, { recursive: true });
    await writeFile(path.join(d, 'Chart.yaml'), text);
    return d;
  }

  it('an alias bomb is one line naming the file', async () => {
    const d = await chart('bomb', ['apiVersion: v2', 'name: web', 'version: 1.0.0', 'annotations:', ...LEVELS, '  boom: *a7', ''].join('\n'));
    const err = await errorOf(chartNameOf(d));
    expect(err.message).toBe(
      `${path.relative(process.cwd(), path.join(d, 'Chart.yaml'))}:1: invalid YAML: Excessive alias count indicates a resource exhaustion attack`,
    );
  });

  it('no false alarm: the name, else the folder name', async () => {
    expect(await chartNameOf(await chart('named', 'apiVersion: v2\nname: web\nversion: 1.0.0\n'))).toBe('web');
    expect(await chartNameOf(await chart('unnamed', 'apiVersion: v2\nversion: 1.0.0\n'))).toBe('unnamed');
  });
});
