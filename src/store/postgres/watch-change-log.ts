/**
 * The document change log on PostgreSQL (`watch_changes`), written from code in the same unit
 * of work as the versions it records.
 *
 * Why a lock: monitors read the log with a watermark ("everything after seq N"). With a
 * sequence or an identity column, a transaction that took number 7 can commit after one that
 * took 8; a reader that saw 8 moves its watermark past 7 and never sees it. Here numbers are
 * allocated under a transaction-scoped advisory lock, held until commit, so a writer takes its
 * numbers only after every earlier writer has committed or rolled back: numbers become
 * visible in increasing order. The price is that logging writers commit one at a time from
 * the moment they log, so log as the last write of the unit. The unit must be READ COMMITTED
 * (the default): the insert's snapshot, taken after the lock, then sees the previous writer's rows.
 */
import type { PgDb } from './connection.js';

/** The advisory lock (key of `hashtext`) that orders writers of `watch_changes`. */
export const WATCH_CHANGES_LOCK = 'kamerlens:watch_changes';

/** A stored document version, as the log records it. */
export interface LoggedVersion {
  docId: string;
  version: number;
  /** When it was stored (the version's imported_at). */
  at: string;
}

/**
 * Appends stored versions to the change log, in order, in the caller's unit of work (the one
 * that stored them; one of its own when there is none). The document store calls this for
 * every version it adds; the log's table comes with the watch migrations.
 */
export async function logDocumentVersions(db: PgDb, versions: readonly LoggedVersion[]): Promise<void> {
  if (versions.length === 0) return;
  await db.atomic(async (db) => {
    await db.q('SELECT pg_advisory_xact_lock(hashtext($1))', [WATCH_CHANGES_LOCK]);
    // MAX + n is safe under the lock (no other writer between the read and the commit) and,
    // like SQLite's AUTOINCREMENT, a rolled-back unit leaves no gap.
    await db.q(
      `INSERT INTO watch_changes (seq, doc_id, version, at)
       SELECT h.head + t.n, t.doc_id, t.version, t.at
       FROM (SELECT COALESCE(MAX(seq), 0) AS head FROM watch_changes) h,
            unnest($1::text[], $2::int[], $3::text[]) WITH ORDINALITY AS t (doc_id, version, at, n)`,
      [versions.map((v) => v.docId), versions.map((v) => v.version), versions.map((v) => v.at)],
    );
  });
}
