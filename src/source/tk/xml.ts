/**
 * A small, strict-enough XML reader for SyncFeed pages: elements, attributes and text into a
 * light tree. The feed is plain data XML, so a hand-written scanner does it several times
 * faster than a general parser (which spent most of a sync's CPU building paths and nodes
 * we never used). DTDs are skipped and never expanded, so entity tricks cannot blow up.
 */

/** One element of a read document (read-only: leaves share their empty arrays). */
export interface XmlElement {
  /** The name as written, prefix included (`tk:document`). */
  name: string;
  /** The name without its namespace prefix (`document`). */
  local: string;
  /** Attribute names as written and their decoded values, flat: `[name, value, name, value, …]`. */
  readonly attrs: readonly string[];
  readonly children: readonly XmlElement[];
  /** The element's own text: every direct text piece trimmed, decoded, concatenated; '' if none. */
  text: string;
}

/** XML this reader cannot make sense of: unbalanced or unterminated tags, broken attributes. */
export class XmlSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} op positie ${offset}`);
    this.name = 'XmlSyntaxError';
  }
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#233;` and `&#xE9;`; unknown entities stay as written. */
export function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED[body] ?? m;
  });
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const EQUALS = 61;
const DQUOTE = 34;
const SQUOTE = 39;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

// Most elements are leaves without attributes: they share these until something is added,
// which saves two allocations per field in a page of thousands.
const NO_ATTRS: readonly string[] = [];
const NO_CHILDREN: readonly XmlElement[] = [];

/** XmlElement while it is being read. */
interface Building {
  name: string;
  local: string;
  attrs: readonly string[];
  children: readonly XmlElement[];
  text: string;
}

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;
/** Ends a tag or attribute name (NaN, past the end, ends it too). */
const endsName = (c: number): boolean => isSpace(c) || c === GT || c === SLASH || c === EQUALS || c !== c;

/** Appends the trimmed text of `xml[from, to)` to `el` (decoded unless `raw`). */
function addText(el: Building, xml: string, from: number, to: number, raw: boolean): void {
  while (from < to && isSpace(xml.charCodeAt(from))) from++;
  while (to > from && isSpace(xml.charCodeAt(to - 1))) to--;
  if (from === to) return;
  const piece = xml.slice(from, to);
  el.text += raw ? piece : decodeXml(piece);
}

/** The offset just after a `<!DOCTYPE …>`-like declaration at `lt`, internal subset included. */
function skipDeclaration(xml: string, lt: number): number {
  let depth = 0;
  for (let j = lt + 2; j < xml.length; j++) {
    const c = xml.charCodeAt(j);
    if (c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACKET) depth--;
    else if (c === GT && depth <= 0) return j + 1;
  }
  throw new XmlSyntaxError('niet afgesloten declaratie', lt);
}

/**
 * Reads a document into a tree under a nameless root (its children are the top-level
 * elements). Throws XmlSyntaxError on a mismatched or missing end tag, an unterminated tag,
 * comment or CDATA section, and attributes without a quoted value. Comments, processing
 * instructions and declarations are dropped; CDATA is text taken as written.
 */
export function readXml(xml: string): XmlElement {
  const doc: Building = { name: '', local: '', attrs: NO_ATTRS, children: [], text: '' };
  const stack: Building[] = [doc];
  let top = doc;
  const n = xml.length;
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      addText(top, xml, i, n, false);
      break;
    }
    if (lt > i) addText(top, xml, i, lt, false);
    const c = xml.charCodeAt(lt + 1);
    if (c === SLASH) {
      const gt = xml.indexOf('>', lt + 2);
      if (gt < 0) throw new XmlSyntaxError('unterminated end tag', lt);
      let to = gt;
      while (to > lt + 2 && isSpace(xml.charCodeAt(to - 1))) to--;
      const name = xml.slice(lt + 2, to);
      if (top === doc || name !== top.name) throw new XmlSyntaxError(`onverwachte </${name}>${top === doc ? '' : ` in <${top.name}>`}`, lt);
      stack.pop();
      top = stack[stack.length - 1]!;
      i = gt + 1;
    } else if (c === BANG) {
      if (xml.startsWith('!--', lt + 1)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end < 0) throw new XmlSyntaxError('unterminated comment', lt);
        i = end + 3;
      } else if (xml.startsWith('![CDATA[', lt + 1)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0) throw new XmlSyntaxError('unterminated CDATA section', lt);
        addText(top, xml, lt + 9, end, true);
        i = end + 3;
      } else {
        i = skipDeclaration(xml, lt);
      }
    } else if (c === QUESTION) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) throw new XmlSyntaxError('unterminated processing instruction', lt);
      i = end + 2;
    } else {
      let j = lt + 1;
      while (!endsName(xml.charCodeAt(j))) j++;
      if (j === lt + 1) throw new XmlSyntaxError('expected a tag name after <', lt);
      const name = xml.slice(lt + 1, j);
      const colon = name.indexOf(':');
      const el: Building = { name, local: colon < 0 ? name : name.slice(colon + 1), attrs: NO_ATTRS, children: NO_CHILDREN, text: '' };
      if (top.children === NO_CHILDREN) top.children = [el];
      else (top.children as XmlElement[]).push(el);
      for (;;) {
        while (isSpace(xml.charCodeAt(j))) j++;
        const d = xml.charCodeAt(j);
        if (d === GT) {
          stack.push(el);
          top = el;
          j++;
          break;
        }
        if (d === SLASH && xml.charCodeAt(j + 1) === GT) {
          j += 2;
          break;
        }
        if (j >= n) throw new XmlSyntaxError(`niet afgesloten <${name}>`, lt);
        const a = j;
        while (!endsName(xml.charCodeAt(j))) j++;
        if (j === a) throw new XmlSyntaxError(`onverwacht teken in <${name}>`, j);
        const attrName = xml.slice(a, j);
        while (isSpace(xml.charCodeAt(j))) j++;
        if (xml.charCodeAt(j) !== EQUALS) throw new XmlSyntaxError(`attribuut ${attrName} zonder waarde`, a);
        j++;
        while (isSpace(xml.charCodeAt(j))) j++;
        const q = xml.charCodeAt(j);
        if (q !== DQUOTE && q !== SQUOTE) throw new XmlSyntaxError(`waarde van attribuut ${attrName} zonder aanhalingstekens`, j);
        const close = xml.indexOf(q === DQUOTE ? '"' : "'", j + 1);
        if (close < 0) throw new XmlSyntaxError(`niet afgesloten waarde van attribuut ${attrName}`, j);
        const value = decodeXml(xml.slice(j + 1, close));
        if (el.attrs === NO_ATTRS) el.attrs = [attrName, value];
        else (el.attrs as string[]).push(attrName, value);
        j = close + 1;
      }
      i = j;
    }
  }
  if (top !== doc) throw new XmlSyntaxError(`<${top.name}> wordt nooit gesloten`, n);
  return doc;
}
