/**
 * The WatchStore: accounts (users, magic links, sessions, API tokens, sign-in rate limits),
 * monitors, the document change log, matched items (in batches), the outbox and the delivery ledger.
 * SQL only, no policy: what to match, when to send and how to back off live in src/watch/.
 * Async so that a PostgreSQL implementation can satisfy it. Secrets arrive here hashed.
 */
import type { DocumentKind, ParsedDocument } from '../domain/index.js';

export type Channel = 'feed' | 'email' | 'webhook';

export interface UserRow {
  id: string;
  email: string;
  createdAt: string;
  /** Per-user secret that signs feed and unsubscribe URLs (rotating it revokes them). */
  feedKey: string;
}

export interface SessionRow {
  tokenHash: string;
  userId: string;
  csrf: string;
  createdAt: string;
  expiresAt: string;
}

export interface ApiTokenRow {
  id: string;
  userId: string;
  tokenHash: string;
  label: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
}

export interface MonitorRow {
  id: string;
  userId: string;
  kind: string;
  params: Record<string, string>;
  label: string;
  interval: 'immediate' | 'daily' | 'weekly';
  email: boolean;
  webhookUrl: string | null;
  webhookSecret: string | null;
  webhookFailures: number;
  webhookDisabledAt: string | null;
  /** Change-log sequence number up to which this monitor has been matched. */
  watermark: number;
  /**
   * Position in the open-data entity change log (TkStore.changeHead) up to which this monitor
   * has been matched; null until its first run sets it (monitors made before that log existed).
   */
  tkWatermark: number | null;
  nextDueAt: string | null;
  lastRunAt: string | null;
  lastMatchCount: number;
  createdAt: string;
}

/** A document version that entered the store, with what matchers need of it. */
export interface ChangedDocument {
  seq: number;
  docId: string;
  version: number;
  title: string;
  kind: DocumentKind;
  date: string | null;
  text: string;
  structure: ParsedDocument;
}

/** What a monitor found: a document version, an open-data entity or an event (a deadline). */
export interface ItemData {
  /** Unique per monitor: `doc:<id>@<version>`, `tk:<guid>@<updated>`, `due:<commitment>`, … */
  itemKey: string;
  /** The document (or entity) the item is about. */
  docId: string;
  version: number;
  title: string;
  kind: string;
  date: string | null;
  /** Empty when none was made (only the items shown in a digest or sent by webhook get one). */
  snippet: string;
  reason: string;
  change: 'new' | 'updated';
  /** Site path of the item when it is not a stored document (`/documents/<docId>`). */
  link?: string | undefined;
}

export interface ItemRow extends ItemData {
  monitorId: string;
  /** The batch (one per monitor and run) the item was recorded in: newer batches are higher. */
  seq: number;
  createdAt: string;
}

/** What one run found for one monitor: stored as one row (a 10,000-document sync can give hundreds). */
export interface NewBatch {
  monitorId: string;
  /** Number of items. */
  n: number;
  /**
   * The items, oldest first, as a JSON array of entries (built by the run: it is the bulk of a
   * run's writes). An entry is either a full ItemData, or stored documents found for one
   * reason, `{"reason": …, "docs": [[docId, version] or [docId, version, snippet], …]}`, whose
   * title, kind and date are read from the documents when listed.
   */
  items: string;
  createdAt: string;
}

export interface NewDelivery {
  monitorId: string;
  channel: Channel;
  itemKey: string;
  outboxId: string | null;
  queuedAt: string;
  deliveredAt: string | null;
}

export interface OutboxRow {
  id: string;
  userId: string;
  monitorId: string | null;
  channel: 'email' | 'webhook';
  /** The rendered message (JSON): what is sent is fixed when it is queued. */
  payload: string;
  status: 'pending' | 'sent' | 'dead';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface DeliveryRow {
  monitorId: string;
  channel: Channel;
  itemKey: string;
  outboxId: string | null;
  queuedAt: string;
  deliveredAt: string | null;
  outboxStatus: OutboxRow['status'] | null;
}

export interface RunRow {
  id: string;
  trigger: string;
  startedAt: string;
  finishedAt: string;
  headFrom: number;
  headTo: number;
  monitors: number;
  matches: number;
}

export interface NoticeRow {
  id: number;
  userId: string;
  message: string;
  at: string;
}

/** Accounts: users, sign-in (magic links, rate limits), sessions, API tokens and notices. */
export interface WatchAccountStore {
  /**
   * Records a sign-in attempt for each key (e.g. `email:…`, `ip:…`) unless one of them already
   * has `max` attempts since `since`; returns whether the attempt was allowed. Atomic.
   */
  takeSignInSlot(keys: { key: string; max: number }[], since: string, now: string): Promise<boolean>;
  createMagicLink(link: { tokenHash: string; email: string; createdAt: string; expiresAt: string }): Promise<void>;
  /**
   * Marks the link used and returns its address, once; null when unknown, used or expired.
   * Every other unused link of the same address dies with it: only the newest click counts.
   */
  consumeMagicLink(tokenHash: string, now: string): Promise<string | null>;
  /** The address a live (unused, unexpired) link signs in, without using it; null otherwise. */
  peekMagicLink(tokenHash: string, now: string): Promise<string | null>;
  /** Replaces the key that signs a user's feed and unsubscribe URLs (old URLs stop working). */
  setFeedKey(userId: string, feedKey: string): Promise<void>;
  /** The user with this (lower-cased) address, created when new. */
  ensureUser(user: { id: string; email: string; feedKey: string; createdAt: string }): Promise<UserRow>;
  getUser(id: string): Promise<UserRow | null>;
  getUserByEmail(email: string): Promise<UserRow | null>;
  /** Deletes the user and everything of theirs (sessions, tokens, monitors, items, outbox, links). */
  deleteUser(id: string): Promise<void>;
  createSession(s: SessionRow): Promise<void>;
  getSession(tokenHash: string, now: string): Promise<SessionRow | null>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteUserSessions(userId: string): Promise<void>;
  createApiToken(t: Omit<ApiTokenRow, 'lastUsedAt'>): Promise<void>;
  /** The live token with this hash (touching last_used_at), or null. */
  useApiToken(tokenHash: string, now: string): Promise<ApiTokenRow | null>;
  /** The user's tokens, oldest first. */
  listApiTokens(userId: string): Promise<ApiTokenRow[]>;
  deleteApiToken(userId: string, id: string): Promise<boolean>;
  addNotice(userId: string, message: string, at: string): Promise<void>;
  /** The user's notices, newest first. */
  listNotices(userId: string, limit: number): Promise<NoticeRow[]>;
}

/** Monitors, what they read (the document change log) and what they found (items in batches, runs). */
export interface WatchMonitorStore {
  createMonitor(m: MonitorRow): Promise<void>;
  getMonitor(id: string): Promise<MonitorRow | null>;
  /** The user's monitors, oldest first. */
  listMonitors(userId: string): Promise<MonitorRow[]>;
  /** Deletes the monitor if `userId` owns it; false otherwise. */
  deleteMonitor(userId: string, id: string): Promise<boolean>;
  setMonitorEmail(id: string, enabled: boolean): Promise<void>;
  setWebhookState(id: string, failures: number, disabledAt: string | null): Promise<void>;
  /**
   * Immediate monitors behind either head (documents, entities) or not run since `dayStart`
   * (deadlines move with the calendar), and digest monitors whose time has come.
   */
  dueMonitors(heads: { docs: number; tk: number }, now: string, dayStart: string): Promise<MonitorRow[]>;
  /** After a run: watermarks, next due time, last run, count. */
  advanceMonitor(id: string, watermark: number, nextDueAt: string | null, lastRunAt: string, lastMatchCount: number, tkWatermark?: number | null): Promise<void>;

  /**
   * Highest change-log sequence number (0 when empty). Sequence numbers become visible in
   * increasing order: a reader that has seen everything up to the head never sees a lower
   * number appear later, so `head` is a safe watermark.
   */
  changeHead(): Promise<number>;
  /** Document versions logged in (after, upto], current content, one row per document (latest seq). */
  changedDocuments(after: number, upto: number): Promise<ChangedDocument[]>;

  /**
   * Records what a run found for a monitor (one row, whatever the number of items). Exactly
   * once is the run's doing: the batch commits with the monitor's new watermarks.
   */
  insertBatch(batch: NewBatch): Promise<void>;
  /** The monitor's items, newest batch first (within a batch: newest first). */
  listItems(monitorId: string, limit: number): Promise<ItemRow[]>;
  listUserItems(userId: string, limit: number): Promise<(ItemRow & { monitorLabel: string })[]>;
  countItems(monitorId: string): Promise<number>;
  recordRun(run: RunRow): Promise<void>;
}

/** Outgoing messages (the outbox) and the exactly-once ledger of deliveries. */
export interface WatchDeliveryStore {
  enqueue(row: Omit<OutboxRow, 'status' | 'attempts' | 'lastError' | 'sentAt'>): Promise<void>;
  /** Records a delivery unless (monitor, channel, item) exists; true when it was new. */
  insertDelivery(d: NewDelivery): Promise<boolean>;
  /** insertDelivery for many (one statement); returns how many were new. */
  insertDeliveries(ds: NewDelivery[]): Promise<number>;
  /** Pending messages due at `now`, soonest first (a listing: nothing is claimed). */
  dueOutbox(now: string, limit: number): Promise<OutboxRow[]>;
  /**
   * Takes up to `limit` pending messages of these channels due at `now`, soonest first, for
   * sending, and leases them until `leaseUntil` (their next attempt moves there): a worker
   * claiming meanwhile gets others, never these, and a worker that dies mid-send leaves them
   * to be sent after the lease. Rows are returned as they were before the claim. markSent,
   * markAttemptFailed and releaseOutbox end the lease.
   */
  claimOutbox(now: string, leaseUntil: string, limit: number, channels: readonly OutboxRow['channel'][]): Promise<OutboxRow[]>;
  /** Gives a claimed, still pending message back unsent: due again at `nextAttemptAt`. */
  releaseOutbox(outboxId: string, nextAttemptAt: string): Promise<void>;
  /** Marks the message sent and its deliveries delivered, atomically. */
  markSent(outboxId: string, now: string): Promise<void>;
  markAttemptFailed(outboxId: string, attempts: number, nextAttemptAt: string, error: string, dead: boolean): Promise<void>;
  outboxCounts(): Promise<{ pending: number; sent: number; dead: number }>;
  /** The monitor's e-mail and webhook deliveries, plus its feed items (a feed item is delivered when recorded). */
  listDeliveries(monitorId: string, limit: number): Promise<DeliveryRow[]>;
  deliveryCounts(monitorId: string): Promise<Record<Channel, number>>;
}

/**
 * Everything the watch layer stores. Writes that must commit together (a run's batches,
 * deliveries and watermarks; a webhook switched off with its notice) go through a unit of
 * work (store/unit-of-work.ts), whose `tx.watchStore` is this store bound to the unit: the
 * store has no transaction of its own, so none can be opened beside the unit by mistake.
 */
export interface WatchStore extends WatchAccountStore, WatchMonitorStore, WatchDeliveryStore {}
