// One pruning feature against the engine without it, on one data folder:
// `npx tsx bench/prune-heads.ts <data dir> [heads|bits]` (e.g. the scale stage's kept folder, BENCH_KEEP=1).
// - heads (the default): the threshold algorithm (prune.ts headTopK) against windows alone;
// - bits: totals and facets from bitsets (bit-counts.ts) against counting every 16th window.
// Both engines open the same index; every round runs each query once on each, in turn, so a
// busy spell of this shared machine falls on both. Prints p50 per query (wall and CPU), the
// ratios, and whether the two gave the same hits (ids and scores): they must.

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
const feature = process.argv[3] ?? 'heads';
if (feature !== 'heads' && feature !== 'bits') throw new Error(`unknown feature ${feature}: heads or bits`);
const engines = {
  without: new SqliteSearchIndex(db, { ...(feature === 'heads' ? { headSize: 0 } : { bitCounts: false }), documentTexts: texts }),
  with: new SqliteSearchIndex(db, { documentTexts: texts }),
};
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
const ratios: number[] = [];
let differ = 0;
console.log(`query | total without ${feature} | total with | p50 ms without | p50 ms with | with/without | CPU p50 ms without | with | with/without | hits`);
const cpuRatios: number[] = [];
for (const q of queryMix('blueprint')) {
  const times = { without: [] as number[], with: [] as number[] };
  const cpu = { without: [] as number[], with: [] as number[] };
  const last: Record<string, Awaited<ReturnType<SqliteSearchIndex['search']>>> = {};
  for (let i = 0; i < ROUNDS; i++) {
    for (const side of ['without', 'with'] as const) {
      const t = performance.now();
      const c = process.cpuUsage();
      last[side] = await engines[side].search({ query: parseQuery(q.kamerlens), offset: 0, limit: 20, budgetMs: 10_000 });
      if (i >= WARM) {
        cpu[side].push(cpuMs(process.cpuUsage(c)));
        times[side].push(performance.now() - t);
      }
    }
  }
  const hits = (side: string) => JSON.stringify(last[side]!.hits.map((h) => [h.id, h.score]));
  const same = hits('without') === hits('with');
  if (!same) differ++;
  const total = (side: string) => `${last[side]!.totalIsEstimate ? '≈' : ''}${last[side]!.total}`;
  const r = median(times.with) / median(times.without);
  const rc = median(cpu.with) / median(cpu.without);
  ratios.push(r);
  cpuRatios.push(rc);
  console.log([q.name, total('without'), total('with'), median(times.without).toFixed(1), median(times.with).toFixed(1), `${r.toFixed(2)}x`, median(cpu.without).toFixed(1), median(cpu.with).toFixed(1), `${rc.toFixed(2)}x`, same ? 'same' : 'DIFFER'].join(' | '));
}
const geo = (xs: number[]) => Math.exp(xs.reduce((s, r) => s + Math.log(r), 0) / xs.length).toFixed(2);
console.log(`geometric mean with/without ${feature}: wall ${geo(ratios)}x, CPU ${geo(cpuRatios)}x; queries whose hits differ: ${differ}`);
if (differ > 0) process.exitCode = 1;
