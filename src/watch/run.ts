/**
 * A watch run: match every due monitor against what changed since its watermark, record the
 * new items, queue their deliveries, advance the watermarks — all in one transaction — then
 * drain the outbox. Exactly once: an item is recorded once per monitor (UNIQUE monitor+item),
 * a delivery once per (monitor, channel, item), and the outbox row that carries it commits in
 * the same transaction; a crash before the commit leaves the watermarks where they were, so
 * the rerun finds the same items. Sending is retried with backoff until the outbox row is
 * marked sent; a resend after a crash between "sent" and "marked" keeps its Message-ID /
 * X-Kamerlens-Delivery, so receivers can drop it.
 */
import type { Services } from '../service/services.js';
import type { MonitorRow, WatchStore } from '../store/watch-store.js';
import { randomId } from './crypto.js';
import { renderDigest, type DigestItem, type DigestSection, type EmailPayload } from './email.js';
import type { Mailer } from './mailer.js';
import { Delta, matcherFor, type Found } from './matchers.js';
import { unsubscribePath } from './paths.js';
import { DELIVERY_HEADER, SIGNATURE_HEADER, backoffMs, signatureHeader, type WebhookSender } from './webhook.js';

export interface WatchDeps {
  store: WatchStore;
  /** The full search index, for previews ("what would this match now"). */
  services: Pick<Services, 'index'>;
  mailer: Mailer | null;
  webhooks: WebhookSender;
  /** Absolute base of links in mails and feeds, e.g. https://kamerlens.nl */
  baseUrl: string;
  now?: () => Date;
  /** Consecutive failed webhook attempts after which a webhook is switched off. */
  maxWebhookFailures?: number;
  /** Failed attempts after which an e-mail is given up (default: about a week of backoff). */
  maxEmailAttempts?: number;
  /** Accept http:// webhook URLs to any host (tests, development). */
  allowHttpWebhooks?: boolean;
  /** Sign-in rate limits per 15 minutes. */
  signInLimits?: { perEmail: number; perIp: number };
  log?: (message: string) => void;
}

export interface WebhookPayload {
  event: 'kamerlens.match';
  deliveryId: string;
  matchedAt: string;
  monitor: { id: string; kind: string; label: string };
  item: DigestItem & { key: string; version: number; url: string };
}

const DAY = 86_400_000;

/** When a digest monitor is next due after `now` (keeps its time of day). */
export function nextDue(m: Pick<MonitorRow, 'interval' | 'nextDueAt'>, now: Date): string | null {
  if (m.interval === 'immediate') return null;
  const period = m.interval === 'daily' ? DAY : 7 * DAY;
  let t = m.nextDueAt ? Date.parse(m.nextDueAt) : now.getTime();
  while (t <= now.getTime()) t += period;
  return new Date(t).toISOString();
}

export interface RunResult {
  runId: string;
  monitors: number;
  changedDocuments: number;
  newMatches: number;
}

/** Matching and queueing (no network). */
export async function matchDue(deps: WatchDeps, now: Date, trigger: string): Promise<RunResult> {
  const { store } = deps;
  const nowIso = now.toISOString();
  const runId = randomId();
  const head = await store.changeHead();
  const due = await store.dueMonitors(head, nowIso);
  if (due.length === 0) return { runId, monitors: 0, changedDocuments: 0, newMatches: 0 };
  let from = head;
  for (const m of due) from = Math.min(from, m.watermark);
  const changes = from < head ? await store.changedDocuments(from, head) : [];
  const delta = new Delta(changes);

  // Matching is pure and in memory; only its results are written.
  const results: { m: MonitorRow; found: Found[] }[] = [];
  for (const m of due) {
    let found: Found[] = [];
    if (changes.length > 0) {
      try {
        found = matcherFor(m.kind).match(delta, m);
      } catch (e) {
        // One broken monitor (e.g. a kind removed since) must not stop the others.
        deps.log?.(`watch: monitor ${m.id} (${m.kind}) failed: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
    }
    results.push({ m, found });
  }

  let newMatches = 0;
  const emailUsers = new Set<string>();
  await store.transaction(async () => {
    const digests = new Map<string, { userId: string; interval: MonitorRow['interval']; sections: DigestSection[]; keys: { monitorId: string; itemKey: string }[] }>();
    for (const { m, found } of results) {
      const fresh: (DigestItem & { key: string; version: number })[] = [];
      for (const f of found) {
        const c = delta.changes[f.doc]!;
        const key = `doc:${c.docId}@${c.version}`;
        const item: DigestItem = { docId: c.docId, title: c.title, kind: c.kind, date: c.date, snippet: f.snippet, reason: f.reason, change: c.version === 1 ? 'new' : 'updated' };
        const isNew = await store.insertItem({ monitorId: m.id, itemKey: key, version: c.version, ...item, createdAt: nowIso });
        if (!isNew) continue;
        await store.insertDelivery({ monitorId: m.id, channel: 'feed', itemKey: key, outboxId: null, queuedAt: nowIso, deliveredAt: nowIso });
        fresh.push({ ...item, key, version: c.version });
      }
      newMatches += fresh.length;
      if (fresh.length > 0 && m.email) {
        const gk = `${m.userId}\u0000${m.interval}`;
        let g = digests.get(gk);
        if (!g) digests.set(gk, (g = { userId: m.userId, interval: m.interval, sections: [], keys: [] }));
        const user = await store.getUser(m.userId);
        g.sections.push({ monitorId: m.id, label: m.label, unsubscribePath: user ? unsubscribePath('m', m.id, user.feedKey) : '/mijn', items: fresh.map(({ key: _k, version: _v, ...rest }) => rest) });
        for (const it of fresh) g.keys.push({ monitorId: m.id, itemKey: it.key });
      }
      if (fresh.length > 0 && m.webhookUrl && !m.webhookDisabledAt) {
        for (const it of fresh) {
          const id = randomId();
          const payload: WebhookPayload = {
            event: 'kamerlens.match',
            deliveryId: id,
            matchedAt: nowIso,
            monitor: { id: m.id, kind: m.kind, label: m.label },
            item: { ...it, url: `${deps.baseUrl}/documents/${encodeURIComponent(it.docId)}` },
          };
          await store.enqueue({ id, userId: m.userId, monitorId: m.id, channel: 'webhook', payload: JSON.stringify(payload), nextAttemptAt: nowIso, createdAt: nowIso });
          await store.insertDelivery({ monitorId: m.id, channel: 'webhook', itemKey: it.key, outboxId: id, queuedAt: nowIso, deliveredAt: null });
        }
      }
      await store.advanceMonitor(m.id, head, nextDue(m, now), nowIso, fresh.length);
    }
    for (const g of digests.values()) {
      const user = await store.getUser(g.userId);
      if (!user) continue;
      const id = randomId();
      const payload: EmailPayload = { type: 'digest', interval: g.interval, sections: g.sections, unsubscribePath: unsubscribePath('u', user.id, user.feedKey) };
      await store.enqueue({ id, userId: g.userId, monitorId: null, channel: 'email', payload: JSON.stringify(payload), nextAttemptAt: nowIso, createdAt: nowIso });
      for (const k of g.keys) await store.insertDelivery({ ...k, channel: 'email', outboxId: id, queuedAt: nowIso, deliveredAt: null });
      emailUsers.add(g.userId);
    }
    await store.recordRun({ id: runId, trigger, startedAt: nowIso, finishedAt: new Date().toISOString(), headFrom: from, headTo: head, monitors: results.length, matches: newMatches });
  });
  return { runId, monitors: results.length, changedDocuments: changes.length, newMatches };
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 300);

/** Sends what is due in the outbox; failures are rescheduled with backoff, never dropped. */
export async function drainOutbox(deps: WatchDeps, now: Date): Promise<{ sent: number; failed: number; pending: number }> {
  const { store } = deps;
  const nowIso = now.toISOString();
  const maxHook = deps.maxWebhookFailures ?? 5;
  const maxMail = deps.maxEmailAttempts ?? 20;
  let sent = 0;
  let failed = 0;
  let smtpDown = false;
  const postponed = new Map<string, string>();
  for (;;) {
    const due = await store.dueOutbox(nowIso, 500);
    const work = due.filter((r) => !(r.channel === 'email' && (smtpDown || !deps.mailer)) && !postponed.has(r.id));
    if (work.length === 0) break;
    for (const row of work) {
      if (row.channel === 'email') {
        if (smtpDown || !deps.mailer) {
          postponed.set(row.id, '');
          continue;
        }
        const user = await store.getUser(row.userId);
        const payload = JSON.parse(row.payload) as EmailPayload;
        const live: DigestSection[] = [];
        for (const s of payload.sections) {
          const m = await store.getMonitor(s.monitorId);
          if (m && m.email) live.push(s);
        }
        if (!user || live.length === 0) {
          // Unsubscribed (or deleted) between queueing and sending: nothing to send, ever.
          await store.markAttemptFailed(row.id, row.attempts, nowIso, 'unsubscribed before sending', true);
          continue;
        }
        try {
          await deps.mailer.send(renderDigest({ ...payload, sections: live }, user.email, deps.baseUrl, `digest-${row.id}`));
          await store.markSent(row.id, nowIso);
          sent++;
        } catch (e) {
          // The mail server is down or refused: keep the message, try again later.
          smtpDown = true;
          failed++;
          const attempts = row.attempts + 1;
          await store.markAttemptFailed(row.id, attempts, new Date(now.getTime() + backoffMs(attempts)).toISOString(), errorText(e), attempts >= maxMail);
          deps.log?.(`watch: e-mail ${row.id} failed (attempt ${attempts}): ${errorText(e)}`);
        }
        continue;
      }
      // webhook
      const m = row.monitorId ? await store.getMonitor(row.monitorId) : null;
      if (!m || !m.webhookUrl || !m.webhookSecret || m.webhookDisabledAt) {
        await store.markAttemptFailed(row.id, row.attempts, nowIso, 'webhook removed or disabled', true);
        continue;
      }
      const later = postponed.get(m.id);
      if (later !== undefined) {
        // This endpoint already failed in this run: wait with the rest, without counting again.
        await store.markAttemptFailed(row.id, row.attempts, later, 'postponed: endpoint failing', false);
        postponed.set(row.id, later);
        continue;
      }
      let ok = false;
      let err = '';
      try {
        const status = await deps.webhooks.post(m.webhookUrl, row.payload, {
          [SIGNATURE_HEADER]: signatureHeader(m.webhookSecret, row.payload, Math.floor(now.getTime() / 1000)),
          [DELIVERY_HEADER]: row.id,
        });
        ok = status >= 200 && status < 300;
        if (!ok) err = `HTTP ${status}`;
      } catch (e) {
        err = errorText(e);
      }
      const attempts = row.attempts + 1;
      if (ok) {
        await store.markSent(row.id, nowIso);
        if (m.webhookFailures > 0) await store.setWebhookState(m.id, 0, null);
        sent++;
        continue;
      }
      failed++;
      const failures = m.webhookFailures + 1;
      if (failures >= maxHook) {
        await store.transaction(async () => {
          await store.setWebhookState(m.id, failures, nowIso);
          await store.markAttemptFailed(row.id, attempts, nowIso, err, true);
          await store.addNotice(
            m.userId,
            `De webhook ${m.webhookUrl} van “${m.label}” is uitgezet na ${failures} mislukte pogingen (laatste fout: ${err}). De treffers staan nog in je feed; maak de volger opnieuw aan om de webhook weer te gebruiken.`,
            nowIso,
          );
        });
        deps.log?.(`watch: webhook of monitor ${m.id} disabled after ${failures} failures`);
      } else {
        const next = new Date(now.getTime() + backoffMs(failures)).toISOString();
        await store.setWebhookState(m.id, failures, null);
        await store.markAttemptFailed(row.id, attempts, next, err, false);
        postponed.set(m.id, next);
        postponed.set(row.id, next);
      }
    }
    if (due.length < 500) break;
  }
  const counts = await store.outboxCounts();
  return { sent, failed, pending: counts.pending };
}
