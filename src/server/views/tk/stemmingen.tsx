/** Votes: the list of decisions voted on, and one vote as a chart per party with a text equivalent. */
import type { StemmingData, StemmingenData, TkTally } from '../../../service/tk.js';
import { BesluitItem, Empty, KamerText, Pager, TkLayout, dateOr, pageQuery, plural, totalText, voteSide as side, type PageCursor } from './common.js';


/**
 * The vote as a stacked bar (inline SVG, seats voor | tegen | other) and a table with one bar per
 * party. The SVG is labelled by the summary sentence and the table carries every number as
 * text, so the chart adds nothing a screen reader or a text browser misses.
 */
export function VoteChart({ tally, id }: { tally: TkTally; id: string }) {
  const other = tally.rows.filter((r) => side(r.soort) === 'other').reduce((n, r) => n + r.zetels, 0);
  const total = Math.max(tally.voor + tally.tegen + other, 1);
  const max = Math.max(...tally.rows.map((r) => r.zetels), 1);
  const w = (n: number) => ((n / total) * 400).toFixed(1);
  const summaryId = `uitslag-${id}`;
  return (
    <div class="votes">
      <p class="summary" id={summaryId}>
        <strong>{tally.voor}</strong> zetels voor, <strong>{tally.tegen}</strong> tegen
        {other ? `, ${other} anders (niet deelgenomen of onbekend)` : ''} — {plural(tally.rows.length, 'stem', 'stemmen')} van fracties of leden.
      </p>
      <svg class="stack" viewBox="0 0 400 28" role="img" aria-labelledby={summaryId} preserveAspectRatio="none">
        <rect x="0" y="0" width={w(tally.voor)} height="28" fill="#1e8449" />
        <rect x={w(tally.voor)} y="0" width={w(tally.tegen)} height="28" fill="#c0392b" />
        <rect x={w(tally.voor + tally.tegen)} y="0" width={w(other)} height="28" fill="#8a939e" />
        {/* The half-way mark: a majority of the votes cast lies beyond it. */}
        <line x1="200" y1="0" x2="200" y2="28" stroke="#1b1f24" stroke-width="2" stroke-dasharray="3 2" />
      </svg>
      <ul class="legend" aria-hidden="true">
        <li>
          <span class="swatch" style="background:#1e8449" />
          voor
        </li>
        <li>
          <span class="swatch" style="background:#c0392b" />
          tegen
        </li>
        <li>
          <span class="swatch" style="background:#8a939e" />
          anders
        </li>
        <li>┆ helft van de uitgebrachte stemmen</li>
      </ul>
      <div class="table-wrap">
        <table class="list" aria-label="Stemmen per fractie">
          <thead>
            <tr>
              <th>Fractie of lid</th>
              <th>Stem</th>
              <th class="num">Zetels</th>
              <th aria-hidden="true" class="bar" />
            </tr>
          </thead>
          <tbody>
            {tally.rows.map((r) => (
              <tr class={side(r.soort)}>
                <td>{r.url ? <a href={r.url}>{r.naam}</a> : r.naam}</td>
                <td>{r.soort}</td>
                <td class="num">{r.zetels}</td>
                <td class="bar" aria-hidden="true">
                  <span class="bar-track">
                    <span class="bar-fill" style={`width:${((r.zetels / max) * 100).toFixed(1)}%`} />
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {tally.vergissingen.length ? (
        <p class="meta">
          Als vergissing aangemerkt en niet meegeteld: {tally.vergissingen.map((r) => `${r.naam} (${r.soort.toLowerCase()})`).join(', ')}.
        </p>
      ) : null}
    </div>
  );
}

/** `/stemmingen`: decisions that were voted on, newest first. */
export function StemmingenPage({ data, cursor = {} }: { data: StemmingenData; cursor?: PageCursor }) {
  return (
    <TkLayout title="Stemmingen" jsonHref={`/stemmingen.json${pageQuery(data.page, cursor)}`} section="/stemmingen">
      <h1>Stemmingen</h1>
      <p class="total">
        {data.total === 0 && data.zonderBesluit.length
          ? `${plural(data.zonderBesluit.length, 'stemming', 'stemmingen')} over een besluit dat nog niet is gesynchroniseerd (hieronder)`
          : totalText(data, 'stemming', 'stemmingen')}
      </p>
      {data.items.length ? (
        <ul class="rows">
          {data.items.map((b) => (
            <BesluitItem b={b} />
          ))}
        </ul>
      ) : data.zonderBesluit.length ? null : (
        <Empty>Nog geen stemmingen gesynchroniseerd.</Empty>
      )}
      <Pager data={data} href={(p, c) => `/stemmingen${pageQuery(p, c)}`} />
      {data.zonderBesluit.length ? (
        <section>
          <h2>Stemmen bij een besluit dat nog niet is gesynchroniseerd</h2>
          <p class="meta">
            De open data bevat stemmen over {plural(data.zonderBesluit.length, 'besluit', 'besluiten')} {data.zonderBesluit.length === 1 ? 'dat' : 'die'}{' '}
            kamerlens zelf (nog) niet heeft; de uitslag is uit de stemmen opgeteld.
          </p>
          <ul class="rows">
            {data.zonderBesluit.map((b) => (
              <BesluitItem b={b} />
            ))}
          </ul>
        </section>
      ) : null}
    </TkLayout>
  );
}

/** `/stemmingen/<besluit>`: how each party voted, as a chart and a table. */
export function StemmingPage({ data }: { data: StemmingData }) {
  const b = data.besluit;
  const title = b.zaak?.onderwerp ?? b.tekst ?? 'Stemming';
  return (
    <TkLayout title={`Stemming: ${title}`} jsonHref={`/stemmingen/${encodeURIComponent(b.id)}.json`} section="/stemmingen">
      <p class="meta">
        <a href="/stemmingen">← alle stemmingen</a>
      </p>
      <h1>
        <KamerText text={title} />
      </h1>
      <dl class="facts">
        <dt>Besluit</dt>
        <dd>
          {b.alleenStemmen ? (
            <>
              nog niet gesynchroniseerd <span class="meta nummer">{b.id}</span>: de uitslag is opgeteld uit de stemmen die naar dit besluit verwijzen
            </>
          ) : (
            <>
              {b.soort ?? '—'}
              {b.tekst ? ` — ${b.tekst}` : ''}
            </>
          )}
        </dd>
        <dt>Datum</dt>
        <dd>{dateOr(b.datum)}</dd>
        {b.stemmingsSoort ? (
          <>
            <dt>Wijze</dt>
            <dd>{b.stemmingsSoort}</dd>
          </>
        ) : null}
        {b.zaak ? (
          <>
            <dt>Zaak</dt>
            <dd>
              <a href={b.zaak.url}>{b.zaak.nummer ?? b.zaak.onderwerp}</a> {b.zaak.soort ? <span class="meta">({b.zaak.soort})</span> : null}
            </dd>
          </>
        ) : null}
        {b.activiteit ? (
          <>
            <dt>Vergadering</dt>
            <dd>
              <a href={b.activiteit.url}>{b.activiteit.onderwerp ?? b.activiteit.soort}</a>
            </dd>
          </>
        ) : null}
      </dl>
      <h2>Uitslag per fractie</h2>
      <VoteChart tally={b.tally} id={b.id} />
      {data.andere.length ? (
        <section>
          <h2>Andere stemmingen over deze zaak</h2>
          <ul class="rows">
            {data.andere.map((x) => (
              <BesluitItem b={x} />
            ))}
          </ul>
        </section>
      ) : null}
    </TkLayout>
  );
}
