/**
 * Monitors of the PostgreSQL WatchStore: the monitors, the document change log they read, the
 * batches of items they found, and the record of runs. Reads the document store's `documents`
 * and `versions` tables (same database) for what changed and for item titles.
 */
import type { DocumentKind, ParsedDocument } from '../../domain/index.js';
import { expandBatches, pickBatches, toMonitor, type BatchRow, type DocMeta, type MonitorDbRow } from '../watch-rows.js';
import type { ChangedDocument, ItemRow, MonitorRow, NewBatch, RunRow, WatchMonitorStore } from '../watch-store.js';
import type { PgDb } from './connection.js';


/** WatchMonitorStore on PostgreSQL; joins the caller's unit of work through `db`. */
export class PgWatchMonitors implements WatchMonitorStore {
  constructor(private readonly db: PgDb) {}

  async createMonitor(m: MonitorRow): Promise<void> {
    await this.db.q(
      `INSERT INTO watch_monitors (id, user_id, kind, params, label, "interval", email, webhook_url, webhook_secret,
         webhook_failures, webhook_disabled_at, watermark, tk_watermark, next_due_at, last_run_at, last_match_count, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        m.id, m.userId, m.kind, JSON.stringify(m.params), m.label, m.interval, m.email, m.webhookUrl, m.webhookSecret,
        m.webhookFailures, m.webhookDisabledAt, m.watermark, m.tkWatermark ?? null, m.nextDueAt, m.lastRunAt, m.lastMatchCount, m.createdAt,
      ],
    );
  }

  async getMonitor(id: string): Promise<MonitorRow | null> {
    const r = await this.db.one<MonitorDbRow>('SELECT * FROM watch_monitors WHERE id = $1', [id]);
    return r ? toMonitor(r) : null;
  }

  async listMonitors(userId: string): Promise<MonitorRow[]> {
    return (await this.db.rows<MonitorDbRow>('SELECT * FROM watch_monitors WHERE user_id = $1 ORDER BY created_at, id', [userId])).map(toMonitor);
  }

  async deleteMonitor(userId: string, id: string): Promise<boolean> {
    return (await this.db.q('DELETE FROM watch_monitors WHERE user_id = $1 AND id = $2', [userId, id])).rowCount === 1;
  }

  async setMonitorEmail(id: string, enabled: boolean): Promise<void> {
    await this.db.q('UPDATE watch_monitors SET email = $1 WHERE id = $2', [enabled, id]);
  }

  async setWebhookState(id: string, failures: number, disabledAt: string | null): Promise<void> {
    await this.db.q('UPDATE watch_monitors SET webhook_failures = $1, webhook_disabled_at = $2 WHERE id = $3', [failures, disabledAt, id]);
  }

  async dueMonitors(heads: { docs: number; tk: number }, now: string, dayStart: string): Promise<MonitorRow[]> {
    const rows = await this.db.rows<MonitorDbRow>(
      `SELECT * FROM watch_monitors
       WHERE ("interval" = 'immediate' AND (watermark < $1 OR COALESCE(tk_watermark, 0) < $2
                OR COALESCE(last_run_at, created_at) < $4))
          OR ("interval" <> 'immediate' AND next_due_at <= $3)
       ORDER BY user_id, id`,
      [heads.docs, heads.tk, now, dayStart],
    );
    return rows.map(toMonitor);
  }

  async advanceMonitor(id: string, watermark: number, nextDueAt: string | null, lastRunAt: string, lastMatchCount: number, tkWatermark: number | null = null): Promise<void> {
    await this.db.q(
      `UPDATE watch_monitors SET watermark = $1, tk_watermark = COALESCE($2, tk_watermark), next_due_at = $3, last_run_at = $4,
         last_match_count = $5 WHERE id = $6`,
      [watermark, tkWatermark, nextDueAt, lastRunAt, lastMatchCount, id],
    );
  }

  // ------------------------------------------------------------------ change log

  async changeHead(): Promise<number> {
    return (await this.db.one<{ n: number }>('SELECT COALESCE(MAX(seq), 0) AS n FROM watch_changes'))!.n;
  }

  async changedDocuments(after: number, upto: number): Promise<ChangedDocument[]> {
    // Casts read the document store's columns whatever their type there (JSONB or text, date or text).
    const rows = await this.db.rows<{ seq: number; doc_id: string; version: number; title: string; kind: string; date: string | null; text: string; structure: string }>(
      `SELECT c.seq, c.doc_id, c.version, d.title, d.kind, d.date::text AS date, v.text, v.structure::text AS structure
       FROM (SELECT doc_id, MAX(seq) AS seq FROM watch_changes WHERE seq > $1 AND seq <= $2 GROUP BY doc_id) last
       JOIN watch_changes c ON c.seq = last.seq
       JOIN documents d ON d.id = c.doc_id
       JOIN versions v ON v.doc_id = c.doc_id AND v.version = c.version
       ORDER BY c.seq`,
      [after, upto],
    );
    return rows.map((r) => ({
      seq: r.seq,
      docId: r.doc_id,
      version: r.version,
      title: r.title,
      kind: r.kind as DocumentKind,
      date: r.date,
      text: r.text,
      structure: JSON.parse(r.structure) as ParsedDocument,
    }));
  }

  // ------------------------------------------------------------------ items and runs

  async insertBatch(b: NewBatch): Promise<void> {
    if (b.n === 0) return;
    await this.db.q('INSERT INTO watch_items (monitor_id, n, items, created_at) VALUES ($1, $2, $3, $4)', [b.monitorId, b.n, b.items, b.createdAt]);
  }

  /** Items of the newest batches until `limit` items, newest first (`sql` lists batches for $1, at most $2). */
  private async items(sql: string, key: string, limit: number): Promise<ItemRow[]> {
    // Every batch holds at least one item: `limit` batches are always enough.
    const picked = pickBatches(await this.db.rows<BatchRow>(sql, [key, limit]), limit);
    const meta = new Map<string, DocMeta>();
    if (picked.docIds.length > 0) {
      for (const m of await this.db.rows<DocMeta & { id: string }>('SELECT id, title, kind, date::text AS date FROM documents WHERE id = ANY($1::text[])', [picked.docIds])) {
        meta.set(m.id, m);
      }
    }
    return expandBatches(picked, meta, limit);
  }

  async listItems(monitorId: string, limit: number): Promise<ItemRow[]> {
    return this.items('SELECT seq, monitor_id, items, created_at FROM watch_items WHERE monitor_id = $1 ORDER BY seq DESC LIMIT $2', monitorId, limit);
  }

  async listUserItems(userId: string, limit: number): Promise<(ItemRow & { monitorLabel: string })[]> {
    const labels = new Map<string, string>();
    for (const m of await this.db.rows<{ id: string; label: string }>('SELECT id, label FROM watch_monitors WHERE user_id = $1', [userId])) labels.set(m.id, m.label);
    const rows = await this.items(
      `SELECT i.seq, i.monitor_id, i.items, i.created_at FROM watch_items i JOIN watch_monitors m ON m.id = i.monitor_id
       WHERE m.user_id = $1 ORDER BY i.seq DESC LIMIT $2`,
      userId,
      limit,
    );
    return rows.map((r) => ({ ...r, monitorLabel: labels.get(r.monitorId) ?? '' }));
  }

  async countItems(monitorId: string): Promise<number> {
    return (await this.db.one<{ n: number }>('SELECT COALESCE(SUM(n), 0)::bigint AS n FROM watch_items WHERE monitor_id = $1', [monitorId]))!.n;
  }

  async recordRun(r: RunRow): Promise<void> {
    await this.db.q(
      'INSERT INTO watch_runs (id, "trigger", started_at, finished_at, head_from, head_to, monitors, matches) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [r.id, r.trigger, r.startedAt, r.finishedAt, r.headFrom, r.headTo, r.monitors, r.matches],
    );
  }
}
