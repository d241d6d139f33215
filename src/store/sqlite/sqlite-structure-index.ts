/**
 * The SQLite StructureStore: parsed questions, answers, commitments, meetings, citations and
 * each document's own keys as rows on the store's connection (namespace "structure").
 */
import { ANSWER_QUALITIES, type Answer, type AnswerQuality, type Citation, type DocumentKind, type ParsedDocument } from '../../domain/index.js';

const isAnswerQuality = (v: string): v is AnswerQuality => (ANSWER_QUALITIES as readonly string[]).includes(v);

import {
  meetingThreads,
  threadsFromSummaries,
  meetingStage,
  MANY_CITING,
  stalledMeetingsSql,
  citationKey,
  deadlineStatus,
  foldText,
  meetingKey,
  meetingWords,
  monthEnd,
  yearRange,
  ownKeys,
  citingDocuments,
  type ActorCount,
  type CitingDocument,
  type CommitmentQuery,
  type CommitmentRow,
  type DocRef,
  type MeetingQuery,
  type MeetingThread,
  type Page,
  type PartyCount,
  type QuestionQuery,
  type QuestionRow,
  type ResolvedCitation,
  type StructureMeta,
  type StructurePut,
  type StructureStore,
  type ThreadDocRow,
  type ThreadSummaryRow,
} from '../structure-index.js';
import { applyMigrations, type SqliteDb } from './connection.js';
import { atomic, writerOf } from './unit-of-work.js';
import { unpackText } from './codec.js';

/** Append only: a released migration is never edited. */
export const STRUCTURE_MIGRATIONS: string[] = [
  `
  CREATE TABLE structure_docs (
    doc_id TEXT PRIMARY KEY,
    title  TEXT NOT NULL,
    kind   TEXT NOT NULL,
    date   TEXT
  );
  CREATE TABLE structure_questions (
    doc_id     TEXT NOT NULL,
    ord        INTEGER NOT NULL,
    id         TEXT NOT NULL,
    party      TEXT COLLATE NOCASE,
    text       TEXT NOT NULL,
    answer_ids TEXT NOT NULL,
    PRIMARY KEY (doc_id, ord)
  );
  CREATE INDEX structure_questions_party ON structure_questions(party, doc_id);
  CREATE TABLE structure_answers (
    doc_id   TEXT NOT NULL,
    ord      INTEGER NOT NULL,
    id       TEXT NOT NULL,
    number   INTEGER,
    text     TEXT NOT NULL,
    see_also TEXT NOT NULL,
    PRIMARY KEY (doc_id, ord)
  );
  CREATE TABLE structure_commitments (
    doc_id   TEXT NOT NULL,
    ord      INTEGER NOT NULL,
    text     TEXT NOT NULL,
    folded   TEXT NOT NULL,
    actor    TEXT COLLATE NOCASE,
    due      TEXT,
    due_date TEXT,
    PRIMARY KEY (doc_id, ord)
  );
  CREATE INDEX structure_commitments_due ON structure_commitments(due_date);
  CREATE INDEX structure_commitments_actor ON structure_commitments(actor);
  CREATE TABLE structure_meetings (
    doc_id      TEXT NOT NULL,
    ord         INTEGER NOT NULL,
    meeting_key TEXT NOT NULL,
    body        TEXT NOT NULL,
    formal      INTEGER,
    start_date  TEXT,
    end_date    TEXT,
    location    TEXT,
    PRIMARY KEY (doc_id, ord)
  );
  CREATE INDEX structure_meetings_key ON structure_meetings(meeting_key);
  CREATE TABLE structure_citations (
    doc_id TEXT NOT NULL,
    ord    INTEGER NOT NULL,
    kind   TEXT NOT NULL,
    raw    TEXT NOT NULL,
    key    TEXT,
    data   TEXT NOT NULL,
    PRIMARY KEY (doc_id, ord)
  );
  CREATE INDEX structure_citations_key ON structure_citations(key);
  CREATE TABLE structure_keys (
    key    TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    PRIMARY KEY (key, doc_id)
  );
  CREATE INDEX structure_keys_doc ON structure_keys(doc_id);
  `,
  // Issue 12: each answer's quality (with its reason) and its references to unnumbered answers; each commitment's topic.
  // Rows written before stay NULL until the next reparse.
  `
  ALTER TABLE structure_answers ADD COLUMN quality TEXT;
  ALTER TABLE structure_answers ADD COLUMN quality_reason TEXT;
  ALTER TABLE structure_answers ADD COLUMN see_also_ids TEXT;
  ALTER TABLE structure_commitments ADD COLUMN topic TEXT;
  `,
  // Issue 12: what a later document needs to be recognised as keeping a promise: its folded title and signers.
  `
  ALTER TABLE structure_docs ADD COLUMN folded_title TEXT;
  ALTER TABLE structure_docs ADD COLUMN signers TEXT;
  CREATE INDEX structure_docs_date ON structure_docs(date);
  `,
  // Issue 15: /raad pages through the meetings, most recent first. Walking structure_meetings_start
  // in order (and counting over it alone) reads a page's keys without grouping every mention of every
  // meeting. A mention carries its document's stage in a paper trail, date and counts (written by the
  // same put as the document's row, so they cannot disagree): a thread's counts over its distinct
  // documents and its first documents in stage order are read in structure_meetings_docs' order, what
  // its mentions say of the meeting in structure_meetings_thread's, neither touching a table row.
  `
  ALTER TABLE structure_meetings ADD COLUMN doc_stage INTEGER NOT NULL DEFAULT 4;
  ALTER TABLE structure_meetings ADD COLUMN doc_date TEXT;
  ALTER TABLE structure_meetings ADD COLUMN questions INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE structure_meetings ADD COLUMN commitments INTEGER NOT NULL DEFAULT 0;
  UPDATE structure_meetings SET
    doc_stage = (SELECT CASE d.kind WHEN 'geannoteerde-agenda' THEN 0 WHEN 'verslag-schriftelijk-overleg' THEN 1 WHEN 'verslag-raad' THEN 2
                 WHEN 'raadsconclusies' THEN 3 ELSE 4 END FROM structure_docs d WHERE d.doc_id = structure_meetings.doc_id),
    doc_date = (SELECT d.date FROM structure_docs d WHERE d.doc_id = structure_meetings.doc_id),
    questions = (SELECT COUNT(*) FROM structure_questions q WHERE q.doc_id = structure_meetings.doc_id),
    commitments = (SELECT COUNT(*) FROM structure_commitments c WHERE c.doc_id = structure_meetings.doc_id);
  CREATE INDEX structure_meetings_start ON structure_meetings(start_date DESC, meeting_key);
  -- /toezeggingen: a commitment carries its document's date (same put) so that the list's order
  -- (deadline, then newest document) is an index's: a page is walked to, not sorted out of all of them.
  ALTER TABLE structure_commitments ADD COLUMN made TEXT;
  UPDATE structure_commitments SET made = (SELECT d.date FROM structure_docs d WHERE d.doc_id = structure_commitments.doc_id);
  DROP INDEX structure_commitments_due;
  CREATE INDEX structure_commitments_order ON structure_commitments(due_date, made DESC, doc_id, ord);
  CREATE INDEX structure_commitments_actor_order ON structure_commitments(actor, due_date, made DESC, doc_id, ord);
  CREATE INDEX structure_meetings_docs ON structure_meetings(meeting_key, doc_stage, doc_date, doc_id, questions, commitments);
  CREATE INDEX structure_meetings_thread ON structure_meetings(
    meeting_key, doc_date, doc_id, ord, body, formal, start_date, end_date, location);
  `,
  // /ontbrekend: the unresolved keys counted over their citing documents, their spellings and
  // their newest citers read from an index each, not from a table row per citation (at 600,000
  // documents a key can be cited by 39,000, and the page took ~9 s).
  `
  DROP INDEX structure_citations_key;
  CREATE INDEX structure_citations_key_doc ON structure_citations(key, doc_id);
  CREATE INDEX structure_citations_key_raw ON structure_citations(key, raw);
  `,
];

const TABLES = ['structure_questions', 'structure_answers', 'structure_commitments', 'structure_meetings', 'structure_citations', 'structure_keys', 'structure_docs'];

interface DocCols {
  doc_id: string;
  title: string;
  kind: string;
  date: string | null;
}

const toRef = (r: DocCols): DocRef => ({ id: r.doc_id, title: r.title, kind: r.kind as DocumentKind, date: r.date });

/** `?, ?, ?` for an IN list. */
const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** The statements of the write path, prepared once per connection: preparing them per document cost more than running them. */
function writeStatements(db: SqliteDb) {
  return {
    deletes: TABLES.map((t) => db.prepare(`DELETE FROM ${t} WHERE doc_id = ?`)),
    held: db.prepare<[string], number>('SELECT 1 FROM structure_docs WHERE doc_id = ?').pluck(),
    doc: db.prepare('INSERT INTO structure_docs (doc_id, title, kind, date, folded_title, signers) VALUES (?, ?, ?, ?, ?, ?)'),
    question: db.prepare('INSERT INTO structure_questions (doc_id, ord, id, party, text, answer_ids) VALUES (?, ?, ?, ?, ?, ?)'),
    answer: db.prepare(
      'INSERT INTO structure_answers (doc_id, ord, id, number, text, see_also, quality, quality_reason, see_also_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    commitment: db.prepare('INSERT INTO structure_commitments (doc_id, ord, text, folded, actor, due, due_date, topic, made) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    meeting: db.prepare(
      `INSERT INTO structure_meetings (doc_id, ord, meeting_key, body, formal, start_date, end_date, location, doc_stage, doc_date, questions, commitments)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    citation: db.prepare('INSERT INTO structure_citations (doc_id, ord, kind, raw, key, data) VALUES (?, ?, ?, ?, ?, ?)'),
    key: db.prepare('INSERT OR IGNORE INTO structure_keys (key, doc_id) VALUES (?, ?)'),
  };
}

export class SqliteStructureIndex implements StructureStore {
  private readonly stmt: ReturnType<typeof writeStatements>;
  /** write() in a transaction of its own, or as part of the caller's (unit-of-work.ts, `atomic`). */
  private readonly writeTx: (docId: string, meta: StructureMeta, s: ParsedDocument) => void;
  private readonly removeTx: (docId: string) => void;
  private readonly writeManyTx: (items: readonly StructurePut[]) => void;

  constructor(private readonly db: SqliteDb) {
    const fresh = !db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'structure_docs'").get();
    applyMigrations(db, 'structure', STRUCTURE_MIGRATIONS);
    this.stmt = writeStatements(db);
    this.writeTx = atomic(db, (docId: string, meta: StructureMeta, s: ParsedDocument) => this.write(docId, meta, s));
    this.removeTx = atomic(db, (docId: string) => this.deleteRows(docId));
    this.writeManyTx = atomic(db, (items: readonly StructurePut[]) => {
      for (const i of items) this.write(i.docId, i.meta, i.structure);
    });
    if (fresh) this.backfill();
  }

  /**
   * A database created before this index existed already holds parsed structures:
   * index them once, so upgrading does not need a reparse.
   */
  private backfill(): void {
    if (!this.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'versions'").get()) return;
    const rows = this.db
      .prepare(
        `SELECT d.id, d.title, d.kind, d.date, v.structure, v.codec FROM documents d
         JOIN versions v ON v.doc_id = d.id AND v.version = d.current_version ORDER BY d.seq`,
      )
      .all() as { id: string; title: string; kind: DocumentKind; date: string | null; structure: string | Buffer; codec: number }[];
    this.db.transaction(() => {
      for (const r of rows) this.write(r.id, { title: r.title, kind: r.kind, date: r.date }, JSON.parse(unpackText(r.structure, r.codec)!) as ParsedDocument);
    })();
  }

  async put(docId: string, meta: StructureMeta, s: ParsedDocument): Promise<void> {
    // Through the connection's writer: inside the caller's unit of work, or one of its own.
    await writerOf(this.db).run(async () => this.writeTx(docId, meta, s));
  }

  async putMany(items: readonly StructurePut[]): Promise<void> {
    // In-process statements cost no round trip: the puts one after the other, in one write.
    await writerOf(this.db).run(async () => this.writeManyTx(items));
  }

  private write(docId: string, meta: StructureMeta, s: ParsedDocument): void {
    const st = this.stmt;
    // Every write has a structure_docs row, so a document without one has no rows to replace: a
    // bulk import's new documents skip seven DELETEs each (one lookup instead, ~12 µs a document).
    if (st.held.get(docId) !== undefined) this.deleteRows(docId);
    const signers = s.signatories.map((x) => x.role ?? x.name).join(' | ');
    st.doc.run(docId, meta.title, meta.kind, meta.date, foldText(meta.title), signers ? foldText(signers) : null);
    s.questions.forEach((x, i) => st.question.run(docId, i, x.id, x.party, x.text, JSON.stringify(x.answerIds)));
    s.answers.forEach((x, i) =>
      st.answer.run(docId, i, x.id, x.number, x.text, JSON.stringify(x.seeAlso), x.quality ?? null, x.qualityReason ?? null, x.seeAlsoIds ? JSON.stringify(x.seeAlsoIds) : null),
    );
    // The topic is searched with the text: "/toezeggingen?q=NIS2" finds "volgt hierover een Kamerbrief" about NIS2.
    s.commitments.forEach((x, i) =>
      st.commitment.run(docId, i, x.text, foldText(x.topic ? `${x.text} ${x.topic}` : x.text), x.actor, x.due, x.dueDate, x.topic ?? null, meta.date),
    );
    s.meetings.forEach((x, i) =>
      st.meeting.run(
        docId, i, meetingKey(x), x.body, x.formal === null ? null : x.formal ? 1 : 0, x.startDate, x.endDate, x.location,
        meetingStage(meta.kind), meta.date, s.questions.length, s.commitments.length,
      ),
    );
    s.citations.forEach((x, i) => st.citation.run(docId, i, x.kind, x.raw, citationKey(x), JSON.stringify(x)));
    for (const key of ownKeys(meta, s)) st.key.run(key, docId);
  }

  async remove(docId: string): Promise<void> {
    await writerOf(this.db).run(async () => this.removeTx(docId));
  }

  private deleteRows(docId: string): void {
    for (const d of this.stmt.deletes) d.run(docId);
  }

  async commitments(query: CommitmentQuery): Promise<Page<CommitmentRow>> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (query.actor?.trim()) {
      const actor = query.actor.trim();
      where.push(actor.toLowerCase() === 'kabinet' ? "(c.actor IS NULL OR c.actor = 'kabinet' OR c.actor = 'het kabinet')" : 'c.actor = ?');
      if (actor.toLowerCase() !== 'kabinet') args.push(actor);
    }
    if (query.status) {
      const end = monthEnd(query.today);
      const cond = {
        overdue: ['c.due_date < ?', [query.today]],
        'this-month': ['c.due_date >= ? AND c.due_date <= ?', [query.today, end]],
        later: ['c.due_date > ?', [end]],
        'no-date': ['c.due_date IS NULL', []],
      } as const;
      const [sql, values] = cond[query.status];
      where.push(sql);
      args.push(...values);
    }
    for (const word of foldText(query.q ?? '').split(/\s+/).filter(Boolean)) {
      where.push('instr(c.folded, ?) > 0');
      args.push(word);
    }
    if (query.docIds) {
      where.push(`c.doc_id IN (${marks(query.docIds.length)})`);
      args.push(...query.docIds);
    }
    const from = `FROM structure_commitments c JOIN structure_docs d ON d.doc_id = c.doc_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const total = (this.db.prepare(`SELECT COUNT(*) AS n ${from}`).get(...args) as { n: number }).n;
    const rows = this.db
      .prepare(
        `SELECT c.ord, c.text, c.actor, c.due, c.due_date, c.topic, d.doc_id, d.title, d.kind, d.date ${from}
         ORDER BY c.due_date IS NULL, c.due_date, d.date DESC, d.doc_id, c.ord LIMIT ? OFFSET ?`,
      )
      .all(...args, query.limit ?? -1, query.offset ?? 0) as (DocCols & { ord: number; text: string; actor: string | null; due: string | null; due_date: string | null; topic: string | null })[];
    return {
      total,
      items: rows.map((r) => ({
        ordinal: r.ord,
        text: r.text,
        actor: r.actor,
        due: r.due,
        dueDate: r.due_date,
        topic: r.topic,
        status: deadlineStatus(r.due_date, query.today),
        document: toRef(r),
      })),
    };
  }

  async commitmentActors(): Promise<ActorCount[]> {
    // A group (NOCASE) is named after its earliest row: the first of structure_commitments_actor's entries for it, which end in the rowid.
    return this.db
      .prepare(
        `SELECT (SELECT c.actor FROM structure_commitments c INDEXED BY structure_commitments_actor WHERE c.actor = g.actor ORDER BY c.rowid LIMIT 1) AS actor, g.count AS count
         FROM (SELECT actor, COUNT(*) AS count FROM structure_commitments GROUP BY actor) g ORDER BY g.count DESC, g.actor`,
      )
      .all() as ActorCount[];
  }

  async questions(query: QuestionQuery): Promise<Page<QuestionRow>> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (query.party !== undefined) {
      where.push('q.party = ?');
      args.push(query.party);
    }
    if (query.docIds) {
      where.push(`q.doc_id IN (${marks(query.docIds.length)})`);
      args.push(...query.docIds);
    }
    if (query.quality) {
      where.push(
        'EXISTS (SELECT 1 FROM json_each(q.answer_ids) j JOIN structure_answers a ON a.doc_id = q.doc_id AND a.id = j.value WHERE a.quality = ?)',
      );
      args.push(query.quality);
    }
    const from = `FROM structure_questions q JOIN structure_docs d ON d.doc_id = q.doc_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const total = (this.db.prepare(`SELECT COUNT(*) AS n ${from}`).get(...args) as { n: number }).n;
    const rows = this.db
      .prepare(
        `SELECT q.ord, q.id, q.party, q.text, q.answer_ids, d.doc_id, d.title, d.kind, d.date ${from}
         ORDER BY d.date DESC, d.doc_id, q.ord LIMIT ? OFFSET ?`,
      )
      .all(...args, query.limit ?? -1, query.offset ?? 0) as (DocCols & { ord: number; id: string; party: string | null; text: string; answer_ids: string })[];
    const answers = this.answersOf([...new Set(rows.map((r) => r.doc_id))]);
    return {
      total,
      items: rows.map((r) => {
        const mine = answers.get(r.doc_id);
        const ids = JSON.parse(r.answer_ids) as string[];
        return {
          id: r.id,
          ordinal: r.ord,
          party: r.party,
          text: r.text,
          answers: ids.flatMap((id) => mine?.get(id) ?? []),
          document: toRef(r),
        };
      }),
    };
  }

  /** Answers of the documents, by document and answer id. */
  private answersOf(docIds: string[]): Map<string, Map<string, Answer & { ordinal: number }>> {
    const out = new Map<string, Map<string, Answer & { ordinal: number }>>();
    if (docIds.length === 0) return out;
    const rows = this.db
      .prepare(
        `SELECT doc_id, ord, id, number, text, see_also, quality, quality_reason, see_also_ids FROM structure_answers WHERE doc_id IN (${marks(docIds.length)})`,
      )
      .all(...docIds) as {
      doc_id: string;
      ord: number;
      id: string;
      number: number | null;
      text: string;
      see_also: string;
      quality: string | null;
      quality_reason: string | null;
      see_also_ids: string | null;
    }[];
    for (const r of rows) {
      let m = out.get(r.doc_id);
      if (!m) out.set(r.doc_id, (m = new Map()));
      const a: Answer & { ordinal: number } = { id: r.id, ordinal: r.ord, number: r.number, text: r.text, seeAlso: JSON.parse(r.see_also) as number[] };
      if (r.quality && isAnswerQuality(r.quality)) {
        a.quality = r.quality;
        a.qualityReason = r.quality_reason;
      }
      if (r.see_also_ids) a.seeAlsoIds = JSON.parse(r.see_also_ids) as string[];
      m.set(r.id, a);
    }
    return out;
  }

  async answerQualities(party: string): Promise<Partial<Record<AnswerQuality, number>>> {
    const rows = this.db
      .prepare(
        `SELECT a.quality AS quality, COUNT(*) AS n FROM structure_questions q, json_each(q.answer_ids) j
         JOIN structure_answers a ON a.doc_id = q.doc_id AND a.id = j.value
         WHERE q.party = ? AND a.quality IS NOT NULL GROUP BY a.quality`,
      )
      .all(party) as { quality: string; n: number }[];
    const out: Partial<Record<AnswerQuality, number>> = {};
    for (const r of rows) if (isAnswerQuality(r.quality)) out[r.quality] = r.n;
    return out;
  }

  async parties(): Promise<PartyCount[]> {
    // Grouped case-insensitively (the column's collation); the most common spelling names the group.
    return this.db
      .prepare(
        `SELECT (SELECT q2.party FROM structure_questions q2 WHERE q2.party = q.party GROUP BY q2.party COLLATE BINARY ORDER BY COUNT(*) DESC LIMIT 1) AS party,
                COUNT(*) AS questions, COUNT(DISTINCT doc_id) AS documents
         FROM structure_questions q WHERE party IS NOT NULL AND party <> ''
         GROUP BY q.party ORDER BY questions DESC, party`,
      )
      .all() as PartyCount[];
  }

  async meetings(): Promise<MeetingThread[]> {
    return this.threads(null);
  }

  async meeting(key: string): Promise<MeetingThread | null> {
    return this.threads(key)[0] ?? null;
  }

  async meetingList(query: MeetingQuery): Promise<Page<MeetingThread>> {
    const where: string[] = [];
    const args: unknown[] = [];
    for (const word of meetingWords(query.q)) {
      where.push('instr(meeting_key, ?) > 0');
      args.push(word);
    }
    if (query.year !== undefined) {
      where.push('start_date >= ? AND start_date < ?');
      args.push(...yearRange(query.year));
    }
    if (query.stalledBefore !== undefined) {
      where.push(`meeting_key IN (${stalledMeetingsSql('?')})`);
      args.push(query.stalledBefore);
    }
    // A meeting's key holds its start date, so (start date, key) is the meeting: grouped in the index's order.
    const keys = `SELECT start_date, meeting_key FROM structure_meetings ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY start_date, meeting_key`;
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM (${keys})`).get(...args) as { n: number }).n;
    if (query.limit === 0 || total === 0) return { total, items: [] };
    const page = (
      this.db.prepare(`${keys} ORDER BY start_date DESC, meeting_key LIMIT ? OFFSET ?`).all(...args, query.limit ?? -1, query.offset ?? 0) as { meeting_key: string }[]
    ).map((r) => r.meeting_key);
    if (page.length === 0) return { total, items: [] };
    const keysJson = JSON.stringify(page);
    // What the mentions say of each meeting (the first that says it, in document order), and the
    // counts over its distinct documents (a document naming the meeting twice has its mentions
    // side by side in structure_meetings_docs), per meeting from that index alone, as on
    // PostgreSQL: grouping all the page's mentions at once sorted every (meeting, document) pair
    // in a temporary b-tree, 58–67 against 38 ms for /raad's first page at 600,000 documents
    // (151,000 mentions of its 50 meetings).
    const first = (col: string) =>
      `(SELECT x.${col} FROM structure_meetings x WHERE x.meeting_key = k.value AND x.${col} IS NOT NULL ORDER BY x.doc_date, x.doc_id, x.ord LIMIT 1)`;
    const said = this.db
      .prepare(
        `SELECT k.value AS meeting_key, ${first('body')} AS body, ${first('formal')} AS formal, ${first('start_date')} AS start_date,
                ${first('end_date')} AS end_date, ${first('location')} AS location,
                (SELECT json_object('documents', COUNT(*), 'questions', COALESCE(SUM(q), 0), 'commitments', COALESCE(SUM(c), 0))
                   FROM (SELECT MAX(x.questions) AS q, MAX(x.commitments) AS c FROM structure_meetings x
                         WHERE x.meeting_key = k.value GROUP BY x.doc_stage, x.doc_date, x.doc_id)) AS counts
         FROM json_each(?) k ORDER BY k.key`,
      )
      .all(keysJson) as { meeting_key: string; body: string; formal: number | null; start_date: string | null; end_date: string | null; location: string | null; counts: string }[];
    const summaries: ThreadSummaryRow[] = said.map(({ counts, ...r }) => {
      const n = JSON.parse(counts) as { documents: number; questions: number; commitments: number };
      return { ...r, formal: r.formal === null ? null : r.formal === 1, documents: n.documents, questions: n.questions, commitments: n.commitments };
    });
    // Each thread's first documents in stage order, then by date and id (as meetingThreads orders a whole thread).
    const docs = this.db
      .prepare(
        `SELECT k.value AS meeting_key, s.doc_id, s.title, s.kind, s.date FROM json_each(?) k
         JOIN structure_docs s ON s.doc_id IN (
           SELECT x.doc_id FROM structure_meetings x WHERE x.meeting_key = k.value
           GROUP BY x.doc_stage, x.doc_date, x.doc_id ORDER BY x.doc_stage, x.doc_date, x.doc_id LIMIT ?)`,
      )
      .all(keysJson, query.documentsPerThread ?? -1) as ThreadDocRow[];
    return { total, items: threadsFromSummaries(summaries, docs) };
  }

  private threads(key: string | null): MeetingThread[] {
    const rows = this.db
      .prepare(
        `SELECT m.meeting_key, m.body, m.formal, m.start_date, m.end_date, m.location, d.doc_id, d.title, d.kind, d.date,
                (SELECT COUNT(*) FROM structure_questions q WHERE q.doc_id = d.doc_id) AS questions,
                (SELECT COUNT(*) FROM structure_commitments c WHERE c.doc_id = d.doc_id) AS commitments
         FROM structure_meetings m JOIN structure_docs d ON d.doc_id = m.doc_id
         ${key === null ? '' : 'WHERE m.meeting_key = ?'}
         ORDER BY m.start_date DESC, m.meeting_key, d.date, d.doc_id, m.ord`,
      )
      .all(...(key === null ? [] : [key])) as (DocCols & {
      meeting_key: string; body: string; formal: number | null; start_date: string | null; end_date: string | null; location: string | null;
      questions: number; commitments: number;
    })[];
    return meetingThreads(rows.map((r) => ({ ...r, formal: r.formal === null ? null : r.formal === 1 })));
  }

  async citations(docId: string): Promise<ResolvedCitation[]> {
    const rows = this.db
      .prepare(
        `SELECT c.ord, c.key, c.data, d.doc_id, d.title, d.kind, d.date
         FROM structure_citations c
         LEFT JOIN structure_keys k ON k.key = c.key AND k.doc_id <> c.doc_id
         LEFT JOIN structure_docs d ON d.doc_id = k.doc_id
         WHERE c.doc_id = ? ORDER BY c.ord, d.date, d.doc_id`,
      )
      .all(docId) as ({ ord: number; key: string | null; data: string } & { [K in keyof DocCols]: DocCols[K] | null })[];
    const out: ResolvedCitation[] = [];
    for (const r of rows) {
      let last = out[out.length - 1];
      if (!last || last.ordinal !== r.ord) {
        last = { ordinal: r.ord, citation: JSON.parse(r.data) as Citation, key: r.key, targets: [] };
        out.push(last);
      }
      if (r.doc_id !== null && r.title !== null && r.kind !== null) last.targets.push(toRef({ doc_id: r.doc_id, title: r.title, kind: r.kind, date: r.date }));
    }
    return out;
  }

  async documentsWithKey(key: string): Promise<DocRef[]> {
    const rows = this.db
      .prepare(
        `SELECT d.doc_id, d.title, d.kind, d.date FROM structure_keys k JOIN structure_docs d ON d.doc_id = k.doc_id
         WHERE k.key = ? ORDER BY d.date, d.doc_id`,
      )
      .all(key) as DocCols[];
    return rows.map(toRef);
  }

  async documentsWithKeys(keys: readonly string[]): Promise<Map<string, DocRef[]>> {
    // In-process statements cost no round trip: a lookup per key is the batch here.
    const out = new Map<string, DocRef[]>();
    for (const key of new Set(keys)) {
      const docs = await this.documentsWithKey(key);
      if (docs.length) out.set(key, docs);
    }
    return out;
  }

  async documentsWithKeyPrefix(prefix: string, limit: number): Promise<{ key: string; document: DocRef }[]> {
    // A range on the primary key (key, doc_id): a dossier's Kamerstukken without a scan.
    const rows = this.db
      .prepare(
        `SELECT k.key, d.doc_id, d.title, d.kind, d.date FROM structure_keys k JOIN structure_docs d ON d.doc_id = k.doc_id
         WHERE k.key >= ? AND k.key < ? ORDER BY k.key, d.doc_id LIMIT ?`,
      )
      .all(prefix, `${prefix}\uffff`, limit) as (DocCols & { key: string })[];
    return rows.map((r) => ({ key: r.key, document: toRef(r) }));
  }

  async citingKey(key: string): Promise<DocRef[]> {
    const rows = this.db
      .prepare(
        `SELECT DISTINCT d.doc_id, d.title, d.kind, d.date FROM structure_citations c JOIN structure_docs d ON d.doc_id = c.doc_id
         WHERE c.key = ? ORDER BY d.date DESC, d.doc_id LIMIT 100`,
      )
      .all(key) as DocCols[];
    return rows.map(toRef);
  }

  async citedBy(docId: string, limit?: number): Promise<CitingDocument[]> {
    if (limit !== undefined) return this.newestCiting(docId, limit);
    const rows = this.db
      .prepare(
        `SELECT DISTINCT d.doc_id, d.title, d.kind, d.date, c.raw, c.ord
         FROM structure_keys k
         JOIN structure_citations c ON c.key = k.key AND c.doc_id <> k.doc_id
         JOIN structure_docs d ON d.doc_id = c.doc_id
         WHERE k.doc_id = ? ORDER BY d.date DESC, d.doc_id, c.ord`,
      )
      .all(docId) as (DocCols & { raw: string })[];
    return citingDocuments(rows);
  }

  async citedByCount(docId: string): Promise<number> {
    return this.countCiting(docId);
  }

  private countCiting(docId: string): number {
    return (
      this.db
        .prepare(
          `SELECT COUNT(DISTINCT c.doc_id) AS n FROM structure_citations c INDEXED BY structure_citations_key_doc
           WHERE c.key IN (SELECT key FROM structure_keys WHERE doc_id = @doc) AND c.doc_id <> @doc`,
        )
        .get({ doc: docId }) as { n: number }
    ).n;
  }

  /**
   * The newest `limit` citers: of a few, from the keys' entries; of many (more citations than
   * one a MANY_CITING documents), by walking the documents newest first until `limit` cite it, as
   * the missing store finds a key's newest citers. Their spellings are read for them alone.
   */
  private newestCiting(docId: string, limit: number): CitingDocument[] {
    if (limit <= 0) return [];
    // Which way is a guess of speed only (both give the same): citations are counted up to the
    // first that makes them many, not all of them.
    const docs = (this.db.prepare('SELECT COUNT(*) AS n FROM structure_docs').get() as { n: number }).n;
    const enough = Math.floor(docs / MANY_CITING) + 1;
    const n = (
      this.db
        .prepare(
          `SELECT COUNT(*) AS n FROM (SELECT 1 FROM structure_citations c INDEXED BY structure_citations_key_doc
           WHERE c.key IN (SELECT key FROM structure_keys WHERE doc_id = @doc) AND c.doc_id <> @doc LIMIT @enough)`,
        )
        .get({ doc: docId, enough }) as { n: number }
    ).n;
    if (n === 0) return [];
    const cites = `SELECT 1 FROM structure_citations c INDEXED BY structure_citations_key_doc
                   WHERE c.key IN (SELECT key FROM structure_keys WHERE doc_id = @doc) AND c.doc_id = d.doc_id`;
    const picked = this.db
      .prepare(
        n * MANY_CITING > docs
          ? `SELECT d.doc_id, d.title, d.kind, d.date FROM structure_docs d INDEXED BY structure_docs_date
             WHERE EXISTS (${cites}) AND d.doc_id <> @doc ORDER BY d.date DESC, d.doc_id LIMIT @limit`
          : `SELECT d.doc_id, d.title, d.kind, d.date FROM structure_docs d
             WHERE d.doc_id IN (SELECT c.doc_id FROM structure_citations c INDEXED BY structure_citations_key_doc
                                WHERE c.key IN (SELECT key FROM structure_keys WHERE doc_id = @doc) AND c.doc_id <> @doc)
             ORDER BY d.date DESC, d.doc_id LIMIT @limit`,
      )
      .all({ doc: docId, limit }) as DocCols[];
    const raws = this.db
      .prepare(
        `SELECT c.doc_id, c.raw FROM structure_citations c
         WHERE c.doc_id IN (SELECT value FROM json_each(@json)) AND c.key IN (SELECT key FROM structure_keys WHERE doc_id = @doc)
         ORDER BY c.doc_id, c.ord`,
      )
      .all({ doc: docId, json: JSON.stringify(picked.map((d) => d.doc_id)) }) as { doc_id: string; raw: string }[];
    const byDoc = new Map<string, string[]>();
    for (const r of raws) {
      let list = byDoc.get(r.doc_id);
      if (!list) byDoc.set(r.doc_id, (list = []));
      if (!list.includes(r.raw)) list.push(r.raw);
    }
    return picked.map((d) => ({ document: toRef(d), raws: byDoc.get(d.doc_id) ?? [] }));
  }
}
