/**
 * The WatchService implementation: accounts by magic link, sessions, API tokens, monitors
 * scoped to their owner, previews, feeds, unsubscribe and runs. Policy lives here; SQL in the
 * WatchStore; HTTP in server/watch-routes.tsx.
 */
import type { ParsedQuery } from '../domain/index.js';
import { parseQuery } from '../search/query.js';
import {
  INTERVALS,
  WatchError,
  type ApiTokenView,
  type DeliveryView,
  type MatchView,
  type MineData,
  type MonitorDetail,
  type MonitorInput,
  type MonitorView,
  type PreviewHit,
  type RunReport,
  type Viewer,
  type WatchService,
} from '../service/watch-service.js';
import type { ApiTokenRow, DeliveryRow, ItemRow, MonitorRow, UserRow } from '../store/watch-store.js';
import { renderAtom, type FeedEntry } from '../service/atom.js';
import { hashToken, randomId, randomToken } from './crypto.js';
import { renderSignIn } from './email.js';
import { matcherFor } from './matchers.js';
import { feedPath, parseCapability, verifyCapability } from './paths.js';
import { drainOutbox, matchDue, nextDue, type WatchDeps } from './run.js';
import { checkWebhookTarget, checkWebhookUrl } from './webhook.js';
import { savedQueryProblem } from './cost.js';

export const MAGIC_LINK_MINUTES = 15;
export const SESSION_DAYS = 30;
export const API_TOKEN_DAYS = 365;
const RATE_WINDOW_MS = 15 * 60_000;
const MAX_MONITORS_PER_USER = 200;
const API_TOKEN_PREFIX = 'klt_';
/** A preview is a courtesy: past this it shows what it found and calls the total an estimate. */
const PREVIEW_BUDGET_MS = 200;
/** The shape of every secret token kamerlens mails (randomToken(32)): checked before any lookup. */
const LINK_TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** The parameter that holds a monitor's query, to name in an error. */
const PARAM_FIELD: Record<string, string> = { search: 'query', party: 'party', dossier: 'dossier' };

const EMAIL_RE = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/;

export function normalizeEmail(raw: string): string {
  const e = raw.trim().toLowerCase();
  if (e.length > 254 || !EMAIL_RE.test(e)) throw new WatchError('BAD_REQUEST', 'Dit is geen geldig e-mailadres', 'email');
  return e;
}

const toTokenView = (t: ApiTokenRow): ApiTokenView => ({ id: t.id, label: t.label, createdAt: t.createdAt, expiresAt: t.expiresAt, lastUsedAt: t.lastUsedAt });

const toMatch = (i: ItemRow): MatchView => ({
  itemKey: i.itemKey,
  docId: i.docId,
  version: i.version,
  title: i.title,
  kind: i.kind,
  date: i.date,
  snippet: i.snippet,
  reason: i.reason,
  change: i.change,
  matchedAt: i.createdAt,
  ...(i.link ? { link: i.link } : {}),
});

const toDelivery = (d: DeliveryRow): DeliveryView => ({
  itemKey: d.itemKey,
  channel: d.channel,
  state: d.deliveredAt ? 'delivered' : d.outboxStatus === 'dead' ? 'failed' : 'queued',
  queuedAt: d.queuedAt,
  deliveredAt: d.deliveredAt,
});

/** Whether two monitors' canonical params are the same (key order aside). */
function sameParams(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

export function createWatchService(deps: WatchDeps): WatchService {
  const { store } = deps;
  const clock = deps.now ?? (() => new Date());
  const limits = deps.signInLimits ?? { perEmail: 3, perIp: 10 };

  const monitorView = async (m: MonitorRow, user: UserRow): Promise<MonitorView> => {
    const n = matcherFor(m.kind).normalize(m.params);
    return {
      id: m.id,
      kind: m.kind,
      params: m.params,
      label: m.label,
      query: n.query,
      interval: m.interval,
      email: m.email,
      webhook: m.webhookUrl ? { url: m.webhookUrl, disabled: m.webhookDisabledAt !== null, failures: m.webhookFailures } : null,
      createdAt: m.createdAt,
      lastRunAt: m.lastRunAt,
      lastMatchCount: m.lastMatchCount,
      matchCount: await store.countItems(m.id),
      feedPath: feedPath('m', m.id, user.feedKey),
    };
  };

  /** The monitor if `userId` owns it; NOT_FOUND otherwise (never 403: existence is private). */
  const owned = async (userId: string, id: string): Promise<{ m: MonitorRow; user: UserRow }> => {
    const m = /^[0-9a-f]{8,64}$/.test(id) ? await store.getMonitor(id) : null;
    const user = await store.getUser(userId);
    if (!m || !user || m.userId !== userId) throw new WatchError('NOT_FOUND', `Geen volger met id "${id}"`);
    return { m, user };
  };

  const preview = async (query: string | null, limit: number): Promise<{ hits: PreviewHit[]; total: number; estimate: boolean }> => {
    if (query === null) return { hits: [], total: 0, estimate: false };
    const parsed: ParsedQuery = { ...parseQuery(query), sort: 'date' };
    const r = await deps.services.index.search({ query: parsed, offset: 0, limit, budgetMs: deps.previewBudgetMs ?? PREVIEW_BUDGET_MS });
    return { hits: r.hits.map((h) => ({ docId: h.id, title: h.title, kind: h.kind, date: h.date, snippet: h.snippet })), total: r.total, estimate: r.totalIsEstimate };
  };

  const svc: WatchService = {
    async requestSignIn(rawEmail, ip) {
      const email = normalizeEmail(rawEmail);
      const now = clock();
      const allowed = await store.takeSignInSlot(
        [
          { key: `email:${email}`, max: limits.perEmail },
          { key: `ip:${ip}`, max: limits.perIp },
        ],
        new Date(now.getTime() - RATE_WINDOW_MS).toISOString(),
        now.toISOString(),
      );
      if (!allowed) throw new WatchError('RATE_LIMITED', 'Te veel inlogmails aangevraagd; probeer het over een kwartier opnieuw');
      const token = randomToken(32);
      await store.createMagicLink({
        tokenHash: hashToken(token),
        email,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + MAGIC_LINK_MINUTES * 60_000).toISOString(),
      });
      const link = `${deps.baseUrl}/inloggen/${token}`;
      if (!deps.mailer) {
        deps.log?.(`watch: no SMTP configured (KAMERLENS_SMTP_URL); sign-in link for ${email}: ${link}`);
        return;
      }
      try {
        await deps.mailer.send(renderSignIn(email, link, MAGIC_LINK_MINUTES));
      } catch (e) {
        deps.log?.(`watch: sign-in mail to ${email} failed: ${e instanceof Error ? e.message : String(e)}`);
        throw new WatchError('UNAVAILABLE', 'De inlogmail kon niet worden verstuurd; probeer het later opnieuw');
      }
    },

    async peekSignIn(token) {
      return LINK_TOKEN.test(token) ? store.peekMagicLink(hashToken(token), clock().toISOString()) : null;
    },

    async consumeSignIn(token) {
      const now = clock();
      const email = LINK_TOKEN.test(token) ? await store.consumeMagicLink(hashToken(token), now.toISOString()) : null;
      if (!email) throw new WatchError('GONE', 'Deze inloglink is verlopen of al gebruikt; vraag een nieuwe aan');
      const user = await store.ensureUser({ id: randomId(), email, feedKey: randomToken(32), createdAt: now.toISOString() });
      const sessionToken = randomToken(32);
      const csrf = randomToken(24);
      const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString();
      await store.createSession({ tokenHash: hashToken(sessionToken), userId: user.id, csrf, createdAt: now.toISOString(), expiresAt });
      return { sessionToken, expiresAt, viewer: { userId: user.id, email: user.email, via: 'session', csrf } };
    },

    async viewerFromSession(sessionToken) {
      if (!/^[A-Za-z0-9_-]{20,100}$/.test(sessionToken)) return null;
      const s = await store.getSession(hashToken(sessionToken), clock().toISOString());
      if (!s) return null;
      const user = await store.getUser(s.userId);
      return user ? { userId: user.id, email: user.email, via: 'session', csrf: s.csrf } : null;
    },

    async viewerFromApiToken(apiToken) {
      if (!apiToken.startsWith(API_TOKEN_PREFIX) || apiToken.length > 200) return null;
      const t = await store.useApiToken(hashToken(apiToken), clock().toISOString());
      if (!t) return null;
      const user = await store.getUser(t.userId);
      return user ? ({ userId: user.id, email: user.email, via: 'token', csrf: null } satisfies Viewer) : null;
    },

    async signOut(sessionToken, everywhere) {
      const hash = hashToken(sessionToken);
      if (everywhere) {
        const s = await store.getSession(hash, clock().toISOString());
        if (s) await store.deleteUserSessions(s.userId);
      }
      await store.deleteSession(hash);
    },

    async deleteAccount(userId) {
      await store.deleteUser(userId);
    },

    async createApiToken(userId, label) {
      const now = clock();
      const token = API_TOKEN_PREFIX + randomToken(32);
      const row = {
        id: randomId(8),
        userId,
        tokenHash: hashToken(token),
        label: label.trim().slice(0, 100) || 'API-token',
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + API_TOKEN_DAYS * 86_400_000).toISOString(),
      };
      await store.createApiToken(row);
      return { token, view: toTokenView({ ...row, lastUsedAt: null }) };
    },

    async revokeApiToken(userId, id) {
      if (!(await store.deleteApiToken(userId, id))) throw new WatchError('NOT_FOUND', `Geen token met id "${id}"`);
    },

    async rotateFeedKey(userId) {
      await store.setFeedKey(userId, randomToken(32));
    },

    async createMonitor(userId, input: MonitorInput) {
      const user = await store.getUser(userId);
      if (!user) throw new WatchError('UNAUTHORIZED', 'Log in om iets te volgen');
      const matcher = matcherFor(input.kind);
      const n = matcher.resolve ? await matcher.resolve(input.params, deps.sources ?? {}) : matcher.normalize(input.params);
      if (n.query !== null) {
        const problem = savedQueryProblem(parseQuery(n.query).root);
        if (problem) throw new WatchError('BAD_REQUEST', problem, PARAM_FIELD[matcher.kind] ?? 'query');
      }
      if (!(INTERVALS as readonly string[]).includes(input.interval)) throw new WatchError('BAD_REQUEST', `"interval" moet een van deze zijn: ${INTERVALS.join(', ')}`, 'interval');
      let webhookUrl: string | null = null;
      if (input.webhookUrl && input.webhookUrl.trim()) {
        webhookUrl = input.webhookUrl.trim();
        const problem = webhookUrl.length > 2000 ? 'Het webhookadres is te lang' : checkWebhookUrl(webhookUrl, deps.allowHttpWebhooks ?? false);
        if (problem) throw new WatchError('BAD_REQUEST', problem, 'webhookUrl');
        const ssrf = await checkWebhookTarget(webhookUrl, { allowLoopback: deps.allowLoopbackWebhooks ?? deps.allowHttpWebhooks ?? false, ...(deps.resolveHost ? { resolve: deps.resolveHost } : {}) });
        if (ssrf) throw new WatchError('BAD_REQUEST', ssrf, 'webhookUrl');
      }
      // Following the same thing twice (a second click on the bell) is the one monitor.
      const existing = await store.listMonitors(userId);
      const same = existing.find((m) => m.kind === matcher.kind && sameParams(m.params, n.params));
      if (same) return { ...(await monitorView(same, user)), webhookSecret: null, existed: true };
      if (existing.length >= MAX_MONITORS_PER_USER) {
        throw new WatchError('BAD_REQUEST', `Je kunt hoogstens ${MAX_MONITORS_PER_USER} dingen volgen`);
      }
      const now = clock();
      const label = input.label?.trim().slice(0, 200) || n.label;
      const webhookSecret = webhookUrl ? randomToken(24) : null;
      const row: MonitorRow = {
        id: randomId(),
        userId,
        kind: matcher.kind,
        params: n.params,
        label,
        interval: input.interval,
        email: input.email,
        webhookUrl,
        webhookSecret,
        webhookFailures: 0,
        webhookDisabledAt: null,
        // Only what arrives after the monitor exists is news; the preview shows the rest.
        watermark: await store.changeHead(),
        tkWatermark: deps.sources?.tk ? await deps.sources.tk.changeHead() : null,
        nextDueAt: nextDue({ interval: input.interval, nextDueAt: null }, now),
        lastRunAt: null,
        lastMatchCount: 0,
        createdAt: now.toISOString(),
      };
      await store.createMonitor(row);
      return { ...(await monitorView(row, user)), webhookSecret, existed: false };
    },

    async listMonitors(userId) {
      const user = await store.getUser(userId);
      if (!user) return [];
      return Promise.all((await store.listMonitors(userId)).map((m) => monitorView(m, user)));
    },

    async getMonitor(userId, id): Promise<MonitorDetail> {
      const { m, user } = await owned(userId, id);
      const view = await monitorView(m, user);
      const p = await preview(view.query, 10);
      return {
        monitor: view,
        matches: (await store.listItems(m.id, 100)).map(toMatch),
        deliveries: (await store.listDeliveries(m.id, 300)).map(toDelivery),
        preview: p.hits,
        previewTotal: p.total,
        previewIsEstimate: p.estimate,
      };
    },

    async deleteMonitor(userId, id) {
      if (!/^[0-9a-f]{8,64}$/.test(id) || !(await store.deleteMonitor(userId, id))) throw new WatchError('NOT_FOUND', `Geen volger met id "${id}"`);
    },

    async mine(userId): Promise<MineData> {
      const user = await store.getUser(userId);
      if (!user) throw new WatchError('UNAUTHORIZED', 'Log in om je volglijst te zien');
      const monitors = [];
      for (const m of await store.listMonitors(userId)) {
        monitors.push({
          ...(await monitorView(m, user)),
          recent: (await store.listItems(m.id, 5)).map(toMatch),
          deliveries: await store.deliveryCounts(m.id),
        });
      }
      return {
        user: { id: user.id, email: user.email, createdAt: user.createdAt },
        monitors,
        notices: (await store.listNotices(userId, 20)).map((n) => ({ id: n.id, message: n.message, at: n.at })),
        tokens: (await store.listApiTokens(userId)).map(toTokenView),
        feedPath: feedPath('u', user.id, user.feedKey),
        emailAvailable: deps.mailer !== null,
      };
    },

    async feed(token) {
      const cap = parseCapability(token);
      if (!cap) return null;
      let user: UserRow | null;
      let title: string;
      let items: (ItemRow & { monitorLabel?: string })[];
      if (cap.scope === 'm') {
        const m = await store.getMonitor(cap.id);
        user = m ? await store.getUser(m.userId) : null;
        if (!m || !user || !verifyCapability('feed', cap, user.feedKey)) return null;
        title = `kamerlens: ${m.label}`;
        items = await store.listItems(m.id, 100);
      } else {
        user = await store.getUser(cap.id);
        if (!user || !verifyCapability('feed', cap, user.feedKey)) return null;
        title = 'kamerlens: alles wat ik volg';
        items = await store.listUserItems(user.id, 200);
      }
      const base = deps.baseUrl;
      const entries: FeedEntry[] = items.map((i) => ({
        id: `${base}/feeds/${cap.scope}.${cap.id}#${i.monitorId}/${i.itemKey}`,
        title: (i.change === 'updated' ? 'Bijgewerkt: ' : '') + i.title,
        link: i.link ? `${base}${i.link}` : `${base}/documents/${encodeURIComponent(i.docId)}`,
        updated: i.createdAt,
        summary: `${i.reason}${i.monitorLabel ? ` (${i.monitorLabel})` : ''}${i.snippet ? ` — ${i.snippet}` : ''}`,
        category: i.kind,
      }));
      return renderAtom({
        id: `${base}/feeds/${cap.scope}.${cap.id}`,
        title,
        selfUrl: `${base}/feeds/${token}.atom`,
        altUrl: `${base}/mijn`,
        updated: items[0]?.createdAt ?? user.createdAt,
        entries,
      });
    },

    async unsubscribe(token) {
      const cap = parseCapability(token);
      if (!cap) return { ok: false, label: null };
      if (cap.scope === 'm') {
        const m = await store.getMonitor(cap.id);
        const user = m ? await store.getUser(m.userId) : null;
        if (!m || !user || !verifyCapability('unsub', cap, user.feedKey)) return { ok: false, label: null };
        await store.setMonitorEmail(m.id, false);
        return { ok: true, label: m.label };
      }
      const user = await store.getUser(cap.id);
      if (!user || !verifyCapability('unsub', cap, user.feedKey)) return { ok: false, label: null };
      for (const m of await store.listMonitors(user.id)) await store.setMonitorEmail(m.id, false);
      return { ok: true, label: 'alle volgers' };
    },

    async run(options = {}): Promise<RunReport> {
      const now = options.now ?? clock();
      const t0 = performance.now();
      const r = await matchDue(deps, now, options.trigger ?? 'manual');
      const outbox = await drainOutbox(deps, now);
      return {
        runId: r.runId,
        trigger: options.trigger ?? 'manual',
        monitors: r.monitors,
        changedDocuments: r.changedDocuments,
        newMatches: r.newMatches,
        outbox,
        durationMs: Math.round(performance.now() - t0),
        phases: r.phases,
      };
    },

    async userByEmail(rawEmail) {
      const email = normalizeEmail(rawEmail);
      const u = await store.ensureUser({ id: randomId(), email, feedKey: randomToken(32), createdAt: clock().toISOString() });
      return { id: u.id, email: u.email };
    },
  };
  return svc;
}
