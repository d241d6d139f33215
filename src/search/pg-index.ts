// The full-text index on PostgreSQL: the search engine (segment-index.ts) on the PostgreSQL segment storage.

import { PgSegmentStorage, type PgSearchDb, type StoreTextJoin } from './pg-segment-storage.js';
import { SegmentIndex, type SegmentIndexOptions } from './segment-index.js';

export interface PgSearchIndexOptions extends SegmentIndexOptions {
  /** Where the document store is in the same database: its texts read with the hits (PgSegmentStorage). */
  storeText?: StoreTextJoin;
}

/**
 * The PostgreSQL implementation of SearchIndex: the same engine, answers and caches as the
 * SQLite one; its writes are transactions of their own, or, bound to a unit (`bound`), the unit's. Each instance
 * (a web node, a worker) keeps its own caches and drops them when the stored generation moves.
 */
export class PgSearchIndex extends SegmentIndex {
  private readonly pg: PgSegmentStorage;

  constructor(
    db: PgSearchDb,
    private readonly options: PgSearchIndexOptions = {},
    sharing?: PgSearchIndex,
  ) {
    const storage = new PgSegmentStorage(db, options.storeText ?? null);
    super(storage, options, sharing);
    this.pg = storage;
  }

  /**
   * The same index on `db` (a database bound to a unit of work, PgDb.bound): its writes go
   * to that unit; it takes turns with this one's builder rather than warm up one of its own.
   * Its caches start empty: a unit reads little, and this one's are checked against the
   * generation row anyway.
   */
  bound(db: PgSearchDb): PgSearchIndex {
    return new PgSearchIndex(db, this.options, this);
  }

  /** Creates or updates the index's tables (`kamerlens migrate`; not done on open). */
  async migrate(): Promise<void> {
    await this.pg.migrate();
  }
}
