/**
 * A WatchStore made of its three parts (accounts, monitors, deliveries): each backend writes
 * the parts, this puts them behind the one interface the watch layer uses.
 */
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
  WatchAccountStore,
  WatchDeliveryStore,
  WatchMonitorStore,
  WatchStore,
} from './watch-store.js';

/** Delegates every method to its part. */
export class ComposedWatchStore implements WatchStore {
  constructor(
    readonly accounts: WatchAccountStore,
    readonly monitors: WatchMonitorStore,
    readonly deliveries: WatchDeliveryStore,
  ) {}

  // ---- accounts
  takeSignInSlot(keys: { key: string; max: number }[], since: string, now: string): Promise<boolean> { return this.accounts.takeSignInSlot(keys, since, now); }
  createMagicLink(l: { tokenHash: string; email: string; createdAt: string; expiresAt: string }): Promise<void> { return this.accounts.createMagicLink(l); }
  consumeMagicLink(tokenHash: string, now: string): Promise<string | null> { return this.accounts.consumeMagicLink(tokenHash, now); }
  peekMagicLink(tokenHash: string, now: string): Promise<string | null> { return this.accounts.peekMagicLink(tokenHash, now); }
  setFeedKey(userId: string, feedKey: string): Promise<void> { return this.accounts.setFeedKey(userId, feedKey); }
  ensureUser(u: { id: string; email: string; feedKey: string; createdAt: string }): Promise<UserRow> { return this.accounts.ensureUser(u); }
  getUser(id: string): Promise<UserRow | null> { return this.accounts.getUser(id); }
  getUserByEmail(email: string): Promise<UserRow | null> { return this.accounts.getUserByEmail(email); }
  deleteUser(id: string): Promise<void> { return this.accounts.deleteUser(id); }
  createSession(s: SessionRow): Promise<void> { return this.accounts.createSession(s); }
  getSession(tokenHash: string, now: string): Promise<SessionRow | null> { return this.accounts.getSession(tokenHash, now); }
  deleteSession(tokenHash: string): Promise<void> { return this.accounts.deleteSession(tokenHash); }
  deleteUserSessions(userId: string): Promise<void> { return this.accounts.deleteUserSessions(userId); }
  createApiToken(t: Omit<ApiTokenRow, 'lastUsedAt'>): Promise<void> { return this.accounts.createApiToken(t); }
  useApiToken(tokenHash: string, now: string): Promise<ApiTokenRow | null> { return this.accounts.useApiToken(tokenHash, now); }
  listApiTokens(userId: string): Promise<ApiTokenRow[]> { return this.accounts.listApiTokens(userId); }
  deleteApiToken(userId: string, id: string): Promise<boolean> { return this.accounts.deleteApiToken(userId, id); }
  addNotice(userId: string, message: string, at: string): Promise<void> { return this.accounts.addNotice(userId, message, at); }
  listNotices(userId: string, limit: number): Promise<NoticeRow[]> { return this.accounts.listNotices(userId, limit); }

  // ---- monitors, change log, items, runs
  createMonitor(m: MonitorRow): Promise<void> { return this.monitors.createMonitor(m); }
  getMonitor(id: string): Promise<MonitorRow | null> { return this.monitors.getMonitor(id); }
  listMonitors(userId: string): Promise<MonitorRow[]> { return this.monitors.listMonitors(userId); }
  deleteMonitor(userId: string, id: string): Promise<boolean> { return this.monitors.deleteMonitor(userId, id); }
  setMonitorEmail(id: string, enabled: boolean): Promise<void> { return this.monitors.setMonitorEmail(id, enabled); }
  setWebhookState(id: string, failures: number, disabledAt: string | null): Promise<void> { return this.monitors.setWebhookState(id, failures, disabledAt); }
  dueMonitors(heads: { docs: number; tk: number }, now: string, dayStart: string): Promise<MonitorRow[]> { return this.monitors.dueMonitors(heads, now, dayStart); }
  advanceMonitor(id: string, watermark: number, nextDueAt: string | null, lastRunAt: string, lastMatchCount: number, tkWatermark?: number | null): Promise<void> {
    return this.monitors.advanceMonitor(id, watermark, nextDueAt, lastRunAt, lastMatchCount, tkWatermark);
  }
  changeHead(): Promise<number> { return this.monitors.changeHead(); }
  changedDocuments(after: number, upto: number): Promise<ChangedDocument[]> { return this.monitors.changedDocuments(after, upto); }
  insertBatch(b: NewBatch): Promise<void> { return this.monitors.insertBatch(b); }
  listItems(monitorId: string, limit: number): Promise<ItemRow[]> { return this.monitors.listItems(monitorId, limit); }
  listUserItems(userId: string, limit: number): Promise<(ItemRow & { monitorLabel: string })[]> { return this.monitors.listUserItems(userId, limit); }
  countItems(monitorId: string): Promise<number> { return this.monitors.countItems(monitorId); }
  recordRun(r: RunRow): Promise<void> { return this.monitors.recordRun(r); }

  // ---- outbox and deliveries
  enqueue(r: Omit<OutboxRow, 'status' | 'attempts' | 'lastError' | 'sentAt'>): Promise<void> { return this.deliveries.enqueue(r); }
  insertDelivery(d: NewDelivery): Promise<boolean> { return this.deliveries.insertDelivery(d); }
  insertDeliveries(ds: NewDelivery[]): Promise<number> { return this.deliveries.insertDeliveries(ds); }
  dueOutbox(now: string, limit: number): Promise<OutboxRow[]> { return this.deliveries.dueOutbox(now, limit); }
  claimOutbox(now: string, leaseUntil: string, limit: number, channels: readonly OutboxRow['channel'][]): Promise<OutboxRow[]> {
    return this.deliveries.claimOutbox(now, leaseUntil, limit, channels);
  }
  releaseOutbox(outboxId: string, nextAttemptAt: string): Promise<void> { return this.deliveries.releaseOutbox(outboxId, nextAttemptAt); }
  markSent(outboxId: string, now: string): Promise<void> { return this.deliveries.markSent(outboxId, now); }
  markAttemptFailed(outboxId: string, attempts: number, nextAttemptAt: string, error: string, dead: boolean): Promise<void> {
    return this.deliveries.markAttemptFailed(outboxId, attempts, nextAttemptAt, error, dead);
  }
  outboxCounts(): Promise<{ pending: number; sent: number; dead: number }> { return this.deliveries.outboxCounts(); }
  listDeliveries(monitorId: string, limit: number): Promise<DeliveryRow[]> { return this.deliveries.listDeliveries(monitorId, limit); }
  deliveryCounts(monitorId: string): Promise<Record<Channel, number>> { return this.deliveries.deliveryCounts(monitorId); }
}
