/**
 * Accounts of the PostgreSQL WatchStore: users, magic links, sign-in rate limits, sessions,
 * API tokens and notices.
 */
import type { ApiTokenRow, NoticeRow, SessionRow, UserRow, WatchAccountStore } from '../watch-store.js';
import type { PgDb } from './connection.js';

/** Sign-in attempts are counted and recorded under this lock: two requests must not both pass. */
const SIGNIN_LOCK = 'kamerlens:watch_signin';

interface UserDbRow {
  id: string;
  email: string;
  feed_key: string;
  created_at: string;
}

const toUser = (r: UserDbRow): UserRow => ({ id: r.id, email: r.email, feedKey: r.feed_key, createdAt: r.created_at });

interface TokenDbRow {
  id: string;
  user_id: string;
  token_hash: string;
  label: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
}

const toToken = (r: TokenDbRow): ApiTokenRow => ({
  id: r.id,
  userId: r.user_id,
  tokenHash: r.token_hash,
  label: r.label,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at ?? null,
});

const TOKEN_COLUMNS = 'id, user_id, token_hash, label, created_at, expires_at, last_used_at';

/** WatchAccountStore on PostgreSQL; joins the caller's unit of work through `db`. */
export class PgWatchAccounts implements WatchAccountStore {
  constructor(private readonly db: PgDb) {}

  async takeSignInSlot(keys: { key: string; max: number }[], since: string, now: string): Promise<boolean> {
    return this.db.atomic(async (db) => {
      await db.q('SELECT pg_advisory_xact_lock(hashtext($1))', [SIGNIN_LOCK]);
      const full = await db.one<{ full: boolean }>(
        `SELECT EXISTS (
           SELECT 1 FROM unnest($1::text[], $2::int[]) AS k (key, max)
           WHERE (SELECT COUNT(*) FROM watch_signin_attempts a WHERE a.key = k.key AND a.at >= $3) >= k.max
         ) AS full`,
        [keys.map((k) => k.key), keys.map((k) => k.max), since],
      );
      if (full!.full) return false;
      await db.q('INSERT INTO watch_signin_attempts (key, at) SELECT k, $2 FROM unnest($1::text[]) AS k', [keys.map((k) => k.key), now]);
      // Old attempts are worthless: keep the table small.
      await db.q('DELETE FROM watch_signin_attempts WHERE at < $1', [since]);
      return true;
    });
  }

  async createMagicLink(l: { tokenHash: string; email: string; createdAt: string; expiresAt: string }): Promise<void> {
    await this.db.atomic(async (db) => {
      // Expired links go, and a newer link replaces the older ones still in a mailbox (a leaked old mail is harmless).
      await db.q('DELETE FROM watch_magic_links WHERE expires_at < $1 OR (email = $2 AND used_at IS NULL)', [l.createdAt, l.email]);
      await db.q('INSERT INTO watch_magic_links (token_hash, email, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
        l.tokenHash,
        l.email,
        l.createdAt,
        l.expiresAt,
      ]);
    });
  }

  async consumeMagicLink(tokenHash: string, now: string): Promise<string | null> {
    return this.db.atomic(async (db) => {
      // A concurrent consumer of the same link waits on the row and then finds it used: once.
      const row = await db.one<{ email: string }>(
        'UPDATE watch_magic_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING email',
        [now, tokenHash],
      );
      if (row) await db.q('DELETE FROM watch_magic_links WHERE email = $1 AND used_at IS NULL', [row.email]);
      return row?.email ?? null;
    });
  }

  async peekMagicLink(tokenHash: string, now: string): Promise<string | null> {
    const row = await this.db.one<{ email: string }>('SELECT email FROM watch_magic_links WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2', [tokenHash, now]);
    return row?.email ?? null;
  }

  async setFeedKey(userId: string, feedKey: string): Promise<void> {
    await this.db.q('UPDATE watch_users SET feed_key = $1 WHERE id = $2', [feedKey, userId]);
  }

  async ensureUser(u: { id: string; email: string; feedKey: string; createdAt: string }): Promise<UserRow> {
    return this.db.atomic(async (db) => {
      await db.q('INSERT INTO watch_users (id, email, feed_key, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (email) DO NOTHING', [
        u.id,
        u.email,
        u.feedKey,
        u.createdAt,
      ]);
      return toUser((await db.one<UserDbRow>('SELECT * FROM watch_users WHERE email = $1', [u.email]))!);
    });
  }

  async getUser(id: string): Promise<UserRow | null> {
    const r = await this.db.one<UserDbRow>('SELECT * FROM watch_users WHERE id = $1', [id]);
    return r ? toUser(r) : null;
  }

  async getUserByEmail(email: string): Promise<UserRow | null> {
    const r = await this.db.one<UserDbRow>('SELECT * FROM watch_users WHERE email = $1', [email]);
    return r ? toUser(r) : null;
  }

  async deleteUser(id: string): Promise<void> {
    await this.db.atomic(async (db) => {
      // Cascades remove sessions, tokens, monitors, items, deliveries, outbox and notices.
      const u = await db.one<{ email: string }>('DELETE FROM watch_users WHERE id = $1 RETURNING email', [id]);
      if (!u) return;
      await db.q('DELETE FROM watch_magic_links WHERE email = $1', [u.email]);
      await db.q('DELETE FROM watch_signin_attempts WHERE key = $1', [`email:${u.email}`]);
    });
  }

  async createSession(s: SessionRow): Promise<void> {
    await this.db.atomic(async (db) => {
      await db.q('DELETE FROM watch_sessions WHERE expires_at < $1', [s.createdAt]);
      await db.q('INSERT INTO watch_sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
        s.tokenHash,
        s.userId,
        s.csrf,
        s.createdAt,
        s.expiresAt,
      ]);
    });
  }

  async getSession(tokenHash: string, now: string): Promise<SessionRow | null> {
    const r = await this.db.one<{ token_hash: string; user_id: string; csrf: string; created_at: string; expires_at: string }>(
      'SELECT token_hash, user_id, csrf, created_at, expires_at FROM watch_sessions WHERE token_hash = $1 AND expires_at > $2',
      [tokenHash, now],
    );
    return r ? { tokenHash: r.token_hash, userId: r.user_id, csrf: r.csrf, createdAt: r.created_at, expiresAt: r.expires_at } : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.q('DELETE FROM watch_sessions WHERE token_hash = $1', [tokenHash]);
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.q('DELETE FROM watch_sessions WHERE user_id = $1', [userId]);
  }

  async createApiToken(t: Omit<ApiTokenRow, 'lastUsedAt'>): Promise<void> {
    await this.db.q('INSERT INTO watch_api_tokens (id, user_id, token_hash, label, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      t.id,
      t.userId,
      t.tokenHash,
      t.label,
      t.createdAt,
      t.expiresAt,
    ]);
  }

  async useApiToken(tokenHash: string, now: string): Promise<ApiTokenRow | null> {
    const r = await this.db.one<TokenDbRow>(
      `UPDATE watch_api_tokens SET last_used_at = $2 WHERE token_hash = $1 AND expires_at > $2 RETURNING ${TOKEN_COLUMNS}`,
      [tokenHash, now],
    );
    return r ? toToken(r) : null;
  }

  async listApiTokens(userId: string): Promise<ApiTokenRow[]> {
    return (await this.db.rows<TokenDbRow>(`SELECT ${TOKEN_COLUMNS} FROM watch_api_tokens WHERE user_id = $1 ORDER BY created_at, ord`, [userId])).map(toToken);
  }

  async deleteApiToken(userId: string, id: string): Promise<boolean> {
    return (await this.db.q('DELETE FROM watch_api_tokens WHERE user_id = $1 AND id = $2', [userId, id])).rowCount === 1;
  }

  async addNotice(userId: string, message: string, at: string): Promise<void> {
    await this.db.q('INSERT INTO watch_notices (user_id, message, at) VALUES ($1, $2, $3)', [userId, message, at]);
  }

  async listNotices(userId: string, limit: number): Promise<NoticeRow[]> {
    const rows = await this.db.rows<{ id: number; user_id: string; message: string; at: string }>(
      'SELECT id, user_id, message, at FROM watch_notices WHERE user_id = $1 ORDER BY id DESC LIMIT $2',
      [userId, limit],
    );
    return rows.map((r) => ({ id: r.id, userId: r.user_id, message: r.message, at: r.at }));
  }
}
