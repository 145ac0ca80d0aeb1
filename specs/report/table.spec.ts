import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/report/table.js';

describe('formatTable', () => {
  it('pads every column but the last to its widest cell, with a dash rule under the header', () => {
    expect(
      formatTable(
        ['chart', 'cell', 'result'],
        [
          ['bp-newapi', 'defaults', 'ok'],
          ['web', 'ha', 'FAILED: 2 violations'],
        ],
      ),
    ).toBe(
      ['chart      cell      result', '---------  --------  --------------------', 'bp-newapi  defaults  ok', 'web        ha        FAILED: 2 violations'].join(
        '\n',
      ),
    );
  });

  it('a short row reads its missing cells as empty, and no rows leave the header and rule only', () => {
    expect(formatTable(['a', 'bb'], [['xyz']])).toBe(['a    bb', '---  --', 'xyz'].join('\n'));
    expect(formatTable(['id', 'status'], [])).toBe('id  status\n--  ------');
  });
});
