/** Kamerstukdossiers (list, and one as a timeline of its documents) and zaken. */
import { WatchBell, type BellProps } from '../watch/bell.js';
import type { DossierData, DossiersData, ZaakData } from '../../../service/tk.js';
import { ActiviteitItem, ActorList, BesluitItem, DocItem, Empty, KamerText, Pager, TkLayout, ZaakItem, dateOr, pageQuery, plural, RowSection } from './common.js';
import { VoteChart } from './stemmingen.js';

/** `/dossiers`: every kamerstukdossier by number. */
export function DossiersPage({ data }: { data: DossiersData }) {
  return (
    <TkLayout title="Kamerstukdossiers" jsonHref={`/dossiers.json${data.page > 1 ? `?page=${data.page}` : ''}`} section="/dossiers">
      <h1>Kamerstukdossiers</h1>
      <p class="total">{plural(data.total, 'dossier', 'dossiers')}</p>
      {data.items.length ? (
        <ul class="rows">
          {data.items.map((d) => (
            <li>
              <a href={d.url}>
                <span class="nummer">{d.key}</span> {d.titel ?? ''}
              </a>
              <span class="meta">
                {plural(d.documenten, 'document', 'documenten')} in kamerlens-synchronisatie
                {d.hoogsteVolgnummer !== null ? ` · hoogste nummer ${d.hoogsteVolgnummer}` : ''}
                {d.afgesloten ? ' · afgesloten' : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>Nog geen dossiers gesynchroniseerd.</Empty>
      )}
      <Pager data={data} href={(p) => `/dossiers${pageQuery(p)}`} />
    </TkLayout>
  );
}

/** `/dossiers/<nummer>`: the dossier's documents as a timeline by volgnummer. */
export function DossierPage({ data, bell }: { data: DossierData; bell?: BellProps | undefined }) {
  const d = data.dossier;
  const kamerNummers = new Set(data.documenten.filter((x) => x.bron === 'kamer').map((x) => x.volgnummer));
  // The anchor `nr-<volgnummer>` is the Kamer's document's; a copy only the archive has shares it when it is alone.
  const anchor = (x: DossierData['documenten'][number]) =>
    x.volgnummer !== null && (x.bron === 'kamer' || !kamerNummers.has(x.volgnummer)) ? `nr-${x.volgnummer}` : `doc-${x.id}`;
  return (
    <TkLayout title={`${d.key} ${d.titel ?? ''}`} jsonHref={`${d.url}.json`} section="/dossiers" bijgewerkt={data.bijgewerkt}>
      <p class="meta">
        <a href="/dossiers">← alle dossiers</a>
      </p>
      <h1>
        <span class="nummer">{d.key}</span> {d.titel}
      </h1>
      {bell ? <WatchBell kind="dossier" value={data.dossier.key} label="Volg dit dossier" bell={bell} /> : null}
      <p class="meta">
        {plural(data.documenten.length, 'document', 'documenten')}
        {d.hoogsteVolgnummer !== null ? ` · hoogste nummer ${d.hoogsteVolgnummer}` : ''}
        {d.afgesloten ? ' · afgesloten' : ' · lopend'}
      </p>
      <h2>Tijdlijn</h2>
      {data.documenten.length ? (
        <ol class="timeline" aria-label={`Documenten in dossier ${d.key}, op volgnummer`}>
          {data.documenten.map((x) => (
            <li id={anchor(x)} class={x.documentUrl ? 'present' : 'absent'}>
              <span class="volg">{x.volgnummer !== null ? `nr. ${x.volgnummer}` : 'bijlage'}</span>
              {x.documentUrl ? <a href={x.documentUrl}>{x.onderwerp ?? x.titel ?? x.nummer}</a> : <span>{x.onderwerp ?? x.titel ?? x.nummer}</span>}
              <span class="meta" style="display:block">
                {x.bron === 'archief' ? `kamerstuk ${d.key}, nr. ${x.volgnummer ?? '?'} · ${dateOr(x.datum)} · in het archief, (nog) niet in de open data van de Kamer` : null}
                {x.bron === 'archief' ? null : <>{x.soort ?? 'document'} · {dateOr(x.datum)} · <span class="nummer">{x.nummer}</span></>}
                {x.zaak ? (
                  <>
                    {' '}· zaak <a href={x.zaak.url}>{x.zaak.nummer}</a>
                  </>
                ) : null}
                {x.kamerUrl ? (
                  <>
                    {' '}· <a href={x.kamerUrl} rel="external noopener">op tweedekamer.nl</a>
                  </>
                ) : null}
                {x.documentUrl ? '' : ' · tekst niet in kamerlens'}
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <Empty>Geen documenten in dit dossier gesynchroniseerd.</Empty>
      )}
      <RowSection title="Zaken ({data.zaken.length})" items={data.zaken} empty="Geen zaken.">
        {(z) => <ZaakItem z={z} />}
      </RowSection>
    </TkLayout>
  );
}

/** `/zaken/<nummer>`: a zaak with its actors, documents, activities, decisions and votes. */
export function ZaakPage({ data, bell }: { data: ZaakData; bell?: BellProps | undefined }) {
  const z = data.zaak;
  const title = z.onderwerp ?? z.titel ?? z.nummer ?? 'Zaak';
  return (
    <TkLayout title={`${z.nummer ?? ''} ${title}`} jsonHref={`${z.url}.json`} section="/dossiers" bijgewerkt={data.bijgewerkt}>
      <h1>
        <KamerText text={title} />
      </h1>
      {bell ? <WatchBell kind="zaak" value={data.zaak.nummer ?? data.zaak.id} label="Volg deze zaak" bell={bell} /> : null}
      <dl class="facts">
        <dt>Nummer</dt>
        <dd class="nummer">{z.nummer ?? '—'}</dd>
        <dt>Soort</dt>
        <dd>{z.soort ?? '—'}</dd>
        <dt>Gestart</dt>
        <dd>{dateOr(z.gestartOp)}</dd>
        <dt>Status</dt>
        <dd>
          {z.afgedaan ? 'afgedaan' : 'lopend'}
          {z.status ? ` · ${z.status}` : ''}
        </dd>
        {data.dossier ? (
          <>
            <dt>Dossier</dt>
            <dd>
              <a href={data.dossier.url}>
                {data.dossier.key}
                {z.volgnummer !== null ? `, nr. ${z.volgnummer}` : ''}
              </a>{' '}
              {data.dossier.titel}
            </dd>
          </>
        ) : null}
        {z.vergaderjaar ? (
          <>
            <dt>Vergaderjaar</dt>
            <dd>{z.vergaderjaar}</dd>
          </>
        ) : null}
        {z.kabinetsappreciatie ? (
          <>
            <dt>Kabinetsappreciatie</dt>
            <dd>{z.kabinetsappreciatie}</dd>
          </>
        ) : null}
      </dl>
      <div class="grid2">
        <section>
          <h2>Betrokkenen</h2>
          <ActorList actors={data.actoren} />
        </section>
        <RowSection title="Documenten ({data.documenten.length})" items={data.documenten} empty="Geen documenten.">
          {(d) => <DocItem d={d} />}
        </RowSection>
      </div>
      <RowSection title="Activiteiten ({data.activiteiten.length})" items={data.activiteiten} empty="Geen activiteiten.">
        {(a) => <ActiviteitItem a={a} />}
      </RowSection>
      <section>
        <h2>Besluiten ({data.besluiten.length})</h2>
        {data.besluiten.length ? (
          <ul class="rows">
            {data.besluiten.map((b) => (
              <BesluitItem b={b} />
            ))}
          </ul>
        ) : (
          <Empty>Nog geen besluiten.</Empty>
        )}
        {data.besluiten
          .filter((b) => b.tally)
          .map((b) => (
            <>
              <h3>
                Stemming van {dateOr(b.datum)} · <a href={b.url}>details</a>
              </h3>
              <VoteChart tally={b.tally!} id={b.id} />
            </>
          ))}
      </section>
    </TkLayout>
  );
}
