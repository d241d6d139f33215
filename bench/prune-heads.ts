// Heads (the threshold algorithm, prune.ts headTopK) against windows alone, on one data folder:
// `npx tsx bench/prune-heads.ts <data dir>` (e.g. the scale stage's kept folder, BENCH_KEEP=1).
// Both engines open the same index; every round runs each query once on each, in turn, so a
// busy spell of this shared machine falls on both. Prints p50 per query, the ratio, and
// whether the two gave the same hits (ids and scores): they must.

import { join } from 'node:path';
import { openDatabase } from '../src/store/sqlite/connection.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { parseQuery } from '../src/search/query.js';
import { SqliteSearchIndex } from '../src/search/sqlite-index.js';
import { queryMix } from './search.js';

const ROUNDS = 25;
const WARM = 4;

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: npx tsx bench/prune-heads.ts <data dir holding kamerlens.db>');
const db = openDatabase(join(dataDir, 'kamerlens.db'));
const store = new SqliteStore(db);
const texts = async (ids: readonly string[]) => store.currentTexts(ids);
const engines = {
  windows: new SqliteSearchIndex(db, { headSize: 0, documentTexts: texts }),
  heads: new SqliteSearchIndex(db, { documentTexts: texts }),
};
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
const ratios: number[] = [];
let differ = 0;
console.log('query | total (windows) | total (heads) | p50 windows ms | p50 heads ms | heads/windows | hits');
for (const q of queryMix('blueprint')) {
  const times = { windows: [] as number[], heads: [] as number[] };
  const last: Record<string, Awaited<ReturnType<SqliteSearchIndex['search']>>> = {};
  for (let i = 0; i < ROUNDS; i++) {
    for (const side of ['windows', 'heads'] as const) {
      const t = performance.now();
      last[side] = await engines[side].search({ query: parseQuery(q.kamerlens), offset: 0, limit: 20, budgetMs: 10_000 });
      if (i >= WARM) times[side].push(performance.now() - t);
    }
  }
  const hits = (side: string) => JSON.stringify(last[side]!.hits.map((h) => [h.id, h.score]));
  const same = hits('windows') === hits('heads');
  if (!same) differ++;
  const total = (side: string) => `${last[side]!.total}${last[side]!.totalIsEstimate ? ' ≈' : ''}`;
  const r = median(times.heads) / median(times.windows);
  ratios.push(r);
  console.log([q.name, total('windows'), total('heads'), median(times.windows).toFixed(1), median(times.heads).toFixed(1), `${r.toFixed(2)}x`, same ? 'same' : 'DIFFER'].join(' | '));
}
console.log(`geometric mean heads/windows ${Math.exp(ratios.reduce((s, r) => s + Math.log(r), 0) / ratios.length).toFixed(2)}x; queries whose hits differ: ${differ}`);
if (differ > 0) process.exitCode = 1;
