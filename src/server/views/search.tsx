/** The search page: query box, facets, highlighted results, paging and a short syntax guide. */
import type { SearchData, SearchResult } from '../../service/services.js';
import type { EntityType } from '../../domain/index.js';
import { resultUrl, withType } from '../../service/presenters.js';
import { activeFilters, hasFilter, replaceFilter, toggleFilter, type FilterKey } from '../../service/search-form.js';
import { Highlighted, Layout, formatDate, kindLabel } from './layout.js';
import { WatchBell, type BellProps } from './watch/bell.js';

export interface SearchPageProps {
  data: SearchData | null;
  q: string;
  error?: { message: string; position?: number } | undefined;
  showHelp?: boolean;
  /** The "volg deze zoekopdracht" bell (absent when watching is not configured). */
  bell?: BellProps | undefined;
}

const TYPE_LABEL: Record<EntityType, [one: string, many: string]> = {
  document: ['document', 'documenten'],
  zaak: ['zaak', 'zaken'],
  activiteit: ['activiteit', 'activiteiten'],
  toezegging: ['toezegging', 'toezeggingen'],
  dossier: ['kamerstukdossier', 'kamerstukdossiers'],
  persoon: ['persoon', 'personen'],
  commissie: ['commissie', 'commissies'],
  fractie: ['fractie', 'fracties'],
  vraag: ['vraag met antwoord', 'vragen met antwoord'],
  passage: ['passage uit een debat', 'passages uit debatten'],
};

/**
 * Where a result leads: its page, a part at its anchor on its owner's page. A document (or a
 * part of one) carries the query along, so its page marks the words found.
 */
function hitHref(h: { type: EntityType; id: string }, q: string): string {
  const url = resultUrl(h.type, h.id);
  if (!url.startsWith('/documents/')) return url;
  const hash = url.indexOf('#');
  const qs = `?q=${encodeURIComponent(q)}`;
  return hash < 0 ? url + qs : url.slice(0, hash) + qs + url.slice(hash);
}

/** "gevonden via synoniem: cybersecurity → cyberbeveiliging" under a result found only that way. */
function ViaSynonym({ via }: { via: SearchResult['viaSynonym'] }) {
  if (via.length === 0) return null;
  return (
    <p class="via-synonym meta">
      gevonden via synoniem:{' '}
      {via.map((v, i) => (
        <>
          {i > 0 ? '; ' : ''}
          {v.typed} → {v.matched.join(', ')}
        </>
      ))}
    </p>
  );
}

/**
 * Beside the documents: what else the query finds, per type with its count (a link to the
 * results of that type) and the best few with their snippets. A plain list in the aside, so
 * it works without JavaScript and sits below the results on a phone.
 */
function OthersPanel({ data, q, pageSize }: { data: SearchData; q: string; pageSize: number }) {
  const o = data.others;
  if (!o) return null;
  return (
    <section class="facet-group others" aria-labelledby="ook-gevonden">
      <h3 id="ook-gevonden">Ook gevonden</h3>
      <ul class="facet others-counts">
        {o.counts.map((c) => (
          <li data-type={c.type}>
            <a href={searchHref(withType(q, c.type), 1, pageSize)}>{typeLabel(c.type, c.count)}</a>{' '}
            <span class="n">{data.facetsAreEstimates ? '≈' : ''}{c.count.toLocaleString('nl-NL')}</span>
          </li>
        ))}
      </ul>
      {o.top.length > 0 ? (
        <ol class="others-top">
          {o.top.map((h) => (
            <li class="other-hit" data-type={h.type}>
              <a class="title" href={hitHref(h, q)}>{h.title}</a>
              <div class="meta">
                <span class="kind">{typeLabel(h.type, 1)}</span>
                {h.date ? <> · {formatDate(h.date)}</> : null}
              </div>
              <p class="snippet"><Highlighted text={h.snippet} ranges={h.highlights} /></p>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
const typeLabel = (t: string, n = 2) => TYPE_LABEL[t as EntityType]?.[n === 1 ? 0 : 1] ?? t;

export const DEFAULT_PAGE_SIZE = 20;

/** A search URL; paging keeps the page size when it is not the default. */
export const searchHref = (q: string, page = 1, pageSize = DEFAULT_PAGE_SIZE) =>
  `/search?q=${encodeURIComponent(q)}${page > 1 ? `&page=${page}` : ''}${pageSize !== DEFAULT_PAGE_SIZE ? `&pageSize=${pageSize}` : ''}`;

/** What a filter is called on the page, in Dutch. */
const FILTER_LABEL: Record<FilterKey, string> = {
  kind: 'soort', date: 'periode', year: 'jaar', party: 'partij', dossier: 'dossier', person: 'persoon',
  committee: 'commissie', type: 'wat', sort: 'sortering',
};
const SORT_LABEL: Record<string, string> = { date: 'nieuwste eerst', datum: 'nieuwste eerst', nieuwste: 'nieuwste eerst', 'date-asc': 'oudste eerst', oudste: 'oudste eerst', 'datum-oplopend': 'oudste eerst', relevance: 'best passend', relevantie: 'best passend' };

function filterValueLabel(key: FilterKey, value: string): string {
  if (key === 'kind') return kindLabel(value.toLowerCase());
  if (key === 'type') return typeLabel(value.toLowerCase());
  if (key === 'sort') return SORT_LABEL[value.toLowerCase()] ?? value;
  if (key === 'date') return value.replace('..', ' t/m ');
  return value;
}

/**
 * A facet: each value links to the query with that filter toggled (a second click removes
 * it); the type facet switches the type instead.
 */
function Facet({ title, buckets, q, filter, label, estimate, pageSize, switches }: {
  title: string; buckets: { value: string; count: number }[]; q: string; filter: FilterKey;
  label: (v: string) => string; estimate: boolean; pageSize: number; switches?: boolean;
}) {
  if (buckets.length === 0) return null;
  return (
    <section class="facet-group">
      <h3>{title}</h3>
      <ul class="facet">
        {buckets.map((b) => {
          const on = hasFilter(q, filter, b.value);
          const next = switches && !on ? replaceFilter(q, filter, b.value) : toggleFilter(q, filter, b.value);
          return (
            <li class={on ? 'on' : undefined}>
              <a href={searchHref(next, 1, pageSize)} aria-pressed={on ? 'true' : 'false'} title={on ? 'filter weghalen' : 'filter toevoegen'}>
                {on ? '✓ ' : ''}{label(b.value)}
              </a>{' '}
              <span class="n">{estimate ? '≈' : ''}{b.count.toLocaleString('nl-NL')}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The active filters as chips, each a link to the query without it. */
function Chips({ q, pageSize }: { q: string; pageSize: number }) {
  const active = activeFilters(q);
  if (active.length === 0) return null;
  return (
    <ul class="chips" aria-label="Actieve filters">
      {active.map((a) => (
        <li>
          <a class="chip" href={searchHref(a.without, 1, pageSize)} title="filter weghalen">
            <span class="chip-key">{FILTER_LABEL[a.key]}:</span> {filterValueLabel(a.key, a.value)} <span aria-hidden="true">×</span>
            <span class="visually-hidden"> (weghalen)</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

export function Help() {
  return (
    <section id="help" class="help">
      <h2>Zoektips</h2>
      <dl>
        <dt><code>cyberbeveiliging lidstaten</code></dt><dd>beide woorden (ook andere vormen: lidstaat, geïnformeerd → informeren; en samenstellingen: beveiliging vindt cyberbeveiliging)</dd>
        <dt><code>"Cyber Resilience Act"</code></dt><dd>precies deze woorden achter elkaar</dd>
        <dt><code>5G OR glasvezel</code>, <code>5G OF glasvezel</code></dt><dd>een van beide</dd>
        <dt><code>telecom -Oekraïne</code>, <code>telecom NOT Oekraïne</code>, <code>telecom NIET Oekraïne</code></dt><dd>zonder documenten met Oekraïne</dd>
        <dt><code>NEAR(cyber Oekraïne, 5)</code>, <code>cyber NEAR/5 Oekraïne</code>, <code>"cyber Oekraïne"~5</code></dt><dd>de woorden hoogstens 5 woorden van elkaar (zonder getal: 10)</dd>
        <dt><code>cyber*</code></dt><dd>woorden die zo beginnen</dd>
        <dt><code>cyberbeveiliging</code>, <code>AI</code>, <code>EZK</code></dt><dd>ook synoniemen en afkortingen (cybersecurity, kunstmatige intelligentie, Economische Zaken en Klimaat …), lager gerangschikt; de resultaten zeggen waarop ook is gezocht</dd>
        <dt><code>=AI</code></dt><dd>alleen dit woord: geen synoniemen, geen samenstellingen</dd>
        <dt><code>21501-33 nr. 1113</code>, <code>kst-21501-33-1113</code>, <code>2025D08504</code>, <code>14435/17</code></dt><dd>een document op zijn nummer (Kamerstuk, documentnummer, Raadsdocument); het document zelf eerst, dan wie het aanhaalt</dd>
        <dt><code>soort:kamerbrief</code></dt><dd>soort document (ook <code>kind:</code>)</dd>
        <dt><code>partij:VVD</code>, <code>dossier:21501-33</code></dt><dd>partij die vragen stelde, kamerstukdossier</dd>
        <dt><code>persoon:"Van Marum"</code>, <code>commissie:DiZa</code></dt><dd>betrokken persoon (ondertekenaar, indiener) of commissie, ook een deel van de naam</dd>
        <dt><code>type:zaak</code></dt><dd>zoek zaken in plaats van documenten; ook activiteit, toezegging, vraag, passage (wie wat zei in een debat), dossier, persoon, commissie, fractie</dd>
        <dt><code>datum:2025-01-01..2025-06-30</code>, <code>jaar:2025</code></dt><dd>periode</dd>
        <dt><code>sorteer:datum</code>, <code>sorteer:oudste</code></dt><dd>nieuwste (of oudste) eerst in plaats van best passend</dd>
        <dt><a href="/search/uitgebreid">Uitgebreid zoeken</a></dt><dd>een formulier dat de zoekopdracht voor u schrijft</dd>
        <dt>in het Engels</dt><dd><code>kind:</code>, <code>date:</code>, <code>year:</code>, <code>party:</code>, <code>person:</code>, <code>committee:</code>, <code>sort:date</code> en <code>AND</code>/<code>OR</code>/<code>NOT</code> werken ook</dd>
      </dl>
    </section>
  );
}

export function SearchPage({ data, q, error, showHelp, bell }: SearchPageProps) {
  const pageSize = data?.pageSize ?? DEFAULT_PAGE_SIZE;
  const jsonHref = `/search.json?q=${encodeURIComponent(q)}${data && data.page > 1 ? `&page=${data.page}` : ''}${pageSize !== DEFAULT_PAGE_SIZE ? `&pageSize=${pageSize}` : ''}`;
  const pastEnd = data !== null && data.query !== null && data.results.length === 0 && data.total > 0 && data.page > data.pageCount;
  return (
    <Layout title={q ? `Zoeken: ${q}` : 'Zoeken'} q={q} jsonHref={jsonHref} {...(q ? { feedHref: `/search.atom?q=${encodeURIComponent(q)}` } : {})}>
      <p class="search-tools">
        <a href={q ? `/search/uitgebreid?q=${encodeURIComponent(q)}` : '/search/uitgebreid'}>Uitgebreid zoeken</a>
        {q && !error ? <> · <a href={`/search.atom?q=${encodeURIComponent(q)}`} type="application/atom+xml">Atom-feed van deze zoekopdracht</a></> : null}
      </p>
      {error ? (
        <div class="error" role="alert">
          <strong>Deze zoekopdracht begrijp ik niet.</strong> {error.message}
          {typeof error.position === 'number' ? (
            <pre class="query-pointer">{q}{'\n'}{' '.repeat(Math.min(error.position, q.length))}^</pre>
          ) : null}
        </div>
      ) : null}
      {data && data.query ? (
        <div class="columns">
          <section class="results">
            <p class="total" data-total={data.total}>
              {data.totalIsEstimate ? 'ongeveer ' : ''}
              {data.total.toLocaleString('nl-NL')} {resultNoun(data)}
              {data.pageCount > 1 ? <> · pagina {data.page} van {data.pageCount.toLocaleString('nl-NL')}</> : null}
            </p>
            <Chips q={q} pageSize={pageSize} />
            {data.synonyms.length > 0 ? (
              <p class="synonyms meta">
                Ook gezocht op{' '}
                {data.synonyms.map((n, i) => (
                  <>
                    {i > 0 ? '; ' : ''}
                    <span class="typed">{n.typed}</span>: {n.synonyms.join(', ')} (lager gerangschikt; alleen het woord: <a href={searchHref(exactly(q, n.typed), 1, pageSize)}><code>{exactForm(n.typed)}</code></a>)
                  </>
                ))}
              </p>
            ) : null}
            {bell && followable(data) ? <WatchBell kind="search" value={q} label="Volg deze zoekopdracht" bell={bell} /> : null}
            <ol class="doclist">
              {data.results.map((h) => (
                <li class="hit">
                  <a class="title" href={hitHref(h, q)}>{h.title}</a>
                  <div class="meta">
                    <span class="kind">{h.type === 'document' ? kindLabel(h.kind) : typeLabel(h.type, 1)}</span>
                    {h.date ? <> · {formatDate(h.date)}</> : null}
                  </div>
                  <p class="snippet"><Highlighted text={h.snippet} ranges={h.highlights} /></p>
                  <ViaSynonym via={h.viaSynonym} />
                </li>
              ))}
            </ol>
            {pastEnd ? (
              <p class="notice" data-past-end="1">
                Pagina {data.page} bestaat niet: er {data.pageCount === 1 ? 'is 1 pagina' : `zijn ${data.pageCount.toLocaleString('nl-NL')} pagina's`}.{' '}
                <a href={searchHref(q, data.pageCount, pageSize)}>Naar de laatste pagina</a>
              </p>
            ) : data.results.length === 0 ? (
              <p>Niets gevonden. Probeer minder of andere woorden, of een kortere periode.</p>
            ) : null}
            <nav class="pager">
              {data.page > 1 && !pastEnd ? <a rel="prev" href={searchHref(q, data.page - 1, pageSize)}>← vorige</a> : null}
              {data.page < data.pageCount ? <a rel="next" href={searchHref(q, data.page + 1, pageSize)}>volgende →</a> : null}
            </nav>
          </section>
          <aside class="facets">
            <OthersPanel data={data} q={q} pageSize={pageSize} />
            <Facet
              title="Wat"
              buckets={!data.others && (data.facets.type.length > 1 || (data.facets.type[0] && data.facets.type[0].value !== 'document')) ? data.facets.type : []}
              q={q} filter="type" label={(v) => typeLabel(v)} estimate={data.facetsAreEstimates} pageSize={pageSize} switches
            />
            <Facet title="Soort" buckets={data.facets.kind} q={q} filter="kind" label={kindLabel} estimate={data.facetsAreEstimates} pageSize={pageSize} />
            <Facet title="Jaar" buckets={data.facets.year} q={q} filter="year" label={(v) => v} estimate={data.facetsAreEstimates} pageSize={pageSize} />
          </aside>
        </div>
      ) : null}
      {showHelp || !q || error ? <Help /> : null}
    </Layout>
  );
}

/** A word (or run of words) as itself alone: `=word`, or a quoted phrase. */
const exactForm = (typed: string) => (/\s/u.test(typed) ? `"${typed}"` : `=${typed}`);

/** `q` with a word (or run of words) switched to itself alone (exactForm). */
function exactly(q: string, typed: string): string {
  const replacement = exactForm(typed);
  // The typed word as a whole word of the query, not inside another (`AI` in `MAIL`).
  const escaped = typed.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const m = new RegExp(`(^|[\\s(])${escaped}(?=$|[\\s)])`, 'u').exec(q);
  if (!m) return q;
  const at = m.index + (m[1] ?? '').length;
  return q.slice(0, at) + replacement + q.slice(at + typed.length);
}

/** "documenten" unless the query asks for other types of result. */
function resultNoun(data: SearchData): string {
  const types = data.query?.filters.types ?? [];
  const only = types.length === 0 ? 'document' : types.length === 1 ? types[0]! : null;
  return only ? typeLabel(only, data.total) : data.total === 1 ? 'resultaat' : 'resultaten';
}

/** A followed search reports new documents (see the search monitor): not other types, not by committee. */
function followable(data: SearchData): boolean {
  const f = data.query?.filters;
  return !f || ((f.types.length === 0 || f.types.includes('document')) && f.committees.length === 0);
}
