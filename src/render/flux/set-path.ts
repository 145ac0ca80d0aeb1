// A valuesFrom targetPath write, as helm-controller does it with Helm's `--set` parser
// (strvals): `a.b.c`, `list[0]`, `\.` escapes a dot; written in place into the maps given.
import { ConfigError } from '../../errors.js';
import { isMap } from '../../manifests/yaml.js';
import type { Values } from '../../model/release.js';

type Segment = string | number;

/** `a.b[0].c\.d` → ['a', 'b', 0, 'c.d']. */
export function parsePath(path: string, at: string): Segment[] {
  const out: Segment[] = [];
  let cur = '';
  for (let i = 0; i < path.length; i++) {
    const ch = path[i];
    if (ch === '\\' && path[i + 1] !== undefined) cur += path[++i];
    else if (ch === '.') (out.push(cur), (cur = ''));
    else if (ch === '[') {
      const close = path.indexOf(']', i);
      const index = close === -1 ? NaN : Number(path.slice(i + 1, close));
      if (!Number.isInteger(index) || index < 0) throw new ConfigError(`${at}: targetPath ${path} has a bad list index`);
      if (cur) (out.push(cur), (cur = ''));
      out.push(index);
      i = close;
      if (path[i + 1] === '.') i++;
    } else cur += ch;
  }
  if (cur || out.length === 0) out.push(cur);
  if (out.some((s) => s === '')) throw new ConfigError(`${at}: targetPath ${path} has an empty key`);
  return out;
}

/** Helm `--set` typing: true/false (any case), null, integers not starting with 0, `{a,b}` lists; quoted → string. */
export function typedValue(text: string, at: string): unknown {
  if (/^(["']).*\1$/s.test(text) && text.length >= 2) return text.replace(/^["']+|["']+$/g, '');
  if (/^\{.*\}$/s.test(text))
    return text
      .slice(1, -1)
      .split(',')
      .map((x) => typedValue(x, at));
  if (/(^|[^\\]),/.test(text)) throw new ConfigError(`${at}: the value holds a comma, which Helm's --set reads as a second key=value (use literal: true)`);
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  if (text === 'null') return null;
  if (/^(0|-?[1-9]\d*)$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  return text.replace(/\\,/g, ',');
}

/** Write `text` at `path` in `root`, creating maps and lists on the way (in place, as strvals does). */
export function setPath(root: Values, path: string, text: string, literal: boolean, at: string): void {
  const segs = parsePath(path, at);
  const value = literal ? text : typedValue(text, at);
  let node: Values | unknown[] = root;
  segs.forEach((seg, i) => {
    const last = i === segs.length - 1;
    const next = segs[i + 1];
    const fresh = (): Values | unknown[] => (typeof next === 'number' ? [] : {});
    if (typeof seg === 'number') {
      if (!Array.isArray(node)) throw new ConfigError(`${at}: targetPath ${path} indexes something that is not a list`);
      if (last) return void (node[seg] = value);
      const child: unknown = node[seg];
      node = (Array.isArray(child) || isMap(child) ? child : (node[seg] = fresh())) as Values | unknown[];
      return;
    }
    if (Array.isArray(node)) throw new ConfigError(`${at}: targetPath ${path} names a key inside a list`);
    if (last) return void (node[seg] = value);
    const child: unknown = node[seg];
    node = (Array.isArray(child) || isMap(child) ? child : (node[seg] = fresh())) as Values | unknown[];
  });
}
