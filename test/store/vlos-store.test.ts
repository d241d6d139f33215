/** Runs the VlosStore conformance suite on SQLite and PostgreSQL. */
import { describe } from 'node:test';
import { openDatabase } from '../../src/store/index.js';
import { PgVlosStore } from '../../src/store/postgres/pg-vlos-store.js';
import { SqliteVlosStore } from '../../src/store/sqlite/vlos-store.js';
import { freshPgDb, pgSkip } from '../helpers/pg.js';
import { runVlosStoreConformance } from './vlos-store-conformance.js';

runVlosStoreConformance('sqlite', async () => {
  const db = openDatabase(':memory:');
  return { store: new SqliteVlosStore(db), close: async () => void db.close() };
});

describe('postgres', { skip: pgSkip }, () => {
  runVlosStoreConformance('postgres', async () => {
    const db = await freshPgDb();
    return { store: await PgVlosStore.open(db), close: () => db.close() };
  });
});
