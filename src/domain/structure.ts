/**
 * The parsed form of one document: the contract in ../shared/contracts/parsed-document.md.
 * Plain data only, so every stage can depend on it.
 */

export const DOCUMENT_KINDS = [
  'kamerbrief',
  'verslag-schriftelijk-overleg',
  'raadsconclusies',
  'verslag-raad',
  'geannoteerde-agenda',
  'nota',
  'kamervragen',
  'antwoord-kamervragen',
  'motie',
  'amendement',
  'verslag',
  'besluitenlijst',
  'overig',
  // The record of a sitting: Handelingen, a VLOS report, a stenogram. Appended, not inserted
  // before 'overig': the search index stores a kind as its position here.
  'handelingen',
] as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export function isDocumentKind(value: string): value is DocumentKind {
  return (DOCUMENT_KINDS as readonly string[]).includes(value);
}

export interface Identifiers {
  kenmerken: string[];
  documentNumbers: string[];
  zaakNumbers: string[];
  councilDocs: string[];
}

export interface Signatory {
  name: string;
  role: string | null;
}

export interface Meeting {
  body: string;
  formal: boolean | null;
  startDate: string | null;
  endDate: string | null;
  location: string | null;
}

export interface Question {
  id: string;
  party: string | null;
  text: string;
  answerIds: string[];
}

export interface Answer {
  id: string;
  number: number | null;
  text: string;
  seeAlso: number[];
  /** Every number a combined heading answers ("Antwoord 4 en 5" → [4, 5]); only on such answers. */
  numbers?: number[];
  /** Ids of the answers referred to, also unnumbered ones ("meegenomen in de beantwoording van de vraag van de leden van de PVV-fractie"). */
  seeAlsoIds?: string[];
  /** How well the answer answers its question (see ANSWER_QUALITIES); set by the parser on every answer. */
  quality?: AnswerQuality;
  /** The phrase or observation that shows the quality ("zie het antwoord op vraag 8", "deelvraag niet behandeld: …"). */
  qualityReason?: string | null;
}

/** answered: it answers; referral: it points elsewhere; postponed: the answer is promised for later; partial: parts of a multi-part question go unaddressed; non-answer: no position and no fact. */
export const ANSWER_QUALITIES = ['answered', 'referral', 'postponed', 'partial', 'non-answer'] as const;
export type AnswerQuality = (typeof ANSWER_QUALITIES)[number];

export interface Commitment {
  text: string;
  actor: string | null;
  due: string | null;
  dueDate: string | null;
  /** What the promise is about, as words a person would search for (the sentence's subject, or what "hierover" refers to). */
  topic?: string | null;
}

export type Citation =
  | { kind: 'kamerstuk'; raw: string; dossier: string; number: string | null; year: string | null }
  | { kind: 'council-doc'; raw: string; id: string }
  | { kind: 'eu-act'; raw: string; type: string; id: string }
  | { kind: 'url'; raw: string; url: string };

export interface Footnote {
  number: number;
  text: string;
}

/** A Kamerstuk's own number (an added key of the contract): dossier `21501-33`, ondernummer `1120`, code `kst-21501-33-1120`. */
export interface KamerstukId {
  dossier: string;
  number: string;
  id: string;
}

export interface ParsedDocument {
  schemaVersion: 1;
  kind: DocumentKind;
  title: string | null;
  date: string | null;
  identifiers: Identifiers;
  /** Present only when the document is itself a Kamerstuk (a key added to the contract; absent otherwise). */
  kamerstuk?: KamerstukId;
  signatories: Signatory[];
  meetings: Meeting[];
  questions: Question[];
  answers: Answer[];
  commitments: Commitment[];
  citations: Citation[];
  footnotes: Footnote[];
}

/** An empty structure of the given kind: what is known before (or without) parsing. */
export function emptyStructure(kind: DocumentKind = 'overig'): ParsedDocument {
  return {
    schemaVersion: 1,
    kind,
    title: null,
    date: null,
    identifiers: { kenmerken: [], documentNumbers: [], zaakNumbers: [], councilDocs: [] },
    signatories: [],
    meetings: [],
    questions: [],
    answers: [],
    commitments: [],
    citations: [],
    footnotes: [],
  };
}

/**
 * Anchors on the document page, by position from 1: a question (`q3`), an answer (`a3`), a
 * commitment (`toezegging-2`). Search entries of questions and commitments link to them.
 */
export const questionAnchor = (ordinal: number) => `q${ordinal + 1}`;
export const answerAnchor = (ordinal: number) => `a${ordinal + 1}`;
export const commitmentAnchor = (ordinal: number) => `toezegging-${ordinal + 1}`;
