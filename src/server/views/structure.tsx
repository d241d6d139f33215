/**
 * Views of what the parser understood, across documents: commitments, parties' questions,
 * Council meeting threads; and the pieces the document page shares with them.
 */
import { citationLocation } from '../../service/references.js';
import { WatchBell, type BellProps } from './watch/bell.js';
import type { Child } from 'hono/jsx';
import { ANSWER_QUALITIES, type Answer, type AnswerQuality, type Citation, type Commitment } from '../../domain/index.js';
import { documentUrl } from '../../service/presenters.js';
import { answerAnchor, meetingUrl, partyUrl, questionAnchor, registerUrl } from '../../service/structure-presenters.js';
import { KEPT_STATES, PROMISE_SOURCES, type KeptState, type PromiseRow, type PromisesData } from '../../service/promises.js';
import {
  DEADLINE_STATUSES,
  MEETING_YEARS,
  type DeadlineStatus,
  type LinkedCitation,
  type MeetingData,
  type MeetingThread,
  type MeetingsData,
  type PartiesData,
  type PartyData,
  type QuestionRow,
} from '../../service/structure.js';
import { Layout, formatDate, kindLabel } from './layout.js';

export const STATUS_LABELS: Record<DeadlineStatus, string> = {
  overdue: 'verlopen',
  'this-month': 'deze maand',
  later: 'later',
  'no-date': 'geen datum',
};

/** Only web links are followed: a citation's URL is document text, not trusted markup. */
export function safeUrl(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Where a citation leads: the stored document it names, else a dossier search or the web page. */
export function citationHref(c: LinkedCitation): string | null {
  const target = c.targets[0];
  if (target) return documentUrl(target.id);
  if (c.citation.kind === 'url') return safeUrl(c.citation.url);
  // Not in the archive: the reference's own page (the Kamer's dossier, or what is known and the official source).
  return citationLocation(c.citation);
}

/** A span of text to mark up: a link (a citation) or a highlight (a commitment, with its deadline). */
export type TextMark = { kind: 'link'; needle: string; href: string; title: string } | { kind: 'commitment'; needle: string; title: string };

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Text with every occurrence of each mark's needle linked or highlighted; whitespace in a
 * needle matches any whitespace (line breaks differ between extraction and parsing).
 * The earliest and then longest occurrence wins; links inside a commitment are kept.
 */
export function Annotated({ text, marks }: { text: string; marks: TextMark[] }) {
  const hits: { start: number; end: number; mark: TextMark }[] = [];
  for (const mark of marks) {
    const needle = mark.needle.trim();
    if (needle.length < 3) continue;
    const re = new RegExp(escapeRe(needle).replace(/\s+/g, '\\s+'), 'g');
    for (const m of text.matchAll(re)) hits.push({ start: m.index, end: m.index + m[0].length, mark });
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: Child[] = [];
  let at = 0;
  for (const h of hits) {
    if (h.start < at) continue;
    if (h.start > at) parts.push(text.slice(at, h.start));
    const inner = text.slice(h.start, h.end);
    parts.push(
      h.mark.kind === 'link' ? (
        <a href={h.mark.href} title={h.mark.title}>
          {inner}
        </a>
      ) : (
        <mark class="commitment" title={h.mark.title}>
          <Annotated text={inner} marks={marks.filter((m) => m.kind === 'link')} />
        </mark>
      ),
    );
    at = h.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

/** `voor het zomerreces (uiterlijk 15 juli 2025)`. */
export function deadlineText(c: Pick<Commitment, 'due' | 'dueDate'>): string {
  if (c.due && c.dueDate) return `${c.due} (uiterlijk ${formatDate(c.dueDate)})`;
  if (c.dueDate) return `uiterlijk ${formatDate(c.dueDate)}`;
  return c.due ?? 'geen termijn genoemd';
}

/** Marks for a document's resolvable citations and its commitments. */
export function textMarks(citations: LinkedCitation[], commitments: Commitment[]): TextMark[] {
  const marks: TextMark[] = [];
  for (const c of citations) {
    const href = citationHref(c);
    const target = c.targets[0];
    if (href) marks.push({ kind: 'link', needle: c.citation.raw, href, title: target ? target.title : citationLabel(c.citation) });
  }
  for (const c of commitments) marks.push({ kind: 'commitment', needle: c.text, title: `Toezegging · ${deadlineText(c)}` });
  return marks;
}

/** A short reading of a citation: `Kamerstuk 21501-33 nr. 1113`, `Raadsdocument 14435/17`. */
export function citationLabel(c: Citation): string {
  switch (c.kind) {
    case 'kamerstuk':
      return `Kamerstuk ${c.dossier}${c.number ? ` nr. ${c.number}` : ''}${c.year ? ` (${c.year})` : ''}`;
    case 'council-doc':
      return `Raadsdocument ${c.id}`;
    case 'eu-act':
      return `${c.type} ${c.id}`;
    case 'url':
      return c.url;
  }
}

const excerpt = (text: string, max = 180) => {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 30)).replace(/[\s.,;:]+$/, '')}…`;
};

/** Groups items by a key in order of first appearance. */
export function groupBy<T>(items: T[], key: (t: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return [...groups];
}

export const partyName = (p: string | null) => p ?? 'Zonder fractie';

interface QaProps {
  /** Position of the question in its document, from 0. */
  ordinal: number;
  text: string;
  answers: (Answer & { ordinal: number })[];
  /** Base of links into the question's document: '' on the document page itself. */
  base: string;
  marks?: TextMark[];
  /** The document page gives ids, so `#q3` and `#a3` land here. */
  anchored: boolean;
  /** Lists across documents name the asking party up front. */
  party?: string;
}

/** One question with its answers, collapsed to its first words. */
export function QuestionAndAnswers({ ordinal, text, answers, base, marks = [], anchored, party }: QaProps) {
  return (
    <details class="qa" id={anchored ? questionAnchor(ordinal) : undefined}>
      <summary>
        <span class="qno">Vraag {ordinal + 1}</span>
        {party ? <span class="badge">{party}</span> : null} {excerpt(text)}
      </summary>
      <div class="question">
        {party ? (
          <p class="asked-in">
            Gesteld door <a href={partyUrl(party)}>{party}</a>
          </p>
        ) : null}
        <p>
          <Annotated text={text} marks={marks} />
        </p>
        {anchored ? null : (
          <p class="see-also">
            <a href={`${base}#${questionAnchor(ordinal)}`}>In het document bekijken</a>
          </p>
        )}
      </div>
      {answers.length === 0 ? (
        <div class="answer">
          <p class="meta">Geen antwoord gevonden.</p>
        </div>
      ) : (
        answers.map((a) => <AnswerBlock answer={a} base={base} marks={marks} anchored={anchored} />)
      )}
    </details>
  );
}

/** How an answer was judged, in the words of the page. */
export const QUALITY_LABELS: Record<AnswerQuality, string> = {
  answered: 'beantwoord',
  referral: 'verwezen',
  postponed: 'uitgesteld',
  partial: 'deels beantwoord',
  'non-answer': 'niet beantwoord',
};

/** The quality of an answer as a badge; the reason is shown beside it (and as its title). */
function QualityBadge({ a }: { a: Answer }) {
  if (!a.quality) return null;
  return (
    <>
      <span class={`badge quality ${a.quality}`} title={a.qualityReason ?? undefined}>
        {QUALITY_LABELS[a.quality]}
      </span>
      {a.quality !== 'answered' && a.qualityReason ? <span class="quality-reason"> — {a.qualityReason}</span> : null}
    </>
  );
}

/** An answer; `seeAlso` numbers link to the answers with those printed numbers, `seeAlsoIds` to other (also unnumbered) answers. */
export function AnswerBlock({ answer: a, base, marks, anchored }: { answer: Answer & { ordinal: number }; base: string; marks: TextMark[]; anchored: boolean }) {
  const byId = (a.seeAlsoIds ?? []).filter((id) => /^a\d+$/.test(id));
  return (
    <div class="answer" id={anchored ? answerAnchor(a.ordinal) : undefined}>
      <h4 id={anchored && a.number !== null ? `antwoord-${a.number}` : undefined}>
        Antwoord{a.number !== null ? ` ${a.number}` : ''} <QualityBadge a={a} />
      </h4>
      <p>
        <Annotated text={a.text} marks={marks} />
      </p>
      {a.seeAlso.length || byId.length ? (
        <p class="see-also">
          Zie ook:{' '}
          {a.seeAlso.map((n, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a href={`${base}#antwoord-${n}`}>antwoord {n}</a>
            </>
          ))}
          {/* Unnumbered answers referred to ("de beantwoording van de vraag van de leden van de PVV-fractie"): their anchor is their id. */}
          {a.seeAlso.length ? null : byId.map((id, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a href={`${base}#${id}`}>het antwoord waarnaar verwezen wordt</a>
            </>
          ))}
        </p>
      ) : null}
    </div>
  );
}

/** Which source a promise comes from, in the page's words. */
export const SOURCE_LABELS: Record<PromiseRow['source'], string> = {
  document: 'uit document',
  register: 'Kamerregister',
  both: 'Kamerregister + uit document',
};

export const KEPT_LABELS: Record<KeptState, string> = {
  fulfilled: 'nagekomen',
  overdue: 'verlopen, niets gevonden',
  open: 'open',
};

/** What kept a promise: the letter, the rule's evidence and the letter's own sentence. */
export function KeptByLine({ p }: { p: PromiseRow }) {
  if (p.keptBy) {
    const k = p.keptBy;
    return (
      <div class="meta fulfilled-by">
        {k.via === 'kamerbrief' ? 'Nagekomen volgens de Kamer met' : 'Waarschijnlijk nagekomen met'} <a href={documentUrl(k.document.id)}>{k.document.title}</a> (
        {formatDate(k.document.date)}): {k.evidence}
        {k.sentence ? <q class="evidence">{k.sentence}</q> : null}
      </div>
    );
  }
  if (p.kept === 'fulfilled' && p.register) {
    return (
      <div class="meta fulfilled-by">
        Volgens het Kamerregister {p.register.status?.toLowerCase() ?? 'nagekomen'}
        {p.register.kamerbrief.length ? ` (brief ${p.register.kamerbrief.join(', ')}, niet in het archief)` : ''}
      </div>
    );
  }
  return null;
}

/** A promise from either source (or both, linked) with its deadline, whether it was kept, and where it was made. */
export function CommitmentItem({ c, showDocument }: { c: PromiseRow; showDocument: boolean }) {
  const r = c.register;
  return (
    <li class={`${c.status} ${c.kept}`} id={r?.nummer && c.source === 'register' ? `tz-${r.nummer}` : undefined}>
      <div class="meta source">
        <span class={`badge source ${c.source}`}>{SOURCE_LABELS[c.source]}</span>
        {r?.nummer ? <> {r.nummer}</> : null}
      </div>
      <div class="commitment-text">{c.text}</div>
      {c.source === 'both' && r ? (
        <div class="meta register-text">
          In het Kamerregister (<a href={registerUrl(r.id)}>{r.nummer ?? 'toezegging'}</a>, {r.status ?? 'status onbekend'}): {r.text}
          {c.link?.reasons.length ? <span class="link-reasons"> — gekoppeld: {c.link.reasons.join(', ')}</span> : null}
        </div>
      ) : null}
      {c.topic ? <div class="meta topic">Onderwerp: {c.topic}</div> : null}
      <KeptByLine p={c} />
      <div class="meta">
        <span class="deadline">{c.document ? deadlineText(c) : c.dueDate ? `uiterlijk ${formatDate(c.dueDate)}` : 'geen termijn genoemd'}</span>
        <span class={`badge ${c.kept === 'fulfilled' ? 'fulfilled' : c.status}`}>{c.kept === 'open' ? STATUS_LABELS[c.status] : KEPT_LABELS[c.kept]}</span> ·{' '}
        {c.actor ?? 'kabinet'}
        {r?.ministry && c.source === 'register' ? ` (${r.ministry})` : null}
        {showDocument && c.document ? (
          <>
            {' '}· <a href={documentUrl(c.document.id)}>{c.document.title}</a> ({formatDate(c.document.date)})
          </>
        ) : null}
        {showDocument && !c.document && r ? (
          <>
            {' '}· <a href={registerUrl(r.id)}>in het register{r.created ? ` sinds ${formatDate(r.created)}` : ''}</a>
          </>
        ) : null}
      </div>
    </li>
  );
}

function Pager({ page, pageCount, href }: { page: number; pageCount: number; href: (page: number) => string }) {
  if (pageCount <= 1) return null;
  return (
    <nav class="pager">
      {page > 1 ? <a href={href(page - 1)}>← vorige</a> : <span />}
      <span class="meta">
        pagina {page} van {pageCount}
      </span>
      {page < pageCount ? <a href={href(page + 1)}>volgende →</a> : <span />}
    </nav>
  );
}

function commitmentsQuery(f: PromisesData['filters'], page = 1): string {
  const p = new URLSearchParams();
  if (f.actor) p.set('actor', f.actor);
  if (f.status) p.set('status', f.status);
  if (f.kept) p.set('nagekomen', f.kept);
  if (f.source) p.set('bron', f.source);
  if (f.q) p.set('q', f.q);
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** `/toezeggingen`: every commitment, filterable by actor, deadline status and text. */
export function CommitmentsPage({ data }: { data: PromisesData }) {
  const f = data.filters;
  const qs = commitmentsQuery(f, data.page);
  return (
    <Layout title="Toezeggingen" jsonHref={`/toezeggingen.json${qs}`}>
      <h1>Toezeggingen</h1>
      <p class="meta">
        Wat het kabinet heeft beloofd te doen of te sturen: gevonden in de documenten („uit document”) en zoals de Kamer ze zelf registreert
        („Kamerregister”); waar beide dezelfde belofte zijn, staan ze samen. Termijnen ten opzichte van {formatDate(data.today)}.
      </p>
      <form class="filters" action="/toezeggingen" method="get">
        <label>
          Wie
          <select name="actor">
            <option value="">iedereen</option>
            {data.actors.map((a) => {
              const value = a.actor ?? 'kabinet';
              return (
                <option value={value} selected={value.toLowerCase() === f.actor.toLowerCase()}>
                  {a.actor ?? 'kabinet (algemeen)'} ({a.count})
                </option>
              );
            })}
          </select>
        </label>
        <label>
          Termijn
          <select name="status">
            <option value="">alle</option>
            {DEADLINE_STATUSES.map((s) => (
              <option value={s} selected={s === f.status}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Nagekomen
          <select name="nagekomen">
            <option value="">alle</option>
            {KEPT_STATES.map((k) => (
              <option value={k} selected={k === f.kept}>
                {KEPT_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Bron
          <select name="bron">
            <option value="">beide</option>
            {PROMISE_SOURCES.map((k) => (
              <option value={k} selected={k === f.source}>
                {k === 'document' ? 'uit document' : 'Kamerregister'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tekst bevat
          <input type="search" name="q" value={f.q} />
        </label>
        <button type="submit">Filter</button>
      </form>
      <ul class="status-tabs">
        {DEADLINE_STATUSES.map((s) => (
          <li>
            {s === f.status ? <strong>{STATUS_LABELS[s]}</strong> : <a href={`/toezeggingen${commitmentsQuery({ ...f, status: s })}`}>{STATUS_LABELS[s]}</a>}{' '}
            <span class="n">{data.statusCounts[s]}</span>
          </li>
        ))}
      </ul>
      <ul class="status-tabs kept-tabs">
        {KEPT_STATES.map((k) => (
          <li>
            {k === f.kept ? <strong>{KEPT_LABELS[k]}</strong> : <a href={`/toezeggingen${commitmentsQuery({ ...f, kept: k })}`}>{KEPT_LABELS[k]}</a>}{' '}
            <span class="n">{data.keptCounts[k]}</span>
          </li>
        ))}
      </ul>
      <p class="total">
        {data.total} {data.total === 1 ? 'toezegging' : 'toezeggingen'}
      </p>
      {data.promises.length ? (
        <ul class="commitments">
          {data.promises.map((c) => (
            <CommitmentItem c={c} showDocument />
          ))}
        </ul>
      ) : (
        <p>Geen toezeggingen gevonden met deze filters.</p>
      )}
      <Pager page={data.page} pageCount={data.pageCount} href={(p) => `/toezeggingen${commitmentsQuery(f, p)}`} />
    </Layout>
  );
}

/** `/partijen`: parties with how many questions they asked. */
export function PartiesPage({ data }: { data: PartiesData }) {
  return (
    <Layout title="Partijen" jsonHref="/partijen.json">
      <h1>Vragen per partij</h1>
      {data.parties.length === 0 ? (
        <p>Nog geen vragen van fracties gevonden in de documenten.</p>
      ) : (
        <table class="counts">
          <thead>
            <tr>
              <th>Fractie</th>
              <th class="num">Vragen</th>
              <th class="num">Documenten</th>
            </tr>
          </thead>
          <tbody>
            {data.parties.map((p) => (
              <tr>
                <td>
                  <a href={partyUrl(p.party)}>{p.party}</a>
                </td>
                <td class="num">{p.questions}</td>
                <td class="num">{p.documents}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

/** Questions listed under their documents, newest document first. */
function QuestionsByDocument({ questions, showParty }: { questions: QuestionRow[]; showParty: boolean }) {
  return (
    <>
      {groupBy(questions, (q) => q.document.id).map(([id, qs]) => {
        const d = qs[0]!.document;
        return (
          <section class="party-group">
            <h3>
              <a href={documentUrl(id)}>{d.title}</a>
            </h3>
            <div class="meta">
              <span class="kind">{kindLabel(d.kind)}</span> · {formatDate(d.date)}
            </div>
            {qs.map((q) => (
              <QuestionAndAnswers
                ordinal={q.ordinal}
                text={q.text}
                answers={q.answers}
                base={documentUrl(id)}
                anchored={false}
                {...(showParty && q.party ? { party: q.party } : {})}
              />
            ))}
          </section>
        );
      })}
    </>
  );
}

/** `/partijen/<party>`: every question the party asked, with the answers. */
export function PartyPage({ data, bell }: { data: PartyData; bell?: BellProps | undefined }) {
  const base = partyUrl(data.party);
  return (
    <Layout title={`Vragen van ${data.party}`} jsonHref={`${base}.json${data.page > 1 ? `?page=${data.page}` : ''}`}>
      <p class="meta">
        <a href="/partijen">← alle partijen</a>
      </p>
      <h1>Vragen van {data.party}</h1>
      {bell ? <WatchBell kind="party" value={data.party} label="Volg de vragen van deze partij" bell={bell} /> : null}
      <p class="total">
        {data.allQuestions} {data.allQuestions === 1 ? 'vraag' : 'vragen'}
        {qualitySummary(data.answerQualities) ? `: ${qualitySummary(data.answerQualities)}` : ''}
      </p>
      <nav class="filters quality-filter" aria-label="Filter op kwaliteit van het antwoord">
        {data.quality ? <a href={base}>alle</a> : <strong>alle</strong>}
        {ANSWER_QUALITIES.filter((q) => data.answerQualities[q] > 0).map((q) => (
          <>
            {' · '}
            {q === data.quality ? <strong>{QUALITY_LABELS[q]}</strong> : <a href={`${base}?kwaliteit=${q}`}>{QUALITY_LABELS[q]}</a>} ({data.answerQualities[q]})
          </>
        ))}
      </nav>
      {data.quality ? (
        <p class="meta">
          {data.total} {data.total === 1 ? 'vraag' : 'vragen'} met een antwoord dat {QUALITY_LABELS[data.quality]} is.
        </p>
      ) : null}
      <QuestionsByDocument questions={data.questions} showParty={false} />
      <Pager page={data.page} pageCount={data.pageCount} href={(p) => `${base}?${data.quality ? `kwaliteit=${data.quality}&` : ''}page=${p}`} />
    </Layout>
  );
}

/** "4 beantwoord, 2 verwezen, 1 uitgesteld": the qualities that occur, in a fixed order. */
export function qualitySummary(counts: Record<AnswerQuality, number>): string {
  return ANSWER_QUALITIES.filter((q) => counts[q] > 0)
    .map((q) => `${counts[q]} ${QUALITY_LABELS[q]}`)
    .join(', ');
}

/** `Telecomraad (informeel), 4–5 maart 2025, Warschau`. */
export function meetingTitle(m: Pick<MeetingThread, 'body' | 'formal' | 'startDate' | 'endDate' | 'location'>): string {
  const when = m.startDate
    ? m.endDate && m.endDate !== m.startDate
      ? `${formatDate(m.startDate)} – ${formatDate(m.endDate)}`
      : formatDate(m.startDate)
    : 'datum onbekend';
  return `${m.body}${m.formal === false ? ' (informeel)' : ''}, ${when}${m.location ? `, ${m.location}` : ''}`;
}

function meetingsQuery(f: MeetingsData['filters'], page = 1): string {
  const p = new URLSearchParams();
  if (f.q) p.set('raad', f.q);
  if (f.year !== null) p.set('jaar', String(f.year));
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** `/raad`: the Council meetings in the archive, a page at a time, each with the start of its paper trail. */
export function MeetingsPage({ data }: { data: MeetingsData }) {
  const f = data.filters;
  const filtered = f.q !== '' || f.year !== null;
  return (
    <Layout title="EU-Raadsvergaderingen" jsonHref={`/raad.json${meetingsQuery(f, data.page)}`}>
      <h1>EU-Raadsvergaderingen</h1>
      <p class="meta">Per vergadering alle stukken op volgorde: geannoteerde agenda → verslag schriftelijk overleg → verslag → Raadsconclusies.</p>
      <form class="filters" action="/raad" method="get">
        <label>
          Raad
          <input type="search" name="raad" value={f.q} placeholder="bijv. telecom" />
        </label>
        <label>
          Jaar
          <input type="number" name="jaar" value={f.year === null ? '' : String(f.year)} min={String(MEETING_YEARS.min)} max={String(MEETING_YEARS.max)} inputmode="numeric" />
        </label>
        <button type="submit">Filter</button>
        {filtered ? <a href="/raad">alle vergaderingen</a> : null}
      </form>
      <p class="total">
        {data.total} {data.total === 1 ? 'Raadsvergadering' : 'Raadsvergaderingen'}
      </p>
      {data.meetings.length === 0 ? (
        <p>
          {data.total > 0
            ? `Pagina ${data.page} is voorbij het einde: er zijn ${data.pageCount} pagina's.`
            : filtered
              ? 'Geen Raadsvergaderingen gevonden met deze filters.'
              : 'Nog geen Raadsvergaderingen gevonden in de documenten.'}
        </p>
      ) : (
        <ol class="doclist">
          {data.meetings.map((m) => (
            <li>
              <a href={meetingUrl(m.key)}>{meetingTitle(m)}</a>
              <div class="meta">
                {m.documentCount} {m.documentCount === 1 ? 'document' : 'documenten'} · {m.questionCount} vragen · {m.commitmentCount} toezeggingen
              </div>
              <ol class="thread">
                {m.documents.map((d) => (
                  <li>
                    <span class="kind">{kindLabel(d.kind)}</span> · <a href={documentUrl(d.id)}>{d.title}</a>
                  </li>
                ))}
              </ol>
              {m.documentCount > m.documents.length ? (
                <p class="meta">
                  <a href={meetingUrl(m.key)}>en nog {m.documentCount - m.documents.length} {m.documentCount - m.documents.length === 1 ? 'stuk' : 'stukken'} →</a>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <Pager page={data.page} pageCount={data.pageCount} href={(p) => `/raad${meetingsQuery(f, p)}`} />
    </Layout>
  );
}

/** `/raad/<key>`: one meeting's documents in order, the questions asked and the commitments made. */
export function MeetingPage({ data, bell }: { data: MeetingData; bell?: BellProps | undefined }) {
  const m = data.meeting;
  return (
    <Layout title={meetingTitle(m)} jsonHref={`${meetingUrl(m.key)}.json`}>
      <p class="meta">
        <a href="/raad">← alle Raadsvergaderingen</a>
      </p>
      <h1>{meetingTitle(m)}</h1>
      {bell ? <WatchBell kind="meeting" value={data.meeting.key} label="Volg deze Raadsvergadering" bell={bell} /> : null}
      <h2>Stukken</h2>
      <ol class="thread">
        {m.documents.map((d) => (
          <li>
            <span class="kind">{kindLabel(d.kind)}</span> · <a href={documentUrl(d.id)}>{d.title}</a> <span class="meta">({formatDate(d.date)})</span>
          </li>
        ))}
      </ol>
      <h2 id="vragen">Vragen ({data.questions.length})</h2>
      {data.questions.length === 0 ? <p>Geen vragen gevonden in deze stukken.</p> : <QuestionsByDocument questions={data.questions} showParty />}
      <h2 id="toezeggingen">Toezeggingen ({data.commitments.length})</h2>
      {data.commitments.length === 0 ? (
        <p>Geen toezeggingen gevonden in deze stukken.</p>
      ) : (
        <ul class="commitments">
          {data.commitments.map((c) => (
            <CommitmentItem c={c} showDocument />
          ))}
        </ul>
      )}
    </Layout>
  );
}
