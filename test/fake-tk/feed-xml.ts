/**
 * Renders WorldEntity events as SyncFeed pages the way gegevensmagazijn does: Atom entries
 * with per-entry `rel="next"` cursors, enclosures, and tkData entity elements (`id`
 * unqualified, the global attributes `bijgewerkt`/`verwijderd`/`contentType`/`contentLength`
 * qualified). Namespace prefixes vary per category (`tk:`, `ns1:`, default) on purpose.
 */
import type { World, WorldEntity } from './world.js';

export const TK_NS = 'http://www.tweedekamer.nl/xsd/tkData/v1-0';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Which prefix a category's entities use: real pages differ between services and years. */
function prefixFor(category: string): string {
  let h = 0;
  for (const c of category) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return ['tk:', 'ns1:', ''][h % 3]!;
}

function renderFields(p: string, fields: WorldEntity['fields'], indent: string): string {
  return fields
    .map(([name, value]) => {
      if (value === null) return `${indent}<${p}${name} xsi:nil="true" />`;
      if (Array.isArray(value)) return `${indent}<${p}${name}>\n${renderFields(p, value, indent + '  ')}\n${indent}</${p}${name}>`;
      return `${indent}<${p}${name}>${esc(value)}</${p}${name}>`;
    })
    .join('\n');
}

/** The entity element alone, as inside `<content>` (and at `/Entiteiten/<id>`). */
export function renderEntity(e: WorldEntity): string {
  const p = prefixFor(e.category);
  // The global attributes are always qualified; with a default namespace they still need a prefix.
  const a = p || 'tk:';
  const ns = p ? `xmlns:${p.slice(0, -1)}="${TK_NS}"` : `xmlns="${TK_NS}" xmlns:tk="${TK_NS}"`;
  const file = e.file && !e.deleted ? ` ${a}contentType="${esc(e.file.contentType)}" ${a}contentLength="${e.file.bytes.byteLength}"` : '';
  const verwijderd = e.deleted ? 'true' : e.category === 'Stemming' ? 'False' : 'false';
  const head = `<${p}${e.element} id="${e.id}" ${a}bijgewerkt="${e.updated}" ${a}verwijderd="${verwijderd}"${file} ${ns} xmlns:xsi="${XSI_NS}"`;
  if (e.deleted) return `${head} />`;
  const refs = e.refs.map(([name, ref]) => `        <${p}${name} ref="${ref}" />`).join('\n');
  const body = [refs, renderFields(p, e.fields, '        ')].filter(Boolean).join('\n');
  return `${head}>\n${body}\n      </${p}${e.element}>`;
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
    const enclosure = e.file && !e.deleted ? `\n    <link rel="enclosure" href="${base}/SyncFeed/2.0/Resources/${e.id}" />` : '';
    return `  <entry>
    <title>${e.id}</title>
    <id>${base}/SyncFeed/2.0/Entiteiten/${e.id}</id>
    <author><name>Tweede Kamer der Staten-Generaal</name></author>
    <updated>${e.updated}</updated>
    <category term="${e.category}" />
    <link rel="next" href="${esc(`${feedUrl}&skiptoken=${token}`)}" />${enclosure}
    <content type="application/xml">
      ${renderEntity(e)}
    </content>
  </entry>`;
  });
  const links = [`  <link rel="self" href="${esc(self)}" />`];
  if (next !== null) links.push(`  <link rel="next" href="${esc(`${feedUrl}&skiptoken=${next}`)}" />`);
  else if (events.length > 0) links.push(`  <link rel="resume" href="${esc(`${feedUrl}&skiptoken=${events.at(-1)!.token}`)}" />`);
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Tweede Kamer der Staten-Generaal - SyncFeed ${category}</title>
  <id>${esc(self)}</id>
  <updated>2026-06-01T00:00:00Z</updated>
  <author><name>Tweede Kamer der Staten-Generaal</name></author>
${links.join('\n')}
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
