/**
 * What the SQLite WatchStore's parts share: the connection, prepared statements, and the
 * connection's writer (unit-of-work.ts), which serialises their writes with every other store's.
 */
import type { Statement } from 'better-sqlite3';
import type { SqliteDb } from './connection.js';
import { writerOf } from './unit-of-work.js';

/** Base of the accounts, monitors and deliveries parts. */
export class SqliteWatchPart {
  private readonly statements = new Map<string, Statement>();

  constructor(readonly db: SqliteDb) {}

  /** Prepared once per SQL text: a run over 10,000 monitors must not recompile statements. */
  protected st<P extends unknown[] = unknown[], R = unknown>(sql: string): Statement<P, R> {
    let s = this.statements.get(sql);
    if (s === undefined) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s as unknown as Statement<P, R>;
  }

  protected transaction<T>(fn: () => Promise<T>): Promise<T> {
    // Its own unit of work, or the caller's: never inside an import's open transaction by accident.
    return writerOf(this.db).run(fn);
  }

  /** A single-statement write, serialised with other writers. */
  protected write<T>(fn: () => T): Promise<T> {
    return this.transaction(async () => fn());
  }
}
