/**
 * The WatchStore conformance suite: what the interface promises, whatever the database —
 * accounts (users, sign-in slots, magic links, sessions, API tokens, notices), monitors, the
 * document change log, items in batches, the outbox with its claims, and the delivery ledger.
 * Call it with a factory for an empty world: a store, a way to store document versions as the
 * document store does, and (for concurrency) a second store on the same database.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DocumentKind } from '../../src/domain/index.js';
import type { MonitorRow, NewDelivery, OutboxRow, WatchStore } from '../../src/store/watch-store.js';

/** A document version to store (the version number is the store's doing). */
export interface VersionInput {
  id: string;
  title: string;
  text: string;
  kind?: DocumentKind;
  date?: string | null;
}

export interface WatchWorld {
  store: WatchStore;
  /** Stores a new version of a document as an import does (logging it in the change log). */
  addVersion(v: VersionInput): Promise<{ docId: string; version: number }>;
  /** Another store on the same database, as a second process (or the same store where there is one writer). */
  peer(): Promise<WatchStore>;
  close(): Promise<void>;
}

const T0 = '2026-06-01T08:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

function monitor(id: string, userId: string, extra: Partial<MonitorRow> = {}): MonitorRow {
  return {
    id, userId, kind: 'search', params: { query: 'cyber' }, label: `m ${id}`, interval: 'immediate', email: true,
    webhookUrl: null, webhookSecret: null, webhookFailures: 0, webhookDisabledAt: null, watermark: 0, tkWatermark: null,
    nextDueAt: null, lastRunAt: null, lastMatchCount: 0, createdAt: T0, ...extra,
  };
}

const outbox = (id: string, userId: string, extra: Partial<Omit<OutboxRow, 'status' | 'attempts' | 'lastError' | 'sentAt'>> = {}) => ({
  id, userId, monitorId: null, channel: 'email' as const, payload: `{"n":"${id}"}`, nextAttemptAt: T0, createdAt: T0, ...extra,
});

const delivery = (monitorId: string, itemKey: string, extra: Partial<NewDelivery> = {}): NewDelivery => ({
  monitorId, channel: 'email', itemKey, outboxId: null, queuedAt: T0, deliveredAt: null, ...extra,
});

async function user(s: WatchStore, name: string) {
  return s.ensureUser({ id: `u-${name}`, email: `${name}@example.org`, feedKey: `key-${name}`, createdAt: T0 });
}

export function runWatchStoreConformance(name: string, makeWorld: () => Promise<WatchWorld>): void {
  /** A test on a fresh world, closed afterwards whatever happens. */
  const test = (title: string, fn: (w: WatchWorld) => Promise<void>) =>
    it(title, async () => {
      const w = await makeWorld();
      try {
        await fn(w);
      } finally {
        await w.close();
      }
    });

  describe(`WatchStore conformance: ${name}`, () => {
    // ------------------------------------------------------------------ accounts

    test('a user is made once per address and found by id and by address', async ({ store: s }) => {
      const a = await user(s, 'alice');
      assert.deepEqual(a, { id: 'u-alice', email: 'alice@example.org', feedKey: 'key-alice', createdAt: T0 });
      const again = await s.ensureUser({ id: 'u-other', email: 'alice@example.org', feedKey: 'other', createdAt: at(5) });
      assert.deepEqual(again, a, 'the existing user, unchanged');
      assert.deepEqual(await s.getUser('u-alice'), a);
      assert.deepEqual(await s.getUserByEmail('alice@example.org'), a);
      assert.equal(await s.getUser('u-other'), null);
      assert.equal(await s.getUserByEmail('nobody@example.org'), null);
      await s.setFeedKey('u-alice', 'rotated');
      assert.equal((await s.getUser('u-alice'))!.feedKey, 'rotated');
    });

    test('sign-in slots: at most max attempts per key since a time, all keys or none', async ({ store: s }) => {
      const keys = [{ key: 'email:a@x', max: 2 }, { key: 'ip:1', max: 3 }];
      assert.equal(await s.takeSignInSlot(keys, at(0), at(1)), true);
      assert.equal(await s.takeSignInSlot(keys, at(0), at(2)), true);
      assert.equal(await s.takeSignInSlot(keys, at(0), at(3)), false, 'the address is full');
      // The refused attempt was not recorded under the IP: it still has one slot left.
      assert.equal(await s.takeSignInSlot([{ key: 'ip:1', max: 3 }], at(0), at(4)), true);
      assert.equal(await s.takeSignInSlot([{ key: 'ip:1', max: 3 }], at(0), at(5)), false);
      // Attempts before `since` no longer count.
      assert.equal(await s.takeSignInSlot(keys, at(3), at(6)), true);
    });

    test('sign-in slots hold under concurrent attempts (two processes)', async (w) => {
      const other = await w.peer();
      const tries = Array.from({ length: 10 }, (_, i) => (i % 2 ? other : w.store).takeSignInSlot([{ key: 'ip:9', max: 3 }], at(0), at(1)));
      const allowed = (await Promise.all(tries)).filter(Boolean).length;
      assert.equal(allowed, 3);
    });

    test('a magic link signs in once; a newer link or a used one kills the others', async ({ store: s }) => {
      const link = (tokenHash: string, email: string, m: number) => s.createMagicLink({ tokenHash, email, createdAt: at(m), expiresAt: at(m + 15) });
      await link('h1', 'a@x', 0);
      assert.equal(await s.peekMagicLink('h1', at(1)), 'a@x');
      assert.equal(await s.peekMagicLink('h1', at(1)), 'a@x', 'peeking does not use it');
      assert.equal(await s.peekMagicLink('h1', at(15)), null, 'expired');
      assert.equal(await s.consumeMagicLink('h1', at(16)), null, 'expired');
      await link('h2', 'a@x', 20);
      await link('h3', 'a@x', 21);
      assert.equal(await s.peekMagicLink('h2', at(22)), null, 'a newer link replaces an older one');
      await link('b1', 'b@x', 21);
      assert.equal(await s.consumeMagicLink('h3', at(22)), 'a@x');
      assert.equal(await s.consumeMagicLink('h3', at(22)), null, 'once');
      assert.equal(await s.peekMagicLink('h3', at(22)), null);
      assert.equal(await s.consumeMagicLink('nope', at(22)), null);
      assert.equal(await s.peekMagicLink('b1', at(22)), 'b@x', 'other addresses keep theirs');
    });

    test('a magic link clicked twice at once signs in once (two processes)', async (w) => {
      const other = await w.peer();
      await w.store.createMagicLink({ tokenHash: 'h', email: 'a@x', createdAt: at(0), expiresAt: at(15) });
      const r = await Promise.all([w.store.consumeMagicLink('h', at(1)), other.consumeMagicLink('h', at(1))]);
      assert.deepEqual(r.filter((x) => x !== null), ['a@x']);
    });

    test('sessions live until they expire and can be ended one by one or all at once', async ({ store: s }) => {
      await user(s, 'alice');
      await user(s, 'bob');
      const session = (tokenHash: string, userId: string) => ({ tokenHash, userId, csrf: `csrf-${tokenHash}`, createdAt: at(0), expiresAt: at(60) });
      await s.createSession(session('s1', 'u-alice'));
      await s.createSession(session('s2', 'u-alice'));
      await s.createSession(session('s3', 'u-bob'));
      assert.deepEqual(await s.getSession('s1', at(1)), session('s1', 'u-alice'));
      assert.equal(await s.getSession('s1', at(60)), null, 'expired');
      assert.equal(await s.getSession('zz', at(1)), null);
      await s.deleteSession('s1');
      assert.equal(await s.getSession('s1', at(1)), null);
      await s.deleteUserSessions('u-alice');
      assert.equal(await s.getSession('s2', at(1)), null);
      assert.ok(await s.getSession('s3', at(1)), 'another user keeps theirs');
    });

    test('API tokens: used while live (touching last use), listed oldest first, deleted by their owner only', async ({ store: s }) => {
      await user(s, 'alice');
      await user(s, 'bob');
      const token = (id: string, createdAt: string) => ({ id, userId: 'u-alice', tokenHash: `hash-${id}`, label: `label ${id}`, createdAt, expiresAt: at(100) });
      await s.createApiToken(token('t2', at(1)));
      await s.createApiToken(token('t1', at(1)));
      await s.createApiToken(token('t0', at(2)));
      assert.deepEqual((await s.listApiTokens('u-alice')).map((t) => t.id), ['t2', 't1', 't0'], 'by time, then as made');
      assert.deepEqual(await s.listApiTokens('u-bob'), []);
      assert.deepEqual(await s.useApiToken('hash-t1', at(5)), { ...token('t1', at(1)), lastUsedAt: at(5) });
      assert.equal((await s.listApiTokens('u-alice')).find((t) => t.id === 't1')!.lastUsedAt, at(5));
      assert.equal((await s.listApiTokens('u-alice')).find((t) => t.id === 't2')!.lastUsedAt, null);
      assert.equal(await s.useApiToken('hash-t1', at(100)), null, 'expired');
      assert.equal(await s.useApiToken('nope', at(5)), null);
      assert.equal(await s.deleteApiToken('u-bob', 't1'), false, 'not his');
      assert.equal(await s.deleteApiToken('u-alice', 't1'), true);
      assert.equal(await s.deleteApiToken('u-alice', 't1'), false);
      assert.equal(await s.useApiToken('hash-t1', at(5)), null);
    });

    test('notices: newest first, per user, limited', async ({ store: s }) => {
      await user(s, 'alice');
      await user(s, 'bob');
      await s.addNotice('u-alice', 'een', at(1));
      await s.addNotice('u-bob', 'bob', at(1));
      await s.addNotice('u-alice', 'twee', at(1));
      await s.addNotice('u-alice', 'drie', at(2));
      const list = await s.listNotices('u-alice', 2);
      assert.deepEqual(list.map((n) => [n.userId, n.message, n.at]), [['u-alice', 'drie', at(2)], ['u-alice', 'twee', at(1)]]);
      assert.ok(list[0]!.id > list[1]!.id);
      assert.equal((await s.listNotices('u-bob', 10)).length, 1);
    });

    test('deleting a user removes everything of theirs and nothing of others', async (w) => {
      const s = w.store;
      await user(s, 'alice');
      await user(s, 'bob');
      await w.addVersion({ id: 'd1', title: 'D1', text: 'een' });
      for (const u of ['alice', 'bob']) {
        await s.createSession({ tokenHash: `s-${u}`, userId: `u-${u}`, csrf: 'c', createdAt: at(0), expiresAt: at(60) });
        await s.createApiToken({ id: `t-${u}`, userId: `u-${u}`, tokenHash: `th-${u}`, label: 'x', createdAt: at(0), expiresAt: at(60) });
        await s.createMonitor(monitor(`m-${u}`, `u-${u}`));
        await s.insertBatch({ monitorId: `m-${u}`, n: 1, items: '[{"reason":"r","docs":[["d1",1]]}]', createdAt: at(1) });
        await s.enqueue(outbox(`o-${u}`, `u-${u}`, { monitorId: `m-${u}` }));
        await s.insertDelivery(delivery(`m-${u}`, 'doc:d1@1', { outboxId: `o-${u}` }));
        await s.addNotice(`u-${u}`, 'hallo', at(1));
        await s.createMagicLink({ tokenHash: `l-${u}`, email: `${u}@example.org`, createdAt: at(0), expiresAt: at(60) });
      }
      await s.takeSignInSlot([{ key: 'email:alice@example.org', max: 1 }], at(0), at(0));
      await s.deleteUser('u-alice');
      await s.deleteUser('u-nobody');
      assert.equal(await s.getUser('u-alice'), null);
      assert.equal(await s.getSession('s-alice', at(1)), null);
      assert.equal(await s.useApiToken('th-alice', at(1)), null);
      assert.equal(await s.getMonitor('m-alice'), null);
      assert.deepEqual(await s.listMonitors('u-alice'), []);
      assert.equal(await s.countItems('m-alice'), 0);
      assert.deepEqual(await s.listDeliveries('m-alice', 10), []);
      assert.deepEqual(await s.listNotices('u-alice', 10), []);
      assert.equal(await s.peekMagicLink('l-alice', at(1)), null);
      assert.equal(await s.takeSignInSlot([{ key: 'email:alice@example.org', max: 1 }], at(0), at(1)), true, 'her sign-in attempts are forgotten');
      assert.deepEqual(await s.outboxCounts(), { pending: 1, sent: 0, dead: 0 }, "only Bob's message is left");
      // Bob is untouched.
      assert.ok(await s.getSession('s-bob', at(1)));
      assert.ok(await s.useApiToken('th-bob', at(1)));
      assert.equal(await s.countItems('m-bob'), 1);
      assert.equal((await s.listDeliveries('m-bob', 10)).length, 2);
      assert.equal(await s.peekMagicLink('l-bob', at(1)), 'bob@example.org');
    });

    // ------------------------------------------------------------------ monitors

    test('a monitor reads back exactly as made; listed oldest first; deleted by its owner only', async ({ store: s }) => {
      await user(s, 'alice');
      await user(s, 'bob');
      const full = monitor('m1', 'u-alice', {
        kind: 'party', params: { party: 'GroenLinks-PvdA', extra: 'é' }, interval: 'daily', email: false, webhookUrl: 'https://h.example/x',
        webhookSecret: 'sec', webhookFailures: 2, webhookDisabledAt: at(3), watermark: 7, tkWatermark: 9, nextDueAt: at(10), lastRunAt: at(2),
        lastMatchCount: 4, createdAt: at(1),
      });
      await s.createMonitor(full);
      await s.createMonitor(monitor('m0', 'u-alice', { createdAt: at(1) }));
      await s.createMonitor(monitor('m2', 'u-alice', { createdAt: at(0) }));
      await s.createMonitor(monitor('mb', 'u-bob'));
      assert.deepEqual(await s.getMonitor('m1'), full);
      assert.deepEqual(await s.getMonitor('m2'), monitor('m2', 'u-alice', { createdAt: at(0) }));
      assert.equal(await s.getMonitor('zz'), null);
      assert.deepEqual((await s.listMonitors('u-alice')).map((m) => m.id), ['m2', 'm0', 'm1']);
      await s.setMonitorEmail('m1', true);
      await s.setWebhookState('m1', 0, null);
      const m1 = (await s.getMonitor('m1'))!;
      assert.deepEqual([m1.email, m1.webhookFailures, m1.webhookDisabledAt], [true, 0, null]);
      await s.setMonitorEmail('m1', false);
      assert.equal((await s.getMonitor('m1'))!.email, false);
      assert.equal(await s.deleteMonitor('u-bob', 'm1'), false);
      assert.equal(await s.deleteMonitor('u-alice', 'm1'), true);
      assert.equal(await s.deleteMonitor('u-alice', 'm1'), false);
      assert.equal(await s.getMonitor('m1'), null);
    });

    test('due monitors: immediate ones behind a head or not run today, digests whose time came; by user then id, bytewise', async ({ store: s }) => {
      await s.ensureUser({ id: 'U', email: 'u@x', feedKey: 'k', createdAt: T0 });
      await s.ensureUser({ id: 'a', email: 'a@x', feedKey: 'k', createdAt: T0 });
      const today = '2026-06-01T00:00:00.000Z';
      const ran = { lastRunAt: at(0), tkWatermark: 5, watermark: 10 };
      await s.createMonitor(monitor('current', 'a', ran));
      await s.createMonitor(monitor('behind-docs', 'a', { ...ran, watermark: 9 }));
      await s.createMonitor(monitor('behind-tk', 'a', { ...ran, tkWatermark: 4 }));
      await s.createMonitor(monitor('never-positioned', 'a', { ...ran, tkWatermark: null }));
      await s.createMonitor(monitor('yesterday', 'a', { ...ran, lastRunAt: '2026-05-31T23:00:00.000Z' }));
      await s.createMonitor(monitor('made-yesterday', 'a', { ...ran, lastRunAt: null, createdAt: '2026-05-31T10:00:00.000Z' }));
      await s.createMonitor(monitor('Z-upper', 'U', { ...ran, watermark: 0 }));
      await s.createMonitor(monitor('digest-due', 'a', { interval: 'daily', nextDueAt: at(0) }));
      await s.createMonitor(monitor('digest-later', 'a', { interval: 'weekly', nextDueAt: at(1) }));
      await s.createMonitor(monitor('digest-unset', 'a', { interval: 'daily', nextDueAt: null }));
      const due = await s.dueMonitors({ docs: 10, tk: 5 }, at(0), today);
      assert.deepEqual(due.map((m) => m.id), ['Z-upper', 'behind-docs', 'behind-tk', 'digest-due', 'made-yesterday', 'never-positioned', 'yesterday']);
      const withTk = await s.dueMonitors({ docs: 10, tk: 0 }, at(0), today);
      assert.ok(!withTk.some((m) => m.id === 'never-positioned'), 'a monitor without a tk watermark is level with an empty entity log');
      assert.ok((await s.dueMonitors({ docs: 10, tk: 1 }, at(0), today)).some((m) => m.id === 'never-positioned'));
    });

    test('advancing a monitor sets its watermarks and run; an absent tk watermark keeps the old one', async ({ store: s }) => {
      await user(s, 'alice');
      await s.createMonitor(monitor('m', 'u-alice', { tkWatermark: 3 }));
      await s.advanceMonitor('m', 12, at(60), at(1), 5, 8);
      let m = (await s.getMonitor('m'))!;
      assert.deepEqual([m.watermark, m.tkWatermark, m.nextDueAt, m.lastRunAt, m.lastMatchCount], [12, 8, at(60), at(1), 5]);
      await s.advanceMonitor('m', 13, null, at(2), 0);
      m = (await s.getMonitor('m'))!;
      assert.deepEqual([m.watermark, m.tkWatermark, m.nextDueAt, m.lastRunAt, m.lastMatchCount], [13, 8, null, at(2), 0]);
      await s.advanceMonitor('m', 14, null, at(3), 0, null);
      assert.equal((await s.getMonitor('m'))!.tkWatermark, 8);
    });

    // ------------------------------------------------------------------ change log

    test('the change log: one entry per stored version, the latest per document in a range, with current content', async (w) => {
      const s = w.store;
      assert.equal(await s.changeHead(), 0);
      assert.deepEqual(await s.changedDocuments(0, 0), []);
      await w.addVersion({ id: 'a', title: 'A', text: 'eerste', kind: 'kamerbrief', date: '2026-05-30' });
      await w.addVersion({ id: 'b', title: 'B', text: 'bee', kind: 'kamervragen' });
      assert.equal(await s.changeHead(), 2);
      await w.addVersion({ id: 'a', title: 'A2', text: 'tweede' });
      assert.equal(await s.changeHead(), 3);
      const all = await s.changedDocuments(0, 3);
      assert.deepEqual(all.map((c) => [c.seq, c.docId, c.version]), [[2, 'b', 1], [3, 'a', 2]], 'by seq, one per document (its latest)');
      const a = all[1]!;
      assert.deepEqual([a.title, a.kind, a.date, a.text], ['A2', 'kamerbrief', null, 'tweede']);
      assert.equal(a.structure.title, 'A2');
      assert.equal(all[0]!.kind, 'kamervragen');
      assert.deepEqual((await s.changedDocuments(0, 1)).map((c) => [c.docId, c.version, c.text]), [['a', 1, 'eerste']], 'upto is inclusive');
      assert.deepEqual((await s.changedDocuments(1, 2)).map((c) => c.docId), ['b'], 'after is exclusive');
      assert.deepEqual(await s.changedDocuments(3, 3), []);
    });

    // ------------------------------------------------------------------ items

    test('items: batches newest first, items within a batch newest first, documents titled from the store', async (w) => {
      const s = w.store;
      await user(s, 'alice');
      await w.addVersion({ id: 'd1', title: 'Eerste', text: 'x', kind: 'kamerbrief', date: '2026-05-01' });
      await w.addVersion({ id: 'd2', title: 'Tweede', text: 'y', kind: 'motie' });
      await w.addVersion({ id: 'd2', title: 'Tweede (herzien)', text: 'y2', kind: 'motie' });
      await s.createMonitor(monitor('m', 'u-alice', { label: 'Volger' }));
      await s.createMonitor(monitor('m2', 'u-alice', { label: 'Ander' }));
      await s.insertBatch({ monitorId: 'm', n: 0, items: '[]', createdAt: at(0) });
      assert.equal(await s.countItems('m'), 0, 'an empty batch is not stored');
      const event = { itemKey: 'due:7', docId: 'd1', version: 1, title: 'Termijn', kind: 'toezegging', date: '2026-06-02', snippet: '', reason: 'termijn', change: 'new', link: '/toezeggingen#tz-7' };
      await s.insertBatch({ monitorId: 'm', n: 3, items: JSON.stringify([{ reason: 'zoekterm', docs: [['d1', 1], ['d2', 2, 'een knipsel']] }, event]), createdAt: at(1) });
      await s.insertBatch({ monitorId: 'm', n: 1, items: JSON.stringify([{ reason: 'later', docs: [['gone', 3]] }]), createdAt: at(2) });
      await s.insertBatch({ monitorId: 'm2', n: 1, items: JSON.stringify([{ reason: 'ander', docs: [['d1', 1]] }]), createdAt: at(3) });
      assert.equal(await s.countItems('m'), 4);
      const items = await s.listItems('m', 10);
      assert.deepEqual(
        items.map((i) => [i.itemKey, i.title, i.kind, i.date, i.snippet, i.reason, i.change, i.createdAt]),
        [
          ['doc:gone@3', 'gone', 'overig', null, '', 'later', 'updated', at(2)],
          ['due:7', 'Termijn', 'toezegging', '2026-06-02', '', 'termijn', 'new', at(1)],
          ['doc:d2@2', 'Tweede (herzien)', 'motie', null, 'een knipsel', 'zoekterm', 'updated', at(1)],
          ['doc:d1@1', 'Eerste', 'kamerbrief', '2026-05-01', '', 'zoekterm', 'new', at(1)],
        ],
      );
      assert.equal(items[1]!.link, '/toezeggingen#tz-7');
      assert.ok(items.every((i) => i.monitorId === 'm'));
      assert.ok(items[0]!.seq > items[1]!.seq && items[1]!.seq === items[3]!.seq, 'seq names the batch; newer batches are higher');
      assert.deepEqual((await s.listItems('m', 2)).map((i) => i.itemKey), ['doc:gone@3', 'due:7'], 'the limit cuts inside a batch');
      assert.deepEqual(await s.listItems('nope', 5), []);
      const mine = await s.listUserItems('u-alice', 3);
      assert.deepEqual(mine.map((i) => [i.monitorLabel, i.itemKey]), [['Ander', 'doc:d1@1'], ['Volger', 'doc:gone@3'], ['Volger', 'due:7']]);
    });

    // ------------------------------------------------------------------ outbox and deliveries

    test('the outbox: due messages soonest first, sent or failed, counted', async ({ store: s }) => {
      await user(s, 'alice');
      await s.enqueue(outbox('o3', 'u-alice', { nextAttemptAt: at(2), createdAt: at(0) }));
      await s.enqueue(outbox('o2', 'u-alice', { nextAttemptAt: at(1), createdAt: at(1) }));
      await s.enqueue(outbox('o1', 'u-alice', { nextAttemptAt: at(1), createdAt: at(1) }));
      await s.enqueue(outbox('o0', 'u-alice', { nextAttemptAt: at(1), createdAt: at(0), channel: 'webhook' }));
      assert.deepEqual((await s.dueOutbox(at(0), 10)).map((o) => o.id), []);
      assert.deepEqual((await s.dueOutbox(at(1), 10)).map((o) => o.id), ['o0', 'o1', 'o2']);
      assert.deepEqual((await s.dueOutbox(at(5), 2)).map((o) => o.id), ['o0', 'o1']);
      const o1 = (await s.dueOutbox(at(1), 10))[1]!;
      assert.deepEqual(o1, {
        id: 'o1', userId: 'u-alice', monitorId: null, channel: 'email', payload: '{"n":"o1"}', status: 'pending', attempts: 0,
        nextAttemptAt: at(1), lastError: null, createdAt: at(1), sentAt: null,
      });
      await s.markAttemptFailed('o1', 1, at(30), 'x'.repeat(600), false);
      await s.markAttemptFailed('o2', 3, at(1), 'kapot', true);
      await s.markSent('o0', at(2));
      assert.deepEqual(await s.outboxCounts(), { pending: 2, sent: 1, dead: 1 });
      const later = await s.dueOutbox(at(30), 10);
      assert.deepEqual(later.map((o) => [o.id, o.attempts, o.status]), [['o3', 0, 'pending'], ['o1', 1, 'pending']]);
      assert.equal(later[1]!.lastError, 'x'.repeat(500), 'errors are cut to 500 characters');
    });

    test('the delivery ledger: once per monitor, channel and item; delivered when its message is sent', async ({ store: s }) => {
      await user(s, 'alice');
      await s.createMonitor(monitor('m', 'u-alice'));
      await s.enqueue(outbox('mail', 'u-alice'));
      await s.enqueue(outbox('hook', 'u-alice', { monitorId: 'm', channel: 'webhook' }));
      assert.equal(await s.insertDelivery(delivery('m', 'due:1', { channel: 'feed', deliveredAt: at(0) })), true);
      assert.equal(await s.insertDelivery(delivery('m', 'due:1', { channel: 'feed', deliveredAt: at(0) })), false, 'once');
      assert.equal(await s.insertDeliveries([]), 0);
      const n = await s.insertDeliveries([
        delivery('m', 'doc:a@1', { outboxId: 'mail', queuedAt: at(1) }),
        delivery('m', 'doc:a@1', { outboxId: 'mail', queuedAt: at(1) }),
        delivery('m', 'doc:b@1', { outboxId: 'mail', queuedAt: at(1) }),
        delivery('m', 'doc:a@1', { channel: 'webhook', outboxId: 'hook', queuedAt: at(1) }),
        delivery('m', 'due:1', { channel: 'feed', deliveredAt: at(0) }),
      ]);
      assert.equal(n, 3, 'new ones only, a key twice in the list counted once');
      assert.deepEqual(await s.deliveryCounts('m'), { feed: 0, email: 0, webhook: 0 });
      await s.markSent('mail', at(2));
      await s.markSent('mail', at(3));
      assert.deepEqual(await s.deliveryCounts('m'), { feed: 0, email: 2, webhook: 0 });
      await s.insertBatch({ monitorId: 'm', n: 2, items: JSON.stringify([{ reason: 'r', docs: [['a', 1], ['b', 1]] }]), createdAt: at(1) });
      assert.deepEqual(await s.deliveryCounts('m'), { feed: 2, email: 2, webhook: 0 }, 'a feed item is delivered when recorded');
      const list = await s.listDeliveries('m', 10);
      // Newest first; same time: by item, then the channel's order (outgoing before the feed).
      assert.deepEqual(
        list.map((d) => [d.channel, d.itemKey, d.outboxId, d.queuedAt, d.deliveredAt, d.outboxStatus]),
        [
          ['email', 'doc:a@1', 'mail', at(1), at(2), 'sent'],
          ['webhook', 'doc:a@1', 'hook', at(1), null, 'pending'],
          ['feed', 'doc:a@1', null, at(1), at(1), null],
          ['email', 'doc:b@1', 'mail', at(1), at(2), 'sent'],
          ['feed', 'doc:b@1', null, at(1), at(1), null],
        ],
      );
      await s.insertDeliveries([delivery('m', 'doc:z@1', { queuedAt: at(9) })]);
      assert.deepEqual((await s.listDeliveries('m', 2)).map((d) => d.itemKey), ['doc:z@1', 'doc:a@1'], 'newest first, limited');
    });

    test('claiming: due messages of the asked channels, leased until the lease ends or the message is done', async ({ store: s }) => {
      await user(s, 'alice');
      await s.enqueue(outbox('e1', 'u-alice', { nextAttemptAt: at(0) }));
      await s.enqueue(outbox('e2', 'u-alice', { nextAttemptAt: at(1) }));
      await s.enqueue(outbox('w1', 'u-alice', { nextAttemptAt: at(0), channel: 'webhook' }));
      await s.enqueue(outbox('later', 'u-alice', { nextAttemptAt: at(50) }));
      assert.deepEqual(await s.claimOutbox(at(1), at(16), 10, []), []);
      const hooks = await s.claimOutbox(at(1), at(16), 10, ['webhook']);
      assert.deepEqual(hooks.map((o) => [o.id, o.nextAttemptAt, o.status]), [['w1', at(0), 'pending']], 'as it was before the claim');
      const mails = await s.claimOutbox(at(1), at(16), 1, ['email', 'webhook']);
      assert.deepEqual(mails.map((o) => o.id), ['e1'], 'soonest first, up to the limit');
      assert.deepEqual((await s.dueOutbox(at(1), 10)).map((o) => o.id), ['e2'], 'claimed messages are not due');
      assert.deepEqual((await s.claimOutbox(at(1), at(16), 10, ['email', 'webhook'])).map((o) => o.id), ['e2']);
      assert.deepEqual(await s.claimOutbox(at(1), at(16), 10, ['email', 'webhook']), [], 'nothing left to claim');
      assert.deepEqual(await s.outboxCounts(), { pending: 4, sent: 0, dead: 0 }, 'a claim changes no status');
      // Sent, failed or given back: the lease ends.
      await s.markSent('e1', at(2));
      await s.markAttemptFailed('w1', 1, at(5), 'HTTP 500', false);
      await s.releaseOutbox('e2', at(1));
      assert.deepEqual((await s.claimOutbox(at(5), at(20), 10, ['email', 'webhook'])).map((o) => o.id), ['e2', 'w1']);
      // A lease that runs out (its worker died) makes the message due again.
      assert.deepEqual(await s.claimOutbox(at(19), at(40), 10, ['email', 'webhook']), []);
      assert.deepEqual((await s.claimOutbox(at(20), at(40), 10, ['email', 'webhook'])).map((o) => o.id), ['e2', 'w1']);
      await s.releaseOutbox('e1', at(0));
      assert.equal((await s.dueOutbox(at(60), 10)).find((o) => o.id === 'e1'), undefined, 'a sent message is not given back');
    });

    test('two workers claiming at once never get the same message', async (w) => {
      const other = await w.peer();
      await user(w.store, 'alice');
      const ids = Array.from({ length: 60 }, (_, i) => `o${String(i).padStart(2, '0')}`);
      for (const id of ids) await w.store.enqueue(outbox(id, 'u-alice', { channel: Number(id.slice(1)) % 2 ? 'webhook' : 'email' }));
      const worker = async (s: WatchStore) => {
        const got: string[] = [];
        for (;;) {
          const claim = await s.claimOutbox(at(0), at(15), 4, ['email', 'webhook']);
          if (claim.length === 0) return got;
          got.push(...claim.map((o) => o.id));
        }
      };
      const [a, b] = await Promise.all([worker(w.store), worker(other)]);
      assert.equal(a.length + b.length, ids.length, 'every message claimed once');
      assert.deepEqual([...a, ...b].sort(), ids);
    });

    // Units of work (a run's batch, deliveries, outbox rows, watermarks and notices committed
    // together with other stores' writes, or not at all) are the unit-of-work conformance
    // suite's: test/store/unit-of-work-conformance.ts, on the real Database of each backend.
  });
}
