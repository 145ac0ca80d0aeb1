import { describe, expect, it } from 'vitest';
import { formatWith, type FormatFamily } from '../../src/report/format.js';
import type { ReportMeta } from '../../src/report/meta.js';

type Fmt = 'upper' | 'titled';
const FAMILY: FormatFamily<string[], Fmt> = {
  upper: { id: 'upper', format: (r) => r.join(',').toUpperCase() },
  titled: { id: 'titled', file: 'titled.txt', format: (r, meta: ReportMeta) => `${meta.title ?? 'untitled'}: ${r.length}` },
};

describe('formatWith', () => {
  it('renders the report with the format picked by id, passing the meta', () => {
    expect(formatWith(FAMILY, 'upper', ['a', 'b'])).toBe('A,B');
    expect(formatWith(FAMILY, 'titled', ['a', 'b'], { title: 'bump' })).toBe('bump: 2');
  });

  it('an absent meta is an empty one, not undefined', () => {
    expect(formatWith(FAMILY, 'titled', [])).toBe('untitled: 0');
  });
});
