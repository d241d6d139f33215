/** Pure, lenient parsing of SyncFeed pages (Atom + tkData entity XML) into TkFeedPage. */
import { canonicalTkCategory, type TkEntity, type TkFeedEntry, type TkFeedPage, type TkFieldValue, type TkRef } from '../../domain/tk.js';
import { XmlSyntaxError, readXml, type XmlElement } from './xml.js';

export { decodeXml } from './xml.js';

/** A page that cannot be read: malformed or truncated XML, or not a feed. Worth retrying. */
export class TkFeedError extends Error {
  readonly retryable: boolean;
  constructor(message: string, retryable = true, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TkFeedError';
    this.retryable = retryable;
  }
}

const firstNamed = (el: XmlElement, local: string): XmlElement | undefined => el.children.find((c) => c.local === local);

/**
 * An attribute by local name (`tk:bijgewerkt`, `ns1:bijgewerkt` and `bijgewerkt` alike),
 * never a namespace declaration. Prefixes are matched loosely because they vary per
 * category and service (tk:, ns1:, none).
 */
function attr(el: XmlElement | undefined, name: string): string | null {
  if (!el) return null;
  const attrs = el.attrs;
  for (let k = 0; k < attrs.length; k += 2) {
    const key = attrs[k]!;
    if (key === name) return attrs[k + 1]!;
    const at = key.length - name.length - 1;
    if (at > 0 && key.charCodeAt(at) === 58 && key.endsWith(name) && !key.startsWith('xmlns')) return attrs[k + 1]!;
  }
  return null;
}

/** `True`, `true`, `1` → true; anything else → false. */
export function parseTkBoolean(value: string | null): boolean {
  return value !== null && /^(true|1)$/i.test(value.trim());
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

const AMSTERDAM = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Amsterdam',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});
const HOUR = 3_600_000;

/** Amsterdam's offset from UTC (ms) at `utcMs`, asked of the time-zone database (~10 µs). */
function intlOffset(utcMs: number): number {
  const p: Record<string, number> = {};
  for (const part of AMSTERDAM.formatToParts(new Date(utcMs))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(utcMs / 1000) * 1000;
}

/** 01:00 UTC on the last Sunday of `month` (0-based): when EU summer time starts or ends. */
function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0, 1));
  return last.getTime() - last.getUTCDay() * 86_400_000;
}

/**
 * Per year, the summer-time window by the EU rule (CET/CEST since 1996), kept only when the
 * time-zone database agrees at both edges; otherwise (another rule, a future change) null,
 * and every offset of that year is asked of the database. A real sync converts millions of
 * timestamps: this makes each a comparison instead of an Intl call.
 */
const summerByYear = new Map<number, { start: number; end: number } | null>();
function summerWindow(year: number): { start: number; end: number } | null {
  let w = summerByYear.get(year);
  if (w !== undefined) return w;
  const start = lastSunday(year, 2);
  const end = lastSunday(year, 9);
  const agrees =
    intlOffset(start - 1000) === HOUR && intlOffset(start) === 2 * HOUR && intlOffset(end - 1000) === 2 * HOUR && intlOffset(end) === HOUR;
  w = agrees ? { start, end } : null;
  summerByYear.set(year, w);
  return w;
}

/** Amsterdam's offset from UTC (ms) at the instant `utcMs`, daylight saving included. */
export function amsterdamOffset(utcMs: number): number {
  const w = summerWindow(new Date(utcMs).getUTCFullYear());
  if (w) return utcMs >= w.start && utcMs < w.end ? 2 * HOUR : HOUR;
  return intlOffset(utcMs);
}

/**
 * The UTC instant of an Amsterdam wall-clock time (given as if it were UTC). A time in the
 * hour skipped in spring, or repeated in autumn, is read with the winter-time offset: the
 * feed gives no way to tell the two autumn hours apart.
 */
export function amsterdamToUtc(wallMs: number): number {
  const first = wallMs - amsterdamOffset(wallMs - HOUR);
  const second = wallMs - amsterdamOffset(first);
  return second === first ? first : Math.min(first, second);
}

/**
 * A feed timestamp in UTC ISO form (`2025-03-03T10:15:00.123Z`): accepts `Z`, `+01:00`,
 * `+0100` or no zone at all, and up to 7 fractional digits. Without a zone it is
 * Amsterdam local time: the real feed's `tk:bijgewerkt="2026-09-10T13:30:01.8670000"` is
 * `13:30:01.867+02:00` in the OData record of the same entity. Null when unreadable.
 */
export function normalizeTimestamp(value: string | null): string | null {
  if (value === null) return null;
  const m = TIMESTAMP.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0').slice(0, 3)));
  if (!zone) ms = amsterdamToUtc(ms);
  else if (zone.toUpperCase() !== 'Z') {
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

/**
 * The category of an entry in its canonical spelling, whatever the case of the entry's
 * `<category term>` (the real feed sends `stemming`) or of the element (`tk:stemming`); a
 * category kamerlens does not know keeps the element's name with a capital, so that it is
 * stored and reported instead of lost.
 */
function categoryOf(term: string | null, element: string): string {
  return (term && canonicalTkCategory(term)) || canonicalTkCategory(element) || (term?.trim() || element).replace(/^./, (c) => c.toUpperCase());
}

/**
 * One relation, two wire forms: most live toezeggingen say to whom a promise was made as
 * `<toegezegdAan><persoon ref/><fractie ref/></toegezegdAan>`, older ones (and the XSD) as
 * flat `toegezegdAanPersoon`/`toegezegdAanFractie`. Stored under the flat names, so that
 * pages, reverse lookups and monitors need to know one.
 */
const REF_ALIASES: Readonly<Record<string, string>> = {
  'toegezegdAan.persoon': 'toegezegdAanPersoon',
  'toegezegdAan.fractie': 'toegezegdAanFractie',
};

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

function readChildren(el: XmlElement, prefix: string, fields: Record<string, TkFieldValue>, refs: TkRef[]): void {
  for (const child of el.children) {
    const name = prefix + child.local;
    const ref = attr(child, 'ref');
    if (ref !== null) {
      const trimmed = ref.trim();
      if (trimmed) refs.push({ name: REF_ALIASES[name] ?? name, ref: trimmed.toLowerCase() });
      continue;
    }
    if (parseTkBoolean(attr(child, 'nil'))) {
      addField(fields, name, null);
      continue;
    }
    if (child.children.length > 0) {
      readChildren(child, name + '.', fields, refs);
      continue;
    }
    const text = child.text;
    // `True`/`FALSE` arrive for xs:boolean fields; one spelling keeps filters simple.
    addField(fields, name, /^(true|false)$/i.test(text) ? text.toLowerCase() : text);
  }
}

/** Reads one entity element (`<document id=… bijgewerkt=…>…</document>`). */
function parseEntityElement(el: XmlElement, term: string | null, fallbackId?: string | null): TkEntity {
  const id = (attr(el, 'id') ?? fallbackId ?? '').trim().toLowerCase();
  if (!id) throw new TkFeedError(`entiteit <${el.local}> zonder id`, false);
  const fields: Record<string, TkFieldValue> = {};
  const refs: TkRef[] = [];
  readChildren(el, '', fields, refs);
  const entity: TkEntity = {
    id,
    category: categoryOf(term, el.local),
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

function linkHref(el: XmlElement, rel: string): string | null {
  for (const l of el.children) if (l.local === 'link' && attr(l, 'rel') === rel) return attr(l, 'href');
  return null;
}

function parseEntry(entry: XmlElement): TkFeedEntry {
  const title = firstNamed(entry, 'title')?.text ?? null;
  const term = attr(firstNamed(entry, 'category'), 'term');
  const updated = () => normalizeTimestamp(firstNamed(entry, 'updated')?.text ?? null);
  const inner = firstNamed(entry, 'content')?.children[0];
  let entity: TkEntity;
  if (inner) {
    entity = parseEntityElement(inner, term, title);
  } else {
    // A tombstone may come without content; the title still names the entity.
    if (!title || !term) throw new TkFeedError('feed-item zonder entiteit', false);
    entity = { id: title.trim().toLowerCase(), category: categoryOf(term, term), updated: updated(), deleted: true, fields: {}, refs: [] };
  }
  entity.updated ??= updated();
  return { entity, cursor: skiptokenOf(linkHref(entry, 'next')), enclosure: linkHref(entry, 'enclosure') };
}

/**
 * Parses a SyncFeed page. Throws TkFeedError (retryable) on truncated XML, on XML the
 * reader rejects (unbalanced or unterminated tags, broken attributes) and on anything that
 * is not an Atom feed (an HTML error page), since that is what an interrupted transfer or a
 * failing proxy looks like.
 */
export function parseFeedPage(xml: string): TkFeedPage {
  // A cut-off transfer loses the tail: the closing tag is the cheap, sure sign of a whole
  // page, and gives a clearer message than the reader's unclosed-element error.
  if (!/<\/(?:[\w.-]+:)?feed>\s*$/.test(xml.slice(-256))) throw new TkFeedError('ongeldige feed-XML: afgebroken (geen afsluitende </feed>)');
  let doc: XmlElement;
  try {
    doc = readXml(xml);
  } catch (e) {
    if (!(e instanceof XmlSyntaxError)) throw e;
    throw new TkFeedError(`ongeldige feed-XML: ${e.message}`, true, { cause: e });
  }
  const feed = firstNamed(doc, 'feed');
  if (!feed) throw new TkFeedError('geen Atom-feed (geen <feed>-element)');
  const entries = feed.children.filter((c) => c.local === 'entry').map(parseEntry);
  return { entries, next: skiptokenOf(linkHref(feed, 'next')) };
}
