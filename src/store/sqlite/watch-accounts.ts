/** Accounts of the SQLite WatchStore: users, magic links, sign-in rate limits, sessions, API tokens and notices. */
import type { ApiTokenRow, NoticeRow, SessionRow, UserRow, WatchAccountStore } from '../watch-store.js';
import { SqliteWatchPart } from './watch-part.js';

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

/** WatchAccountStore on SQLite. */
export class SqliteWatchAccounts extends SqliteWatchPart implements WatchAccountStore {
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
