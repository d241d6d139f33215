// A watch run through the port (units.transaction, tx.watchStore bound to the unit) against the
// older implicit way (one transaction the pool's watch store joins: the connection's writer on
// SQLite, AsyncLocalStorage on PostgreSQL), alternated in the same run on both backends. Each
// round imports new letters, then runs the monitors once: every run writes batches, digests,
// deliveries and watermarks for most monitors. On SQLite both ways are the same code (the
// connection's writer, the connection's stores): its ratio is the noise of this machine.
// Usage: npx tsx bench/watch-unit.ts [monitors] [letters per round] [rounds]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { importContent, type IngestDeps } from '../src/ingest/import.js';
import { openPgServices, openServices, type Opened } from '../src/main.js';
import { PG_SEARCH_MIGRATIONS } from '../src/search/pg-search-migrations.js';
import { PgDb } from '../src/store/postgres/connection.js';
import { PG_SCHEMA, migrateSchema } from '../src/store/postgres/schema.js';
import type { PgDatabase } from '../src/store/postgres/unit-of-work.js';
import { writerOf } from '../src/store/sqlite/unit-of-work.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Database, TxStores } from '../src/store/unit-of-work.js';
import { matchDue, type WatchDeps } from '../src/watch/run.js';
import { matcherFor } from '../src/watch/matchers.js';
// @ts-expect-error a JavaScript module without types
import { startScratchCluster } from '../scripts/pg-scratch.mjs';

const monitors = Number(process.argv[2]) || 300;
const perRound = Number(process.argv[3]) || 30;
const rounds = Number(process.argv[4]) || 6;
const words = 'kabinet minister brief toezegging motie begroting informatie verslag overleg raad commissie digitale veiligheid'.split(' ');
let serial = 0;

function letter(): { source: string; fileName: string; bytes: Uint8Array } {
  const n = serial++;
  const body = Array.from({ length: 120 }, (_, i) => words[(n * 7 + i * 13) % words.length]).join(' ');
  return { source: `bench:${n}`, fileName: `brief-${n}.txt`, bytes: new TextEncoder().encode(`Brief ${n}\n\nGeachte voorzitter, ${body} (${n}).`) };
}

/** The old way as a Database: one transaction on the connection, joined by the pool's stores. */
function implicitUnits(s: Opened, kind: 'sqlite' | 'postgres'): Database {
  const stores = { ...s } as unknown as TxStores;
  if (kind === 'postgres') {
    const db = (s.units as PgDatabase).db;
    return { transaction: (fn) => db.transaction(() => fn(stores)) };
  }
  const writer = writerOf((s.store as SqliteStore).db);
  return { transaction: (fn) => writer.run(() => fn(stores)) };
}

async function measure(name: 'sqlite' | 'postgres', s: Opened): Promise<void> {
  const ingest: IngestDeps = { units: s.units, store: s.store, index: s.index, structure: s.structure };
  const head = await s.watchStore.changeHead();
  const at = new Date().toISOString();
  for (let i = 0; i < monitors; i++) {
    const userId = `u${i % 30}`;
    if (i < 30) await s.watchStore.ensureUser({ id: userId, email: `${userId}@bench.local`, feedKey: `k${i}`, createdAt: at });
    const norm = matcherFor('search').normalize({ query: `${words[i % words.length]} ${words[(i * 5 + 3) % words.length]}` });
    await s.watchStore.createMonitor({
      id: i.toString(16).padStart(12, '0'), userId, kind: 'search', params: norm.params, label: norm.label, interval: 'immediate', email: true,
      webhookUrl: null, webhookSecret: null, webhookFailures: 0, webhookDisabledAt: null, watermark: head, tkWatermark: null,
      nextDueAt: null, lastRunAt: null, lastMatchCount: 0, createdAt: at,
    });
  }
  const base: Omit<WatchDeps, 'units'> = { store: s.watchStore, services: { index: s.index }, mailer: null, webhooks: { post: async () => 200 }, baseUrl: 'http://bench.local' };
  const port: WatchDeps = { ...base, units: s.units };
  const implicit: WatchDeps = { ...base, units: implicitUnits(s, name) };
  const spent = { port: { run: 0, write: 0 }, implicit: { run: 0, write: 0 } };
  let matches = 0;
  const round = async (deps: WatchDeps, into?: { run: number; write: number }) => {
    for (let i = 0; i < perRound; i++) await importContent(letter(), ingest);
    const t0 = performance.now();
    const r = await matchDue(deps, new Date(), 'bench');
    if (into) {
      into.run += performance.now() - t0;
      into.write += r.phases.write ?? 0;
      matches += r.newMatches;
    }
  };
  await round(port);
  await round(implicit);
  // Alternated, and each first in every other round: a neighbour's load, and whatever one run
  // leaves the next (garbage, a checkpoint), fall on both.
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      await round(port, spent.port);
      await round(implicit, spent.implicit);
    } else {
      await round(implicit, spent.implicit);
      await round(port, spent.port);
    }
  }
  console.log(
    `${name}: ${rounds} runs each way over ${monitors} monitors (${matches} matches in all); the port takes ` +
      `${(spent.port.write / spent.implicit.write).toFixed(2)}× the implicit way's time in the run's writes, ` +
      `${(spent.port.run / spent.implicit.run).toFixed(2)}× in the whole run`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'kamerlens-bench-watch-unit-'));
try {
  const lite = openServices(join(dir, 'kamerlens.db'));
  await measure('sqlite', lite);
  await lite.close();
  const cluster = (await startScratchCluster({ log: () => {} })) as { url: string; stop(): void };
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE bench_watch_unit');
    await admin.end();
    const url = cluster.url.replace(/\/postgres$/, '/bench_watch_unit');
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
