/**
 * The PostgreSQL MissingStore: unresolved citations read from the structure index's rows
 * (`structure_citations`, `structure_keys`, `structure_docs`, written by the PostgreSQL
 * StructureStore under the SQLite names), and users' reports (`missing_reports`).
 */
import type { DocumentKind } from '../../domain/index.js';
import type { MissingReport, MissingStore, UnresolvedCitation } from '../missing-store.js';
import type { PgDb } from './connection.js';
import { PG_MISSING_MIGRATIONS } from './missing-migrations.js';

/** How the citing documents wrote a key: at most this many spellings. */
const RAWS = 3;
/** Citing documents listed per key. */
const CITED_BY = 10;

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

  /** Three queries whatever the limit (the keys, then the spellings and citing documents of all of them). */
  async unresolvedCitations(limit: number): Promise<UnresolvedCitation[]> {
    const keys = (
      await this.db.rows<{ key: string }>(
        `SELECT c.key FROM structure_citations c
         WHERE c.key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM structure_keys k WHERE k.key = c.key)
         GROUP BY c.key ORDER BY COUNT(DISTINCT c.doc_id) DESC, c.key COLLATE "C" LIMIT $1`,
        [limit < 0 ? null : limit],
      )
    ).map((r) => r.key);
    if (keys.length === 0) return [];
    const raws = await this.db.rows<{ key: string; raw: string }>(
      `SELECT key, raw FROM (
         SELECT key, raw, row_number() OVER (PARTITION BY key ORDER BY raw COLLATE "C") AS n
         FROM (SELECT DISTINCT key, raw FROM structure_citations WHERE key = ANY($1::text[])) d
       ) r WHERE n <= $2 ORDER BY key, n`,
      [keys, RAWS],
    );
    const citing = await this.db.rows<{ key: string; doc_id: string; title: string; kind: string; date: string | null }>(
      `SELECT key, doc_id, title, kind, date FROM (
         SELECT x.*, row_number() OVER (PARTITION BY x.key ORDER BY x.date COLLATE "C" DESC NULLS LAST, x.doc_id COLLATE "C") AS n
         FROM (SELECT DISTINCT c.key, d.doc_id, d.title, d.kind, d.date
               FROM structure_citations c JOIN structure_docs d ON d.doc_id = c.doc_id WHERE c.key = ANY($1::text[])) x
       ) y WHERE n <= $2 ORDER BY key, n`,
      [keys, CITED_BY],
    );
    const out = new Map<string, UnresolvedCitation>(keys.map((key) => [key, { key, raws: [], citedBy: [] }]));
    for (const r of raws) out.get(r.key)!.raws.push(r.raw);
    for (const d of citing) out.get(d.key)!.citedBy.push({ id: d.doc_id, title: d.title, kind: d.kind as DocumentKind, date: d.date });
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
