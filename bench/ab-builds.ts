// Two builds of kamerlens serving the same data at once, on SQLite and on PostgreSQL: the query
// mix through GET /api/search, each build against the other in the same run.
//
// `npx tsx bench/ab-builds.ts <other checkout> <folder> <size> [reps]`: <other checkout> is a
// checkout of another commit with `npm run build` done in it (`git worktree add /tmp/old <commit>`,
// a link to this node_modules, `npx tsc -p tsconfig.build.json`); <folder> is what
// `BENCH_PRODUCT_PG_KEEP=<folder>` left (bench/product-pg.ts: the cluster under `cluster/`,
// SQLite under `sqlite-data/`, or BENCH_AB_SQLITE=<data folder> for a reused one), <size> its
// corpus's (for the mix's rare word). Four
// servers (this build and the other, each on both backends); per query 2 warm-ups, then `reps`
// rounds asking the four in rotated order, so a busy spell of the machine falls on all of them.
// Prints p50 per query (and four pages) and server, the geometric mean of each server's
// p50s over the searches, and this build's ratios against the other. A stored version the
// other build's code cannot read is its to fail.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCorpus } from './corpus.js';
import { serve, stop, type Server } from './scale.js';
import { pickRareWord, queryMix } from './search.js';
import { getBody as get } from './http-search.js';
// @ts-expect-error a JavaScript module without types
import { startScratchCluster } from '../scripts/pg-scratch.mjs';


const p50 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const geomean = (xs: number[]): number => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);

async function main(): Promise<void> {
  const [other, folder, sizeArg, repsArg] = process.argv.slice(2);
  if (!other || !folder || !sizeArg) throw new Error('usage: npx tsx bench/ab-builds.ts <other checkout> <folder> <size> [reps]');
  const reps = Number(repsArg ?? 21);
  if (!existsSync(join(other, 'dist', 'src', 'main.js'))) throw new Error(`${other}/dist/src/main.js is missing: build that checkout first`);
  const cluster = (await startScratchCluster({ dir: join(folder, 'cluster') })) as { url: string; stop(): void };
  const servers: [string, Server][] = [];
  try {
    const pgEnv = { KAMERLENS_DATABASE_URL: cluster.url.replace(/\/postgres$/, '/bench_product') };
    const sqliteDir = process.env['BENCH_AB_SQLITE'] ?? join(folder, 'sqlite-data');
    for (const [name, root, dir, env] of [
      ['sqlite this', null, sqliteDir, {}],
      ['sqlite other', other, sqliteDir, {}],
      ['pg this', null, join(folder, 'pg-data'), pgEnv],
      ['pg other', other, join(folder, 'pg-data'), pgEnv],
    ] as const) {
      servers.push([name, await serve(dir, env, root ?? undefined)]);
    }
    const mix = queryMix(await pickRareWord(await ensureCorpus(Number(sizeArg), console.log))).map((q) => ({ name: q.name, path: `/api/search?q=${encodeURIComponent(q.kamerlens)}` }));
    // And pages: the one a search leads to (as bench/product-pg.ts), its first hit's, the list of
    // promises, the home page and the Council's meetings.
    const hit = (JSON.parse(await get(servers[0]![1].base, '/api/search?q=informatie')) as { results: { id: string }[] }).results[0]!.id;
    mix.push({ name: 'page: a document', path: `/documents/${encodeURIComponent(hit)}` }, { name: 'page: /toezeggingen', path: '/toezeggingen' }, { name: 'page: the home page', path: '/' }, { name: 'page: /raad', path: '/raad' });
    const p50s = new Map<string, number[]>(servers.map(([n]) => [n, []]));
    console.log('query'.padEnd(32) + servers.map(([n]) => n.padStart(14)).join(''));
    for (const q of mix) {
      const path = q.path;
      const times = servers.map((): number[] => []);
      for (let i = 0; i < reps + 2; i++) {
        for (let k = 0; k < servers.length; k++) {
          const j = (k + i) % servers.length;
          const t0 = performance.now();
          await get(servers[j]![1].base, path);
          if (i >= 2) times[j]!.push(performance.now() - t0);
        }
      }
      if (q.path.startsWith('/api/search')) servers.forEach(([n], j) => p50s.get(n)!.push(p50(times[j]!)));
      console.log(q.name.slice(0, 31).padEnd(32) + times.map((t) => p50(t).toFixed(2).padStart(14)).join(''));
    }
    const g = new Map([...p50s].map(([n, xs]) => [n, geomean(xs)]));
    console.log('geometric mean of search p50'.padEnd(32) + servers.map(([n]) => g.get(n)!.toFixed(2).padStart(14)).join(''));
    const r = (a: string, b: string) => (g.get(a)! / g.get(b)!).toFixed(2) + 'x';
    console.log(`this build against the other: SQLite ${r('sqlite this', 'sqlite other')}, PostgreSQL ${r('pg this', 'pg other')}`);
    console.log(`PostgreSQL against SQLite: this build ${r('pg this', 'sqlite this')}, the other ${r('pg other', 'sqlite other')}`);
  } finally {
    for (const [, s] of servers) await stop(s);
    cluster.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
