/**
 * Which requests the web server lets a read replica answer, and what it does when the replica
 * fails or lacks a page (server/read-routing.ts), on SQLite with a replica port that records
 * which scope each store read ran in. The same routing on a real PostgreSQL standby:
 * test/server/read-replica.test.ts.
 */
import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Hono } from 'hono';
import type { Opened } from '../../src/main.js';
import { createApp } from '../../src/server/app.js';
import type { ReadRouting } from '../../src/service/read-routing.js';
import { SAMPLE, sampleWorld } from '../helpers/world.js';

/** A replica port: marks its scope; can be told to report the next scope as failed by the replica. */
class RecordingReplica implements ReadRouting {
  readonly scope = new AsyncLocalStorage<true>();
  failNext = false;
  async onReplica<T>(fn: () => Promise<T>) {
    const value = await this.scope.run(true, fn);
    if (this.failNext) {
      this.failNext = false;
      return { value: undefined, replicaFailed: true };
    }
    return { value, replicaFailed: false };
  }
  async replicaStatus() {
    return { inRecovery: true, replayedAt: null, withinLag: true };
  }
}

describe('read routing: which requests read the replica', () => {
  let s: Opened;
  let app: Hono;
  const replica = new RecordingReplica();
  /** Where each document read and each search ran: 'replica' or 'primary' (one request may read several times). */
  let reads: string[] = [];
  /** The reads, repeats in a row counted once: one entry per run of a request. */
  const runs = () => reads.filter((r, i) => r !== reads[i - 1]);

  before(async () => {
    s = await sampleWorld();
    const where = () => (replica.scope.getStore() ? 'replica' : 'primary');
    const getDocument = s.store.getDocument.bind(s.store);
    s.store.getDocument = (id) => (reads.push(where()), getDocument(id));
    const search = s.index.search.bind(s.index);
    s.index.search = (...args) => (reads.push(where()), search(...args));
    app = createApp({ ...s, reads: replica });
  });
  after(() => s.close());
  beforeEach(() => (reads = []));

  it('anonymous pages and API answers read the replica', async () => {
    assert.equal((await app.request('/api/search?q=cyberbeveiliging')).status, 200);
    assert.equal((await app.request(`/documents/${SAMPLE.brief2022}`)).status, 200);
    assert.ok(reads.length >= 2);
    assert.deepEqual(runs(), ['replica']);
  });

  it('a session, a recent write, a Bearer token, and the account, sign-in and health pages read the primary', async () => {
    const asked: Record<string, string>[] = [{ cookie: 'kl_session=x' }, { cookie: 'kl_geschreven=1' }, { cookie: 'kl_volg=search:x' }, { authorization: 'Bearer klt_x' }];
    for (const headers of asked) await app.request(`/documents/${SAMPLE.brief2022}`, { headers });
    assert.deepEqual(reads, ['primary', 'primary', 'primary', 'primary']);
    // These paths never enter a replica scope, whatever they read.
    let scoped = 0;
    const count = replica.onReplica.bind(replica);
    replica.onReplica = (fn) => (scoped++, count(fn));
    try {
      for (const path of ['/mijn', '/mijn.json', '/inloggen', '/status', '/status.json', '/readyz', '/importeren', '/api/monitors']) await app.request(path);
      assert.equal(scoped, 0);
      await app.request('/api/search?q=x');
      assert.equal(scoped, 1, 'the counter counts');
    } finally {
      replica.onReplica = count;
    }
  });

  it('the answer to a write marks the browser for a minute', async () => {
    const r = await app.request('/ontbrekend', { method: 'POST' });
    const mark = r.headers.getSetCookie().find((c) => c.startsWith('kl_geschreven='));
    assert.ok(mark, `no mark in ${r.headers.getSetCookie().join(' | ')}`);
    assert.match(mark, /Max-Age=60/);
    assert.match(mark, /HttpOnly/);
  });

  it('a request the replica failed is answered again on the primary, whole', async () => {
    replica.failNext = true;
    const r = await app.request('/api/search?q=cyberbeveiliging');
    assert.equal(r.status, 200);
    assert.ok(((await r.json()) as { results: unknown[] }).results.length > 0);
    assert.deepEqual(runs(), ['replica', 'primary']);
  });

  it('a page the replica lacks (404) is looked up again on the primary; a page that exists is not', async () => {
    assert.equal((await app.request('/api/documents/bestaat-niet')).status, 404);
    assert.deepEqual(reads, ['replica', 'primary']);
    reads = [];
    assert.equal((await app.request(`/api/documents/${SAMPLE.brief2022}`)).status, 200);
    assert.deepEqual(reads, ['replica']);
  });

  it('without a replica nothing changes: no mark on writes', async () => {
    const plain = createApp(s);
    const r = await plain.request('/ontbrekend', { method: 'POST' });
    assert.ok(!r.headers.getSetCookie().some((c) => c.startsWith('kl_geschreven=')));
  });
});
