/**
 * Opening the SQLite database: WAL, foreign keys, a busy timeout, migrations.
 * One writing connection per process; the Store serialises writers on it. Reads outside a
 * unit of work go to a second, read-only connection (read-connection.ts), and once a process
 * writes a lot, WAL checkpoints run on a third, on a thread of its own (checkpointer.ts).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { FILE_MIGRATIONS } from './file-migrations.js';
import { CODEC_MIGRATIONS } from './codec.js';
import { MIGRATIONS } from './migrations.js';
import { useCheckpointer } from './checkpointer.js';
import { withReadConnection } from './read-connection.js';

export type SqliteDb = Database.Database;

/** Opens (creating if needed) the database file, or `:memory:`, and migrates it. */
export function openDatabase(file: string): SqliteDb {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose
  // the last commits, and an import can simply be rerun (it is idempotent).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  applyMigrations(db, 'store', MIGRATIONS);
  applyMigrations(db, 'files', FILE_MIGRATIONS);
  applyMigrations(db, 'codec', CODEC_MIGRATIONS);
  if (file === ':memory:') return db;
  const routed = withReadConnection(db, file);
  useCheckpointer(routed, file);
  return routed;
}

/** A schema change in SQL, or a named conversion of stored rows that needs code (compression). */
export type Migration = string | { name: string; run: (db: SqliteDb) => void };

/**
 * Applies a module's migrations in order, each once, tracked per namespace so that
 * several stores (documents, open-data entities, watches) can share one database file.
 */
export function applyMigrations(db: SqliteDb, namespace: string, migrations: readonly Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (namespace TEXT PRIMARY KEY, version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_migrations WHERE namespace = ?').get(namespace) as
    | { version: number }
    | undefined;
  for (let v = row?.version ?? 0; v < migrations.length; v++) {
    db.transaction(() => {
      const m = migrations[v]!;
      if (typeof m === 'string') db.exec(m);
      else m.run(db);
      db.prepare(
        'INSERT INTO schema_migrations (namespace, version) VALUES (?, ?) ON CONFLICT(namespace) DO UPDATE SET version = excluded.version',
      ).run(namespace, v + 1);
    })();
  }
}
