// A measurement made once on SQLite and once on PostgreSQL (a scratch cluster), each on a fresh, empty database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPgServices, openServices, type Opened } from '../src/main.js';
import { PG_SEARCH_MIGRATIONS } from '../src/search/pg-search-migrations.js';
import { PgDb } from '../src/store/postgres/connection.js';
import { PG_SCHEMA, migrateSchema } from '../src/store/postgres/schema.js';
// @ts-expect-error a JavaScript module without types
import { startScratchCluster } from '../scripts/pg-scratch.mjs';

/** Runs `measure` on a new SQLite data folder, then on a new database `name` of a scratch PostgreSQL cluster. */
export async function onBothBackends(name: string, measure: (backend: 'sqlite' | 'postgres', s: Opened) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `kamerlens-${name}-`));
  try {
    const lite = openServices(join(dir, 'kamerlens.db'));
    await measure('sqlite', lite);
    await lite.close();
    const cluster = (await startScratchCluster({ log: () => {} })) as { url: string; stop(): void };
    try {
      const admin = new pg.Client({ connectionString: cluster.url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = cluster.url.replace(/\/postgres$/, `/${name}`);
      // Migrated once beforehand, as `kamerlens migrate` does: services refuse a database that is behind.
      const db = new PgDb(url, { max: 2 });
      await migrateSchema(db, [...PG_SCHEMA, ['search', PG_SEARCH_MIGRATIONS] as const]);
      await db.close();
      const s = await openPgServices(url, null);
      await measure('postgres', s);
      await s.close();
    } finally {
      cluster.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
