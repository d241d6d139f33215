/** The PostgreSQL unit of work: atomic, joined by nested calls, isolated from other requests; migrations once. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freshPgDb, pgSkip } from '../helpers/pg.js';

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
