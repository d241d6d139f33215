/** The PostgreSQL unit of work: atomic, joined by nested calls, isolated from other requests; migrations once. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PgDb } from '../../src/store/postgres/connection.js';
import { freshPgDb, freshPgUrl, pgSkip } from '../helpers/pg.js';

describe('PostgreSQL connection', { skip: pgSkip }, () => {
  it('a unit of work commits everything or nothing, and nested calls join it', async () => {
    const db = await freshPgDb();
    await db.q('CREATE TABLE t (x INTEGER PRIMARY KEY)');
    await db.transaction(async () => {
      await db.q('INSERT INTO t VALUES (1)');
      await db.transaction(async () => db.q('INSERT INTO t VALUES (2)'));
    });
    await assert.rejects(db.transaction(async () => {
      await db.q('INSERT INTO t VALUES (3)');
      await db.q('INSERT INTO t VALUES (1)'); // duplicate key: the whole unit rolls back
    }));
    assert.deepEqual((await db.rows<{ x: number }>('SELECT x FROM t ORDER BY x')).map((r) => r.x), [1, 2]);
    await db.close();
  });

  it('what a unit of work has not committed is invisible to another request', async () => {
    const db = await freshPgDb();
    await db.q('CREATE TABLE t (x INTEGER)');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inside!: () => void;
    const started = new Promise<void>((r) => (inside = r));
    const writer = db.transaction(async () => {
      await db.q('INSERT INTO t VALUES (1)');
      inside();
      await held;
    });
    await started;
    assert.equal((await db.rows('SELECT x FROM t')).length, 0);
    release();
    await writer;
    assert.equal((await db.rows('SELECT x FROM t')).length, 1);
    await db.close();
  });

  it('migrations run once per namespace, also when two processes start together', async () => {
    const db = await freshPgDb();
    const migrations = ['CREATE TABLE m (x INTEGER)', 'INSERT INTO m VALUES (1)'];
    await Promise.all([db.migrate('test', migrations), db.migrate('test', migrations)]);
    await db.migrate('test', migrations);
    assert.deepEqual(await db.rows('SELECT x FROM m'), [{ x: 1 }]);
    await db.close();
  });
});

describe('PostgreSQL leases', { skip: pgSkip }, () => {
  it('one holder at a time across processes; free again after the holder ends or its connection dies', async () => {
    const a = await freshPgDb();
    const b = new PgDb(a.url, { max: 2 });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inside!: () => void;
    const started = new Promise<void>((r) => (inside = r));
    const first = a.withLease('sync', async () => {
      inside();
      await held;
      return 'a';
    });
    await started;
    assert.equal(await b.withLease('sync', async () => 'b'), null);
    assert.equal(await b.withLease('watch', async () => 'b'), 'b');
    release();
    assert.equal(await first, 'a');
    assert.equal(await b.withLease('sync', async () => 'b'), 'b');
    // A holder whose connection dies (a worker killed with -9) leaves the lease to the next.
    const c = new PgDb(a.url, { max: 1 });
    let holding!: () => void;
    const isHolding = new Promise<void>((r) => (holding = r));
    void c.withLease('sync', async () => {
      holding();
      await new Promise(() => {});
    });
    await isHolding;
    assert.equal(await b.withLease('sync', async () => 'b'), null);
    await a.q("SELECT pg_terminate_backend(l.pid) FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())");
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await b.withLease('sync', async () => 'b'), 'b');
    await Promise.all([a.close(), b.close()]);
  });
});

describe('PostgreSQL read replica scopes (PgDb.onReplica)', { skip: pgSkip }, () => {
  // A "replica" here is a second database of the test cluster holding other rows than the
  // primary: which one answered shows which pool a statement went to.
  it('onReplica sends plain reads to the replica, and transactions and unscoped reads to the primary', async () => {
    const [primaryUrl, replicaUrl] = [await freshPgUrl(), await freshPgUrl()];
    for (const [url, who] of [[primaryUrl, 'primary'], [replicaUrl, 'replica']] as const) {
      const setup = new PgDb(url, { max: 1 });
      await setup.q('CREATE TABLE t (who TEXT)');
      await setup.q('INSERT INTO t VALUES ($1)', [who]);
      await setup.close();
    }
    const db = new PgDb(primaryUrl, { max: 2, readUrl: replicaUrl });
    const who = async () => (await db.one<{ who: string }>('SELECT who FROM t'))!.who;
    assert.equal(await who(), 'primary');
    const run = await db.onReplica(async () => [await who(), await db.transaction(who), await who()]);
    assert.deepEqual(run, { value: ['replica', 'primary', 'replica'], replicaFailed: false });
    // Inside a transaction a replica scope changes nothing: the unit of work sees its own writes.
    assert.deepEqual(await db.transaction(() => db.onReplica(who)), { value: 'primary', replicaFailed: false });
    await db.close();
  });

  it('a replica that fails a statement fails the whole scope: nothing more is read from either server', async () => {
    const [primaryUrl, replicaUrl] = [await freshPgUrl(), await freshPgUrl()];
    // The table exists on the primary only: the replica fails the statement (as a standby
    // whose query replay cancelled would), though it answers.
    const setup = new PgDb(primaryUrl, { max: 1 });
    await setup.q('CREATE TABLE t AS SELECT 1 AS n');
    await setup.close();
    const db = new PgDb(primaryUrl, { max: 2, readUrl: replicaUrl });
    const before = { ...db.counts };
    const reads: string[] = [];
    const run = await db.onReplica(async () => {
      for (const sql of ['SELECT n FROM t', 'SELECT 2 AS n']) {
        try {
          await db.q(sql);
          reads.push('ok');
        } catch {
          reads.push('failed');
        }
      }
      return 'half-read';
    });
    // The caller must run it again on the primary; the second read failed without a round trip.
    assert.deepEqual(run, { value: undefined, replicaFailed: true });
    assert.deepEqual(reads, ['failed', 'failed']);
    assert.equal(db.counts.primary, before.primary, 'no statement of the failed scope went to the primary');
    assert.equal(db.counts.replica - before.replica, 1);
    // Not a connection error: the next scope reads the replica again.
    assert.deepEqual(await db.onReplica(async () => (await db.one<{ n: number }>('SELECT 7 AS n'))!.n), { value: 7, replicaFailed: false });
    assert.equal(db.counts.replica - before.replica, 2);
    await db.close();
  });

  it('a replica that is down is not read: scopes run on the primary, and it is tried again only after a pause', async () => {
    const url = await freshPgUrl();
    // A port nobody listens on.
    const dead = new URL(url);
    dead.port = '1';
    const db = new PgDb(url, { max: 2, readUrl: dead.toString() });
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(await db.onReplica(async () => (await db.one<{ n: number }>('SELECT 7 AS n'))!.n), { value: 7, replicaFailed: false });
    }
    assert.deepEqual([db.counts.replica, db.counts.primary, db.counts.replicaFailures], [0, 3, 1], 'one failed look at the replica, then the pause');
    await db.close();
  });
});
