/** Webhook SSRF guard: targets that resolve to private, link-local or loopback addresses are refused. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { addressKind, checkWebhookTarget, parseIpv6, webhookSender, type ResolveAll } from '../../src/watch/webhook.js';
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
  assert.match((await check('https://intern.example.org/x'))!, /^De webhookhost intern\.example\.org verwijst naar een privé-adres \(10\.0\.0\.7\); webhooks gaan alleen naar openbare adressen$/);
  assert.match((await check('https://metadata.example.org/latest'))!, /privé/);
  assert.match((await check('https://mixed.example.org/'))!, /fd00::5/, 'any bad address refuses the host');
  assert.match((await check('https://local.example.org/'))!, /loopback/);
  assert.equal(await check('https://local.example.org/', true), null, 'the test/dev option allows loopback');
  assert.match((await check('https://[::1]:8443/'))!, /loopback/);
  assert.match((await check('https://192.168.0.10/'))!, /privé/);
  assert.match((await check('https://unknown.example.org/'))!, /kan niet worden opgezocht/);
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

it('judges the IPv4 address inside every IPv6 spelling of it', () => {
  const cases: [string, 'private' | 'loopback' | 'public'][] = [
    // IPv4-mapped, dotted and the hex form `new URL()` normalises it to
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['0:0:0:0:0:ffff:7f00:0001', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:a00:1', 'private'],
    ['::ffff:169.254.169.254', 'private'],
    ['::ffff:a9fe:a9fe', 'private'],
    ['::ffff:0:7f00:1', 'loopback'], // SIIT
    ['::ffff:5db8:d822', 'public'], // 93.184.216.34
    // IPv4-compatible (deprecated): never, whatever it holds
    ['::127.0.0.1', 'private'],
    ['::7f00:1', 'private'],
    ['::93.184.216.34', 'private'],
    // NAT64 and 6to4 carry the IPv4 address to a translator
    ['64:ff9b::127.0.0.1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'private'],
    ['64:ff9b::5db8:d822', 'public'],
    ['64:ff9b:1::1', 'private'],
    ['2002:7f00:1::1', 'private'],
    ['2002:5db8:d822::1', 'public'],
    // other reserved IPv6 space, in long and short forms
    ['0000:0000:0000:0000:0000:0000:0000:0001', 'loopback'],
    ['0::0', 'private'],
    ['FE80::1%eth0', 'private'],
    ['fec0::1', 'private'],
    ['FD00::1', 'private'],
    ['ff02::1', 'private'],
    ['2001:db8::1', 'private'],
    ['2001:0:4136:e378::1', 'private'], // Teredo
    ['100::1', 'private'],
    ['4000::1', 'private'],
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:82b::200e', 'public'],
    // not an address: refused
    ['1::2::3', 'private'],
    ['12345::1', 'private'],
    ['::ffff:300.1.1.1', 'private'],
  ];
  for (const [a, kind] of cases) assert.equal(addressKind(a), kind, a);
  assert.deepEqual([...parseIpv6('::ffff:127.0.0.1')!], [...parseIpv6('::ffff:7f00:1')!]);
});

it('refuses what new URL() makes of IPv6 literals in a webhook URL', async () => {
  for (const url of ['https://[::ffff:127.0.0.1]/x', 'https://[::127.0.0.1]/x', 'https://[::ffff:10.0.0.1]/x', 'https://[::ffff:169.254.169.254]/latest', 'https://[64:ff9b::10.0.0.1]/x', 'https://[0:0:0:0:0:ffff:7f00:1]/x']) {
    assert.match((await checkWebhookTarget(url, { allowLoopback: false, resolve }))!, /(privé|loopback)-adres/, url);
  }
  assert.equal(await checkWebhookTarget('https://[2606:4700:4700::1111]/x', { allowLoopback: false, resolve }), null);
});

it('checks the address again when the delivery connects (DNS rebinding)', async () => {
  const hook = new HookReceiver();
  await hook.start();
  const port = new URL(hook.url).port;
  // The name answers a public address when the webhook is checked, and loopback when it connects.
  const rebinding: ResolveAll = (_host, _o, cb) => cb(null, [{ address: '127.0.0.1', family: 4 }]);
  try {
    const strict = webhookSender({ timeoutMs: 2000, resolve: rebinding });
    await assert.rejects(strict.post(`http://rebind.example.org:${port}/hook`, '{}', {}), /verwijst bij bezorging naar een loopback-adres \(127\.0\.0\.1\)/);
    await assert.rejects(strict.post(`http://[::ffff:7f00:1]:${port}/hook`, '{}', {}), /loopback/);
    assert.equal(hook.received.length, 0, 'nothing reached the receiver');
    // The same lookup is what the connection uses: allowed, it reaches the receiver.
    const dev = webhookSender({ timeoutMs: 2000, allowLoopback: true, resolve: rebinding });
    assert.equal(await dev.post(`http://rebind.example.org:${port}/hook`, '{"a":1}', {}), 200);
    assert.equal(hook.received.length, 1);
    const toPrivate: ResolveAll = (_host, _o, cb) => cb(null, [{ address: '93.184.216.34', family: 4 }, { address: '::ffff:a00:7', family: 6 }]);
    await assert.rejects(webhookSender({ resolve: toPrivate, allowLoopback: true }).post('https://mixed.example.org/hook', '{}', {}), /privé-adres/);
  } finally {
    await hook.stop();
  }
});
