/**
 * The stores of one SQLite connection, made in one place and order: for the composition root
 * (main.ts) and for tests and benchmarks that open a connection and make only the few stores
 * they care about, with a real `Database` (units of work) over them.
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

/** How each store a caller did not give is made on the connection, in this order. */
const MAKE: { [K in Exclude<keyof TxStores, 'store' | 'index'>]: (db: SqliteDb) => TxStores[K] } = {
  structure: (db) => new SqliteStructureIndex(db),
  // After the structure index, as in main.ts: its triggers mark what the promise pass looks at.
  promises: (db) => new SqlitePromiseStore(db),
  tk: (db) => new SqliteTkStore(db),
  vlos: (db) => new SqliteVlosStore(db),
  status: (db) => new SqliteStatusStore(db),
  missing: (db) => new SqliteMissingStore(db),
  changes: (db) => new SqliteChangeStore(db),
  blobs: () => null,
  watchStore: (db) => new SqliteWatchStore(db),
};

/**
 * Every store of a unit on `db`: the ones `given` (the same objects: a test that swaps a
 * method sees the unit call it) and, for the rest, stores made on `db` now. Now, not when a
 * unit first asks: a store's constructor applies its migrations, and inside a unit that
 * rolls back they would be rolled back with it, under a store that thinks them applied. The
 * document store and the index are the caller's, made with the options it chose.
 */
export function sqliteStores(db: SqliteDb, given: Pick<TxStores, 'store' | 'index'> & Partial<TxStores>): TxStores {
  const stores: Partial<TxStores> = { ...given };
  for (const key of Object.keys(MAKE) as (keyof typeof MAKE)[]) {
    if (!(key in given)) (stores as Record<string, unknown>)[key] = MAKE[key](db);
  }
  return stores as TxStores;
}

/** Units of work on `db` for stores wired by hand (see sqliteStores). */
export function sqliteDatabase(db: SqliteDb, given: Pick<TxStores, 'store' | 'index'> & Partial<TxStores>): Database {
  return new SqliteDatabase(db, sqliteStores(db, given));
}
