// The search stage's query mix alone, on the indexes a `npm run bench` run left in bench/.cache
// (no re-import): kamerlens against raw FTS5, interleaved query by query, as ratios.
// `npx tsx bench/search-mix.ts [size] [reps]`; BENCH_QUERIES=a,b picks queries by name prefix.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseQuery } from '../src/search/query.js';
import { SqliteSearchIndex } from '../src/search/sqlite-index.js';
import { cacheDir } from './corpus.js';
import { measure, pickRareWord, queryMix, type Latency } from './search.js';

async function main(): Promise<void> {
  const size = Number(process.argv[2] ?? 100_000);
  const reps = Number(process.argv[3] ?? 40);
  const dir = cacheDir();
  const kfile = join(dir, `bench-kamerlens-${size}.db`);
  const ffile = join(dir, `bench-fts5-${size}.db`);
  if (!existsSync(kfile) || !existsSync(ffile)) throw new Error(`run the bench at ${size} first (BENCH_SIZES=${size} npm run bench): ${kfile}`);
  const kdb = new Database(kfile, { readonly: true });
  kdb.pragma('cache_size = -65536');
  const index = new SqliteSearchIndex(kdb);
  const fdb = new Database(ffile, { readonly: true });
  const top = fdb.prepare('SELECT rowid FROM raw WHERE raw MATCH ? ORDER BY bm25(raw) LIMIT 20');
  const topKind = fdb.prepare('SELECT rowid FROM raw WHERE raw MATCH ? AND kind = ? ORDER BY bm25(raw) LIMIT 20');
  const rare = await pickRareWord(join(dir, `corpus-${size}.jsonl`));
  const only = (process.env['BENCH_QUERIES'] ?? '').split(',').filter(Boolean);
  const mix = queryMix(rare).filter((q) => only.length === 0 || only.some((o) => q.name.startsWith(o)));
  const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
  console.log(`${size} documents, ${reps} runs per query after 2 warm-ups (rare word: ${rare})`);
  console.log('query'.padEnd(36) + 'total'.padStart(9) + '  kl p50  kl p95  fts5 p50  fts5 p95  p50/fts5  p95/fts5');
  const ratios: number[] = [];
  for (const q of mix) {
    const r = await index.search({ query: parseQuery(q.kamerlens), offset: 0, limit: 20 });
    const k = await measure(reps, () => index.search({ query: parseQuery(q.kamerlens), offset: 0, limit: 20 }));
    const fq = q.fts5;
    const f: Latency | null = fq === null ? null : await measure(reps, () => (fq.kind === undefined ? top.all(fq.match) : topKind.all(fq.match, fq.kind)));
    if (f) ratios.push(k.p50 / f.p50);
    console.log(
      q.name.slice(0, 35).padEnd(36) + `${r.totalIsEstimate ? '≈' : ''}${r.total}`.padStart(9) +
        `${ms(k.p50)}`.padStart(8) + `${ms(k.p95)}`.padStart(8) +
        (f ? `${ms(f.p50)}`.padStart(10) + `${ms(f.p95)}`.padStart(10) + `${(k.p50 / f.p50).toFixed(3)}x`.padStart(10) + `${(k.p95 / f.p95).toFixed(3)}x`.padStart(10) : ''),
    );
  }
  const g = Math.exp(ratios.reduce((s, x) => s + Math.log(x), 0) / Math.max(1, ratios.length));
  console.log(`p50 geometric mean over the queries FTS5 can run: ${g.toFixed(3)}x raw FTS5`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
