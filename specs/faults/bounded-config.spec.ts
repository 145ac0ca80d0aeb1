// Issue 17, items 5–7, 10–12, 14, 15: inputs made outside the project. Through the real
// `check` CLI on patched temp copies: exit 2, one line naming the file (and line, byte
// offset or key), no stack trace — never a ReferenceError, a RangeError or minutes of CPU.
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withPatchedCopy, type PatchEdit } from '../support/fixtures/patch-set.js';
import { CHARTS, chartEntry, errorBlock, expectClean, removePrivateTmp, runCli, suiteEdit, useWorkDir } from './support/cli.js';

afterAll(removePrivateTmp);
const workDir = useWorkDir('bounded-config');

const KIT = 'clusters/_template/bootstrap-kit';
const VARS = `${KIT}/sovereign-vars.yaml`;

/** Nine levels of nine aliases: 9^9 nodes once expanded. */
function aliasBomb(indent: string): string {
  const lines = [`${indent}l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]`];
  for (let i = 1; i <= 8; i++)
    lines.push(
      `${indent}l${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  return lines.join('\n') + '\n';
}

/** `check` on a copy patched by `edits`, after `prepare` ran on the copy. */
async function checkWith(edits: PatchEdit[], prepare?: (root: string) => Promise<void>, args: string[] = []) {
  return withPatchedCopy(CHARTS, edits, async (root) => {
    await prepare?.(root);
    return runCli('check', ['--root', root, '--chart', 'bp-newapi', ...args]);
  });
}

const oneLine = (res: Awaited<ReturnType<typeof runCli>>) => errorBlock(res).split('\n');

describe('item 5: a billion-laughs alias bomb', () => {
  it('in suite.yaml: exit 2, file and line, refused before expanding', async () => {
    const res = await checkWith([{ file: 'suite.yaml', content: aliasBomb('') }]);
    expectClean(res, 2);
    expect(oneLine(res)).toEqual(['error: suite.yaml:1: invalid YAML: Excessive alias count indicates a resource exhaustion attack']);
  });

  it('in the kit variables file: exit 2, the variables file and line', async () => {
    const res = await checkWith([{ file: VARS, content: aliasBomb('') }]);
    expectClean(res, 2);
    expect(oneLine(res)).toEqual([`error: ${VARS}:1: invalid YAML: Excessive alias count indicates a resource exhaustion attack`]);
  });

  it("in a HelmRelease's values: exit 2, the kit file and the document's line", async () => {
    const hr = `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: bomb\n  namespace: flux-system\nspec:\n  chart:\n    spec:\n      chart: bomb\n      version: 1.0.0\n  values:\n${aliasBomb('    ')}`;
    const res = await checkWith([{ file: `${KIT}/95-bomb.yaml`, content: hr }]);
    expectClean(res, 2);
    expect(oneLine(res)).toEqual([`error: ${KIT}/95-bomb.yaml:1: invalid YAML: Excessive alias count indicates a resource exhaustion attack`]);
  });
});

describe('item 6: 10,000-level nesting', () => {
  it('in suite.yaml: exit 2, file and line, no RangeError', async () => {
    const res = await checkWith([{ file: 'suite.yaml', content: `charts:\n${'- '.repeat(10_000)}x\n` }]);
    expectClean(res, 2);
    expect(oneLine(res)).toEqual(['error: suite.yaml:2: invalid YAML: nesting is deeper than 200 levels']);
  });
});

describe('item 7: a very large input', () => {
  const big = `x:\n${Array.from({ length: 900_000 }, (_, i) => `  key${i}: value-${i}`).join('\n')}\n`; // ~19 MB

  it('suite.yaml above the 16 MB cap: exit 2 at once, file and size named', async () => {
    const res = await checkWith([{ file: 'suite.yaml', content: big }]);
    expectClean(res, 2);
    expect(oneLine(res)).toEqual([`error: suite.yaml: file is ${(Buffer.byteLength(big) / 1024 / 1024).toFixed(1)} MB, above the 16 MB limit for YAML input`]);
  });

  it('the variables file above the cap: exit 2, the variables file named', async () => {
    const res = await checkWith([{ file: VARS, content: big }]);
    expectClean(res, 2);
    expect(oneLine(res)).toEqual([`error: ${VARS}: file is ${(Buffer.byteLength(big) / 1024 / 1024).toFixed(1)} MB, above the 16 MB limit for YAML input`]);
  });
});

describe('item 10: a matrix of 100,000 cells', () => {
  it('is counted before expanding and refused: exit 2, chart and the product of its axes named', async () => {
    const axis = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`o${i}`, {}]));
    const edit = await suiteEdit((doc) =>
      chartEntry(doc, 'bp-newapi').set('matrix', doc.createNode({ axes: { a: axis, b: axis, c: axis, d: axis, e: axis } })),
    );
    const res = await checkWith([edit]);
    expectClean(res, 2);
    expect(oneLine(res)).toEqual([
      'error: suite.yaml:33: charts[0].matrix has 100,000 cells of chart bp-newapi (10 × 10 × 10 × 10 × 10 options of axes a, b, c, d, e), above the limit of 10,000 (defaults.maxCells): refused before expanding',
    ]);
  });
});

describe('item 11: bytes that are not UTF-8', () => {
  it('in suite.yaml: exit 2, file and byte offset', async () => {
    const res = await checkWith([], async (root) => {
      const text = await readFile(path.join(root, 'suite.yaml'));
      await writeFile(path.join(root, 'suite.yaml'), Buffer.concat([text.subarray(0, 100), Buffer.from([0xff]), text.subarray(100)]));
    });
    expectClean(res, 2);
    expect(oneLine(res)).toEqual(['error: suite.yaml: not UTF-8: invalid byte 0xff at byte offset 100']);
  });

  it('in the variables file: exit 2, file and byte offset', async () => {
    const res = await checkWith([], async (root) => writeFile(path.join(root, VARS), Buffer.from('A: caf\xe9\n', 'latin1')));
    expectClean(res, 2);
    expect(oneLine(res)).toEqual([`error: ${VARS}: not UTF-8: invalid byte 0xe9 at byte offset 6`]);
  });
});

describe('item 12: timeoutMs out of range', () => {
  it('3000000000 is refused with the range', async () => {
    const res = await checkWith([await suiteEdit((doc) => doc.setIn(['defaults', 'timeoutMs'], 3_000_000_000))]);
    expectClean(res, 2);
    expect(oneLine(res)).toEqual(['error: suite.yaml:7: defaults.timeoutMs must be between 1 and 3600000, got 3000000000']);
  });
});

describe('item 14: --config naming a file that is not a suite config', () => {
  it('is named, never quoted', async () => {
    const file = path.join(workDir(), 'shadow');
    await writeFile(file, 'root:$6$saltsalt$c2VjcmV0aGFzaA:20228:0:99999:7:::\ndaemon:*:20228:0:99999:7:::\n');
    const res = await runCli('check', ['--root', CHARTS, '--config', file]);
    expectClean(res, 2);
    expect(res.output).not.toContain('saltsalt');
    expect(res.output).not.toContain('daemon');
    expect(oneLine(res)).toEqual([
      `error: ${file}: not a suite config: none of its keys is a suite key (charts, defaults, bootstrapKit…); its content is not shown`,
    ]);
  });
});

describe('item 15: chart paths outside the charts root', () => {
  it('`../outside/chart` is refused, naming the key and where it resolves', async () => {
    const outside = path.join(workDir(), 'outside', 'chart');
    await mkdir(outside, { recursive: true });
    const res = await checkWith([], async (root) => {
      const rel = path.relative(root, outside);
      const text = await readFile(path.join(root, 'suite.yaml'), 'utf8');
      await writeFile(path.join(root, 'suite.yaml'), text.replace('path: platform/newapi/chart', `path: ${rel}`));
    });
    expectClean(res, 2);
    expect(oneLine(res)[0]).toMatch(
      /^error: suite\.yaml:20: charts\[0\]\.path \.\.\/.*outside\/chart: resolves to .*\/outside\/chart, outside the charts root .*; paths in the config must stay inside it$/,
    );
  });

  it('a link inside the root that leads out of it is refused too', async () => {
    const outside = path.join(workDir(), 'outside-linked');
    await mkdir(outside, { recursive: true });
    const res = await checkWith([], async (root) => {
      await rm(path.join(root, 'platform/newapi/chart'), { recursive: true });
      await symlink(outside, path.join(root, 'platform/newapi/chart'));
    });
    expectClean(res, 2);
    expect(oneLine(res)[0]).toMatch(
      /^error: suite\.yaml:20: charts\[0\]\.path platform\/newapi\/chart: resolves to .*outside-linked, outside the charts root .*; paths in the config must stay inside it$/,
    );
  });
});
