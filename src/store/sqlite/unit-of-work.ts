/**
 * The unit of work on SQLite: one writing connection per process, so one writer. A unit is
 * BEGIN IMMEDIATE … COMMIT on that connection, units queue behind each other, and every
 * store's own writes outside a unit queue too (each as a small unit of its own): a write can
 * then never land inside another caller's open transaction and be rolled back with it.
 *
 * Which reads see a unit's writes: the unit's own (its `fn` and everything it awaits, and the
 * stores it hands out, wherever they are called from: they enter the unit on every call while
 * it is open). Every other read of the process goes to the read connection and sees the last
 * commit (read-connection.ts), as another process does.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, TxStores } from '../unit-of-work.js';
import { afterCommit } from './checkpointer.js';
import type { SqliteDb } from './connection.js';

/** Connections whose open transaction had a write fail inside it (see `atomic`): it must not commit. */
const failedWrites = new WeakSet<SqliteDb>();
const UNIT_FAILED = 'a write inside this unit of work failed and was caught: the unit is rolled back, nothing of it stored';

/**
 * A store's write that is all or nothing: a transaction of its own, or, inside a transaction
 * already open on the connection (a unit of work, or the writer's own), part of it without a
 * SAVEPOINT. If it throws there, the transaction is marked, and the unit rolls back whole
 * even when its code caught the error (SqliteWriter.run): nothing of a failed write is ever
 * committed, as a savepoint's rollback would ensure, and nothing else of that unit either.
 *
 * Why not a savepoint: under one, each statement that fires a trigger opens a statement
 * journal, and releasing it walks SQLite's in-memory sub-journal from its start, which holds
 * every page changed since the savepoint began. In a bulk import (500 records a batch) one
 * `INSERT INTO versions` took 124 µs under the batch's savepoint against 28 µs without, one
 * `INSERT INTO structure_docs` 77 against 14, and storing a record 674 against 474 µs.
 */
export function atomic<A extends unknown[], R>(db: SqliteDb, fn: (...args: A) => R): (...args: A) => R {
  const own = db.transaction(fn);
  return (...args: A): R => {
    if (!db.inTransaction) return own(...args);
    try {
      return fn(...args);
    } catch (e) {
      failedWrites.add(db);
      throw e;
    }
  };
}

/** One unit of work while it runs: `open` until it commits or rolls back. */
interface Unit {
  open: boolean;
}

/** The writer queue of one connection (see above). */
export class SqliteWriter {
  private readonly inUnit = new AsyncLocalStorage<Unit>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: SqliteDb) {}

  /**
   * Runs `fn` inside the connection's write transaction: the caller's, when it runs inside a
   * unit already (a nested unit joins instead of waiting for itself, which would deadlock),
   * else a new one once the units before it are done. `fn` gets the unit (see `enter`).
   */
  run<T>(fn: (unit: Unit) => Promise<T>): Promise<T> {
    const current = this.inUnit.getStore();
    if (current?.open) return fn(current);
    const run = () => {
      const unit: Unit = { open: true };
      return this.inUnit.run(unit, async () => {
        this.db.exec('BEGIN IMMEDIATE');
        failedWrites.delete(this.db);
        try {
          const result = await fn(unit);
          if (failedWrites.has(this.db)) {
            throw new Error(UNIT_FAILED);
          }
          this.db.exec('COMMIT');
          afterCommit(this.db);
          return result;
        } catch (e) {
          if (this.db.inTransaction) this.db.exec('ROLLBACK');
          throw e;
        } finally {
          failedWrites.delete(this.db);
          unit.open = false;
        }
      });
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** `fn` as a write of this connection that is all or nothing (see `atomic`). */
  atomic<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    return atomic(this.db, fn);
  }

  /** Runs `fn` inside `unit` while it is open (its reads see its writes, its writes join it); as it is otherwise. */
  enter<T>(unit: Unit, fn: () => T): T {
    return unit.open && this.inUnit.getStore() !== unit ? this.inUnit.run(unit, fn) : fn();
  }

  /** Resolves when the units queued so far are done (before the connection closes). */
  async idle(): Promise<void> {
    await this.queue;
  }

  /** Whether the caller runs inside an open unit of this connection. */
  get active(): boolean {
    return this.inUnit.getStore()?.open === true;
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
    return this.writer.run((unit) => fn(bound(this.stores, (call) => this.writer.enter(unit, call))));
  }
}

/**
 * `stores` bound to a unit: every method call (of a store, or of an object a store holds)
 * runs through `enter`. Not new stores on a connection of their own: the process's stores
 * and their caches, entered into the unit while it is open.
 */
function bound<T extends object>(stores: T, enter: <R>(call: () => R) => R): T {
  const wrapped = new WeakMap<object, object>();
  const wrap = <O extends object>(target: O): O => {
    let w = wrapped.get(target) as O | undefined;
    if (w === undefined) {
      w = new Proxy(target, {
        get(t, prop) {
          const v: unknown = Reflect.get(t, prop, t);
          if (typeof v === 'function') return (...args: unknown[]) => enter(() => (v as (...a: unknown[]) => unknown).apply(t, args));
          // A store's parts (the watch store's accounts, monitors, deliveries) are bound too.
          if (v !== null && typeof v === 'object' && !(v instanceof Promise) && Object.getPrototypeOf(v) !== Object.prototype) return wrap(v);
          return v;
        },
      });
      wrapped.set(target, w);
    }
    return w;
  };
  const out = {} as Record<string, unknown>;
  for (const [k, v] of Object.entries(stores)) out[k] = v !== null && typeof v === 'object' ? wrap(v as object) : v;
  return out as T;
}
