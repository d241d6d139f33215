/** Pieces shared by the Kamer pages: their shell with section navigation, list items, pager. */
import { createContext, useContext, type Child } from 'hono/jsx';
import type { ActorRow, TkActiviteitRef, TkBesluitRef, TkDocRef, TkPersonRef, TkZaakRef } from '../../../service/tk.js';
import { Layout, formatDate, formatLocalDateTime } from '../layout.js';
import { Linkified } from './linkify.js';
import { formatDateTime } from '../time.js';

const SECTIONS: [string, string][] = [
  ['/kamer', 'Overzicht'],
  ['/activiteiten', 'Agenda'],
  ['/besluiten', 'Besluiten'],
  ['/stemmingen', 'Stemmingen'],
  ['/commissies', 'Commissies'],
  ['/personen', 'Personen'],
  ['/fracties', 'Fracties'],
  ['/dossiers', 'Dossiers'],
  ['/kamer/toezeggingen', 'Toezeggingen'],
  ['/open-vragen', 'Open vragen'],
  ['/verslagen', 'Verslagen'],
  ['/geschenken', 'Geschenken'],
];

export interface TkLayoutProps {
  title: string;
  jsonHref: string;
  /** The section this page belongs to, marked in the navigation. */
  section: string;
  /** An entity page: when the Kamer last changed it (UTC instant), shown in Amsterdam time. */
  bijgewerkt?: string | null;
  children?: Child;
}

/**
 * When the open data was last synced (an ISO time; null: never, or unknown), provided by the
 * Kamer routes for every page's footer without threading it through each page's data.
 */
export const LastSyncContext = createContext<string | null | undefined>(undefined);

function LastSyncNote() {
  const at = useContext(LastSyncContext);
  if (at === undefined) return null;
  return (
    <>
      Laatst gesynchroniseerd met de open data van de Tweede Kamer: <a href="/status">{at ? formatDateTime(at) : 'nog nooit'}</a>
    </>
  );
}

/** The site layout plus the Kamer stylesheet and section navigation. */
export function TkLayout({ title, jsonHref, section, bijgewerkt, children }: TkLayoutProps) {
  return (
    <Layout title={title} jsonHref={jsonHref} footer={<LastSyncNote />}>
      {/* A stylesheet link is allowed in the body; the shared layout stays untouched. */}
      <link rel="stylesheet" href="/assets/tk.css" />
      <nav class="kamer" aria-label="Tweede Kamer">
        {SECTIONS.map(([href, label]) => (
          <a href={href} aria-current={href === section ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      <div class="tk">{children}</div>
      {bijgewerkt !== undefined && (
        <p class="muted bijgewerkt">
          Door de Kamer bijgewerkt: {bijgewerkt ? <time datetime={bijgewerkt}>{formatLocalDateTime(bijgewerkt)}</time> : 'onbekend'}
        </p>
      )}
    </Layout>
  );
}

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** `12 besluiten`, or `meer dan 10000 stemmingen` where counting stopped. */
export const totalText = (d: { total: number; totalExact?: boolean }, one: string, many: string) =>
  d.totalExact === false ? `meer dan ${plural(d.total, one, many)}` : plural(d.total, one, many);

/** `3 maart 2025`, or a dash when unknown. */
export const dateOr = (iso: string | null, none = '—') => (iso ? formatDate(iso) : none);

/** A muted line for an empty section. */
export function Empty({ children }: { children?: Child }) {
  return <p class="meta">{children}</p>;
}

/** A titled list of rows, or a line saying there is nothing: the shape of most Kamer pages. */
export function RowSection<T>({ title, items, empty, more, children }: {
  title: string;
  items: T[];
  empty: string;
  /** A link to the full list, under the rows. */
  more?: { href: string; label: string };
  children: (item: T) => Child;
}) {
  return (
    <section>
      <h2>{title}</h2>
      {items.length ? <ul class="rows">{items.map((item) => children(item))}</ul> : <Empty>{empty}</Empty>}
      {more ? (
        <p>
          <a href={more.href}>{more.label}</a>
        </p>
      ) : null}
    </section>
  );
}

export function PersonLink({ p }: { p: Pick<TkPersonRef, 'naam' | 'url' | 'fractie'> }) {
  return (
    <>
      <a href={p.url}>{p.naam}</a>
      {p.fractie ? <span class="meta"> ({p.fractie})</span> : null}
    </>
  );
}

/** A Kamer document: number, kind, subject; its kamerlens page when imported, and the Kamer's page. */
export function DocItem({ d, extra }: { d: TkDocRef; extra?: Child }) {
  const label = d.onderwerp ?? d.titel ?? d.nummer ?? d.id;
  return (
    <li>
      {d.documentUrl ? <a href={d.documentUrl}>{label}</a> : <span>{label}</span>}
      <span class="meta">
        {d.nummer ? <span class="nummer">{d.nummer}</span> : null}
        {d.soort ? ` · ${d.soort}` : ''} · {dateOr(d.datum)}
        {d.kamerUrl ? (
          <>
            {' '}· <a href={d.kamerUrl} rel="external noopener">op tweedekamer.nl</a>
          </>
        ) : null}
        {d.documentUrl ? null : ' · tekst niet in kamerlens'}
        {extra}
      </span>
    </li>
  );
}

export function ZaakItem({ z, extra }: { z: TkZaakRef; extra?: Child }) {
  return (
    <li>
      <a href={z.url}>{z.onderwerp ?? z.nummer ?? z.id}</a>
      <span class="meta">
        {z.nummer ? <span class="nummer">{z.nummer}</span> : null}
        {z.soort ? ` · ${z.soort}` : ''} · gestart {dateOr(z.gestartOp)}
        {z.afgedaan ? ' · afgedaan' : ''}
        {extra}
      </span>
    </li>
  );
}

/** `10:00–12:00`, `10:00`, or nothing. */
export const timeText = (a: Pick<TkActiviteitRef, 'aanvangstijd' | 'eindtijd'>) =>
  a.aanvangstijd ? `${a.aanvangstijd}${a.eindtijd ? `–${a.eindtijd}` : ''}` : '';

export function ActiviteitItem({ a, showCommissie = true, extra }: { a: TkActiviteitRef; showCommissie?: boolean; extra?: Child }) {
  const t = timeText(a);
  return (
    <li>
      <a href={a.url}>{a.onderwerp ?? a.nummer ?? a.id}</a>
      <span class="meta">
        {a.soort ?? 'Activiteit'} · {dateOr(a.datum, 'nog niet gepland')}
        {t ? `, ${t}` : ''}
        {a.locatie ? ` · ${a.locatie}` : ''}
        {showCommissie && a.commissie ? ` · ${a.commissie.naam}` : ''}
        {extra}
      </span>
    </li>
  );
}

/** `Voor 54 – tegen 61 zetels`. */
export const tallyText = (b: TkBesluitRef) => (b.tally ? `voor ${b.tally.voor} – tegen ${b.tally.tegen} zetels` : null);

/** Which side a vote's `soort` counts on. */
export const voteSide = (soort: string) => (/^voor$/i.test(soort) ? 'voor' : /^tegen$/i.test(soort) ? 'tegen' : 'other');

/** Votes of at most this many parties or members are named in a list (a roll call of 150 is not). */
const NAMED_UP_TO = 20;

/** `voor: VVD, D66; tegen: PVV`: who voted how, for a list row; null for a roll call or no votes. */
export function tallySides(b: TkBesluitRef): string | null {
  if (!b.tally || b.tally.rows.length === 0 || b.tally.rows.length > NAMED_UP_TO) return null;
  const rows = b.tally.rows;
  const sides = (['voor', 'tegen'] as const)
    .map((s) => [s, rows.filter((r) => voteSide(r.soort) === s).map((r) => r.naam)] as const)
    .filter(([, names]) => names.length > 0);
  return sides.length ? sides.map(([s, names]) => `${s}: ${names.join(', ')}`).join('; ') : null;
}

export function BesluitItem({ b, anchored = false }: { b: TkBesluitRef; anchored?: boolean }) {
  const tally = tallyText(b);
  const sides = tallySides(b);
  return (
    <li id={anchored ? `besluit-${b.id}` : undefined}>
      <strong>{b.soort ?? 'Besluit'}</strong>
      {/* The feed's status beside the label ("voorstel": proposed, not taken), unless it repeats it. */}
      {b.status && !/^besluit$/i.test(b.status) ? <> <span class="flag">{b.status.toLowerCase()}</span></> : null}
      {b.tekst ? <> — {b.tekst}</> : null}
      {b.zaak ? (
        <div>
          <a href={b.zaak.url}>{b.zaak.onderwerp ?? b.zaak.nummer}</a> <span class="meta nummer">{b.zaak.nummer}</span>
        </div>
      ) : null}
      <span class="meta">
        {dateOr(b.datum)}
        {b.stemmingsSoort ? ` · ${b.stemmingsSoort}` : ''}
        {b.activiteit ? (
          <>
            {' '}· <a href={b.activiteit.url}>{b.activiteit.onderwerp ?? b.activiteit.soort}</a>
          </>
        ) : null}
        {tally ? (
          <>
            {' '}· <a href={b.url}>Stemming: {tally}</a>
            {sides ? ` (${sides})` : ''}
          </>
        ) : null}
        {b.opmerking ? ` · ${b.opmerking}` : ''}
      </span>
    </li>
  );
}

export function ActorList({ actors }: { actors: ActorRow[] }) {
  if (actors.length === 0) return <Empty>Geen actoren bekend.</Empty>;
  return (
    <ul class="rows">
      {actors.map((a) => (
        <li>
          {a.url ? <a href={a.url}>{a.naam}</a> : a.naam}
          <span class="meta">{[a.relatie, a.functie, a.fractie].filter(Boolean).join(' · ')}</span>
        </li>
      ))}
    </ul>
  );
}

/** Running text with Kamer numbers linked; used for Kamer-supplied text (subjects, commitments, reports). */
export function KamerText({ text }: { text: string | null }) {
  return text ? <Linkified text={text} /> : null;
}

/** A page's cursor: after the previous page's last item, or before the next page's first. */
export interface PageCursor {
  after?: string | null | undefined;
  before?: string | null | undefined;
}

/** `?page=3&after=…`: a list page's query (nothing for the plain first page). */
export function pageQuery(page: number, cursor: PageCursor = {}, extra: Record<string, string | null | undefined> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
  if (page > 1) p.set('page', String(page));
  if (cursor.after) p.set('after', cursor.after);
  else if (cursor.before) p.set('before', cursor.before);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/**
 * Previous and next links of a list, each carrying the cursor that finds its page from the
 * index (so page 3,000 costs what page 2 does); lists kept in memory go by number.
 */
export function Pager({ data, href }: {
  data: { page: number; pageCount: number; totalExact?: boolean; next?: string | null; prev?: string | null };
  href: (page: number, cursor: PageCursor) => string;
}) {
  const { page, pageCount } = data;
  const next = data.next ? href(page + 1, { after: data.next }) : page < pageCount ? href(page + 1, {}) : null;
  // The first page is the list's start: linked plainly, without a cursor.
  const prev = page > 1 ? href(page - 1, page > 2 && data.prev ? { before: data.prev } : {}) : null;
  if (!next && !prev) return null;
  return (
    <nav class="pager" aria-label="Pagina's">
      {prev ? <a href={prev} rel="prev">← vorige</a> : <span />}
      <span class="meta">
        pagina {page} van {data.totalExact === false ? `meer dan ${pageCount}` : pageCount}
        {page > 2 ? (
          <>
            {' '}· <a href={href(1, {})}>naar het begin</a>
          </>
        ) : null}
      </span>
      {next ? <a href={next} rel="next">volgende →</a> : <span />}
    </nav>
  );
}
