/**
 * The unit of work on SQLite: one connection per process, so one writer. A unit is
 * BEGIN IMMEDIATE … COMMIT on that connection, units queue behind each other, and every
 * store's own writes outside a unit queue too (each as a small unit of its own): a write can
 * then never land inside another caller's open transaction and be rolled back with it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, TxStores } from '../unit-of-work.js';
import type { SqliteDb } from './connection.js';

/** The writer queue of one connection (see above). */
export class SqliteWriter {
  private readonly inUnit = new AsyncLocalStorage<true>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: SqliteDb) {}

  /**
   * Runs `fn` inside the connection's write transaction: the caller's, when it runs inside a
   * unit already (a nested unit joins instead of waiting for itself, which would deadlock),
   * else a new one once the units before it are done.
   */
  run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inUnit.getStore()) return fn();
    const run = () =>
      this.inUnit.run(true, async () => {
        this.db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn();
          this.db.exec('COMMIT');
          return result;
        } catch (e) {
          if (this.db.inTransaction) this.db.exec('ROLLBACK');
          throw e;
        }
      });
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** Resolves when the units queued so far are done (before the connection closes). */
  async idle(): Promise<void> {
    await this.queue;
  }

  /** Whether the caller runs inside a unit of this connection. */
  get active(): boolean {
    return this.inUnit.getStore() === true;
  }
}

const writers = new WeakMap<SqliteDb, SqliteWriter>();

/** The one writer of a connection, whichever store asks: stores on one connection share it without wiring. */
export function writerOf(db: SqliteDb): SqliteWriter {
  let w = writers.get(db);
  if (!w) writers.set(db, (w = new SqliteWriter(db)));
  return w;
}

/** Units of work on one SQLite connection: `tx` is the connection's stores, written inside its writer's transaction. */
export class SqliteDatabase implements Database {
  private readonly writer: SqliteWriter;

  constructor(
    db: SqliteDb,
    private readonly stores: TxStores,
  ) {
    this.writer = writerOf(db);
  }

  transaction<T>(fn: (tx: TxStores) => Promise<T>): Promise<T> {
    return this.writer.run(() => fn(this.stores));
  }
}
