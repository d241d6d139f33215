// The full-text index on SQLite: the search engine (segment-index.ts) on the SQLite segment storage.

import type Database from 'better-sqlite3';
import { SegmentIndex, type SegmentIndexOptions } from './segment-index.js';
import { SqliteSegmentStorage, type SqliteWriterPort } from './sqlite-segment-storage.js';

/** Options of the SQLite index: the engine's (segment-index.ts), and the connection's writer. */
export interface SqliteSearchIndexOptions extends SegmentIndexOptions {
  /**
   * The connection's writer (store/sqlite/unit-of-work.ts): writes run inside the caller's
   * unit of work, or queue for one of their own. Without it a write is a transaction of its
   * own, or a savepoint in whatever transaction the connection has open.
   */
  writer?: SqliteWriterPort;
}

/**
 * The SQLite implementation of SearchIndex: its tables on the caller's connection, writes
 * inside the caller's unit of work or a transaction of their own.
 */
export class SqliteSearchIndex extends SegmentIndex {
  private readonly sqlite: SqliteSegmentStorage;

  constructor(db: Database.Database, options: SqliteSearchIndexOptions = {}) {
    const storage = new SqliteSegmentStorage(db, options.documentTexts !== undefined, options.writer ?? null);
    super(storage, options);
    this.sqlite = storage;
  }

  /** Creates the index's tables (idempotent) and brings an older stored format up to date. */
  migrate(): void {
    this.sqlite.migrate();
  }
}
