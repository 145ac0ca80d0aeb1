// helm's render error → the failing template and its message, as helm-unittest extracts
// them for `failedTemplate` (execution errors only; parse/schema errors stay whole).

export interface ExtractedFailure {
  failedFile?: string;
  message?: string;
}

const POSITION = /(?:^|: |\()([^\s():]+\/[^\s():]+):(\d+):(\d+)\)?:? ?/;

export function extractFailure(error: string): ExtractedFailure {
  const m = POSITION.exec(error);
  if (!m) return {};
  const file = m[1];
  // A multi-line error (e.g. `fail` with newlines) is everything after the first newline.
  const nl = error.indexOf('\n');
  if (nl >= 0) return { failedFile: file, message: error.slice(nl + 1) };
  let rest = error.slice(m.index + m[0].length);
  rest = rest.replace(/^executing "[^"]*" at <[^>]*>: /, '');
  return { failedFile: file, message: rest.split('\n')[0] };
}
