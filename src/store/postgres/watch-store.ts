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
  /** Expects a migrated database (`migrate`, or `open`). */
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

  /** One unit of work on the database, joined by every store's writes made while it runs. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.db.transaction(() => fn());
  }
}
