/**
 * The SQLite PromiseStore (migration namespace `promises`): the fulfilment of each commitment,
 * the Kamer's register as rows with their link to a document commitment, and the documents
 * whose structure changed since the last promise pass. It reads the structure rows on the same
 * connection (like the missing store), and triggers on `structure_docs` mark changed documents,
 * so no writer of documents has to know about promises.
 */
import type { DocumentKind } from '../../domain/index.js';
import { foldText, monthEnd, type DeadlineStatus, type DocRef, type Page } from '../structure-index.js';
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
import { applyMigrations, type SqliteDb } from './connection.js';
import { atomic, writerOf } from './unit-of-work.js';

/** Append only: a released migration is never edited. */
export const PROMISE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE promise_dirty (doc_id TEXT PRIMARY KEY);
  CREATE TRIGGER promise_dirty_put AFTER INSERT ON structure_docs BEGIN
    INSERT OR IGNORE INTO promise_dirty (doc_id) VALUES (NEW.doc_id);
  END;
  CREATE TRIGGER promise_dirty_remove AFTER DELETE ON structure_docs BEGIN
    INSERT OR IGNORE INTO promise_dirty (doc_id) VALUES (OLD.doc_id);
  END;
  -- Documents stored before promises were followed: the first pass looks at all of them.
  INSERT OR IGNORE INTO promise_dirty (doc_id) SELECT doc_id FROM structure_docs;
  CREATE TABLE promise_kept (
    doc_id   TEXT NOT NULL,
    ord      INTEGER NOT NULL,
    by_doc   TEXT NOT NULL,
    evidence TEXT NOT NULL,
    sentence TEXT,
    via      TEXT NOT NULL,
    PRIMARY KEY (doc_id, ord)
  );
  CREATE INDEX promise_kept_by ON promise_kept(by_doc);
  CREATE TABLE promise_register (
    tz_id        TEXT PRIMARY KEY,
    nummer       TEXT,
    text         TEXT NOT NULL,
    folded       TEXT NOT NULL,
    actor        TEXT,
    surname      TEXT,
    role         TEXT,
    ministry     TEXT,
    status       TEXT,
    due_date     TEXT,
    created      TEXT,
    activity_id  TEXT,
    kamerbrief   TEXT NOT NULL,
    kept_doc     TEXT,
    kept_evidence TEXT,
    link_doc     TEXT,
    link_ord     INTEGER,
    link_score   REAL,
    link_reasons TEXT
  );
  CREATE INDEX promise_register_link ON promise_register(link_doc, link_ord);
  CREATE INDEX promise_register_created ON promise_register(created);
  CREATE TABLE promise_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
  // Issue 15: whether a promise is kept on a day is its keeper's date against that day. The date is
  // kept with the promise (by_date), as the keeper's row says it now: set when the keeper is
  // recorded, and again by these triggers whenever the keeper is written or removed, so that counting
  // kept promises does not look up a document per promise.
  `
  ALTER TABLE promise_kept ADD COLUMN by_date TEXT;
  UPDATE promise_kept SET by_date = (SELECT d.date FROM structure_docs d WHERE d.doc_id = promise_kept.by_doc);
  CREATE TRIGGER promise_kept_date_put AFTER INSERT ON structure_docs BEGIN
    UPDATE promise_kept SET by_date = NEW.date WHERE by_doc = NEW.doc_id;
  END;
  CREATE TRIGGER promise_kept_date_remove AFTER DELETE ON structure_docs BEGIN
    UPDATE promise_kept SET by_date = NULL WHERE by_doc = OLD.doc_id;
  END;
  `,
];

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** SQLite's bound-parameter limit is 32766; lists are cut well below it. */
function chunks<T>(xs: readonly T[], n = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

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

/**
 * Both sources as one relation: each document commitment (with the register row linked to it,
 * if any), then each register row that no document commitment is linked to.
 */
function union(docWhere: string, regWhere: string, docFrom = 'structure_commitments c'): string {
  return `
  SELECT 'document' AS src, c.doc_id AS doc_id, c.ord AS ord, c.text AS text, c.folded AS folded, c.actor AS actor, c.due AS due,
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
const CONCLUDED = `(SELECT doc_id, ord FROM promise_kept UNION SELECT link_doc, link_ord FROM promise_register WHERE link_doc IS NOT NULL)`;
// CROSS JOIN: SQLite keeps the few concluded ones outside (its planner would scan every commitment instead).
const CONCLUDED_FROM = `${CONCLUDED} s CROSS JOIN structure_commitments c ON c.doc_id = s.doc_id AND c.ord = s.ord`;
/** A plain commitment as a row of the union (its columns in the union's order). */
const PLAIN_COLS = `'document' AS src, c.doc_id AS doc_id, c.ord AS ord, c.text AS text, c.folded AS folded, c.actor AS actor, c.due AS due,
  c.due_date AS due_date, c.topic AS topic, c.made AS made, NULL AS tz_id, NULL AS reg_folded, NULL AS reg_status, NULL AS kept_doc,
  NULL AS kept_evidence, NULL AS kept_sentence, NULL AS kept_via, NULL AS kept_date`;
const NOT_CONCLUDED = `NOT EXISTS (SELECT 1 FROM promise_kept k WHERE k.doc_id = c.doc_id AND k.ord = c.ord)
  AND NOT EXISTS (SELECT 1 FROM promise_register r WHERE r.link_doc = c.doc_id AND r.link_ord = c.ord)`;
/** A plain commitment's deadline status and kept state (overdue when past its deadline, else open); binds today, today, the month's end, today. */
const PLAIN_CELL = `(CASE WHEN c.due_date IS NULL THEN 'no-date' WHEN c.due_date < ? THEN 'overdue' WHEN c.due_date >= ? AND c.due_date <= ? THEN 'this-month' ELSE 'later' END) AS status,
  (CASE WHEN c.due_date < ? THEN 'overdue' ELSE 'open' END) AS kept`;

/** A row's deadline status; binds today, today, the month's end. */
const STATUS_CASE = `(CASE WHEN u.due_date IS NULL THEN 'no-date' WHEN u.due_date < ? THEN 'overdue' WHEN u.due_date >= ? AND u.due_date <= ? THEN 'this-month' ELSE 'later' END)`;

/**
 * A row's kept state, as hydrate() computes it: kept by a document dated up to today (a letter of tomorrow keeps
 * nothing yet) or by the register's word; else overdue when past its deadline and not closed in the register. Binds today, today.
 */
const KEPT_CASE = `(CASE
  WHEN u.kept_date <= ? OR lower(coalesce(u.reg_status, '')) IN ('voldaan', 'nagekomen') THEN 'fulfilled'
  WHEN u.due_date < ? AND (u.reg_status IS NULL OR lower(u.reg_status) LIKE '%openstaand%' OR lower(u.reg_status) LIKE '%deels%') THEN 'overdue'
  ELSE 'open' END)`;

export class SqlitePromiseStore implements PromiseStore {
  constructor(private readonly db: SqliteDb) {
    applyMigrations(db, 'promises', PROMISE_MIGRATIONS);
  }

  /** Through the connection's writer (unit-of-work.ts): inside the caller's unit of work, or one of its own. */
  private write<T>(fn: () => T): Promise<T> {
    return writerOf(this.db).run(async () => fn());
  }

  async dirtyDocuments(limit: number): Promise<string[]> {
    return (this.db.prepare('SELECT doc_id FROM promise_dirty ORDER BY doc_id LIMIT ?').all(limit) as { doc_id: string }[]).map((r) => r.doc_id);
  }

  async dirtyCount(): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM promise_dirty').get() as { n: number }).n;
  }

  async clearDirty(docIds: string[]): Promise<void> {
    const del = this.db.prepare('DELETE FROM promise_dirty WHERE doc_id = ?');
    await this.write(atomic(this.db, () => {
      for (const id of docIds) del.run(id);
    }));
  }

  async markAllDirty(): Promise<void> {
    await this.write(() => this.db.prepare('INSERT OR IGNORE INTO promise_dirty (doc_id) SELECT doc_id FROM structure_docs').run());
  }

  async commitmentsOf(docIds: string[] | null, followed: boolean): Promise<OpenCommitment[]> {
    const cond = followed ? 'AND c.due_date IS NOT NULL AND c.topic IS NOT NULL' : '';
    const sql = (where: string) =>
      `SELECT c.doc_id, c.ord, c.text, c.actor, c.topic, c.due_date, d.date FROM structure_commitments c
       JOIN structure_docs d ON d.doc_id = c.doc_id WHERE ${where} ${cond} ORDER BY c.doc_id, c.ord`;
    if (docIds === null) return (this.db.prepare(sql('1')).all() as CommitmentCols[]).map(toOpen);
    const out: OpenCommitment[] = [];
    for (const part of chunks(docIds)) out.push(...(this.db.prepare(sql(`c.doc_id IN (${marks(part.length)})`)).all(...part) as CommitmentCols[]).map(toOpen));
    return out;
  }

  async openCommitments(): Promise<OpenCommitment[]> {
    return (
      this.db
        .prepare(
          `SELECT c.doc_id, c.ord, c.text, c.actor, c.topic, c.due_date, d.date FROM structure_commitments c
           JOIN structure_docs d ON d.doc_id = c.doc_id
           WHERE c.due_date IS NOT NULL AND c.topic IS NOT NULL AND d.date IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM promise_kept k WHERE k.doc_id = c.doc_id AND k.ord = c.ord)`,
        )
        .all() as CommitmentCols[]
    ).map(toOpen);
  }

  async commitmentsDated(from: string, to: string): Promise<OpenCommitment[]> {
    return (
      this.db
        .prepare(
          `SELECT c.doc_id, c.ord, c.text, c.actor, c.topic, c.due_date, d.date FROM structure_docs d
           JOIN structure_commitments c ON c.doc_id = d.doc_id WHERE d.date >= ? AND d.date <= ? ORDER BY d.date, c.doc_id, c.ord`,
        )
        .all(from, to) as CommitmentCols[]
    ).map(toOpen);
  }

  async docMeta(ids: string[]): Promise<Map<string, DocMeta>> {
    const out = new Map<string, DocMeta>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = this.db
        .prepare(`SELECT doc_id, title, kind, date, signers FROM structure_docs WHERE doc_id IN (${marks(part.length)})`)
        .all(...part) as { doc_id: string; title: string; kind: string; date: string | null; signers: string | null }[];
      for (const r of rows) out.set(r.doc_id, { id: r.doc_id, title: r.title, kind: r.kind as DocumentKind, date: r.date, signers: r.signers });
    }
    return out;
  }

  async latestDate(kinds: readonly string[]): Promise<string | null> {
    if (kinds.length === 0) return null;
    // Walks the date index from the end: the first row of a wanted kind ends it.
    const row = this.db
      .prepare(`SELECT date FROM structure_docs WHERE date IS NOT NULL AND kind IN (${marks(kinds.length)}) ORDER BY date DESC LIMIT 1`)
      .get(...kinds) as { date: string } | undefined;
    return row?.date ?? null;
  }

  async setKept(rows: Parameters<PromiseStore['setKept']>[0]): Promise<void> {
    const del = this.db.prepare('DELETE FROM promise_kept WHERE doc_id = ? AND ord = ?');
    const ins = this.db.prepare(
      'INSERT INTO promise_kept (doc_id, ord, by_doc, evidence, sentence, via, by_date) VALUES (?, ?, ?, ?, ?, ?, (SELECT date FROM structure_docs WHERE doc_id = ?))',
    );
    await this.write(atomic(this.db, () => {
      for (const r of rows) {
        del.run(r.docId, r.ordinal);
        if (r.keptBy) ins.run(r.docId, r.ordinal, r.keptBy.docId, r.keptBy.evidence, r.keptBy.sentence, r.keptBy.via, r.keptBy.docId);
      }
    }));
  }

  async forgetDocuments(docIds: string[]): Promise<{ lost: { docId: string; ordinal: number }[]; unlinked: string[] }> {
    const lost: { docId: string; ordinal: number }[] = [];
    const unlinked: string[] = [];
    await this.write(atomic(this.db, () => {
      for (const part of chunks(docIds)) {
        const m = marks(part.length);
        const rows = this.db.prepare(`SELECT doc_id, ord FROM promise_kept WHERE by_doc IN (${m}) AND doc_id NOT IN (${m})`).all(...part, ...part) as { doc_id: string; ord: number }[];
        lost.push(...rows.map((r) => ({ docId: r.doc_id, ordinal: r.ord })));
        this.db.prepare(`DELETE FROM promise_kept WHERE doc_id IN (${m}) OR by_doc IN (${m})`).run(...part, ...part);
        // The register's links to these documents' commitments are made again by the pass.
        unlinked.push(...(this.db.prepare(`SELECT tz_id FROM promise_register WHERE link_doc IN (${m})`).all(...part) as { tz_id: string }[]).map((r) => r.tz_id));
        this.db.prepare(`UPDATE promise_register SET link_doc = NULL, link_ord = NULL, link_score = NULL, link_reasons = NULL WHERE link_doc IN (${m})`).run(...part);
        this.db.prepare(`UPDATE promise_register SET kept_doc = NULL, kept_evidence = NULL WHERE kept_doc IN (${m})`).run(...part);
      }
    }));
    return { lost, unlinked };
  }

  async putRegister(rows: RegisterRow[]): Promise<void> {
    // An update keeps the link and the letter found before; the pass checks them again.
    const up = this.db.prepare(
      `INSERT INTO promise_register (tz_id, nummer, text, folded, actor, surname, role, ministry, status, due_date, created, activity_id, kamerbrief)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(tz_id) DO UPDATE SET nummer = excluded.nummer, text = excluded.text, folded = excluded.folded, actor = excluded.actor,
         surname = excluded.surname, role = excluded.role, ministry = excluded.ministry, status = excluded.status, due_date = excluded.due_date,
         created = excluded.created, activity_id = excluded.activity_id, kamerbrief = excluded.kamerbrief`,
    );
    await this.write(atomic(this.db, () => {
      for (const r of rows) {
        up.run(r.id, r.nummer, r.text, foldText(r.text), r.actor, r.surname, r.role, r.ministry, r.status, r.dueDate, r.created, r.activityId, JSON.stringify(r.kamerbrief));
      }
    }));
  }

  async removeRegister(ids: string[]): Promise<void> {
    await this.write(() => {
      for (const part of chunks(ids)) this.db.prepare(`DELETE FROM promise_register WHERE tz_id IN (${marks(part.length)})`).run(...part);
    });
  }

  async register(ids: string[]): Promise<RegisterRow[]> {
    const out: RegisterRow[] = [];
    for (const part of chunks(ids)) out.push(...(this.db.prepare(`SELECT * FROM promise_register WHERE tz_id IN (${marks(part.length)})`).all(...part) as RegisterRecord[]).map(registerFromRecord));
    return out;
  }

  async unlinkedRegister(from: string, to: string): Promise<RegisterRow[]> {
    return (this.db.prepare('SELECT * FROM promise_register WHERE link_doc IS NULL AND created >= ? AND created <= ?').all(from, to) as RegisterRecord[]).map(registerFromRecord);
  }

  async unresolvedKamerbrief(): Promise<RegisterRow[]> {
    return (this.db.prepare("SELECT * FROM promise_register WHERE kept_doc IS NULL AND kamerbrief <> '[]'").all() as RegisterRecord[]).map(registerFromRecord);
  }

  async setRegisterLink(id: string, link: RegisterLink | null): Promise<void> {
    await this.write(() =>
      this.db
        .prepare('UPDATE promise_register SET link_doc = ?, link_ord = ?, link_score = ?, link_reasons = ? WHERE tz_id = ?')
        .run(link?.docId ?? null, link?.ordinal ?? null, link?.score ?? null, link ? JSON.stringify(link.reasons) : null, id),
    );
  }

  async setRegisterKept(id: string, keptBy: { docId: string; evidence: string } | null): Promise<void> {
    await this.write(() => this.db.prepare('UPDATE promise_register SET kept_doc = ?, kept_evidence = ? WHERE tz_id = ?').run(keptBy?.docId ?? null, keptBy?.evidence ?? null, id));
  }

  async linksOf(docIds: string[]): Promise<{ docId: string; ordinal: number; registerId: string }[]> {
    const out: { docId: string; ordinal: number; registerId: string }[] = [];
    for (const part of chunks(docIds)) {
      const rows = this.db.prepare(`SELECT tz_id, link_doc, link_ord FROM promise_register WHERE link_doc IN (${marks(part.length)})`).all(...part) as {
        tz_id: string;
        link_doc: string;
        link_ord: number;
      }[];
      out.push(...rows.map((r) => ({ docId: r.link_doc, ordinal: r.link_ord, registerId: r.tz_id })));
    }
    return out;
  }

  async keptBy(byDocIds: string[]): Promise<{ byDocId: string; docId: string; ordinal: number; text: string; actor: string | null; evidence: string }[]> {
    const out: { byDocId: string; docId: string; ordinal: number; text: string; actor: string | null; evidence: string }[] = [];
    for (const part of chunks([...new Set(byDocIds)])) {
      const rows = this.db
        .prepare(
          `SELECT k.by_doc, c.doc_id, c.ord, c.text, c.actor, k.evidence FROM promise_kept k
           JOIN structure_commitments c ON c.doc_id = k.doc_id AND c.ord = k.ord WHERE k.by_doc IN (${marks(part.length)})
           ORDER BY k.by_doc, c.doc_id, c.ord`,
        )
        .all(...part) as { by_doc: string; doc_id: string; ord: number; text: string; actor: string | null; evidence: string }[];
      out.push(...rows.map((r) => ({ byDocId: r.by_doc, docId: r.doc_id, ordinal: r.ord, text: r.text, actor: r.actor, evidence: r.evidence })));
    }
    return out;
  }

  /** The FROM clause of a listing and its arguments: the union narrowed to the query's filters (`status`/`kept` optional). */
  private filtered(query: PromiseQuery, docFrom?: string): { from: string; args: unknown[] } {
    const where: string[] = [];
    const args: unknown[] = [];
    const actor = query.actor?.trim();
    if (actor) {
      if (actor.toLowerCase() === 'kabinet') where.push("(u.src = 'document' AND (u.actor IS NULL OR u.actor = 'kabinet' OR u.actor = 'het kabinet'))");
      else {
        // A document's actor exactly (as the filter lists them); a register row's by its words.
        where.push("((u.src = 'document' AND u.actor = ? COLLATE NOCASE) OR (u.src = 'register' AND instr(lower(u.actor), ?) > 0))");
        args.push(actor, foldText(actor));
      }
    }
    if (query.status) {
      where.push(`${STATUS_CASE} = ?`);
      args.push(query.today, query.today, monthEnd(query.today), query.status);
    }
    if (query.kept) {
      where.push(`${KEPT_CASE} = ?`);
      args.push(query.today, query.today, query.kept);
    }
    if (query.source) where.push(query.source === 'document' ? "u.src = 'document'" : "(u.src = 'register' OR u.tz_id IS NOT NULL)");
    for (const word of foldText(query.q ?? '').split(/\s+/).filter(Boolean)) {
      where.push("(instr(u.folded, ?) > 0 OR instr(coalesce(u.reg_folded, ''), ?) > 0)");
      args.push(word, word);
    }
    // One document's or one register entry's promises: narrowed inside each branch, where the indexes are.
    let docWhere = '1';
    let regWhere = '1';
    const branchArgs: unknown[] = [];
    if (query.docIds) {
      docWhere = `c.doc_id IN (${marks(query.docIds.length)})`;
      regWhere = '0';
      branchArgs.push(...query.docIds);
    }
    if (query.registerIds) {
      docWhere = `${docWhere} AND r.tz_id IN (${marks(query.registerIds.length)})`;
      branchArgs.push(...query.registerIds);
      if (!query.docIds) {
        regWhere = `r.tz_id IN (${marks(query.registerIds.length)})`;
        branchArgs.push(...query.registerIds);
      }
    }
    return { from: `FROM (${union(docWhere, regWhere, docFrom)}) u ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, args: [...branchArgs, ...args] };
  }

  /** The conditions of the query's filters on a plain commitment `c` (its own columns), or null when no plain commitment can match. */
  private plainWhere(query: PromiseQuery): { where: string[]; args: unknown[] } | null {
    if (query.source === 'register' || query.kept === 'fulfilled') return null;
    const where: string[] = [];
    const args: unknown[] = [];
    const actor = query.actor?.trim();
    if (actor) {
      // The column's NOCASE, as the union's filter compares it.
      if (actor.toLowerCase() === 'kabinet') where.push("(c.actor IS NULL OR c.actor = 'kabinet' OR c.actor = 'het kabinet')");
      else {
        where.push('c.actor = ?');
        args.push(actor);
      }
    }
    for (const word of foldText(query.q ?? '').split(/\s+/).filter(Boolean)) {
      where.push('instr(c.folded, ?) > 0');
      args.push(word);
    }
    // A plain commitment's status and kept state are ranges of its deadline (structure_commitments_order's first column).
    const end = monthEnd(query.today);
    const ranges: Record<string, [string, unknown[]]> = {
      overdue: ['c.due_date < ?', [query.today]],
      'this-month': ['c.due_date >= ? AND c.due_date <= ?', [query.today, end]],
      later: ['c.due_date > ?', [end]],
      'no-date': ['c.due_date IS NULL', []],
      'kept:overdue': ['c.due_date < ?', [query.today]],
      'kept:open': ['(c.due_date IS NULL OR c.due_date >= ?)', [query.today]],
    };
    for (const key of [query.status, query.kept ? `kept:${query.kept}` : undefined]) {
      const range = key ? ranges[key] : undefined;
      if (!range) continue;
      where.push(range[0]);
      args.push(...range[1]);
    }
    return { where, args };
  }

  async list(query: PromiseQuery, counted?: PromiseCount[] | Promise<PromiseCount[]>): Promise<Page<PromiseRow>> {
    if (query.docIds || query.registerIds || query.limit === undefined || query.limit < 0) return this.listByUnion(query);
    // The total from the counts (the cells partition what the other filters leave).
    const cells = (await counted) ?? await this.counts({ today: query.today, ...(query.actor ? { actor: query.actor } : {}), ...(query.q ? { q: query.q } : {}), ...(query.source ? { source: query.source } : {}) });
    const total = cells.filter((c) => (!query.status || c.status === query.status) && (!query.kept || c.kept === query.kept)).reduce((n, c) => n + c.n, 0);
    if (query.limit === 0 || total <= (query.offset ?? 0)) return { total, items: [] };
    // The page is among the first offset + limit rows of each part: plain commitments with a deadline and without,
    // each walked in index order (structure_commitments_order) and so stopped early; and the concluded ones and the
    // register's own entries, few, in full.
    const n = (query.offset ?? 0) + query.limit;
    const parts: string[] = [];
    const args: unknown[] = [];
    const plain = this.plainWhere(query);
    if (plain && query.status !== 'no-date') {
      parts.push(`SELECT * FROM (SELECT ${PLAIN_COLS} FROM structure_commitments c WHERE c.due_date IS NOT NULL AND ${[...plain.where, NOT_CONCLUDED].join(' AND ')}
        ORDER BY c.due_date, c.made DESC, c.doc_id, c.ord LIMIT ?)`);
      args.push(...plain.args, n);
    }
    if (plain && (!query.status || query.status === 'no-date') && query.kept !== 'overdue') {
      parts.push(`SELECT * FROM (SELECT ${PLAIN_COLS} FROM structure_commitments c WHERE c.due_date IS NULL AND ${[...plain.where, NOT_CONCLUDED].join(' AND ')}
        ORDER BY c.made DESC, c.doc_id, c.ord LIMIT ?)`);
      args.push(...plain.args, n);
    }
    const { from, args: fromArgs } = this.filtered(query, CONCLUDED_FROM);
    parts.push(`SELECT * FROM (SELECT u.* ${from} ORDER BY u.due_date IS NULL, u.due_date, u.made DESC, u.doc_id, u.ord, u.tz_id LIMIT ?)`);
    args.push(...fromArgs, n);
    const rows = this.db
      .prepare(`SELECT * FROM (${parts.join(' UNION ALL ')}) x ORDER BY x.due_date IS NULL, x.due_date, x.made DESC, x.doc_id, x.ord, x.tz_id LIMIT ? OFFSET ?`)
      .all(...args, query.limit, query.offset ?? 0) as PromiseUnionRecord[];
    return { total, items: this.hydrate(rows, query.today) };
  }

  /** The list as one query over the whole union: for one document's or register entry's promises, where the indexes narrow it. */
  private listByUnion(query: PromiseQuery): Page<PromiseRow> {
    const { from, args } = this.filtered(query);
    const total = (this.db.prepare(`SELECT COUNT(*) AS n ${from}`).get(...args) as { n: number }).n;
    if (query.limit === 0) return { total, items: [] };
    const rows = this.db
      .prepare(`SELECT u.* ${from} ORDER BY u.due_date IS NULL, u.due_date, u.made DESC, u.doc_id, u.ord, u.tz_id LIMIT ? OFFSET ?`)
      .all(...args, query.limit ?? -1, query.offset ?? 0) as PromiseUnionRecord[];
    return { total, items: this.hydrate(rows, query.today) };
  }

  async counts(query: Omit<PromiseQuery, 'status' | 'kept' | 'offset' | 'limit'>): Promise<{ status: DeadlineStatus; kept: KeptState; n: number }[]> {
    const t = query.today;
    const end = monthEnd(t);
    if (query.docIds || query.registerIds) {
      const { from, args } = this.filtered(query);
      return this.db
        .prepare(`SELECT ${STATUS_CASE} AS status, ${KEPT_CASE} AS kept, COUNT(*) AS n ${from} GROUP BY 1, 2`)
        .all(t, t, end, t, t, ...args) as { status: DeadlineStatus; kept: KeptState; n: number }[];
    }
    // Every commitment counted as if plain (over structure_commitments' indexes), the concluded ones taken out
    // again as plain and counted as what they are, with the register's own entries.
    const parts: string[] = [];
    const args: unknown[] = [];
    const plain = this.plainWhere(query);
    if (plain) {
      const where = plain.where.length ? `WHERE ${plain.where.join(' AND ')}` : '';
      parts.push(`SELECT ${PLAIN_CELL}, COUNT(*) AS n FROM structure_commitments c ${where} GROUP BY 1, 2`);
      args.push(t, t, end, t, ...plain.args);
      parts.push(`SELECT ${PLAIN_CELL}, -COUNT(*) AS n FROM ${CONCLUDED_FROM} ${where} GROUP BY 1, 2`);
      args.push(t, t, end, t, ...plain.args);
    }
    const { from, args: fromArgs } = this.filtered(query, CONCLUDED_FROM);
    parts.push(`SELECT ${STATUS_CASE} AS status, ${KEPT_CASE} AS kept, COUNT(*) AS n ${from} GROUP BY 1, 2`);
    args.push(t, t, end, t, t, ...fromArgs);
    return this.db
      .prepare(`SELECT status, kept, SUM(n) AS n FROM (${parts.join(' UNION ALL ')}) GROUP BY status, kept HAVING SUM(n) > 0 ORDER BY status, kept`)
      .all(...args) as { status: DeadlineStatus; kept: KeptState; n: number }[];
  }

  private hydrate(rows: PromiseUnionRecord[], today: string): PromiseRow[] {
    const docs = this.docRefs([...rows.flatMap((r) => [r.doc_id, r.kept_doc])].filter((x): x is string => !!x));
    const tzIds = rows.map((r) => r.tz_id).filter((x): x is string => !!x);
    const regs = new Map<string, RegisterRecord>();
    for (const part of chunks(tzIds)) {
      for (const r of this.db.prepare(`SELECT * FROM promise_register WHERE tz_id IN (${marks(part.length)})`).all(...part) as RegisterRecord[]) regs.set(r.tz_id, r);
    }
    return rows.map((r) => promiseRowFrom(r, r.tz_id ? regs.get(r.tz_id) ?? null : null, docs, today));
  }

  private docRefs(ids: string[]): Map<string, DocRef> {
    const out = new Map<string, DocRef>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = this.db.prepare(`SELECT doc_id, title, kind, date FROM structure_docs WHERE doc_id IN (${marks(part.length)})`).all(...part) as {
        doc_id: string;
        title: string;
        kind: string;
        date: string | null;
      }[];
      for (const r of rows) out.set(r.doc_id, { id: r.doc_id, title: r.title, kind: r.kind as DocumentKind, date: r.date });
    }
    return out;
  }

  async getMeta(key: string): Promise<string | null> {
    return (this.db.prepare('SELECT value FROM promise_meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.write(() => this.db.prepare('INSERT INTO promise_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value));
  }
}
