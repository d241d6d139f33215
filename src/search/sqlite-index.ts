// The full-text index on SQLite: the search engine (segment-index.ts) on the SQLite segment storage.

import type Database from 'better-sqlite3';
import { SegmentIndex, type SegmentIndexOptions } from './segment-index.js';
import { SqliteSegmentStorage } from './sqlite-segment-storage.js';

/** Options of the SQLite index: the engine's (segment-index.ts). */
export type SqliteSearchIndexOptions = SegmentIndexOptions;

/**
 * The SQLite implementation of SearchIndex: its tables on the caller's connection, writes
 * inside the caller's open transaction (a SAVEPOINT) or a transaction of their own.
 */
export class SqliteSearchIndex extends SegmentIndex {
  private readonly sqlite: SqliteSegmentStorage;

  constructor(db: Database.Database, options: SqliteSearchIndexOptions = {}) {
    const storage = new SqliteSegmentStorage(db, options.documentText !== undefined);
    super(storage, options);
    this.sqlite = storage;
  }

  /** Creates the index's tables (idempotent) and brings an older stored format up to date. */
  migrate(): void {
    this.sqlite.migrate();
  }
}
