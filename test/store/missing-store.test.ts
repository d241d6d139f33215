/** Runs the MissingStore conformance suite on SQLite and PostgreSQL. */
import { describe } from 'node:test';
import { SqliteStore, openDatabase } from '../../src/store/index.js';
import { PgMissingStore } from '../../src/store/postgres/pg-missing-store.js';
import { PgStructureStore } from '../../src/store/postgres/pg-structure-store.js';
import { SqliteMissingStore } from '../../src/store/sqlite/sqlite-missing-store.js';
import { SqliteStructureIndex } from '../../src/store/sqlite/sqlite-structure-index.js';
import { freshPgDb, pgSkip } from '../helpers/pg.js';
import { runMissingStoreConformance } from './missing-store-conformance.js';

runMissingStoreConformance('sqlite', async () => {
  const db = openDatabase(':memory:');
  const store = new SqliteStore(db);
  return {
    missing: new SqliteMissingStore(db),
    structure: new SqliteStructureIndex(db),
    close: () => store.close(),
  };
});

describe('postgres', { skip: pgSkip }, () => {
  runMissingStoreConformance('postgres', async () => {
    const db = await freshPgDb();
    return { missing: await PgMissingStore.open(db), structure: await PgStructureStore.open(db), close: () => db.close() };
  });
});
