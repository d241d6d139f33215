/**
 * The PostgreSQL StructureStore: the SQLite twin's rows and answers (sqlite-structure-index.ts)
 * on a shared database, each document written in a fixed number of statements and each page read
 * in a fixed number of queries.
 */
import { ANSWER_QUALITIES, type Answer, type AnswerQuality, type Citation, type DocumentKind, type ParsedDocument } from '../../domain/index.js';
import {
  meetingThreads,
  threadsFromSummaries,
  meetingStage,
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
import type { QueryResultRow } from 'pg';
import type { PgDb } from './connection.js';
import { SqlParams, bySize, limitOf, noNulJson, offsetOf, textParams } from './sql-params.js';
import { PG_STRUCTURE_MIGRATIONS } from './structure-migrations.js';

const isAnswerQuality = (v: string): v is AnswerQuality => (ANSWER_QUALITIES as readonly string[]).includes(v);

interface DocCols {
  doc_id: string;
  title: string;
  kind: string;
  date: string | null;
}

const toRef = (r: DocCols): DocRef => ({ id: r.doc_id, title: r.title, kind: r.kind as DocumentKind, date: r.date });

/** SQLite's `COLLATE NOCASE` equality on a "C" column: both sides folded in ASCII only (lower() under "C"). */
const nocaseEq = (column: string, placeholder: string) => `lower(${column}) = lower(${placeholder}::text COLLATE "C")`;

/**
 * A document's row, written first: inserted, or updated when it is stored, so that a second writer
 * of the same document waits here until the first commits (a row lock, not an advisory lock: those
 * take a slot of the shared lock table each, and an import may write thousands of documents in one
 * unit of work). The statements after it then see (and replace) what the first writer committed.
 */
const UPSERT_DOC = `
  INSERT INTO structure_docs (doc_id, title, kind, date, folded_title, signers) VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT (doc_id) DO UPDATE SET title = excluded.title, kind = excluded.kind, date = excluded.date,
    folded_title = excluded.folded_title, signers = excluded.signers`;

/** A document's other rows, deleted in one statement (unreferenced data-modifying CTEs still run, each once). */
const DELETE_ROWS = `
  WITH q AS (DELETE FROM structure_questions WHERE doc_id = $1),
       a AS (DELETE FROM structure_answers WHERE doc_id = $1),
       c AS (DELETE FROM structure_commitments WHERE doc_id = $1),
       m AS (DELETE FROM structure_meetings WHERE doc_id = $1),
       ci AS (DELETE FROM structure_citations WHERE doc_id = $1)
  DELETE FROM structure_keys WHERE doc_id = $1`;

/**
 * A document's other rows, inserted in one statement: each table's rows arrive as one JSON array
 * (jsonb_to_recordset turns its lists into arrays), inserted in ordinal order so that the
 * commitments' `seq` follows it as SQLite's rowid does.
 */
const INSERT_ROWS = `
  WITH q AS (
    INSERT INTO structure_questions (doc_id, ord, id, party, text, answer_ids)
    SELECT $1::text, x.ord, x.id, x.party, x.text, x.answer_ids
    FROM jsonb_to_recordset($2::jsonb) AS x(ord INTEGER, id TEXT, party TEXT, text TEXT, answer_ids TEXT[]) ORDER BY x.ord
  ), a AS (
    INSERT INTO structure_answers (doc_id, ord, id, number, text, see_also, quality, quality_reason, see_also_ids)
    SELECT $1::text, x.ord, x.id, x.number, x.text, x.see_also, x.quality, x.quality_reason, x.see_also_ids
    FROM jsonb_to_recordset($3::jsonb)
      AS x(ord INTEGER, id TEXT, number INTEGER, text TEXT, see_also INTEGER[], quality TEXT, quality_reason TEXT, see_also_ids TEXT[]) ORDER BY x.ord
  ), c AS (
    INSERT INTO structure_commitments (doc_id, ord, text, folded, actor, due, due_date, topic, made)
    SELECT $1::text, x.ord, x.text, x.folded, x.actor, x.due, x.due_date, x.topic, x.made
    FROM jsonb_to_recordset($4::jsonb) AS x(ord INTEGER, text TEXT, folded TEXT, actor TEXT, due TEXT, due_date TEXT, topic TEXT, made TEXT) ORDER BY x.ord
  ), m AS (
    INSERT INTO structure_meetings (doc_id, ord, meeting_key, body, formal, start_date, end_date, location, doc_stage, doc_date, questions, commitments)
    SELECT $1::text, x.ord, x.meeting_key, x.body, x.formal, x.start_date, x.end_date, x.location, x.doc_stage, x.doc_date, x.questions, x.commitments
    FROM jsonb_to_recordset($5::jsonb)
      AS x(ord INTEGER, meeting_key TEXT, body TEXT, formal BOOLEAN, start_date TEXT, end_date TEXT, location TEXT,
           doc_stage INTEGER, doc_date TEXT, questions INTEGER, commitments INTEGER) ORDER BY x.ord
  ), ci AS (
    INSERT INTO structure_citations (doc_id, ord, kind, raw, key, data)
    SELECT $1::text, x.ord, x.kind, x.raw, x.key, x.data
    FROM jsonb_to_recordset($6::jsonb) AS x(ord INTEGER, kind TEXT, raw TEXT, key TEXT, data TEXT) ORDER BY x.ord
  ), k AS (
    INSERT INTO structure_keys (key, doc_id) SELECT u.key, $1::text FROM unnest($7::text[]) AS u(key) ON CONFLICT DO NOTHING
  )
  SELECT 1`;

/**
 * A batch's documents (`putMany`), each once, in one statement: UPSERT_DOC for all of them, in
 * doc_id order so that two batches sharing documents wait for each other instead of deadlocking.
 */
const UPSERT_DOCS = `
  INSERT INTO structure_docs (doc_id, title, kind, date, folded_title, signers)
  SELECT t.doc_id, t.title, t.kind, t.date, t.folded_title, t.signers
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY
    AS t (doc_id, title, kind, date, folded_title, signers, n)
  ORDER BY t.n
  ON CONFLICT (doc_id) DO UPDATE SET title = excluded.title, kind = excluded.kind, date = excluded.date,
    folded_title = excluded.folded_title, signers = excluded.signers`;

/** DELETE_ROWS for a batch's documents. */
const DELETE_ROWS_MANY = `
  WITH q AS (DELETE FROM structure_questions WHERE doc_id = ANY($1::text[])),
       a AS (DELETE FROM structure_answers WHERE doc_id = ANY($1::text[])),
       c AS (DELETE FROM structure_commitments WHERE doc_id = ANY($1::text[])),
       m AS (DELETE FROM structure_meetings WHERE doc_id = ANY($1::text[])),
       ci AS (DELETE FROM structure_citations WHERE doc_id = ANY($1::text[]))
  DELETE FROM structure_keys WHERE doc_id = ANY($1::text[])`;

/** INSERT_ROWS for a batch: each row names its document and its place (`i`, the put's, then `ord`), the order `seq` follows. */
const INSERT_ROWS_MANY = `
  WITH q AS (
    INSERT INTO structure_questions (doc_id, ord, id, party, text, answer_ids)
    SELECT x.doc_id, x.ord, x.id, x.party, x.text, x.answer_ids
    FROM jsonb_to_recordset($1::jsonb) AS x(i INTEGER, doc_id TEXT, ord INTEGER, id TEXT, party TEXT, text TEXT, answer_ids TEXT[]) ORDER BY x.i, x.ord
  ), a AS (
    INSERT INTO structure_answers (doc_id, ord, id, number, text, see_also, quality, quality_reason, see_also_ids)
    SELECT x.doc_id, x.ord, x.id, x.number, x.text, x.see_also, x.quality, x.quality_reason, x.see_also_ids
    FROM jsonb_to_recordset($2::jsonb)
      AS x(i INTEGER, doc_id TEXT, ord INTEGER, id TEXT, number INTEGER, text TEXT, see_also INTEGER[], quality TEXT, quality_reason TEXT, see_also_ids TEXT[])
    ORDER BY x.i, x.ord
  ), c AS (
    INSERT INTO structure_commitments (doc_id, ord, text, folded, actor, due, due_date, topic, made)
    SELECT x.doc_id, x.ord, x.text, x.folded, x.actor, x.due, x.due_date, x.topic, x.made
    FROM jsonb_to_recordset($3::jsonb) AS x(i INTEGER, doc_id TEXT, ord INTEGER, text TEXT, folded TEXT, actor TEXT, due TEXT, due_date TEXT, topic TEXT, made TEXT)
    ORDER BY x.i, x.ord
  ), m AS (
    INSERT INTO structure_meetings (doc_id, ord, meeting_key, body, formal, start_date, end_date, location, doc_stage, doc_date, questions, commitments)
    SELECT x.doc_id, x.ord, x.meeting_key, x.body, x.formal, x.start_date, x.end_date, x.location, x.doc_stage, x.doc_date, x.questions, x.commitments
    FROM jsonb_to_recordset($4::jsonb)
      AS x(i INTEGER, doc_id TEXT, ord INTEGER, meeting_key TEXT, body TEXT, formal BOOLEAN, start_date TEXT, end_date TEXT, location TEXT,
           doc_stage INTEGER, doc_date TEXT, questions INTEGER, commitments INTEGER)
    ORDER BY x.i, x.ord
  ), ci AS (
    INSERT INTO structure_citations (doc_id, ord, kind, raw, key, data)
    SELECT x.doc_id, x.ord, x.kind, x.raw, x.key, x.data
    FROM jsonb_to_recordset($5::jsonb) AS x(i INTEGER, doc_id TEXT, ord INTEGER, kind TEXT, raw TEXT, key TEXT, data TEXT) ORDER BY x.i, x.ord
  ), k AS (
    INSERT INTO structure_keys (key, doc_id) SELECT u.key, u.doc_id FROM unnest($6::text[], $7::text[]) AS u(key, doc_id) ON CONFLICT DO NOTHING
  )
  SELECT 1`;

/** A document's rows as INSERT_ROWS takes them (each table's a JSON array), and its row of structure_docs. */
function rowsOf(meta: StructureMeta, s: ParsedDocument) {
  const signers = s.signatories.map((x) => x.role ?? x.name).join(' | ');
  return {
    doc: { title: meta.title, kind: meta.kind, date: meta.date, foldedTitle: foldText(meta.title), signers: signers ? foldText(signers) : null },
    questions: s.questions.map((x, i) => ({ ord: i, id: x.id, party: x.party, text: x.text, answer_ids: x.answerIds })),
    answers: s.answers.map((x, i) => ({
      ord: i, id: x.id, number: x.number, text: x.text, see_also: x.seeAlso, quality: x.quality ?? null, quality_reason: x.qualityReason ?? null,
      see_also_ids: x.seeAlsoIds ?? null,
    })),
    // The topic is searched with the text: "/toezeggingen?q=NIS2" finds "volgt hierover een Kamerbrief" about NIS2.
    commitments: s.commitments.map((x, i) => ({
      ord: i, text: x.text, folded: foldText(x.topic ? `${x.text} ${x.topic}` : x.text), actor: x.actor, due: x.due, due_date: x.dueDate, topic: x.topic ?? null,
      made: meta.date,
    })),
    meetings: s.meetings.map((x, i) => ({
      ord: i, meeting_key: meetingKey(x), body: x.body, formal: x.formal, start_date: x.startDate, end_date: x.endDate, location: x.location,
      // The document's own, for the meetings list (structure_meetings_thread).
      doc_stage: meetingStage(meta.kind), doc_date: meta.date, questions: s.questions.length, commitments: s.commitments.length,
    })),
    citations: s.citations.map((x, i) => ({ ord: i, kind: x.kind, raw: x.raw, key: citationKey(x), data: JSON.stringify(x) })),
    keys: ownKeys(meta, s),
  };
}

/** The rows' strings lose U+0000 as the statements' do; a citation's JSON text keeps it (escaped). */
const json = (rows: unknown[]) => JSON.stringify(rows, noNulJson);

/** The StructureStore on PostgreSQL. Open with `PgStructureStore.open(db)` (applies the migrations). */
export class PgStructureStore implements StructureStore {
  constructor(private readonly db: PgDb) {}

  /** This store on `db` (a transaction's, see PgDb.atomic). */
  private on(db: PgDb): PgStructureStore {
    return db === this.db ? this : new PgStructureStore(db);
  }

  // Every statement's strings lose U+0000, which PostgreSQL text cannot hold (SQLite's can): a
  // stored title or a looked-up id without it, rather than a failed import or a failed page.
  private q(sql: string, params: readonly unknown[] = []) {
    return this.db.q(sql, textParams(params));
  }

  private rows<R extends QueryResultRow>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return this.db.rows<R>(sql, textParams(params));
  }

  private one<R extends QueryResultRow>(sql: string, params: readonly unknown[] = []): Promise<R | undefined> {
    return this.db.one<R>(sql, textParams(params));
  }

  /** Applies the "structure" migrations (also what `kamerlens migrate` runs). */
  static async migrate(db: PgDb): Promise<void> {
    await db.migrate('structure', PG_STRUCTURE_MIGRATIONS);
  }

  /** A store on `db`, its schema brought up to date first. */
  static async open(db: PgDb): Promise<PgStructureStore> {
    await PgStructureStore.migrate(db);
    return new PgStructureStore(db);
  }

  async put(docId: string, meta: StructureMeta, s: ParsedDocument): Promise<void> {
    const r = rowsOf(meta, s);
    await this.db.atomic(
      async (db) => {
        const on = this.on(db);
        await on.q(UPSERT_DOC, [docId, r.doc.title, r.doc.kind, r.doc.date, r.doc.foldedTitle, r.doc.signers]);
        await on.q(DELETE_ROWS, [docId]);
        await on.q(INSERT_ROWS, [docId, json(r.questions), json(r.answers), json(r.commitments), json(r.meetings), json(r.citations), r.keys]);
      },
      { retry: true },
    );
  }

  async putMany(items: readonly StructurePut[]): Promise<void> {
    if (items.length === 0) return;
    if (items.length === 1) return this.put(items[0]!.docId, items[0]!.meta, items[0]!.structure);
    // A document put twice keeps its last put, at the place of that put (the order commitments' `seq` follows).
    const last = new Map<string, number>();
    items.forEach((it, i) => last.set(it.docId, i));
    const kept = items
      .filter((it, i) => last.get(it.docId) === i)
      .map((it, i) => {
        const { structure: s } = it;
        // What the document's rows weigh in a statement, roughly: their texts.
        let size = 0;
        for (const x of s.questions) size += x.text.length;
        for (const x of s.answers) size += x.text.length;
        for (const x of s.commitments) size += 2 * x.text.length;
        for (const x of s.citations) size += 2 * x.raw.length;
        return { i, docId: it.docId, size, ...rowsOf(it.meta, s) };
      });
    const byId = [...kept].sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0));
    const tagged = <T>(run: typeof kept, pick: (k: (typeof kept)[number]) => T[]) => run.flatMap((k) => pick(k).map((row) => ({ i: k.i, doc_id: k.docId, ...row })));
    await this.db.atomic(
      async (db) => {
        const s = this.on(db);
        await s.q(UPSERT_DOCS, [
          byId.map((k) => k.docId), byId.map((k) => k.doc.title), byId.map((k) => k.doc.kind), byId.map((k) => k.doc.date),
          byId.map((k) => k.doc.foldedTitle), byId.map((k) => k.doc.signers),
        ]);
        await s.q(DELETE_ROWS_MANY, [kept.map((k) => k.docId)]);
        // In order (commitments' `seq` follows it), in as few statements as the rows' size allows.
        for (const run of bySize(kept, (k) => k.size)) {
          const keys = run.flatMap((k) => k.keys.map((key) => [key, k.docId] as const));
          await s.q(INSERT_ROWS_MANY, [
            json(tagged(run, (k) => k.questions)), json(tagged(run, (k) => k.answers)), json(tagged(run, (k) => k.commitments)),
            json(tagged(run, (k) => k.meetings)), json(tagged(run, (k) => k.citations)), keys.map((k) => k[0]), keys.map((k) => k[1]),
          ]);
        }
      },
      { retry: true },
    );
  }

  async remove(docId: string): Promise<void> {
    // The document's row first: deleting it waits for a writer of the document still at work (see UPSERT_DOC) and holds
    // off the next. Its other rows go only with it: when another remove took it first, a put may since have written the
    // document again, and its rows are not this remove's to delete.
    await this.db.atomic(
      async (db) => {
        const s = this.on(db);
        const gone = await s.q('DELETE FROM structure_docs WHERE doc_id = $1', [docId]);
        if (gone.rowCount) await s.q(DELETE_ROWS, [docId]);
      },
      { retry: true },
    );
  }

  async commitments(query: CommitmentQuery): Promise<Page<CommitmentRow>> {
    const p = new SqlParams();
    const where: string[] = [];
    const actor = query.actor?.trim();
    if (actor) {
      where.push(actor.toLowerCase() === 'kabinet' ? "(c.actor IS NULL OR lower(c.actor) IN ('kabinet', 'het kabinet'))" : nocaseEq('c.actor', p.add(actor)));
    }
    if (query.status) {
      const end = monthEnd(query.today);
      const cond = {
        overdue: () => `c.due_date < ${p.add(query.today)}`,
        'this-month': () => `c.due_date >= ${p.add(query.today)} AND c.due_date <= ${p.add(end)}`,
        later: () => `c.due_date > ${p.add(end)}`,
        'no-date': () => 'c.due_date IS NULL',
      } as const;
      where.push(cond[query.status]());
    }
    for (const word of foldText(query.q ?? '').split(/\s+/).filter(Boolean)) where.push(`strpos(c.folded, ${p.add(word)}) > 0`);
    if (query.docIds) where.push(`c.doc_id = ANY(${p.add(query.docIds)}::text[])`);
    const from = `FROM structure_commitments c JOIN structure_docs d ON d.doc_id = c.doc_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const total = (await this.one<{ n: number }>(`SELECT COUNT(*) AS n ${from}`, p.values))!.n;
    const rows = await this.rows<DocCols & { ord: number; text: string; actor: string | null; due: string | null; due_date: string | null; topic: string | null }>(
      `SELECT c.ord, c.text, c.actor, c.due, c.due_date, c.topic, d.doc_id, d.title, d.kind, d.date ${from}
       ORDER BY c.due_date IS NULL, c.due_date, d.date DESC NULLS LAST, d.doc_id, c.ord LIMIT ${p.add(limitOf(query.limit))} OFFSET ${p.add(offsetOf(query.offset))}`,
      p.values,
    );
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
    // Grouped case-insensitively, named after the group's earliest stored row: what SQLite answers
    // (a NOCASE GROUP BY over its actor index, whose ties are in rowid order).
    // The name looked up per group in structure_commitments_actor_seq: no sorted aggregate of every row.
    return this.rows<ActorCount>(
      `SELECT CASE WHEN g.folded IS NULL THEN NULL
                   ELSE (SELECT c.actor FROM structure_commitments c WHERE lower(c.actor) = g.folded ORDER BY c.seq LIMIT 1) END AS actor,
              g.count
       FROM (SELECT lower(actor) AS folded, COUNT(*) AS count FROM structure_commitments GROUP BY 1) g
       ORDER BY g.count DESC, g.folded NULLS FIRST`,
    );
  }

  async questions(query: QuestionQuery): Promise<Page<QuestionRow>> {
    const p = new SqlParams();
    const where: string[] = [];
    if (query.party !== undefined) where.push(nocaseEq('q.party', p.add(query.party)));
    if (query.docIds) where.push(`q.doc_id = ANY(${p.add(query.docIds)}::text[])`);
    if (query.quality) {
      where.push(
        `EXISTS (SELECT 1 FROM unnest(q.answer_ids) AS j(id) JOIN structure_answers a ON a.doc_id = q.doc_id AND a.id = j.id WHERE a.quality = ${p.add(query.quality)})`,
      );
    }
    const from = `FROM structure_questions q JOIN structure_docs d ON d.doc_id = q.doc_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const total = (await this.one<{ n: number }>(`SELECT COUNT(*) AS n ${from}`, p.values))!.n;
    const rows = await this.rows<DocCols & { ord: number; id: string; party: string | null; text: string; answer_ids: string[] }>(
      `SELECT q.ord, q.id, q.party, q.text, q.answer_ids, d.doc_id, d.title, d.kind, d.date ${from}
       ORDER BY d.date DESC NULLS LAST, d.doc_id, q.ord LIMIT ${p.add(limitOf(query.limit))} OFFSET ${p.add(offsetOf(query.offset))}`,
      p.values,
    );
    const answers = await this.answersOf([...new Set(rows.map((r) => r.doc_id))]);
    return {
      total,
      items: rows.map((r) => {
        const mine = answers.get(r.doc_id);
        return {
          id: r.id,
          ordinal: r.ord,
          party: r.party,
          text: r.text,
          answers: r.answer_ids.flatMap((id) => mine?.get(id) ?? []),
          document: toRef(r),
        };
      }),
    };
  }

  /** Answers of the documents, by document and answer id (one query for a page). */
  private async answersOf(docIds: string[]): Promise<Map<string, Map<string, Answer & { ordinal: number }>>> {
    const out = new Map<string, Map<string, Answer & { ordinal: number }>>();
    if (docIds.length === 0) return out;
    const rows = await this.rows<{
      doc_id: string;
      ord: number;
      id: string;
      number: number | null;
      text: string;
      see_also: number[];
      quality: string | null;
      quality_reason: string | null;
      see_also_ids: string[] | null;
    }>(
      `SELECT doc_id, ord, id, number, text, see_also, quality, quality_reason, see_also_ids FROM structure_answers
       WHERE doc_id = ANY($1::text[]) ORDER BY doc_id, ord`,
      [docIds],
    );
    for (const r of rows) {
      let m = out.get(r.doc_id);
      if (!m) out.set(r.doc_id, (m = new Map()));
      const a: Answer & { ordinal: number } = { id: r.id, ordinal: r.ord, number: r.number, text: r.text, seeAlso: r.see_also };
      if (r.quality && isAnswerQuality(r.quality)) {
        a.quality = r.quality;
        a.qualityReason = r.quality_reason;
      }
      if (r.see_also_ids) a.seeAlsoIds = r.see_also_ids;
      m.set(r.id, a);
    }
    return out;
  }

  async answerQualities(party: string): Promise<Partial<Record<AnswerQuality, number>>> {
    const rows = await this.rows<{ quality: string; n: number }>(
      `SELECT a.quality AS quality, COUNT(*) AS n FROM structure_questions q CROSS JOIN LATERAL unnest(q.answer_ids) AS j(id)
       JOIN structure_answers a ON a.doc_id = q.doc_id AND a.id = j.id
       WHERE ${nocaseEq('q.party', '$1')} AND a.quality IS NOT NULL GROUP BY a.quality ORDER BY a.quality`,
      [party],
    );
    const out: Partial<Record<AnswerQuality, number>> = {};
    for (const r of rows) if (isAnswerQuality(r.quality)) out[r.quality] = r.n;
    return out;
  }

  async parties(): Promise<PartyCount[]> {
    // Grouped case-insensitively; the most common spelling names the group, of equally common
    // ones the greatest in byte order, and groups of equal size follow in byte order: as SQLite.
    return this.rows<PartyCount>(
      `SELECT s.party, t.questions, t.documents
       FROM (SELECT lower(party) AS folded, COUNT(*) AS questions, COUNT(DISTINCT doc_id) AS documents
             FROM structure_questions WHERE party IS NOT NULL AND party <> '' GROUP BY lower(party)) t
       CROSS JOIN LATERAL (SELECT q2.party FROM structure_questions q2 WHERE lower(q2.party) = t.folded
                           GROUP BY q2.party ORDER BY COUNT(*) DESC, q2.party DESC LIMIT 1) s
       ORDER BY t.questions DESC, s.party`,
    );
  }

  async meetings(): Promise<MeetingThread[]> {
    return this.threads(null);
  }

  async meeting(key: string): Promise<MeetingThread | null> {
    return (await this.threads(key))[0] ?? null;
  }

  async meetingList(query: MeetingQuery): Promise<Page<MeetingThread>> {
    const p = new SqlParams();
    const where: string[] = [];
    for (const word of meetingWords(query.q)) where.push(`strpos(meeting_key, ${p.add(word)}) > 0`);
    if (query.year !== undefined) {
      const [from, to] = yearRange(query.year);
      where.push(`start_date >= ${p.add(from)} AND start_date < ${p.add(to)}`);
    }
    if (query.stalledBefore !== undefined) {
      where.push(`meeting_key IN (${stalledMeetingsSql(p.add(query.stalledBefore))})`);
    }
    // A meeting's key holds its start date, so (start date, key) is the meeting: grouped in the index's order.
    const keys = `SELECT start_date, meeting_key FROM structure_meetings ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY start_date, meeting_key`;
    // The count beside the page's keys, and the page's summaries and documents beside each other as soon as the
    // keys are in (on the pool, each on a connection of its own), where the four statements went one after the other.
    // Its own copy of the values: the page's LIMIT and OFFSET are added to `p` below, while it may still wait for a connection.
    const counting = this.one<{ n: number }>(`SELECT COUNT(*)::int AS n FROM (${keys}) k`, [...p.values]);
    if (query.limit === 0) return { total: (await counting)!.n, items: [] };
    const pageSql = `${keys} ORDER BY start_date DESC NULLS LAST, meeting_key LIMIT ${p.add(limitOf(query.limit))} OFFSET ${p.add(offsetOf(query.offset))}`;
    counting.catch(() => undefined);
    const page = (await this.rows<{ meeting_key: string }>(pageSql, p.values)).map((r) => r.meeting_key);
    if (page.length === 0) return { total: (await counting)!.n, items: [] };
    // What the mentions say of each meeting (the first that says it, in document order), and the counts over its
    // distinct documents (a document naming the meeting twice has its mentions side by side in structure_meetings_docs).
    const first = (col: string) =>
      `(SELECT x.${col} FROM structure_meetings x WHERE x.meeting_key = k.key AND x.${col} IS NOT NULL ORDER BY x.doc_date NULLS FIRST, x.doc_id, x.ord LIMIT 1)`;
    const [counted, summaries, docs] = await Promise.all([
      counting,
      this.rows<ThreadSummaryRow>(
        `SELECT k.key AS meeting_key, ${first('body')} AS body, ${first('formal')} AS formal, ${first('start_date')} AS start_date,
              ${first('end_date')} AS end_date, ${first('location')} AS location,
              COALESCE(a.documents, 0) AS documents, COALESCE(a.questions, 0) AS questions, COALESCE(a.commitments, 0) AS commitments
       FROM unnest($1::text[]) WITH ORDINALITY AS k(key, n)
       -- Per meeting, from structure_meetings_docs alone (an index-only scan of its mentions): grouping all the
       -- page's mentions at once took a scan of the table and a hash of every (meeting, document) pair,
       -- 25.9 against 13.9 ms (EXPLAIN ANALYZE, 100,000 documents).
       LEFT JOIN LATERAL (
         SELECT COUNT(*)::int AS documents, SUM(q)::int AS questions, SUM(c)::int AS commitments
         FROM (SELECT MAX(x.questions) AS q, MAX(x.commitments) AS c FROM structure_meetings x
               WHERE x.meeting_key = k.key GROUP BY x.doc_stage, x.doc_date, x.doc_id) d
       ) a ON true
       ORDER BY k.n`,
        [page],
      ),
      // Each thread's first documents in stage order, then by date and id (as meetingThreads orders a whole thread).
      this.rows<ThreadDocRow>(
        `SELECT k.key AS meeting_key, s.doc_id, s.title, s.kind, s.date FROM unnest($1::text[]) AS k(key)
         CROSS JOIN LATERAL (
           SELECT x.doc_id FROM structure_meetings x WHERE x.meeting_key = k.key
           GROUP BY x.doc_stage, x.doc_date, x.doc_id ORDER BY x.doc_stage, x.doc_date NULLS FIRST, x.doc_id LIMIT $2
         ) t
         JOIN structure_docs s ON s.doc_id = t.doc_id`,
        [page, limitOf(query.documentsPerThread)],
      ),
    ]);
    return { total: counted!.n, items: threadsFromSummaries(summaries, docs) };
  }

  private async threads(key: string | null): Promise<MeetingThread[]> {
    const rows = await this.rows<
      DocCols & {
        meeting_key: string; body: string; formal: boolean | null; start_date: string | null; end_date: string | null; location: string | null;
        questions: number; commitments: number;
      }
    >(
      `SELECT m.meeting_key, m.body, m.formal, m.start_date, m.end_date, m.location, d.doc_id, d.title, d.kind, d.date,
              (SELECT COUNT(*) FROM structure_questions q WHERE q.doc_id = d.doc_id) AS questions,
              (SELECT COUNT(*) FROM structure_commitments c WHERE c.doc_id = d.doc_id) AS commitments
       FROM structure_meetings m JOIN structure_docs d ON d.doc_id = m.doc_id
       ${key === null ? '' : 'WHERE m.meeting_key = $1'}
       ORDER BY m.start_date DESC NULLS LAST, m.meeting_key, d.date NULLS FIRST, d.doc_id, m.ord`,
      key === null ? [] : [key],
    );
    return meetingThreads(rows);
  }

  async citations(docId: string): Promise<ResolvedCitation[]> {
    const rows = await this.rows<{ ord: number; key: string | null; data: string } & { [K in keyof DocCols]: DocCols[K] | null }>(
      `SELECT c.ord, c.key, c.data, d.doc_id, d.title, d.kind, d.date
       FROM structure_citations c
       LEFT JOIN structure_keys k ON k.key = c.key AND k.doc_id <> c.doc_id
       LEFT JOIN structure_docs d ON d.doc_id = k.doc_id
       WHERE c.doc_id = $1 ORDER BY c.ord, d.date NULLS FIRST, d.doc_id NULLS FIRST`,
      [docId],
    );
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
    const rows = await this.rows<DocCols>(
      `SELECT d.doc_id, d.title, d.kind, d.date FROM structure_keys k JOIN structure_docs d ON d.doc_id = k.doc_id
       WHERE k.key = $1 ORDER BY d.date NULLS FIRST, d.doc_id`,
      [key],
    );
    return rows.map(toRef);
  }

  async documentsWithKeys(keys: readonly string[]): Promise<Map<string, DocRef[]>> {
    const out = new Map<string, DocRef[]>();
    const wanted = [...new Set(keys)];
    if (wanted.length === 0) return out;
    // One query for every key, each in documentsWithKey's order.
    const rows = await this.rows<DocCols & { key: string }>(
      `SELECT k.key, d.doc_id, d.title, d.kind, d.date FROM structure_keys k JOIN structure_docs d ON d.doc_id = k.doc_id
       WHERE k.key = ANY($1::text[]) ORDER BY k.key, d.date NULLS FIRST, d.doc_id`,
      [wanted],
    );
    for (const r of rows) {
      let list = out.get(r.key);
      if (!list) out.set(r.key, (list = []));
      list.push(toRef(r));
    }
    return out;
  }

  async documentsWithKeyPrefix(prefix: string, limit: number): Promise<{ key: string; document: DocRef }[]> {
    // A range on the primary key (key, doc_id), compared in bytes as on SQLite: a dossier's Kamerstukken without a scan.
    const rows = await this.rows<DocCols & { key: string }>(
      `SELECT k.key, d.doc_id, d.title, d.kind, d.date FROM structure_keys k JOIN structure_docs d ON d.doc_id = k.doc_id
       WHERE k.key >= $1 AND k.key < $2 ORDER BY k.key, d.doc_id LIMIT $3`,
      [prefix, `${prefix}\uffff`, limitOf(limit)],
    );
    return rows.map((r) => ({ key: r.key, document: toRef(r) }));
  }

  async citingKey(key: string): Promise<DocRef[]> {
    const rows = await this.rows<DocCols>(
      `SELECT DISTINCT d.doc_id, d.title, d.kind, d.date FROM structure_citations c JOIN structure_docs d ON d.doc_id = c.doc_id
       WHERE c.key = $1 ORDER BY d.date DESC NULLS LAST, d.doc_id LIMIT 100`,
      [key],
    );
    return rows.map(toRef);
  }

  async citedBy(docId: string, limit?: number): Promise<CitingDocument[]> {
    if (limit !== undefined && limit <= 0) return [];
    // With a limit, the newest citers are picked first (on the index of citations by key and
    // document) and only their spellings read: a document cited by 60,000 others read them all.
    const rows = await this.rows<DocCols & { raw: string }>(
      limit === undefined
        ? `SELECT DISTINCT d.doc_id, d.title, d.kind, d.date, c.raw, c.ord
           FROM structure_keys k
           JOIN structure_citations c ON c.key = k.key AND c.doc_id <> k.doc_id
           JOIN structure_docs d ON d.doc_id = c.doc_id
           WHERE k.doc_id = $1 ORDER BY d.date DESC NULLS LAST, d.doc_id, c.ord`
        : `WITH keys AS (SELECT key FROM structure_keys WHERE doc_id = $1),
           picked AS (
             SELECT d.doc_id, d.title, d.kind, d.date FROM structure_docs d
             WHERE d.doc_id IN (SELECT c.doc_id FROM structure_citations c WHERE c.key IN (SELECT key FROM keys) AND c.doc_id <> $1)
             ORDER BY d.date DESC NULLS LAST, d.doc_id LIMIT $2)
           SELECT DISTINCT p.doc_id, p.title, p.kind, p.date, c.raw, c.ord
           FROM picked p JOIN structure_citations c ON c.doc_id = p.doc_id AND c.key IN (SELECT key FROM keys)
           ORDER BY p.date DESC NULLS LAST, p.doc_id, c.ord`,
      limit === undefined ? [docId] : [docId, limit],
    );
    return citingDocuments(rows);
  }

  async citedByCount(docId: string): Promise<number> {
    const row = await this.one<{ n: string }>(
      `SELECT COUNT(DISTINCT c.doc_id) AS n FROM structure_citations c
       WHERE c.key IN (SELECT key FROM structure_keys WHERE doc_id = $1) AND c.doc_id <> $1`,
      [docId],
    );
    return Number(row?.n ?? 0);
  }
}
