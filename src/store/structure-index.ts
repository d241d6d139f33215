/**
 * The StructureIndex: what the parser understood of each document's current version
 * (questions, answers, commitments, meetings, citations), kept as queryable rows so that
 * pages across documents (commitments, parties, Council meetings, cited-by) are cheap.
 * Written by ingest in the same transaction as the document; read by the service layer.
 */
import type { Answer, AnswerQuality, Citation, DocumentKind, Meeting, ParsedDocument } from '../domain/index.js';
import { foldName, parsePersonName } from '../domain/person-name.js';

export interface StructureMeta {
  title: string;
  kind: DocumentKind;
  date: string | null;
}

/** One document's structure for `putMany`. */
export interface StructurePut {
  docId: string;
  meta: StructureMeta;
  structure: ParsedDocument;
}

export interface StructureWriter {
  /** Replaces everything indexed for `docId` with `structure` (its current version). */
  put(docId: string, meta: StructureMeta, structure: ParsedDocument): Promise<void>;
  /**
   * `put` of each item in order, as one write (all or nothing): what stays is what the puts one
   * after the other leave (a document twice: its last). A bulk import writes a batch with it.
   */
  putMany(items: readonly StructurePut[]): Promise<void>;
  remove(docId: string): Promise<void>;
}

/** A document as the structure pages list it. */
export interface DocRef {
  id: string;
  title: string;
  kind: DocumentKind;
  date: string | null;
}

/** Where a commitment's deadline stands relative to a given day. */
export const DEADLINE_STATUSES = ['overdue', 'this-month', 'later', 'no-date'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

export interface CommitmentQuery {
  /** `YYYY-MM-DD`: the day deadline statuses are computed against (passed in: no clock here). */
  today: string;
  /** Case-insensitive exact actor; `kabinet` also matches commitments without an actor. */
  actor?: string;
  status?: DeadlineStatus;
  /** Words the commitment text must contain (case- and accent-insensitive substring). */
  q?: string;
  /** Only commitments made in these documents. */
  docIds?: string[];
  offset?: number;
  limit?: number;
}

export interface CommitmentRow {
  /** Position among the document's commitments, from 0. */
  ordinal: number;
  text: string;
  actor: string | null;
  due: string | null;
  dueDate: string | null;
  /** What the promise is about (search words), or null. */
  topic: string | null;
  status: DeadlineStatus;
  document: DocRef;
}

export interface QuestionQuery {
  /** Case-insensitive party short name. */
  party?: string;
  /** Only questions with an answer of this quality. */
  quality?: AnswerQuality;
  docIds?: string[];
  offset?: number;
  limit?: number;
}

export interface QuestionRow {
  /** The parser's id of the question, unique within its document. */
  id: string;
  /** Position among the document's questions, from 0. */
  ordinal: number;
  party: string | null;
  text: string;
  /** The answers it received, in `answerIds` order. */
  answers: (Answer & { ordinal: number })[];
  document: DocRef;
}

export interface Page<T> {
  total: number;
  items: T[];
}

export interface PartyCount {
  party: string;
  questions: number;
  documents: number;
}

export interface ActorCount {
  /** Null: the cabinet in general. */
  actor: string | null;
  count: number;
}

/** The order of a Council meeting's paper trail; other kinds follow, by date. */
export const MEETING_STAGES: readonly DocumentKind[] = ['geannoteerde-agenda', 'verslag-schriftelijk-overleg', 'verslag-raad', 'raadsconclusies'];

export interface MeetingThread {
  /** `telecomraad-2025-03-04`: body and first day, stable across documents. */
  key: string;
  body: string;
  formal: boolean | null;
  startDate: string | null;
  endDate: string | null;
  location: string | null;
  /** In stage order (agenda → schriftelijk overleg → verslag → conclusies), then by date. */
  documents: DocRef[];
  /** All the thread's documents; more than `documents` holds when a listing shows only the first few. */
  documentCount: number;
  questionCount: number;
  commitmentCount: number;
}

/** A page of Council meetings, most recent first. */
export interface MeetingQuery {
  /** Words the meeting's key must contain (`telecom`, `algemene zaken`): folded as the key is. */
  q?: string;
  /** Only meetings that start in this year. */
  year?: number;
  /**
   * Only threads that stopped after the annotated agenda: one of their documents is the
   * geannoteerde agenda, none the verslag of the Raad, and the meeting ended (its last end
   * date, else its last start date) before this day (`YYYY-MM-DD`). What `/ontbrekend` lists.
   */
  stalledBefore?: string;
  offset?: number;
  limit?: number;
  /** At most this many documents per thread (in stage order); `documentCount` keeps the whole count. */
  documentsPerThread?: number;
}

/** The words of a meeting filter as the key spells them (`Raad Algemene Zaken` → `raad`, `algemene`, `zaken`). */
export function meetingWords(q: string | undefined): string[] {
  return foldText(q ?? '').split(/[^a-z0-9]+/).filter(Boolean);
}

/** The `[from, to)` range of start dates of a year, as text (dates are `YYYY-MM-DD`). */
export function yearRange(year: number): [string, string] {
  return [String(year).padStart(4, '0'), String(year + 1).padStart(4, '0')];
}

/** A kind's place in a meeting's paper trail (MEETING_STAGES; any other kind after them). */
export function meetingStage(kind: string): number {
  const i = (MEETING_STAGES as readonly string[]).indexOf(kind);
  return i < 0 ? MEETING_STAGES.length : i;
}

/** Stages of a thread that tell whether it stalled (MeetingQuery.stalledBefore). */
export const AGENDA_STAGE = meetingStage('geannoteerde-agenda');
export const VERSLAG_STAGE = meetingStage('verslag-raad');

/**
 * The meetings whose thread has an agenda and no verslag and whose last date is before
 * `before` (a bound parameter in the backend's dialect): each meeting asked by its (meeting,
 * stage) keys (both backends index structure_meetings that way), and only those read whole
 * for their dates. Grouping every mention instead took 220 ms on SQLite at 600,000 documents
 * (240,000 mentions of 274 meetings); this, 10 (PostgreSQL's plan, 56 ms).
 */
export function stalledMeetingsSql(before: string): string {
  return `SELECT k.meeting_key FROM (SELECT DISTINCT meeting_key FROM structure_meetings) k
    WHERE EXISTS (SELECT 1 FROM structure_meetings a WHERE a.meeting_key = k.meeting_key AND a.doc_stage = ${AGENDA_STAGE})
      AND NOT EXISTS (SELECT 1 FROM structure_meetings v WHERE v.meeting_key = k.meeting_key AND v.doc_stage = ${VERSLAG_STAGE})
      AND (SELECT COALESCE(MAX(x.end_date), MAX(x.start_date)) FROM structure_meetings x WHERE x.meeting_key = k.meeting_key) < ${before}`;
}

/**
 * A key (or a document's keys) cited by more than one document in this many: its newest citers
 * are found by walking the documents by date rather than by sorting all of them.
 */
export const MANY_CITING = 50;

/** What a mention says of its meeting, as both backends read it. */
interface MeetingSaid {
  meeting_key: string;
  body: string;
  formal: boolean | null;
  start_date: string | null;
  end_date: string | null;
  location: string | null;
}

/** A row of the meeting-thread query, as both backends read it: a meeting's mention in a document, with that document's counts. */
export interface MeetingRow extends MeetingSaid {
  doc_id: string;
  title: string;
  kind: string;
  date: string | null;
  questions: number;
  commitments: number;
}

/**
 * Meeting rows, in the query's order (meeting, then the document's date and id), as threads:
 * a document counted once per meeting however often it names it; what any document says of the
 * meeting kept (one names the place, another the last day); documents in stage order.
 */
export function meetingThreads(rows: Iterable<MeetingRow>): MeetingThread[] {
  const threads = new Map<string, { thread: MeetingThread; seen: Set<string> }>();
  for (const r of rows) {
    let e = threads.get(r.meeting_key);
    if (!e) {
      e = {
        thread: {
          key: r.meeting_key, body: r.body, formal: r.formal, startDate: r.start_date,
          endDate: r.end_date, location: r.location, documents: [], documentCount: 0, questionCount: 0, commitmentCount: 0,
        },
        // A set, not a scan of the documents so far: a meeting of thousands of documents made the scan quadratic.
        seen: new Set(),
      };
      threads.set(r.meeting_key, e);
    }
    const t = e.thread;
    t.endDate ??= r.end_date;
    t.location ??= r.location;
    if (t.formal === null && r.formal !== null) t.formal = r.formal;
    if (e.seen.has(r.doc_id)) continue;
    e.seen.add(r.doc_id);
    t.documents.push({ id: r.doc_id, title: r.title, kind: r.kind as DocumentKind, date: r.date });
    t.questionCount += Number(r.questions);
    t.commitmentCount += Number(r.commitments);
  }
  const stage = meetingStage;
  const out: MeetingThread[] = [];
  for (const { thread } of threads.values()) {
    // Code-unit order, as the listing's SQL orders a thread's first documents (meetingList) on both backends.
    thread.documents.sort((a, b) => stage(a.kind) - stage(b.kind) || codeUnits(a.date ?? '', b.date ?? '') || codeUnits(a.id, b.id));
    thread.documentCount = thread.documents.length;
    out.push(thread);
  }
  return out;
}

const codeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A thread as a listing reads it: what its mentions say of the meeting, and its counts over distinct documents. */
export interface ThreadSummaryRow extends MeetingSaid {
  documents: number;
  questions: number;
  commitments: number;
}

/** One of the first documents of a thread in stage order. */
export interface ThreadDocRow {
  meeting_key: string;
  doc_id: string;
  title: string;
  kind: string;
  date: string | null;
}

/** A citing document's row with one of its spellings, as both backends read them. */
export interface CitingRow {
  doc_id: string;
  title: string;
  kind: string;
  date: string | null;
  raw: string;
}

/** Rows of (citing document, spelling), in order, as CitingDocuments: one per document, each spelling once. */
export function citingDocuments(rows: Iterable<CitingRow>): CitingDocument[] {
  const out: CitingDocument[] = [];
  for (const r of rows) {
    let last = out[out.length - 1];
    if (!last || last.document.id !== r.doc_id) out.push((last = { document: { id: r.doc_id, title: r.title, kind: r.kind as DocumentKind, date: r.date }, raws: [] }));
    if (!last.raws.includes(r.raw)) last.raws.push(r.raw);
  }
  return out;
}

/** The listing's threads, in the order of `summaries`, each with its first documents put in stage order. */
export function threadsFromSummaries(summaries: readonly ThreadSummaryRow[], docs: readonly ThreadDocRow[]): MeetingThread[] {
  const byKey = new Map<string, DocRef[]>();
  for (const d of docs) {
    let list = byKey.get(d.meeting_key);
    if (!list) byKey.set(d.meeting_key, (list = []));
    list.push({ id: d.doc_id, title: d.title, kind: d.kind as DocumentKind, date: d.date });
  }
  for (const list of byKey.values()) {
    list.sort((a, b) => meetingStage(a.kind) - meetingStage(b.kind) || codeUnits(a.date ?? '', b.date ?? '') || codeUnits(a.id, b.id));
  }
  return summaries.map((r) => ({
    key: r.meeting_key, body: r.body, formal: r.formal, startDate: r.start_date, endDate: r.end_date, location: r.location,
    documents: byKey.get(r.meeting_key) ?? [], documentCount: Number(r.documents), questionCount: Number(r.questions), commitmentCount: Number(r.commitments),
  }));
}

export interface ResolvedCitation {
  /** Position among the document's citations, from 0. */
  ordinal: number;
  citation: Citation;
  /** The normalised key it resolves by (`kamerstuk:21501-33/1113`, `council:14435/17`), or null. */
  key: string | null;
  /** Other documents in the store that carry that key. */
  targets: DocRef[];
}

export interface CitingDocument {
  document: DocRef;
  /** How the citing document wrote the reference(s). */
  raws: string[];
}

/**
 * Reading the structure rows. Async so PostgreSQL can implement it; every implementation
 * runs test/store/structure-conformance.ts.
 */
export interface StructureStore extends StructureWriter {
  commitments(query: CommitmentQuery): Promise<Page<CommitmentRow>>;
  commitmentActors(): Promise<ActorCount[]>;
  questions(query: QuestionQuery): Promise<Page<QuestionRow>>;
  /** How the answers to a party's questions were judged: count per quality. */
  answerQualities(party: string): Promise<Partial<Record<AnswerQuality, number>>>;
  /** Parties that asked questions, most questions first. */
  parties(): Promise<PartyCount[]>;
  /** Every Council meeting, most recent first. */
  meetings(): Promise<MeetingThread[]>;
  /**
   * A page of Council meetings, most recent first, with the total that match: a fixed number of
   * queries, reading only the page's threads (whose documents are cut to `documentsPerThread`).
   */
  meetingList(query: MeetingQuery): Promise<Page<MeetingThread>>;
  meeting(key: string): Promise<MeetingThread | null>;
  /** The document's citations in order, each with the stored documents it points at. */
  citations(docId: string): Promise<ResolvedCitation[]>;
  /**
   * Documents whose citations resolve to `docId`, newest first (date, then id); with `limit`,
   * the newest `limit` of them only. A document the whole archive cites (60,279 citers of one
   * synthetic Kamerstuk at 600,000 documents) is then read as fast as one cited twice.
   */
  citedBy(docId: string, limit?: number): Promise<CitingDocument[]>;
  /** How many documents `citedBy` has for `docId`, counted on an index. */
  citedByCount(docId: string): Promise<number>;
  /** The stored documents that carry a key (`kamerstuk:21501-33/1113`, `council:13943/17`, `docnr:…`), oldest first. */
  documentsWithKey(key: string): Promise<DocRef[]>;
  /** `documentsWithKey` for many keys at once (a fixed number of queries); keys no document carries are absent. */
  documentsWithKeys(keys: readonly string[]): Promise<Map<string, DocRef[]>>;
  /**
   * The stored documents that carry a key starting with `prefix` (`kamerstuk:21501-33/`: the
   * Kamerstukken of a dossier), with the key, in key order; at most `limit`.
   */
  documentsWithKeyPrefix(prefix: string, limit: number): Promise<{ key: string; document: DocRef }[]>;
  /** The documents whose citations resolve by `key`, newest first (also when no stored document carries it). */
  citingKey(key: string): Promise<DocRef[]>;
}

/** The status of a deadline on `today`: before today is overdue; within today's month is this month. */
export function deadlineStatus(dueDate: string | null, today: string): DeadlineStatus {
  if (!dueDate) return 'no-date';
  if (dueDate < today) return 'overdue';
  return dueDate <= monthEnd(today) ? 'this-month' : 'later';
}

/** `2025-02-10` → `2025-02-28`. */
export function monthEnd(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${day.slice(0, 7)}-${String(last).padStart(2, '0')}`;
}

const squash = (s: string) => s.replace(/\s+/g, '').toUpperCase();

/** `36 259` → `36259`, `21 501-33` → `21501-33`. */
export const normaliseDossier = (d: string) => squash(d);

/**
 * The key a citation resolves by, or null when it cannot name one document
 * (a whole dossier, an EU act, an ordinary web page).
 */
export function citationKey(c: Citation): string | null {
  switch (c.kind) {
    case 'kamerstuk':
      return c.number ? kamerstukKey(c.dossier, c.number) : null;
    case 'council-doc':
      return councilKey(c.id);
    case 'url': {
      // Tweede Kamer links name the document number (…?id=2025D08504).
      const m = /\b(\d{4}D\d{4,6})\b/i.exec(c.url);
      return m ? `docnr:${m[1]!.toUpperCase()}` : null;
    }
    case 'eu-act':
      return null;
  }
}

export const kamerstukKey = (dossier: string, number: string) => `kamerstuk:${normaliseDossier(dossier)}/${number.replace(/^0+(?=\d)/, '').trim()}`;

/** `14435/17 REV 1` → `council:14435/17`: revisions are the same document for a reader. */
export function councilKey(id: string): string | null {
  const m = /(\d{3,6})\s*\/\s*(\d{2})\b/.exec(id);
  return m ? `council:${m[1]}/${m[2]}` : null;
}

/**
 * A document's own keys: its numbers, its kamerstuk identity (the parser's `kamerstuk`, or the
 * title's), and the surnames of its signatories (`signer:kathmann`: what a person's page looks up).
 */
export function ownKeys(meta: StructureMeta, s: ParsedDocument): string[] {
  const keys = new Set<string>();
  if (s.kamerstuk) keys.add(kamerstukKey(s.kamerstuk.dossier, s.kamerstuk.number));
  for (const sig of s.signatories) {
    const n = parsePersonName(sig.name);
    if (n) keys.add(`signer:${foldName(n.achternaam)}`);
    if (n?.naVoornaam) keys.add(`signer:${foldName(n.naVoornaam)}`);
  }
  for (const n of s.identifiers.documentNumbers) keys.add(`docnr:${squash(n)}`);
  for (const n of s.identifiers.zaakNumbers) keys.add(`zaak:${squash(n)}`);
  for (const n of s.identifiers.councilDocs) {
    const k = councilKey(n);
    if (k) keys.add(k);
  }
  for (const title of new Set([meta.title, s.title])) {
    const k = title ? kamerstukInTitle(title) : null;
    if (k) keys.add(k);
  }
  return [...keys];
}

/**
 * `… (Kamerstuk 21501-33-1113)` or `Kamerstuk 21 501-33, nr. 1113` in a title: the
 * official publication's own identity (open-data titles carry it at the end).
 */
export function kamerstukInTitle(title: string): string | null {
  const m =
    /\bKamerstuk\s+(\d[\d ]*\d(?:-[\dA-Z]+)?)(?:,\s*nr\.\s*|-)(\d+)\)?\s*$/.exec(title.trim()) ??
    /\bKamerstuk\s+(\d[\d ]*\d(?:-[\dA-Z]+)?),\s*nr\.\s*(\d+)/.exec(title);
  return m ? kamerstukKey(m[1]!, m[2]!) : null;
}

/** `Telecomraad` + `2025-03-04` → `telecomraad-2025-03-04`; the same meeting in every document. */
export function meetingKey(m: Meeting): string {
  const body = m.body
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${body || 'raad'}-${m.startDate ?? 'zonder-datum'}`;
}

/** Lower case without diacritics: what text filters compare. */
export const foldText = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
