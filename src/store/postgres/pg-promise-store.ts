/**
 * The PostgreSQL PromiseStore: the SQLite twin's tables and answers (sqlite-promise-store.ts)
 * on a shared database; it reads the structure rows in the same database, and lists are read and
 * written in a fixed number of statements whatever their length.
 */
import type { DocumentKind } from '../../domain/index.js';
import {
  promiseRowFrom,
  registerFromRecord,
  type DocMeta,
  type KeptState,
  type OpenCommitment,
  type PromiseCount,
  type PromiseQuery,
  type PromiseRow,
  type PromiseStore,
  type PromiseUnionRecord,
  type RegisterLink,
  type RegisterRecord,
  type RegisterRow,
} from '../promise-store.js';
import { foldText, monthEnd, type DeadlineStatus, type DocRef, type Page } from '../structure-index.js';
import type { QueryResultRow } from 'pg';
import type { PgDb } from './connection.js';
import { PG_PROMISE_MIGRATIONS } from './promise-migrations.js';
import { SqlParams, limitOf, offsetOf, textParams } from './sql-params.js';
import { PgStructureStore } from './pg-structure-store.js';

interface CommitmentCols {
  doc_id: string;
  ord: number;
  text: string;
  actor: string | null;
  topic: string | null;
  due_date: string | null;
  date: string | null;
}

const toOpen = (r: CommitmentCols): OpenCommitment => ({
  docId: r.doc_id,
  ordinal: r.ord,
  text: r.text,
  actor: r.actor,
  topic: r.topic,
  dueDate: r.due_date,
  date: r.date,
});

const COMMITMENT_COLS = 'c.doc_id, c.ord, c.text, c.actor, c.topic, c.due_date, d.date';

/** The last of several rows for one key: what SQLite's row-by-row writes leave. */
function lastPerKey<T>(rows: readonly T[], key: (r: T) => string): T[] {
  const m = new Map<string, T>();
  for (const r of rows) {
    m.delete(key(r));
    m.set(key(r), r);
  }
  return [...m.values()];
}

/**
 * Both sources as one relation: each document commitment (with the register row linked to it,
 * if any), then each register row that no document commitment is linked to.
 */
function union(docWhere: string, regWhere: string, docFrom = 'structure_commitments c'): string {
  return `
  SELECT 'document'::text AS src, c.doc_id AS doc_id, c.ord AS ord, c.text AS text, c.folded AS folded, c.actor AS actor, c.due AS due,
         COALESCE(c.due_date, r.due_date) AS due_date, c.topic AS topic, c.made AS made, r.tz_id AS tz_id, r.folded AS reg_folded, r.status AS reg_status,
         -- The Kamer's own letter (kamerbriefNakoming) first; else what the pass found.
         COALESCE(r.kept_doc, k.by_doc) AS kept_doc, COALESCE(r.kept_evidence, k.evidence) AS kept_evidence,
         CASE WHEN r.kept_doc IS NULL THEN k.sentence END AS kept_sentence, CASE WHEN r.kept_doc IS NULL THEN k.via ELSE 'kamerbrief' END AS kept_via,
         -- The keeper's date: the register's letter's looked up (few), the pass's kept with it.
         CASE WHEN r.kept_doc IS NULL THEN k.by_date ELSE (SELECT x.date FROM structure_docs x WHERE x.doc_id = r.kept_doc) END AS kept_date
  -- c.made: the document's date, written with the commitment (no join of the documents per row).
  FROM ${docFrom}
  LEFT JOIN promise_register r ON r.link_doc = c.doc_id AND r.link_ord = c.ord
  LEFT JOIN promise_kept k ON k.doc_id = c.doc_id AND k.ord = c.ord
  WHERE ${docWhere}
  UNION ALL
  SELECT 'register', NULL, NULL, r.text, r.folded, r.actor, NULL, r.due_date, NULL, r.created, r.tz_id, r.folded, r.status, r.kept_doc, r.kept_evidence, NULL, 'kamerbrief',
         (SELECT x.date FROM structure_docs x WHERE x.doc_id = r.kept_doc)
  FROM promise_register r WHERE r.link_doc IS NULL AND ${regWhere}`;
}

/**
 * The commitments something was concluded about: kept by a later document, or linked to a register
 * entry (each once). Every other commitment is plain: its row of the list is its own columns (no
 * register, nothing kept), so the list and its counts read those from structure_commitments'
 * indexes and join only these few.
 */
const CONCLUDED_FROM = `(SELECT doc_id, ord FROM promise_kept UNION SELECT link_doc, link_ord FROM promise_register WHERE link_doc IS NOT NULL) s
  JOIN structure_commitments c ON c.doc_id = s.doc_id AND c.ord = s.ord`;
/** A plain commitment as a row of the union (its columns in the union's order). */
const PLAIN_COLS = `'document'::text AS src, c.doc_id AS doc_id, c.ord AS ord, c.text AS text, c.folded AS folded, c.actor AS actor, c.due AS due,
  c.due_date AS due_date, c.topic AS topic, c.made AS made, NULL::text AS tz_id, NULL::text AS reg_folded, NULL::text AS reg_status, NULL::text AS kept_doc,
  NULL::text AS kept_evidence, NULL::text AS kept_sentence, NULL::text AS kept_via, NULL::text AS kept_date`;
const NOT_CONCLUDED = `NOT EXISTS (SELECT 1 FROM promise_kept k WHERE k.doc_id = c.doc_id AND k.ord = c.ord)
  AND NOT EXISTS (SELECT 1 FROM promise_register r WHERE r.link_doc = c.doc_id AND r.link_ord = c.ord)`;
/** A plain commitment's deadline status and kept state (overdue when past its deadline, else open). */
const plainCell = (p: SqlParams, today: string) => {
  const t = p.add(today);
  return `(CASE WHEN c.due_date IS NULL THEN 'no-date' WHEN c.due_date < ${t} THEN 'overdue' WHEN c.due_date >= ${t} AND c.due_date <= ${p.add(monthEnd(today))} THEN 'this-month' ELSE 'later' END) AS status,
  (CASE WHEN c.due_date < ${t} THEN 'overdue' ELSE 'open' END) AS kept`;
};
const ORDER = 'due_date IS NULL, due_date, made DESC NULLS LAST, doc_id NULLS FIRST, ord NULLS FIRST, tz_id NULLS FIRST';

/** A row's deadline status. */
const statusCase = (p: SqlParams, today: string) => {
  const t = p.add(today);
  return `(CASE WHEN u.due_date IS NULL THEN 'no-date' WHEN u.due_date < ${t} THEN 'overdue' WHEN u.due_date >= ${t} AND u.due_date <= ${p.add(monthEnd(today))} THEN 'this-month' ELSE 'later' END)`;
};

/**
 * A row's kept state, as promiseRowFrom() computes it: kept by a document dated up to today (a letter of tomorrow keeps
 * nothing yet) or by the register's word; else overdue when past its deadline and not closed in the register.
 * lower() of a "C" text folds ASCII only, as SQLite's lower().
 */
const keptCase = (p: SqlParams, today: string) => {
  const t = p.add(today);
  return `(CASE
  WHEN u.kept_date <= ${t} OR lower(coalesce(u.reg_status, '')) IN ('voldaan', 'nagekomen') THEN 'fulfilled'
  WHEN u.due_date < ${t} AND (u.reg_status IS NULL OR lower(u.reg_status) LIKE '%openstaand%' OR lower(u.reg_status) LIKE '%deels%') THEN 'overdue'
  ELSE 'open' END)`;
};

/** The PromiseStore on PostgreSQL. Open with `PgPromiseStore.open(db)` (applies the migrations). */
export class PgPromiseStore implements PromiseStore {
  /** The mark of each dirty document as dirtyDocuments() last read it, until clearDirty() clears it. */
  private readonly marksRead = new Map<string, number>();

  constructor(private readonly db: PgDb) {}

  /** This store on `db` (a transaction's, see PgDb.atomic). */
  private on(db: PgDb): PgPromiseStore {
    return db === this.db ? this : new PgPromiseStore(db);
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

  /** Applies the "promises" migrations after the "structure" ones its tables and triggers refer to. */
  static async migrate(db: PgDb): Promise<void> {
    await PgStructureStore.migrate(db);
    await db.migrate('promises', PG_PROMISE_MIGRATIONS);
  }

  /** A store on `db`, its schema brought up to date first. */
  static async open(db: PgDb): Promise<PgPromiseStore> {
    await PgPromiseStore.migrate(db);
    return new PgPromiseStore(db);
  }

  async dirtyDocuments(limit: number): Promise<string[]> {
    const rows = await this.rows<{ doc_id: string; mark: number }>('SELECT doc_id, mark FROM promise_dirty ORDER BY doc_id LIMIT $1', [limitOf(limit)]);
    for (const r of rows) this.marksRead.set(r.doc_id, r.mark);
    return rows.map((r) => r.doc_id);
  }

  async dirtyCount(): Promise<number> {
    return Number((await this.one<{ n: string }>('SELECT COUNT(*) AS n FROM promise_dirty'))!.n);
  }

  async clearDirty(docIds: string[]): Promise<void> {
    if (docIds.length === 0) return;
    // A mark newer than the one read (the document written again meanwhile, perhaps by another node, perhaps not yet
    // committed: the delete waits for it) stays. A document this store did not read as dirty is cleared whatever its mark.
    const marks = docIds.map((id) => this.marksRead.get(id) ?? Number.MAX_SAFE_INTEGER);
    await this.q(
      'DELETE FROM promise_dirty d USING unnest($1::text[], $2::bigint[]) AS r(doc_id, mark) WHERE d.doc_id = r.doc_id AND d.mark <= r.mark',
      [docIds, marks],
    );
    for (const id of docIds) this.marksRead.delete(id);
  }

  async markAllDirty(): Promise<void> {
    await this.q("INSERT INTO promise_dirty (doc_id, mark) SELECT doc_id, nextval('promise_dirty_mark') FROM structure_docs ON CONFLICT DO NOTHING");
  }

  async commitmentsOf(docIds: string[] | null, followed: boolean): Promise<OpenCommitment[]> {
    if (docIds !== null && docIds.length === 0) return [];
    const cond = followed ? 'AND c.due_date IS NOT NULL AND c.topic IS NOT NULL' : '';
    const rows = await this.rows<CommitmentCols>(
      `SELECT ${COMMITMENT_COLS} FROM structure_commitments c JOIN structure_docs d ON d.doc_id = c.doc_id
       WHERE ${docIds === null ? 'TRUE' : 'c.doc_id = ANY($1::text[])'} ${cond} ORDER BY c.doc_id, c.ord`,
      docIds === null ? [] : [docIds],
    );
    return rows.map(toOpen);
  }

  async openCommitments(): Promise<OpenCommitment[]> {
    // In the order the commitments were stored, as SQLite's scan gives them.
    const rows = await this.rows<CommitmentCols>(
      `SELECT ${COMMITMENT_COLS} FROM structure_commitments c JOIN structure_docs d ON d.doc_id = c.doc_id
       WHERE c.due_date IS NOT NULL AND c.topic IS NOT NULL AND d.date IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM promise_kept k WHERE k.doc_id = c.doc_id AND k.ord = c.ord)
       ORDER BY c.seq`,
    );
    return rows.map(toOpen);
  }

  async commitmentsDated(from: string, to: string): Promise<OpenCommitment[]> {
    const rows = await this.rows<CommitmentCols>(
      `SELECT ${COMMITMENT_COLS} FROM structure_docs d JOIN structure_commitments c ON c.doc_id = d.doc_id
       WHERE d.date >= $1 AND d.date <= $2 ORDER BY d.date, c.doc_id, c.ord`,
      [from, to],
    );
    return rows.map(toOpen);
  }

  async docMeta(ids: string[]): Promise<Map<string, DocMeta>> {
    const out = new Map<string, DocMeta>();
    if (ids.length === 0) return out;
    const rows = await this.rows<{ doc_id: string; title: string; kind: string; date: string | null; signers: string | null }>(
      'SELECT doc_id, title, kind, date, signers FROM structure_docs WHERE doc_id = ANY($1::text[]) ORDER BY doc_id',
      [[...new Set(ids)]],
    );
    for (const r of rows) out.set(r.doc_id, { id: r.doc_id, title: r.title, kind: r.kind as DocumentKind, date: r.date, signers: r.signers });
    return out;
  }

  async latestDate(kinds: readonly string[]): Promise<string | null> {
    if (kinds.length === 0) return null;
    const row = await this.one<{ date: string }>(
      'SELECT date FROM structure_docs WHERE date IS NOT NULL AND kind = ANY($1::text[]) ORDER BY date DESC LIMIT 1',
      [[...kinds]],
    );
    return row?.date ?? null;
  }

  async setKept(rows: Parameters<PromiseStore['setKept']>[0]): Promise<void> {
    const last = lastPerKey(rows, (r) => `${r.docId}\u0000${r.ordinal}`);
    if (last.length === 0) return;
    const kept = last.filter((r) => r.keptBy !== null);
    await this.db.atomic(
      async (db) => {
        const s = this.on(db);
        // The keeper's date is copied here and kept current by the triggers of writers of
        // structure_docs, which see only committed rows: a writer changing a keeper between this
        // copy and this commit would miss the row inserted here and leave the old date. A shared
        // lock on the keepers' rows makes such a writer wait for this unit (its trigger then sees
        // the row), and makes this unit wait for a writer already at it (the copy then reads what
        // it committed). Sorted, so that two units lock in one order.
        if (kept.length > 0) {
          await s.q('SELECT 1 FROM structure_docs WHERE doc_id = ANY($1::text[]) ORDER BY doc_id FOR SHARE', [[...new Set(kept.map((r) => r.keptBy!.docId))]]);
        }
        await s.q('DELETE FROM promise_kept WHERE (doc_id, ord) IN (SELECT * FROM unnest($1::text[], $2::int[]))', [
          last.map((r) => r.docId),
          last.map((r) => r.ordinal),
        ]);
        if (kept.length === 0) return;
        await s.q(
          `INSERT INTO promise_kept (doc_id, ord, by_doc, evidence, sentence, via, by_date)
           SELECT u.*, (SELECT d.date FROM structure_docs d WHERE d.doc_id = u.by_doc)
           FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(doc_id, ord, by_doc, evidence, sentence, via)`,
          [
            kept.map((r) => r.docId),
            kept.map((r) => r.ordinal),
            kept.map((r) => r.keptBy!.docId),
            kept.map((r) => r.keptBy!.evidence),
            kept.map((r) => r.keptBy!.sentence),
            kept.map((r) => r.keptBy!.via),
          ],
        );
      },
      { retry: true },
    );
  }

  async forgetDocuments(docIds: string[]): Promise<{ lost: { docId: string; ordinal: number }[]; unlinked: string[] }> {
    if (docIds.length === 0) return { lost: [], unlinked: [] };
    const ids = new Set(docIds);
    return this.db.atomic(
      async (db) => {
        const s = this.on(db);
        const gone = await s.rows<{ doc_id: string; ord: number; by_doc: string }>(
          'DELETE FROM promise_kept WHERE doc_id = ANY($1::text[]) OR by_doc = ANY($1::text[]) RETURNING doc_id, ord, by_doc',
          [docIds],
        );
        const lost = gone
          .filter((r) => ids.has(r.by_doc) && !ids.has(r.doc_id))
          .sort((a, b) => cmp(a.by_doc, b.by_doc) || cmp(a.doc_id, b.doc_id) || a.ord - b.ord)
          .map((r) => ({ docId: r.doc_id, ordinal: r.ord }));
        // The register's links to these documents' commitments are made again by the pass; the letters they were go.
        // One update of both (the old row, joined, tells which link was dropped).
        const changed = await s.rows<{ tz_id: string; link_doc: string | null; link_ord: number | null; seq: number }>(
          `UPDATE promise_register r SET
             link_doc = CASE WHEN r.link_doc = ANY($1::text[]) THEN NULL ELSE r.link_doc END,
             link_ord = CASE WHEN r.link_doc = ANY($1::text[]) THEN NULL ELSE r.link_ord END,
             link_score = CASE WHEN r.link_doc = ANY($1::text[]) THEN NULL ELSE r.link_score END,
             link_reasons = CASE WHEN r.link_doc = ANY($1::text[]) THEN NULL ELSE r.link_reasons END,
             kept_doc = CASE WHEN r.kept_doc = ANY($1::text[]) THEN NULL ELSE r.kept_doc END,
             kept_evidence = CASE WHEN r.kept_doc = ANY($1::text[]) THEN NULL ELSE r.kept_evidence END
           FROM promise_register o
           WHERE o.tz_id = r.tz_id AND (o.link_doc = ANY($1::text[]) OR o.kept_doc = ANY($1::text[]))
           RETURNING o.tz_id, o.link_doc, o.link_ord, o.seq`,
          [docIds],
        );
        const unlinked = changed
          .filter((r) => r.link_doc !== null && ids.has(r.link_doc))
          .sort((a, b) => cmp(a.link_doc!, b.link_doc!) || a.link_ord! - b.link_ord! || a.seq - b.seq)
          .map((r) => r.tz_id);
        return { lost, unlinked };
      },
      { retry: true },
    );
  }

  async putRegister(rows: RegisterRow[]): Promise<void> {
    const last = lastPerKey(rows, (r) => r.id);
    if (last.length === 0) return;
    const col = <T>(f: (r: RegisterRow) => T) => last.map(f);
    // An update keeps the link and the letter found before (and the row's place in the register's order); the pass checks them again.
    await this.q(
      `INSERT INTO promise_register (tz_id, nummer, text, folded, actor, surname, role, ministry, status, due_date, created, activity_id, kamerbrief)
       SELECT x.tz_id, x.nummer, x.text, x.folded, x.actor, x.surname, x.role, x.ministry, x.status, x.due_date, x.created, x.activity_id, x.kamerbrief
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                   $12::text[], $13::text[]) WITH ORDINALITY
         AS x(tz_id, nummer, text, folded, actor, surname, role, ministry, status, due_date, created, activity_id, kamerbrief, n)
       ORDER BY x.n
       ON CONFLICT (tz_id) DO UPDATE SET nummer = excluded.nummer, text = excluded.text, folded = excluded.folded, actor = excluded.actor,
         surname = excluded.surname, role = excluded.role, ministry = excluded.ministry, status = excluded.status, due_date = excluded.due_date,
         created = excluded.created, activity_id = excluded.activity_id, kamerbrief = excluded.kamerbrief`,
      [
        col((r) => r.id), col((r) => r.nummer), col((r) => r.text), col((r) => foldText(r.text)), col((r) => r.actor), col((r) => r.surname),
        col((r) => r.role), col((r) => r.ministry), col((r) => r.status), col((r) => r.dueDate), col((r) => r.created), col((r) => r.activityId),
        col((r) => JSON.stringify(r.kamerbrief)),
      ],
    );
  }

  async removeRegister(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.q('DELETE FROM promise_register WHERE tz_id = ANY($1::text[])', [ids]);
  }

  async register(ids: string[]): Promise<RegisterRow[]> {
    if (ids.length === 0) return [];
    return (await this.rows<RegisterRecord>('SELECT * FROM promise_register WHERE tz_id = ANY($1::text[]) ORDER BY tz_id', [ids])).map(registerFromRecord);
  }

  async unlinkedRegister(from: string, to: string): Promise<RegisterRow[]> {
    const rows = await this.rows<RegisterRecord>(
      'SELECT * FROM promise_register WHERE link_doc IS NULL AND created >= $1 AND created <= $2 ORDER BY seq',
      [from, to],
    );
    return rows.map(registerFromRecord);
  }

  async unresolvedKamerbrief(): Promise<RegisterRow[]> {
    return (await this.rows<RegisterRecord>("SELECT * FROM promise_register WHERE kept_doc IS NULL AND kamerbrief <> '[]' ORDER BY seq")).map(registerFromRecord);
  }

  async setRegisterLink(id: string, link: RegisterLink | null): Promise<void> {
    await this.q('UPDATE promise_register SET link_doc = $1, link_ord = $2, link_score = $3, link_reasons = $4 WHERE tz_id = $5', [
      link?.docId ?? null,
      link?.ordinal ?? null,
      link?.score ?? null,
      link ? JSON.stringify(link.reasons) : null,
      id,
    ]);
  }

  async setRegisterKept(id: string, keptBy: { docId: string; evidence: string } | null): Promise<void> {
    await this.q('UPDATE promise_register SET kept_doc = $1, kept_evidence = $2 WHERE tz_id = $3', [keptBy?.docId ?? null, keptBy?.evidence ?? null, id]);
  }

  async linksOf(docIds: string[]): Promise<{ docId: string; ordinal: number; registerId: string }[]> {
    if (docIds.length === 0) return [];
    const rows = await this.rows<{ tz_id: string; link_doc: string; link_ord: number }>(
      'SELECT tz_id, link_doc, link_ord FROM promise_register WHERE link_doc = ANY($1::text[]) ORDER BY link_doc, link_ord, seq',
      [docIds],
    );
    return rows.map((r) => ({ docId: r.link_doc, ordinal: r.link_ord, registerId: r.tz_id }));
  }

  async keptBy(byDocIds: string[]): Promise<{ byDocId: string; docId: string; ordinal: number; text: string; actor: string | null; evidence: string }[]> {
    if (byDocIds.length === 0) return [];
    const rows = await this.rows<{ by_doc: string; doc_id: string; ord: number; text: string; actor: string | null; evidence: string }>(
      `SELECT k.by_doc, c.doc_id, c.ord, c.text, c.actor, k.evidence FROM promise_kept k
       JOIN structure_commitments c ON c.doc_id = k.doc_id AND c.ord = k.ord WHERE k.by_doc = ANY($1::text[])
       ORDER BY k.by_doc, c.doc_id, c.ord`,
      [[...new Set(byDocIds)]],
    );
    return rows.map((r) => ({ byDocId: r.by_doc, docId: r.doc_id, ordinal: r.ord, text: r.text, actor: r.actor, evidence: r.evidence }));
  }

  /** The FROM clause of a listing, its values bound in `p`: the union narrowed to the query's filters (`status`/`kept` optional). */
  private filtered(query: PromiseQuery, p: SqlParams, docFrom?: string): string {
    const where: string[] = [];
    const actor = query.actor?.trim();
    if (actor) {
      if (actor.toLowerCase() === 'kabinet') where.push("(u.src = 'document' AND (u.actor IS NULL OR lower(u.actor) IN ('kabinet', 'het kabinet')))");
      else {
        // A document's actor exactly (as the filter lists them, ASCII case folded as SQLite's NOCASE); a register row's by its words.
        where.push(
          `((u.src = 'document' AND lower(u.actor) = lower(${p.add(actor)}::text COLLATE "C")) OR (u.src = 'register' AND strpos(lower(u.actor), ${p.add(foldText(actor))}) > 0))`,
        );
      }
    }
    if (query.status) where.push(`${statusCase(p, query.today)} = ${p.add(query.status)}`);
    if (query.kept) where.push(`${keptCase(p, query.today)} = ${p.add(query.kept)}`);
    if (query.source) where.push(query.source === 'document' ? "u.src = 'document'" : "(u.src = 'register' OR u.tz_id IS NOT NULL)");
    for (const word of foldText(query.q ?? '').split(/\s+/).filter(Boolean)) {
      const w = p.add(word);
      where.push(`(strpos(u.folded, ${w}) > 0 OR strpos(coalesce(u.reg_folded, ''), ${w}) > 0)`);
    }
    // One document's or one register entry's promises: narrowed inside each branch, where the indexes are.
    let docWhere = 'TRUE';
    let regWhere = 'TRUE';
    if (query.docIds) {
      docWhere = `c.doc_id = ANY(${p.add(query.docIds)}::text[])`;
      regWhere = 'FALSE';
    }
    if (query.registerIds) {
      const ids = p.add(query.registerIds);
      docWhere = `${docWhere} AND r.tz_id = ANY(${ids}::text[])`;
      if (!query.docIds) regWhere = `r.tz_id = ANY(${ids}::text[])`;
    }
    return `FROM (${union(docWhere, regWhere, docFrom)}) u ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  }

  /** The conditions of the query's filters on a plain commitment `c` (its own columns), bound in `p`; null when no plain commitment can match. */
  private plainWhere(query: PromiseQuery, p: SqlParams): string[] | null {
    if (query.source === 'register' || query.kept === 'fulfilled') return null;
    const where: string[] = [];
    const actor = query.actor?.trim();
    if (actor) {
      if (actor.toLowerCase() === 'kabinet') where.push("(c.actor IS NULL OR lower(c.actor) IN ('kabinet', 'het kabinet'))");
      else where.push(`lower(c.actor) = lower(${p.add(actor)}::text COLLATE "C")`);
    }
    for (const word of foldText(query.q ?? '').split(/\s+/).filter(Boolean)) where.push(`strpos(c.folded, ${p.add(word)}) > 0`);
    const end = monthEnd(query.today);
    if (query.status === 'overdue') where.push(`c.due_date < ${p.add(query.today)}`);
    if (query.status === 'this-month') where.push(`c.due_date >= ${p.add(query.today)} AND c.due_date <= ${p.add(end)}`);
    if (query.status === 'later') where.push(`c.due_date > ${p.add(end)}`);
    if (query.status === 'no-date') where.push('c.due_date IS NULL');
    if (query.kept === 'overdue') where.push(`c.due_date < ${p.add(query.today)}`);
    if (query.kept === 'open') where.push(`(c.due_date IS NULL OR c.due_date >= ${p.add(query.today)})`);
    return where;
  }

  async list(query: PromiseQuery, counted?: PromiseCount[] | Promise<PromiseCount[]>): Promise<Page<PromiseRow>> {
    if (query.docIds || query.registerIds || query.limit === undefined || query.limit < 0) return this.listByUnion(query);
    // The total from the counts (the cells partition what the other filters leave).
    const cellsRead = counted ?? this.counts({ today: query.today, ...(query.actor ? { actor: query.actor } : {}), ...(query.q ? { q: query.q } : {}), ...(query.source ? { source: query.source } : {}) });
    const totalOf = (cells: PromiseCount[]) => cells.filter((c) => (!query.status || c.status === query.status) && (!query.kept || c.kept === query.kept)).reduce((n, c) => n + c.n, 0);
    if (query.limit === 0) return { total: totalOf(await cellsRead), items: [] };
    // The page is among the first offset + limit rows of each part: plain commitments with a deadline and without,
    // each walked in index order (structure_commitments_order) and so stopped early; and the concluded ones and the
    // register's own entries, few, in full.
    const p = new SqlParams();
    const n = p.add((query.offset ?? 0) + query.limit);
    const parts: string[] = [];
    const plain = this.plainWhere(query, p);
    if (plain && query.status !== 'no-date') {
      parts.push(`(SELECT ${PLAIN_COLS} FROM structure_commitments c WHERE c.due_date IS NOT NULL AND ${[...plain, NOT_CONCLUDED].join(' AND ')}
        ORDER BY c.due_date, c.made DESC NULLS LAST, c.doc_id, c.ord LIMIT ${n})`);
    }
    if (plain && (!query.status || query.status === 'no-date') && query.kept !== 'overdue') {
      parts.push(`(SELECT ${PLAIN_COLS} FROM structure_commitments c WHERE c.due_date IS NULL AND ${[...plain, NOT_CONCLUDED].join(' AND ')}
        ORDER BY c.made DESC NULLS LAST, c.doc_id, c.ord LIMIT ${n})`);
    }
    parts.push(`(SELECT u.* ${this.filtered(query, p, CONCLUDED_FROM)} ORDER BY ${ORDER.replace(/(^|, )/g, '$1u.')} LIMIT ${n})`);
    // The page's rows do not depend on the total: on the pool they are read beside the counts, each on a
    // connection of its own (/toezeggingen waited for both one after the other). A page past the end gets no items.
    const [cells, rows] = await Promise.all([
      cellsRead,
      this.rows<PromiseUnionRecord>(
        `SELECT * FROM (${parts.join(' UNION ALL ')}) x ORDER BY ${ORDER.replace(/(^|, )/g, '$1x.')}
         LIMIT ${p.add(query.limit)} OFFSET ${p.add(offsetOf(query.offset))}`,
        p.values,
      ),
    ]);
    const total = totalOf(cells);
    return { total, items: total <= (query.offset ?? 0) ? [] : await this.hydrate(rows, query.today) };
  }

  /** The list as one query over the whole union: for one document's or register entry's promises, where the indexes narrow it. */
  private async listByUnion(query: PromiseQuery): Promise<Page<PromiseRow>> {
    const p = new SqlParams();
    const from = this.filtered(query, p);
    const total = (await this.one<{ n: number }>(`SELECT COUNT(*) AS n ${from}`, p.values))!.n;
    if (query.limit === 0) return { total, items: [] };
    const rows = await this.rows<PromiseUnionRecord>(
      `SELECT u.* ${from}
       ORDER BY u.due_date IS NULL, u.due_date, u.made DESC NULLS LAST, u.doc_id NULLS FIRST, u.ord NULLS FIRST, u.tz_id NULLS FIRST
       LIMIT ${p.add(limitOf(query.limit))} OFFSET ${p.add(offsetOf(query.offset))}`,
      p.values,
    );
    return { total, items: await this.hydrate(rows, query.today) };
  }

  async counts(query: Omit<PromiseQuery, 'status' | 'kept' | 'offset' | 'limit'>): Promise<{ status: DeadlineStatus; kept: KeptState; n: number }[]> {
    const p = new SqlParams();
    const status = statusCase(p, query.today);
    const kept = keptCase(p, query.today);
    if (query.docIds || query.registerIds) {
      const from = this.filtered(query, p);
      // In the order of the groups, as SQLite's sorted GROUP BY gives them.
      return this.rows<{ status: DeadlineStatus; kept: KeptState; n: number }>(
        `SELECT status, kept, n FROM (SELECT ${status} AS status, ${kept} AS kept, COUNT(*) AS n ${from} GROUP BY 1, 2) g
         ORDER BY status COLLATE "C", kept COLLATE "C"`,
        p.values,
      );
    }
    // Every commitment counted as if plain (over structure_commitments' indexes), the concluded ones taken out
    // again as plain and counted as what they are, with the register's own entries.
    const parts: string[] = [`SELECT ${status} AS status, ${kept} AS kept, COUNT(*) AS n ${this.filtered(query, p, CONCLUDED_FROM)} GROUP BY 1, 2`];
    const plain = this.plainWhere(query, p);
    if (plain) {
      const where = plain.length ? `WHERE ${plain.join(' AND ')}` : '';
      const cell = plainCell(p, query.today);
      parts.push(`SELECT ${cell}, COUNT(*) AS n FROM structure_commitments c ${where} GROUP BY 1, 2`);
      parts.push(`SELECT ${cell}, -COUNT(*) AS n FROM ${CONCLUDED_FROM} ${where} GROUP BY 1, 2`);
    }
    return this.rows<{ status: DeadlineStatus; kept: KeptState; n: number }>(
      `SELECT status, kept, SUM(n)::int AS n FROM (${parts.join(' UNION ALL ')}) g GROUP BY status, kept HAVING SUM(n) > 0
       ORDER BY status COLLATE "C", kept COLLATE "C"`,
      p.values,
    );
  }

  /** The page's rows with their documents and register rows: two queries whatever the page's size. */
  private async hydrate(rows: PromiseUnionRecord[], today: string): Promise<PromiseRow[]> {
    const docs = await this.docRefs(rows.flatMap((r) => [r.doc_id, r.kept_doc]).filter((x): x is string => !!x));
    const tzIds = [...new Set(rows.map((r) => r.tz_id).filter((x): x is string => !!x))];
    const regs = new Map<string, RegisterRecord>();
    if (tzIds.length) {
      for (const r of await this.rows<RegisterRecord>('SELECT * FROM promise_register WHERE tz_id = ANY($1::text[])', [tzIds])) regs.set(r.tz_id, r);
    }
    return rows.map((r) => promiseRowFrom(r, r.tz_id ? regs.get(r.tz_id) ?? null : null, docs, today));
  }

  private async docRefs(ids: string[]): Promise<Map<string, DocRef>> {
    const out = new Map<string, DocRef>();
    if (ids.length === 0) return out;
    const rows = await this.rows<{ doc_id: string; title: string; kind: string; date: string | null }>(
      'SELECT doc_id, title, kind, date FROM structure_docs WHERE doc_id = ANY($1::text[])',
      [[...new Set(ids)]],
    );
    for (const r of rows) out.set(r.doc_id, { id: r.doc_id, title: r.title, kind: r.kind as DocumentKind, date: r.date });
    return out;
  }

  async getMeta(key: string): Promise<string | null> {
    return (await this.one<{ value: string }>('SELECT value FROM promise_meta WHERE key = $1', [key]))?.value ?? null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.q('INSERT INTO promise_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }
}

/** Code-unit order: the byte order PostgreSQL's "C" collation and SQLite give the ids here (ASCII). */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
