/** Schema of the run log on PostgreSQL (namespace `status`, as on SQLite), append-only. */
import type { PgMigration } from './connection.js';

export const PG_STATUS_MIGRATIONS: readonly PgMigration[] = [
  `
  -- One row per run of a source, kept as history: the gaps between successful runs are what
  -- "longer silent than usual" is measured against. id orders a source's runs.
  CREATE TABLE source_runs (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source      TEXT NOT NULL,
    origin      TEXT,
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    ok          BOOLEAN NOT NULL,
    items       INTEGER NOT NULL,
    error       TEXT
  );
  CREATE INDEX source_runs_by_source ON source_runs (source, ok, id);
  CREATE INDEX source_runs_finished ON source_runs (finished_at COLLATE "C" DESC, id DESC);
  `,
];
