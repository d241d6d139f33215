/**
 * The document page: metadata, versions, the original file, what the parser understood
 * (questions by party with their answers, commitments, citations, footnotes, backlinks),
 * and the clean text with page markers and the query's words highlighted.
 */
import type { Child } from 'hono/jsx';
import type { Answer, HighlightRange, PageSpan, ParsedDocument } from '../../domain/index.js';
import { debateTurns, type SpeakerTurn } from '../../domain/speakers.js';
import type { DocumentData } from '../../service/services.js';
import { documentFileUrl, fileSizeText, formatLabel } from '../../service/document-files.js';
import { documentUrl } from '../../service/presenters.js';
import { commitmentAnchor, meetingUrl, partyUrl, registerUrl } from '../../service/structure-presenters.js';
import type { PromiseRow } from '../../service/promises.js';
import { meetingKey, type DocumentLinks } from '../../service/structure.js';
import { Layout, formatDate, kindLabel } from './layout.js';
import { TkDocumentPanel } from './tk/document-panel.js';
import { Debat, VerslagPanel } from './tk/verslagen.js';
import { Linkified } from './tk/linkify.js';
import { ChangesSummary } from './changes.js';
import {
  AnswerBlock,
  Annotated,
  QuestionAndAnswers,
  citationHref,
  citationLabel,
  KEPT_LABELS,
  KeptByLine,
  deadlineText,
  groupBy,
  meetingTitle,
  partyName,
  textMarks,
  type TextMark,
} from './structure.js';

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
    rows.push([
      'Vergadering',
      s.meetings.map((m, i) => (
        <>
          {i > 0 ? '; ' : ''}
          <a href={meetingUrl(meetingKey(m))}>{meetingTitle(m)}</a>
        </>
      )),
    ]);
  }
  if (s.questions.length) rows.push(['Vragen', <a href="#vragen">{`${s.questions.length} vragen, ${s.answers.length} antwoorden`}</a>]);
  if (s.commitments.length) rows.push(['Toezeggingen', <a href="#toezeggingen">{String(s.commitments.length)}</a>]);
  if (s.citations.length) rows.push(['Verwijzingen', <a href="#verwijzingen">{String(s.citations.length)}</a>]);
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

/** Questions grouped by party (in order of first appearance), each with its answers. */
function QuestionsSection({ s, marks }: { s: ParsedDocument; marks: TextMark[] }) {
  if (s.questions.length === 0) return null;
  const answers = new Map<string, Answer & { ordinal: number }>(s.answers.map((a, ordinal) => [a.id, { ...a, ordinal }]));
  const asked = s.questions.map((q, ordinal) => ({ ...q, ordinal }));
  const answered = new Set(s.questions.flatMap((q) => q.answerIds));
  const orphans = [...answers.values()].filter((a) => !answered.has(a.id));
  return (
    <section id="vragen">
      <h2>Vragen en antwoorden</h2>
      {groupBy(asked, (q) => partyName(q.party)).map(([party, qs]) => (
        <section class="party-group" id={`partij-${party.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`}>
          <h3>
            {qs[0]!.party ? <a href={partyUrl(party)}>{party}</a> : party} <span class="n">{qs.length === 1 ? '1 vraag' : `${qs.length} vragen`}</span>
          </h3>
          {qs.map((q) => (
            <QuestionAndAnswers
              ordinal={q.ordinal}
              text={q.text}
              answers={q.answerIds.flatMap((id) => answers.get(id) ?? [])}
              base=""
              marks={marks}
              anchored
            />
          ))}
        </section>
      ))}
      {orphans.length ? (
        <section class="party-group">
          <h3>Antwoorden zonder vraag</h3>
          <details class="qa" open>
            <summary>{orphans.length} antwoorden</summary>
            {orphans.map((a) => (
              <AnswerBlock answer={a} base="" marks={marks} anchored />
            ))}
          </details>
        </section>
      ) : null}
    </section>
  );
}

function CommitmentsSection({ s, promises }: { s: ParsedDocument; promises: PromiseRow[] }) {
  if (s.commitments.length === 0) return null;
  // The current version's commitments as promises (kept or not, the Kamer's register entry); an older version's as parsed.
  const byOrdinal = new Map(promises.map((p) => [p.ordinal, p]));
  return (
    <section id="toezeggingen">
      <h2>Toezeggingen</h2>
      <ul class="commitments">
        {s.commitments.map((c, i) => {
          const p = byOrdinal.get(i);
          return (
            <li id={commitmentAnchor(i)}>
              <div class="commitment-text">{c.text}</div>
              {p?.source === 'both' && p.register ? (
                <div class="meta register-text">
                  Ook in het Kamerregister: <a href={registerUrl(p.register.id)}>{p.register.nummer ?? 'toezegging'}</a> ({p.register.status ?? 'status onbekend'}) — {p.register.text}
                </div>
              ) : null}
              {p ? <KeptByLine p={p} /> : null}
              <div class="meta">
                <span class="deadline">{deadlineText(c)}</span>
                {p && p.kept !== 'open' ? <span class={`badge ${p.kept === 'fulfilled' ? 'fulfilled' : 'overdue'}`}>{KEPT_LABELS[p.kept]}</span> : null} · {c.actor ?? 'kabinet'}
              </div>
            </li>
          );
        })}
      </ul>
      <p class="meta">
        <a href="/toezeggingen">Alle toezeggingen</a>
      </p>
    </section>
  );
}

/** Citations as links to the cited documents when they are in the store; backlinks below. */
function LinksSection({ links }: { links: DocumentLinks }) {
  if (links.citations.length === 0 && links.citedBy.length === 0) return null;
  return (
    <>
      {links.citations.length ? (
        <section id="verwijzingen">
          <h2>Verwijzingen</h2>
          <ol class="citations">
            {links.citations.map((c) => {
              const href = citationHref(c);
              const external = c.citation.kind === 'url';
              return (
                <li>
                  {href ? (
                    <a href={href} rel={external ? 'noopener nofollow external' : undefined}>
                      {c.citation.raw}
                    </a>
                  ) : (
                    c.citation.raw
                  )}
                  <span class="meta">
                    {' '}· {c.targets.length ? c.targets.map((t) => `${kindLabel(t.kind)}, ${formatDate(t.date)}`).join('; ') : citationLabel(c.citation)}
                    {c.targets.length === 0 && (c.citation.kind === 'kamerstuk' || c.citation.kind === 'council-doc') ? ' (niet in het archief)' : ''}
                  </span>
                </li>
              );
            })}
          </ol>
        </section>
      ) : null}
      {links.citedBy.length ? (
        <section id="geciteerd-door">
          <h2>Geciteerd door</h2>
          {links.citedByTotal > links.citedBy.length ? (
            <p class="meta">
              {links.citedByTotal.toLocaleString('nl-NL')} documenten citeren dit document; hier de {links.citedBy.length} nieuwste.
            </p>
          ) : null}
          <ul class="citations">
            {links.citedBy.map((c) => (
              <li>
                <a href={documentUrl(c.document.id)}>{c.document.title}</a>{' '}
                <span class="meta">
                  · {kindLabel(c.document.kind)}, {formatDate(c.document.date)} · als „{c.raws.join('”, „')}”
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function FootnotesSection({ s, marks }: { s: ParsedDocument; marks: TextMark[] }) {
  if (s.footnotes.length === 0) return null;
  return (
    <section class="footnotes" id="voetnoten">
      <h2>Voetnoten</h2>
      <ol>
        {s.footnotes.map((f) => (
          <li id={`fn${f.number}`} value={f.number}>
            <Annotated text={f.text} marks={marks.filter((m) => m.kind === 'link')} />
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * The text in blocks with page markers; in a record of a sitting each speaker's turn gets its
 * anchor (`#beurt-3`, as its search entry links), before the block its speaker line is in.
 */
function TextBody({ text, pages, highlights, turns }: { text: string; pages: PageSpan[] | null; highlights: HighlightRange[]; turns: SpeakerTurn[] }) {
  const blocks = toBlocks(text, pages);
  let next = 0;
  return (
    <div class="doctext">
      {blocks.map((b) => {
        const end = b.start + b.text.length;
        const ranges = highlights.filter(([s, e]) => e > b.start && s < end);
        const anchors: string[] = [];
        while (next < turns.length && turns[next]!.start < end) anchors.push(turns[next++]!.anchor);
        return (
          <>
            {anchors.map((a) => (
              <span class="turn-anchor" id={a} />
            ))}
            {b.pageStarts.map((p) => (
              <div class="page-marker" id={`p${p}`}>
                <a href={`#p${p}`}>p. {p}</a>
              </div>
            ))}
            <p>
              <Linkified text={b.text} ranges={ranges} offset={b.start} />
            </p>
          </>
        );
      })}
    </div>
  );
}

export function DocumentPage({ data }: { data: DocumentData }) {
  const { document: doc, version: v, versions, q, highlights, links } = data;
  const marks = textMarks(links.citations, v.structure.commitments);
  const base = documentUrl(doc.id);
  const qs = q ? `?q=${encodeURIComponent(q)}` : '';
  const isOld = v.version !== doc.currentVersion;
  // The files of the version shown; a version stored before files existed has its original only.
  const versionFiles = data.files.filter((f) => f.version === v.version);
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
          {data.changes && data.changes.sentences[0] ? (
            <p class="notice">
              Versie {data.changes.to.version}: {data.changes.sentences[0]} <a href="#wijzigingen">Wat veranderde er nog meer?</a>
            </p>
          ) : null}
          {q ? (
            <p class="notice">
              <a href="#tekst">{highlights.length} treffers</a> voor <q>{q}</q> gemarkeerd. <a href={`/search?q=${encodeURIComponent(q)}`}>← terug naar de resultaten</a>
            </p>
          ) : null}
        </header>
        <div class="columns">
          <div>
            <QuestionsSection s={v.structure} marks={marks} />
            <CommitmentsSection s={v.structure} promises={data.promises} />
            {data.debat ? (
              <section id="debat" class="debat">
                {/* The turns' look is the Kamer pages' (a stylesheet link is allowed in the body). */}
                <link rel="stylesheet" href="/assets/tk.css" />
                <h2>Wie zei wat</h2>
                <Debat r={data.debat} />
              </section>
            ) : null}
            <LinksSection links={links} />
            <FootnotesSection s={v.structure} marks={marks} />
            {data.debat || v.structure.questions.length || v.structure.commitments.length || links.citations.length || links.citedBy.length || v.structure.footnotes.length ? (
              <h2 id="tekst">Volledige tekst</h2>
            ) : (
              <span id="tekst" />
            )}
            {/* A Handelingen's turns carry anchors here: search results for a passage land on them. */}
            <TextBody text={v.text} pages={v.pages} highlights={highlights} turns={v.structure.kind === 'handelingen' ? debateTurns(v.text) : []} />
          </div>
          <aside>
            <h2>Over dit document</h2>
            <Structure s={v.structure} />
            <TkDocumentPanel data={data.tk} />
            <VerslagPanel data={data.verslag} />
            <dl class="structure">
              {versionFiles.length === 0 ? (
                <>
                  <dt>Bestand</dt>
                  <dd>
                    {v.fileName ?? 'bulkimport'} · {v.format.toUpperCase()}
                    {v.hasOriginal ? (
                      <>
                        {' '}· <a href={`${base}/original?version=${v.version}`} download>origineel downloaden</a>
                      </>
                    ) : null}
                  </dd>
                </>
              ) : (
                <>
                  <dt>{versionFiles.length === 1 ? 'Bestand' : `Bestanden (${versionFiles.length} formaten)`}</dt>
                  <dd>
                    <ul class="files">
                      {versionFiles.map((f) => (
                        <li>
                          <a href={documentFileUrl(doc.id, f.id)} download={f.fileName ?? undefined}>{formatLabel(f.format)}</a> · {fileSizeText(f.byteSize)}
                          {f.fileName ? <> · <span class="meta">{f.fileName}</span></> : null}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              )}
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
                      {x.version > 1 ? (
                        <>
                          {' '}· <a href={`${base}/wijzigingen?van=${x.version - 1}&naar=${x.version}`}>wat veranderde</a>
                        </>
                      ) : null}
                    </li>
                  ))}
                </ol>
                {data.changes ? <ChangesSummary data={data.changes} /> : null}
              </>
            ) : null}
          </aside>
        </div>
      </article>
    </Layout>
  );
}
