// Web nodes on one PostgreSQL (issue 15): the search throughput of two `kamerlens serve` processes against one under the
// same concurrent load, and each node's memory, in the same run. `npm run bench` (stage `pgnodes`; skipped without PostgreSQL).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCorpus, readBatches } from './corpus.js';
import { cli, rssMb, scratchDatabases } from './processes.js';
import type { BenchRow } from './row.js';
import { serve as serveDir, stop, type Server as Node } from './scale.js';
import { pickRareWord, queryMix } from './search.js';

const DOCS = Number(process.env['BENCH_PGNODES_DOCS'] ?? 5_000);
/** Requests in flight at once, spread over the nodes (each node queues what it cannot run yet). */
const CLIENTS = 8;
const SECONDS = Number(process.env['BENCH_PGNODES_SECONDS'] ?? 15);

function get(agent: http.Agent, url: string): Promise<number> {
  return new Promise((ok, fail) => {
    http
      .get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => ok(res.statusCode ?? 0));
        res.on('error', fail);
      })
      .on('error', fail);
  });
}

/** CLIENTS loops sending the query mix for SECONDS, client i to node i mod n: answered searches per second. */
async function load(nodes: Node[], queries: string[]): Promise<{ perSec: number; refused: number }> {
  const agents = nodes.map(() => new http.Agent({ keepAlive: true, maxSockets: CLIENTS }));
  const until = performance.now() + SECONDS * 1000;
  let answered = 0;
  let refused = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      for (let k = i; performance.now() < until; k++) {
        const n = i % nodes.length;
        const status = await get(agents[n]!, `${nodes[n]!.base}/api/search?q=${encodeURIComponent(queries[k % queries.length]!)}`);
        if (status === 200) answered++;
        else refused++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  for (const a of agents) a.destroy();
  return { perSec: answered / seconds, refused };
}

export async function benchPgNodes(log: (m: string) => void = console.log): Promise<BenchRow[]> {
  const cluster = await scratchDatabases(['bench_nodes'], log);
  if (!cluster) return [];
  const dir = mkdtempSync(join(tmpdir(), 'kl-pgnodes-'));
  const nodes: Node[] = [];
  try {
    const env = { KAMERLENS_DATABASE_URL: cluster.url('bench_nodes'), KAMERLENS_DATA: dir };
    // The first DOCS documents of the benchmark corpus, imported by the CLI as a user would.
    const corpus = await ensureCorpus(10_000, log);
    const file = join(dir, 'docs.jsonl');
    const lines: string[] = [];
    for await (const { docs } of readBatches(corpus, 500)) {
      for (const d of docs) lines.push(JSON.stringify(d));
      if (lines.length >= DOCS) break;
    }
    writeFileSync(file, lines.slice(0, DOCS).join('\n') + '\n');
    cli(env, 'migrate');
    let t = performance.now();
    cli(env, 'import', file);
    log(`  ${DOCS} documents imported into PostgreSQL in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const queries = queryMix(await pickRareWord(corpus)).map((q) => q.kamerlens);
    nodes.push(await serveDir(dir, env));
    // Every query once on each node first: the lists a node caches are not what is measured.
    for (const q of queries) await get(new http.Agent(), `${nodes[0]!.base}/api/search?q=${encodeURIComponent(q)}`);
    const one = await load(nodes, queries);
    const rssOne = rssMb(nodes[0]!.child.pid!);
    nodes.push(await serveDir(dir, env));
    for (const q of queries) await get(new http.Agent(), `${nodes[1]!.base}/api/search?q=${encodeURIComponent(q)}`);
    t = performance.now();
    const two = await load(nodes, queries);
    const rssTwo = nodes.map((n) => rssMb(n.child.pid!));
    log(`  1 node: ${one.perSec.toFixed(1)} searches/s (${one.refused} refused); 2 nodes: ${two.perSec.toFixed(1)} searches/s (${two.refused} refused); ${CLIENTS} clients, ${SECONDS} s each`);
    log(`  memory: 1 node ${rssOne.toFixed(0)} MB; 2 nodes ${rssTwo.map((x) => x.toFixed(0)).join(' and ')} MB`);
    return [
      { name: `pgnodes: 2 web nodes, searches/s (${DOCS} docs)`, value: two.perSec, unit: '/s', baseline: one.perSec, ratio: two.perSec / one.perSec },
      { name: 'pgnodes: memory per web node after load', value: Math.max(...rssTwo), unit: 'MB', baseline: rssOne, ratio: Math.max(...rssTwo) / rssOne },
    ];
  } finally {
    for (const n of nodes) await stop(n);
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('pg-nodes.js') || process.argv[1]?.endsWith('pg-nodes.ts')) {
  for (const row of await benchPgNodes()) console.log(row);
}
