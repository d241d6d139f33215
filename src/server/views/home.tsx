/** The home page: what is in the archive and what arrived last. */
import type { HomeData } from '../../service/services.js';
import { documentUrl } from '../../service/presenters.js';
import { Layout, formatDate, kindLabel } from './layout.js';

export function HomePage({ data }: { data: HomeData }) {
  const { stats, recent } = data;
  return (
    <Layout title="Overzicht" jsonHref="/index.json">
      <section class="intro">
        <h1>Wat vraagt de Kamer, wat antwoordt het kabinet?</h1>
        <p>
          Doorzoek {stats.documents.toLocaleString('nl-NL')} documenten over de Tweede Kamer en de Raad van de EU:
          Kamerbrieven, verslagen, Raadsconclusies en meer.
        </p>
      </section>
      <div class="columns">
        <section>
          <h2>Recent toegevoegd</h2>
          {recent.length === 0 ? (
            <p>Nog geen documenten. Importeer ze met <code>kamerlens import &lt;map&gt;</code>.</p>
          ) : (
            <ol class="doclist">
              {recent.map((d) => (
                <li>
                  <a href={documentUrl(d.id)}>{d.title}</a>
                  <div class="meta">
                    <span class="kind">{kindLabel(d.kind)}</span> · {formatDate(d.date)}
                    {d.versionCount > 1 ? <> · {d.versionCount} versies</> : null}
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>
        <aside>
          <h2>Overzichten</h2>
          <ul class="facet">
            <li><a href="/toezeggingen">Toezeggingen van het kabinet, met termijnen</a></li>
            <li><a href="/partijen">Vragen per partij, met de antwoorden</a></li>
            <li><a href="/raad">EU-Raadsvergaderingen: agenda tot conclusies</a></li>
            <li><a href="/status">Hoe vers is het archief? Status per bron</a></li>
            <li><a href="/ontbrekend">Wat ontbreekt er? Meld een ontbrekend document</a></li>
            <li><a href="/importeren">Bestanden importeren (ingelogd)</a></li>
          </ul>
          <h2>In het archief</h2>
          <dl class="counts">
            <dt>Documenten</dt>
            <dd>{stats.documents.toLocaleString('nl-NL')}</dd>
            <dt>Versies</dt>
            <dd>{stats.versions.toLocaleString('nl-NL')}</dd>
            {stats.failedImports > 0 ? (
              <>
                <dt><a href="/status#mislukt">Mislukte imports</a></dt>
                <dd><a href="/status#mislukt">{stats.failedImports}</a></dd>
              </>
            ) : null}
          </dl>
          {data.failures.length > 0 ? (
            <details class="failures">
              <summary>Niet geïmporteerde bestanden</summary>
              <ul>
                {data.failures.map((f) => (
                  <li>
                    <code>{f.source}</code>: {f.message ?? 'onbekende fout'} <span class="n">{f.errorCode ?? ''}</span>
                  </li>
                ))}
              </ul>
              <p>
                Na een upgrade probeert <code>kamerlens reparse</code> ze opnieuw.
              </p>
            </details>
          ) : null}
          <h3>Soort</h3>
          <ul class="facet">
            {stats.byKind.map((b) => (
              <li>
                <a href={`/search?q=${encodeURIComponent(`kind:${b.value}`)}`}>{kindLabel(b.value)}</a> <span class="n">{b.count}</span>
              </li>
            ))}
          </ul>
          <h3>Jaar</h3>
          <ul class="facet">
            {stats.byYear.slice(0, 12).map((b) => (
              <li>
                <a href={`/search?q=${encodeURIComponent(`year:${b.value}`)}`}>{b.value}</a> <span class="n">{b.count}</span>
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </Layout>
  );
}
