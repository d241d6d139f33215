/** Schema of users' reports of missing documents on PostgreSQL (namespace `missing`, as on SQLite), append-only. */
import type { PgMigration } from './connection.js';

export const PG_MISSING_MIGRATIONS: readonly PgMigration[] = [
  `
  CREATE TABLE missing_reports (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    what        TEXT NOT NULL,
    location    TEXT,
    user_id     TEXT NOT NULL,
    reported_at TEXT NOT NULL
  );
  `,
];
