/** Runs the StructureStore conformance suite on SQLite, plus SQLite-specific checks. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { SqliteStore, openDatabase } from '../../src/store/index.js';
import { SqliteStructureIndex } from '../../src/store/sqlite/sqlite-structure-index.js';
import { SO } from '../helpers/structure-fixtures.js';
import { runStructureConformance } from './structure-conformance.js';

runStructureConformance('sqlite', async () => new SqliteStructureIndex(openDatabase(':memory:')));

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

it('sqlite: put inside a store transaction rolls back with it', async () => {
  const db = openDatabase(':memory:');
  const store = new SqliteStore(db);
  const index = new SqliteStructureIndex(db);
  await assert.rejects(
    store.transaction(async () => {
      await index.put(SO.id, SO.meta, SO.structure);
      throw new Error('import failed later');
    }),
  );
  assert.equal((await index.questions({})).total, 0);
});
