/**
 * The SQLite ChangeStore: one row per compared pair of versions in its own table
 * (`version_changes`, migration namespace `version_changes`), beside the documents' tables. A row
 * holds the content hashes it was computed from and the CHANGE_SUMMARY_VERSION, so a document
 * stored again under the same id, or a better diff, is never answered with a stale summary.
 */
import { CHANGE_SUMMARY_VERSION, type ChangeSummary } from '../../domain/changes.js';
import type { ChangeKey, ChangeStore } from '../change-store.js';
import { applyMigrations, type SqliteDb } from './connection.js';
import { writerOf } from './unit-of-work.js';

export const CHANGE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE version_changes (
    doc_id       TEXT NOT NULL,
    from_version INTEGER NOT NULL,
    to_version   INTEGER NOT NULL,
    from_hash    TEXT NOT NULL,
    to_hash      TEXT NOT NULL,
    algo         INTEGER NOT NULL,
    summary      TEXT NOT NULL,
    PRIMARY KEY (doc_id, to_version, from_version)
  ) WITHOUT ROWID;
  `,
];

interface Row {
  from_hash: string;
  to_hash: string;
  algo: number;
  summary: string;
}

export class SqliteChangeStore implements ChangeStore {
  constructor(private readonly db: SqliteDb) {
    applyMigrations(db, 'version_changes', CHANGE_MIGRATIONS);
  }

  async get(key: ChangeKey): Promise<ChangeSummary | null> {
    const row = this.db
      .prepare<[string, number, number], Row>('SELECT from_hash, to_hash, algo, summary FROM version_changes WHERE doc_id = ? AND to_version = ? AND from_version = ?')
      .get(key.docId, key.to.version, key.from.version);
    if (!row || row.algo !== CHANGE_SUMMARY_VERSION || row.from_hash !== key.from.contentHash || row.to_hash !== key.to.contentHash) return null;
    return JSON.parse(row.summary) as ChangeSummary;
  }

  async put(key: ChangeKey, summary: ChangeSummary): Promise<void> {
    await writerOf(this.db).run(async () => {
      this.db
        .prepare(
          `INSERT INTO version_changes (doc_id, from_version, to_version, from_hash, to_hash, algo, summary) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (doc_id, to_version, from_version) DO UPDATE SET from_hash = excluded.from_hash, to_hash = excluded.to_hash, algo = excluded.algo, summary = excluded.summary`,
        )
        .run(key.docId, key.from.version, key.to.version, key.from.contentHash, key.to.contentHash, CHANGE_SUMMARY_VERSION, JSON.stringify(summary));
    });
  }
}
