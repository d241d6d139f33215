/** Webhook SSRF guard: targets that resolve to private, link-local or loopback addresses are refused. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { addressKind, checkWebhookTarget } from '../../src/watch/webhook.js';
import { addDoc, HookReceiver, watchWorld } from './helpers.js';

const DNS: Record<string, string[]> = {
  'hooks.example.org': ['93.184.216.34'],
  'intern.example.org': ['10.0.0.7'],
  'metadata.example.org': ['169.254.169.254'],
  'mixed.example.org': ['93.184.216.34', 'fd00::5'],
  'local.example.org': ['127.0.0.1'],
};
const resolve = async (host: string) => DNS[host] ?? [];

it('classifies addresses', () => {
  for (const a of ['10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', 'fd12::1', 'fe80::1', '::ffff:10.0.0.1', '::', '224.0.0.1']) assert.equal(addressKind(a), 'private', a);
  for (const a of ['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1']) assert.equal(addressKind(a), 'loopback', a);
  for (const a of ['93.184.216.34', '2606:4700::1111', '172.32.0.1']) assert.equal(addressKind(a), 'public', a);
});

it('refuses https targets resolving to private, link-local or (unless allowed) loopback addresses', async () => {
  const check = (url: string, allowLoopback = false) => checkWebhookTarget(url, { allowLoopback, resolve });
  assert.equal(await check('https://hooks.example.org/x'), null);
  assert.match((await check('https://intern.example.org/x'))!, /private address \(10\.0\.0\.7\)/);
  assert.match((await check('https://metadata.example.org/latest'))!, /private/);
  assert.match((await check('https://mixed.example.org/'))!, /fd00::5/, 'any bad address refuses the host');
  assert.match((await check('https://local.example.org/'))!, /loopback/);
  assert.equal(await check('https://local.example.org/', true), null, 'the test/dev option allows loopback');
  assert.match((await check('https://[::1]:8443/'))!, /loopback/);
  assert.match((await check('https://192.168.0.10/'))!, /private/);
  assert.match((await check('https://unknown.example.org/'))!, /cannot be resolved/);
});

it('refuses such webhooks when a monitor is made, and does not post to them later', async () => {
  const w = watchWorld({ allowLoopbackWebhooks: false, resolveHost: resolve });
  const alice = await w.watch.userByEmail('alice@example.org');
  const make = (webhookUrl: string) => w.watch.createMonitor(alice.id, { kind: 'search', params: { query: 'stikstof' }, interval: 'immediate', email: false, webhookUrl });
  await assert.rejects(make('https://intern.example.org/hook'), { code: 'BAD_REQUEST', field: 'webhookUrl' });
  await assert.rejects(make('https://metadata.example.org/hook'), { code: 'BAD_REQUEST' });
  const hook = new HookReceiver();
  await hook.start();
  try {
    await assert.rejects(make(hook.url), { code: 'BAD_REQUEST' }, 'loopback needs the explicit option');
    await make('https://hooks.example.org/hook');
    // The name now points inside (DNS rebinding): the delivery is refused, not sent.
    DNS['hooks.example.org'] = ['10.0.0.8'];
    let posted = 0;
    w.deps.webhooks = { post: async () => (posted++, 200) };
    await addDoc(w, { id: 'n1', title: 'Stikstof', text: 'Stikstof.' });
    const r = await w.watch.run();
    assert.equal(posted, 0);
    assert.equal(r.outbox.failed, 1);
  } finally {
    DNS['hooks.example.org'] = ['93.184.216.34'];
    await hook.stop();
    await w.close();
  }
});
