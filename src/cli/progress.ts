// Renders done / total on stderr, for runs that last: only on a terminal (pipes, CI logs and
// --format json stay clean), and only once the run has taken 2 s (quick runs print nothing).

const SHOW_AFTER_MS = 2000;

export interface Progress {
  update: (done: number, total: number) => void;
  done: () => void;
}

export function renderProgress(stream: NodeJS.WriteStream = process.stderr, showAfterMs = SHOW_AFTER_MS): Progress {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  const started = performance.now();
  let last = '';
  let shown = false;
  let latest = { done: 0, total: 0 };
  const draw = () => {
    const line = `renders ${latest.done}/${latest.total}`;
    if (line === last) return;
    stream.write(`\r${line}`);
    last = line;
    shown = true;
  };
  // A timer too: a run stuck on one long render still shows where it is once 2 s have gone.
  const timer = setInterval(() => {
    if (latest.total > 0 && performance.now() - started >= showAfterMs) draw();
  }, 250);
  timer.unref();
  return {
    update: (done, total) => {
      latest = { done, total };
      if (performance.now() - started >= showAfterMs) draw();
    },
    done: () => {
      clearInterval(timer);
      if (shown) stream.write(`\r${' '.repeat(last.length)}\r`);
    },
  };
}
