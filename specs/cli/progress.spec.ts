// Progress: renders done / total on stderr, only on a terminal and only once a run has taken
// the threshold (2 s in the CLI); the line is cleared at the end.
import { describe, expect, it } from 'vitest';
import { renderProgress } from '../../src/cli/progress.js';

function stream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const s = { isTTY, text: '', write: (chunk: string) => ((s.text += chunk), true) };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

describe('render progress', () => {
  it('a terminal, past the threshold: one line rewritten in place, cleared at the end', () => {
    const out = stream(true);
    const p = renderProgress(out, 0);
    p.update(1, 3);
    p.update(2, 3);
    p.update(2, 3);
    p.update(3, 3);
    p.done();
    expect(out.text).toBe('\rrenders 1/3\rrenders 2/3\rrenders 3/3\r           \r');
  });

  it('a terminal, a run shorter than the threshold: nothing', () => {
    const out = stream(true);
    const p = renderProgress(out, 60_000);
    p.update(1, 2);
    p.update(2, 2);
    p.done();
    expect(out.text).toBe('');
  });

  it('not a terminal (a pipe, a CI log, --format json consumers): nothing', () => {
    const out = stream(false);
    const p = renderProgress(out, 0);
    p.update(1, 1);
    p.done();
    expect(out.text).toBe('');
  });
});
