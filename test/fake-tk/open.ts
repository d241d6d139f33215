/** Opens the stores a sync needs on one SQLite file, wired as the composition root would. */
import { SqliteSearchIndex } from '../../src/search/sqlite-index.js';
import { SqliteStore, openDatabase, type SqliteDb } from '../../src/store/index.js';
import { sqliteDatabase } from '../../src/store/sqlite/database.js';
import { SqliteTkStore } from '../../src/store/sqlite/tk-store.js';
import type { Database } from '../../src/store/unit-of-work.js';

export interface OpenedTk {
  db: SqliteDb;
  store: SqliteStore;
  index: SqliteSearchIndex;
  tkStore: SqliteTkStore;
  /** Units of work on `db`, handing out the stores above. */
  units: Database;
  close(): Promise<void>;
}

export function openTk(dbFile: string): OpenedTk {
  const db = openDatabase(dbFile);
  const store = new SqliteStore(db);
  const index = new SqliteSearchIndex(db);
  index.migrate();
  const tkStore = new SqliteTkStore(db);
  return { db, store, index, tkStore, units: sqliteDatabase(db, { store, index, tk: tkStore }), close: () => store.close() };
}
