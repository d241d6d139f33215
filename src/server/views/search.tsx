/** The search page: query box, facets, highlighted results, paging and a short syntax guide. */
import type { SearchData } from '../../service/services.js';
import type { EntityType } from '../../domain/index.js';
import { resultUrl } from '../../service/presenters.js';
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
  toezegging: ['toezegging (Kamerregister)', 'toezeggingen (Kamerregister)'],
  dossier: ['kamerstukdossier', 'kamerstukdossiers'],
  persoon: ['persoon', 'personen'],
  commissie: ['commissie', 'commissies'],
  fractie: ['fractie', 'fracties'],
};
const typeLabel = (t: string, n = 2) => TYPE_LABEL[t as EntityType]?.[n === 1 ? 0 : 1] ?? t;

/** The query with its `type:` filters replaced: the type facet switches type, it does not add one. */
const withType = (q: string, type: string) => `${q.replace(/(^|\s)type:\S*/giu, ' ').trim()} type:${type}`;

const searchHref = (q: string, page = 1) =>
  `/search?q=${encodeURIComponent(q)}${page > 1 ? `&page=${page}` : ''}`;

function Facet({ title, buckets, q, filter, label, estimate, href }: {
  title: string; buckets: { value: string; count: number }[]; q: string; filter: string;
  label: (v: string) => string; estimate: boolean; href?: (value: string) => string;
}) {
  if (buckets.length === 0) return null;
  return (
    <section class="facet-group">
      <h3>{title}</h3>
      <ul class="facet">
        {buckets.map((b) => (
          <li>
            <a href={href ? href(b.value) : searchHref(`${q} ${filter}:${b.value}`)}>{label(b.value)}</a>{' '}
            <span class="n">{estimate ? '≈' : ''}{b.count.toLocaleString('nl-NL')}</span>
          </li>
        ))}
      </ul>
    </section>
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
        <dt><code>=AI</code></dt><dd>alleen dit woord: geen synoniemen, geen samenstellingen</dd>
        <dt><code>21501-33 nr. 1113</code>, <code>kst-21501-33-1113</code>, <code>2025D08504</code>, <code>14435/17</code></dt><dd>een document op zijn nummer (Kamerstuk, documentnummer, Raadsdocument); het document zelf eerst, dan wie het aanhaalt</dd>
        <dt><code>soort:kamerbrief</code></dt><dd>soort document (ook <code>kind:</code>)</dd>
        <dt><code>partij:VVD</code>, <code>dossier:21501-33</code></dt><dd>partij die vragen stelde, kamerstukdossier</dd>
        <dt><code>persoon:"Van Marum"</code>, <code>commissie:DiZa</code></dt><dd>betrokken persoon (ondertekenaar, indiener) of commissie, ook een deel van de naam</dd>
        <dt><code>type:zaak</code></dt><dd>zoek zaken in plaats van documenten; ook activiteit, toezegging, dossier, persoon, commissie, fractie</dd>
        <dt><code>datum:2025-01-01..2025-06-30</code>, <code>jaar:2025</code></dt><dd>periode</dd>
        <dt><code>sorteer:datum</code>, <code>sorteer:oudste</code></dt><dd>nieuwste (of oudste) eerst in plaats van best passend</dd>
        <dt>in het Engels</dt><dd><code>kind:</code>, <code>date:</code>, <code>year:</code>, <code>party:</code>, <code>person:</code>, <code>committee:</code>, <code>sort:date</code> en <code>AND</code>/<code>OR</code>/<code>NOT</code> werken ook</dd>
      </dl>
    </section>
  );
}

export function SearchPage({ data, q, error, showHelp, bell }: SearchPageProps) {
  const jsonHref = `/search.json?q=${encodeURIComponent(q)}${data && data.page > 1 ? `&page=${data.page}` : ''}`;
  return (
    <Layout title={q ? `Zoeken: ${q}` : 'Zoeken'} q={q} jsonHref={jsonHref}>
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
            {bell && followable(data) ? <WatchBell kind="search" value={q} label="Volg deze zoekopdracht" bell={bell} /> : null}
            <ol class="doclist">
              {data.results.map((h) => (
                <li class="hit">
                  <a class="title" href={h.type === 'document' ? `${resultUrl(h.type, h.id)}?q=${encodeURIComponent(q)}` : resultUrl(h.type, h.id)}>{h.title}</a>
                  <div class="meta">
                    <span class="kind">{h.type === 'document' ? kindLabel(h.kind) : typeLabel(h.type, 1)}</span>
                    {h.date ? <> · {formatDate(h.date)}</> : null}
                  </div>
                  <p class="snippet"><Highlighted text={h.snippet} ranges={h.highlights} /></p>
                </li>
              ))}
            </ol>
            {data.results.length === 0 ? <p>Niets gevonden. Probeer minder of andere woorden, of een kortere periode.</p> : null}
            <nav class="pager">
              {data.page > 1 ? <a rel="prev" href={searchHref(q, data.page - 1)}>← vorige</a> : null}
              {data.page < data.pageCount ? <a rel="next" href={searchHref(q, data.page + 1)}>volgende →</a> : null}
            </nav>
          </section>
          <aside class="facets">
            <Facet
              title="Wat"
              buckets={data.facets.type.length > 1 || (data.facets.type[0] && data.facets.type[0].value !== 'document') ? data.facets.type : []}
              q={q} filter="type" label={(v) => typeLabel(v)} estimate={data.facetsAreEstimates} href={(v) => searchHref(withType(q, v))}
            />
            <Facet title="Soort" buckets={data.facets.kind} q={q} filter="kind" label={kindLabel} estimate={data.facetsAreEstimates} />
            <Facet title="Jaar" buckets={data.facets.year} q={q} filter="year" label={(v) => v} estimate={data.facetsAreEstimates} />
          </aside>
        </div>
      ) : null}
      {showHelp || !q || error ? <Help /> : null}
    </Layout>
  );
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
