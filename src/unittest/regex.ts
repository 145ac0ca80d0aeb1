// Go (RE2) regular expressions as JavaScript RegExps: helm-unittest patterns are Go's.
// Covers what test files use: a leading `(?flags)`, `\A`/`\z`, `(?P<name>`; the rest of
// RE2's syntax is a subset of JavaScript's.

export class PatternError extends Error {}

// Compiled once per pattern (every test asserting it reuses it); never `g`/`y`, so no lastIndex state is shared.
const COMPILED = new Map<string, RegExp>();

export function goRegex(pattern: string): RegExp {
  let re = COMPILED.get(pattern);
  if (!re) {
    re = compile(pattern); // throws PatternError (not cached: thrown again the same way)
    if (COMPILED.size >= 10_000) COMPILED.clear(); // a long-lived process stays bounded
    COMPILED.set(pattern, re);
  }
  return re;
}

function compile(pattern: string): RegExp {
  let flags = 'u';
  let src = pattern;
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    src = src.slice(lead[0].length);
    for (const f of lead[1]) if (f !== 'U' && !flags.includes(f)) flags += f;
  }
  src = src
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$(?![\\s\\S])')
    .replace(/\(\?P</g, '(?<');
  try {
    return new RegExp(src, flags);
  } catch {
    try {
      return new RegExp(src, flags.replace('u', ''));
    } catch (err) {
      throw new PatternError(`error parsing regexp: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`);
    }
  }
}
