/** The document page's "In de Kamer" box: what the Kamer's open data says about this document. */
import type { TkDocumentPanel as PanelData } from '../../../service/tk.js';
import { formatDate } from '../layout.js';

const kb = (bytes: number | null) => (bytes === null ? '' : ` · ${Math.max(1, Math.round(bytes / 1024))} kB`);

/** Renders nothing for documents that did not come from the Kamer's open data. */
export function TkDocumentPanel({ data }: { data: PanelData | null }) {
  if (!data) return null;
  const d = data.document;
  return (
    <section class="tk-panel" id="kamer">
      <h3>In de Kamer</h3>
      {data.inOpenData ? null : <p class="meta">De open data van de Kamer heeft dit document (nog) niet; wel wat erbij hoort:</p>}
      <dl class="structure">
        {d.nummer ? (
          <>
            <dt>Documentnummer</dt>
            <dd>{d.nummer}</dd>
          </>
        ) : null}
        {d.soort ? (
          <>
            <dt>Soort</dt>
            <dd>{d.soort}</dd>
          </>
        ) : null}
        {data.dossier ? (
          <>
            <dt>Dossier</dt>
            <dd>
              <a href={`${data.dossier.url}${d.volgnummer !== null ? `#nr-${d.volgnummer}` : ''}`}>
                {data.dossier.key}
                {d.volgnummer !== null ? `, nr. ${d.volgnummer}` : ''}
              </a>
            </dd>
          </>
        ) : null}
        {data.zaken.length ? (
          <>
            <dt>Zaak</dt>
            <dd>
              {data.zaken.map((z, i) => (
                <>
                  {i ? ', ' : ''}
                  <a href={z.url}>{z.nummer ?? z.onderwerp}</a>
                </>
              ))}
            </dd>
          </>
        ) : null}
        {data.actoren.length ? (
          <>
            <dt>Betrokkenen</dt>
            <dd>
              {data.actoren.map((a, i) => (
                <>
                  {i ? '; ' : ''}
                  {a.url ? <a href={a.url}>{a.naam}</a> : a.naam}
                  {a.relatie ? ` (${a.relatie.toLowerCase()})` : ''}
                </>
              ))}
            </dd>
          </>
        ) : null}
        {data.ondertekenaars.length ? (
          <>
            <dt>Ondertekend door</dt>
            <dd>
              {data.ondertekenaars.map((p, i) => (
                <>
                  {i ? '; ' : ''}
                  <a href={p.url}>{p.naam}</a>
                  {p.fractie ? ` (${p.fractie})` : p.functie ? ` (${p.functie.toLowerCase()})` : ''}
                </>
              ))}
            </dd>
          </>
        ) : null}
        {data.activiteiten.length ? (
          <>
            <dt>Activiteiten</dt>
            <dd>
              {data.activiteiten.map((a, i) => (
                <>
                  {i ? '; ' : ''}
                  <a href={a.url}>{a.onderwerp ?? a.nummer}</a> ({a.datum ? formatDate(a.datum) : 'ongepland'})
                </>
              ))}
            </dd>
          </>
        ) : null}
        {data.versies.length ? (
          <>
            <dt>Versies</dt>
            <dd>
              {data.versies.map((v, i) => (
                <>
                  {i ? '; ' : ''}
                  {`versie ${v.versienummer ?? '?'}${v.extensie ? ` ${v.extensie}` : ''}${kb(v.bestandsgrootte)}${v.datum ? `, ${formatDate(v.datum)}` : ''}`}
                </>
              ))}
            </dd>
          </>
        ) : null}
        {data.bijlageBij ? (
          <>
            <dt>Bijlage bij</dt>
            <dd>
              {data.bijlageBij.documentUrl ? <a href={data.bijlageBij.documentUrl}>{data.bijlageBij.nummer}</a> : data.bijlageBij.nummer}{' '}
              {data.bijlageBij.onderwerp}
            </dd>
          </>
        ) : null}
        {data.bijlagen.length ? (
          <>
            <dt>Bijlagen</dt>
            <dd>
              {data.bijlagen.map((b, i) => (
                <>
                  {i ? '; ' : ''}
                  {b.documentUrl ? <a href={b.documentUrl}>{b.onderwerp ?? b.nummer}</a> : (b.onderwerp ?? b.nummer)}
                </>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
      {d.kamerUrl ? (
        <p class="meta">
          <a href={d.kamerUrl} rel="external noopener">
            Bekijk op tweedekamer.nl
          </a>
        </p>
      ) : null}
    </section>
  );
}
