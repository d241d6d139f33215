/** Runs the StatusStore conformance suite on SQLite and PostgreSQL. */
import { describe } from 'node:test';
import { SqliteStore, openDatabase } from '../../src/store/index.js';
import { PgStatusStore } from '../../src/store/postgres/pg-status-store.js';
import { PgStore } from '../../src/store/postgres/pg-store.js';
import { PgTkStore } from '../../src/store/postgres/tk-store.js';
import { SqliteStatusStore } from '../../src/store/sqlite/sqlite-status-store.js';
import { SqliteTkStore } from '../../src/store/sqlite/tk-store.js';
import { freshPgDb, pgSkip } from '../helpers/pg.js';
import { runStatusStoreConformance } from './status-store-conformance.js';

runStatusStoreConformance('sqlite', async ({ tk }) => {
  const db = openDatabase(':memory:');
  const store = new SqliteStore(db);
  return {
    status: new SqliteStatusStore(db),
    store,
    tk: tk ? new SqliteTkStore(db) : null,
    close: () => store.close(),
  };
});

describe('postgres', { skip: pgSkip }, () => {
  runStatusStoreConformance('postgres', async ({ tk }) => {
    const db = await freshPgDb();
    const store = await PgStore.open(db);
    return { status: await PgStatusStore.open(db), store, tk: tk ? await PgTkStore.open(db) : null, close: () => store.close() };
  });
});
