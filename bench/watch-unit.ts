// A watch run through the port (units.transaction, tx.watchStore bound to the unit) against the
// older implicit way (one transaction the pool's watch store joins: the connection's writer on
// SQLite, AsyncLocalStorage on PostgreSQL), alternated in the same run on both backends. Each
// round imports new letters, then runs the monitors once: every run writes batches, digests,
// deliveries and watermarks for most monitors. On SQLite both ways are the same code (the
// connection's writer, the connection's stores): its ratio is the noise of this machine.
// Usage: npx tsx bench/watch-unit.ts [monitors] [letters per round] [rounds]
import { importContent, type IngestDeps } from '../src/ingest/import.js';
import type { Opened } from '../src/main.js';
import { onBothBackends } from './both-backends.js';
import { LETTER_WORDS as words, smallLetters } from './small-letters.js';
import type { PgDatabase } from '../src/store/postgres/unit-of-work.js';
import { writerOf } from '../src/store/sqlite/unit-of-work.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Database, TxStores } from '../src/store/unit-of-work.js';
import { matchDue, type WatchDeps } from '../src/watch/run.js';
import { matcherFor } from '../src/watch/matchers.js';

const monitors = Number(process.argv[2]) || 300;
const perRound = Number(process.argv[3]) || 30;
const rounds = Number(process.argv[4]) || 6;
const letter = smallLetters();


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

await onBothBackends('bench_watch_unit', measure);
