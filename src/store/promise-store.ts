/**
 * The PromiseStore: what the promise pass (ingest/promises.ts) concluded, so that pages read it
 * instead of working it out per view — which later document kept a commitment, the Kamer's
 * register as rows, and which register commitment is the same promise as one found in a
 * document. Also the one list of both sources that `/toezeggingen` pages through.
 */
import { deadlineStatus, type DeadlineStatus, type DocRef, type Page } from './structure-index.js';

/** A later document taken to keep a promise, and why. */
export interface KeptBy {
  document: DocRef;
  /** The rule's evidence in words (shared topic, same ministry, after the promise; or the register's letter). */
  evidence: string;
  /** The sentence of the later document that shows it, or null. */
  sentence: string | null;
  /** `search`: found by the pass among later documents; `kamerbrief`: the letter the register names. */
  via: 'search' | 'kamerbrief';
}

/** A commitment of the Kamer's register as the promise pass keeps it. */
export interface RegisterRow {
  id: string;
  nummer: string | null;
  text: string;
  /** `D.S. Beljaarts (minister van Economische Zaken)`. */
  actor: string | null;
  surname: string | null;
  role: string | null;
  ministry: string | null;
  /** The register's own status (`Openstaand`, `Voldaan`, …). */
  status: string | null;
  dueDate: string | null;
  created: string | null;
  activityId: string | null;
  /** `kamerbriefNakoming` values as the register gives them. */
  kamerbrief: string[];
}

export interface RegisterLink {
  docId: string;
  ordinal: number;
  score: number;
  reasons: string[];
}

/** Where a commitment stands: kept by a document, past its deadline with nothing found, or open. */
export const KEPT_STATES = ['fulfilled', 'overdue', 'open'] as const;
export type KeptState = (typeof KEPT_STATES)[number];

export const PROMISE_SOURCES = ['document', 'register'] as const;
export type PromiseSource = (typeof PROMISE_SOURCES)[number];

/** One promise of the combined list: found in a document, in the register, or both (linked). */
export interface PromiseRow {
  /** `document`, `register`, or `both` when the two are linked as one promise. */
  source: 'document' | 'register' | 'both';
  text: string;
  actor: string | null;
  due: string | null;
  dueDate: string | null;
  topic: string | null;
  status: DeadlineStatus;
  kept: KeptState;
  /** The document it was found in, with its position among that document's commitments. */
  document: DocRef | null;
  ordinal: number | null;
  register: RegisterRow | null;
  /** How sure the link of the two is and why (source `both`). */
  link: { score: number; reasons: string[] } | null;
  keptBy: KeptBy | null;
}

export interface PromiseQuery {
  today: string;
  actor?: string;
  status?: DeadlineStatus;
  kept?: KeptState;
  source?: PromiseSource;
  /** Words the text or topic must contain (folded substring). */
  q?: string;
  docIds?: string[];
  registerIds?: string[];
  offset?: number;
  limit?: number;
}

/** How many promises have one deadline status and kept state. */
export interface PromiseCount {
  status: DeadlineStatus;
  kept: KeptState;
  n: number;
}

/** A commitment with a deadline that no document keeps yet, as the pass reconsiders it. */
export interface OpenCommitment {
  docId: string;
  ordinal: number;
  text: string;
  actor: string | null;
  topic: string | null;
  dueDate: string | null;
  date: string | null;
}

export interface DocMeta extends DocRef {
  /** Folded roles (or names) of the signatories, ` | `-separated. */
  signers: string | null;
}

export interface PromiseStore {
  /** Documents whose structure changed since the last pass (written by the structure index's writes), taken at most `limit`. */
  dirtyDocuments(limit: number): Promise<string[]>;
  /** How many documents are marked (a long pass shows its progress against it). */
  dirtyCount(): Promise<number>;
  clearDirty(docIds: string[]): Promise<void>;
  /** Marks every document dirty (a full pass). */
  markAllDirty(): Promise<void>;
  /** Commitments of these documents (or all), with their document's date; only those with a deadline and a topic when `followed`. */
  commitmentsOf(docIds: string[] | null, followed: boolean): Promise<OpenCommitment[]>;
  /** Commitments with a deadline and a topic that no document keeps yet. */
  openCommitments(): Promise<OpenCommitment[]>;
  /** Title, kind, date and signers of stored documents. */
  docMeta(ids: string[]): Promise<Map<string, DocMeta>>;
  /** The latest date of a stored document of one of these kinds (its text as stored), or null when none is dated. */
  latestDate(kinds: readonly string[]): Promise<string | null>;
  /** Commitments made in documents dated within [from, to]. */
  commitmentsDated(from: string, to: string): Promise<OpenCommitment[]>;
  /** Replaces the fulfilment of each commitment given (null: none found). */
  setKept(rows: { docId: string; ordinal: number; keptBy: { docId: string; evidence: string; sentence: string | null; via: 'search' | 'kamerbrief' } | null }[]): Promise<void>;
  /**
   * Drops what was concluded about these documents' own commitments and about their keeping others; returns the
   * commitments that lost their keeper and the register entries that lost their link.
   */
  forgetDocuments(docIds: string[]): Promise<{ lost: { docId: string; ordinal: number }[]; unlinked: string[] }>;
  putRegister(rows: RegisterRow[]): Promise<void>;
  removeRegister(ids: string[]): Promise<void>;
  register(ids: string[]): Promise<RegisterRow[]>;
  /** Register rows not linked to a document commitment, created within [from, to] (or with no date when `from` is null). */
  unlinkedRegister(from: string, to: string): Promise<RegisterRow[]>;
  /** Register rows with a `kamerbriefNakoming` that resolves to no stored document yet. */
  unresolvedKamerbrief(): Promise<RegisterRow[]>;
  setRegisterLink(id: string, link: RegisterLink | null): Promise<void>;
  setRegisterKept(id: string, keptBy: { docId: string; evidence: string } | null): Promise<void>;
  /** The register commitment linked to each of these document commitments. */
  linksOf(docIds: string[]): Promise<{ docId: string; ordinal: number; registerId: string }[]>;
  /** The document commitments these documents were found to keep (by the pass or by the register's letter), with who promised. */
  keptBy(byDocIds: string[]): Promise<{ byDocId: string; docId: string; ordinal: number; text: string; actor: string | null; evidence: string }[]>;
  /**
   * The combined list of both sources, a linked pair as one row. `counted`: what counts() answered for
   * this query without its status, kept state and page (the page's total is read from it, not counted
   * again); given while it is still being read, the page's rows are read beside it where reads can overlap.
   */
  list(query: PromiseQuery, counted?: PromiseCount[] | Promise<PromiseCount[]>): Promise<Page<PromiseRow>>;
  /** How many match the other filters, per deadline status and kept state (one pass over the list). */
  counts(query: Omit<PromiseQuery, 'status' | 'kept' | 'offset' | 'limit'>): Promise<PromiseCount[]>;
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
}

// Rows as both implementations store them, and the one mapping of them to what the interface returns.

/** A `promise_register` row: `kamerbrief` and `link_reasons` are JSON text on every backend. */
export interface RegisterRecord {
  tz_id: string;
  nummer: string | null;
  text: string;
  actor: string | null;
  surname: string | null;
  role: string | null;
  ministry: string | null;
  status: string | null;
  due_date: string | null;
  created: string | null;
  activity_id: string | null;
  kamerbrief: string;
  link_score: number | null;
  link_reasons: string | null;
}

/** A register row as the interface gives it. */
export const registerFromRecord = (r: Omit<RegisterRecord, 'link_score' | 'link_reasons'>): RegisterRow => ({
  id: r.tz_id,
  nummer: r.nummer,
  text: r.text,
  actor: r.actor,
  surname: r.surname,
  role: r.role,
  ministry: r.ministry,
  status: r.status,
  dueDate: r.due_date,
  created: r.created,
  activityId: r.activity_id,
  kamerbrief: JSON.parse(r.kamerbrief) as string[],
});

/** One row of both sources as one relation (a document commitment with its linked register row, or an unlinked register row). */
export interface PromiseUnionRecord {
  src: 'document' | 'register';
  doc_id: string | null;
  ord: number | null;
  text: string;
  folded: string;
  actor: string | null;
  due: string | null;
  due_date: string | null;
  topic: string | null;
  made: string | null;
  tz_id: string | null;
  reg_folded: string | null;
  reg_status: string | null;
  kept_doc: string | null;
  kept_evidence: string | null;
  kept_sentence: string | null;
  kept_via: string | null;
}

/** The register's statuses that say the promise was kept. */
export const REGISTER_KEPT = /^(voldaan|nagekomen)$/i;
/** The register's statuses that are still to be done (`Openstaand`, `Deels voldaan`). */
export const REGISTER_OPEN = /openstaand|deels/i;

/**
 * A listed promise from its union row, its register row and the documents it names (`docs`):
 * the kept state as the listings' SQL computes it (a letter dated after `today` keeps nothing yet).
 */
export function promiseRowFrom(r: PromiseUnionRecord, reg: RegisterRecord | null, docs: Map<string, DocRef>, today: string): PromiseRow {
  const keptDoc = r.kept_doc ? docs.get(r.kept_doc) ?? null : null;
  const keptBy = keptDoc && keptDoc.date !== null && keptDoc.date <= today
    ? { document: keptDoc, evidence: r.kept_evidence ?? '', sentence: r.kept_sentence, via: (r.kept_via === 'kamerbrief' ? 'kamerbrief' : 'search') as 'search' | 'kamerbrief' }
    : null;
  const regKept = reg !== null && REGISTER_KEPT.test(reg.status ?? '');
  const regOpen = reg === null || reg.status === null || REGISTER_OPEN.test(reg.status);
  const dueDate = r.due_date ?? reg?.due_date ?? null;
  const kept = keptBy || regKept ? 'fulfilled' : dueDate !== null && dueDate < today && regOpen ? 'overdue' : 'open';
  return {
    source: r.src === 'register' ? 'register' : reg ? 'both' : 'document',
    text: r.text,
    actor: r.actor,
    due: r.due,
    dueDate,
    topic: r.topic,
    status: deadlineStatus(dueDate, today),
    kept,
    document: r.doc_id ? docs.get(r.doc_id) ?? null : null,
    ordinal: r.ord,
    register: reg ? registerFromRecord(reg) : null,
    link: reg && r.src === 'document' ? { score: reg.link_score ?? 0, reasons: reg.link_reasons ? (JSON.parse(reg.link_reasons) as string[]) : [] } : null,
    keptBy,
  };
}
