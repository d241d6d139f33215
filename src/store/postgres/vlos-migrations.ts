/**
 * Schema of parsed VLOS reports on PostgreSQL (namespace `vlos`, as on SQLite), append-only.
 * Reports and speaker maps are JSON kept as TEXT, as written: read back whole, never queried
 * inside, and TEXT keeps what jsonb would refuse (a `\u0000` escape) or reorder.
 */
import type { PgMigration } from './connection.js';

export const PG_VLOS_MIGRATIONS: readonly PgMigration[] = [
  `
  CREATE TABLE vlos_reports (
    verslag_id      TEXT PRIMARY KEY,
    vergadering_id  TEXT,
    verslag_updated TEXT,
    content_hash    TEXT NOT NULL,
    parser_version  INTEGER NOT NULL,
    titel           TEXT,
    datum           TEXT,
    report          TEXT NOT NULL,
    persons         TEXT NOT NULL,
    doc_id          TEXT,
    parsed_at       TEXT NOT NULL
  );
  CREATE INDEX vlos_reports_by_version ON vlos_reports (parser_version, verslag_id COLLATE "C");

  CREATE TABLE vlos_speeches (
    verslag_id        TEXT NOT NULL,
    activity          INTEGER NOT NULL,
    speaker           TEXT NOT NULL,
    persoon_id        TEXT,
    activity_titel    TEXT,
    activity_objectid TEXT,
    turns             INTEGER NOT NULL,
    interruptions     INTEGER NOT NULL,
    chair             INTEGER NOT NULL,
    seconds           INTEGER NOT NULL,
    PRIMARY KEY (verslag_id, activity, speaker)
  );
  CREATE INDEX vlos_speeches_by_persoon ON vlos_speeches (persoon_id, verslag_id) WHERE persoon_id IS NOT NULL;
  CREATE INDEX vlos_speeches_by_activity ON vlos_speeches (activity_objectid) WHERE activity_objectid IS NOT NULL;
  `,
];
