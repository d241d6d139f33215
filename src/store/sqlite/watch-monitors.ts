/**
 * Monitors of the SQLite WatchStore: the monitors, the document change log they read (filled
 * by a trigger on the document store's `versions`, so a version and its entry commit
 * together), the batches of items they found, and the record of runs.
 */
import type { DocumentKind, ParsedDocument } from '../../domain/index.js';
import { expandBatches, pickBatches, toMonitor, type BatchRow, type DocMeta, type MonitorDbRow } from '../watch-rows.js';
import type { ChangedDocument, ItemRow, MonitorRow, NewBatch, RunRow, WatchMonitorStore } from '../watch-store.js';
import { unpackText } from './codec.js';
import { SqliteWatchPart } from './watch-part.js';


/** WatchMonitorStore on SQLite. */
export class SqliteWatchMonitors extends SqliteWatchPart implements WatchMonitorStore {
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

  async recordRun(r: RunRow): Promise<void> {
    await this.write(() =>
      this.st(
          'INSERT INTO watch_runs (id, trigger, started_at, finished_at, head_from, head_to, monitors, matches) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(r.id, r.trigger, r.startedAt, r.finishedAt, r.headFrom, r.headTo, r.monitors, r.matches),
    );
  }
}
