/** Opens the stores a sync needs on one SQLite file, wired as the composition root would. */
import { SqliteSearchIndex } from '../../src/search/sqlite-index.js';
import { SqliteStore, openDatabase, type SqliteDb } from '../../src/store/index.js';
import { SqliteTkStore } from '../../src/store/sqlite/tk-store.js';

export interface OpenedTk {
  db: SqliteDb;
  store: SqliteStore;
  index: SqliteSearchIndex;
  tkStore: SqliteTkStore;
  close(): Promise<void>;
}

export function openTk(dbFile: string): OpenedTk {
  const db = openDatabase(dbFile);
  const store = new SqliteStore(db);
  const index = new SqliteSearchIndex(db);
  index.migrate();
  const tkStore = new SqliteTkStore(db);
  return { db, store, index, tkStore, close: () => store.close() };
}
