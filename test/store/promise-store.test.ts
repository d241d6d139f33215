/** Runs the PromiseStore conformance suite on SQLite and PostgreSQL, plus what PostgreSQL's dirty marks promise of transactions. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { PgDb } from '../../src/store/postgres/connection.js';
import { PgPromiseStore } from '../../src/store/postgres/pg-promise-store.js';
import { PgStructureStore } from '../../src/store/postgres/pg-structure-store.js';
import { emptyStructure } from '../../src/domain/index.js';
import { openDatabase } from '../../src/store/index.js';
import { SqlitePromiseStore } from '../../src/store/sqlite/sqlite-promise-store.js';
import { SqliteStructureIndex } from '../../src/store/sqlite/sqlite-structure-index.js';
import { freshPgDb, pgSkip } from '../helpers/pg.js';
import { SO } from '../helpers/structure-fixtures.js';
import { runPromiseStoreConformance } from './promise-store-conformance.js';

runPromiseStoreConformance('sqlite', async () => {
  const db = openDatabase(':memory:');
  // The structure tables first: the promise store's triggers are on them.
  const structure = new SqliteStructureIndex(db);
  return { structure, promises: new SqlitePromiseStore(db) };
});

describe('PostgreSQL promise store', { skip: pgSkip }, () => {
  const opened: PgDb[] = [];
  const fresh = async () => {
    const db = await freshPgDb();
    opened.push(db);
    return db;
  };
  after(() => Promise.all(opened.map((db) => db.close())));

  runPromiseStoreConformance('postgres', async () => {
    const db = await fresh();
    // Opened in either order: the promise store brings the structure tables it refers to up first.
    const promises = await PgPromiseStore.open(db);
    return { structure: await PgStructureStore.open(db), promises };
  });

  it('postgres: a document is marked in the unit of work that writes it, and not when that rolls back', async () => {
    const db = await fresh();
    const promises = await PgPromiseStore.open(db);
    const structure = await PgStructureStore.open(db);
    await assert.rejects(
      db.atomic(async (tx) => {
        await new PgStructureStore(tx).put(SO.id, SO.meta, SO.structure);
        assert.deepEqual(await new PgPromiseStore(tx).dirtyDocuments(10), [SO.id], 'seen inside the unit of work');
        throw new Error('import failed later');
      }),
    );
    assert.deepEqual(await promises.dirtyDocuments(10), []);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inside!: () => void;
    const written = new Promise<void>((r) => (inside = r));
    const writer = db.atomic(async (tx) => {
      await new PgStructureStore(tx).put(SO.id, SO.meta, SO.structure);
      inside();
      await held;
    });
    await written;
    assert.deepEqual(await promises.dirtyDocuments(10), [], 'not before it commits');
    release();
    await writer;
    assert.deepEqual(await promises.dirtyDocuments(10), [SO.id]);
  });

  it('postgres: a document written again while the pass works on it stays marked for the next pass', async () => {
    const db = await fresh();
    const promises = await PgPromiseStore.open(db);
    const structure = await PgStructureStore.open(db);
    await structure.put(SO.id, SO.meta, SO.structure);
    await structure.put('other', { title: 'Ander', kind: 'kamerbrief', date: null }, { ...SO.structure, questions: [], answers: [] });
    assert.deepEqual(await promises.dirtyDocuments(10), ['other', SO.id]);
    await structure.put(SO.id, SO.meta, SO.structure);
    await promises.clearDirty(['other', SO.id]);
    assert.deepEqual(await promises.dirtyDocuments(10), [SO.id], 'written after the pass read it');
    // Written by a unit of work still at work when the pass clears: the clear waits for it, and the mark stays.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inside!: () => void;
    const written = new Promise<void>((r) => (inside = r));
    const writer = db.atomic(async (tx) => {
      await new PgStructureStore(tx).put(SO.id, SO.meta, SO.structure);
      inside();
      await held;
    });
    await written;
    const clearing = promises.clearDirty([SO.id]);
    await new Promise((r) => setTimeout(r, 50));
    release();
    await Promise.all([writer, clearing]);
    assert.deepEqual(await promises.dirtyDocuments(10), [SO.id]);
    // Read again and nothing written since: cleared.
    await promises.clearDirty(await promises.dirtyDocuments(10));
    assert.deepEqual(await promises.dirtyDocuments(10), []);
    // Another store (another node) clears what it is told, whatever it read.
    await structure.remove('other');
    await (await PgPromiseStore.open(db)).clearDirty(['other']);
    assert.deepEqual(await promises.dirtyDocuments(10), []);
  });

  it('postgres: the keeper\'s date kept with a promise is the one its last committed write gave it, whichever of the two commits first', async () => {
    const db = await fresh();
    const promises = await PgPromiseStore.open(db);
    const structure = await PgStructureStore.open(db);
    const keeperMeta = (date: string) => ({ title: 'Brief over de Digital Fairness Act', kind: 'kamerbrief' as const, date });
    const keeper = (date: string, on = structure) => on.put('keeper', keeperMeta(date), { ...emptyStructure('kamerbrief'), title: 'Brief', date });
    await structure.put(SO.id, SO.meta, { ...SO.structure, commitments: [{ text: 'De minister informeert de Kamer voor de zomer.', actor: null, due: 'voor de zomer', dueDate: '2025-06-30', topic: 'zomer' }] });
    await keeper('2025-06-01');
    const kept = [{ docId: SO.id, ordinal: 0, keptBy: { docId: 'keeper', evidence: 'e', sentence: null, via: 'search' as const } }];
    const byDate = async () => (await db.rows<{ by_date: string | null }>('SELECT by_date FROM promise_kept')).map((r) => r.by_date);
    /** `first` runs in a unit (on its database) held open until `second` has started (and, where it does not wait, finished). */
    const race = async (first: (tx: PgDb) => Promise<unknown>, second: () => Promise<unknown>) => {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let inside!: () => void;
      const written = new Promise<void>((r) => (inside = r));
      const a = db.atomic(async (tx) => {
        await first(tx);
        inside();
        await held;
      });
      await written;
      const b = second();
      // The second either waits for the first (then this times out) or is done: both orders are allowed.
      await Promise.race([b, new Promise((r) => setTimeout(r, 100))]);
      release();
      await Promise.all([a, b]);
    };
    // The promise's keeper recorded while the keeper's date is being changed, and committed first.
    await race((tx) => new PgPromiseStore(tx).setKept(kept), () => keeper('2025-07-15'));
    assert.deepEqual(await byDate(), ['2025-07-15']);
    // The date changed in a unit still open while the keeper is recorded anew (no row of it to wait on).
    await promises.setKept([{ docId: SO.id, ordinal: 0, keptBy: null }]);
    assert.deepEqual(await byDate(), []);
    await race((tx) => keeper('2025-08-20', new PgStructureStore(tx)), () => promises.setKept(kept));
    assert.deepEqual(await byDate(), ['2025-08-20']);
    // What the list says follows: kept on a day after the keeper's date, overdue before it.
    const state = async (today: string) => (await promises.list({ today, limit: 10 })).items.find((r) => r.document?.id === SO.id)?.kept;
    assert.equal(await state('2025-08-21'), 'fulfilled');
    assert.equal(await state('2025-08-19'), 'overdue');
  });

  it('postgres: documents stored before the promise tables existed are all marked once they are made', async () => {
    const db = await fresh();
    const structure = await PgStructureStore.open(db);
    await structure.put(SO.id, SO.meta, SO.structure);
    await structure.put('other', { title: 'Ander', kind: 'kamerbrief', date: null }, { ...SO.structure, questions: [], answers: [] });
    const promises = await PgPromiseStore.open(db);
    assert.deepEqual(await promises.dirtyDocuments(10), ['other', SO.id]);
  });
});
