/** Pure, lenient parsing of SyncFeed pages (Atom + tkData entity XML) into TkFeedPage. */
import { XMLParser } from 'fast-xml-parser';
import type { TkEntity, TkFeedEntry, TkFeedPage, TkFieldValue, TkRef } from '../../domain/tk.js';

/** A page that cannot be read: malformed or truncated XML, or not a feed. Worth retrying. */
export class TkFeedError extends Error {
  readonly retryable: boolean;
  constructor(message: string, retryable = true, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TkFeedError';
    this.retryable = retryable;
  }
}

// preserveOrder is the library's fastest output form (no per-tag path bookkeeping) and
// gives every element the same shape: `{ tag: children[], ':@'?: attributes }`. Prefixes are
// kept and stripped here, because they vary (tk:, ns1:, none) and attributes need it too.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // The library's entity handling costs more than the rest of the parse; decodeXml does the
  // five XML entities and character references, which is all the feed uses.
  processEntities: false,
});

/** One element in preserveOrder form. */
type El = Record<string, unknown>;

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);
const tagOf = (el: El): string | null => {
  for (const k in el) if (k !== ':@') return k;
  return null;
};
const childrenOf = (el: El, tag: string): El[] => (el[tag] as El[] | undefined) ?? [];
/** Child elements with their local names (text nodes and processing instructions left out). */
function elements(el: El, tag: string): [string, El][] {
  const out: [string, El][] = [];
  for (const c of childrenOf(el, tag)) {
    const t = tagOf(c);
    if (t !== null && t !== '#text' && t[0] !== '?') out.push([localName(t), c]);
  }
  return out;
}
const firstNamed = (els: [string, El][], name: string): El | undefined => els.find(([n]) => n === name)?.[1];

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

/** An attribute by local name (`tk:bijgewerkt`, `ns1:bijgewerkt` and `bijgewerkt` alike). */
function attr(el: El | undefined, name: string): string | null {
  const attrs = el?.[':@'] as Record<string, unknown> | undefined;
  if (!attrs) return null;
  for (const k in attrs) {
    if (k === name || (k.endsWith(':' + name) && !k.startsWith('xmlns'))) {
      const v = attrs[k];
      return typeof v === 'string' ? decodeXml(v) : null;
    }
  }
  return null;
}

/** The element's text content (its direct text nodes). */
function textOf(el: El | undefined): string | null {
  if (!el) return null;
  const tag = tagOf(el);
  if (tag === null) return null;
  let text = '';
  for (const c of childrenOf(el, tag)) if ('#text' in c) text += String(c['#text']);
  return decodeXml(text);
}

/** `True`, `true`, `1` → true; anything else → false. */
export function parseTkBoolean(value: string | null): boolean {
  return value !== null && /^(true|1)$/i.test(value.trim());
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A feed timestamp in UTC ISO form (`2025-03-03T10:15:00.123Z`): accepts `Z`, `+01:00`,
 * `+0100` or no zone at all (read as UTC, which `bijgewerkt` is documented to be) and up
 * to 7 fractional digits. Null when unreadable.
 */
export function normalizeTimestamp(value: string | null): string | null {
  if (value === null) return null;
  const m = TIMESTAMP.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0').slice(0, 3)));
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The `skiptoken` query parameter of a feed link, or null. */
export function skiptokenOf(href: string | null): string | null {
  if (!href) return null;
  const m = /[?&]skiptoken=([^&#]*)/i.exec(href);
  return m ? decodeURIComponent(m[1]!) : null;
}

/** `documentVersie` → `DocumentVersie`: the category an entity element belongs to. */
const categoryOfElement = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

function addField(fields: Record<string, TkFieldValue>, name: string, value: string | null): void {
  if (!(name in fields)) {
    fields[name] = value;
    return;
  }
  // A repeated single-valued field: keep every non-null value.
  const prev = fields[name];
  if (value === null) return;
  if (prev === null || prev === undefined) fields[name] = value;
  else fields[name] = typeof prev === 'string' ? [prev, value] : [...prev, value];
}

function readChildren(el: El, prefix: string, fields: Record<string, TkFieldValue>, refs: TkRef[]): void {
  const tag = tagOf(el);
  if (tag === null) return;
  for (const [name, child] of elements(el, tag)) {
    const ref = attr(child, 'ref');
    if (ref !== null) {
      if (ref.trim()) refs.push({ name: prefix + name, ref: ref.trim().toLowerCase() });
      continue;
    }
    if (parseTkBoolean(attr(child, 'nil'))) {
      addField(fields, prefix + name, null);
      continue;
    }
    if (elements(child, tagOf(child)!).length > 0) {
      readChildren(child, `${prefix}${name}.`, fields, refs);
      continue;
    }
    const text = textOf(child) ?? '';
    // `True`/`FALSE` arrive for xs:boolean fields; one spelling keeps filters simple.
    addField(fields, prefix + name, /^(true|false)$/i.test(text) ? text.toLowerCase() : text);
  }
}

/** Reads one entity element (`<document id=… bijgewerkt=…>…</document>`) in preserveOrder form. */
function parseEntityElement(elementName: string, el: El, category?: string, fallbackId?: string | null): TkEntity {
  const id = (attr(el, 'id') ?? fallbackId ?? '').trim().toLowerCase();
  if (!id) throw new TkFeedError(`entity <${elementName}> without id`, false);
  const fields: Record<string, TkFieldValue> = {};
  const refs: TkRef[] = [];
  readChildren(el, '', fields, refs);
  const entity: TkEntity = {
    id,
    category: category ?? categoryOfElement(elementName),
    updated: normalizeTimestamp(attr(el, 'bijgewerkt')),
    deleted: parseTkBoolean(attr(el, 'verwijderd')),
    fields,
    refs,
  };
  const contentType = attr(el, 'contentType');
  const contentLength = attr(el, 'contentLength');
  if (contentType !== null || contentLength !== null) {
    const len = contentLength !== null && /^\d+$/.test(contentLength.trim()) ? Number(contentLength) : null;
    entity.file = { contentType, contentLength: len };
  }
  return entity;
}

function linkHref(els: [string, El][], rel: string): string | null {
  for (const [name, l] of els) if (name === 'link' && attr(l, 'rel') === rel) return attr(l, 'href');
  return null;
}

function parseEntry(entry: El): TkFeedEntry {
  const els = elements(entry, tagOf(entry)!);
  const title = textOf(firstNamed(els, 'title'));
  const term = attr(firstNamed(els, 'category'), 'term');
  const updated = () => normalizeTimestamp(textOf(firstNamed(els, 'updated')));
  const content = firstNamed(els, 'content');
  const inner = content ? elements(content, tagOf(content)!)[0] : undefined;
  let entity: TkEntity;
  if (inner) {
    entity = parseEntityElement(inner[0], inner[1], term ?? undefined, title);
  } else {
    // A tombstone may come without content; the title still names the entity.
    if (!title || !term) throw new TkFeedError('feed entry without entity content', false);
    entity = { id: title.trim().toLowerCase(), category: term, updated: updated(), deleted: true, fields: {}, refs: [] };
  }
  entity.updated ??= updated();
  return { entity, cursor: skiptokenOf(linkHref(els, 'next')), enclosure: linkHref(els, 'enclosure') };
}

/**
 * Parses a SyncFeed page. Throws TkFeedError (retryable) on truncated XML, on XML the
 * parser rejects and on anything that is not an Atom feed (an HTML error page), since that is
 * what an interrupted transfer or a failing proxy looks like. Mismatched tags inside an
 * otherwise complete page are not detected (the parser is lenient there).
 */
export function parseFeedPage(xml: string): TkFeedPage {
  // A cut-off transfer loses the tail, so the closing tag is the cheap, sure sign of a whole
  // page (a full validation pass would cost as much as the parse itself).
  if (!/<\/(?:[\w.-]+:)?feed>\s*$/.test(xml.slice(-256))) throw new TkFeedError('malformed feed XML: truncated (no closing </feed>)');
  let doc: El[];
  try {
    doc = parser.parse(xml) as El[];
  } catch (e) {
    throw new TkFeedError(`malformed feed XML: ${e instanceof Error ? e.message : String(e)}`, true, { cause: e });
  }
  const feed = doc.find((el) => localName(tagOf(el) ?? '') === 'feed');
  if (!feed) throw new TkFeedError('not an Atom feed (no <feed> element)');
  const els = elements(feed, tagOf(feed)!);
  const entries = els.filter(([n]) => n === 'entry').map(([, e]) => parseEntry(e));
  return { entries, next: skiptokenOf(linkHref(els, 'next')) };
}
