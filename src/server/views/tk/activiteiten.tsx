/** The agenda: activities from today on per committee, unplanned ones, and one activity. */
import type { ActiviteitData, AgendaData, TkActiviteitRef, UnplannedData } from '../../../service/tk.js';
import { formatDate } from '../layout.js';
import { ActiviteitItem, ActorList, BesluitItem, DocItem, Empty, KamerText, TkLayout, ZaakItem, dateOr, plural, timeText, RowSection } from './common.js';
import { VerslagFacts } from './verslagen.js';
import { KamerToezeggingItem } from './overview.js';

/** Activities of one committee under a heading per day. */
function ByDay({ items }: { items: TkActiviteitRef[] }) {
  const days: [string, TkActiviteitRef[]][] = [];
  for (const a of items) {
    const last = days.at(-1);
    if (last && last[0] === a.datum) last[1].push(a);
    else days.push([a.datum ?? '', [a]]);
  }
  return (
    <>
      {days.map(([d, acts]) => (
        <>
          <p class="agenda-day">{formatDate(d)}</p>
          <ul class="rows">
            {acts.map((a) => (
              <ActiviteitItem a={a} showCommissie={false} />
            ))}
          </ul>
        </>
      ))}
    </>
  );
}

/** `/activiteiten`: the agenda from `today` on, per committee. */
export function AgendaPage({ data }: { data: AgendaData }) {
  return (
    <TkLayout title="Agenda" jsonHref={`/activiteiten.json?today=${data.today}`} section="/activiteiten">
      <h1>Agenda vanaf {formatDate(data.today)}</h1>
      <p class="total">
        {plural(data.total, 'activiteit', 'activiteiten')} gepland ·{' '}
        <a href="/activiteiten/ongepland">{plural(data.ongepland, 'activiteit', 'activiteiten')} nog zonder datum</a>
      </p>
      <form class="filters" action="/activiteiten" method="get">
        <label>
          Vanaf
          <input type="date" name="today" value={data.today} />
        </label>
        <button type="submit">Toon</button>
      </form>
      {data.groups.length === 0 ? <Empty>Geen activiteiten gepland vanaf deze datum.</Empty> : null}
      {data.groups.map((g) => (
        <section>
          <h2>{g.commissie.url ? <a href={g.commissie.url}>{g.commissie.naam}</a> : g.commissie.naam}</h2>
          <ByDay items={g.activiteiten} />
        </section>
      ))}
      {data.verder ? (
        <nav class="pager" aria-label="Verder in de agenda">
          <span />
          <span />
          <a href={`/activiteiten?today=${data.verder}`} rel="next">
            verder vanaf {formatDate(data.verder)} →
          </a>
        </nav>
      ) : null}
      {data.eerder.length ? (
        <section>
          <h2>Eerder</h2>
          <ul class="rows">
            {data.eerder.map((a) => (
              <ActiviteitItem a={a} />
            ))}
          </ul>
          {data.eerderVanaf ? (
            <p class="meta">
              <a href={`/activiteiten?today=${data.eerderVanaf}`}>agenda vanaf {formatDate(data.eerderVanaf)}</a>
            </p>
          ) : null}
        </section>
      ) : null}
    </TkLayout>
  );
}

/** `/activiteiten/ongepland`: requested activities without a date. */
export function UnplannedPage({ data }: { data: UnplannedData }) {
  return (
    <TkLayout title="Ongeplande activiteiten" jsonHref="/activiteiten/ongepland.json" section="/activiteiten">
      <p class="meta">
        <a href="/activiteiten">← agenda</a>
      </p>
      <h1>Activiteiten zonder datum</h1>
      <p class="total">{plural(data.total, 'activiteit', 'activiteiten')}</p>
      {data.activiteiten.length ? (
        <ul class="rows">
          {data.activiteiten.map((a) => (
            <ActiviteitItem a={a} />
          ))}
        </ul>
      ) : (
        <Empty>Alle activiteiten hebben een datum.</Empty>
      )}
    </TkLayout>
  );
}

/** `/activiteiten/<id>`: one activity with participants, agenda items, decisions and commitments. */
export function ActiviteitPage({ data }: { data: ActiviteitData }) {
  const a = data.activiteit;
  const t = timeText(a);
  return (
    <TkLayout title={a.onderwerp ?? a.nummer ?? 'Activiteit'} jsonHref={`${a.url}.json`} section="/activiteiten" bijgewerkt={data.bijgewerkt}>
      <p class="meta">
        <a href="/activiteiten">← agenda</a>
      </p>
      <h1>
        <KamerText text={a.onderwerp ?? a.nummer ?? 'Activiteit'} />
      </h1>
      <dl class="facts">
        <dt>Soort</dt>
        <dd>{a.soort ?? '—'}</dd>
        <dt>Datum</dt>
        <dd>
          {dateOr(a.datum, 'nog niet gepland')}
          {t ? `, ${t}` : ''}
        </dd>
        {a.locatie || a.zaal ? (
          <>
            <dt>Plaats</dt>
            <dd>{[a.locatie, a.zaal && a.zaal !== a.locatie ? a.zaal : null].filter(Boolean).join(', ')}</dd>
          </>
        ) : null}
        {a.commissie ? (
          <>
            <dt>Commissie</dt>
            <dd>{a.commissie.id ? <a href={`/commissies/${encodeURIComponent(a.commissie.id)}`}>{a.commissie.naam}</a> : a.commissie.naam}</dd>
          </>
        ) : null}
        <dt>Nummer</dt>
        <dd class="nummer">{a.nummer ?? '—'}</dd>
        <dt>Status</dt>
        <dd>
          {a.status ?? '—'}
          {a.besloten ? ' · besloten' : ' · openbaar'}
        </dd>
        {a.noot ? (
          <>
            <dt>Noot</dt>
            <dd>{a.noot}</dd>
          </>
        ) : null}
        <VerslagFacts items={data.verslagen} />
      </dl>
      <div class="grid2">
        <section>
          <h2>Deelnemers</h2>
          <ActorList actors={data.actoren} />
        </section>
        <RowSection title="Zaken" items={data.zaken} empty="Geen zaken gekoppeld.">
          {(z) => <ZaakItem z={z} />}
        </RowSection>
      </div>
      <section>
        <h2>Agendapunten</h2>
        {data.agendapunten.length ? (
          <ol class="rows">
            {data.agendapunten.map((p) => (
              <li>
                <strong>{p.nummer ? `${p.nummer}. ` : ''}</strong>
                <KamerText text={p.onderwerp} />
                {p.rubriek ? <span class="meta">{p.rubriek}</span> : null}
                {p.besluiten.length ? (
                  <ul class="rows">
                    {p.besluiten.map((b) => (
                      <BesluitItem b={b} />
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <Empty>Geen agendapunten.</Empty>
        )}
      </section>
      {data.documenten.length ? (
        <section>
          <h2>Documenten</h2>
          <ul class="rows">
            {data.documenten.map((d) => (
              <DocItem d={d} />
            ))}
          </ul>
        </section>
      ) : null}
      <RowSection title="Toezeggingen" items={data.toezeggingen} empty="Geen toezeggingen geregistreerd.">
        {(t) => <KamerToezeggingItem t={t} />}
      </RowSection>
    </TkLayout>
  );
}
