import { describe, expect, it } from 'vitest';
import { baseLabel, cellsLabel, counts, groupDiffs, headLabel, pinText, reasonText, resultLine, versionText } from '../../src/bump/present.js';
import type { BumpReport, CellDiff, ChartReport, ChartSide } from '../../src/bump/types.js';

const pin = (version: string) => ({ file: 'kit/newapi.yaml', helmRelease: 'flux-system/bp-newapi', chart: 'bp-newapi', version });
const side = (o: Partial<ChartSide> = {}): ChartSide => ({ exists: true, path: 'platform/newapi', name: 'bp-newapi', version: '1.4.32', pins: [], ...o });
const chart = (o: Partial<ChartReport> = {}): ChartReport => ({
  id: 'newapi',
  name: 'bp-newapi',
  path: 'platform/newapi',
  reasons: ['files'],
  files: [],
  ignoredFiles: [],
  base: side(),
  head: side(),
  diffs: [],
  ...o,
});

/** A unified diff with headers, as rendered-diff writes it. */
const patch = (context: string, lines: string[]) => ['--- base', '+++ head', `@@ ${context} @@`, ...lines].join('\n');
const diff = (cell: string, status: CellDiff['status'], p = '', renderer: CellDiff['renderer'] = 'helm4'): CellDiff => ({
  cell,
  renderer,
  status,
  patch: p,
  added: 1,
  removed: 1,
});

describe('versionText, pinText, reasonText', () => {
  it('show base -> head when they differ, the one value when not', () => {
    expect(versionText(chart({ head: side({ version: '1.4.33' }) }))).toBe('1.4.32 -> 1.4.33');
    expect(versionText(chart())).toBe('1.4.32');
    expect(pinText(chart({ base: side({ pins: [pin('1.4.32')] }), head: side({ pins: [pin('1.4.33'), pin('1.4.33')] }) }))).toBe('1.4.32 -> 1.4.33');
    expect(reasonText(chart({ reasons: ['files', 'pin'], files: ['a', 'b'] }))).toBe('files, pin (2 files)');
    expect(reasonText(chart({ reasons: ['lockstep'], files: ['Chart.yaml'] }))).toBe('lockstep (1 file)');
  });

  it('a chart missing on a side reads new / removed, unknown versions ?, no pins none', () => {
    expect(versionText(chart({ base: side({ exists: false }) }))).toBe('new -> 1.4.32');
    expect(versionText(chart({ head: side({ exists: false }) }))).toBe('1.4.32 -> removed');
    expect(versionText(chart({ head: side({ version: undefined }) }))).toBe('1.4.32 -> ?');
    expect(pinText(chart())).toBe('none');
    expect(reasonText(chart({ reasons: ['new'] }))).toBe('new');
  });
});

describe('groupDiffs', () => {
  it('groups cells whose added/removed lines match, whatever the context; sorts out unchanged and failed cells', () => {
    const a = diff('defaults', 'changed', patch('-1,3 +1,3', [' x', '-image: 1.0', '+image: 1.1']));
    const b = diff('ha', 'changed', patch('-9,3 +9,3', [' y', '-image: 1.0', '+image: 1.1']));
    const c = diff('tls', 'changed', patch('-1,3 +1,3', [' x', '-image: 1.0', '+image: 2.0']));
    const same = diff('minimal', 'unchanged');
    const broken = diff('bad', 'head-failed');
    const { groups, unchanged, failed } = groupDiffs([a, b, same, c, broken]);
    expect(groups.map((g) => [g.cells, g.diff.cell])).toEqual([
      [['defaults', 'ha'], 'defaults'],
      [['tls'], 'tls'],
    ]);
    expect(unchanged).toEqual(['minimal']);
    expect(failed.map((d) => d.cell)).toEqual(['bad']);
  });

  it('the same lines under another renderer are another group', () => {
    const lines = [' x', '-a', '+b'];
    expect(groupDiffs([diff('defaults', 'changed', patch('-1 +1', lines)), diff('defaults', 'changed', patch('-1 +1', lines), 'helm3')]).groups).toHaveLength(
      2,
    );
  });
});

describe('cellsLabel', () => {
  const all = [diff('a', 'changed'), diff('b', 'changed'), diff('c', 'changed'), diff('a', 'changed', '', 'helm3')];

  it('all N cells when a group covers every cell of its renderer', () => {
    expect(cellsLabel(['a', 'b', 'c'], all, 'helm4')).toBe('all 3 cells');
  });

  it('names the cells otherwise, cut at max; one cell is never "all 1 cells"', () => {
    expect(cellsLabel(['a', 'b'], all, 'helm4')).toBe('cells a, b');
    expect(cellsLabel(['a', 'b'], all, 'helm4', 1)).toBe('cells a, … (+1 more)');
    expect(cellsLabel(['a'], all, 'helm3')).toBe('cell a');
  });
});

describe('labels and the result line', () => {
  const report = (o: Partial<BumpReport> = {}): BumpReport => ({
    repo: '/repo',
    root: '.',
    base: { ref: 'origin/main', sha: '0123456789abcdef0123' },
    head: { ref: 'HEAD', sha: 'fedcba9876543210fedc', workingTree: false },
    strict: false,
    charts: [],
    violations: [],
    contractViolations: [],
    notes: [],
    exitCode: 0,
    durationMs: 2345,
    ...o,
  });

  it('labels sides by ref and a 12-character sha, or as the working tree', () => {
    expect(baseLabel(report())).toBe('origin/main (0123456789ab)');
    expect(headLabel(report())).toBe('HEAD (fedcba987654)');
    expect(headLabel(report({ head: { ref: 'HEAD', workingTree: true } }))).toBe('working tree');
    expect(counts({ added: 3, removed: 0 })).toBe('+3 -0');
  });

  it('ok with zero counts; FAILED counts violations and head render failures, singular for one', () => {
    expect(resultLine(report())).toBe('ok: 0 bump violations, 0 contract violations, 0 head render failures (2.3s)');
    const failing = report({
      exitCode: 1,
      violations: [{ rule: 'not-bumped', chart: 'newapi', file: 'platform/newapi/Chart.yaml', expected: '> 1.4.32', actual: '1.4.32', message: 'm' }],
      charts: [chart({ diffs: [diff('defaults', 'head-failed'), diff('ha', 'head-failed'), diff('tls', 'base-failed')] })],
    });
    expect(resultLine(failing)).toBe('FAILED: 1 bump violation, 0 contract violations, 2 head render failures (2.3s)');
  });
});
