/**
 * A real `Database` (units of work) for stores wired by hand on one SQLite connection: tests
 * and benchmarks that open a connection and make the few stores they use. The composition
 * root (main.ts) makes every store itself and wires `SqliteDatabase` directly.
 */
import type { Database, TxStores } from '../unit-of-work.js';
import type { SqliteDb } from './connection.js';
import { SqliteChangeStore } from './sqlite-change-store.js';
import { SqliteMissingStore } from './sqlite-missing-store.js';
import { SqlitePromiseStore } from './sqlite-promise-store.js';
import { SqliteStatusStore } from './sqlite-status-store.js';
import { SqliteStructureIndex } from './sqlite-structure-index.js';
import { SqliteWatchStore } from './sqlite-watch-store.js';
import { SqliteDatabase } from './unit-of-work.js';
import { SqliteTkStore } from './tk-store.js';
import { SqliteVlosStore } from './vlos-store.js';

/** How each store a caller did not give is made on the connection. */
const MAKE: { [K in Exclude<keyof TxStores, 'store' | 'index'>]: (db: SqliteDb, stores: TxStores) => TxStores[K] } = {
  structure: (db) => new SqliteStructureIndex(db),
  // After the structure index, as in main.ts: its triggers mark what the promise pass looks at.
  promises: (db, stores) => (void stores.structure, new SqlitePromiseStore(db)),
  tk: (db) => new SqliteTkStore(db),
  vlos: (db) => new SqliteVlosStore(db),
  status: (db) => new SqliteStatusStore(db),
  missing: (db) => new SqliteMissingStore(db),
  changes: (db) => new SqliteChangeStore(db),
  blobs: () => null,
  watchStore: (db) => new SqliteWatchStore(db),
};

/**
 * Units of work on `db` whose `tx` holds the stores `given` (the same objects: a test that
 * swaps a method sees the unit call it) and, for the rest, stores made on `db` the first time
 * a unit asks for them: a test pays no migration for a store it never touches. The document
 * store and the index are the caller's, made with the options it chose.
 */
export function sqliteDatabase(db: SqliteDb, given: Pick<TxStores, 'store' | 'index'> & Partial<TxStores>): Database {
  const stores = { ...given } as TxStores;
  for (const key of Object.keys(MAKE) as (keyof typeof MAKE)[]) {
    if (key in given) continue;
    let made: { store: unknown } | undefined;
    Object.defineProperty(stores, key, {
      enumerable: true,
      get: () => (made ??= { store: MAKE[key](db, stores) }).store,
    });
  }
  return new SqliteDatabase(db, stores);
}
