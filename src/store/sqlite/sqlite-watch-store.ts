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
import type { Writer } from './watch-part.js';

export type { Writer } from './watch-part.js';
export { WATCH_MIGRATIONS } from './watch-migrations.js';

export class SqliteWatchStore extends ComposedWatchStore {
  /**
   * @param writer the document store, so that watch writes never interleave with (or end up
   *   inside) an import's open transaction on the shared connection.
   */
  constructor(
    readonly db: SqliteDb,
    private readonly writer: Writer,
  ) {
    applyMigrations(db, 'watch', WATCH_MIGRATIONS);
    const monitors = new SqliteWatchMonitors(db, writer);
    super(new SqliteWatchAccounts(db, writer), monitors, new SqliteWatchDeliveries(db, writer, monitors));
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.writer.transaction(fn);
  }
}
