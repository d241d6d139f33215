/** Reports of sittings (VLOS): the list, and one report as who said what, in order. */
import { vlosTurnAnchor, type VlosBlock, type VlosTurn } from '../../../domain/vlos.js';
import type { VerslagData, VerslagenData } from '../../../service/tk.js';
import type { ActiviteitVerslag, PersoonBijdrage, VerslagDocumentPanel, VerslagInhoud, VerslagSpreker, VerslagSprekerTijd } from '../../../service/tk-vlos.js';
import { Empty, KamerText, Pager, TkLayout, dateOr, pageQuery, plural, totalText, type PageCursor } from './common.js';

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

/** `12,5 min`: minutes with a Dutch decimal comma. */
const min = (m: number) => `${m.toLocaleString('nl-NL', { maximumFractionDigits: 1 })} min`;

function Wie({ sp, turn }: { sp: VerslagSpreker | undefined; turn: VlosTurn }) {
  const naam = sp?.naam ?? 'Onbekende spreker';
  return (
    <p class="who">
      {turn.voorzitter && naam !== 'De voorzitter' ? 'De voorzitter (' : ''}
      {sp?.persoon ? <a href={sp.persoon.url}>{naam}</a> : naam}
      {turn.voorzitter ? (naam !== 'De voorzitter' ? ')' : '') : sp?.fractie ? ` (${sp.fractie})` : ''}
      {!turn.voorzitter && sp?.functie && !sp.fractie ? <span class="meta">, {sp.functie}</span> : null}
      {turn.kind === 'interrumpant' ? <span class="meta"> · interruptie</span> : null}
      {turn.begin && /T\d\d:\d\d/.test(turn.begin) ? (
        <span class="meta">
          {' · '}
          <time datetime={turn.begin}>{turn.begin.slice(11, 16)}</time>
        </span>
      ) : null}
    </p>
  );
}

function Paragraphs({ ps }: { ps: string[] }) {
  return (
    <>
      {ps.map((p) => (
        <p>
          <KamerText text={p} />
        </p>
      ))}
    </>
  );
}

/** A turn at its anchor (search results of type `passage` link to it), interruptions at theirs. */
function Turn({ turn, sprekers, anchor }: { turn: VlosTurn; sprekers: VerslagInhoud['sprekers']; anchor: string }) {
  return (
    <div class={`speech${turn.kind === 'interrumpant' ? ' interruptie' : ''}${turn.voorzitter ? ' voorzitter' : ''}`} id={anchor}>
      <Wie sp={sprekers[turn.speaker]} turn={turn} />
      <Paragraphs ps={turn.paragraphs} />
      {turn.fragments.map((f) => (
        <div class="vlos-text fragment">
          <p class="meta">{f.soort}</p>
          <Paragraphs ps={f.paragraphs} />
        </div>
      ))}
      {turn.interruptions.map((i, k) => (
        <Turn turn={i} sprekers={sprekers} anchor={`${anchor}-i${k + 1}`} />
      ))}
    </div>
  );
}

function Block({ b, sprekers, anchor }: { b: VlosBlock; sprekers: VerslagInhoud['sprekers']; anchor: string }) {
  switch (b.kind) {
    case 'kop':
      return (
        <h3>
          <KamerText text={b.text} />
        </h3>
      );
    case 'fragment':
      return (
        <div class="vlos-text">
          <Paragraphs ps={b.fragment.paragraphs} />
        </div>
      );
    case 'turn':
      return <Turn turn={b.turn} sprekers={sprekers} anchor={anchor} />;
  }
}

/** Speakers with their turns, interruptions and minutes, most speaking time first. */
function SprekerTabel({ rows, sprekers, caption, timed = true }: { rows: VerslagSprekerTijd[]; sprekers: VerslagInhoud['sprekers']; caption?: string; timed?: boolean }) {
  if (!rows.length) return null;
  return (
    <div class="table-wrap">
      <table class="list sprekers">
        {caption ? <caption class="meta">{caption}</caption> : null}
        <thead>
          <tr>
            <th>Spreker</th>
            <th class="num">Beurten</th>
            {/* A printed Handelingen marks neither times nor interruptions: no columns for them. */}
            {timed ? (
              <th class="num">
                <abbr title="Interrupties">Interr.</abbr>
              </th>
            ) : null}
            {timed ? (
              <th class="num">
                <abbr title="Spreektijd in minuten">Min.</abbr>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const sp = sprekers[r.spreker];
            return (
              <tr>
                <td class="wie">
                  {sp?.persoon ? <a href={sp.persoon.url}>{sp.naam}</a> : (sp?.naam ?? r.spreker)}
                  {sp?.fractie ? ` (${sp.fractie})` : ''}
                  {!sp?.fractie && sp?.functie ? <span class="meta rol"> {sp.functie}</span> : null}
                  {r.alsVoorzitter && sp?.naam !== 'De voorzitter' ? <span class="meta rol"> voorzitter</span> : null}
                </td>
                <td class="num">{r.beurten + r.alsVoorzitter}</td>
                {timed ? <td class="num">{r.interrupties}</td> : null}
                {timed ? <td class="num">{r.minuten.toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Each block with the anchor of its turn (vlosTurnAnchor: turns counted per debate item). */
function turnAnchors(blocks: VlosBlock[], activity: number): [VlosBlock, string][] {
  let t = 0;
  return blocks.map((b) => [b, b.kind === 'turn' ? vlosTurnAnchor(activity, t++) : '']);
}

/** `/verslagen/<id>`: the sitting and its report as a debate: contents, speakers with minutes, turns. */
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
        {dateOr(v.datum ?? r?.datum ?? null)}
        {v.vergadering?.nummer ? ` · vergadering ${v.vergadering.nummer}` : ''}
        {v.vergadering?.zaal ? ` · ${v.vergadering.zaal}` : ''}
        {v.soort ? ` · ${v.soort}` : ''}
        {v.status ? ` (${v.status.toLowerCase()})` : ''}
      </p>
      {r === null && data.geweigerd !== null ? (
        <p class="notice">Het bestand van dit verslag is niet opgehaald: {data.geweigerd}. Het wordt opnieuw geprobeerd als de Kamer dit verslag wijzigt.</p>
      ) : r === null ? (
        <p class="notice">De tekst van dit verslag is (nog) niet gedownload of niet leesbaar; de volgende synchronisatie probeert het opnieuw.</p>
      ) : r.activiteiten.length === 0 ? (
        <Empty>Dit verslag bevat geen activiteiten.</Empty>
      ) : (
        <>
          {r.documentUrl ? (
            <p class="meta">
              De tekst is doorzoekbaar als <a href={r.documentUrl}>document</a>.
            </p>
          ) : null}
          <Debat r={r} />
        </>
      )}
    </TkLayout>
  );
}

/** The debate of a report: contents, speakers (with minutes when the report marks times), each item's turns. */
export function Debat({ r }: { r: VerslagInhoud }) {
  return (
    <>
      <nav class="toc" id="inhoud" aria-label="Inhoud">
        <h2>Inhoud</h2>
        <ol>
          {r.activiteiten.map((a) => (
            <li>
              <a href={`#${a.anker}`}>{a.titel}</a>
              {a.sprekers.length ? <span class="meta"> · {plural(a.sprekers.length, 'spreker', 'sprekers')}</span> : null}
            </li>
          ))}
        </ol>
      </nav>
      <section>
        <h2>Sprekers</h2>
        <SprekerTabel rows={r.totaal} sprekers={r.sprekers} timed={r.spreektijd} caption={r.spreektijd ? 'Hele vergadering; spreektijd uit de tijdmarkeringen van het verslag' : 'Hele vergadering; de gedrukte Handelingen hebben geen tijdmarkeringen'} />
      </section>
      {r.activiteiten.map((a, ai) => (
        <section id={a.anker}>
          <h2>{a.titel}</h2>
          <p class="meta">
            {a.soort ?? ''}
            {a.onderwerp ? ` · ${a.onderwerp}` : ''}
            {a.url ? (
              <>
                {' · '}
                <a href={a.url}>activiteit</a>
              </>
            ) : null}
          </p>
          <details>
            <summary>{r.spreektijd ? 'Sprekers en spreektijd' : 'Sprekers'}</summary>
            <SprekerTabel rows={a.sprekers} sprekers={r.sprekers} timed={r.spreektijd} />
          </details>
          {turnAnchors(a.blocks, ai).map(([b, anchor]) => (
            <Block b={b} sprekers={r.sprekers} anchor={anchor} />
          ))}
          <p class="meta">
            <a href="#inhoud">↑ inhoud</a>
          </p>
        </section>
      ))}
    </>
  );
}

/** On a person's page: the debates they spoke in, with turns and minutes, newest first. */
export function PersoonBijdragen({ items }: { items: PersoonBijdrage[] }) {
  if (!items.length) return null;
  return (
    <section id="debatten">
      <h2>In debatten ({items.length})</h2>
      <ul class="rows">
        {items.map((b) => (
          <li>
            <a href={b.activiteit.url}>{b.activiteit.titel ?? 'Debat'}</a>
            <span class="meta">
              {dateOr(b.verslag.datum)} · <a href={b.verslag.url}>{b.verslag.titel ?? 'verslag'}</a> · {plural(b.beurten + b.alsVoorzitter, 'beurt', 'beurten')}
              {b.interrupties ? `, ${plural(b.interrupties, 'interruptie', 'interrupties')}` : ''}
              {b.alsVoorzitter ? ' (als voorzitter)' : ''}
              {b.spreektijd ? ` · ${min(b.minuten)}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** On the page of a report's text (a handelingen document): the report, its sitting and debate items. */
export function VerslagPanel({ data }: { data: VerslagDocumentPanel | null }) {
  if (!data) return null;
  return (
    <section class="tk-panel" id="verslag">
      <h3>In de Kamer</h3>
      <dl class="structure">
        <dt>Vergadering</dt>
        <dd>
          <a href={data.verslag.url}>{data.vergadering.titel ?? 'verslag'}</a>
          {data.verslag.status ? ` (${data.verslag.status.toLowerCase()})` : ''}
        </dd>
        {data.activiteiten.length ? (
          <>
            <dt>Agendapunten</dt>
            <dd>
              {data.activiteiten.map((a, i) => (
                <>
                  {i ? '; ' : ''}
                  <a href={a.url}>{a.titel}</a>
                  {a.activiteitUrl ? (
                    <>
                      {' ('}
                      <a href={a.activiteitUrl}>activiteit</a>
                      {')'}
                    </>
                  ) : null}
                </>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

/** In an activity's facts: where its report of the sitting is (what was said there). */
export function VerslagFacts({ items }: { items: ActiviteitVerslag[] }) {
  if (!items.length) return null;
  return (
    <>
      <dt>Verslag</dt>
      <dd>
        {items.map((v, i) => (
          <>
            {i ? '; ' : ''}
            <a href={v.url}>{v.titel ?? 'verslag'}</a>
            <span class="meta"> ({plural(v.sprekers, 'spreker', 'sprekers')})</span>
          </>
        ))}
      </dd>
    </>
  );
}
