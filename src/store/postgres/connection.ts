/**
 * PostgreSQL: one pool per process, units of work, and namespaced migrations.
 *
 * A unit of work is a pooled client inside BEGIN … COMMIT. `transaction(fn)` hands it to `fn`
 * as a `PgTx`; every PostgreSQL store method takes its queries through `db.q`, which uses the
 * client of the transaction the caller is running in (carried by AsyncLocalStorage through
 * awaits) and the pool otherwise. Stores therefore join their caller's unit of work on a
 * networked database the way they join the shared connection on SQLite, without a second
 * set of method signatures, and two concurrent requests never share a client.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';

/** What a store needs to run SQL: the pool, or a transaction's client. */
export interface PgQueryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: readonly unknown[]): Promise<pg.QueryResult<R>>;
}

/** A unit of work in progress: its client (queries on it see its own writes). */
export interface PgTx extends PgQueryable {
  readonly client: pg.PoolClient;
}

/** One migration: SQL run in the migration's transaction, or code given the transaction. */
export type PgMigration = string | { name: string; run: (tx: PgQueryable) => Promise<void> };

// BIGINT (int8) as a JS number: counts, sequences and ids here stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export class PgDb {
  readonly pool: pg.Pool;
  private readonly als = new AsyncLocalStorage<PgTx>();

  constructor(readonly url: string, options: { max?: number; applicationName?: string } = {}) {
    this.pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, application_name: options.applicationName ?? 'kamerlens' });
    // An idle client that loses its server (restart, failover) must not crash the process.
    this.pool.on('error', () => {});
  }

  /** The transaction the caller runs in, if any. */
  get current(): PgTx | undefined {
    return this.als.getStore();
  }

  /** Runs a statement in the caller's unit of work, or on its own when there is none. */
  q<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: readonly unknown[]): Promise<pg.QueryResult<R>> {
    const tx = this.als.getStore();
    return tx ? tx.query<R>(sql, params as unknown[]) : this.pool.query<R>(sql, params as unknown[]);
  }

  /** Rows of a statement (see `q`). */
  async rows<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    return (await this.q<R>(sql, params)).rows;
  }

  /** The first row of a statement, or undefined. */
  async one<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: readonly unknown[]): Promise<R | undefined> {
    return (await this.q<R>(sql, params)).rows[0];
  }

  /**
   * Runs `fn` as one unit of work: everything written through this database while it runs
   * (by any store) commits together or not at all. A nested call joins the outer unit.
   * With `retry`, a serialization failure or deadlock re-runs `fn` from the start: only for
   * units without effects outside the database (counters, messages sent), which would happen twice.
   */
  async transaction<T>(fn: (tx: PgTx) => Promise<T>, options: { isolation?: 'read committed' | 'repeatable read' | 'serializable'; retry?: boolean } = {}): Promise<T> {
    const outer = this.als.getStore();
    if (outer) return fn(outer);
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      const tx: PgTx = { client, query: (sql, params) => client.query(sql, params as unknown[]) };
      try {
        await client.query(`BEGIN ISOLATION LEVEL ${(options.isolation ?? 'read committed').toUpperCase()}`);
        const result = await this.als.run(tx, () => fn(tx));
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        client.release();
        const code = (e as { code?: string }).code;
        if (options.retry && (code === '40001' || code === '40P01') && attempt < 5) continue;
        throw e;
      }
    }
  }

  /**
   * Applies a namespace's migrations in order, each once, in its own transaction, under an
   * advisory lock: several processes starting at once migrate once (`kamerlens migrate`).
   */
  async migrate(namespace: string, migrations: readonly PgMigration[]): Promise<void> {
    await this.transaction(async (tx) => {
      // One lock for all namespaces: migrations of one namespace may read another's tables.
      await tx.query("SELECT pg_advisory_xact_lock(hashtext('kamerlens:migrations'))");
      await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (namespace TEXT PRIMARY KEY, version INTEGER NOT NULL)');
      const row = (await tx.query<{ version: number }>('SELECT version FROM schema_migrations WHERE namespace = $1', [namespace])).rows[0];
      for (let v = row?.version ?? 0; v < migrations.length; v++) {
        const m = migrations[v]!;
        if (typeof m === 'string') await tx.query(m);
        else await m.run(tx);
        await tx.query(
          'INSERT INTO schema_migrations (namespace, version) VALUES ($1, $2) ON CONFLICT (namespace) DO UPDATE SET version = excluded.version',
          [namespace, v + 1],
        );
      }
    });
  }

  /**
   * Runs `fn` only if no other process holds the lease `name`; null when one does. The lease
   * is a session advisory lock on a connection of its own: a worker killed mid-job drops its
   * connection, and PostgreSQL gives the lease to the next one that asks.
   */
  async withLease<T>(name: string, fn: () => Promise<T>): Promise<T | null> {
    const client = await this.pool.connect();
    // The lease's connection may be cut (a failover, a DBA): the lease is lost, not the process.
    const lost = () => {};
    client.on('error', lost);
    try {
      const got = (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok', [`kamerlens:lease:${name}`])).rows[0]?.ok;
      if (!got) return null;
      try {
        return await fn();
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [`kamerlens:lease:${name}`]).catch(() => {});
      }
    } finally {
      client.off('error', lost);
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
