/** Runs the StructureStore conformance suite on SQLite and PostgreSQL, plus checks specific to each. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { PgDb } from '../../src/store/postgres/connection.js';
import { PgStructureStore } from '../../src/store/postgres/pg-structure-store.js';
import { openServices } from '../../src/main.js';
import { SqliteStore, openDatabase } from '../../src/store/index.js';
import { SqliteStructureIndex } from '../../src/store/sqlite/sqlite-structure-index.js';
import { freshPgDb, pgSkip } from '../helpers/pg.js';
import { SO } from '../helpers/structure-fixtures.js';
import { runStructureConformance } from './structure-conformance.js';

runStructureConformance('sqlite', async () => new SqliteStructureIndex(openDatabase(':memory:')));

describe('PostgreSQL structure store', { skip: pgSkip }, () => {
  const opened: PgDb[] = [];
  const fresh = async () => {
    const db = await freshPgDb();
    opened.push(db);
    return db;
  };
  after(() => Promise.all(opened.map((db) => db.close())));

  runStructureConformance('postgres', async () => PgStructureStore.open(await fresh()));

  it('postgres: put inside a unit of work rolls back with it', async () => {
    const db = await fresh();
    const index = await PgStructureStore.open(db);
    await assert.rejects(
      db.atomic(async (tx) => {
        await new PgStructureStore(tx).put(SO.id, SO.meta, SO.structure);
        throw new Error('import failed later');
      }),
    );
    assert.equal((await index.questions({})).total, 0);
  });

  it('postgres: two concurrent puts of one document leave one copy of its rows', async () => {
    const db = await fresh();
    const index = await PgStructureStore.open(db);
    await Promise.all([index.put(SO.id, SO.meta, SO.structure), index.put(SO.id, SO.meta, SO.structure), index.put(SO.id, SO.meta, SO.structure)]);
    assert.equal((await index.questions({})).total, SO.structure.questions.length);
    assert.equal((await index.citations(SO.id)).length, SO.structure.citations.length);
  });

  it('postgres: putMany too large for one statement writes in several, the commitments in put order', async () => {
    const index = await PgStructureStore.open(await fresh());
    // Commitments of 5 million characters: a statement carries two documents' (16 MB), not three.
    const promise = (n: number, actor: string) => ({ text: `${n} `.repeat(2_500_000), actor, due: null, dueDate: null });
    const docs = ['c', 'a', 'b'].map((id, n) => ({
      docId: id,
      meta: { title: id, kind: 'kamerbrief' as const, date: null },
      structure: { ...SO.structure, questions: [], answers: [], citations: [], meetings: [], commitments: [promise(n, ['Minister X', 'minister x', 'MINISTER X'][n]!)] },
    }));
    await index.putMany(docs);
    const rows = await index.commitments({ today: '2025-01-01', limit: 10 });
    assert.deepEqual(rows.items.map((r) => [r.document.id, r.text.length]).sort(), [['a', 5_000_000], ['b', 5_000_000], ['c', 5_000_000]]);
    // The group is named after the earliest stored row: the first put's.
    assert.deepEqual(await index.commitmentActors(), [{ actor: 'Minister X', count: 3 }]);
  });

  it('postgres: text with U+0000 (which PostgreSQL text cannot hold) is stored without it, a citation exactly', async () => {
    const index = await PgStructureStore.open(await fresh());
    const nul = {
      ...SO.structure,
      questions: [{ id: 'q1', party: 'P\0VV', text: 'Waarom\0?', answerIds: ['a1'] }],
      answers: [{ id: 'a1', number: 1, text: 'Daarom\0.', seeAlso: [], seeAlsoIds: ['a\0'] }],
      citations: [{ kind: 'url' as const, raw: 'link\0', url: 'https://example.org/\0' }],
    };
    await index.put(SO.id, { ...SO.meta, title: `Titel\0` }, nul);
    const [q] = (await index.questions({ party: 'pvv\0' })).items;
    assert.deepEqual([q?.party, q?.text, q?.document.title, q?.answers[0]?.text, q?.answers[0]?.seeAlsoIds], ['PVV', 'Waarom?', 'Titel', 'Daarom.', ['a']]);
    assert.deepEqual((await index.citations(`${SO.id}\0`))[0]?.citation, nul.citations[0]);
  });

  it('postgres: a remove racing a put leaves the document whole or gone, never its rows without it', async () => {
    const db = await fresh();
    const index = await PgStructureStore.open(db);
    for (let round = 0; round < 40; round++) {
      const put = () => index.put(SO.id, SO.meta, SO.structure);
      const remove = () => index.remove(SO.id);
      await Promise.all([put, remove, put, remove, put].slice(round % 3).map((op) => op()));
      const stored = (await db.rows('SELECT 1 FROM structure_docs WHERE doc_id = $1', [SO.id])).length;
      const rows = (await db.rows<{ n: number }>('SELECT COUNT(*) AS n FROM structure_questions WHERE doc_id = $1', [SO.id]))[0]!.n;
      assert.equal(rows, stored ? SO.structure.questions.length : 0, `round ${round}`);
    }
  });
});

it('sqlite: a database from before the structure index is indexed from its stored structures once', async () => {
  const db = openDatabase(':memory:');
  const store = new SqliteStore(db);
  await store.saveVersion('/x/so.txt', SO.id, {
    contentHash: 'h', format: 'text', fileName: 'so.txt', byteSize: 1, mimeType: 'text/plain', text: SO.text, pages: null,
    structure: SO.structure, original: null, ...SO.meta,
  });
  const index = new SqliteStructureIndex(db);
  assert.equal((await index.questions({ party: 'PVV' })).total, 2);
  assert.equal((await index.questions({ party: 'PVV' })).items[0]!.document.title, SO.meta.title);
  // A second construction (the next start) finds the tables and does not index again.
  await index.remove(SO.id);
  new SqliteStructureIndex(db);
  assert.equal((await index.questions({})).total, 0);
});

it('sqlite: put inside a unit of work rolls back with it', async () => {
  const s = openServices(':memory:');
  await assert.rejects(
    s.units.transaction(async (tx) => {
      await tx.structure.put(SO.id, SO.meta, SO.structure);
      throw new Error('import failed later');
    }),
  );
  assert.equal((await s.structure.questions({})).total, 0);
  await s.close();
});
