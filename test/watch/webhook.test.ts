/** Webhooks to a local receiver: HMAC, one delivery per match, retry after 500s, disabling. */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { verifySignature, signatureHeader, backoffMs } from '../../src/watch/webhook.js';
import { addDoc, HookReceiver, watchWorld, type World } from './helpers.js';

let hook: HookReceiver;
let w: World;
let userId: string;
let monitorId: string;

before(async () => {
  hook = new HookReceiver();
  await hook.start();
  w = watchWorld({ maxWebhookFailures: 3 });
  userId = (await w.watch.userByEmail('dirk@example.org')).id;
  const m = await w.watch.createMonitor(userId, { kind: 'search', params: { query: 'stikstof' }, interval: 'immediate', email: false, webhookUrl: hook.url });
  assert.ok(m.webhookSecret && m.webhookSecret.length >= 24);
  hook.secret = m.webhookSecret;
  monitorId = m.id;
});
after(async () => {
  await hook.stop();
  await w.close();
});

it('signs with HMAC-SHA256 and rejects tampering', () => {
  const h = signatureHeader('s3cret', '{"a":1}', 1700000000);
  assert.ok(verifySignature('s3cret', '{"a":1}', h));
  assert.ok(!verifySignature('s3cret', '{"a":2}', h));
  assert.ok(!verifySignature('other', '{"a":1}', h));
  assert.ok(!verifySignature('s3cret', '{"a":1}', null));
  assert.deepEqual([1, 2, 3, 20].map((n) => backoffMs(n)), [60_000, 120_000, 240_000, 6 * 3600_000]);
});

it('posts one signed delivery per match', async () => {
  await addDoc(w, { id: 'stikstof-1', title: 'Stikstofbrief', text: 'Over stikstof en natuur.' });
  await addDoc(w, { id: 'stikstof-2', title: 'Stikstof en boeren', text: 'Stikstof.' });
  await addDoc(w, { id: 'niet', title: 'Water', text: 'Water.' });
  const r = await w.watch.run();
  assert.equal(r.outbox.sent, 2);
  assert.equal(hook.received.length, 2);
  assert.ok(hook.received.every((x) => x.verified), 'the receiver verifies every signature');
  assert.deepEqual(hook.received.map((x) => x.json.item.docId).sort(), ['stikstof-1', 'stikstof-2']);
  assert.ok(hook.received.every((x) => x.json.event === 'kamerlens.match' && x.json.monitor.id === monitorId && x.delivery === x.json.deliveryId));
  await w.watch.run();
  assert.equal(hook.received.length, 2, 'rerun: nothing new');
});

it('retries after 500s with backoff and delivers once the receiver is back', async () => {
  hook.status = 500;
  await addDoc(w, { id: 'stikstof-3', title: 'Derde stikstofbrief', text: 'Stikstof weer.' });
  const r1 = await w.watch.run();
  assert.equal(r1.outbox.failed, 1);
  assert.equal(hook.received.length, 3);
  await w.watch.run();
  assert.equal(hook.received.length, 3, 'not retried before the backoff has passed');
  w.clock.advance(61_000);
  await w.watch.run(); // second failure
  assert.equal(hook.received.length, 4);
  hook.status = 200;
  w.clock.advance(121_000);
  const r3 = await w.watch.run();
  assert.equal(r3.outbox.sent, 1);
  const ok = hook.received.filter((x) => x.json.item.docId === 'stikstof-3');
  assert.equal(ok.length, 3, 'two failed attempts and one success …');
  assert.equal(new Set(ok.map((x) => x.delivery)).size, 1, '… of the same delivery id');
  const view = (await w.watch.listMonitors(userId))[0]!;
  assert.deepEqual(view.webhook, { url: hook.url, disabled: false, failures: 0 }, 'success resets the failure count');
});

it('is disabled after repeated failure, with a notice to the user', async () => {
  hook.status = 500;
  await addDoc(w, { id: 'stikstof-4', title: 'Vierde stikstofbrief', text: 'Stikstof.' });
  await w.watch.run();
  for (let i = 0; i < 5; i++) {
    w.clock.advance(7 * 3600_000);
    await w.watch.run();
  }
  const view = (await w.watch.listMonitors(userId))[0]!;
  assert.equal(view.webhook?.disabled, true);
  assert.equal(view.webhook?.failures, 3);
  const mine = await w.watch.mine(userId);
  assert.equal(mine.notices.length, 1);
  assert.match(mine.notices[0]!.message, /is uitgezet na 3 mislukte pogingen/);
  const before = hook.received.length;
  hook.status = 200;
  await addDoc(w, { id: 'stikstof-5', title: 'Vijfde', text: 'Stikstof.' });
  w.clock.advance(7 * 3600_000);
  const r = await w.watch.run();
  assert.equal(r.newMatches, 1, 'still matched for the feed');
  assert.equal(hook.received.length, before, 'but no more webhook calls');
});
