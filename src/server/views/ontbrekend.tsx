/** `/ontbrekend`: what the archive knows it lacks, where to get it, and a form to report more. */
import type { MissingData, Official } from '../../service/missing.js';
import { documentUrl } from '../../service/presenters.js';
import { Layout } from './layout.js';
import { formatDateTime } from './time.js';

export interface MissingPageProps {
  data: MissingData;
  /** The CSRF token for the report form; absent when not signed in (no form then). */
  csrf?: string | undefined;
  notice?: string | undefined;
  error?: string | undefined;
}

const OfficialLink = ({ o }: { o: Official | null }) =>
  o ? <a href={o.url} rel="nofollow noopener">officiële publicatie ({o.label})</a> : <span class="meta">geen officiële vindplaats bekend</span>;

export function MissingListPage({ data, csrf, notice, error }: MissingPageProps) {
  return (
    <Layout title="Wat ontbreekt" jsonHref="/api/missing">
      <h1>Wat ontbreekt in het archief</h1>
      <p class="meta">
        Wat kamerlens weet dat het mist, met waar je het wel vindt. Zie ook <a href="/status">de status per bron</a>.
      </p>
      {notice ? <p class="notice" role="status">{notice}</p> : null}
      {error ? <p class="error" role="alert">{error}</p> : null}

      <section id="geciteerd">
        <h2>Geciteerd maar niet in het archief ({data.citations.length})</h2>
        {data.citations.length === 0 ? <p class="meta">Geen: alles wat de documenten noemen, staat in het archief (of kan niet als één document worden aangewezen).</p> : (
          <ul class="failures">
            {data.citations.map((c) => (
              <li>
                <strong>{c.href ? <a href={c.href}>{c.label}</a> : c.label}</strong> · <OfficialLink o={c.official} />
                <div class="meta">
                  Genoemd in {c.citedBy.map((d, i) => <>{i > 0 ? ', ' : ''}<a href={documentUrl(d.id)}>{d.title}</a></>)}
                  {c.raws.length > 0 ? <> (als “{c.raws.join('”, “')}”)</> : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section id="raad">
        <h2>Ontbrekende stappen in Raadsvergaderingen ({data.steps.length})</h2>
        {data.steps.length === 0 ? <p class="meta">Geen: elke afgelopen vergadering met een geannoteerde agenda heeft ook een verslag.</p> : (
          <ul class="failures">
            {data.steps.map((s) => (
              <li>
                <a href={s.href}>{s.body} {s.date ?? ''}</a>: geen {s.lacks}
                <div class="meta">
                  Wel: {s.has.map((d, i) => <>{i > 0 ? ', ' : ''}<a href={documentUrl(d.id)}>{d.title}</a></>)}.
                  {' '}Verslagen staan op <a href="https://www.rijksoverheid.nl/documenten" rel="nofollow noopener">rijksoverheid.nl</a> en in <a href="https://zoek.officielebekendmakingen.nl/" rel="nofollow noopener">officielebekendmakingen.nl</a>.
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section id="bestanden">
        <h2>Bestanden die niet opgehaald of gelezen konden worden ({data.files.length})</h2>
        {data.files.length === 0 ? <p class="meta">Geen.</p> : (
          <ul class="failures">
            {data.files.map((f) => (
              <li>
                <code>{f.label}</code>: {f.reason}
                <div><OfficialLink o={f.official} /></div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section id="gemeld">
        <h2>Gemeld door gebruikers ({data.reports.length})</h2>
        {data.reports.length === 0 ? <p class="meta">Nog niets gemeld.</p> : (
          <ul class="failures">
            {data.reports.map((r) => (
              <li>
                {r.what}
                {r.where ? <div class="meta">Te vinden: {r.where}</div> : null}
                <div class="meta">Gemeld op {formatDateTime(r.reportedAt)}</div>
              </li>
            ))}
          </ul>
        )}
        {csrf ? (
          <form method="post" action="/ontbrekend" class="watch-form">
            <input type="hidden" name="csrf" value={csrf} />
            <fieldset>
              <legend>Meld een ontbrekend document</legend>
              <div class="field">
                <label for="ontbrekend-wat">Welk document?</label>
                <input id="ontbrekend-wat" type="text" name="what" required minlength={3} maxlength={500} placeholder="Kamerstuk 21501-33 nr. 1113, of een titel" />
              </div>
              <div class="field">
                <label for="ontbrekend-waar">Waar is het te vinden? (optioneel)</label>
                <input id="ontbrekend-waar" type="text" name="where" maxlength={1000} placeholder="https://…" />
              </div>
              <button type="submit">Meld</button>
            </fieldset>
          </form>
        ) : (
          <p class="meta"><a href="/inloggen">Log in</a> om een ontbrekend document te melden.</p>
        )}
      </section>
    </Layout>
  );
}
