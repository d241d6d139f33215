/** Runs the units-of-work conformance suite on SQLite (a data folder's file) and on PostgreSQL. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'node:test';
import { openPgServices, openServices, type Opened } from '../../src/main.js';
import type { TxStores } from '../../src/store/unit-of-work.js';
import { SqliteSearchIndex } from '../../src/search/sqlite-index.js';
import { SqliteStore, openDatabase } from '../../src/store/index.js';
import { sqliteDatabase } from '../../src/store/sqlite/database.js';
import { freshPgSchemaUrl, pgSkip } from '../helpers/pg.js';
import { runUnitOfWorkConformance } from './unit-of-work-conformance.js';

const storesOf = (s: Opened): TxStores => ({
  store: s.store, index: s.index, structure: s.structure, tk: s.tk, vlos: s.vlos, promises: s.promises,
  changes: s.changes, status: s.status, missing: s.missing, blobs: s.blobs, watchStore: s.watchStore,
});

runUnitOfWorkConformance('sqlite', async () => {
  // A file, not `:memory:`: the other connection is a second connection to the same file.
  const dir = mkdtempSync(join(tmpdir(), 'kamerlens-uow-'));
  const file = join(dir, 'kamerlens.db');
  const own = openServices(file);
  const other = openServices(file);
  return {
    units: own.units,
    stores: storesOf(own),
    other: storesOf(other),
    close: async () => {
      await other.close();
      await own.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

// Deps wired by hand (tests, benchmarks): a document store and an index on an open connection,
// every other store made on it by sqliteDatabase. The same suite holds.
runUnitOfWorkConformance('sqlite, stores wired by hand', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kamerlens-uow-hand-'));
  const file = join(dir, 'kamerlens.db');
  const db = openDatabase(file);
  const store = new SqliteStore(db);
  const index = new SqliteSearchIndex(db);
  index.migrate();
  const units = sqliteDatabase(db, { store, index });
  // On SQLite a unit's stores are the connection's own: outside a unit they are the process's stores.
  const stores = await units.transaction(async (tx) => tx);
  const other = openServices(file);
  return {
    units,
    stores,
    other: storesOf(other),
    close: async () => {
      await other.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('units of work on PostgreSQL', { skip: pgSkip }, () => {
  runUnitOfWorkConformance('postgres', async () => {
    const url = await freshPgSchemaUrl();
    // Two nodes on one database: the second one is the reader on another connection.
    const own = await openPgServices(url, null);
    const other = await openPgServices(url, null);
    return {
      units: own.units,
      stores: storesOf(own),
      other: storesOf(other),
      close: async () => {
        await other.close();
        await own.close();
      },
    };
  });
});
