// Units of work: importing documents through the port (units.transaction, stores bound to the
// unit) against the older implicit way (store.transaction, stores joining by connection or
// AsyncLocalStorage), alternated in the same run on SQLite and on PostgreSQL.
// Usage: npx tsx bench/unit-of-work.ts [documents per round] [rounds]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { importContent, type IngestDeps } from '../src/ingest/import.js';
import { openPgServices, openServices, type Opened } from '../src/main.js';
import { PG_SEARCH_MIGRATIONS } from '../src/search/pg-search-migrations.js';
import { PgDb } from '../src/store/postgres/connection.js';
import { PG_SCHEMA, migrateSchema } from '../src/store/postgres/schema.js';
// @ts-expect-error a JavaScript module without types
import { startScratchCluster } from '../scripts/pg-scratch.mjs';

const perRound = Number(process.argv[2]) || 100;
const rounds = Number(process.argv[3]) || 6;
const words = 'kabinet minister brief toezegging motie begroting informatie verslag overleg raad commissie digitale veiligheid'.split(' ');
let serial = 0;

/** A small letter of its own (new content: every import stores, indexes and structures it). */
function letter(): { source: string; fileName: string; bytes: Uint8Array } {
  const n = serial++;
  const body = Array.from({ length: 120 }, (_, i) => words[(n * 7 + i * 13) % words.length]).join(' ');
  return { source: `bench:${n}`, fileName: `brief-${n}.txt`, bytes: new TextEncoder().encode(`Brief ${n}\n\nGeachte voorzitter, ${body} (${n}).`) };
}

async function measure(name: string, s: Opened): Promise<void> {
  const port: IngestDeps = { units: s.units, store: s.store, index: s.index, structure: s.structure };
  const implicit: IngestDeps = { store: s.store, index: s.index, structure: s.structure };
  const spent = { port: 0, implicit: 0 };
  const round = async (deps: IngestDeps) => {
    const t0 = performance.now();
    for (let i = 0; i < perRound; i++) await importContent(letter(), deps);
    return performance.now() - t0;
  };
  await round(port);
  await round(implicit);
  // Alternated, so that a neighbour's load falls on both.
  for (let r = 0; r < rounds; r++) {
    spent.port += await round(port);
    spent.implicit += await round(implicit);
  }
  const n = perRound * rounds;
  console.log(`${name}: ${n} imports each way; the port takes ${(spent.port / spent.implicit).toFixed(2)}× the time of the implicit way`);
}

const dir = mkdtempSync(join(tmpdir(), 'kamerlens-bench-uow-'));
try {
  const lite = openServices(join(dir, 'kamerlens.db'));
  await measure('sqlite', lite);
  await lite.close();
  const cluster = (await startScratchCluster({ log: () => {} })) as { url: string; stop(): void };
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE bench_uow');
    await admin.end();
    const url = cluster.url.replace(/\/postgres$/, '/bench_uow');
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
