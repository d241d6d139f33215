/**
 * The whole PostgreSQL schema: every store's migrations in the order they depend on each
 * other, applied once by `kamerlens migrate`; and the check that serve and worker make
 * before they start, so a node of a newer version never runs on an older schema.
 */
import { KamerlensError } from '../../domain/index.js';
import type { PgDb, PgMigration } from './connection.js';
import { PG_BLOB_MIGRATIONS } from './pg-blob-store.js';
import { PG_CHANGE_MIGRATIONS } from './change-migrations.js';
import { PG_MISSING_MIGRATIONS } from './missing-migrations.js';
import { PG_PROMISE_MIGRATIONS } from './promise-migrations.js';
import { PG_STATUS_MIGRATIONS } from './status-migrations.js';
import { PG_FILE_MIGRATIONS, PG_STORE_MIGRATIONS } from './store-migrations.js';
import { PG_STRUCTURE_MIGRATIONS } from './structure-migrations.js';
import { PG_TK_MIGRATIONS } from './tk-migrations.js';
import { PG_VLOS_MIGRATIONS } from './vlos-migrations.js';
import { PG_WATCH_MIGRATIONS } from './watch-migrations.js';

/**
 * Namespaces in the order they are applied: documents first (the watch log copies their
 * versions, the structure's promise triggers need the structure tables). The search index's
 * namespaces are added by the composition root (search/ is not a store).
 */
export const PG_SCHEMA: readonly (readonly [string, readonly PgMigration[]])[] = [
  ['store', PG_STORE_MIGRATIONS],
  ['files', PG_FILE_MIGRATIONS],
  // Files every node reads (originals, the Kamer's files); its second migration moves `originals` here.
  ['blobs', PG_BLOB_MIGRATIONS],
  ['structure', PG_STRUCTURE_MIGRATIONS],
  ['promises', PG_PROMISE_MIGRATIONS],
  ['tk', PG_TK_MIGRATIONS],
  ['vlos', PG_VLOS_MIGRATIONS],
  ['status', PG_STATUS_MIGRATIONS],
  ['missing', PG_MISSING_MIGRATIONS],
  ['version_changes', PG_CHANGE_MIGRATIONS],
  ['watch', PG_WATCH_MIGRATIONS],
];

/** Applies every namespace's pending migrations (each once, whoever runs it at the same time). */
export async function migrateSchema(db: PgDb, schema: readonly (readonly [string, readonly PgMigration[]])[]): Promise<{ applied: number }> {
  const before = await schemaVersions(db);
  for (const [namespace, migrations] of schema) await db.migrate(namespace, migrations);
  const after = await schemaVersions(db);
  return { applied: schema.reduce((n, [ns]) => n + (after.get(ns) ?? 0) - (before.get(ns) ?? 0), 0) };
}

/** Throws DATABASE_NOT_MIGRATED, naming the namespaces behind, unless every one is current. */
export async function assertSchemaCurrent(db: PgDb, schema: readonly (readonly [string, readonly PgMigration[]])[]): Promise<void> {
  const have = await schemaVersions(db);
  const behind = schema.filter(([ns, m]) => (have.get(ns) ?? 0) < m.length).map(([ns]) => ns);
  if (behind.length > 0) {
    throw new KamerlensError('DATABASE_NOT_MIGRATED', `de database heeft nog niet het schema van deze versie (${behind.join(', ')}): voer eerst \`kamerlens migrate\` uit`);
  }
}

async function schemaVersions(db: PgDb): Promise<Map<string, number>> {
  const exists = await db.one<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
  if (!exists?.t) return new Map();
  return new Map((await db.rows<{ namespace: string; version: number }>('SELECT namespace, version FROM schema_migrations')).map((r) => [r.namespace, r.version]));
}
