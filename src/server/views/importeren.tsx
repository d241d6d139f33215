/** `/importeren`: upload files in the browser (a plain multipart form; works without JS). */
import type { UploadRow } from '../../service/upload.js';
import { Layout } from './layout.js';

export interface UploadPageProps {
  /** The CSRF token of the session; absent when not signed in (a request to sign in instead). */
  csrf?: string | undefined;
  /** Whether this server imports uploads at all. */
  available: boolean;
  maxMb: number;
  types: string[];
  rows?: UploadRow[] | undefined;
  error?: string | undefined;
}

export function UploadPage({ csrf, available, maxMb, types, rows, error }: UploadPageProps) {
  return (
    <Layout title="Bestanden importeren" jsonHref="/importeren.json">
      <h1>Bestanden importeren</h1>
      {error ? <p class="error" role="alert">{error}</p> : null}
      {rows && rows.length > 0 ? (
        <section id="resultaat">
          <h2>Resultaat</h2>
          <ul class="failures">
            {rows.map((r) => (
              <li class={r.status === 'failed' ? 'alarm' : undefined}>
                <code>{r.name}</code>: <strong>{r.statusText}</strong>
                {r.href ? <> — <a href={r.href}>bekijk het document{r.version !== null ? ` (versie ${r.version})` : ''}</a></> : null}
                {r.error ? <div>{r.error.message} <span class="meta">({r.error.code})</span></div> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {!available ? (
        <p>Importeren via de browser is op deze server niet ingeschakeld; gebruik <code>kamerlens import</code>.</p>
      ) : csrf ? (
        <form method="post" action="/importeren" enctype="multipart/form-data" class="watch-form" data-upload>
          <input type="hidden" name="csrf" value={csrf} />
          <fieldset>
            <legend>Kies een of meer bestanden</legend>
            <div class="field">
              <label for="importeren-bestanden">Bestanden</label>
              <input id="importeren-bestanden" type="file" name="bestanden" multiple required accept={types.join(',')} aria-describedby="importeren-uitleg" />
              <p class="hint" id="importeren-uitleg">
                Soorten: {types.join(', ')}. Samen hoogstens {maxMb} MB per keer. Dezelfde verwerking als <code>kamerlens import</code>:
                een bestand dat er al is, blijft ongewijzigd; een gewijzigd bestand met dezelfde naam wordt een nieuwe versie;
                hetzelfde document in een ander formaat (de PDF bij een DOCX) wordt een extra bestand van dat document.
              </p>
            </div>
            {/* Shown by /assets/importeren.js; without JavaScript the file field above does it all. */}
            <div class="dropzone" data-drop hidden>
              Of sleep bestanden hierheen
            </div>
            <button type="submit">Importeren</button>
            <progress max={100} value={0} hidden aria-label="Voortgang van de upload" />
            <span class="meta" data-status aria-live="polite" />
          </fieldset>
        </form>
      ) : (
        <p>
          <a href="/inloggen">Log in</a> om bestanden te importeren. Zonder account kun je het archief wel doorzoeken en lezen.
        </p>
      )}
      <script src="/assets/importeren.js" defer />
      <p class="meta">Grote mappen en bulkbestanden (ndjson) importeer je met <code>kamerlens import &lt;map&gt;</code>. Mislukte imports staan op <a href="/status#mislukt">de statuspagina</a>.</p>
    </Layout>
  );
}
