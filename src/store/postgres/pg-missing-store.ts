/**
 * The PostgreSQL MissingStore: unresolved citations read from the structure index's rows
 * (`structure_citations`, `structure_keys`, `structure_docs`, written by the PostgreSQL
 * StructureStore under the SQLite names), and users' reports (`missing_reports`).
 */
import type { DocumentKind } from '../../domain/index.js';
import { CITED_BY_SHOWN, RAWS_SHOWN, type MissingReport, type MissingStore, type UnresolvedCitation } from '../missing-store.js';
import { MANY_CITING } from '../structure-index.js';
import type { PgDb } from './connection.js';
import { PG_MISSING_MIGRATIONS } from './missing-migrations.js';


export class PgMissingStore implements MissingStore {
  constructor(private readonly db: PgDb) {}

  /** Applies the migrations (namespace `missing`). */
  static async migrate(db: PgDb): Promise<void> {
    await db.migrate('missing', PG_MISSING_MIGRATIONS);
  }

  static async open(db: PgDb): Promise<PgMissingStore> {
    await PgMissingStore.migrate(db);
    return new PgMissingStore(db);
  }

  /**
   * Four queries whatever the limit: the keys with their counts, then beside each other the
   * spellings of all of them and the newest citers of each, taken as SQLite takes them
   * (sqlite-missing-store.ts): of a key cited by few, from its entries; of one cited by more
   * than one document in MANY_CITING, by walking the documents newest first until ten cite it.
   * At 600,000 documents, 18 keys cited by up to 39,000 documents each: reading and ordering
   * every citer took 1.0 s of the page's 1.1; four such keys walked by date take 7 ms.
   */
  async unresolvedCitations(limit: number): Promise<UnresolvedCitation[]> {
    const counted = await this.db.rows<{ key: string; n: number; docs: number }>(
      `SELECT c.key, COUNT(DISTINCT c.doc_id)::int AS n, (SELECT COUNT(*) FROM structure_docs)::int AS docs FROM structure_citations c
       WHERE c.key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM structure_keys k WHERE k.key = c.key)
       GROUP BY c.key ORDER BY n DESC, c.key COLLATE "C" LIMIT $1`,
      [limit < 0 ? null : limit],
    );
    if (counted.length === 0) return [];
    const keys = counted.map((r) => r.key);
    const many = counted.filter((r) => r.n * MANY_CITING > r.docs).map((r) => r.key);
    const few = counted.filter((r) => r.n * MANY_CITING <= r.docs).map((r) => r.key);
    type Citer = { key: string; doc_id: string; title: string; kind: string; date: string | null };
    const [raws, fewCiting, manyCiting] = await Promise.all([
      this.db.rows<{ key: string; raw: string }>(
        `SELECT key, raw FROM (
           SELECT key, raw, row_number() OVER (PARTITION BY key ORDER BY raw COLLATE "C") AS n
           FROM (SELECT DISTINCT key, raw FROM structure_citations WHERE key = ANY($1::text[])) d
         ) r WHERE n <= $2 ORDER BY key, n`,
        [keys, RAWS_SHOWN],
      ),
      few.length === 0 ? [] : this.db.rows<Citer>(
        `SELECT key, doc_id, title, kind, date FROM (
           SELECT x.*, row_number() OVER (PARTITION BY x.key ORDER BY x.date COLLATE "C" DESC NULLS LAST, x.doc_id COLLATE "C") AS n
           FROM (SELECT DISTINCT c.key, d.doc_id, d.title, d.kind, d.date
                 FROM structure_citations c JOIN structure_docs d ON d.doc_id = c.doc_id WHERE c.key = ANY($1::text[])) x
         ) y WHERE n <= $2 ORDER BY key, n`,
        [few, CITED_BY_SHOWN],
      ),
      // Dated documents down structure_docs_date, then (only if too few) the undated ones:
      // the order of `date DESC NULLS LAST, doc_id` in two walks an index can take.
      many.length === 0 ? [] : this.db.rows<Citer>(
        `SELECT k.key, d.doc_id, d.title, d.kind, d.date FROM unnest($1::text[]) WITH ORDINALITY AS k(key, i)
         CROSS JOIN LATERAL (SELECT u.* FROM (
           (SELECT d.doc_id, d.title, d.kind, d.date, 0 AS undated FROM structure_docs d
             WHERE d.date IS NOT NULL AND EXISTS (SELECT 1 FROM structure_citations c WHERE c.key = k.key AND c.doc_id = d.doc_id)
             ORDER BY d.date DESC, d.doc_id COLLATE "C" LIMIT $2)
           UNION ALL
           (SELECT d.doc_id, d.title, d.kind, d.date, 1 AS undated FROM structure_docs d
             WHERE d.date IS NULL AND EXISTS (SELECT 1 FROM structure_citations c WHERE c.key = k.key AND c.doc_id = d.doc_id)
             ORDER BY d.doc_id COLLATE "C" LIMIT $2)) u
           ORDER BY u.undated, u.date DESC, u.doc_id COLLATE "C" LIMIT $2) d
         ORDER BY k.i`,
        [many, CITED_BY_SHOWN],
      ),
    ]);
    const out = new Map<string, UnresolvedCitation>(keys.map((key) => [key, { key, raws: [], citedBy: [] }]));
    for (const r of raws) out.get(r.key)!.raws.push(r.raw);
    for (const d of [...fewCiting, ...manyCiting]) out.get(d.key)!.citedBy.push({ id: d.doc_id, title: d.title, kind: d.kind as DocumentKind, date: d.date });
    return [...out.values()];
  }

  async addReport(r: { what: string; where: string | null; userId: string; at: string }): Promise<MissingReport> {
    // A form may send U+0000, which PostgreSQL TEXT cannot hold; it is invisible in a report anyway.
    const what = r.what.replaceAll('\0', '');
    const where = r.where === null ? null : r.where.replaceAll('\0', '');
    const row = (await this.db.one<{ id: number }>(
      'INSERT INTO missing_reports (what, location, user_id, reported_at) VALUES ($1, $2, $3, $4) RETURNING id',
      [what, where, r.userId, r.at],
    ))!;
    return { id: row.id, what, where, reportedAt: r.at };
  }

  async reports(limit: number): Promise<MissingReport[]> {
    const rows = await this.db.rows<{ id: number; what: string; location: string | null; reported_at: string }>(
      'SELECT id, what, location, reported_at FROM missing_reports ORDER BY id DESC LIMIT $1',
      [limit < 0 ? null : limit],
    );
    return rows.map((r) => ({ id: r.id, what: r.what, where: r.location, reportedAt: r.reported_at }));
  }
}
