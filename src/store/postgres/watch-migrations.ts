/**
 * Schema of the PostgreSQL WatchStore (namespace "watch", as on SQLite): the tables SQLite's
 * two migrations end with, in one step. Text that is compared or sorted is `COLLATE "C"`, so
 * ISO times, ids and keys order by bytes as they do in SQLite, whatever the database's locale.
 */
import type { PgMigration, PgQueryable } from './connection.js';

/** Append only: a released migration is never edited. */
export const PG_WATCH_MIGRATIONS: readonly PgMigration[] = [
  `
  -- The change log: one row per stored document version. Its sequence numbers are allocated
  -- by code in the writer's transaction under an advisory lock (watch-change-log.ts), not by a
  -- sequence: a sequence hands out numbers in start order, which commits do not follow.
  CREATE TABLE watch_changes (
    seq     BIGINT PRIMARY KEY,
    doc_id  TEXT COLLATE "C" NOT NULL,
    version INTEGER NOT NULL,
    at      TEXT COLLATE "C" NOT NULL
  );
  CREATE INDEX watch_changes_doc ON watch_changes (doc_id, seq);

  CREATE TABLE watch_users (
    id         TEXT COLLATE "C" PRIMARY KEY,
    email      TEXT COLLATE "C" NOT NULL UNIQUE,
    feed_key   TEXT NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL
  );
  CREATE TABLE watch_magic_links (
    token_hash TEXT COLLATE "C" PRIMARY KEY,
    email      TEXT COLLATE "C" NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL,
    expires_at TEXT COLLATE "C" NOT NULL,
    used_at    TEXT COLLATE "C"
  );
  CREATE INDEX watch_magic_links_email ON watch_magic_links (email);
  CREATE TABLE watch_signin_attempts (
    key TEXT COLLATE "C" NOT NULL,
    at  TEXT COLLATE "C" NOT NULL
  );
  CREATE INDEX watch_signin_attempts_key ON watch_signin_attempts (key, at);
  CREATE TABLE watch_sessions (
    token_hash TEXT COLLATE "C" PRIMARY KEY,
    user_id    TEXT COLLATE "C" NOT NULL REFERENCES watch_users (id) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL,
    expires_at TEXT COLLATE "C" NOT NULL
  );
  CREATE INDEX watch_sessions_user ON watch_sessions (user_id);
  CREATE INDEX watch_sessions_expires ON watch_sessions (expires_at);
  -- ord: insertion order, the tie-break SQLite's rowid gives tokens made in the same millisecond.
  CREATE TABLE watch_api_tokens (
    id           TEXT COLLATE "C" PRIMARY KEY,
    ord          BIGSERIAL NOT NULL,
    user_id      TEXT COLLATE "C" NOT NULL REFERENCES watch_users (id) ON DELETE CASCADE,
    token_hash   TEXT COLLATE "C" NOT NULL UNIQUE,
    label        TEXT NOT NULL,
    created_at   TEXT COLLATE "C" NOT NULL,
    expires_at   TEXT COLLATE "C" NOT NULL,
    last_used_at TEXT COLLATE "C"
  );
  CREATE INDEX watch_api_tokens_user ON watch_api_tokens (user_id, created_at, ord);

  -- kind + params (JSON kept as text, as written) so that new matcher kinds need no schema change.
  CREATE TABLE watch_monitors (
    id                  TEXT COLLATE "C" PRIMARY KEY,
    user_id             TEXT COLLATE "C" NOT NULL REFERENCES watch_users (id) ON DELETE CASCADE,
    kind                TEXT NOT NULL,
    params              TEXT NOT NULL,
    label               TEXT NOT NULL,
    "interval"          TEXT NOT NULL,
    email               BOOLEAN NOT NULL,
    webhook_url         TEXT,
    webhook_secret      TEXT,
    webhook_failures    INTEGER NOT NULL DEFAULT 0,
    webhook_disabled_at TEXT COLLATE "C",
    watermark           BIGINT NOT NULL,
    tk_watermark        BIGINT,
    next_due_at         TEXT COLLATE "C",
    last_run_at         TEXT COLLATE "C",
    last_match_count    INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT COLLATE "C" NOT NULL
  );
  CREATE INDEX watch_monitors_user ON watch_monitors (user_id, created_at);
  CREATE INDEX watch_monitors_due ON watch_monitors ("interval", watermark);

  -- Items in batches: one row per monitor and run, the items as a JSON array (oldest first).
  CREATE TABLE watch_items (
    seq        BIGSERIAL PRIMARY KEY,
    monitor_id TEXT COLLATE "C" NOT NULL REFERENCES watch_monitors (id) ON DELETE CASCADE,
    n          INTEGER NOT NULL,
    items      TEXT NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL
  );
  CREATE INDEX watch_items_monitor ON watch_items (monitor_id, seq);

  CREATE TABLE watch_outbox (
    id              TEXT COLLATE "C" PRIMARY KEY,
    user_id         TEXT COLLATE "C" NOT NULL REFERENCES watch_users (id) ON DELETE CASCADE,
    monitor_id      TEXT COLLATE "C" REFERENCES watch_monitors (id) ON DELETE CASCADE,
    channel         TEXT COLLATE "C" NOT NULL,
    payload         TEXT NOT NULL,
    status          TEXT COLLATE "C" NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT COLLATE "C" NOT NULL,
    last_error      TEXT,
    created_at      TEXT COLLATE "C" NOT NULL,
    sent_at         TEXT COLLATE "C"
  );
  CREATE INDEX watch_outbox_due ON watch_outbox (status, next_attempt_at);
  CREATE INDEX watch_outbox_user ON watch_outbox (user_id);
  CREATE INDEX watch_outbox_monitor ON watch_outbox (monitor_id);

  -- The exactly-once ledger: one row per (monitor, channel, item), ever.
  CREATE TABLE watch_deliveries (
    monitor_id   TEXT COLLATE "C" NOT NULL REFERENCES watch_monitors (id) ON DELETE CASCADE,
    channel      TEXT COLLATE "C" NOT NULL,
    item_key     TEXT COLLATE "C" NOT NULL,
    outbox_id    TEXT COLLATE "C" REFERENCES watch_outbox (id) ON DELETE SET NULL,
    queued_at    TEXT COLLATE "C" NOT NULL,
    delivered_at TEXT COLLATE "C",
    PRIMARY KEY (monitor_id, channel, item_key)
  );
  CREATE INDEX watch_deliveries_outbox ON watch_deliveries (outbox_id);

  CREATE TABLE watch_runs (
    id          TEXT COLLATE "C" PRIMARY KEY,
    "trigger"   TEXT NOT NULL,
    started_at  TEXT COLLATE "C" NOT NULL,
    finished_at TEXT COLLATE "C" NOT NULL,
    head_from   BIGINT NOT NULL,
    head_to     BIGINT NOT NULL,
    monitors    INTEGER NOT NULL,
    matches     INTEGER NOT NULL
  );
  CREATE TABLE watch_notices (
    id      BIGSERIAL PRIMARY KEY,
    user_id TEXT COLLATE "C" NOT NULL REFERENCES watch_users (id) ON DELETE CASCADE,
    message TEXT NOT NULL,
    at      TEXT COLLATE "C" NOT NULL
  );
  CREATE INDEX watch_notices_user ON watch_notices (user_id, id);
  `,
  {
    name: 'watch_changes from the versions already stored',
    // Versions stored before the watch tables existed are in the log, as SQLite's migration
    // puts them there; on a database without a document store yet there is nothing to copy.
    run: async (tx: PgQueryable) => {
      const exists = (await tx.query<{ t: string | null }>("SELECT to_regclass('versions')::text AS t")).rows[0]?.t;
      if (!exists) return;
      await tx.query(
        `INSERT INTO watch_changes (seq, doc_id, version, at)
         SELECT row_number() OVER (ORDER BY imported_at COLLATE "C", doc_id COLLATE "C", version), doc_id, version, imported_at
         FROM versions`,
      );
    },
  },
];
