/**
 * Deliveries of the PostgreSQL WatchStore: the outbox (claimed by workers with SKIP LOCKED and
 * a lease, so that several workers never send the same message) and the exactly-once ledger.
 */
import { mergeDeliveries, toOutbox, type OutboxDbRow } from '../watch-rows.js';
import type { Channel, DeliveryRow, NewDelivery, OutboxRow, WatchDeliveryStore, WatchMonitorStore } from '../watch-store.js';
import type { PgDb } from './connection.js';


const OUTBOX_COLUMNS = 'id, user_id, monitor_id, channel, payload, status, attempts, next_attempt_at, last_error, created_at, sent_at';

/** WatchDeliveryStore on PostgreSQL; joins the caller's unit of work through `db`. */
export class PgWatchDeliveries implements WatchDeliveryStore {
  /** @param items the monitors' items: a feed item is its own delivery. */
  constructor(
    private readonly db: PgDb,
    private readonly items: Pick<WatchMonitorStore, 'listItems' | 'countItems'>,
  ) {}

  async enqueue(r: Omit<OutboxRow, 'status' | 'attempts' | 'lastError' | 'sentAt'>): Promise<void> {
    await this.db.q(
      `INSERT INTO watch_outbox (id, user_id, monitor_id, channel, payload, status, attempts, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, $7)`,
      [r.id, r.userId, r.monitorId, r.channel, r.payload, r.nextAttemptAt, r.createdAt],
    );
  }

  async insertDelivery(d: NewDelivery): Promise<boolean> {
    return (await this.insertDeliveries([d])) === 1;
  }

  async insertDeliveries(ds: NewDelivery[]): Promise<number> {
    if (ds.length === 0) return 0;
    // One statement for a run's hundreds; a key twice in the list counts once, as row by row.
    const r = await this.db.q(
      `INSERT INTO watch_deliveries (monitor_id, channel, item_key, outbox_id, queued_at, delivered_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       ON CONFLICT DO NOTHING`,
      [ds.map((d) => d.monitorId), ds.map((d) => d.channel), ds.map((d) => d.itemKey), ds.map((d) => d.outboxId), ds.map((d) => d.queuedAt), ds.map((d) => d.deliveredAt)],
    );
    return r.rowCount ?? 0;
  }

  async dueOutbox(now: string, limit: number): Promise<OutboxRow[]> {
    const rows = await this.db.rows<OutboxDbRow>(
      `SELECT ${OUTBOX_COLUMNS} FROM watch_outbox WHERE status = 'pending' AND next_attempt_at <= $1
       ORDER BY next_attempt_at, created_at, id LIMIT $2`,
      [now, limit],
    );
    return rows.map(toOutbox);
  }

  async claimOutbox(now: string, leaseUntil: string, limit: number, channels: readonly OutboxRow['channel'][]): Promise<OutboxRow[]> {
    if (channels.length === 0 || limit <= 0) return [];
    // SKIP LOCKED: a concurrent claimer passes over the rows this one is taking instead of
    // waiting for them (and then finding them leased); the lease keeps them taken after commit.
    const rows = await this.db.rows<OutboxDbRow>(
      `WITH claimed AS (
         SELECT ${OUTBOX_COLUMNS} FROM watch_outbox
         WHERE status = 'pending' AND next_attempt_at <= $1 AND channel = ANY($4::text[])
         ORDER BY next_attempt_at, created_at, id LIMIT $3
         FOR UPDATE SKIP LOCKED
       ), leased AS (
         UPDATE watch_outbox o SET next_attempt_at = $2 FROM claimed WHERE o.id = claimed.id
       )
       SELECT * FROM claimed ORDER BY next_attempt_at, created_at, id`,
      [now, leaseUntil, limit, [...channels]],
    );
    return rows.map(toOutbox);
  }

  async releaseOutbox(outboxId: string, nextAttemptAt: string): Promise<void> {
    await this.db.q(`UPDATE watch_outbox SET next_attempt_at = $1 WHERE id = $2 AND status = 'pending'`, [nextAttemptAt, outboxId]);
  }

  async markSent(outboxId: string, now: string): Promise<void> {
    await this.db.atomic(async (db) => {
      await db.q(`UPDATE watch_outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1, last_error = NULL WHERE id = $2`, [now, outboxId]);
      await db.q('UPDATE watch_deliveries SET delivered_at = $1 WHERE outbox_id = $2 AND delivered_at IS NULL', [now, outboxId]);
    });
  }

  async markAttemptFailed(outboxId: string, attempts: number, nextAttemptAt: string, error: string, dead: boolean): Promise<void> {
    await this.db.q('UPDATE watch_outbox SET attempts = $1, next_attempt_at = $2, last_error = $3, status = $4 WHERE id = $5', [
      attempts,
      nextAttemptAt,
      error.slice(0, 500),
      dead ? 'dead' : 'pending',
      outboxId,
    ]);
  }

  async outboxCounts(): Promise<{ pending: number; sent: number; dead: number }> {
    const out = { pending: 0, sent: 0, dead: 0 };
    for (const r of await this.db.rows<{ status: keyof typeof out; n: number }>('SELECT status, COUNT(*) AS n FROM watch_outbox GROUP BY status')) {
      out[r.status] = r.n;
    }
    return out;
  }

  async listDeliveries(monitorId: string, limit: number): Promise<DeliveryRow[]> {
    const rows = await this.db.rows<{
      monitor_id: string;
      channel: Channel;
      item_key: string;
      outbox_id: string | null;
      queued_at: string;
      delivered_at: string | null;
      outbox_status: OutboxRow['status'] | null;
    }>(
      `SELECT d.monitor_id, d.channel, d.item_key, d.outbox_id, d.queued_at, d.delivered_at, o.status AS outbox_status
       FROM watch_deliveries d LEFT JOIN watch_outbox o ON o.id = d.outbox_id
       WHERE d.monitor_id = $1 AND d.channel <> 'feed' ORDER BY d.queued_at DESC, d.item_key, d.channel LIMIT $2`,
      [monitorId, limit],
    );
    const sent: DeliveryRow[] = rows.map((r) => ({
      monitorId: r.monitor_id,
      channel: r.channel,
      itemKey: r.item_key,
      outboxId: r.outbox_id ?? null,
      queuedAt: r.queued_at,
      deliveredAt: r.delivered_at ?? null,
      outboxStatus: r.outbox_status ?? null,
    }));
    return mergeDeliveries(monitorId, sent, await this.items.listItems(monitorId, limit), limit);
  }

  async deliveryCounts(monitorId: string): Promise<Record<Channel, number>> {
    const out: Record<Channel, number> = { feed: 0, email: 0, webhook: 0 };
    const rows = await this.db.rows<{ channel: Channel; n: number }>(
      `SELECT channel, COUNT(*) AS n FROM watch_deliveries WHERE monitor_id = $1 AND delivered_at IS NOT NULL AND channel <> 'feed' GROUP BY channel`,
      [monitorId],
    );
    for (const r of rows) out[r.channel] = r.n;
    out.feed = await this.items.countItems(monitorId);
    return out;
  }
}
