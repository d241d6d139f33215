/**
 * The PostgreSQL ChangeStore: one row per compared pair of versions (`version_changes`), with
 * the content hashes and CHANGE_SUMMARY_VERSION it was computed from, as on SQLite.
 */
import { CHANGE_SUMMARY_VERSION, type ChangeSummary } from '../../domain/changes.js';
import type { ChangeKey, ChangeStore } from '../change-store.js';
import type { PgDb } from './connection.js';
import { PG_CHANGE_MIGRATIONS } from './change-migrations.js';

export class PgChangeStore implements ChangeStore {
  /** Writes join the unit of work `db` is bound to (PgDb.bound), or the caller's: PostgreSQL has no single writer to queue behind. */
  constructor(private readonly db: PgDb) {}

  /** Applies the migrations (namespace `version_changes`). */
  static async migrate(db: PgDb): Promise<void> {
    await db.migrate('version_changes', PG_CHANGE_MIGRATIONS);
  }

  static async open(db: PgDb): Promise<PgChangeStore> {
    await PgChangeStore.migrate(db);
    return new PgChangeStore(db);
  }

  async get(key: ChangeKey): Promise<ChangeSummary | null> {
    const row = await this.db.one<{ from_hash: string; to_hash: string; algo: number; summary: string }>(
      'SELECT from_hash, to_hash, algo, summary FROM version_changes WHERE doc_id = $1 AND to_version = $2 AND from_version = $3',
      [key.docId, key.to.version, key.from.version],
    );
    if (!row || row.algo !== CHANGE_SUMMARY_VERSION || row.from_hash !== key.from.contentHash || row.to_hash !== key.to.contentHash) return null;
    return JSON.parse(row.summary) as ChangeSummary;
  }

  async put(key: ChangeKey, summary: ChangeSummary): Promise<void> {
    await this.db.q(
      `INSERT INTO version_changes (doc_id, from_version, to_version, from_hash, to_hash, algo, summary) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (doc_id, to_version, from_version) DO UPDATE
       SET from_hash = excluded.from_hash, to_hash = excluded.to_hash, algo = excluded.algo, summary = excluded.summary`,
      [key.docId, key.from.version, key.to.version, key.from.contentHash, key.to.contentHash, CHANGE_SUMMARY_VERSION, JSON.stringify(summary)],
    );
  }
}
