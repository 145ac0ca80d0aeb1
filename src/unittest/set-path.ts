// helm-unittest `set:` keys (NOT JSONPath): `a.b`, `a[2]`, `annotations.[prometheus.io/scrape]`.
// Each entry becomes a nested values object; lists are built whole (null-filled), as upstream.
import type { Values } from '../model/release.js';

export class SetPathError extends Error {}

type Seg = string | number;

export function parseSetPath(path: string): Seg[] {
  if (path === '') throw new SetPathError('set path is empty');
  const bad = /[,{}=]/.exec(path);
  if (bad) throw new SetPathError(`invalid token found ${bad[0]}`);
  const segs: Seg[] = [];
  let i = 0;
  let expectKey = true;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      if (expectKey) throw new SetPathError(`unexpected end of ${path}`);
      expectKey = true;
      i++;
    } else if (c === '[') {
      const end = path.indexOf(']', i);
      if (end < 0) throw new SetPathError(`unexpected end of ${path}`);
      const inner = path.slice(i + 1, end);
      if (expectKey)
        segs.push(inner); // `.[a.b]` or a leading `[a.b]`: an escaped key
      else {
        if (inner === '') throw new SetPathError('missing index value');
        if (!/^\d+$/.test(inner)) throw new SetPathError(`strconv.Atoi: parsing ${JSON.stringify(inner)}: invalid syntax`);
        segs.push(Number(inner));
      }
      expectKey = false;
      i = end + 1;
    } else if (c === ']') {
      throw new SetPathError('invalid key ]');
    } else {
      let j = i;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      segs.push(path.slice(i, j));
      expectKey = false;
      i = j;
    }
  }
  if (expectKey) throw new SetPathError(`unexpected end of ${path}`);
  return segs;
}

/** `{a: {b: [null, value]}}` for `a.b[1]`. */
export function setPathObject(path: string, value: unknown): Values {
  const segs = parseSetPath(path);
  let cur: unknown = value;
  for (let k = segs.length - 1; k >= 0; k--) {
    const s = segs[k];
    if (typeof s === 'number') {
      const list: unknown[] = new Array(s + 1).fill(null);
      list[s] = cur;
      cur = list;
    } else cur = { [s]: cur };
  }
  if (typeof segs[0] === 'number') throw new SetPathError(`set path ${path} must start with a key`);
  return cur as Values;
}
