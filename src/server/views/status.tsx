/** `/status`: how fresh each source is, what failed and why, and a retry for signed-in users. */
import type { SourceStatus, StatusData } from '../../service/status.js';
import { Layout } from './layout.js';
import { durationText, formatDateTime } from './time.js';

export interface StatusPageProps {
  data: StatusData;
  /** The CSRF token for the retry forms; absent when not signed in (no buttons then). */
  csrf?: string | undefined;
  /** The outcome of a retry just started. */
  notice?: string | undefined;
}

const KIND_TITLE: Record<SourceStatus['kind'], string> = {
  'open-data': 'Open data van de Tweede Kamer',
  files: 'Bestanden',
  import: 'Geïmporteerde mappen',
};

const COUNT_WORD: Record<SourceStatus['kind'], [string, string]> = {
  'open-data': ['item', 'items'],
  files: ['bestand', 'bestanden'],
  import: ['document', 'documenten'],
};

const n = (x: number, [one, many]: [string, string]) => `${x.toLocaleString('nl-NL')} ${x === 1 ? one : many}`;

function Freshness({ s }: { s: SourceStatus }) {
  if (s.alarm && s.silentHours !== null && s.usualGapHours !== null) {
    return (
      <strong class="alarm">
        Stil sinds {durationText(s.silentHours)} (normaal elke {durationText(s.usualGapHours)})
      </strong>
    );
  }
  if (s.lastError) return <strong class="alarm">Laatste poging mislukt</strong>;
  if (s.lastSuccess === null && s.lastAttempt !== null) return <strong class="alarm">Nog nooit gelukt</strong>;
  if (s.failed > 0) return <strong class="alarm">{s.failed} mislukt</strong>;
  if (s.lastAttempt === null) return <span class="meta">Geen runs bekend (van vóór het bijhouden)</span>;
  return <span class="ok">In orde</span>;
}

function SourceRow({ s, csrf }: { s: SourceStatus; csrf?: string | undefined }) {
  return (
    <tr id={`bron-${s.id}`} class={s.alarm || s.lastError ? 'alarm' : undefined}>
      <th scope="row">{s.label}</th>
      <td data-label="Laatst gelukt">{formatDateTime(s.lastSuccess)}</td>
      <td data-label="Laatst geprobeerd">{formatDateTime(s.lastAttempt)}</td>
      <td data-label="Omvang">
        {n(s.count, COUNT_WORD[s.kind])}
        {s.failed > 0 ? <> · <a href={s.kind === 'files' ? '#bestanden' : '#mislukt'}>{s.failed} mislukt</a></> : null}
      </td>
      <td data-label="Status">
        <Freshness s={s} />
        {s.lastError ? <div class="meta">{s.lastError}</div> : null}
        {csrf && s.retryable ? (
          <form method="post" action="/status/opnieuw" class="inline">
            <input type="hidden" name="csrf" value={csrf} />
            <input type="hidden" name="source" value={s.id} />
            <button type="submit">Opnieuw proberen</button>
          </form>
        ) : null}
      </td>
    </tr>
  );
}

const needsAttention = (s: SourceStatus) => s.alarm || s.lastError !== null || s.failed > 0 || (s.lastAttempt !== null && s.lastSuccess === null);

function SourceTable({ sources, csrf }: { sources: SourceStatus[]; csrf?: string | undefined }) {
  return (
    <div class="table-wrap">
      <table class="status">
        <thead>
          <tr>
            <th scope="col">Bron</th>
            <th scope="col">Laatst gelukt</th>
            <th scope="col">Laatst geprobeerd</th>
            <th scope="col">Omvang</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => <SourceRow s={s} csrf={csrf} />)}
        </tbody>
      </table>
    </div>
  );
}

export function StatusPage({ data, csrf, notice }: StatusPageProps) {
  const kinds = (['open-data', 'files', 'import'] as const).filter((k) => data.sources.some((s) => s.kind === k));
  return (
    <Layout title="Status van de bronnen" jsonHref="/api/status">
      <h1>Status van de bronnen</h1>
      <p class="meta">
        Hoe vers is wat kamerlens weet? Laatste synchronisatie met de open data: <strong>{formatDateTime(data.lastSync)}</strong>.
        {' '}Tijden in Nederlandse tijd; stand van {formatDateTime(data.now)}.
        {' '}<a href="/ontbrekend">Wat ontbreekt er in het archief?</a>
      </p>
      {notice ? <p class="notice" role="status">{notice}</p> : null}
      {data.alarms > 0 ? (
        <p class="error" role="alert">
          {data.alarms === 1 ? 'Eén bron is' : `${data.alarms} bronnen zijn`} langer stil dan gewoonlijk.
        </p>
      ) : null}
      {data.sources.length === 0 ? <p>Nog niets geïmporteerd of gesynchroniseerd.</p> : null}
      {kinds.map((k) => {
        const all = data.sources.filter((s) => s.kind === k);
        // Dozens of healthy categories would bury the one that is not: those fold away.
        const fine = k === 'open-data' ? all.filter((s) => !needsAttention(s)) : [];
        const shown = all.filter((s) => !fine.includes(s));
        return (
          <section>
            <h2>{KIND_TITLE[k]}</h2>
            {shown.length > 0 ? <SourceTable sources={shown} csrf={csrf} /> : null}
            {fine.length > 0 ? (
              <details class="fine">
                <summary>{fine.length === 1 ? '1 categorie' : `${fine.length} categorieën`} in orde</summary>
                <SourceTable sources={fine} csrf={csrf} />
              </details>
            ) : null}
          </section>
        );
      })}
      <section id="mislukt">
        <h2>Mislukte imports ({data.importFailures.length})</h2>
        {data.importFailures.length === 0 ? (
          <p class="meta">Geen: elk bestand dat kamerlens probeerde, is geïmporteerd.</p>
        ) : (
          <ul class="failures">
            {data.importFailures.map((f) => (
              <li>
                <code>{f.source}</code>
                <div>{f.message ?? 'onbekende fout'} <span class="meta">({f.errorCode ?? 'ONBEKEND'}, {formatDateTime(f.at)})</span></div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section id="bestanden">
        <h2>Bestanden die niet opgehaald konden worden ({data.fileFailures.length})</h2>
        <p class="meta">
          {n(data.files.ok, ['bestand', 'bestanden'])} opgehaald, {data.files.pending} in de wachtrij, {data.files.missing} ontbrekend
          (de Kamer gaf 404), {data.files.broken} beschadigd of onvolledig. Ze worden bij de volgende synchronisatie opnieuw geprobeerd.
          {data.files.refused > 0 ? <> {n(data.files.refused, ['bestand', 'bestanden'])} geweigerd: de feed wees naar een pad of host die niet mag; die worden niet opgehaald.</> : null}
        </p>
        {data.fileFailures.length > 0 ? (
          <ul class="failures">
            {data.fileFailures.map((f) => (
              <li>
                {f.category} <code>{f.entityId}</code>: {f.status === 'missing' ? 'ontbreekt bij de bron' : f.status === 'refused' ? 'niet opgehaald' : 'beschadigd'}
                {f.error ? <> — {f.error}</> : null} <span class="meta">({f.attempts} {f.attempts === 1 ? 'poging' : 'pogingen'})</span>
                <div><a href={f.href} rel="nofollow noopener">officiële bron</a></div>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      {!csrf ? <p class="meta"><a href="/inloggen">Log in</a> om een mislukte bron opnieuw te laten proberen.</p> : null}
    </Layout>
  );
}
