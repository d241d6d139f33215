// Where a web node should cut its snippets (issue 16, src/search/snippet-cutter.ts): the same
// `kamerlens serve` on a folder a BENCH_KEEP=1 scale run left, started with
// KAMERLENS_SNIPPET_THREAD=ja (the worker always: the default before session 15), nee (never)
// and auto (while the request thread is saturated), in rotated order so a slow spell of the
// machine falls on each. Per mode: one client sending the query mix one request after another,
// then eight at once, over connections kept open; requests per second and p50/p95, as ratios
// against `ja` in the same run.
// `npx tsx bench/snippet-thread.ts [size] [rounds] [seconds per load]` (npm run build first: it serves dist/).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from './corpus.js';
import { getSearch, keepAliveAgent } from './http-search.js';
import { serve, stop } from './scale.js';
import { pickRareWord, queryMix } from './search.js';

const MODES = ['ja', 'nee', 'auto'] as const;
type Mode = (typeof MODES)[number];

interface Load {
  perSecond: number;
  p50: number;
  p95: number;
}

/** `clients` loops, each over its own kept connection, through the mix for `seconds`. */
async function load(base: string, queries: readonly string[], clients: number, seconds: number): Promise<Load> {
  const times: number[] = [];
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const agent = keepAliveAgent();
      try {
        let i = c;
        await getSearch(base, queries[0]!, agent);
        while (performance.now() < end) {
          const t0 = performance.now();
          await getSearch(base, queries[i++ % queries.length]!, agent);
          times.push(performance.now() - t0);
        }
      } finally {
        agent.destroy();
      }
    }),
  );
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { perSecond: times.length / seconds, p50: at(0.5), p95: at(0.95) };
}

async function main(): Promise<void> {
  const size = Number(process.argv[2] ?? 600_000);
  const rounds = Number(process.argv[3] ?? 6);
  const seconds = Number(process.argv[4] ?? 8);
  const dataDir = join(cacheDir(), `scale-${size}`, 'data');
  if (!existsSync(join(dataDir, 'kamerlens.db'))) throw new Error(`no data folder at ${dataDir}: run BENCH_SCALE=1 BENCH_SCALE_SIZES=${size} BENCH_KEEP=1 npm run bench first`);
  const queries = queryMix(await pickRareWord(join(cacheDir(), `corpus-${size}.jsonl`))).map((q) => q.kamerlens);
  const got = new Map<Mode, { one: Load[]; eight: Load[] }>(MODES.map((m) => [m, { one: [], eight: [] }]));
  console.log(`${size} documents, ${rounds} rounds, ${seconds} s per load, ${queries.length} queries in turn`);
  for (let r = 0; r < rounds; r++) {
    // Rotated: each mode runs first, second and third equally often.
    const order = MODES.map((_, i) => MODES[(i + r) % MODES.length]!);
    for (const mode of order) {
      const s = await serve(dataDir, { KAMERLENS_SNIPPET_THREAD: mode });
      try {
        const one = await load(s.base, queries, 1, seconds);
        const eight = await load(s.base, queries, 8, seconds);
        got.get(mode)!.one.push(one);
        got.get(mode)!.eight.push(eight);
        console.log(`round ${r + 1} ${mode.padEnd(4)} one client ${one.perSecond.toFixed(1)} req/s p50 ${one.p50.toFixed(1)} p95 ${one.p95.toFixed(1)} ms; eight ${eight.perSecond.toFixed(1)} req/s p50 ${eight.p50.toFixed(1)} p95 ${eight.p95.toFixed(1)} ms`);
      } finally {
        await stop(s);
      }
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const base = got.get('ja')!;
  for (const mode of MODES) {
    const g = got.get(mode)!;
    const line = (k: 'one' | 'eight') => {
      const rps = mean(g[k].map((l) => l.perSecond));
      const p95 = median(g[k].map((l) => l.p95));
      return `${rps.toFixed(1)} req/s (${(rps / mean(base[k].map((l) => l.perSecond))).toFixed(2)}x ja), p95 ${p95.toFixed(1)} ms (${(p95 / median(base[k].map((l) => l.p95))).toFixed(2)}x ja)`;
    };
    console.log(`${mode.padEnd(4)} one client: ${line('one')}; eight clients: ${line('eight')}`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
