/**
 * What the SQLite WatchStore's parts share: the connection, prepared statements, and the
 * writer that serialises their writes with the document store's.
 */
import type { Statement } from 'better-sqlite3';
import type { SqliteDb } from './connection.js';

/** Something that serialises write transactions (the document store, when on one connection). */
export interface Writer {
  transaction<T>(fn: () => Promise<T>): Promise<T>;
}

/** Base of the accounts, monitors and deliveries parts. */
export class SqliteWatchPart {
  private readonly statements = new Map<string, Statement>();

  /**
   * @param writer the document store, so that watch writes never interleave with (or end up
   *   inside) an import's open transaction on the shared connection.
   */
  constructor(
    readonly db: SqliteDb,
    private readonly writer: Writer,
  ) {}

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
    return this.writer.transaction(fn);
  }

  /** A single-statement write, serialised with other writers. */
  protected write<T>(fn: () => T): Promise<T> {
    return this.transaction(async () => fn());
  }
}
