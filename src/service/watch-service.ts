/**
 * The watch use cases (accounts, monitors, runs, feeds) as the server and the CLI see them.
 * Implemented in src/watch/ (createWatchService) and injected by the composition root, so
 * that HTTP and CLI depend only on this port, never on the watch machinery itself.
 */
import type { ItemData } from '../store/watch-store.js';

/** Errors of the watch use cases that the generic error catalogue has no status for. */
export type WatchErrorCode = 'UNAUTHORIZED' | 'CSRF' | 'RATE_LIMITED' | 'NOT_FOUND' | 'BAD_REQUEST' | 'GONE' | 'UNAVAILABLE';

export const WATCH_ERROR_STATUS: Record<WatchErrorCode, number> = {
  UNAUTHORIZED: 401,
  CSRF: 403,
  RATE_LIMITED: 429,
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  GONE: 410,
  UNAVAILABLE: 503,
};

/** A watch error: a stable code, a message for people, no HTTP status (the server maps it). */
export class WatchError extends Error {
  constructor(
    readonly code: WatchErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'WatchError';
  }
}

export const isWatchError = (e: unknown): e is WatchError => e instanceof WatchError;

/** Who is asking: a signed-in browser session or a script with an API token. */
export interface Viewer {
  userId: string;
  email: string;
  via: 'session' | 'token';
  /** The synchronizer CSRF token of the session (null for API tokens: no cookies, no CSRF). */
  csrf: string | null;
}

export const MONITOR_KINDS = ['search', 'party', 'dossier', 'commitments', 'person', 'committee', 'zaak', 'meeting', 'answers'] as const;
export type MonitorKind = (typeof MONITOR_KINDS)[number];
export const INTERVALS = ['immediate', 'daily', 'weekly'] as const;
export type Interval = (typeof INTERVALS)[number];

/** What a user asks to follow. `params` is per kind (see src/watch/matchers.ts). */
export interface MonitorInput {
  kind: MonitorKind;
  /**
   * search: { query }, party: { party }, dossier: { dossier },
   * commitments: { actor and/or ministry, event?: new|due|overdue|fulfilled, days? (for due) },
   * person: { person: GUID | Persoon nummer }, committee: { committee: GUID | afkorting },
   * zaak: { zaak: GUID | 2025Z03735 }, meeting: { meeting: telecomraad-2025-03-04 },
   * answers: { zaak } or { party } (written questions answered)
   */
  params: Record<string, string>;
  interval: Interval;
  label?: string | undefined;
  email: boolean;
  webhookUrl?: string | null | undefined;
}

export interface MonitorView {
  id: string;
  kind: string;
  params: Record<string, string>;
  /** Human description, e.g. `zoekopdracht "cyber* kind:kamerbrief"`. */
  label: string;
  /** The query language form the matcher runs (for search, party, dossier), else null. */
  query: string | null;
  interval: Interval;
  email: boolean;
  webhook: { url: string; disabled: boolean; failures: number } | null;
  createdAt: string;
  lastRunAt: string | null;
  lastMatchCount: number;
  matchCount: number;
  /** Unguessable Atom feed path of this monitor. */
  feedPath: string;
}

export interface DeliveryView {
  itemKey: string;
  channel: 'feed' | 'email' | 'webhook';
  state: 'queued' | 'delivered' | 'failed';
  queuedAt: string;
  deliveredAt: string | null;
}

/** A matched item as shown on "mijn" and in feeds: the stored item and when it matched. */
export interface MatchView extends ItemData {
  matchedAt: string;
}

export interface PreviewHit {
  docId: string;
  title: string;
  kind: string;
  date: string | null;
  snippet: string;
}

export interface MonitorDetail {
  monitor: MonitorView;
  matches: MatchView[];
  deliveries: DeliveryView[];
  /** What the monitor would match in the whole archive now (first few, newest first). */
  preview: PreviewHit[];
  previewTotal: number;
  /** True when the preview's search ran out of its time budget and the total is estimated. */
  previewIsEstimate: boolean;
}

export interface NoticeView {
  id: number;
  message: string;
  at: string;
}

export interface ApiTokenView {
  id: string;
  label: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
}

export interface MineData {
  user: { id: string; email: string; createdAt: string };
  /**
   * No previews here: a page view must not run one search per monitor (200 saved searches
   * froze the server for a minute). Each monitor's own page shows its preview.
   */
  monitors: (MonitorView & { recent: MatchView[]; deliveries: Record<'feed' | 'email' | 'webhook', number> })[];
  notices: NoticeView[];
  tokens: ApiTokenView[];
  /** Unguessable Atom feed of everything the user follows. */
  feedPath: string;
  /** Whether mail can be sent (an SMTP server is configured); else e-mail is not offered. */
  emailAvailable: boolean;
}

export interface RunReport {
  runId: string;
  trigger: string;
  monitors: number;
  changedDocuments: number;
  newMatches: number;
  outbox: { sent: number; failed: number; pending: number };
  durationMs: number;
  /** Milliseconds per phase of the matching (read, index, match, write). */
  phases?: Record<string, number>;
}

export interface WatchService {
  // accounts
  /** Mails a sign-in link (always the same answer, whether the address is known or not). */
  requestSignIn(email: string, ip: string): Promise<void>;
  /** The address a sign-in link would sign in as (for its confirm page), or null when dead. */
  peekSignIn(token: string): Promise<string | null>;
  /** Consumes a magic link once; returns a new session token (to put in a cookie). */
  consumeSignIn(token: string): Promise<{ sessionToken: string; expiresAt: string; viewer: Viewer }>;
  viewerFromSession(sessionToken: string): Promise<Viewer | null>;
  viewerFromApiToken(apiToken: string): Promise<Viewer | null>;
  signOut(sessionToken: string, everywhere: boolean): Promise<void>;
  deleteAccount(userId: string): Promise<void>;
  createApiToken(userId: string, label: string): Promise<{ token: string; view: ApiTokenView }>;
  revokeApiToken(userId: string, id: string): Promise<void>;
  /** A new feed key: every feed and unsubscribe URL of the user changes; old ones stop working. */
  rotateFeedKey(userId: string): Promise<void>;

  // monitors (every call is scoped to its owner: another user's id is NOT_FOUND)
  /** Following what is already followed (same kind and canonical params) returns that monitor, `existed: true`. */
  createMonitor(userId: string, input: MonitorInput): Promise<MonitorView & { webhookSecret: string | null; existed: boolean }>;
  listMonitors(userId: string): Promise<MonitorView[]>;
  getMonitor(userId: string, id: string): Promise<MonitorDetail>;
  deleteMonitor(userId: string, id: string): Promise<void>;
  mine(userId: string): Promise<MineData>;

  // delivery
  /** The Atom XML of a monitor's or a user's feed, or null for an unknown/forged path. */
  feed(feedToken: string): Promise<string | null>;
  /** Stops e-mail of the monitor named by an unsubscribe token; false for a forged token. */
  unsubscribe(token: string): Promise<{ ok: boolean; label: string | null }>;
  /** Runs due monitors over what changed since their watermarks, then drains the outbox. */
  run(options?: { trigger?: string; now?: Date }): Promise<RunReport>;

  /** For CLI admin use: the user for an address, created if needed. */
  userByEmail(email: string): Promise<{ id: string; email: string }>;
}
