/** The client address behind trusted proxies, and the trust setting itself. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { clientAddress, parseTrustProxy, serverLimits, snippetThread, viaTls } from '../../src/server/limits.js';

async function seen(trust: number, headers: Record<string, string>): Promise<{ ip: string; tls: boolean }> {
  const app = new Hono();
  app.get('/', (c) => c.json({ ip: clientAddress(c, trust), tls: viaTls(c, trust) }));
  return (await (await app.request('/', { headers })).json()) as { ip: string; tls: boolean };
}

describe('client address', () => {
  it('believes only the entries the trusted proxies appended', async () => {
    const xff = { 'x-forwarded-for': 'spoofed, 203.0.113.5, 10.0.0.2' };
    assert.equal((await seen(1, xff)).ip, '10.0.0.2', 'one proxy: its entry is the client');
    assert.equal((await seen(2, xff)).ip, '203.0.113.5', 'two proxies: the outer one saw the client');
    assert.equal((await seen(9, xff)).ip, 'spoofed', 'more hops than entries: the first one');
    assert.equal((await seen(0, xff)).ip, 'unknown', 'no trust: the socket (none in-process)');
  });

  it('takes https from a trusted proxy only', async () => {
    assert.equal((await seen(1, { 'x-forwarded-proto': 'https' })).tls, true);
    assert.equal((await seen(0, { 'x-forwarded-proto': 'https' })).tls, false);
    assert.equal((await seen(1, { 'x-forwarded-proto': 'http' })).tls, false);
  });

  it('reads KAMERLENS_TRUST_PROXY and KAMERLENS_MAX_CONNECTIONS strictly', () => {
    assert.deepEqual([undefined, '', '0', 'false', 'true', '1', '2'].map((v) => parseTrustProxy(v)), [0, 0, 0, 0, 1, 1, 2]);
    assert.throws(() => parseTrustProxy('ja'), /KAMERLENS_TRUST_PROXY/);
    assert.throws(() => parseTrustProxy('-1'), /KAMERLENS_TRUST_PROXY/);
    assert.equal(serverLimits({ KAMERLENS_MAX_CONNECTIONS: '50' }).maxConnections, 50);
    assert.throws(() => serverLimits({ KAMERLENS_MAX_CONNECTIONS: 'veel' }), /KAMERLENS_MAX_CONNECTIONS/);
  });

  it('reads KAMERLENS_SNIPPET_THREAD: the worker while busy by default, always, or never', () => {
    assert.equal(snippetThread({}), 'when-busy');
    assert.equal(snippetThread({ KAMERLENS_SNIPPET_THREAD: 'auto' }), 'when-busy');
    assert.equal(snippetThread({ KAMERLENS_SNIPPET_THREAD: ' Ja ' }), 'always');
    assert.equal(snippetThread({ KAMERLENS_SNIPPET_THREAD: 'nee' }), null);
    assert.throws(() => snippetThread({ KAMERLENS_SNIPPET_THREAD: 'soms' }), /KAMERLENS_SNIPPET_THREAD.*"soms"/);
  });
});
