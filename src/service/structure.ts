/**
 * Use cases over what the parser understood, across documents: commitments, parties'
 * questions, Council meeting threads and citation links. One data function per page;
 * the HTML views and the JSON twins both render what these return.
 */
import type { PromiseStore } from '../store/promise-store.js';
import { promisesOfDocuments, type PromiseRow } from './promises.js';
import { ANSWER_QUALITIES, KamerlensError, type AnswerQuality, type Citation } from '../domain/index.js';
import {
  DEADLINE_STATUSES,
  citationKey,
  type ActorCount,
  type CitingDocument,
  type CommitmentRow,
  type DeadlineStatus,
  type MeetingThread,
  type PartyCount,
  type QuestionRow,
  type StructureStore,
} from '../store/structure-index.js';

/** What these use cases need: only the structure rows. */
export interface StructureServices {
  structure: StructureStore;
  /** What the promise pass concluded (kept, linked to the register); absent in bare test worlds. */
  promises?: PromiseStore | undefined;
}

export const STRUCTURE_PAGE_SIZE = 50;
/** Deep pages of these lists are not useful reading; filters narrow them instead. */
const MAX_PAGE = 200;

/** Today in the Netherlands, `YYYY-MM-DD`: deadlines are Dutch calendar days. */
export function todayInAmsterdam(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function checkPage(page: number): void {
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) {
    throw new KamerlensError('BAD_REQUEST', `"page" moet een heel getal van 1 tot en met ${MAX_PAGE} zijn`, { field: 'page' });
  }
}

function checkDay(day: string): void {
  if (!/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(day)) {
    throw new KamerlensError('BAD_REQUEST', '"today" moet een datum JJJJ-MM-DD zijn', { field: 'today' });
  }
}

export interface PartiesData {
  parties: PartyCount[];
}

/** Every party that asked questions, with counts. */
export async function listParties(s: StructureServices): Promise<PartiesData> {
  return { parties: await s.structure.parties() };
}

export interface PartyData {
  party: string;
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
  /** All the party's questions, whatever the quality filter. */
  allQuestions: number;
  /** How the answers to all its questions were judged: count per quality (every quality present, 0 when none). */
  answerQualities: Record<AnswerQuality, number>;
  /** The quality the list is narrowed to, or null. */
  quality: AnswerQuality | null;
  /** Newest documents first; each with its answers and document. */
  questions: QuestionRow[];
}

export { ANSWER_QUALITIES };

/** Every question one party asked, with the answers (optionally only those with an answer of one quality); NOT_FOUND when it asked none. */
export async function getParty(s: StructureServices, party: string, page = 1, quality: AnswerQuality | null = null): Promise<PartyData> {
  checkPage(page);
  const all = await s.structure.questions({ party, limit: 0 });
  if (all.total === 0) throw new KamerlensError('NOT_FOUND', `Geen vragen van een partij met de naam "${party}"`, { record: party });
  const r = quality
    ? await s.structure.questions({ party, quality, offset: (page - 1) * STRUCTURE_PAGE_SIZE, limit: STRUCTURE_PAGE_SIZE })
    : await s.structure.questions({ party, offset: (page - 1) * STRUCTURE_PAGE_SIZE, limit: STRUCTURE_PAGE_SIZE });
  const known = (await s.structure.parties()).find((p) => p.party.toLowerCase() === party.toLowerCase());
  const counts = await s.structure.answerQualities(party);
  const answerQualities = Object.fromEntries(ANSWER_QUALITIES.map((q) => [q, counts[q] ?? 0])) as Record<AnswerQuality, number>;
  return {
    party: known?.party ?? party,
    page,
    pageSize: STRUCTURE_PAGE_SIZE,
    pageCount: Math.ceil(r.total / STRUCTURE_PAGE_SIZE),
    total: r.total,
    allQuestions: all.total,
    answerQualities,
    quality,
    questions: r.items,
  };
}

/** How many of a thread's documents the meetings list shows; the thread's own page shows them all. */
export const THREAD_DOCUMENTS_SHOWN = 8;
/** The years a meeting filter accepts: the archive's Council papers fall well within them. */
export const MEETING_YEARS = { min: 1950, max: 2100 } as const;

export interface MeetingsInput {
  /** Words of the Council's name (`telecom`, `algemene zaken`); empty: every Council. */
  q: string;
  year: number | null;
  page: number;
}

export interface MeetingsData {
  filters: { q: string; year: number | null };
  page: number;
  pageSize: number;
  pageCount: number;
  /** Meetings matching the filters. */
  total: number;
  /** This page's meetings, each with at most THREAD_DOCUMENTS_SHOWN documents (`documentCount` has them all). */
  meetings: MeetingThread[];
}

function checkYear(year: number | null): void {
  if (year !== null && (!Number.isInteger(year) || year < MEETING_YEARS.min || year > MEETING_YEARS.max)) {
    throw new KamerlensError('BAD_REQUEST', `"jaar" moet een jaartal van ${MEETING_YEARS.min} tot en met ${MEETING_YEARS.max} zijn`, { field: 'jaar' });
  }
}

/** The Council meetings the documents are about, most recent first, a page at a time, filtered by Council and year. */
export async function listMeetings(s: StructureServices, input: MeetingsInput = { q: '', year: null, page: 1 }): Promise<MeetingsData> {
  checkPage(input.page);
  checkYear(input.year);
  const q = input.q.trim();
  const r = await s.structure.meetingList({
    ...(q ? { q } : {}),
    ...(input.year !== null ? { year: input.year } : {}),
    offset: (input.page - 1) * STRUCTURE_PAGE_SIZE,
    limit: STRUCTURE_PAGE_SIZE,
    documentsPerThread: THREAD_DOCUMENTS_SHOWN,
  });
  return {
    filters: { q, year: input.year },
    page: input.page,
    pageSize: STRUCTURE_PAGE_SIZE,
    pageCount: Math.ceil(r.total / STRUCTURE_PAGE_SIZE),
    total: r.total,
    meetings: r.items,
  };
}

export interface MeetingData {
  meeting: MeetingThread;
  today: string;
  /** Asked in the meeting's documents, in thread order. */
  questions: QuestionRow[];
  /** The promises made in the thread's documents, each with whether it was kept. */
  commitments: PromiseRow[];
}

/** One meeting's thread: its documents in order, the questions asked and the commitments made. */
export async function getMeeting(s: StructureServices, key: string, today: string): Promise<MeetingData> {
  checkDay(today);
  const meeting = await s.structure.meeting(key);
  if (!meeting) throw new KamerlensError('NOT_FOUND', `Geen Raadsvergadering "${key}" in het archief`, { record: key });
  const docIds = meeting.documents.map((d) => d.id);
  const [questions, commitments] = await Promise.all([s.structure.questions({ docIds }), promisesOfDocuments(s, docIds, today)]);
  const order = new Map(docIds.map((id, i) => [id, i]));
  const byThread = (a: { document: { id: string }; ordinal: number }, b: { document: { id: string }; ordinal: number }) =>
    (order.get(a.document.id) ?? 0) - (order.get(b.document.id) ?? 0) || a.ordinal - b.ordinal;
  return { meeting, today, questions: questions.items.sort(byThread), commitments };
}

export interface LinkedCitation {
  ordinal: number;
  citation: Citation;
  key: string | null;
  /** Stored documents it points at (empty when none is in the store). */
  targets: { id: string; title: string; kind: string; date: string | null }[];
}

export interface DocumentLinks {
  /** One per citation of the shown version, in order. */
  citations: LinkedCitation[];
  /** Documents citing this one: the newest CITED_BY_SHOWN. */
  citedBy: CitingDocument[];
  /** How many documents cite this one in all. */
  citedByTotal: number;
}

/** Citing documents a document's page lists, newest first (a core Kamerstuk may be cited by thousands). */
export const CITED_BY_SHOWN = 50;

/**
 * A document's citations with the stored documents they point at, and its backlinks.
 * The index holds the current version only: an older version's citations are listed unresolved.
 */
export async function getDocumentLinks(s: StructureServices, id: string, citations: Citation[], isCurrent: boolean): Promise<DocumentLinks> {
  const [indexed, citedBy, citedByTotal] = await Promise.all([
    isCurrent ? s.structure.citations(id) : Promise.resolve([]),
    s.structure.citedBy(id, CITED_BY_SHOWN),
    s.structure.citedByCount(id),
  ]);
  return {
    citations: citations.map((citation, ordinal) => {
      const row = indexed[ordinal];
      return { ordinal, citation, key: citationKey(citation), targets: row && row.citation.raw === citation.raw ? row.targets : [] };
    }),
    citedBy,
    citedByTotal,
  };
}

// The views render these store shapes; the server may import the service but not the store.
export { DEADLINE_STATUSES, meetingKey, type CommitmentRow, type DeadlineStatus, type MeetingThread, type QuestionRow } from '../store/structure-index.js';
