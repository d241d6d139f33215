/** Two workers draining the outbox at once: every message goes out once. */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Mailer, MailMessage } from '../../src/watch/mailer.js';
import { drainOutbox, matchDue } from '../../src/watch/run.js';
import { addDoc, HookReceiver, watchWorld, type World } from './helpers.js';

/** A mailer that takes its time, so that the two drains interleave at every send. */
class SlowMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  async send(message: MailMessage): Promise<void> {
    await new Promise((r) => setTimeout(r, 3));
    this.sent.push(message);
  }
}

let hook: HookReceiver;
let w: World;
const mailer = new SlowMailer();

before(async () => {
  hook = new HookReceiver();
  await hook.start();
  w = watchWorld({ mailer });
});
after(async () => {
  await hook.stop();
  await w.close();
});

it('two drains at once claim different messages: no mail or webhook is sent twice', async () => {
  for (let i = 0; i < 30; i++) {
    const u = await w.watch.userByEmail(`lezer${i}@example.org`);
    const m = await w.watch.createMonitor(u.id, { kind: 'search', params: { query: 'stikstof' }, interval: 'immediate', email: true, ...(i < 2 ? { webhookUrl: hook.url } : {}) });
    if (i < 2) hook.secret = m.webhookSecret!;
  }
  for (let d = 0; d < 3; d++) await addDoc(w, { id: `s${d}`, title: `Stikstof ${d}`, text: 'Over stikstof.' });
  const now = w.clock.now();
  const r = await matchDue(w.deps, now, 'test');
  assert.equal(r.newMatches, 90);
  const [a, b] = await Promise.all([drainOutbox(w.deps, now), drainOutbox(w.deps, now)]);
  // 30 digests (one per reader) and 2 × 3 webhook deliveries: more than one claim holds.
  assert.equal(a.sent + b.sent, 36);
  assert.equal(mailer.sent.length, 30);
  assert.equal(new Set(mailer.sent.map((m) => m.to)).size, 30, 'one digest per reader');
  assert.equal(hook.received.length, 6);
  assert.equal(new Set(hook.received.map((h) => h.delivery)).size, 6, 'each webhook delivery once');
  assert.ok(a.sent > 0 && b.sent > 0, 'both drains did part of the work');
  assert.deepEqual(await w.watchStore.outboxCounts(), { pending: 0, sent: 36, dead: 0 });
});
