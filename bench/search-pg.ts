// The search engine on PostgreSQL against the same engine on SQLite, in the same run: import, the query mix, a new node's first query.
// `npx tsx bench/search-pg.ts [size] [reps]`; a scratch cluster unless KAMERLENS_BENCH_PG_URL names a server database to use.

import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import type { DocumentKind, IndexDocument, SearchIndex } from '../src/domain/index.js';
import { PgSearchIndex } from '../src/search/pg-index.js';
import type { PgSearchDb } from '../src/search/pg-segment-storage.js';
import { parseQuery } from '../src/search/query.js';
import { SqliteSearchIndex } from '../src/search/sqlite-index.js';
import { PgDb } from '../src/store/postgres/connection.js';
import { cacheDir, ensureCorpus, type CorpusDoc } from './corpus.js';
import { benchImporters, openBenchDb, pickRareWord, queryMix } from './search.js';
// @ts-expect-error a JavaScript module without types
import { startScratchCluster } from '../scripts/pg-scratch.mjs';

const toIndexDoc = (d: CorpusDoc): IndexDocument => ({ id: d.id, title: d.title, text: d.text, kind: d.kind as DocumentKind, date: d.date, parties: [], dossiers: [] });
const pct = (ts: number[], q: number): number => {
  const s = [...ts].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};
const ms = (x: number): string => (x < 10 ? x.toFixed(2) : x.toFixed(1));

async function main(): Promise<void> {
  const size = Number(process.argv[2] ?? 10_000);
  const reps = Number(process.argv[3] ?? 21);
  const log = (m: string) => console.log(m);
  const corpus = await ensureCorpus(size, log);
  let cluster: { url: string; stop(): void } | null = null;
  let url = process.env['KAMERLENS_BENCH_PG_URL'];
  if (!url) {
    cluster = (await startScratchCluster({ log })) as { url: string; stop(): void };
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE bench_search');
    await admin.end();
    url = cluster.url.replace(/\/postgres$/, '/bench_search');
  }
  const pools: PgDb[] = [];
  // Statements and the time spent waiting for them, over every node.
  const wire = { statements: 0, ms: 0 };
  // The database, its statements counted (also those of a write's transaction).
  const counted = (db: PgDb): PgSearchDb => ({
    q: async (sql, params) => {
      const t = performance.now();
      try {
        return await db.q(sql, params);
      } finally {
        wire.statements++;
        wire.ms += performance.now() - t;
      }
    },
    atomic: (fn) => db.atomic((bound) => fn(counted(bound))),
    migrate: (ns, ms) => db.migrate(ns, ms),
  });
  const node = (): PgSearchIndex => {
    const db = new PgDb(url!, { max: 4 });
    pools.push(db);
    return new PgSearchIndex(counted(db));
  };
  try {
    const sdb = openBenchDb(join(cacheDir(), `bench-search-pg-sqlite-${size}.db`));
    const sqlite = new SqliteSearchIndex(sdb);
    sqlite.migrate();
    const pgIndex = node();
    await pgIndex.migrate();
    log(`[${size}] importing into the engine on SQLite and on PostgreSQL, batch by batch …`);
    const imported = await benchImporters(
      corpus,
      {
        sqlite: async (docs) => {
          sdb.exec('BEGIN');
          await sqlite.upsert(docs.map(toIndexDoc));
          sdb.exec('COMMIT');
        },
        postgres: (docs) => pgIndex.upsert(docs.map(toIndexDoc)),
      },
      { log },
    );
    log(`import: SQLite ${imported.sqlite.docsPerSec.toFixed(0)} docs/s, PostgreSQL ${imported.postgres.docsPerSec.toFixed(0)} docs/s (${(imported.postgres.docsPerSec / imported.sqlite.docsPerSec).toFixed(2)}x; ${wire.statements} statements, ${(wire.ms / 1000).toFixed(1)} s of its ${imported.postgres.seconds.toFixed(1)} s waiting for them)`);

    // A node that has answered nothing yet: its first query reads the state and the lists.
    const fresh = node();
    const t0 = performance.now();
    await fresh.search({ query: parseQuery('lidstaten'), offset: 0, limit: 20 });
    log(`a new PostgreSQL node's first query: ${ms(performance.now() - t0)} ms`);

    const rare = await pickRareWord(corpus);
    console.log(`\n${reps} runs per query per engine after 2 warm-ups, alternating (ms)`);
    console.log('query'.padEnd(32) + 'total'.padStart(9) + '  sqlite p50   p95   pg p50    p95   pg/sqlite p50  same answer  statements (ms waited) per pg search');
    const ratios: number[] = [];
    for (const q of queryMix(rare)) {
      const req = () => ({ query: parseQuery(q.kamerlens), offset: 0, limit: 20 });
      const runs: [SearchIndex, number[]][] = [[sqlite, []], [pgIndex, []]];
      let before = { ...wire };
      for (let i = 0; i < reps + 2; i++) {
        if (i === 2) before = { ...wire };
        for (const [ix, ts] of i % 2 ? runs : [...runs].reverse()) {
          const s = performance.now();
          await ix.search(req());
          if (i >= 2) ts.push(performance.now() - s);
        }
      }
      const perSearch = `${((wire.statements - before.statements) / reps).toFixed(1)} (${ms((wire.ms - before.ms) / reps)})`;
      const a = await sqlite.search(req());
      const same = isDeepStrictEqual(a, await pgIndex.search(req()));
      const [s, p] = [runs[0]![1], runs[1]![1]];
      ratios.push(pct(p, 0.5) / pct(s, 0.5));
      console.log(
        q.name.slice(0, 31).padEnd(32) + `${a.totalIsEstimate ? '≈' : ''}${a.total}`.padStart(9) +
          ms(pct(s, 0.5)).padStart(12) + ms(pct(s, 0.95)).padStart(6) + ms(pct(p, 0.5)).padStart(9) + ms(pct(p, 0.95)).padStart(7) +
          `${(pct(p, 0.5) / pct(s, 0.5)).toFixed(2)}x`.padStart(15) + (same ? '  yes' : '  NO ') + perSearch.padStart(13),
      );
    }
    const g = Math.exp(ratios.reduce((x, r) => x + Math.log(r), 0) / ratios.length);
    console.log(`p50 geometric mean: PostgreSQL ${g.toFixed(2)}x SQLite`);
    sdb.close();
  } finally {
    for (const p of pools) await p.close();
    cluster?.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
