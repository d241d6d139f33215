/** Deliveries of the SQLite WatchStore: the outbox (with claims) and the exactly-once ledger. */
import { mergeDeliveries, toOutbox, type OutboxDbRow } from '../watch-rows.js';
import type { Channel, DeliveryRow, NewDelivery, OutboxRow, WatchDeliveryStore, WatchMonitorStore } from '../watch-store.js';
import type { SqliteDb } from './connection.js';
import { SqliteWatchPart } from './watch-part.js';


/** WatchDeliveryStore on SQLite. */
export class SqliteWatchDeliveries extends SqliteWatchPart implements WatchDeliveryStore {
  /** @param feed the monitors' items: a feed item is its own delivery. */
  constructor(
    db: SqliteDb,
    private readonly feed: Pick<WatchMonitorStore, 'listItems' | 'countItems'>,
  ) {
    super(db);
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
    return mergeDeliveries(monitorId, sent, await this.feed.listItems(monitorId, limit), limit);
  }

  async deliveryCounts(monitorId: string): Promise<Record<Channel, number>> {
    const out: Record<Channel, number> = { feed: 0, email: 0, webhook: 0 };
    const rows = this.st(`SELECT channel, COUNT(*) AS n FROM watch_deliveries WHERE monitor_id = ? AND delivered_at IS NOT NULL AND channel <> 'feed' GROUP BY channel`)
      .all(monitorId) as { channel: Channel; n: number }[];
    for (const r of rows) out[r.channel] = r.n;
    out.feed = await this.feed.countItems(monitorId);
    return out;
  }
}
