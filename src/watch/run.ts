/**
 * A watch run: match every due monitor against what changed since its watermark, record the
 * new items, queue their deliveries, advance the watermarks — all in one transaction — then
 * drain the outbox. Exactly once: an item is recorded once per monitor (UNIQUE monitor+item),
 * a delivery once per (monitor, channel, item), and the outbox row that carries it commits in
 * the same transaction; a crash before the commit leaves the watermarks where they were, so
 * the rerun finds the same items. Items are stored in one batch per monitor and run; events
 * that a later run can find again (deadlines, status changes, entity updates) are also
 * recorded by key in the ledger, so they are news once. Sending is retried with backoff until the outbox row is
 * marked sent; a resend after a crash between "sent" and "marked" keeps its Message-ID /
 * X-Kamerlens-Delivery, so receivers can drop it.
 */
import type { Services } from '../service/services.js';
import type { Database } from '../store/unit-of-work.js';
import type { ItemData, MonitorRow, NewDelivery, OutboxRow, UserRow, WatchStore } from '../store/watch-store.js';
import { randomId } from './crypto.js';
import { renderDigest, type DigestItem, type DigestSection, type EmailPayload } from './email.js';
import type { Mailer } from './mailer.js';
import { Delta, MatchContext, matcherFor, type Found, type WatchSources } from './matchers.js';
import { unsubscribePath } from './paths.js';
import { DELIVERY_HEADER, SIGNATURE_HEADER, backoffMs, checkWebhookTarget, signatureHeader, type WebhookSender } from './webhook.js';

export interface WatchDeps {
  /**
   * Units of work: what must commit together (a run's batches, deliveries and watermarks; a
   * webhook switched off with its notice) is written through `tx.watchStore` inside one.
   */
  units: Database;
  /** The watch store outside any unit: reads, and writes that stand alone. */
  store: WatchStore;
  /** The full search index, for previews ("what would this match now"). */
  services: Pick<Services, 'index'>;
  /** The structure store (commitment deadlines) and the open-data entities (entity follows). */
  sources?: WatchSources;
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
  /** Accept webhook hosts that resolve to loopback addresses (tests, development); never private or link-local ones. */
  allowLoopbackWebhooks?: boolean;
  /** Time budget of one monitor's preview search (default 200 ms). */
  previewBudgetMs?: number;
  /** How a webhook host name is resolved (for the private-address check); default: DNS. */
  resolveHost?: (host: string) => Promise<string[]>;
  /**
   * What a new version of a document changed, in a sentence or two (the composition root
   * wires service/changes); alerts about an update then say it instead of "bijgewerkt".
   */
  describeChange?: (docId: string, version: number) => Promise<string | null>;
  /** Sign-in rate limits per 15 minutes. */
  signInLimits?: { perEmail: number; perIp: number };
  log?: (message: string) => void;
}

export interface WebhookPayload {
  event: 'kamerlens.match';
  deliveryId: string;
  matchedAt: string;
  monitor: { id: string; kind: string; label: string };
  item: DigestItem & { key: string; itemKey: string; version: number; url: string };
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
  /** Milliseconds per phase (read, index, match, write). */
  phases: Record<string, number>;
}

/** Items per monitor that a digest lists (with a snippet); the rest is counted, and in the feed. */
export const DIGEST_ITEMS = 5;

/** Updated documents per run whose alerts say what changed; the rest say only that they changed. */
export const MAX_CHANGE_NOTES = 500;

/**
 * Matching and queueing (no network). Matching runs in memory over what changed since the
 * oldest watermark, shared by all monitors; then one transaction records each monitor's
 * batch, queues its messages and advances its watermarks.
 */
export async function matchDue(deps: WatchDeps, now: Date, trigger: string): Promise<RunResult> {
  const { store } = deps;
  const sources = deps.sources ?? {};
  const nowIso = now.toISOString();
  const runId = randomId();
  const phases: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const t2 = performance.now();
    phases[name] = Math.round(t2 - t);
    t = t2;
  };
  const head = await store.changeHead();
  const tkHead = sources.tk ? await sources.tk.changeHead() : 0;
  const due = await store.dueMonitors({ docs: head, tk: tkHead }, nowIso, nowIso.slice(0, 10) + 'T00:00:00.000Z');
  if (due.length === 0) return { runId, monitors: 0, changedDocuments: 0, newMatches: 0, phases };
  let from = head;
  let tkFrom = tkHead;
  for (const m of due) {
    from = Math.min(from, m.watermark);
    if (m.tkWatermark !== null) tkFrom = Math.min(tkFrom, m.tkWatermark);
  }
  const changes = from < head ? await store.changedDocuments(from, head) : [];
  const delta = new Delta(changes);
  const ctx = new MatchContext(delta, now, sources, { from: tkFrom, head: tkHead });
  lap('read');
  if (due.some((m) => m.kind === 'search' || m.kind === 'party' || m.kind === 'dossier') && changes.length > 0) delta.index;
  lap('index');

  // Matching is in memory; only its results are written.
  const results: { m: MonitorRow; found: Found[] }[] = [];
  for (const m of due) {
    try {
      results.push({ m, found: await matcherFor(m.kind).match(ctx, m) });
    } catch (e) {
      // One broken monitor (e.g. a kind removed since) must not stop the others.
      deps.log?.(`watch: monitor ${m.id} (${m.kind}) failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  lap('match');

  // An update says what changed (in the feed, the mail and the webhook): computed once per
  // document version, for at most MAX_CHANGE_NOTES of them per run (a diff reads two versions).
  const changeNotes = new Map<number, string>();
  if (deps.describeChange) {
    const tried = new Set<number>();
    for (const { found } of results) {
      for (const f of found) {
        for (const d of f.docs ?? []) {
          if (tried.has(d) || tried.size >= MAX_CHANGE_NOTES) continue;
          tried.add(d);
          const c = delta.changes[d]!;
          if (c.version < 2) continue;
          try {
            const note = await deps.describeChange(c.docId, c.version);
            if (note) changeNotes.set(d, note);
          } catch (e) {
            deps.log?.(`watch: what changed in ${c.docId} v${c.version}: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
      }
    }
  }
  lap('changes');

  /** One item as a full ItemData (only for what is shown or sent: the few, not the hundreds). */
  const itemOf = (f: Found, doc: number | null): ItemData => {
    const base = doc !== null ? delta.item(doc) : f.item!;
    const note = doc !== null ? changeNotes.get(doc) : undefined;
    const snippet = note ?? f.snippet ?? (doc !== null && f.spec ? delta.index.snippet(doc, f.spec) : '');
    return { ...base, reason: f.reason, snippet };
  };
  let newMatches = 0;
  // Only the unit's own store inside it: on PostgreSQL it is bound to the unit's client, and
  // the pool's store would write beside the unit (committed even when the run rolls back).
  await deps.units.transaction(async (tx) => {
    const watch = tx.watchStore;
    const users = new Map<string, UserRow | null>();
    const userOf = async (id: string) => {
      let u = users.get(id);
      if (u === undefined) users.set(id, (u = await watch.getUser(id)));
      return u;
    };
    const digests = new Map<string, { userId: string; interval: MonitorRow['interval']; sections: DigestSection[]; keys: { monitorId: string; itemKey: string }[] }>();
    const deliveries: NewDelivery[] = [];
    for (const { m, found } of results) {
      // Events that a later run can find again are news once: recorded by key in the ledger.
      const fresh: Found[] = [];
      for (const f of found) {
        if (f.once && f.item && !(await watch.insertDelivery({ monitorId: m.id, channel: 'feed', itemKey: f.item.itemKey, outboxId: null, queuedAt: nowIso, deliveredAt: nowIso }))) continue;
        fresh.push(f);
      }
      // Snippets only for what is shown: the newest few of a digest, and every webhook item.
      const shown: ItemData[] = [];
      const snippets = new Map<number, string>();
      for (let k = fresh.length - 1; k >= 0 && m.email && shown.length < DIGEST_ITEMS; k--) {
        const f = fresh[k]!;
        if (f.docs) {
          for (let j = f.docs.length - 1; j >= 0 && shown.length < DIGEST_ITEMS; j--) {
            const it = itemOf(f, f.docs[j]!);
            shown.push(it);
            if (it.snippet) snippets.set(f.docs[j]!, it.snippet);
          }
        } else shown.push(itemOf(f, null));
      }
      shown.reverse();
      // The batch's JSON: documents as [id, version] under their shared reason (a saved search
      // can match hundreds; titles are read back from the documents), other items whole.
      let n = 0;
      const json: string[] = [];
      for (const f of fresh) {
        if (f.docs) {
          if (f.docs.length === 0) continue;
          const docs: string[] = new Array(f.docs.length);
          const snip = f.snippet ? `,${JSON.stringify(f.snippet)}` : '';
          for (let k = 0; k < f.docs.length; k++) {
            const own = snippets.get(f.docs[k]!) ?? changeNotes.get(f.docs[k]!);
            docs[k] = own || snip ? `[${delta.docJson(f.docs[k]!)}${own ? `,${JSON.stringify(own)}` : snip}]` : delta.docEntry(f.docs[k]!);
          }
          json.push(`{"reason":${JSON.stringify(f.reason)},"docs":[${docs.join(',')}]}`);
          n += f.docs.length;
        } else if (f.item) {
          json.push(JSON.stringify({ ...f.item, reason: f.reason, ...(f.snippet ? { snippet: f.snippet } : {}) }));
          n++;
        }
      }
      newMatches += n;
      const hooked = n > 0 && m.webhookUrl !== null && !m.webhookDisabledAt;
      if (n > 0) await watch.insertBatch({ monitorId: m.id, n, items: `[${json.join(',')}]`, createdAt: nowIso });
      if (shown.length > 0) {
        const gk = `${m.userId}\u0000${m.interval}`;
        let g = digests.get(gk);
        if (!g) digests.set(gk, (g = { userId: m.userId, interval: m.interval, sections: [], keys: [] }));
        const user = await userOf(m.userId);
        g.sections.push({
          monitorId: m.id,
          label: m.label,
          unsubscribePath: user ? unsubscribePath('m', m.id, user.feedKey) : '/mijn',
          items: shown.map(({ itemKey: _k, version: _v, link, ...rest }) => ({ ...rest, ...(link ? { link } : {}) })),
          ...(n > shown.length ? { more: n - shown.length, morePath: `/mijn/volgers/${m.id}` } : {}),
        });
        for (const it of shown) g.keys.push({ monitorId: m.id, itemKey: it.itemKey });
      }
      if (hooked) {
        for (const f of fresh) {
          for (const it of f.docs ? f.docs.map((d) => itemOf(f, d)) : [itemOf(f, null)]) {
            const id = randomId();
            const payload: WebhookPayload = {
              event: 'kamerlens.match',
              deliveryId: id,
              matchedAt: nowIso,
              monitor: { id: m.id, kind: m.kind, label: m.label },
              item: { ...it, key: it.itemKey, url: `${deps.baseUrl}${it.link ?? `/documents/${encodeURIComponent(it.docId)}`}` },
            };
            await watch.enqueue({ id, userId: m.userId, monitorId: m.id, channel: 'webhook', payload: JSON.stringify(payload), nextAttemptAt: nowIso, createdAt: nowIso });
            deliveries.push({ monitorId: m.id, channel: 'webhook', itemKey: it.itemKey, outboxId: id, queuedAt: nowIso, deliveredAt: null });
          }
        }
      }
      await watch.advanceMonitor(m.id, head, nextDue(m, now), nowIso, n, tkHead);
    }
    for (const g of digests.values()) {
      const user = await userOf(g.userId);
      if (!user) continue;
      const id = randomId();
      const payload: EmailPayload = { type: 'digest', interval: g.interval, sections: g.sections, unsubscribePath: unsubscribePath('u', user.id, user.feedKey) };
      await watch.enqueue({ id, userId: g.userId, monitorId: null, channel: 'email', payload: JSON.stringify(payload), nextAttemptAt: nowIso, createdAt: nowIso });
      for (const k of g.keys) deliveries.push({ ...k, channel: 'email', outboxId: id, queuedAt: nowIso, deliveredAt: null });
    }
    await watch.insertDeliveries(deliveries);
    await watch.recordRun({ id: runId, trigger, startedAt: nowIso, finishedAt: new Date().toISOString(), headFrom: from, headTo: head, monitors: results.length, matches: newMatches });
  });
  lap('write');
  return { runId, monitors: results.length, changedDocuments: changes.length, newMatches, phases };
}

/**
 * Messages a drain claims at a time, and how long a claim holds them: far longer than sending
 * a claim takes (25 webhooks at their 10 s timeout: about 4 minutes), so that only a worker
 * that died loses its messages to another, which sends them after the lease.
 */
const OUTBOX_CLAIM = 25;
const OUTBOX_LEASE_MS = 15 * 60_000;

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
  // A failing endpoint (monitor id) → when its other messages are tried again.
  const postponed = new Map<string, string>();
  const leaseUntil = new Date(now.getTime() + OUTBOX_LEASE_MS).toISOString();
  for (;;) {
    // Claimed, not just read: a worker draining at the same time gets other messages. Every
    // message claimed here ends up sent, rescheduled, dead or given back, never due again in
    // this drain, so the loop ends.
    const channels: OutboxRow['channel'][] = smtpDown || !deps.mailer ? ['webhook'] : ['email', 'webhook'];
    const work = await store.claimOutbox(nowIso, leaseUntil, OUTBOX_CLAIM, channels);
    if (work.length === 0) break;
    for (const row of work) {
      if (row.channel === 'email') {
        if (smtpDown || !deps.mailer) {
          // The mail server failed on an earlier message of this claim: this one waits as it was.
          await store.releaseOutbox(row.id, row.nextAttemptAt);
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
        continue;
      }
      let ok = false;
      let err = '';
      try {
        // Checked again at every delivery: what the host resolves to may have changed.
        const ssrf = await checkWebhookTarget(m.webhookUrl, { allowLoopback: deps.allowLoopbackWebhooks ?? deps.allowHttpWebhooks ?? false, ...(deps.resolveHost ? { resolve: deps.resolveHost } : {}) });
        if (ssrf) throw new Error(ssrf);
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
        // Switched off, given up and told in one unit: never a dead webhook without its notice.
        await deps.units.transaction(async ({ watchStore: watch }) => {
          await watch.setWebhookState(m.id, failures, nowIso);
          await watch.markAttemptFailed(row.id, attempts, nowIso, err, true);
          await watch.addNotice(
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
      }
    }
  }
  const counts = await store.outboxCounts();
  return { sent, failed, pending: counts.pending };
}
