/**
 * Row logic every WatchStore implementation shares, so that SQLite and PostgreSQL answer
 * alike: how a batch of items unfolds into ItemRows, and how deliveries and feed items merge.
 */
import type { DeliveryRow, ItemData, ItemRow, MonitorRow, OutboxRow } from './watch-store.js';

/** A stored batch (one row per monitor and run). */
export interface BatchRow {
  seq: number;
  monitor_id: string;
  items: string;
  created_at: string;
}

/** One entry of a batch (see NewBatch.items). */
type BatchEntry = ItemData | { reason: string; docs: ([string, number] | [string, number, string])[] };

/** What a listing shows of a stored document, read in one query for all batches listed. */
export interface DocMeta {
  title: string;
  kind: string;
  date: string | null;
}

/** Batches parsed, newest first, with the documents their entries name. */
export interface PickedBatches {
  picked: { r: BatchRow; entries: BatchEntry[] }[];
  /** Ids of the stored documents named by `docs` entries (their titles are read from the store). */
  docIds: string[];
}

/**
 * Takes batches (newest first) until they hold `limit` items: every batch holds at least one,
 * so a reader never needs more than `limit` rows, and usually far fewer.
 */
export function pickBatches(rows: Iterable<BatchRow>, limit: number): PickedBatches {
  const picked: PickedBatches['picked'] = [];
  let count = 0;
  for (const r of rows) {
    if (count >= limit) break;
    const entries = JSON.parse(r.items) as BatchEntry[];
    picked.push({ r, entries });
    for (const e of entries) count += 'docs' in e ? e.docs.length : 1;
  }
  const ids = new Set<string>();
  for (const { entries } of picked) for (const e of entries) if ('docs' in e) for (const d of e.docs) ids.add(d[0]);
  return { picked, docIds: [...ids] };
}

/** The items of picked batches, newest first, at most `limit`. */
export function expandBatches({ picked }: PickedBatches, meta: ReadonlyMap<string, DocMeta>, limit: number): ItemRow[] {
  const out: ItemRow[] = [];
  for (const { r, entries } of picked) {
    const items: ItemRow[] = [];
    const at = { monitorId: r.monitor_id, seq: r.seq, createdAt: r.created_at };
    for (const e of entries) {
      if ('docs' in e) {
        for (const [docId, version, snippet] of e.docs) {
          const m = meta.get(docId);
          items.push({
            itemKey: `doc:${docId}@${version}`, docId, version, title: m?.title ?? docId, kind: m?.kind ?? 'overig', date: m?.date ?? null,
            snippet: snippet ?? '', reason: e.reason, change: version === 1 ? 'new' : 'updated', ...at,
          });
        }
      } else {
        items.push({ ...e, date: e.date ?? null, snippet: e.snippet ?? '', ...at });
      }
    }
    for (let k = items.length - 1; k >= 0 && out.length < limit; k--) out.push(items[k]!);
  }
  return out;
}

/**
 * A monitor's outgoing deliveries and its feed items (a feed item is delivered when it is
 * recorded) in one listing: newest first, ties by item key.
 */
export function mergeDeliveries(monitorId: string, sent: DeliveryRow[], feed: ItemRow[], limit: number): DeliveryRow[] {
  const fromFeed: DeliveryRow[] = feed.map((i) => ({
    monitorId,
    channel: 'feed',
    itemKey: i.itemKey,
    outboxId: null,
    queuedAt: i.createdAt,
    deliveredAt: i.createdAt,
    outboxStatus: null,
  }));
  return [...sent, ...fromFeed]
    .sort((a, b) => (a.queuedAt === b.queuedAt ? (a.itemKey < b.itemKey ? -1 : a.itemKey > b.itemKey ? 1 : 0) : a.queuedAt < b.queuedAt ? 1 : -1))
    .slice(0, limit);
}

/** A monitor's row (booleans are 0/1 on SQLite, true/false on PostgreSQL). */
export interface MonitorDbRow {
  id: string;
  user_id: string;
  kind: string;
  params: string;
  label: string;
  interval: string;
  email: number | boolean;
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

export const toMonitor = (r: MonitorDbRow): MonitorRow => ({
  id: r.id,
  userId: r.user_id,
  kind: r.kind,
  params: JSON.parse(r.params) as Record<string, string>,
  label: r.label,
  interval: r.interval as MonitorRow['interval'],
  email: r.email === 1 || r.email === true,
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

/** An outbox message's row. */
export interface OutboxDbRow {
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

export const toOutbox = (r: OutboxDbRow): OutboxRow => ({
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
