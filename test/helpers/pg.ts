/**
 * PostgreSQL for tests: a fresh database per call in the scratch cluster that
 * scripts/run-tests.mjs starts (KAMERLENS_TEST_PG_URL). Without one, `pgAvailable` is false
 * and suites skip their PostgreSQL runs (CI always has one: run-tests.mjs fails without it).
 */
import pg from 'pg';
import { PG_SEARCH_MIGRATIONS } from '../../src/search/pg-search-migrations.js';
import { PgDb } from '../../src/store/postgres/connection.js';
import { PG_SCHEMA, migrateSchema } from '../../src/store/postgres/schema.js';

export const pgAdminUrl = process.env.KAMERLENS_TEST_PG_URL ?? null;
export const pgAvailable = pgAdminUrl !== null;
/** For `describe(name, { skip: pgSkip }, …)`: a reason to skip, or false. */
export const pgSkip: string | false = pgAvailable ? false : 'PostgreSQL not installed (KAMERLENS_TEST_PG_URL unset)';

let counter = 0;

/** Creates an empty database and returns its URL. */
export async function freshPgUrl(): Promise<string> {
  if (!pgAdminUrl) throw new Error('no PostgreSQL test cluster (run the tests through scripts/run-tests.mjs)');
  const name = `kl_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A PgDb on a fresh empty database. */
export async function freshPgDb(): Promise<PgDb> {
  return new PgDb(await freshPgUrl(), { max: 4 });
}

/** A fresh database with the whole schema applied (what `kamerlens migrate` does), for `openPgServices`. */
export async function freshPgSchemaUrl(): Promise<string> {
  const url = await freshPgUrl();
  const db = new PgDb(url, { max: 2 });
  try {
    await migrateSchema(db, [...PG_SCHEMA, ['search', PG_SEARCH_MIGRATIONS] as const]);
  } finally {
    await db.close();
  }
  return url;
}
