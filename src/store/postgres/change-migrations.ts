/** Schema of stored change summaries on PostgreSQL (namespace `version_changes`, as on SQLite), append-only. */
import type { PgMigration } from './connection.js';

export const PG_CHANGE_MIGRATIONS: readonly PgMigration[] = [
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
  );
  `,
];
