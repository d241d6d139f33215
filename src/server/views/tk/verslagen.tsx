/** Reports of sittings (VLOS): the list, and one report as who said what, in order. */
import type { VerslagData, VerslagenData } from '../../../service/tk.js';
import type { VlosBlock } from '../../../service/tk-vlos.js';
import { Empty, KamerText, Pager, TkLayout, dateOr, pageQuery, totalText, type PageCursor } from './common.js';

/** `/verslagen`: reports, newest sitting first. */
export function VerslagenPage({ data, cursor = {} }: { data: VerslagenData; cursor?: PageCursor }) {
  return (
    <TkLayout title="Verslagen" jsonHref={`/verslagen.json${pageQuery(data.page, cursor)}`} section="/verslagen">
      <h1>Verslagen van vergaderingen</h1>
      <p class="total">{totalText(data, 'verslag', 'verslagen')}</p>
      {data.items.length ? (
        <ul class="rows">
          {data.items.map((v) => (
            <li>
              <a href={v.url}>{v.titel}</a>
              <span class="meta">
                {dateOr(v.datum)}
                {v.vergadering?.soort ? ` · ${v.vergadering.soort}` : ''}
                {v.soort ? ` · ${v.soort}` : ''}
                {v.status ? ` (${v.status.toLowerCase()})` : ''}
                {v.beschikbaar ? '' : ' · tekst nog niet gedownload'}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>Nog geen verslagen gesynchroniseerd.</Empty>
      )}
      <Pager data={data} href={(p, c) => `/verslagen${pageQuery(p, c)}`} />
    </TkLayout>
  );
}

function Block({ b }: { b: VlosBlock }) {
  switch (b.kind) {
    case 'kop':
      return (
        <h3>
          <KamerText text={b.text} />
        </h3>
      );
    case 'tekst':
      return (
        <div class="vlos-text">
          {b.paragraphs.map((p) => (
            <p>
              <KamerText text={p} />
            </p>
          ))}
        </div>
      );
    case 'spreker':
      return (
        <div class={`speech${b.interruptie ? ' interruptie' : ''}${b.voorzitter ? ' voorzitter' : ''}`}>
          <p class="who">
            {b.voorzitter ? 'De voorzitter' : (b.spreker?.naam ?? 'Onbekende spreker')}
            {b.spreker?.fractie ? ` (${b.spreker.fractie})` : ''}
            {b.spreker?.functie && !b.voorzitter ? <span class="meta">, {b.spreker.functie}</span> : null}
            {b.interruptie ? <span class="meta"> · interruptie</span> : null}
          </p>
          {b.paragraphs.map((p) => (
            <p>
              <KamerText text={p} />
            </p>
          ))}
        </div>
      );
    case 'stemming':
      return (
        <p class="meta">
          Stemming: {b.stemmen.map((s) => `${s.fractie} ${s.stem.toLowerCase()}`).join(', ')}
        </p>
      );
  }
}

/** `/verslagen/<id>`: the sitting and its report, speeches in order. */
export function VerslagPage({ data }: { data: VerslagData }) {
  const v = data.verslag;
  const r = data.inhoud;
  return (
    <TkLayout title={v.titel} jsonHref={`${v.url}.json`} section="/verslagen" bijgewerkt={data.bijgewerkt}>
      <p class="meta">
        <a href="/verslagen">← alle verslagen</a>
      </p>
      <h1>{r?.titel ?? v.titel}</h1>
      <p class="meta">
        {dateOr(v.datum)}
        {v.vergadering?.nummer ? ` · vergadering ${v.vergadering.nummer}` : ''}
        {v.vergadering?.zaal ? ` · ${v.vergadering.zaal}` : ''}
        {v.soort ? ` · ${v.soort}` : ''}
        {v.status ? ` (${v.status.toLowerCase()})` : ''}
      </p>
      {r === null ? (
        <p class="notice">De tekst van dit verslag is (nog) niet gedownload of niet leesbaar; de volgende synchronisatie probeert het opnieuw.</p>
      ) : r.activiteiten.length === 0 ? (
        <Empty>Dit verslag bevat geen activiteiten.</Empty>
      ) : (
        r.activiteiten.map((a) => (
          <section>
            <h2>{a.titel ?? a.onderwerp ?? a.soort ?? 'Activiteit'}</h2>
            {a.onderwerp && a.onderwerp !== a.titel ? <p class="meta">{a.onderwerp}</p> : null}
            {a.blocks.map((b) => (
              <Block b={b} />
            ))}
          </section>
        ))
      )}
    </TkLayout>
  );
}
