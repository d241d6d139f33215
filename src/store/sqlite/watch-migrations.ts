/** Schema of the SQLite WatchStore (namespace "watch" in schema_migrations). */

/** Append only: a released migration is never edited. Needs the store's `versions` table. */
export const WATCH_MIGRATIONS: string[] = [
  `
  -- The change log: one row per stored document version, in commit order. AUTOINCREMENT so a
  -- sequence number is never reused, which is what makes watermarks safe.
  CREATE TABLE watch_changes (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id  TEXT NOT NULL,
    version INTEGER NOT NULL,
    at      TEXT NOT NULL
  );
  CREATE INDEX watch_changes_doc ON watch_changes(doc_id, seq);
  INSERT INTO watch_changes (doc_id, version, at) SELECT doc_id, version, imported_at FROM versions ORDER BY rowid;
  CREATE TRIGGER watch_versions_log AFTER INSERT ON versions BEGIN
    INSERT INTO watch_changes (doc_id, version, at) VALUES (NEW.doc_id, NEW.version, NEW.imported_at);
  END;

  CREATE TABLE watch_users (
    id         TEXT PRIMARY KEY,
    email      TEXT NOT NULL UNIQUE,
    feed_key   TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE watch_magic_links (
    token_hash TEXT PRIMARY KEY,
    email      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
  );
  CREATE INDEX watch_magic_links_email ON watch_magic_links(email);
  CREATE TABLE watch_signin_attempts (
    key TEXT NOT NULL,
    at  TEXT NOT NULL
  );
  CREATE INDEX watch_signin_attempts_key ON watch_signin_attempts(key, at);
  CREATE TABLE watch_sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES watch_users(id) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX watch_sessions_user ON watch_sessions(user_id);
  CREATE TABLE watch_api_tokens (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES watch_users(id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    label        TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    last_used_at TEXT
  );
  CREATE INDEX watch_api_tokens_user ON watch_api_tokens(user_id);

  -- kind + params (JSON) so that new matcher kinds need no schema change.
  CREATE TABLE watch_monitors (
    id                  TEXT PRIMARY KEY,
    user_id             TEXT NOT NULL REFERENCES watch_users(id) ON DELETE CASCADE,
    kind                TEXT NOT NULL,
    params              TEXT NOT NULL,
    label               TEXT NOT NULL,
    interval            TEXT NOT NULL,
    email               INTEGER NOT NULL,
    webhook_url         TEXT,
    webhook_secret      TEXT,
    webhook_failures    INTEGER NOT NULL DEFAULT 0,
    webhook_disabled_at TEXT,
    watermark           INTEGER NOT NULL,
    next_due_at         TEXT,
    last_run_at         TEXT,
    last_match_count    INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL
  );
  CREATE INDEX watch_monitors_user ON watch_monitors(user_id, created_at);
  CREATE INDEX watch_monitors_due ON watch_monitors(interval, watermark);

  CREATE TABLE watch_items (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    monitor_id TEXT NOT NULL REFERENCES watch_monitors(id) ON DELETE CASCADE,
    item_key   TEXT NOT NULL,
    doc_id     TEXT NOT NULL,
    version    INTEGER NOT NULL,
    title      TEXT NOT NULL,
    kind       TEXT NOT NULL,
    date       TEXT,
    snippet    TEXT NOT NULL,
    reason     TEXT NOT NULL,
    change     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (monitor_id, item_key)
  );

  CREATE TABLE watch_outbox (
    id              TEXT PRIMARY KEY,
    user_id         TEXT NOT NULL REFERENCES watch_users(id) ON DELETE CASCADE,
    monitor_id      TEXT REFERENCES watch_monitors(id) ON DELETE CASCADE,
    channel         TEXT NOT NULL,
    payload         TEXT NOT NULL,
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    sent_at         TEXT
  );
  CREATE INDEX watch_outbox_due ON watch_outbox(status, next_attempt_at);

  -- The exactly-once ledger: one row per (monitor, channel, item), ever.
  CREATE TABLE watch_deliveries (
    monitor_id   TEXT NOT NULL REFERENCES watch_monitors(id) ON DELETE CASCADE,
    channel      TEXT NOT NULL,
    item_key     TEXT NOT NULL,
    outbox_id    TEXT REFERENCES watch_outbox(id) ON DELETE SET NULL,
    queued_at    TEXT NOT NULL,
    delivered_at TEXT,
    PRIMARY KEY (monitor_id, channel, item_key)
  ) WITHOUT ROWID;
  CREATE INDEX watch_deliveries_outbox ON watch_deliveries(outbox_id);

  CREATE TABLE watch_runs (
    id          TEXT PRIMARY KEY,
    trigger     TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    head_from   INTEGER NOT NULL,
    head_to     INTEGER NOT NULL,
    monitors    INTEGER NOT NULL,
    matches     INTEGER NOT NULL
  );
  CREATE TABLE watch_notices (
    id      INTEGER PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES watch_users(id) ON DELETE CASCADE,
    message TEXT NOT NULL,
    at      TEXT NOT NULL
  );
  `,
  `
  -- Where a monitor stands in the open-data entity change log (null: not positioned yet).
  ALTER TABLE watch_monitors ADD COLUMN tk_watermark INTEGER;

  -- Items in batches: one row per monitor and run, the items as a JSON array (oldest first).
  -- A sync of 10,000 documents can give a monitor hundreds of items; rows, not bytes, are
  -- what a run pays for. Exactly once is kept by the run, which commits a batch together with
  -- the monitor's advanced watermarks; outgoing deliveries keep their per-item ledger.
  ALTER TABLE watch_items RENAME TO watch_items_v1;
  CREATE TABLE watch_items (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    monitor_id TEXT NOT NULL REFERENCES watch_monitors(id) ON DELETE CASCADE,
    n          INTEGER NOT NULL,
    items      TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX watch_items_monitor ON watch_items(monitor_id, seq);
  INSERT INTO watch_items (monitor_id, n, items, created_at)
    SELECT monitor_id, 1, json_array(json_object('itemKey', item_key, 'docId', doc_id, 'version', version, 'title', title,
             'kind', kind, 'date', date, 'snippet', snippet, 'reason', reason, 'change', change)), created_at
    FROM watch_items_v1 ORDER BY seq;
  DROP TABLE watch_items_v1;
  -- A feed delivery is the item itself now.
  DELETE FROM watch_deliveries WHERE channel = 'feed';
  `,
];
