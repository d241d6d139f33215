/** Committees, people and parties: lists and one page each. */
import { WatchBell, type BellProps } from '../watch/bell.js';
import type { CommissieData, CommissiesData, FractieData, FractiesData, PersonenData, PersoonData, TkBesluitRef } from '../../../service/tk.js';
import { ActiviteitItem, DocItem, Empty, Pager, PersonLink, TkLayout, ZaakItem, dateOr, plural } from './common.js';
import { PersoonBijdragen } from './verslagen.js';
import { KamerToezeggingItem } from './overview.js';

/** A vote cast by a party or member, with the decision and its outcome. */
function VoteItem({ soort, b }: { soort: string | null; b: TkBesluitRef }) {
  return (
    <li>
      <strong>{soort ?? '?'}</strong> — {b.zaak ? <a href={b.zaak.url}>{b.zaak.onderwerp ?? b.zaak.nummer}</a> : (b.tekst ?? 'besluit')}
      <span class="meta">
        {dateOr(b.datum)} · {b.soort ?? 'besluit'}
        {b.tally ? (
          <>
            {' '}· <a href={b.url}>uitslag: voor {b.tally.voor} – tegen {b.tally.tegen}</a>
          </>
        ) : null}
      </span>
    </li>
  );
}

/** `/commissies`: every active committee. */
export function CommissiesPage({ data }: { data: CommissiesData }) {
  return (
    <TkLayout title="Commissies" jsonHref="/commissies.json" section="/commissies">
      <h1>Commissies</h1>
      {data.commissies.length ? (
        <ul class="rows">
          {data.commissies.map((c) => (
            <li>
              <a href={c.url}>{c.naam}</a>
              <span class="meta">
                {c.afkorting ?? ''}
                {c.soort ? ` · ${c.soort}` : ''} · {plural(c.leden, 'lid', 'leden')}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>Nog geen commissies gesynchroniseerd.</Empty>
      )}
    </TkLayout>
  );
}

/** `/commissies/<id>`: members with party, recent zaken and activities. */
export function CommissiePage({ data, bell }: { data: CommissieData; bell?: BellProps | undefined }) {
  const c = data.commissie;
  return (
    <TkLayout title={c.naam} jsonHref={`${c.url}.json`} section="/commissies" bijgewerkt={data.bijgewerkt}>
      <p class="meta">
        <a href="/commissies">← alle commissies</a>
      </p>
      <h1>{c.naam}</h1>
      {bell ? <WatchBell kind="committee" value={data.commissie.id} label="Volg deze commissie" bell={bell} /> : null}
      <p class="meta">{[c.naamOfficieel, c.afkorting, c.soort].filter(Boolean).join(' · ')}</p>
      <div class="grid2">
        <section>
          <h2>Leden ({data.leden.length})</h2>
          {data.leden.length ? (
            <ul class="rows">
              {data.leden.map((l) => (
                <li>
                  <PersonLink p={l.persoon} />
                  <span class="meta">{[l.vervanger ? 'plaatsvervangend lid' : l.functie, l.van ? `sinds ${dateOr(l.van)}` : null].filter(Boolean).join(' · ')}</span>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>Geen leden bekend.</Empty>
          )}
        </section>
        <section>
          <h2>Recente zaken</h2>
          {data.zaken.length ? (
            <ul class="rows">
              {data.zaken.map((z) => (
                <ZaakItem z={z} extra={z.relatie ? ` · ${z.relatie}` : ''} />
              ))}
            </ul>
          ) : (
            <Empty>Geen zaken.</Empty>
          )}
        </section>
      </div>
      <section>
        <h2>Activiteiten</h2>
        {data.activiteiten.length ? (
          <ul class="rows">
            {data.activiteiten.map((a) => (
              <ActiviteitItem a={a} showCommissie={false} />
            ))}
          </ul>
        ) : (
          <Empty>Geen activiteiten.</Empty>
        )}
      </section>
    </TkLayout>
  );
}

/** `/personen`: MPs and cabinet members, filterable by party. */
export function PersonenPage({ data }: { data: PersonenData }) {
  const f = data.filter.fractie;
  const qs = (page: number) => {
    const p = new URLSearchParams();
    if (f) p.set('fractie', f);
    if (page > 1) p.set('page', String(page));
    const s = p.toString();
    return s ? `?${s}` : '';
  };
  return (
    <TkLayout title={f ? `Personen · ${f}` : 'Personen'} jsonHref={`/personen.json${qs(data.page)}`} section="/personen">
      <h1>Kamerleden en bewindspersonen</h1>
      <form class="filters" action="/personen" method="get">
        <label>
          Fractie
          <select name="fractie">
            <option value="">alle</option>
            {data.fracties.map((x) => (
              <option value={x.afkorting} selected={!!f && (f.toLowerCase() === x.afkorting.toLowerCase() || f === x.id)}>
                {x.afkorting} ({x.personen})
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      <p class="total">
        {plural(data.total, 'persoon', 'personen')}
        {f ? (
          <>
            {' '}in fractie <q>{f}</q> · <a href="/personen">alle personen</a>
          </>
        ) : null}
      </p>
      {data.items.length ? (
        <ul class="rows">
          {data.items.map((p) => (
            <li>
              <PersonLink p={p} />
              <span class="meta">{p.functie ?? ''}</span>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>Niemand gevonden{f ? ' in deze fractie' : ''}.</Empty>
      )}
      <Pager data={data} href={(p) => `/personen${qs(p)}`} />
    </TkLayout>
  );
}

/** `/personen/<id>`: party, committees, documents, questions, commitments, gifts. */
export function PersoonPage({ data, bell }: { data: PersoonData; bell?: BellProps | undefined }) {
  const p = data.persoon;
  return (
    <TkLayout title={p.naam} jsonHref={`${p.url}.json`} section="/personen" bijgewerkt={data.bijgewerkt}>
      <p class="meta">
        <a href="/personen">← alle personen</a>
      </p>
      <h1>{p.naam}</h1>
      {bell ? <WatchBell kind="person" value={data.persoon.id} label="Volg dit Kamerlid" bell={bell} /> : null}
      <dl class="facts">
        <dt>Functie</dt>
        <dd>{p.functie ?? '—'}</dd>
        <dt>Fractie</dt>
        <dd>{data.fractie ? <a href={data.fractie.url}>{data.fractie.naam}</a> : (p.fractie ?? 'geen (bewindspersoon of oud-lid)')}</dd>
        {p.voornamen || p.initialen ? (
          <>
            <dt>Naam voluit</dt>
            <dd>{[p.initialen, p.voornamen ? `(${p.voornamen})` : null].filter(Boolean).join(' ')}</dd>
          </>
        ) : null}
        {p.woonplaats ? (
          <>
            <dt>Woonplaats</dt>
            <dd>{p.woonplaats}</dd>
          </>
        ) : null}
        {data.commissies.length ? (
          <>
            <dt>Commissies</dt>
            <dd>
              {data.commissies.map((c, i) => (
                <>
                  {i ? '; ' : ''}
                  <a href={c.commissie.url}>{c.commissie.naam}</a>
                  {c.functie ? ` (${c.functie.toLowerCase()})` : ''}
                </>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
      <div class="grid2">
        <section id="documenten">
          <h2>Documenten ({data.documenten.length})</h2>
          {data.documenten.length ? (
            <ul class="rows">
              {data.documenten.map((d) => (
                <DocItem d={d} extra={d.relatie ? ` · ${d.relatie.toLowerCase()}` : ''} />
              ))}
            </ul>
          ) : (
            <Empty>Geen documenten ondertekend of ingediend.</Empty>
          )}
        </section>
        <section id="zaken">
          <h2>Zaken ({data.zaken.length})</h2>
          {data.zaken.length ? (
            <ul class="rows">
              {data.zaken.map((z) => (
                <ZaakItem z={z} extra={z.relatie ? ` · ${z.relatie.toLowerCase()}` : ''} />
              ))}
            </ul>
          ) : (
            <Empty>Geen zaken.</Empty>
          )}
        </section>
        <section id="vragen">
          <h2>Gestelde schriftelijke vragen ({data.vragen.length})</h2>
          {data.vragen.length ? (
            <ul class="rows">
              {data.vragen.map((z) => (
                <ZaakItem z={z} extra={z.beantwoord ? ' · beantwoord' : ' · nog niet beantwoord'} />
              ))}
            </ul>
          ) : (
            <Empty>Geen schriftelijke vragen.</Empty>
          )}
        </section>
        <section id="activiteiten">
          <h2>Activiteiten ({data.activiteiten.length})</h2>
          {data.activiteiten.length ? (
            <ul class="rows">
              {data.activiteiten.map((a) => (
                <ActiviteitItem a={a} extra={a.relatie ? ` · ${a.relatie.toLowerCase()}` : ''} />
              ))}
            </ul>
          ) : (
            <Empty>Geen activiteiten.</Empty>
          )}
        </section>
      </div>
      <section id="toezeggingen">
        <h2>Toezeggingen</h2>
        {data.toezeggingen.door.length ? (
          <>
            <h3>Gedaan ({data.toezeggingen.door.length})</h3>
            <ul class="rows">
              {data.toezeggingen.door.map((t) => (
                <KamerToezeggingItem t={t} />
              ))}
            </ul>
          </>
        ) : null}
        {data.toezeggingen.aan.length ? (
          <>
            <h3>Aan {p.naam} gedaan ({data.toezeggingen.aan.length})</h3>
            <ul class="rows">
              {data.toezeggingen.aan.map((t) => (
                <KamerToezeggingItem t={t} />
              ))}
            </ul>
          </>
        ) : null}
        {data.toezeggingen.door.length + data.toezeggingen.aan.length === 0 ? <Empty>Geen toezeggingen.</Empty> : null}
      </section>
      <PersoonBijdragen items={data.bijdragen} />
      {data.stemmen.length ? (
        <section id="stemmen">
          <h2>Hoofdelijke stemmen</h2>
          <ul class="rows">
            {data.stemmen.map((v) => (
              <VoteItem soort={v.soort} b={v.besluit} />
            ))}
          </ul>
        </section>
      ) : null}
      <div class="grid2">
        <section id="geschenken">
          <h2>Geschenken ({data.geschenken.length})</h2>
          {data.geschenken.length ? (
            <ul class="rows">
              {data.geschenken.map((g) => (
                <li>
                  {g.omschrijving ?? 'geen omschrijving'} <span class="meta">{dateOr(g.datum)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>Geen geschenken gemeld.</Empty>
          )}
        </section>
        <section id="nevenfuncties">
          <h2>Nevenfuncties ({data.nevenfuncties.length})</h2>
          {data.nevenfuncties.length ? (
            <ul class="rows">
              {data.nevenfuncties.map((n) => (
                <li>
                  {n.omschrijving ?? '—'}
                  <span class="meta">
                    {n.actief ? 'actief' : 'beëindigd'}
                    {n.van ? ` · sinds ${n.van}` : ''}
                    {n.totEnMet ? ` tot ${n.totEnMet}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>Geen nevenfuncties gemeld.</Empty>
          )}
        </section>
      </div>
    </TkLayout>
  );
}

/** `/fracties`: parties by seats. */
export function FractiesPage({ data }: { data: FractiesData }) {
  return (
    <TkLayout title="Fracties" jsonHref="/fracties.json" section="/fracties">
      <h1>Fracties</h1>
      <p class="total">
        {plural(data.fracties.length, 'fractie', 'fracties')} · {data.zetels} zetels
      </p>
      {data.fracties.length ? (
        <div class="table-wrap">
          <table class="list">
            <thead>
              <tr>
                <th>Fractie</th>
                <th class="num">Zetels</th>
                <th class="num">Leden bekend</th>
              </tr>
            </thead>
            <tbody>
              {data.fracties.map((f) => (
                <tr>
                  <td>
                    <a href={f.url}>{f.afkorting}</a>
                    {f.naam !== f.afkorting ? <span class="meta"> {f.naam}</span> : null}
                  </td>
                  <td class="num">{f.zetels ?? '—'}</td>
                  <td class="num">
                    <a href={`/personen?fractie=${encodeURIComponent(f.afkorting)}`}>{f.leden}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Empty>Nog geen fracties gesynchroniseerd.</Empty>
      )}
    </TkLayout>
  );
}

/** `/fracties/<id>`: seats, members, how the party voted. */
export function FractiePage({ data }: { data: FractieData }) {
  const f = data.fractie;
  return (
    <TkLayout title={f.naam} jsonHref={`${f.url}.json`} section="/fracties" bijgewerkt={data.bijgewerkt}>
      <p class="meta">
        <a href="/fracties">← alle fracties</a>
      </p>
      <h1>
        {f.naam} {f.afkorting !== f.naam ? <span class="meta">({f.afkorting})</span> : null}
      </h1>
      <dl class="facts">
        <dt>Zetels</dt>
        <dd>{f.zetels ?? '—'}</dd>
        {f.aantalStemmen !== null ? (
          <>
            <dt>Stemmen</dt>
            <dd>{f.aantalStemmen.toLocaleString('nl-NL')}</dd>
          </>
        ) : null}
        <dt>Actief sinds</dt>
        <dd>{dateOr(f.datumActief)}</dd>
        {f.naamEn ? (
          <>
            <dt>In het Engels</dt>
            <dd lang="en">{f.naamEn}</dd>
          </>
        ) : null}
      </dl>
      <div class="grid2">
        <section>
          <h2>Leden ({data.leden.length})</h2>
          {data.leden.length ? (
            <ul class="rows">
              {data.leden.map((l) => (
                <li>
                  <a href={l.persoon.url}>{l.persoon.naam}</a>
                  <span class="meta">{[l.functie, l.van ? `sinds ${dateOr(l.van)}` : null].filter(Boolean).join(' · ')}</span>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>Geen leden bekend.</Empty>
          )}
        </section>
        <section>
          <h2>Stemgedrag ({data.stemmen.length})</h2>
          {data.stemmen.length ? (
            <ul class="rows">
              {data.stemmen.map((v) => (
                <VoteItem soort={v.soort} b={v.besluit} />
              ))}
            </ul>
          ) : (
            <Empty>Geen stemmingen.</Empty>
          )}
        </section>
      </div>
      <section id="toezeggingen">
        <h2>Toezeggingen aan de fractie ({data.toezeggingen.length})</h2>
        {data.toezeggingen.length ? (
          <ul class="rows">
            {data.toezeggingen.map((t) => (
              <KamerToezeggingItem t={t} />
            ))}
          </ul>
        ) : (
          <Empty>Geen toezeggingen aan deze fractie geregistreerd.</Empty>
        )}
      </section>
    </TkLayout>
  );
}
