/**
 * parse: pure text → structure (the contract in ../shared/contracts/parsed-document.md).
 * No IO, no clock, no DB: the same text always gives the same structure.
 */
import type { DocumentKind, ParsedDocument } from '../domain/index.js';
import type { VlosReport } from '../domain/vlos.js';
import { debateFromParagraphs } from './handelingen-debate.js';
import { besluitenlijstCitations, besluitenlijstSignatories } from './besluitenlijst.js';
import { extractCitations } from './citations.js';
import { joinBrokenUrls, normalise, removePageFurniture, toParagraphs } from './cleanup.js';
import { extractCommitments } from './commitments.js';
import { documentDate } from './dates.js';
import { extractFootnotes, stripFootnoteMarkers } from './footnotes.js';
import { extractIdentifiers } from './identifiers.js';
import { normaliseDossier, ownKamerstuk } from './kamerstuk.js';
import { detectKind, detectTitle } from './kind.js';
import { extractMeetings } from './meetings.js';
import { withFastPaths } from './fastpath.js';
import { debateCommitments, handelingenCitations, handelingenTitle, isHandelingenHead, isSpeakerLine, sittingDate, sittingNumber } from './handelingen.js';
import { extractQa, isQaStructural, writtenQuestionsParty } from './qa.js';
import { separateQaHeadings } from './qa-lines.js';
import { assessAnswers } from './answer-quality.js';
import { answeredBy, extractSignatories, motionSigners } from './signatories.js';

export interface ParseHints {
  /** File name, used only as weak evidence for kind and date. */
  fileName?: string;
  /**
   * Whether a (lower-case) word is Dutch, from a lexicon: decides whether a word hyphenated
   * at a line end is rejoined ("Volks-"/"huisvesting") or keeps its hyphen. Without it,
   * spelling rules of thumb decide.
   */
  isWord?: (word: string) => boolean;
  /**
   * What the source declares (a bulk record's or the open data's kind and date). It beats what
   * the text would suggest where the rule is about whose voice the document is and when it was
   * written: a declared motion makes no promises, and "voor het einde van het jaar" is of the
   * declared year. Rules about how the text is laid out (a consultation's questions, a
   * motion's signers, a decision list's citations) follow the kind the text shows: a letter
   * declared a `nota` has no party questions to find. A declared `handelingen` is not taken:
   * only a text the parser recognises as a sitting's record is read with the debate rules. A
   * null date declares nothing.
   */
  declared?: { kind?: DocumentKind; date?: string | null };
}

/** Kinds whose text is not the government's voice: they make no commitments. */
const NO_COMMITMENTS: ReadonlySet<DocumentKind> = new Set(['raadsconclusies', 'motie', 'amendement', 'kamervragen', 'besluitenlijst']);
const HEAD_LINES = 250;

/** Internal switches; the output never depends on them. */
export interface ParseOptions {
  /**
   * Fast paths (default on): stages skip text that plainly holds nothing for them (no Q&A heading
   * word, no commitment cue, no meeting body, …). Off runs every rule on everything; the output is
   * the same, which test/parse/fastpath.test.ts checks.
   */
  fastPaths?: boolean;
}

/** Parses the plain text of one document into the structure of the contract. */
export function parseDocument(text: string, hints: ParseHints = {}, options: ParseOptions = {}): ParsedDocument {
  return withFastPaths(options.fastPaths ?? true, () => parse(text, hints));
}

/** The bewindspersoon a consultation's questions were put to: "… voorgelegd aan de Minister van Buitenlandse Zaken". */
function addresseeOf(head: string): string | null {
  if (!head.includes('voorgelegd')) return null;
  const m = /\bvoorgelegd\s+aan\s+de\s+((?:[Mm]inister|[Ss]taatssecretaris)\s+(?:van|voor)\s+\p{Lu}[\p{L}-]*(?:\s+(?:en\s+)?\p{Lu}[\p{L}-]*){0,4})/u.exec(head.replace(/\s+/g, ' '));
  if (!m) return null;
  const office = m[1] ?? '';
  return office.charAt(0).toUpperCase() + office.slice(1);
}

/** The text cleaned into paragraphs, as every stage reads it. */
function prepare(text: string, hints: ParseHints) {
  const raw = separateQaHeadings(normalise(text));
  const headLines = raw.slice(0, HEAD_LINES);
  const head = headLines.join('\n');
  // The record of a sitting: speakers' turns, not a letter; its own rules for title, date and voice.
  const handelingen = isHandelingenHead(headLines);
  const structural = handelingen ? (l: string) => isQaStructural(l) || isSpeakerLine(l) : isQaStructural;
  const furnitureFree = removePageFurniture(raw, structural);
  const { body, footnotes } = extractFootnotes(furnitureFree);
  const clean = joinBrokenUrls(stripFootnoteMarkers(body, footnotes.map((f) => f.number)));
  const paragraphs = toParagraphs(clean, structural, hints.isWord);
  return { raw, headLines, head, handelingen, footnotes, clean, paragraphs };
}

/**
 * Who said what in the record of a sitting (kind `handelingen`), as a report of the VLOS shape;
 * null when the text is no Handelingen or names no speaker.
 */
export function parseHandelingenDebate(text: string, hints: ParseHints = {}): VlosReport | null {
  const { raw, headLines, head, handelingen, paragraphs } = prepare(text, hints);
  if (!handelingen) return null;
  const nummer = sittingNumber(headLines);
  const titel = handelingenTitle(paragraphs, nummer) ?? detectTitle(raw);
  const datum = sittingDate(headLines) ?? documentDate(head, hints.fileName);
  return debateFromParagraphs(paragraphs, { titel, nummer, datum });
}

/** Paragraphs in which a document says which Council meeting it is about. */
const OPENING_PARAGRAPHS = 40;

function parse(text: string, hints: ParseHints): ParsedDocument {
  const { raw, headLines, head, handelingen, footnotes, clean, paragraphs } = prepare(text, hints);
  let title = detectTitle(raw);
  const date = (handelingen ? sittingDate(headLines) : null) ?? hints.declared?.date ?? documentDate(head, hints.fileName);
  const bodyText = paragraphs.map((p) => p.text).join('\n');

  if (handelingen) title = handelingenTitle(paragraphs, sittingNumber(headLines)) ?? title;
  // The kind the text shows decides how it is read; the declared kind, whose voice it is.
  const shown = handelingen ? 'handelingen' : detectKind(title, head, bodyText, hints.fileName);
  const declaredKind = hints.declared?.kind;
  const kind = !handelingen && declaredKind && declaredKind !== 'handelingen' ? declaredKind : shown;
  const identifiers = extractIdentifiers(raw, bodyText);
  // Who spoke in a sitting did not sign anything (the chair least of all).
  const signatories = handelingen
    ? []
    : shown === 'besluitenlijst'
      ? besluitenlijstSignatories(clean)
      : shown === 'motie' || shown === 'amendement'
        ? motionSigners(clean)
        : extractSignatories(clean);
  const answerer = shown === 'antwoord-kamervragen' ? answeredBy(head) : null;
  if (answerer && !signatories.some((s) => s.name === answerer.name)) signatories.push(answerer);
  // Most documents are no longer than their opening: then it is the body text, not a copy of it.
  const opening = paragraphs.length <= OPENING_PARAGRAPHS ? bodyText : paragraphs.slice(0, OPENING_PARAGRAPHS).map((p) => p.text).join('\n');
  const meetings = extractMeetings(title, opening, bodyText, date);

  const qa: ReturnType<typeof extractQa> = handelingen
    ? { questions: [], answers: [], questionParagraphs: new Set<number>(), answerParagraphs: new Map() }
    : extractQa(paragraphs, writtenQuestionsParty(head), shown === 'verslag-schriftelijk-overleg' || shown === 'nota', bodyText);
  assessAnswers(qa.questions, qa.answers);
  // The government's text, and for each paragraph of an answer the question it answers (a promise's topic may be the question's).
  const askedOf = new Map<string, string>();
  for (const q of qa.questions) for (const id of q.answerIds) if (!askedOf.has(id)) askedOf.set(id, q.text);
  const governmentText: string[] = [];
  const asked: (string | null)[] = [];
  paragraphs.forEach((p, i) => {
    if (p.heading || qa.questionParagraphs.has(i)) return;
    governmentText.push(p.text);
    const answer = qa.answerParagraphs.get(i);
    asked.push(answer ? (askedOf.get(answer.id) ?? null) : null);
  });
  const commitments = handelingen
    ? debateCommitments(paragraphs, date)
    : NO_COMMITMENTS.has(kind)
      ? []
      : extractCommitments(governmentText, { docDate: date, signatories, addressee: addresseeOf(head), asked });
  const letterhead = new Set<string>();
  for (const l of raw) {
    if (!l.includes('www.')) continue;
    const t = l.trim();
    if (/^www\.\S+$/.test(t)) letterhead.add(t);
  }
  const kamerstuk = ownKamerstuk(raw);
  // The document's own number is who it is, not what it cites.
  const cited = extractCitations(`${bodyText}\n${footnotes.map((f) => f.text).join('\n')}`, identifiers.councilDocs, letterhead);
  // Citations in the notation of the record itself, after those in the usual forms.
  const ownNotation = handelingen ? handelingenCitations(paragraphs) : shown === 'besluitenlijst' ? besluitenlijstCitations(clean) : [];
  if (ownNotation.length > 0) {
    const known = new Set(cited.flatMap((c) => (c.kind === 'kamerstuk' ? [`${c.dossier}:${c.number ?? ''}`] : [])));
    cited.push(...ownNotation.filter((c) => c.kind === 'kamerstuk' && !known.has(`${c.dossier}:${c.number ?? ''}`)));
  }
  const citations = cited.filter(
    (c) => !(kamerstuk && c.kind === 'kamerstuk' && normaliseDossier(c.dossier) === kamerstuk.dossier && c.number === kamerstuk.number),
  );

  return {
    schemaVersion: 1,
    kind,
    title,
    date,
    identifiers,
    ...(kamerstuk ? { kamerstuk } : {}),
    signatories,
    meetings,
    questions: qa.questions,
    answers: qa.answers,
    commitments,
    citations,
    footnotes,
  };
}
