/**
 * The SQLite MissingStore: unresolved citations read from the structure rows, and the
 * reports of users (`missing_reports`, migration namespace `missing`) on the same connection.
 */
import type { DocumentKind } from '../../domain/index.js';
import { CITED_BY_SHOWN, RAWS_SHOWN, type MissingReport, type MissingStore, type UnresolvedCitation } from '../missing-store.js';
import { applyMigrations, type SqliteDb } from './connection.js';
import { MANY_CITING } from '../structure-index.js';
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


interface CitingRow {
  doc_id: string;
  title: string;
  kind: string;
  date: string | null;
}

export class SqliteMissingStore implements MissingStore {
  constructor(private readonly db: SqliteDb) {
    applyMigrations(db, 'missing', MISSING_MIGRATIONS);
  }

  async unresolvedCitations(limit: number): Promise<UnresolvedCitation[]> {
    // Counted per key on structure_citations_key_doc alone; whether a key is held is asked once per key, not per citation.
    const keys = this.db
      .prepare(
        `SELECT key, n FROM (SELECT key, COUNT(DISTINCT doc_id) AS n FROM structure_citations WHERE key IS NOT NULL GROUP BY key) g
         WHERE NOT EXISTS (SELECT 1 FROM structure_keys k WHERE k.key = g.key)
         ORDER BY n DESC, key LIMIT ?`,
      )
      .all(limit) as { key: string; n: number }[];
    // In byte order: the same spellings on every backend. Found by seeks in
    // structure_citations_key_raw, one a spelling: DISTINCT read every citation of the key to
    // find three (37 against 0.4–0.7 ms for the 20 keys of 600,000 synthetic documents).
    const firstRaw = this.db.prepare<[string]>('SELECT raw FROM structure_citations WHERE key = ? ORDER BY raw LIMIT 1').pluck();
    const nextRaw = this.db.prepare<[string, string]>('SELECT raw FROM structure_citations WHERE key = ? AND raw > ? ORDER BY raw LIMIT 1').pluck();
    const rawsOf = (key: string): string[] => {
      const out: string[] = [];
      let raw = firstRaw.get(key) as string | undefined;
      while (raw !== undefined) {
        out.push(raw);
        if (out.length === RAWS_SHOWN) break;
        raw = nextRaw.get(key, raw) as string | undefined;
      }
      return out;
    };
    // The newest citers: of a few, from the key's entries; of many, by walking the documents newest
    // first until ten cite it (a key cited by 39,000 documents sorted them all).
    const fewCiting = this.db.prepare<[string], CitingRow>(
      `SELECT d.doc_id, d.title, d.kind, d.date FROM structure_docs d
       WHERE d.doc_id IN (SELECT doc_id FROM structure_citations WHERE key = ?)
       ORDER BY d.date DESC, d.doc_id LIMIT ${CITED_BY_SHOWN}`,
    );
    const manyCiting = this.db.prepare<[string], CitingRow>(
      `SELECT d.doc_id, d.title, d.kind, d.date FROM structure_docs d INDEXED BY structure_docs_date
       WHERE EXISTS (SELECT 1 FROM structure_citations c INDEXED BY structure_citations_key_doc WHERE c.key = ? AND c.doc_id = d.doc_id)
       ORDER BY d.date DESC, d.doc_id LIMIT ${CITED_BY_SHOWN}`,
    );
    const docs = (this.db.prepare('SELECT COUNT(*) AS n FROM structure_docs').get() as { n: number }).n;
    return keys.map(({ key, n }) => ({
      key,
      raws: rawsOf(key),
      citedBy: (n * MANY_CITING > docs ? manyCiting : fewCiting).all(key).map((d) => ({ id: d.doc_id, title: d.title, kind: d.kind as DocumentKind, date: d.date })),
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
