/**
 * The PostgreSQL WatchStore: accounts, monitors and deliveries (one module each) composed into
 * the one object the watch layer uses, in the same database as the document store.
 */
import { ComposedWatchStore } from '../watch-composed.js';
import type { PgDb } from './connection.js';
import { PgWatchAccounts } from './watch-accounts.js';
import { PgWatchDeliveries } from './watch-deliveries.js';
import { PgWatchMonitors } from './watch-monitors.js';
import { PG_WATCH_MIGRATIONS } from './watch-migrations.js';

export class PgWatchStore extends ComposedWatchStore {
  /**
   * Expects a migrated database (`migrate`, or `open`). On a database bound to a unit of work
   * (`PgDb.bound`, what postgres/unit-of-work.ts builds it on) every statement is the unit's.
   */
  constructor(readonly db: PgDb) {
    const monitors = new PgWatchMonitors(db);
    super(new PgWatchAccounts(db), monitors, new PgWatchDeliveries(db, monitors));
  }

  /** Applies the watch migrations (namespace "watch"), once, whoever else is starting. */
  static async migrate(db: PgDb): Promise<void> {
    await db.migrate('watch', PG_WATCH_MIGRATIONS);
  }

  /** Migrates the database and returns the store on it. */
  static async open(db: PgDb): Promise<PgWatchStore> {
    await PgWatchStore.migrate(db);
    return new PgWatchStore(db);
  }
}
