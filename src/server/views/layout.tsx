/** The page shell shared by every HTML view: header with search box, main, footer. */
import type { Child } from 'hono/jsx';

/** The search box's example: it must find something in the sample corpus (test/server/search-language.test.ts). */
export const SEARCH_EXAMPLE = 'cyberbeveiliging soort:verslag-raad';

export interface LayoutProps {
  title: string;
  q?: string;
  /** Link to this page's JSON twin. */
  jsonHref?: string;
  /** A line for the footer (the Kamer pages: when the open data was last synced). */
  footer?: Child;
  /** Link to this page's Atom feed (a search). */
  feedHref?: string;
  children?: Child;
}

export function Layout({ title, q, jsonHref, feedHref, footer, children }: LayoutProps) {
  return (
    <html lang="nl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title} · kamerlens</title>
        <link rel="stylesheet" href="/assets/style.css" />
        <link rel="stylesheet" href="/assets/structure.css" />
        {jsonHref ? <link rel="alternate" type="application/json" href={jsonHref} /> : null}
        {feedHref ? <link rel="alternate" type="application/atom+xml" title="Atom-feed van deze zoekopdracht" href={feedHref} /> : null}
      </head>
      <body>
        <header class="site">
          <a class="brand" href="/">kamerlens</a>
          <form class="search" action="/search" method="get" role="search">
            <input type="search" name="q" value={q ?? ''} placeholder={`Zoek, bijv. ${SEARCH_EXAMPLE}`} aria-label="Zoekopdracht" />
            <button type="submit">Zoek</button>
          </form>
          <a class="mijn" href="/mijn" title="Volgen, inloggen">Mijn kamerlens</a>
          <nav class="sections" aria-label="Overzichten">
            <a href="/kamer">Kamer</a>
            <a href="/toezeggingen">Toezeggingen</a>
            <a href="/partijen">Partijen</a>
            <a href="/raad">EU-Raad</a>
          </nav>
        </header>
        <main>{children}</main>
        <footer class="site">
          <a href="/api/openapi.json">API</a>
          {jsonHref ? <a href={jsonHref}>JSON van deze pagina</a> : null}
          <a href="/search?q=&help=1#help">Zoektips</a>
          <a href="/status">Status van de bronnen</a>
          {footer ? <span class="footnote">{footer}</span> : null}
        </footer>
      </body>
    </html>
  );
}

const KIND_LABELS: Record<string, string> = {
  kamerbrief: 'Kamerbrief',
  'verslag-schriftelijk-overleg': 'Verslag schriftelijk overleg',
  raadsconclusies: 'Raadsconclusies',
  'verslag-raad': 'Verslag Raad',
  'geannoteerde-agenda': 'Geannoteerde agenda',
  nota: 'Nota',
  kamervragen: 'Kamervragen',
  'antwoord-kamervragen': 'Antwoord op Kamervragen',
  motie: 'Motie',
  amendement: 'Amendement',
  verslag: 'Verslag',
  besluitenlijst: 'Besluitenlijst',
  handelingen: 'Handelingen',
  overig: 'Overig',
};

export const kindLabel = (kind: string) => KIND_LABELS[kind] ?? kind;

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** `2025-03-03` → `3 maart 2025`. */
export function formatDate(iso: string | null): string {
  if (!iso) return 'datum onbekend';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

const AMSTERDAM_TIME = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** An instant (`2026-09-10T11:30:01.867Z`) as Amsterdam wall time: `10 september 2026 13:30`. */
export function formatLocalDateTime(iso: string | null): string {
  if (!iso) return 'tijd onbekend';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const p = Object.fromEntries(AMSTERDAM_TIME.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  return `${p.day} ${p.month} ${p.year} ${p.hour}:${p.minute}`;
}

/** Text with [start, end) ranges wrapped in <mark>; everything escaped by JSX. */
export function Highlighted({ text, ranges, offset = 0 }: { text: string; ranges: [number, number][]; offset?: number }) {
  const parts: Child[] = [];
  let at = 0;
  for (const [s0, e0] of ranges) {
    const s = Math.max(s0 - offset, at);
    const e = Math.min(e0 - offset, text.length);
    if (e <= s) continue;
    if (s > at) parts.push(text.slice(at, s));
    parts.push(<mark>{text.slice(s, e)}</mark>);
    at = e;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
