/** Kamer-wide lists: what is new, decisions, the commitments register, open written questions, gifts. */
import type {
  BesluitenData,
  GeschenkenData,
  KamerOverviewData,
  KamerToezeggingRow,
  KamerToezeggingenData,
  OpenVragenData,
} from '../../../service/tk.js';
import { ANSWER_DAYS } from '../../../service/tk.js';
import { formatDate } from '../layout.js';
import { ActiviteitItem, BesluitItem, DocItem, Empty, KamerText, Pager, PersonLink, TkLayout, ZaakItem, dateOr, pageQuery, plural, RowSection, totalText, type PageCursor } from './common.js';

const CATEGORY_LABELS: Record<string, string> = {
  Document: 'documenten',
  Zaak: 'zaken',
  Activiteit: 'activiteiten',
  Besluit: 'besluiten',
  Stemming: 'stemmen',
  Persoon: 'personen',
  Fractie: 'fracties',
  Commissie: 'commissies',
  Kamerstukdossier: 'dossiers',
  Toezegging: 'toezeggingen',
  Verslag: 'verslagen',
  PersoonGeschenk: 'geschenken',
};

/** `/kamer`: the latest documents, zaken, activities, decisions and votes. */
export function KamerPage({ data }: { data: KamerOverviewData }) {
  const counts = data.counts.filter((c) => CATEGORY_LABELS[c.category]);
  return (
    <TkLayout title="Tweede Kamer" jsonHref="/kamer.json" section="/kamer">
      <h1>Tweede Kamer: wat is er nieuw</h1>
      <p class="meta">
        Uit de open data van de Tweede Kamer, bijgewerkt met <code>kamerlens sync</code>. Nieuwste eerst, op het moment dat de Kamer ze bijwerkte.
      </p>
      {counts.length ? (
        <p class="meta">{counts.map((c) => `${c.count} ${CATEGORY_LABELS[c.category]}`).join(' · ')}</p>
      ) : (
        <Empty>Nog geen Kamergegevens: voer eerst <code>kamerlens sync</code> uit.</Empty>
      )}
      <div class="grid2">
        <RowSection title="Documenten" items={data.documenten} empty="Geen documenten.">
          {(d) => <DocItem d={d} />}
        </RowSection>
        <RowSection title="Zaken" items={data.zaken} empty="Geen zaken.">
          {(z) => <ZaakItem z={z} />}
        </RowSection>
        <RowSection title="Activiteiten" items={data.activiteiten} empty="Geen activiteiten." more={{ href: '/activiteiten', label: 'Agenda vanaf vandaag →' }}>
          {(a) => <ActiviteitItem a={a} />}
        </RowSection>
        <RowSection title="Besluiten" items={data.besluiten} empty="Geen besluiten." more={{ href: '/besluiten', label: 'Alle besluiten →' }}>
          {(b) => <BesluitItem b={b} />}
        </RowSection>
        <RowSection title="Stemmingen" items={data.stemmingen} empty="Geen stemmingen." more={{ href: '/stemmingen', label: 'Alle stemmingen →' }}>
          {(b) => <BesluitItem b={b} />}
        </RowSection>
      </div>
    </TkLayout>
  );
}

/** `/besluiten`: every decision, newest first, anchored so votes and zaken can link to one. */
export function BesluitenPage({ data, cursor = {} }: { data: BesluitenData; cursor?: PageCursor }) {
  return (
    <TkLayout title="Besluiten" jsonHref={`/besluiten.json${pageQuery(data.page, cursor)}`} section="/besluiten">
      <h1>Besluiten</h1>
      <p class="total">{totalText(data, 'besluit', 'besluiten')}</p>
      {data.items.length ? (
        <ul class="rows">
          {data.items.map((b) => (
            <BesluitItem b={b} anchored />
          ))}
        </ul>
      ) : (
        <Empty>Nog geen besluiten gesynchroniseerd.</Empty>
      )}
      <Pager data={data} href={(p, c) => `/besluiten${pageQuery(p, c)}`} />
    </TkLayout>
  );
}

/** One commitment of the Kamer's register. */
export function KamerToezeggingItem({ t }: { t: KamerToezeggingRow }) {
  return (
    <li id={t.nummer ? `tz-${t.nummer}` : undefined}>
      <div>
        <KamerText text={t.tekst} />
      </div>
      <span class="meta">
        {t.nummer ? <span class="nummer">{t.nummer}</span> : null} · {t.door}
        {t.ministerie ? ` · ${t.ministerie}` : ''} · {t.status ?? 'status onbekend'} · {t.datumNakoming ? `uiterlijk ${formatDate(t.datumNakoming)}` : 'geen termijn'}{' '}
        {t.verlopen ? <span class="flag">verlopen</span> : null}
        {t.aan ? (
          <>
            {' '}· toegezegd aan <a href={t.aan.url}>{t.aan.naam}</a>
          </>
        ) : null}
        {t.activiteit ? (
          <>
            {' '}· in <a href={t.activiteit.url}>{t.activiteit.onderwerp ?? t.activiteit.nummer}</a>
          </>
        ) : null}
      </span>
      {t.belofte?.gekoppeld ? (
        <div class="meta promise-link">
          Ook gevonden in <a href={t.belofte.gekoppeld.document.url}>{t.belofte.gekoppeld.document.titel}</a>: „{t.belofte.gekoppeld.tekst}”
          {t.belofte.gekoppeld.waarom.length ? ` (${t.belofte.gekoppeld.waarom.join(', ')})` : ''}
        </div>
      ) : null}
      {t.belofte?.nagekomen ? (
        <div class="meta promise-kept">
          Nagekomen met <a href={t.belofte.nagekomen.document.url}>{t.belofte.nagekomen.document.titel}</a> ({formatDate(t.belofte.nagekomen.document.datum)}): {t.belofte.nagekomen.bewijs}
          {t.belofte.nagekomen.zin ? <> — „{t.belofte.nagekomen.zin}”</> : null}
        </div>
      ) : null}
    </li>
  );
}

/** `/kamer/toezeggingen`: the Kamer's register, next to what kamerlens found in the letters. */
export function KamerToezeggingenPage({ data }: { data: KamerToezeggingenData }) {
  return (
    <TkLayout title="Toezeggingen (Kamerregister)" jsonHref={`/kamer/toezeggingen.json${pageQuery(data.page, {}, { today: data.today })}`} section="/kamer/toezeggingen">
      <h1>Toezeggingen: het register van de Kamer</h1>
      <p class="notice">
        Dit is wat de Kamer zelf registreert. kamerlens leest daarnaast de toezeggingen uit de brieven zelf:{' '}
        <a href="/toezeggingen">toezeggingen gevonden in documenten</a>.
      </p>
      <p class="total">
        {plural(data.total, 'toezegging', 'toezeggingen')} · {data.open} open · {data.verlopen} verlopen op {formatDate(data.today)}
      </p>
      {data.statussen.length ? <p class="meta">{data.statussen.map((x) => `${x.status}: ${x.count}`).join(' · ')}</p> : null}
      {data.toezeggingen.length ? (
        <ul class="rows">
          {data.toezeggingen.map((t) => (
            <KamerToezeggingItem t={t} />
          ))}
        </ul>
      ) : (
        <Empty>Nog geen toezeggingen gesynchroniseerd.</Empty>
      )}
      <Pager data={data} href={(p) => `/kamer/toezeggingen${pageQuery(p, {}, { today: data.today })}`} />
    </TkLayout>
  );
}

/** Open and overdue questions counted per party or per ministry. */
function OpenCounts({ title, head, rows }: { title: string; head: string; rows: { naam: string; open: number; verlopen: number }[] }) {
  return (
    <section>
      <h2>{title}</h2>
      <table class="list">
        <thead>
          <tr>
            <th>{head}</th>
            <th class="num">Open</th>
            <th class="num">Te laat</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>{r.naam}</td>
              <td class="num">{r.open}</td>
              <td class="num">{r.verlopen}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** `/open-vragen`: written questions still waiting for an answer, oldest first. */
export function OpenVragenPage({ data }: { data: OpenVragenData }) {
  return (
    <TkLayout title="Open Kamervragen" jsonHref={`/open-vragen.json?today=${data.today}`} section="/open-vragen">
      <h1>Open schriftelijke vragen</h1>
      <p class="meta">
        Schriftelijke vragen zonder antwoorddocument op {formatDate(data.today)}. Het kabinet hoort binnen {ANSWER_DAYS / 7} weken te antwoorden; daarna
        gemarkeerd als te laat.
      </p>
      <p class="total">
        {plural(data.total, 'open vraag', 'open vragen')} · {data.verlopen} te laat
      </p>
      {data.total ? (
        <div class="grid2">
          <OpenCounts title="Per fractie" head="Fractie" rows={data.perFractie.map((r) => ({ naam: r.fractie, open: r.open, verlopen: r.verlopen }))} />
          <OpenCounts title="Per ministerie" head="Gericht aan" rows={data.perMinisterie.map((r) => ({ naam: r.ministerie, open: r.open, verlopen: r.verlopen }))} />
        </div>
      ) : null}
      <h2>Vragen</h2>
      {data.vragen.length ? (
        <ul class="rows">
          {data.vragen.map((v) => (
            <li>
              <a href={v.url}>{v.onderwerp ?? v.nummer}</a>
              <span class="meta">
                <span class="nummer">{v.nummer}</span> · gesteld {dateOr(v.gestartOp)} · {plural(v.dagen, 'dag', 'dagen')} open{' '}
                {v.verlopen ? <span class="flag">te laat</span> : null} {v.uitstel ? <span class="flag info">uitstel gemeld</span> : null}
                {v.indieners.length ? (
                  <>
                    {' '}· door{' '}
                    {v.indieners.map((i, n) => (
                      <>
                        {n ? ', ' : ''}
                        {i.url ? <a href={i.url}>{i.naam}</a> : i.naam}
                        {i.fractie ? ` (${i.fractie})` : ''}
                      </>
                    ))}
                  </>
                ) : null}
                {v.ministeries.length ? ` · aan ${v.ministeries.join(', ')}` : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>Geen open schriftelijke vragen.</Empty>
      )}
    </TkLayout>
  );
}

/** `/geschenken`: gifts MPs registered, newest first. */
export function GeschenkenPage({ data, cursor = {} }: { data: GeschenkenData; cursor?: PageCursor }) {
  return (
    <TkLayout title="Geschenken" jsonHref={`/geschenken.json${pageQuery(data.page, cursor)}`} section="/geschenken">
      <h1>Geschenken van Kamerleden</h1>
      <p class="meta">Kamerleden melden geschenken met een waarde boven de € 50 in het openbare register.</p>
      <p class="total">{totalText(data, 'geschenk', 'geschenken')}</p>
      {data.items.length ? (
        <ul class="rows">
          {data.items.map((g) => (
            <li>
              {g.omschrijving ?? 'geen omschrijving'}
              <span class="meta">
                {dateOr(g.datum)}
                {g.persoon ? (
                  <>
                    {' '}· <PersonLink p={g.persoon} />
                  </>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>Nog geen geschenken gesynchroniseerd.</Empty>
      )}
      <Pager data={data} href={(p, c) => `/geschenken${pageQuery(p, c)}`} />
    </TkLayout>
  );
}
