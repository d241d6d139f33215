/**
 * Renders WorldEntity events as SyncFeed pages the way gegevensmagazijn really does
 * (../shared/real/tk-feed, copied to test/fixtures/tk-real-feed): Atom entries with per-entry
 * `rel="next"` cursors and enclosures, `<category term>` in the element's lower-camel spelling
 * (`stemming`, `commissieZetelVastPersoon`), and tkData entity elements in three styles:
 * - `tk`: `<tk:stemming>` with the namespaces declared on `<feed>`, one line per entry;
 * - `default`: `<document xmlns="…tkData…" xmlns:tk="…">`, global attributes `tk:`-prefixed;
 * - `ns1`: `<ns1:verslag xmlns:ns1="…">` whose references carry `xsi:type`.
 * `bijgewerkt` is Amsterdam wall-clock time without offset in the first two styles and
 * carries its offset (`+0100` or `+01:00`) in `ns1`; Atom `<updated>` is UTC.
 */
import type { World, WorldEntity } from './world.js';
import { amsterdamOffset } from '../../src/source/tk/parse.js';

export const TK_NS = 'http://www.tweedekamer.nl/xsd/tkData/v1-0';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const ATOM_NS = 'http://www.w3.org/2005/Atom';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export type EntityStyle = 'tk' | 'default' | 'ns1';

/** As in the real samples: Stemming, Besluit, Activiteit come `tk:`-prefixed; Vergadering and Verslag as `ns1:`. */
const TK_STYLE = new Set(['Stemming', 'Besluit', 'Activiteit', 'ActiviteitActor', 'Agendapunt', 'Reservering', 'Zaal', 'Zaak', 'ZaakActor', 'Fractie', 'FractieZetel', 'FractieZetelPersoon']);
const NS1_STYLE = new Set(['Vergadering', 'Verslag']);

export function styleOf(e: WorldEntity): EntityStyle {
  if (e.style) return e.style;
  if (NS1_STYLE.has(e.category)) return 'ns1';
  return TK_STYLE.has(e.category) ? 'tk' : 'default';
}

/** Amsterdam's offset from UTC in minutes at an instant: the same rule the feed parser reads times with. */
export const amsterdamOffsetMinutes = (ms: number): number => amsterdamOffset(ms) / 60_000;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2026-09-10T13:30:01.867Z` → the wall clock `2026-09-10T13:30:01.8670000` plus the offset in minutes. */
export function amsterdamWall(utcIso: string): { wall: string; offset: number } {
  const ms = Date.parse(utcIso);
  if (Number.isNaN(ms)) throw new Error(`world time not an instant: ${utcIso}`);
  const offset = amsterdamOffsetMinutes(ms);
  // A wall time in the autumn hour that happens twice cannot be told apart without an offset:
  // the world must not use one.
  const wallMs = ms + offset * 60_000;
  const readings = [60, 120].filter((off) => amsterdamOffsetMinutes(wallMs - off * 60_000) === off);
  if (readings.length !== 1) throw new Error(`ambiguous Amsterdam wall time for ${utcIso}`);
  const d = new Date(ms + offset * 60_000);
  const wall = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}0000`;
  return { wall, offset };
}

function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

/** `bijgewerkt` as the real feed writes it for this style. */
export function renderBijgewerkt(e: WorldEntity): string {
  const { wall, offset } = amsterdamWall(e.updated);
  if (styleOf(e) !== 'ns1') return wall;
  const sign = offset < 0 ? '-' : '+';
  const hh = pad(Math.floor(Math.abs(offset) / 60));
  const mm = pad(Math.abs(offset) % 60);
  // Both spellings occur in the real feed: `…+0100` (Toezegging, Verslag) and `…+01:00` (Vergadering).
  return `${wall}${sign}${hh}${hash(e.id) % 2 ? ':' : ''}${mm}`;
}

/** Atom `<updated>`: UTC with seven fractional digits, a moment after `bijgewerkt`. */
function atomUpdated(e: WorldEntity): string {
  return new Date(Date.parse(e.updated) + 1000 + (hash(e.id) % 997)).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

function renderFields(p: string, fields: WorldEntity['fields'], indent: string, nl: string): string {
  return fields
    .map(([name, value]) => {
      if (value === null) return `${indent}<${p}${name} xsi:nil="true" />`;
      if (Array.isArray(value)) return `${indent}<${p}${name}>${nl}${renderFields(p, value, indent + '  ', nl)}${nl}${indent}</${p}${name}>`;
      return `${indent}<${p}${name}>${esc(value)}</${p}${name}>`;
    })
    .join(nl);
}

/** References, with the nested `<toegezegdAan><persoon/><fractie/></toegezegdAan>` where the entity says so. */
function renderRefs(e: WorldEntity, p: string, style: EntityStyle, indent: string, nl: string): string[] {
  const xsiType = style === 'ns1' ? ` xmlns:xsi="${XSI_NS}" xsi:type="ns1:referentieLiteral"` : '';
  const out: string[] = [];
  const nested = e.refs.filter(([name]) => name === 'toegezegdAanPersoon' || name === 'toegezegdAanFractie');
  let nestedDone = false;
  for (const [name, ref] of e.refs) {
    if (e.nestedToegezegdAan && nested.some(([n]) => n === name)) {
      if (nestedDone) continue;
      nestedDone = true;
      const inner = nested.map(([n, r]) => `${indent}  <${p}${n === 'toegezegdAanPersoon' ? 'persoon' : 'fractie'}${xsiType} ref="${r}"/>`);
      out.push(`${indent}<${p}toegezegdAan>${nl}${inner.join(nl)}${nl}${indent}</${p}toegezegdAan>`);
      continue;
    }
    out.push(`${indent}<${p}${name}${xsiType} ref="${ref}" />`);
  }
  return out;
}

/** The entity element alone, as inside `<content>` (and at `/Entiteiten/<id>`). */
export function renderEntity(e: WorldEntity, standalone = false): string {
  const style = styleOf(e);
  const p = style === 'tk' ? 'tk:' : style === 'ns1' ? 'ns1:' : '';
  const a = style === 'ns1' ? 'ns1:' : 'tk:';
  // `tk:` entities rely on the declarations of the `<feed>` element; alone they need their own.
  const ns =
    style === 'ns1' ? ` xmlns:ns1="${TK_NS}" xmlns:xsi="${XSI_NS}"` : style === 'default' ? ` xmlns="${TK_NS}" xmlns:tk="${TK_NS}" xmlns:xsi="${XSI_NS}"` : standalone ? ` xmlns:tk="${TK_NS}" xmlns:xsi="${XSI_NS}"` : '';
  const file = e.file && !e.deleted ? ` ${a}contentType="${esc(e.file.contentType)}" ${a}contentLength="${e.file.bytes.byteLength}"` : '';
  const verwijderd = e.deleted ? (e.deletedSpelling ?? 'true') : 'false';
  const bijgewerkt = `${a}bijgewerkt="${renderBijgewerkt(e)}"`;
  const del = `${a}verwijderd="${verwijderd}"`;
  // Attribute order as in the samples: `ns1:` and the default-namespace tombstones put verwijderd first.
  const attrs = style === 'ns1' || e.deleted ? `${del} ${bijgewerkt}` : `${bijgewerkt} ${del}`;
  const head = `<${p}${e.element}${ns} id="${e.id}" ${attrs}${file}`;
  if (e.deleted && !e.deletedWithBody) return `${head} />`;
  const nl = style === 'tk' ? '' : '\n';
  const indent = style === 'tk' ? '' : '        ';
  const body = [...renderRefs(e, p, style, indent, nl), renderFields(p, e.fields, indent, nl)].filter(Boolean).join(nl);
  return `${head}>${nl}${body}${nl}${style === 'tk' ? '' : '      '}</${p}${e.element}>`;
}

export interface FeedEvent {
  entity: WorldEntity;
  /** The global skiptoken of this event. */
  token: number;
}

/** One Atom page. `next` is the skiptoken of the feed-level next link, or null when caught up. */
export function renderPage(base: string, category: string, events: FeedEvent[], next: number | null, self: string): string {
  const feedUrl = `${base}/SyncFeed/2.0/Feed?category=${category}`;
  const entries = events.map(({ entity: e, token }) => {
    const enclosure = e.file && !e.deleted ? `<link rel="enclosure" href="${base}/SyncFeed/2.0/Resources/${e.id}" />` : '';
    return `<entry><title>${e.id}</title><id>${base}/SyncFeed/2.0/Entiteiten/${e.id}</id><author><name>Tweede Kamer der Staten-Generaal</name></author><updated>${atomUpdated(e)}</updated><category term="${e.element}" /><link rel="next" href="${esc(`${feedUrl}&skiptoken=${token}`)}" />${enclosure}<content type="application/xml">${renderEntity(e)}</content></entry>`;
  });
  const links = [`<link rel="self" href="${esc(self)}" />`];
  if (next !== null) links.push(`<link rel="next" href="${esc(`${feedUrl}&skiptoken=${next}`)}" />`);
  else if (events.length > 0) links.push(`<link rel="resume" href="${esc(`${feedUrl}&skiptoken=${events.at(-1)!.token}`)}" />`);
  return `<?xml version='1.0' encoding='utf-8'?>
<feed xmlns="${ATOM_NS}" xmlns:tk="${TK_NS}" xmlns:xsi="${XSI_NS}"><title>Gegevensmagazijn SyncFeed (category: ${category})</title>${links.join('')}<updated>2026-11-30T10:00:00.0000000+01:00</updated><author><name>Tweede Kamer der Staten-Generaal</name><uri>https://opendata.tweedekamer.nl</uri><email>opendata@tweedekamer.nl</email></author><rights>Disclaimer: https://opendata.tweedekamer.nl/disclaimer</rights><id>${esc(self)}</id>
${entries.join('\n')}
</feed>
`;
}

/** Each category's events in feed order with their global skiptokens. */
export type FeedIndex = Map<string, FeedEvent[]>;

export function indexWorld(world: World): FeedIndex {
  const index: FeedIndex = new Map();
  world.events.forEach((entity, i) => {
    let list = index.get(entity.category);
    if (!list) index.set(entity.category, (list = []));
    list.push({ entity, token: i + 1 });
  });
  return index;
}

/** The events of a category after `skiptoken`, at most `pageSize`, with the next-page token. */
export function pageEvents(index: FeedIndex, category: string, skiptoken: number, pageSize: number): { events: FeedEvent[]; next: number | null } {
  const all = index.get(category) ?? [];
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[mid]!.token <= skiptoken) lo = mid + 1;
    else hi = mid;
  }
  const events = all.slice(lo, lo + pageSize);
  return { events, next: lo + pageSize < all.length ? events.at(-1)!.token : null };
}

/** A page exactly as the fake server serves it. */
export function pageFor(index: FeedIndex, base: string, category: string, skiptoken: string | null, pageSize: number): string {
  const { events, next } = pageEvents(index, category, skiptoken === null ? 0 : Number(skiptoken), pageSize);
  const self = `${base}/SyncFeed/2.0/Feed?category=${category}${skiptoken === null ? '' : `&skiptoken=${skiptoken}`}`;
  return renderPage(base, category, events, next, self);
}
