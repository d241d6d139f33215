/**
 * The SQLite MissingStore: unresolved citations read from the structure rows, and the
 * reports of users (`missing_reports`, migration namespace `missing`) on the same connection.
 */
import type { DocumentKind } from '../../domain/index.js';
import type { MissingReport, MissingStore, UnresolvedCitation } from '../missing-store.js';
import { applyMigrations, type SqliteDb } from './connection.js';
import { writerOf } from './unit-of-work.js';

export const MISSING_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE missing_reports (
    id          INTEGER PRIMARY KEY,
    what        TEXT NOT NULL,
    location    TEXT,
    user_id     TEXT NOT NULL,
    reported_at TEXT NOT NULL
  );
  `,
];

interface ReportRow {
  id: number;
  what: string;
  location: string | null;
  reported_at: string;
}

const toReport = (r: ReportRow): MissingReport => ({ id: r.id, what: r.what, where: r.location, reportedAt: r.reported_at });

export class SqliteMissingStore implements MissingStore {
  constructor(private readonly db: SqliteDb) {
    applyMigrations(db, 'missing', MISSING_MIGRATIONS);
  }

  async unresolvedCitations(limit: number): Promise<UnresolvedCitation[]> {
    const keys = this.db
      .prepare(
        `SELECT c.key AS key, COUNT(DISTINCT c.doc_id) AS n FROM structure_citations c
         WHERE c.key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM structure_keys k WHERE k.key = c.key)
         GROUP BY c.key ORDER BY n DESC, c.key LIMIT ?`,
      )
      .all(limit) as { key: string; n: number }[];
    // In byte order: the same spellings on every backend.
    const raws = this.db.prepare<[string]>('SELECT DISTINCT raw FROM structure_citations WHERE key = ? ORDER BY raw LIMIT 3').pluck();
    const citing = this.db.prepare<[string], { doc_id: string; title: string; kind: string; date: string | null }>(
      `SELECT DISTINCT d.doc_id, d.title, d.kind, d.date FROM structure_citations c JOIN structure_docs d ON d.doc_id = c.doc_id
       WHERE c.key = ? ORDER BY d.date DESC, d.doc_id LIMIT 10`,
    );
    return keys.map(({ key }) => ({
      key,
      raws: raws.all(key) as string[],
      citedBy: citing.all(key).map((d) => ({ id: d.doc_id, title: d.title, kind: d.kind as DocumentKind, date: d.date })),
    }));
  }

  async addReport(r: { what: string; where: string | null; userId: string; at: string }): Promise<MissingReport> {
    return writerOf(this.db).run(async () => {
      const info = this.db.prepare('INSERT INTO missing_reports (what, location, user_id, reported_at) VALUES (?, ?, ?, ?)').run(r.what, r.where, r.userId, r.at);
      return { id: Number(info.lastInsertRowid), what: r.what, where: r.where, reportedAt: r.at };
    });
  }

  async reports(limit: number): Promise<MissingReport[]> {
    return (this.db.prepare('SELECT id, what, location, reported_at FROM missing_reports ORDER BY id DESC LIMIT ?').all(limit) as ReportRow[]).map(toReport);
  }
}
