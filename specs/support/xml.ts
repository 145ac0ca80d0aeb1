// A tiny, strict XML well-formedness parser for the report specs (no dependency):
// one root, balanced tags, quoted unique attributes, only the five predefined entities
// and numeric references, no raw `<` or `&` in text. Returns a small element tree with
// entities decoded, so specs can round-trip what the writers escaped.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Decoded text directly inside this element (children's text excluded). */
  text: string;
}

export class XmlSyntaxError extends Error {}

const NAME = /^[A-Za-z_:][\w:.-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  if (raw.includes('<')) throw new XmlSyntaxError(`raw '<' in text or attribute near offset ${at}`);
  return raw.replace(/&([^;\s&]*);?/g, (m, body: string) => {
    if (!m.endsWith(';')) throw new XmlSyntaxError(`bare '&' near offset ${at}: ${JSON.stringify(m)}`);
    if (body in ENTITIES) return ENTITIES[body];
    const num = /^#(\d+)$/.exec(body) ?? /^#x([0-9a-fA-F]+)$/.exec(body);
    if (num) return String.fromCodePoint(parseInt(num[1], body[1] === 'x' ? 16 : 10));
    throw new XmlSyntaxError(`unknown entity &${body}; near offset ${at}`);
  });
}

/**
 * Parse `text` as XML. `html: true` accepts a leading `<!DOCTYPE html>` (the HTML report is
 * written XHTML-shaped: every element closed, void elements self-closed).
 */
export function parseXml(text: string, opts: { html?: boolean } = {}): XmlElement {
  let i = 0;
  const skipWs = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  /** Skips a comment starting at `i`; false when none starts there. */
  const skipComment = (): boolean => {
    if (!text.startsWith('<!--', i)) return false;
    const end = text.indexOf('-->', i + 4);
    if (end === -1) throw new XmlSyntaxError(`unterminated comment at ${i}`);
    i = end + 3;
    return true;
  };
  const skipMisc = () => {
    do skipWs();
    while (skipComment());
  };
  if (text.startsWith('<?xml', i)) {
    const end = text.indexOf('?>', i);
    if (end === -1) throw new XmlSyntaxError('unterminated XML declaration');
    i = end + 2;
  }
  skipMisc();
  if (/^<!DOCTYPE/i.test(text.slice(i, i + 9))) {
    if (!opts.html) throw new XmlSyntaxError('unexpected DOCTYPE');
    const end = text.indexOf('>', i);
    i = end + 1;
  }
  skipMisc();

  const parseElement = (): XmlElement => {
    if (text[i] !== '<') throw new XmlSyntaxError(`expected '<' at ${i}`);
    i++;
    const name = NAME.exec(text.slice(i))?.[0];
    if (!name) throw new XmlSyntaxError(`bad element name at ${i}`);
    i += name.length;
    const el: XmlElement = { name, attrs: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      skipWs();
      if (text.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (text[i] === '>') {
        i++;
        break;
      }
      if (i === before) throw new XmlSyntaxError(`expected whitespace before attribute in <${name}> at ${i}`);
      const attr = NAME.exec(text.slice(i))?.[0];
      if (!attr) throw new XmlSyntaxError(`bad attribute name in <${name}> at ${i}`);
      i += attr.length;
      skipWs();
      if (text[i] !== '=') throw new XmlSyntaxError(`attribute ${attr} of <${name}> has no value at ${i}`);
      i++;
      skipWs();
      const q = text[i];
      if (q !== '"' && q !== "'") throw new XmlSyntaxError(`attribute ${attr} of <${name}> is not quoted at ${i}`);
      const end = text.indexOf(q, i + 1);
      if (end === -1) throw new XmlSyntaxError(`unterminated attribute ${attr} of <${name}>`);
      if (attr in el.attrs) throw new XmlSyntaxError(`duplicate attribute ${attr} in <${name}>`);
      el.attrs[attr] = decode(text.slice(i + 1, end), i);
      i = end + 1;
    }
    for (;;) {
      const lt = text.indexOf('<', i);
      if (lt === -1) throw new XmlSyntaxError(`<${name}> is never closed`);
      el.text += decode(text.slice(i, lt), i);
      i = lt;
      if (text.startsWith('</', i)) {
        const m = /^<\/([A-Za-z_:][\w:.-]*)\s*>/.exec(text.slice(i));
        if (!m) throw new XmlSyntaxError(`bad end tag at ${i}`);
        if (m[1] !== name) throw new XmlSyntaxError(`</${m[1]}> closes <${name}> at ${i}`);
        i += m[0].length;
        return el;
      }
      if (skipComment()) continue;
      el.children.push(parseElement());
    }
  };

  const root = parseElement();
  skipMisc();
  if (i !== text.length) throw new XmlSyntaxError(`content after the root element at ${i}`);
  return root;
}

/** Every element named `name` in the tree, document order. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    if (e.name === name) out.push(e);
    e.children.forEach(walk);
  };
  walk(el);
  return out;
}

/** All text under an element: its own text, then its children's (not interleaved; enough for specs). */
export function textOf(el: XmlElement): string {
  return el.text + el.children.map(textOf).join('');
}
