/** The PostgreSQL unit of work: atomic, joined by nested calls, isolated from other requests; migrations once. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PgDb } from '../../src/store/postgres/connection.js';
import { freshPgDb, freshPgUrl, pgSkip } from '../helpers/pg.js';

describe('PostgreSQL connection', { skip: pgSkip }, () => {
  it('a transaction commits everything or nothing; atomic() hands out the database bound to it, and on a bound database joins its transaction', async () => {
    const db = await freshPgDb();
    await db.q('CREATE TABLE t (x INTEGER PRIMARY KEY)');
    await db.atomic(async (tx) => {
      await tx.q('INSERT INTO t VALUES (1)');
      // A store's own multi-statement write on a database bound to a transaction: that transaction, not one of its own.
      await tx.atomic(async (same) => {
        assert.equal(same, tx);
        await same.q('INSERT INTO t VALUES (2)');
      });
    });
    await assert.rejects(db.atomic(async (tx) => {
      await tx.q('INSERT INTO t VALUES (3)');
      await tx.atomic((same) => same.q('INSERT INTO t VALUES (1)')); // duplicate key: the whole transaction rolls back, 3 too
    }));
    assert.deepEqual((await db.rows<{ x: number }>('SELECT x FROM t ORDER BY x')).map((r) => r.x), [1, 2]);
    await db.close();
  });

  it('a statement on the pool inside a transaction: an error naming it when strict, else it joins the transaction', async () => {
    const strict = await freshPgDb();
    const lenient = new PgDb(strict.url, { max: 2, strictUnits: false });
    const strictToo = new PgDb(strict.url, { max: 2, strictUnits: true });
    await strict.q('CREATE TABLE t (x INTEGER PRIMARY KEY)');
    await assert.rejects(
      strictToo.atomic(async () => strictToo.q('INSERT INTO t VALUES (1)')),
      /a store on the pool ran a statement inside a transaction; take the store from the unit \(tx\), or the database atomic\(\) hands out: INSERT INTO t VALUES \(1\)/,
    );
    // A transaction of its own begun inside one (a pool store's write called in a unit) is the same stray.
    await assert.rejects(strictToo.atomic(async () => strictToo.atomic(async (d) => d.q('INSERT INTO t VALUES (2)'))), /inside a transaction.*BEGIN/);
    await assert.rejects(
      lenient.atomic(async () => {
        await lenient.q('INSERT INTO t VALUES (3)');
        throw new Error('rollback');
      }),
      /rollback/,
    );
    // It joined the transaction: rolled back with it.
    assert.deepEqual(await strict.rows('SELECT x FROM t'), []);
    await Promise.all([lenient.close(), strictToo.close(), strict.close()]);
  });

  it('a unit of work begun inside a unit joins it (Database.transaction nests); other transactions do not', async () => {
    const db = new PgDb((await freshPgDb()).url, { max: 2, strictUnits: true });
    await db.q('CREATE TABLE t (x INTEGER PRIMARY KEY)');
    await assert.rejects(db.transaction(async (outer) => {
      await db.transaction(async (inner) => {
        assert.equal(inner, outer);
        await inner.query('INSERT INTO t VALUES (1)');
      }, { unit: true });
      throw new Error('rollback');
    }, { unit: true }), /rollback/);
    assert.deepEqual(await db.rows('SELECT x FROM t'), []);
    await assert.rejects(db.transaction(async () => db.transaction(async () => {})), /inside a transaction/);
    await db.close();
  });

  it('what a unit of work has not committed is invisible to another request', async () => {
    const db = await freshPgDb();
    await db.q('CREATE TABLE t (x INTEGER)');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inside!: () => void;
    const started = new Promise<void>((r) => (inside = r));
    const writer = db.atomic(async (tx) => {
      await tx.q('INSERT INTO t VALUES (1)');
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
    const whoOn = async (on: PgDb) => (await on.one<{ who: string }>('SELECT who FROM t'))!.who;
    const run = await db.onReplica(async () => [await who(), await db.atomic(whoOn), await who()]);
    assert.deepEqual(run, { value: ['replica', 'primary', 'replica'], replicaFailed: false });
    // Inside a transaction a replica scope changes nothing: the unit of work sees its own writes.
    assert.deepEqual(await db.atomic((tx) => tx.onReplica(() => whoOn(tx))), { value: 'primary', replicaFailed: false });
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
