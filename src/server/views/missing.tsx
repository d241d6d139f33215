/** "Dit stuk staat (nog) niet in het archief": what is known, the official source, a search. */
import type { MissingReference } from '../../service/official.js';
import { documentUrl } from '../../service/presenters.js';
import { Layout, formatDate, kindLabel } from './layout.js';

export function SearchBox({ q = '' }: { q?: string }) {
  return (
    <form class="search wide" action="/search" method="get" role="search">
      <label for="zoek-404">Zoek in het archief</label>
      <div class="row">
        <input id="zoek-404" type="search" name="q" value={q} />
        <button type="submit">Zoek</button>
      </div>
    </form>
  );
}

export function MissingPage({ data }: { data: MissingReference }) {
  return (
    <Layout title={`${data.label} staat niet in het archief`}>
      <section class="error-page missing">
        <h1>{data.label} staat (nog) niet in het archief</h1>
        <p>
          kamerlens heeft dit stuk niet. Het kan nog niet zijn geïmporteerd of gesynchroniseerd, of het hoort bij een bron die
          kamerlens niet volgt.
        </p>
        {data.official ? (
          <p>
            <a class="button" href={data.official.url} rel="noopener nofollow external">Bekijk het op {data.official.label}</a>
          </p>
        ) : null}
        {data.citedBy.length > 0 ? (
          <>
            <h2>Geciteerd in het archief door</h2>
            <ul>
              {data.citedBy.map((d) => (
                <li>
                  <a href={documentUrl(d.id)}>{d.title}</a> <span class="meta">· {kindLabel(d.kind)}, {formatDate(d.date)}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <SearchBox q={data.searchQuery} />
        <p class="meta"><a href="/status">Hoe volledig is het archief?</a> · <a href="/">Naar het overzicht</a></p>
      </section>
    </Layout>
  );
}
