/**
 * Reads outside a unit of work go to a second, read-only connection to the same file.
 *
 * Why: every store of a process shares one connection (one writer, see unit-of-work.ts), and
 * a unit of work is async: while one request's unit is open (an upload being imported, a
 * watch run), another request's reads on that connection would see its uncommitted rows, and
 * would have shown rows that a rollback then took back. SQLite in WAL mode gives every other
 * connection the last committed state, so reads that are not part of the unit go there:
 *  - a statement that writes runs on the writer, always (it is the writer's statement itself);
 *  - a read-only statement runs on the writer inside a unit of work of this connection
 *    (SqliteWriter.active: a unit reads its own writes) and inside a synchronous
 *    `db.transaction(…)` on the stack; anywhere else on the read connection.
 * A `:memory:` database has no second connection (another would be another database): it is
 * not routed, and keeps the limitation.
 */
import Database from 'better-sqlite3';
import { stopCheckpointer } from './checkpointer.js';
import { writerOf } from './unit-of-work.js';

type Statement = Database.Statement<unknown[], unknown>;

/** Modifiers a statement keeps (they return the statement); replayed on its twin on the read connection. */
const MODIFIERS = new Set(['pluck', 'raw', 'expand', 'safeIntegers', 'bind']);
/** What runs a statement and returns rows: sent to the connection the caller should read from. */
const READS = new Set(['get', 'all', 'iterate']);

/**
 * A routed connection answers this property with a function saying whether its reads are
 * served by the writer at that point (inside a unit of work or a transaction); a plain one has
 * none (always the writer). Two connections count `PRAGMA data_version` apart: a cache keyed by
 * it must know which (search/sqlite-segment-storage.ts, which may not import the store: hence
 * a registered symbol, not an import).
 */
export const READS_ON_WRITER = Symbol.for('kamerlens.sqlite.readsOnWriter');

/**
 * `writer` (opened and migrated on `file`) as one connection to its callers, whose reads
 * outside a unit of work go to a read-only connection opened on first use (see above).
 */
export function withReadConnection(writer: Database.Database, file: string): Database.Database {
  let reader: Database.Database | null = null;
  const readConnection = (): Database.Database => {
    if (reader === null) {
      reader = new Database(file, { readonly: true, fileMustExist: true });
      reader.pragma('busy_timeout = 5000');
      reader.pragma('cache_size = -65536');
      reader.pragma('temp_store = MEMORY');
    }
    return reader;
  };
  let syncDepth = 0;
  const onWriter = () => syncDepth > 0 || writerOf(db).active;

  const statement = (w: Statement, sql: string): Statement => {
    // Writes need no routing, and pay nothing for it.
    if (!w.readonly) return w;
    let r: Statement | null = null;
    const applied: [string, unknown[]][] = [];
    const twin = (): Statement => {
      if (r === null) {
        const s = readConnection().prepare(sql);
        for (const [m, args] of applied) (s as unknown as Record<string, (...a: unknown[]) => unknown>)[m]!(...args);
        r = s;
      }
      return r;
    };
    const proxy: Statement = new Proxy(w, {
      get(target, prop) {
        if (typeof prop === 'string' && READS.has(prop)) {
          return (...args: unknown[]) => {
            const s = onWriter() ? target : twin();
            return (s as unknown as Record<string, (...a: unknown[]) => unknown>)[prop]!(...args);
          };
        }
        if (typeof prop === 'string' && MODIFIERS.has(prop)) {
          return (...args: unknown[]) => {
            (target as unknown as Record<string, (...a: unknown[]) => unknown>)[prop]!(...args);
            applied.push([prop, args]);
            if (r !== null) (r as unknown as Record<string, (...a: unknown[]) => unknown>)[prop]!(...args);
            return proxy;
          };
        }
        const v: unknown = Reflect.get(target, prop, target);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    return proxy;
  };

  const db: Database.Database = new Proxy(writer, {
    get(target, prop) {
      if (prop === 'prepare') return (sql: string) => statement(target.prepare(sql) as Statement, sql);
      if (prop === 'transaction') {
        return (fn: (...a: unknown[]) => unknown) =>
          target.transaction(function (this: unknown, ...args: unknown[]) {
            syncDepth++;
            try {
              return fn.apply(this, args);
            } finally {
              syncDepth--;
            }
          });
      }
      if (prop === READS_ON_WRITER) return onWriter;
      if (prop === 'close') {
        return () => {
          reader?.close();
          reader = null;
          stopCheckpointer(db);
          return target.close();
        };
      }
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return db;
}
