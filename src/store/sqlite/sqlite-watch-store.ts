/**
 * SQLite implementation of WatchStore (namespace "watch" in schema_migrations), on the same
 * connection as the document store. The change log is filled by a trigger on `versions`, so a
 * version and its log entry commit together: "what is new since seq N" is exact and cheap.
 */
import type { Statement } from 'better-sqlite3';
import type { DocumentKind, ParsedDocument } from '../../domain/index.js';
import type {
  ApiTokenRow,
  Channel,
  ChangedDocument,
  DeliveryRow,
  ItemRow,
  MonitorRow,
  NewBatch,
  NewDelivery,
  NoticeRow,
  OutboxRow,
  RunRow,
  SessionRow,
  UserRow,
  WatchStore,
} from '../watch-store.js';
import { applyMigrations, type SqliteDb } from './connection.js';
import { unpackText } from './codec.js';
import { expandBatches, mergeDeliveries, pickBatches, type BatchRow, type DocMeta } from '../watch-rows.js';

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

interface MonitorDbRow {
  id: string;
  user_id: string;
  kind: string;
  params: string;
  label: string;
  interval: string;
  email: number;
  webhook_url: string | null;
  webhook_secret: string | null;
  webhook_failures: number;
  webhook_disabled_at: string | null;
  watermark: number;
  tk_watermark: number | null;
  next_due_at: string | null;
  last_run_at: string | null;
  last_match_count: number;
  created_at: string;
}

const toMonitor = (r: MonitorDbRow): MonitorRow => ({
  id: r.id,
  userId: r.user_id,
  kind: r.kind,
  params: JSON.parse(r.params) as Record<string, string>,
  label: r.label,
  interval: r.interval as MonitorRow['interval'],
  email: r.email === 1,
  webhookUrl: r.webhook_url,
  webhookSecret: r.webhook_secret,
  webhookFailures: r.webhook_failures,
  webhookDisabledAt: r.webhook_disabled_at,
  watermark: r.watermark,
  tkWatermark: r.tk_watermark,
  nextDueAt: r.next_due_at,
  lastRunAt: r.last_run_at,
  lastMatchCount: r.last_match_count,
  createdAt: r.created_at,
});

interface OutboxDbRow {
  id: string;
  user_id: string;
  monitor_id: string | null;
  channel: string;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

const toOutbox = (r: OutboxDbRow): OutboxRow => ({
  id: r.id,
  userId: r.user_id,
  monitorId: r.monitor_id,
  channel: r.channel as OutboxRow['channel'],
  payload: r.payload,
  status: r.status as OutboxRow['status'],
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

const toUser = (r: { id: string; email: string; feed_key: string; created_at: string }): UserRow => ({
  id: r.id,
  email: r.email,
  feedKey: r.feed_key,
  createdAt: r.created_at,
});

const toToken = (r: Record<string, unknown>): ApiTokenRow => ({
  id: r.id as string,
  userId: r.user_id as string,
  tokenHash: r.token_hash as string,
  label: r.label as string,
  createdAt: r.created_at as string,
  expiresAt: r.expires_at as string,
  lastUsedAt: (r.last_used_at as string | null) ?? null,
});

/** Something that serialises write transactions (the document store, when on one connection). */
export interface Writer {
  transaction<T>(fn: () => Promise<T>): Promise<T>;
}

export class SqliteWatchStore implements WatchStore {
  private readonly statements = new Map<string, Statement>();

  /** Prepared once per SQL text: a run over 10,000 monitors must not recompile statements. */
  private st<P extends unknown[] = unknown[], R = unknown>(sql: string): Statement<P, R> {
    let s = this.statements.get(sql);
    if (s === undefined) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s as unknown as Statement<P, R>;
  }

  /**
   * @param writer the document store, so that watch writes never interleave with (or end up
   *   inside) an import's open transaction on the shared connection.
   */
  constructor(
    readonly db: SqliteDb,
    private readonly writer: Writer,
  ) {
    applyMigrations(db, 'watch', WATCH_MIGRATIONS);
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.writer.transaction(fn);
  }

  /** A single-statement write, serialised with other writers. */
  private write<T>(fn: () => T): Promise<T> {
    return this.transaction(async () => fn());
  }

  // ------------------------------------------------------------------ accounts

  async takeSignInSlot(keys: { key: string; max: number }[], since: string, now: string): Promise<boolean> {
    return this.write(() => {
      const count = this.st<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM watch_signin_attempts WHERE key = ? AND at >= ?');
      for (const k of keys) if (count.get(k.key, since)!.n >= k.max) return false;
      const ins = this.st('INSERT INTO watch_signin_attempts (key, at) VALUES (?, ?)');
      for (const k of keys) ins.run(k.key, now);
      // Old attempts are worthless: keep the table small.
      this.st('DELETE FROM watch_signin_attempts WHERE at < ?').run(since);
      return true;
    });
  }

  async createMagicLink(l: { tokenHash: string; email: string; createdAt: string; expiresAt: string }): Promise<void> {
    await this.write(() => {
      this.st('DELETE FROM watch_magic_links WHERE expires_at < ?').run(l.createdAt);
      // A newer link replaces the older ones still in a mailbox (a leaked old mail is harmless).
      this.st('DELETE FROM watch_magic_links WHERE email = ? AND used_at IS NULL').run(l.email);
      this.st('INSERT INTO watch_magic_links (token_hash, email, created_at, expires_at) VALUES (?, ?, ?, ?)')
        .run(l.tokenHash, l.email, l.createdAt, l.expiresAt);
    });
  }

  async consumeMagicLink(tokenHash: string, now: string): Promise<string | null> {
    return this.write(() => {
      const row = this.st<[string, string, string], { email: string }>(
          'UPDATE watch_magic_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING email',
        )
        .get(now, tokenHash, now);
      if (row) this.st('DELETE FROM watch_magic_links WHERE email = ? AND used_at IS NULL').run(row.email);
      return row?.email ?? null;
    });
  }

  async peekMagicLink(tokenHash: string, now: string): Promise<string | null> {
    const row = this.st<[string, string], { email: string }>('SELECT email FROM watch_magic_links WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?').get(tokenHash, now);
    return row?.email ?? null;
  }

  async setFeedKey(userId: string, feedKey: string): Promise<void> {
    await this.write(() => {
      this.st('UPDATE watch_users SET feed_key = ? WHERE id = ?').run(feedKey, userId);
    });
  }

  async ensureUser(u: { id: string; email: string; feedKey: string; createdAt: string }): Promise<UserRow> {
    return this.write(() => {
      this.st('INSERT INTO watch_users (id, email, feed_key, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(email) DO NOTHING')
        .run(u.id, u.email, u.feedKey, u.createdAt);
      return toUser(this.st('SELECT * FROM watch_users WHERE email = ?').get(u.email) as never);
    });
  }

  async getUser(id: string): Promise<UserRow | null> {
    const r = this.st('SELECT * FROM watch_users WHERE id = ?').get(id);
    return r ? toUser(r as never) : null;
  }

  async getUserByEmail(email: string): Promise<UserRow | null> {
    const r = this.st('SELECT * FROM watch_users WHERE email = ?').get(email);
    return r ? toUser(r as never) : null;
  }

  async deleteUser(id: string): Promise<void> {
    await this.write(() => {
      const u = this.st<[string], { email: string }>('SELECT email FROM watch_users WHERE id = ?').get(id);
      if (!u) return;
      // Cascades remove sessions, tokens, monitors, items, deliveries, outbox and notices.
      this.st('DELETE FROM watch_users WHERE id = ?').run(id);
      this.st('DELETE FROM watch_magic_links WHERE email = ?').run(u.email);
      this.st('DELETE FROM watch_signin_attempts WHERE key = ?').run(`email:${u.email}`);
    });
  }

  async createSession(s: SessionRow): Promise<void> {
    await this.write(() => {
      this.st('DELETE FROM watch_sessions WHERE expires_at < ?').run(s.createdAt);
      this.st('INSERT INTO watch_sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
        .run(s.tokenHash, s.userId, s.csrf, s.createdAt, s.expiresAt);
    });
  }

  async getSession(tokenHash: string, now: string): Promise<SessionRow | null> {
    const r = this.st('SELECT * FROM watch_sessions WHERE token_hash = ? AND expires_at > ?')
      .get(tokenHash, now) as Record<string, string> | undefined;
    return r
      ? { tokenHash: r.token_hash!, userId: r.user_id!, csrf: r.csrf!, createdAt: r.created_at!, expiresAt: r.expires_at! }
      : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.write(() => this.st('DELETE FROM watch_sessions WHERE token_hash = ?').run(tokenHash));
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.write(() => this.st('DELETE FROM watch_sessions WHERE user_id = ?').run(userId));
  }

  async createApiToken(t: Omit<ApiTokenRow, 'lastUsedAt'>): Promise<void> {
    await this.write(() =>
      this.st('INSERT INTO watch_api_tokens (id, user_id, token_hash, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(t.id, t.userId, t.tokenHash, t.label, t.createdAt, t.expiresAt),
    );
  }

  async useApiToken(tokenHash: string, now: string): Promise<ApiTokenRow | null> {
    const r = this.st('SELECT * FROM watch_api_tokens WHERE token_hash = ? AND expires_at > ?').get(tokenHash, now);
    if (!r) return null;
    await this.write(() => this.st('UPDATE watch_api_tokens SET last_used_at = ? WHERE token_hash = ?').run(now, tokenHash));
    return { ...toToken(r as Record<string, unknown>), lastUsedAt: now };
  }

  async listApiTokens(userId: string): Promise<ApiTokenRow[]> {
    return (this.st('SELECT * FROM watch_api_tokens WHERE user_id = ? ORDER BY created_at, rowid').all(userId) as Record<string, unknown>[]).map(toToken);
  }

  async deleteApiToken(userId: string, id: string): Promise<boolean> {
    return this.write(() => this.st('DELETE FROM watch_api_tokens WHERE user_id = ? AND id = ?').run(userId, id).changes === 1);
  }

  // ------------------------------------------------------------------ monitors

  async createMonitor(m: MonitorRow): Promise<void> {
    await this.write(() =>
      this.st(
          `INSERT INTO watch_monitors (id, user_id, kind, params, label, interval, email, webhook_url, webhook_secret,
             webhook_failures, webhook_disabled_at, watermark, tk_watermark, next_due_at, last_run_at, last_match_count, created_at)
           VALUES (@id, @userId, @kind, @params, @label, @interval, @email, @webhookUrl, @webhookSecret,
             @webhookFailures, @webhookDisabledAt, @watermark, @tkWatermark, @nextDueAt, @lastRunAt, @lastMatchCount, @createdAt)`,
        )
        .run({ ...m, tkWatermark: m.tkWatermark ?? null, params: JSON.stringify(m.params), email: m.email ? 1 : 0 }),
    );
  }

  async getMonitor(id: string): Promise<MonitorRow | null> {
    const r = this.st('SELECT * FROM watch_monitors WHERE id = ?').get(id);
    return r ? toMonitor(r as MonitorDbRow) : null;
  }

  async listMonitors(userId: string): Promise<MonitorRow[]> {
    return (this.st('SELECT * FROM watch_monitors WHERE user_id = ? ORDER BY created_at, id').all(userId) as MonitorDbRow[]).map(toMonitor);
  }

  async deleteMonitor(userId: string, id: string): Promise<boolean> {
    return this.write(() => this.st('DELETE FROM watch_monitors WHERE user_id = ? AND id = ?').run(userId, id).changes === 1);
  }

  async setMonitorEmail(id: string, enabled: boolean): Promise<void> {
    await this.write(() => this.st('UPDATE watch_monitors SET email = ? WHERE id = ?').run(enabled ? 1 : 0, id));
  }

  async setWebhookState(id: string, failures: number, disabledAt: string | null): Promise<void> {
    await this.write(() =>
      this.st('UPDATE watch_monitors SET webhook_failures = ?, webhook_disabled_at = ? WHERE id = ?').run(failures, disabledAt, id),
    );
  }

  async dueMonitors(heads: { docs: number; tk: number }, now: string, dayStart: string): Promise<MonitorRow[]> {
    return (
      this.st(
          `SELECT * FROM watch_monitors
           WHERE (interval = 'immediate' AND (watermark < @docs OR COALESCE(tk_watermark, 0) < @tk
                    OR COALESCE(last_run_at, created_at) < @dayStart))
              OR (interval <> 'immediate' AND next_due_at <= @now)
           ORDER BY user_id, id`,
        )
        .all({ docs: heads.docs, tk: heads.tk, now, dayStart }) as MonitorDbRow[]
    ).map(toMonitor);
  }

  async advanceMonitor(id: string, watermark: number, nextDueAt: string | null, lastRunAt: string, lastMatchCount: number, tkWatermark: number | null = null): Promise<void> {
    await this.write(() =>
      this.st(
          `UPDATE watch_monitors SET watermark = ?, tk_watermark = COALESCE(?, tk_watermark), next_due_at = ?, last_run_at = ?,
             last_match_count = ? WHERE id = ?`,
        )
        .run(watermark, tkWatermark, nextDueAt, lastRunAt, lastMatchCount, id),
    );
  }

  // ------------------------------------------------------------------ change log

  async changeHead(): Promise<number> {
    return (this.st('SELECT COALESCE(MAX(seq), 0) AS n FROM watch_changes').get() as { n: number }).n;
  }

  async changedDocuments(after: number, upto: number): Promise<ChangedDocument[]> {
    const rows = this.st(
        `SELECT c.seq AS seq, c.doc_id AS doc_id, c.version AS version, d.title AS title, d.kind AS kind, d.date AS date,
                v.text AS text, v.structure AS structure, v.codec AS codec
         FROM (SELECT doc_id, MAX(seq) AS seq FROM watch_changes WHERE seq > ? AND seq <= ? GROUP BY doc_id) last
         JOIN watch_changes c ON c.seq = last.seq
         JOIN documents d ON d.id = c.doc_id
         JOIN versions v ON v.doc_id = c.doc_id AND v.version = c.version
         ORDER BY c.seq`,
      )
      .all(after, upto) as { seq: number; doc_id: string; version: number; title: string; kind: string; date: string | null; text: string | Buffer; structure: string | Buffer; codec: number }[];
    return rows.map((r) => ({
      seq: r.seq,
      docId: r.doc_id,
      version: r.version,
      title: r.title,
      kind: r.kind as DocumentKind,
      date: r.date,
      text: unpackText(r.text, r.codec)!,
      structure: JSON.parse(unpackText(r.structure, r.codec)!) as ParsedDocument,
    }));
  }

  // ------------------------------------------------------------------ matches, outbox, deliveries

  async insertBatch(b: NewBatch): Promise<void> {
    if (b.n === 0) return;
    await this.write(() => this.st('INSERT INTO watch_items (monitor_id, n, items, created_at) VALUES (?, ?, ?, ?)').run(b.monitorId, b.n, b.items, b.createdAt));
  }

  /** Items of the newest batches until `limit` items, newest first (every batch holds at least one). */
  private items(sql: string, key: string, limit: number): ItemRow[] {
    const picked = pickBatches(this.st(sql).iterate(key, limit) as IterableIterator<BatchRow>, limit);
    // Titles, kinds and dates of the documents, in one query.
    const meta = new Map<string, DocMeta>();
    if (picked.docIds.length > 0) {
      const rows = this.st('SELECT id, title, kind, date FROM documents WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(picked.docIds)) as (DocMeta & { id: string })[];
      for (const m of rows) meta.set(m.id, m);
    }
    return expandBatches(picked, meta, limit);
  }

  async listItems(monitorId: string, limit: number): Promise<ItemRow[]> {
    return this.items('SELECT * FROM watch_items WHERE monitor_id = ? ORDER BY seq DESC LIMIT ?', monitorId, limit);
  }

  async listUserItems(userId: string, limit: number): Promise<(ItemRow & { monitorLabel: string })[]> {
    const labels = new Map<string, string>();
    for (const m of this.st('SELECT id, label FROM watch_monitors WHERE user_id = ?').all(userId) as { id: string; label: string }[]) labels.set(m.id, m.label);
    const rows = this.items(
      'SELECT i.* FROM watch_items i JOIN watch_monitors m ON m.id = i.monitor_id WHERE m.user_id = ? ORDER BY i.seq DESC LIMIT ?',
      userId,
      limit,
    );
    return rows.map((r) => ({ ...r, monitorLabel: labels.get(r.monitorId) ?? '' }));
  }

  async countItems(monitorId: string): Promise<number> {
    return (this.st('SELECT COALESCE(SUM(n), 0) AS n FROM watch_items WHERE monitor_id = ?').get(monitorId) as { n: number }).n;
  }

  async enqueue(r: Omit<OutboxRow, 'status' | 'attempts' | 'lastError' | 'sentAt'>): Promise<void> {
    await this.write(() =>
      this.st(
          `INSERT INTO watch_outbox (id, user_id, monitor_id, channel, payload, status, attempts, next_attempt_at, created_at)
           VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
        )
        .run(r.id, r.userId, r.monitorId, r.channel, r.payload, r.nextAttemptAt, r.createdAt),
    );
  }

  async insertDelivery(d: NewDelivery): Promise<boolean> {
    return (await this.insertDeliveries([d])) === 1;
  }

  async insertDeliveries(ds: NewDelivery[]): Promise<number> {
    if (ds.length === 0) return 0;
    return this.write(() => {
      const ins = this.st(
        `INSERT INTO watch_deliveries (monitor_id, channel, item_key, outbox_id, queued_at, delivered_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      );
      let n = 0;
      for (const d of ds) n += ins.run(d.monitorId, d.channel, d.itemKey, d.outboxId, d.queuedAt, d.deliveredAt).changes;
      return n;
    });
  }

  async dueOutbox(now: string, limit: number): Promise<OutboxRow[]> {
    return (
      this.st(`SELECT * FROM watch_outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at, id LIMIT ?`)
        .all(now, limit) as OutboxDbRow[]
    ).map(toOutbox);
  }

  async claimOutbox(now: string, leaseUntil: string, limit: number, channels: readonly OutboxRow['channel'][]): Promise<OutboxRow[]> {
    if (channels.length === 0 || limit <= 0) return [];
    // One writer at a time on SQLite: reading and leasing in one write is the whole claim.
    return this.write(() => {
      const rows = (
        this.st(
          `SELECT * FROM watch_outbox WHERE status = 'pending' AND next_attempt_at <= ? AND channel IN (SELECT value FROM json_each(?))
           ORDER BY next_attempt_at, created_at, id LIMIT ?`,
        ).all(now, JSON.stringify(channels), limit) as OutboxDbRow[]
      ).map(toOutbox);
      const lease = this.st('UPDATE watch_outbox SET next_attempt_at = ? WHERE id = ?');
      for (const r of rows) lease.run(leaseUntil, r.id);
      return rows;
    });
  }

  async releaseOutbox(outboxId: string, nextAttemptAt: string): Promise<void> {
    await this.write(() => this.st(`UPDATE watch_outbox SET next_attempt_at = ? WHERE id = ? AND status = 'pending'`).run(nextAttemptAt, outboxId));
  }

  async markSent(outboxId: string, now: string): Promise<void> {
    await this.transaction(async () => {
      this.st(`UPDATE watch_outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?`).run(now, outboxId);
      this.st('UPDATE watch_deliveries SET delivered_at = ? WHERE outbox_id = ? AND delivered_at IS NULL').run(now, outboxId);
    });
  }

  async markAttemptFailed(outboxId: string, attempts: number, nextAttemptAt: string, error: string, dead: boolean): Promise<void> {
    await this.write(() =>
      this.st('UPDATE watch_outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, status = ? WHERE id = ?')
        .run(attempts, nextAttemptAt, error.slice(0, 500), dead ? 'dead' : 'pending', outboxId),
    );
  }

  async outboxCounts(): Promise<{ pending: number; sent: number; dead: number }> {
    const out = { pending: 0, sent: 0, dead: 0 };
    for (const r of this.st('SELECT status, COUNT(*) AS n FROM watch_outbox GROUP BY status').all() as { status: keyof typeof out; n: number }[]) {
      out[r.status] = r.n;
    }
    return out;
  }

  async listDeliveries(monitorId: string, limit: number): Promise<DeliveryRow[]> {
    const rows = this.st(
        `SELECT d.*, o.status AS outbox_status FROM watch_deliveries d LEFT JOIN watch_outbox o ON o.id = d.outbox_id
         WHERE d.monitor_id = ? AND d.channel <> 'feed' ORDER BY d.queued_at DESC, d.item_key, d.channel LIMIT ?`,
      )
      .all(monitorId, limit) as Record<string, unknown>[];
    const sent: DeliveryRow[] = rows.map((r) => ({
      monitorId: r.monitor_id as string,
      channel: r.channel as Channel,
      itemKey: r.item_key as string,
      outboxId: (r.outbox_id as string | null) ?? null,
      queuedAt: r.queued_at as string,
      deliveredAt: (r.delivered_at as string | null) ?? null,
      outboxStatus: (r.outbox_status as OutboxRow['status'] | null) ?? null,
    }));
    return mergeDeliveries(monitorId, sent, await this.listItems(monitorId, limit), limit);
  }

  async deliveryCounts(monitorId: string): Promise<Record<Channel, number>> {
    const out: Record<Channel, number> = { feed: 0, email: 0, webhook: 0 };
    const rows = this.st(`SELECT channel, COUNT(*) AS n FROM watch_deliveries WHERE monitor_id = ? AND delivered_at IS NOT NULL AND channel <> 'feed' GROUP BY channel`)
      .all(monitorId) as { channel: Channel; n: number }[];
    for (const r of rows) out[r.channel] = r.n;
    out.feed = await this.countItems(monitorId);
    return out;
  }

  // ------------------------------------------------------------------ runs and notices

  async recordRun(r: RunRow): Promise<void> {
    await this.write(() =>
      this.st(
          'INSERT INTO watch_runs (id, trigger, started_at, finished_at, head_from, head_to, monitors, matches) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(r.id, r.trigger, r.startedAt, r.finishedAt, r.headFrom, r.headTo, r.monitors, r.matches),
    );
  }

  async addNotice(userId: string, message: string, at: string): Promise<void> {
    await this.write(() => this.st('INSERT INTO watch_notices (user_id, message, at) VALUES (?, ?, ?)').run(userId, message, at));
  }

  async listNotices(userId: string, limit: number): Promise<NoticeRow[]> {
    return (
      this.st('SELECT id, user_id, message, at FROM watch_notices WHERE user_id = ? ORDER BY id DESC LIMIT ?').all(userId, limit) as {
        id: number;
        user_id: string;
        message: string;
        at: string;
      }[]
    ).map((r) => ({ id: r.id, userId: r.user_id, message: r.message, at: r.at }));
  }
}
