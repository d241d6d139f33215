/**
 * SQLite implementation of WatchStore (namespace "watch" in schema_migrations), on the same
 * connection as the document store: accounts, monitors and deliveries (one module each)
 * composed into the one object the watch layer uses.
 */
import { ComposedWatchStore } from '../watch-composed.js';
import { applyMigrations, type SqliteDb } from './connection.js';
import { SqliteWatchAccounts } from './watch-accounts.js';
import { SqliteWatchDeliveries } from './watch-deliveries.js';
import { WATCH_MIGRATIONS } from './watch-migrations.js';
import { SqliteWatchMonitors } from './watch-monitors.js';

export { WATCH_MIGRATIONS } from './watch-migrations.js';

export class SqliteWatchStore extends ComposedWatchStore {
  /** Its writes go through the connection's writer (unit-of-work.ts), with every other store's. */
  constructor(readonly db: SqliteDb) {
    applyMigrations(db, 'watch', WATCH_MIGRATIONS);
    const monitors = new SqliteWatchMonitors(db);
    super(new SqliteWatchAccounts(db), monitors, new SqliteWatchDeliveries(db, monitors));
  }
}
