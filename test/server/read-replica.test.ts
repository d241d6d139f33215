/**
 * A web node with a streaming read replica (KAMERLENS_DATABASE_READ_URL), on a real primary and
 * hot standby (scripts/pg-scratch.mjs: pg_basebackup -R). Anonymous pages are read from the
 * standby once it has replayed; with replay paused, the standby holds an older state than the
 * primary, which shows which server answered: anonymous searches do not see a new document yet,
 * a writer's and a signed-in user's requests do, and a page the standby lacks falls back to the
 * primary. A standby that is down makes no page fail.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import pg from 'pg';
// @ts-expect-error: a plain ES module of the test scripts, without type declarations
import { pgBinDir, startScratchCluster, startStandby } from '../../scripts/pg-scratch.mjs';
import { loadConfig } from '../../src/config.js';
import { importPaths } from '../../src/ingest/import.js';
import { migrateDatabase, openServicesFor, type Opened } from '../../src/main.js';
import { createApp } from '../../src/server/app.js';
import { pgSkip } from '../helpers/pg.js';

interface Cluster {
  url: string;
  stop(): void;
}

const skip = pgSkip || (pgBinDir() ? false : 'PostgreSQL server programs not installed');

describe('PostgreSQL with a streaming read replica', { skip, timeout: 60_000 }, () => {
  let primary: Cluster;
  let standby: Cluster;
  let admin: pg.Client;
  let replica: pg.Client;
  let s: Opened;
  let app: Hono;
  const saved = { url: process.env.KAMERLENS_DATABASE_URL, read: process.env.KAMERLENS_DATABASE_READ_URL };

  /** Waits until the standby has replayed everything the primary has written so far. */
  async function caughtUp(): Promise<void> {
    // The insert position: the primary commits asynchronously (synchronous_commit=off).
    const lsn = (await admin.query<{ l: string }>('SELECT pg_current_wal_insert_lsn()::text AS l')).rows[0]!.l;
    const until = Date.now() + 15_000;
    while (!(await replica.query<{ ok: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [lsn])).rows[0]!.ok) {
      if (Date.now() > until) throw new Error(`the standby did not replay up to ${lsn} within 15 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function importText(id: string, text: string): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'kl-replica-doc-'));
    writeFileSync(join(dir, `${id}.txt`), text);
    const r = await importPaths([dir], { units: s.units, store: s.store, index: s.index, structure: s.structure, tk: s.tk, vlos: s.vlos, onVersionStored: s.onVersionStored });
    assert.equal(r.counts.new, 1);
  }

  const get = (path: string, cookie?: string) => app.request(path, cookie ? { headers: { cookie } } : {});
  const hits = async (q: string, cookie?: string) => {
    const r = await get(`/api/search?q=${encodeURIComponent(q)}`, cookie);
    assert.equal(r.status, 200);
    return ((await r.json()) as { results: { id: string }[] }).results.map((h) => h.id);
  };

  before(async () => {
    primary = await startScratchCluster({ replication: true });
    standby = await startStandby(primary);
    admin = new pg.Client({ connectionString: primary.url });
    replica = new pg.Client({ connectionString: standby.url });
    // The standby's connection is cut when it stops (the last test): not an error here.
    replica.on('error', () => {});
    await Promise.all([admin.connect(), replica.connect()]);
    // The node as `kamerlens serve` opens it: from the environment.
    process.env.KAMERLENS_DATABASE_URL = primary.url;
    process.env.KAMERLENS_DATABASE_READ_URL = standby.url;
    const config = loadConfig(['--data', mkdtempSync(join(tmpdir(), 'kl-replica-'))]);
    await migrateDatabase(config);
    s = await openServicesFor(config);
    assert.ok(s.reads, 'KAMERLENS_DATABASE_READ_URL gives the node a read replica');
    app = createApp(s);
  });

  after(async () => {
    await s?.close();
    await Promise.all([admin?.end(), replica?.end().catch(() => {})]);
    standby?.stop();
    primary?.stop();
    for (const [k, v] of [['KAMERLENS_DATABASE_URL', saved.url], ['KAMERLENS_DATABASE_READ_URL', saved.read]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('a document imported through the primary is found and served once the standby has replayed it', async () => {
    await importText('quantumbrief', 'Geachte Voorzitter,\n\nHierbij informeer ik uw Kamer over de quantumveilige versleuteling van overheidsnetwerken.\n');
    await caughtUp();
    assert.deepEqual(await hits('quantumveilige'), ['quantumbrief']);
    const page = await get('/documents/quantumbrief');
    assert.equal(page.status, 200);
    assert.match(await page.text(), /quantumveilige versleuteling/);
    const ready = (await (await get('/readyz')).json()) as { ok: boolean; replica: { ok: boolean; inRecovery: boolean; withinLag: boolean } };
    assert.equal(ready.ok, true);
    assert.deepEqual([ready.replica.ok, ready.replica.inRecovery, ready.replica.withinLag], [true, true, true]);
  });

  it('with replay paused: anonymous reads see the standby, writers and signed-in users the primary, a missing page falls back', async () => {
    await replica.query('SELECT pg_wal_replay_pause()');
    try {
      await importText('zeppelinbrief', 'Geachte Voorzitter,\n\nDe zeppelinhaven van Rotterdam krijgt een nieuwe vergunning.\n');
      // The primary has it; the standby, paused, does not: the anonymous search reads the standby.
      assert.deepEqual(await hits('zeppelinhaven'), []);
      assert.deepEqual(await hits('zeppelinhaven', 'kl_geschreven=1'), ['zeppelinbrief'], 'someone who just wrote reads the primary');
      // The standby lacks the page (404): the same request is answered again by the primary.
      const page = await get('/api/documents/zeppelinbrief');
      assert.equal(page.status, 200);
      assert.match(((await page.json()) as { document: { text: string } }).document.text, /zeppelinhaven/);

      // A signed-in user: the magic link is logged without SMTP; its session is made on the primary.
      const logged: string[] = [];
      const write = process.stderr.write.bind(process.stderr);
      process.stderr.write = ((chunk: string) => (logged.push(String(chunk)), true)) as typeof process.stderr.write;
      try {
        await s.watch.requestSignIn('lezer@example.org', '127.0.0.1');
      } finally {
        process.stderr.write = write;
      }
      const token = /\/inloggen\/([A-Za-z0-9_-]+)/.exec(logged.join(''))?.[1];
      assert.ok(token, 'the sign-in link is logged');
      const session = await s.watch.consumeSignIn(token);
      const cookie = `kl_session=${session.sessionToken}`;
      const follow = await app.request('/mijn/volgers', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf: session.viewer.csrf!, kind: 'search', value: 'zeppelinhaven' }).toString(),
      });
      assert.equal(follow.status, 303);
      assert.ok(follow.headers.getSetCookie().some((c) => c.startsWith('kl_geschreven=')), 'an answer to a write marks the browser');
      // The next GET shows the follow at once: the standby (paused) has neither the user nor the follow.
      const mine = await get('/mijn.json', cookie);
      assert.equal(mine.status, 200);
      assert.match(JSON.stringify(await mine.json()), /zeppelinhaven/);
    } finally {
      await replica.query('SELECT pg_wal_replay_resume()');
    }
    await caughtUp();
    assert.deepEqual(await hits('zeppelinhaven'), ['zeppelinbrief'], 'replayed: the standby has it too');
  });

  it('a standby further behind than KAMERLENS_DATABASE_READ_MAX_LAG is not read: its pages come from the primary', async () => {
    process.env.KAMERLENS_DATABASE_READ_MAX_LAG = '0.5';
    const strict = await openServicesFor(loadConfig(['--data', mkdtempSync(join(tmpdir(), 'kl-replica-strict-'))]));
    delete process.env.KAMERLENS_DATABASE_READ_MAX_LAG;
    const strictApp = createApp(strict);
    const strictHits = async (q: string) => ((await (await strictApp.request(`/api/search?q=${q}`)).json()) as { results: { id: string }[] }).results.map((h) => h.id);
    // While the standby keeps up, the strict node reads it too (and samples the primary's position).
    assert.deepEqual(await strictHits('luchtschipverkeer'), []);
    await replica.query('SELECT pg_wal_replay_pause()');
    try {
      await importText('luchtschipbrief', 'Geachte Voorzitter,\n\nHet luchtschipverkeer boven de Noordzee neemt toe.\n');
      // Positions are sampled at most once a second, on requests: the standby is found behind
      // once it has not replayed a position sampled at least 0.5 s ago (the one after the import).
      await new Promise((r) => setTimeout(r, 1100));
      await strictHits('luchtschipverkeer');
      await new Promise((r) => setTimeout(r, 1100));
      assert.deepEqual(await strictHits('luchtschipverkeer'), ['luchtschipbrief'], 'the primary answered');
      const ready = (await (await strictApp.request('/readyz')).json()) as { replica: { ok: boolean; withinLag: boolean } };
      assert.deepEqual([ready.replica.ok, ready.replica.withinLag], [true, false]);
    } finally {
      await replica.query('SELECT pg_wal_replay_resume()');
      await strict.close();
    }
    await caughtUp();
  });

  it('a standby that is down makes no page fail, and /readyz says so while staying ready', async () => {
    standby.stop();
    assert.deepEqual(await hits('quantumveilige'), ['quantumbrief']);
    assert.equal((await get('/documents/quantumbrief')).status, 200);
    assert.equal((await get('/')).status, 200);
    const ready = await get('/readyz');
    assert.equal(ready.status, 200);
    const body = (await ready.json()) as { ok: boolean; replica: { ok: boolean; message: string } };
    assert.equal(body.replica.ok, false);
    assert.match(body.replica.message, /leesreplica is niet bereikbaar/);
  });
});

describe('KAMERLENS_DATABASE_READ_URL without KAMERLENS_DATABASE_URL', () => {
  it('is refused: a replica of SQLite does not exist', async () => {
    const saved = { url: process.env.KAMERLENS_DATABASE_URL, read: process.env.KAMERLENS_DATABASE_READ_URL };
    delete process.env.KAMERLENS_DATABASE_URL;
    process.env.KAMERLENS_DATABASE_READ_URL = 'postgres://kamerlens@127.0.0.1:1/kamerlens';
    try {
      await assert.rejects(openServicesFor(loadConfig(['--data', mkdtempSync(join(tmpdir(), 'kl-replica-lite-'))])), { code: 'BAD_CONFIG' });
    } finally {
      for (const [k, v] of [['KAMERLENS_DATABASE_URL', saved.url], ['KAMERLENS_DATABASE_READ_URL', saved.read]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
