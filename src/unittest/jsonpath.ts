// helm-unittest's path dialect (yaml-jsonpath) evaluated with jsonpath-plus: the path is
// rewritten into jsonpath-plus syntax, filters into calls of type-strict helpers, and run
// in jsonpath-plus's safe evaluator (never `eval`).
import { JSONPath } from 'jsonpath-plus';
import { isDeepStrictEqual } from 'node:util';
import { goRegex } from './regex.js';

export class PathError extends Error {}

/** Every value the path yields in `doc`, in document order; `''` is the whole doc. */
export function evalPath(doc: unknown, path: string): unknown[] {
  const c = compiled(path);
  if (c === 'whole') return [doc];
  if (Array.isArray(c)) return walkSimple(doc, c);
  const { translated, rootFilter } = c;
  try {
    // jsonpath-plus types `sandbox` as a Map; at run time it reads the helpers as plain properties.
    const sandbox = HELPERS as unknown as Map<string, unknown>;
    return JSONPath({
      path: translated,
      json: (rootFilter ? [doc] : doc) as object,
      wrap: true,
      eval: 'safe',
      ignoreEvalErrors: true,
      sandbox,
    }) as unknown as unknown[];
  } catch (err) {
    throw new PathError(`invalid path ${path}: ${(err as Error).message}`);
  }
}

const SIMPLE = /^\$?\.?[A-Za-z_][\w/-]*(?:\.[A-Za-z_][\w/-]*|\[\d+\])*$/;

/** A path ready to evaluate: the whole doc, the segments of a plain path, or its jsonpath-plus form. */
type Compiled = 'whole' | string[] | { translated: string; rootFilter: boolean };

// Every test of a file asks the same few paths of every document: each is read once.
const COMPILED = new Map<string, Compiled>();

function compiled(path: string): Compiled {
  let c = COMPILED.get(path);
  if (c === undefined) {
    const p = path.trim();
    // Plain `a.b[0].c` paths (most of them) are walked directly: same result, no evaluator.
    if (p === '') c = 'whole';
    else if (SIMPLE.test(p)) c = p.replace(/^\$?\.?/, '').match(/[^.[\]]+|\[\d+\]/g) ?? [];
    else {
      const translated = translatePath(p); // throws PathError (not cached: rare, and thrown again the same way)
      // A filter on the root applies to the root mapping itself, as in yaml-jsonpath.
      c = { translated, rootFilter: translated.startsWith('$[?(') };
    }
    if (COMPILED.size >= 10_000) COMPILED.clear(); // a long-lived process stays bounded
    COMPILED.set(path, c);
  }
  return c;
}

function walkSimple(doc: unknown, segments: readonly string[]): unknown[] {
  let cur: unknown = doc;
  for (const seg of segments) {
    if (seg.startsWith('[')) {
      if (!Array.isArray(cur)) return [];
      cur = cur[Number(seg.slice(1, -1))];
    } else {
      if (typeof cur !== 'object' || cur === null || Array.isArray(cur) || !Object.hasOwn(cur, seg)) return [];
      cur = (cur as Record<string, unknown>)[seg];
    }
    if (cur === undefined) return [];
  }
  return [cur];
}

const HELPERS = {
  _cmp(a: unknown, op: string, b: unknown): boolean {
    if (a === undefined || b === undefined) return false;
    const num = typeof a === 'number' && typeof b === 'number';
    const strs = typeof a === 'string' && typeof b === 'string';
    switch (op) {
      case '==':
        return isDeepStrictEqual(a, b);
      case '!=':
        return !isDeepStrictEqual(a, b);
      default:
        if (!num && !strs) return false;
        return op === '<'
          ? (a as number) < (b as number)
          : op === '<='
            ? (a as number) <= (b as number)
            : op === '>'
              ? (a as number) > (b as number)
              : (a as number) >= (b as number);
    }
  },
  _match(a: unknown, pattern: string): boolean {
    return typeof a === 'string' && goRegex(pattern).test(a);
  },
  _exists(a: unknown): boolean {
    return a !== undefined;
  },
};

/** helm-unittest path → jsonpath-plus path. */
export function translatePath(path: string): string {
  let p = path;
  if (!p.startsWith('$')) p = p.startsWith('[') || p.startsWith('.') ? `$${p}` : `$.${p}`;
  let out = '';
  let i = 0;
  while (i < p.length) {
    const c = p[i];
    if (c !== '[') {
      out += c;
      i++;
      continue;
    }
    const end = closing(p, i);
    out += `[${translateBracket(p.slice(i + 1, end), path)}]`;
    i = end + 1;
  }
  return out;
}

/** Index of the `]` closing the `[` at `start`, skipping quotes and nested brackets. */
function closing(s: string, start: number): number {
  let depth = 0;
  let quote = '';
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') {
      depth--;
      if (depth === 0 && c === ']') return i;
    }
  }
  throw new PathError(`invalid path ${s}: missing ] for [ at position ${start}`);
}

function translateBracket(inner: string, path: string): string {
  const t = inner.trim();
  if (t.startsWith('?(')) {
    if (!t.endsWith(')')) throw new PathError(`invalid path ${path}: missing end of filter`);
    return `?(${translateFilter(t.slice(2, -1), path)})`;
  }
  const neg = /^-(\d+)$/.exec(t);
  if (neg) return neg[1] === '1' ? '-1:' : `-${neg[1]}:-${Number(neg[1]) - 1}`;
  const quoted = t.match(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g);
  if (quoted && quoted.length > 1) return quoted.map((q) => q.slice(1, -1)).join(',');
  return inner;
}

type Tok = { t: 'op' | 'lp' | 'rp' | 'not' | 'and' | 'or' | 'val' | 'path' | 're'; v: string };

function tokenize(expr: string, path: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const bad = (what: string): never => {
    throw new PathError(`invalid path ${path}: ${what} at position ${i} of filter ${expr}`);
  };
  while (i < expr.length) {
    const c = expr[i];
    const two = expr.slice(i, i + 2);
    if (/\s/.test(c)) i++;
    else if (c === '(') (toks.push({ t: 'lp', v: c }), i++);
    else if (c === ')') (toks.push({ t: 'rp', v: c }), i++);
    else if (two === '&&') (toks.push({ t: 'and', v: two }), (i += 2));
    else if (two === '||') (toks.push({ t: 'or', v: two }), (i += 2));
    else if (['==', '!=', '<=', '>=', '=~'].includes(two)) (toks.push({ t: 'op', v: two }), (i += 2));
    else if (c === '<' || c === '>') (toks.push({ t: 'op', v: c }), i++);
    else if (c === '!') (toks.push({ t: 'not', v: c }), i++);
    else if (c === '/' && toks.at(-1)?.v === '=~') {
      let j = i + 1;
      while (j < expr.length && expr[j] !== '/') j += expr[j] === '\\' ? 2 : 1;
      if (j >= expr.length) bad('unterminated regular expression');
      toks.push({ t: 're', v: expr.slice(i + 1, j).replace(/\\\//g, '/') });
      i = j + 1;
    } else if (c === "'" || c === '"') {
      const j = expr.indexOf(c, i + 1);
      if (j < 0) bad('unterminated string');
      toks.push({ t: 'val', v: JSON.stringify(expr.slice(i + 1, j)) });
      i = j + 1;
    } else if (c === '@' || c === '$') {
      let j = i + 1;
      while (j < expr.length && !/[\s)&|=!<>]/.test(expr[j])) j = expr[j] === '[' ? closing(expr, j) + 1 : j + 1;
      const sub = expr.slice(i + 1, j).replace(/\[\s*(-\d+)\s*\]/g, (_, n: string) => `.at(${n})`);
      toks.push({ t: 'path', v: (c === '@' ? '@' : '@root') + sub });
      i = j;
    } else {
      const m = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)/.exec(expr.slice(i));
      if (!m) bad(`unexpected ${JSON.stringify(c)}`);
      toks.push({ t: 'val', v: m![0] });
      i += m![0].length;
    }
  }
  return toks;
}

/** Filter expression → JavaScript over the helpers (recursive descent: || over && over !/()). */
function translateFilter(expr: string, path: string): string {
  const toks = tokenize(expr, path);
  let k = 0;
  const fail = (): never => {
    throw new PathError(`invalid path ${path}: invalid filter ${expr}`);
  };
  const or = (): string => {
    let s = and();
    while (toks[k]?.t === 'or') (k++, (s = `(${s} || ${and()})`));
    return s;
  };
  const and = (): string => {
    let s = unary();
    while (toks[k]?.t === 'and') (k++, (s = `(${s} && ${unary()})`));
    return s;
  };
  const unary = (): string => {
    const tok = toks[k];
    if (!tok) return fail();
    if (tok.t === 'not') return (k++, `!${unary()}`);
    if (tok.t === 'lp') {
      k++;
      const s = or();
      if (toks[k++]?.t !== 'rp') fail();
      return `(${s})`;
    }
    const left = operand();
    const op = toks[k];
    if (op?.t !== 'op') return tok.t === 'path' ? `_exists(${left})` : left;
    k++;
    if (op.v === '=~') {
      const re = toks[k++];
      if (re?.t !== 're') fail();
      return `_match(${left}, ${JSON.stringify(re!.v)})`;
    }
    return `_cmp(${left}, ${JSON.stringify(op.v)}, ${operand()})`;
  };
  const operand = (): string => {
    const tok = toks[k++];
    if (!tok || (tok.t !== 'path' && tok.t !== 'val')) return fail();
    return tok.v;
  };
  const js = or();
  if (k !== toks.length) fail();
  return js;
}
