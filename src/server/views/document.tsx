/**
 * The document page: metadata, versions, the original file, what the parser understood,
 * and the clean text with page markers and the query's words highlighted.
 */
import type { Child } from 'hono/jsx';
import type { HighlightRange, PageSpan, ParsedDocument } from '../../domain/index.js';
import type { DocumentData } from '../../service/services.js';
import { documentUrl } from '../../service/presenters.js';
import { Highlighted, Layout, formatDate, kindLabel } from './layout.js';

interface Block {
  start: number;
  text: string;
  /** Pages that begin at or inside this block. */
  pageStarts: number[];
}

/** Paragraphs of the text with their offsets, and where each page begins. */
export function toBlocks(text: string, pages: PageSpan[] | null): Block[] {
  const blocks: Block[] = [];
  const re = /\n[ \t]*\n\s*/g;
  let at = 0;
  const push = (end: number) => {
    const raw = text.slice(at, end);
    if (raw.trim()) blocks.push({ start: at, text: raw, pageStarts: [] });
  };
  for (let m = re.exec(text); m; m = re.exec(text)) {
    push(m.index);
    at = m.index + m[0].length;
  }
  push(text.length);
  if (pages && pages.length > 1) {
    let b = 0;
    for (const p of pages) {
      while (b < blocks.length - 1 && blocks[b + 1]!.start <= p.start) b++;
      blocks[b]?.pageStarts.push(p.page);
    }
  }
  return blocks;
}

function Structure({ s }: { s: ParsedDocument }) {
  const rows: [string, Child][] = [];
  const ids = [...s.identifiers.documentNumbers, ...s.identifiers.zaakNumbers, ...s.identifiers.kenmerken, ...s.identifiers.councilDocs];
  if (ids.length) rows.push(['Kenmerken', ids.join(', ')]);
  if (s.signatories.length) rows.push(['Ondertekend door', s.signatories.map((x) => (x.role ? `${x.name} (${x.role})` : x.name)).join('; ')]);
  if (s.meetings.length) {
    rows.push(['Vergadering', s.meetings.map((m) => `${m.body}${m.formal === false ? ' (informeel)' : ''}, ${formatDate(m.startDate)}${m.location ? `, ${m.location}` : ''}`).join('; ')]);
  }
  if (s.questions.length) rows.push(['Vragen', `${s.questions.length} vragen, ${s.answers.length} antwoorden`]);
  if (s.commitments.length) rows.push(['Toezeggingen', String(s.commitments.length)]);
  if (s.citations.length) rows.push(['Verwijzingen', String(s.citations.length)]);
  if (rows.length === 0) return null;
  return (
    <dl class="structure">
      {rows.map(([k, v]) => (
        <>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </>
      ))}
    </dl>
  );
}

function TextBody({ text, pages, highlights }: { text: string; pages: PageSpan[] | null; highlights: HighlightRange[] }) {
  const blocks = toBlocks(text, pages);
  return (
    <div class="doctext">
      {blocks.map((b) => {
        const end = b.start + b.text.length;
        const ranges = highlights.filter(([s, e]) => e > b.start && s < end);
        return (
          <>
            {b.pageStarts.map((p) => (
              <div class="page-marker" id={`p${p}`}>
                <a href={`#p${p}`}>p. {p}</a>
              </div>
            ))}
            <p>
              <Highlighted text={b.text} ranges={ranges} offset={b.start} />
            </p>
          </>
        );
      })}
    </div>
  );
}

export function DocumentPage({ data }: { data: DocumentData }) {
  const { document: doc, version: v, versions, q, highlights } = data;
  const base = documentUrl(doc.id);
  const qs = q ? `?q=${encodeURIComponent(q)}` : '';
  const isOld = v.version !== doc.currentVersion;
  return (
    <Layout title={doc.title} q={q ?? ''} jsonHref={`${base}.json${isOld ? `?version=${v.version}` : ''}`}>
      <article class="document">
        <header>
          <div class="meta">
            <span class="kind">{kindLabel(v.structure.kind)}</span> · <time datetime={v.structure.date ?? undefined}>{formatDate(v.structure.date)}</time>
          </div>
          <h1>{v.structure.title ?? doc.title}</h1>
          {isOld ? (
            <p class="notice">
              U bekijkt versie {v.version}. <a href={`${base}${qs}`}>Naar de huidige versie ({doc.currentVersion})</a>
            </p>
          ) : null}
          {q ? (
            <p class="notice">
              {highlights.length} treffers voor <q>{q}</q> gemarkeerd. <a href={`/search?q=${encodeURIComponent(q)}`}>← terug naar de resultaten</a>
            </p>
          ) : null}
        </header>
        <div class="columns">
          <TextBody text={v.text} pages={v.pages} highlights={highlights} />
          <aside>
            <h2>Over dit document</h2>
            <Structure s={v.structure} />
            <dl class="structure">
              <dt>Bestand</dt>
              <dd>
                {v.fileName ?? 'bulkimport'} · {v.format.toUpperCase()}
                {v.hasOriginal ? (
                  <>
                    {' '}· <a href={`${base}/original?version=${v.version}`} download>origineel downloaden</a>
                  </>
                ) : null}
              </dd>
              {v.pages ? (
                <>
                  <dt>Pagina's</dt>
                  <dd>{v.pages.length}</dd>
                </>
              ) : null}
            </dl>
            {versions.length > 1 ? (
              <>
                <h3>Versies</h3>
                <ol class="versions" reversed>
                  {versions.map((x) => (
                    <li>
                      {x.version === v.version ? (
                        <strong>versie {x.version}</strong>
                      ) : (
                        <a href={`${base}?version=${x.version}${q ? `&q=${encodeURIComponent(q)}` : ''}`}>versie {x.version}</a>
                      )}{' '}
                      · {formatDate(x.importedAt.slice(0, 10))}
                      {x.current ? ' (huidig)' : ''}
                    </li>
                  ))}
                </ol>
              </>
            ) : null}
          </aside>
        </div>
      </article>
    </Layout>
  );
}
