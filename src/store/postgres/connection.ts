/**
 * PostgreSQL: one pool per process, units of work, and namespaced migrations.
 *
 * A unit of work is a pooled client inside BEGIN … COMMIT. `transaction(fn)` hands it to `fn`
 * as a `PgTx`; every PostgreSQL store method takes its queries through `db.q`. Stores built on
 * `db.bound(tx)` (what `Database.transaction` hands out, unit-of-work.ts) send them to that
 * client explicitly. A store's own multi-statement write (`db.atomic`) is the same: it runs on
 * the store rebuilt on a database bound to its transaction, or on the unit its store is bound
 * to. No statement finds its transaction by where the caller runs.
 *
 * AsyncLocalStorage only guards that: a store on the pool that is called inside a transaction
 * (a path that forgot to take its stores from the unit) would run outside it, or wait on the
 * unit's own locks from a second connection. It joins the transaction instead; with
 * `strictUnits` (the tests) it is an error naming the statement, so the tests find such a path.
 * Two concurrent requests never share a client either way.
 *
 * A streaming replica (KAMERLENS_DATABASE_READ_URL) is a second pool. Its seam is here, not a
 * second set of stores: every store already sends its statements through `q`, so
 * `onReplica(fn)` only marks a scope (AsyncLocalStorage, like a transaction) in which plain
 * statements go to the replica. Everything else stays on the primary: transactions (and every
 * statement inside one), leases, migrations, and any code that never asked for the replica
 * (the CLI, the worker, requests of signed-in users). A scope is on one server from start to
 * end: the search index reads its generation row and then its blocks, and a query that read
 * the replica's generation must never read the primary's blocks. So a replica statement that
 * fails does not fall back by itself: the scope is marked failed, its later statements fail
 * at once, and the caller runs the whole scope again on the primary (the server re-runs the
 * GET request).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { ReplicaLag } from './replica-lag.js';

/** What a store needs to run SQL: the pool, or a transaction's client. */
export interface PgQueryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: readonly unknown[]): Promise<pg.QueryResult<R>>;
}

/** A unit of work in progress: its client (queries on it see its own writes). */
export interface PgTx extends PgQueryable {
  readonly client: pg.PoolClient;
}

/**
 * A statement each connection prepares once, under its name (node-postgres): PostgreSQL then
 * parses and plans it once per connection, where an unnamed statement is planned on every run.
 * For the fixed texts of the reads a search makes each time (the search index's hit rows: 1.03
 * against 1.36 ms at 100,000 documents, p50 of 500 alternating runs). A name stands for one
 * text everywhere, and every connection keeps each prepared statement for its life.
 */
export interface Prepared {
  readonly name: string;
  readonly text: string;
}

/** A statement sent on a pool or a client, prepared or not. */
function send<R extends pg.QueryResultRow>(on: pg.Pool | pg.PoolClient, sql: string | Prepared, params?: readonly unknown[]): Promise<pg.QueryResult<R>> {
  return typeof sql === 'string' ? on.query<R>(sql, params as unknown[]) : on.query<R>({ name: sql.name, text: sql.text, values: params as unknown[] });
}

/** A statement in a unit of work: through the unit's own `query`, or prepared on its client. */
function inUnit<R extends pg.QueryResultRow>(tx: PgTx, sql: string | Prepared, params?: readonly unknown[]): Promise<pg.QueryResult<R>> {
  return typeof sql === 'string' ? tx.query<R>(sql, params) : send<R>(tx.client, sql, params);
}

/** How a transaction runs: its isolation level, and whether a serialization failure or deadlock runs it again. */
export interface TxOptions {
  isolation?: 'read committed' | 'repeatable read' | 'serializable';
  retry?: boolean;
  /** A unit of work (Database.transaction): one begun inside another unit joins it. */
  unit?: boolean;
}

/** A store on the pool used inside a transaction (see the note above): an error under `strictUnits`. */
function strayStatement(sql: string): Error {
  const text = sql.replace(/\s+/g, ' ').slice(0, 120);
  return new Error(`a store on the pool ran a statement inside a transaction; take the store from the unit (tx), or the database atomic() hands out: ${text}`);
}

/** One migration: SQL run in the migration's transaction, or code given the transaction. */
export type PgMigration = string | { name: string; run: (tx: PgQueryable) => Promise<void> };

// BIGINT (int8) as a JS number: counts, sequences and ids here stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

/** A scope whose plain reads go to the replica (see the note above). */
interface ReplicaScope {
  /** The first replica statement that failed: the scope's result is not to be used. */
  failure: unknown;
}

/** What a scope run by `onReplica` did: its result, and whether the replica failed it (run it again on the primary). */
export interface ReplicaRun<T> {
  value: T | undefined;
  replicaFailed: boolean;
}

/** After a replica connection fails, requests read the primary for this long before trying it again. */
const REPLICA_PAUSE_MS = 5000;

/** Errors of reaching a server rather than of a statement: class 08, admin shutdown, starting up (57P0x), no socket. */
function isConnectionError(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  return code.startsWith('08') || code.startsWith('57P') || /^E[A-Z]+$/.test(code) || /timeout|terminated|Connection/i.test(String((e as Error)?.message));
}

/** Units whose code caught a failed write inside them: they roll back instead of committing. */
const failedUnits = new WeakSet<PgTx>();
const UNIT_FAILED = 'a write inside this unit of work failed and was caught: the unit is rolled back, nothing of it stored';

/** `write`, a store's write inside unit `tx`: when it fails, `tx` is marked not to commit. */
function failsUnit<T>(tx: PgTx, write: Promise<T>): Promise<T> {
  return write.catch((e: unknown) => {
    failedUnits.add(tx);
    throw e;
  });
}

export class PgDb {
  readonly pool: pg.Pool;
  /** The streaming replica's pool (KAMERLENS_DATABASE_READ_URL), if any. */
  readonly replica: pg.Pool | null;
  private readonly als = new AsyncLocalStorage<PgTx>();
  private readonly replicaScope = new AsyncLocalStorage<ReplicaScope>();
  private replicaPausedUntil = 0;
  private readonly lag: ReplicaLag | null;
  /** Plain statements (outside transactions) sent to each server since the pools opened: what tests check. */
  readonly counts = { primary: 0, replica: 0, replicaFailures: 0 };
  /** The transactions that are units of work (`transaction(fn, { unit: true })`, what Database.transaction runs). */
  private readonly units = new WeakSet<PgTx>();
  /** Whether a statement of this pool's stores inside a transaction is an error rather than joining it (see q). */
  private readonly strictUnits: boolean;

  /**
   * `readUrl`: a streaming replica; `maxLagMs` (default 10 s): further behind than that, it is
   * not read; `strictUnits` (default: KAMERLENS_STRICT_UNITS=1, which the tests set): see q.
   */
  constructor(readonly url: string, options: { max?: number; applicationName?: string; readUrl?: string | null; maxLagMs?: number; strictUnits?: boolean } = {}) {
    this.strictUnits = options.strictUnits ?? process.env['KAMERLENS_STRICT_UNITS'] === '1';
    const name = options.applicationName ?? 'kamerlens';
    this.pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, application_name: name });
    // An idle client that loses its server (restart, failover) must not crash the process.
    this.pool.on('error', () => {});
    // A replica that does not answer must not hold a page up for long: it is tried again later.
    this.replica = options.readUrl
      ? new pg.Pool({ connectionString: options.readUrl, max: options.max ?? 10, application_name: `${name}-replica`, connectionTimeoutMillis: 2000 })
      : null;
    this.replica?.on('error', () => {});
    this.lag = this.replica ? new ReplicaLag(this.pool, this.replica, options.maxLagMs ?? 10_000) : null;
  }

  /**
   * Runs `fn` with its plain statements (outside transactions) sent to the replica, when
   * there is one, it is within its lag and not paused after a failure; on the primary otherwise. When a
   * replica statement failed, `replicaFailed` is true and `value` must be thrown away: run
   * `fn` again outside this call (the primary), never continue with its half-read results.
   */
  async onReplica<T>(fn: () => Promise<T>): Promise<ReplicaRun<T>> {
    if (!this.replica || this.als.getStore() || !(await this.replicaUsable())) return { value: await fn(), replicaFailed: false };
    const scope: ReplicaScope = { failure: undefined };
    try {
      const value = await this.replicaScope.run(scope, fn);
      return scope.failure === undefined ? { value, replicaFailed: false } : { value: undefined, replicaFailed: true };
    } catch (e) {
      if (scope.failure === undefined) throw e;
      return { value: undefined, replicaFailed: true };
    }
  }

  /** Not paused after a failure, and not further behind than allowed (a failed check pauses it too). */
  private async replicaUsable(): Promise<boolean> {
    if (Date.now() < this.replicaPausedUntil) return false;
    try {
      return await this.lag!.fresh();
    } catch (e) {
      this.counts.replicaFailures++;
      if (isConnectionError(e)) this.replicaPausedUntil = Date.now() + REPLICA_PAUSE_MS;
      return false;
    }
  }

  /** A small read on the replica itself (no fallback): for readiness. Null without a replica. */
  async replicaLag(): Promise<{ inRecovery: boolean; replayedAt: string | null; withinLag: boolean } | null> {
    if (!this.replica) return null;
    const r = await this.replica.query<{ r: boolean; at: Date | null }>('SELECT pg_is_in_recovery() AS r, pg_last_xact_replay_timestamp() AS at');
    const row = r.rows[0]!;
    return { inRecovery: row.r, replayedAt: row.at ? row.at.toISOString() : null, withinLag: await this.lag!.fresh() };
  }

  /** The transaction this database is bound to (`bound`); on the pool, the one the caller strayed into (see q). */
  get current(): PgTx | undefined {
    const tx = this.als.getStore();
    if (tx && this.strictUnits) throw strayStatement('(a client of the transaction)');
    return tx;
  }

  /** Whether a statement sent now runs inside a transaction (this database bound to one, or the caller inside one). */
  inTransaction(): boolean {
    return this.als.getStore() !== undefined;
  }

  /**
   * Runs a statement on the pool (or the replica, see onReplica). Found running inside a
   * transaction, it joins it (see the note above), or with `strictUnits` is an error naming it.
   */
  q<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string | Prepared, params?: readonly unknown[]): Promise<pg.QueryResult<R>> {
    const tx = this.als.getStore();
    if (tx) {
      if (this.strictUnits) return Promise.reject(strayStatement(typeof sql === 'string' ? sql : sql.text));
      return inUnit<R>(tx, sql, params);
    }
    const scope = this.replica ? this.replicaScope.getStore() : undefined;
    if (scope) return this.replicaQuery<R>(scope, sql, params);
    this.counts.primary++;
    return send<R>(this.pool, sql, params);
  }

  private async replicaQuery<R extends pg.QueryResultRow>(scope: ReplicaScope, sql: string | Prepared, params?: readonly unknown[]): Promise<pg.QueryResult<R>> {
    // After a failure, nothing more is read in this scope from anywhere (see the note above).
    if (scope.failure !== undefined) throw scope.failure;
    this.counts.replica++;
    try {
      return await send<R>(this.replica!, sql, params);
    } catch (e) {
      // A write sent here by mistake (25006, read-only) or a query cancelled by replay (40001)
      // fails the scope as a lost connection does; only a lost connection pauses the replica.
      scope.failure = e;
      this.counts.replicaFailures++;
      if (isConnectionError(e)) this.replicaPausedUntil = Date.now() + REPLICA_PAUSE_MS;
      throw e;
    }
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
   * Runs `fn` as one transaction on a client of its own, handed to it as `tx`: what `fn`
   * writes through `tx` (or stores bound to it) commits together or not at all.
   * With `retry`, a serialization failure or deadlock re-runs `fn` from the start: only for
   * units without effects outside the database (counters, messages sent), which would happen twice.
   */
  async transaction<T>(
    fn: (tx: PgTx) => Promise<T>,
    options: TxOptions = {},
  ): Promise<T> {
    const outer = this.als.getStore();
    if (outer) {
      // A unit inside a unit joins it (Database.transaction's promise, as on SQLite); anything else is a stray.
      if (this.strictUnits && !(options.unit && this.units.has(outer))) throw strayStatement('BEGIN');
      // A nested unit joins, its failure the caller's to handle. A store's write that fails
      // inside it fails the unit, even when the unit's code catches the error: its statements
      // before the failure cannot be undone apart (as on SQLite: unit-of-work.ts, `atomic`).
      return options.unit ? fn(outer) : failsUnit(outer, fn(outer));
    }
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      const tx: PgTx = { client, query: (sql, params) => client.query(sql, params as unknown[]) };
      if (options.unit) this.units.add(tx);
      try {
        await client.query(`BEGIN ISOLATION LEVEL ${(options.isolation ?? 'read committed').toUpperCase()}`);
        const result = await this.als.run(tx, () => fn(tx));
        if (failedUnits.has(tx)) throw new Error(UNIT_FAILED);
        // PostgreSQL answers COMMIT of a transaction a failed statement aborted with ROLLBACK, not an error.
        if ((await client.query('COMMIT')).command === 'ROLLBACK') throw new Error(UNIT_FAILED);
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
   * Runs `fn` on this database bound to one transaction: a transaction of its own, or, on a
   * database bound to a unit (`bound`), that unit. For a store's multi-statement writes: `fn`
   * sends every statement through the database it is handed (or the store rebuilt on it).
   */
  atomic<T>(fn: (db: PgDb) => Promise<T>, options: TxOptions = {}): Promise<T> {
    return this.transaction((tx) => fn(this.bound(tx)), options);
  }

  /**
   * This database bound to one unit of work (what `Database.transaction` hands stores, see
   * unit-of-work.ts): every statement goes to `tx`'s client, `transaction` joins `tx`, and
   * nothing is looked up by where the caller runs. The same pools, migrations and leases.
   */
  bound(tx: PgTx): PgDb {
    const db = Object.create(this) as PgDb;
    // A store's write joined to the unit: if it fails, so does the unit (see `transaction`).
    const join = async <T>(fn: (t: PgTx) => Promise<T>) => failsUnit(tx, fn(tx));
    Object.defineProperties(db, {
      current: { get: () => tx },
      inTransaction: { value: () => true },
      q: { value: (sql: string | Prepared, params?: readonly unknown[]) => inUnit(tx, sql, params) },
      transaction: { value: join },
      atomic: { value: async <T>(fn: (d: PgDb) => Promise<T>) => failsUnit(tx, fn(db)) },
      // Inside a unit every read is the unit's (its own writes, on the primary).
      onReplica: { value: async <T>(fn: () => Promise<T>): Promise<ReplicaRun<T>> => ({ value: await fn(), replicaFailed: false }) },
    });
    return db;
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
    await Promise.all([this.pool.end(), this.replica?.end()]);
  }
}
