/** Runs the ChangeStore conformance suite on SQLite and PostgreSQL. */
import { describe } from 'node:test';
import { CHANGE_SUMMARY_VERSION } from '../../src/domain/changes.js';
import { openDatabase } from '../../src/store/index.js';
import { PgChangeStore } from '../../src/store/postgres/pg-change-store.js';
import { SqliteChangeStore } from '../../src/store/sqlite/sqlite-change-store.js';
import { freshPgDb, pgSkip } from '../helpers/pg.js';
import { runChangeStoreConformance } from './change-store-conformance.js';

runChangeStoreConformance('sqlite', async () => {
  const db = openDatabase(':memory:');
  return {
    store: new SqliteChangeStore(db),
    outdate: async () => void db.prepare('UPDATE version_changes SET algo = ?').run(CHANGE_SUMMARY_VERSION - 1),
    close: async () => void db.close(),
  };
});

describe('postgres', { skip: pgSkip }, () => {
  runChangeStoreConformance('postgres', async () => {
    const db = await freshPgDb();
    return {
      store: await PgChangeStore.open(db),
      outdate: async () => void (await db.q('UPDATE version_changes SET algo = $1', [CHANGE_SUMMARY_VERSION - 1])),
      close: () => db.close(),
    };
  });
});
