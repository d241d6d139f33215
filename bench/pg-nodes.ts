// Web nodes on one PostgreSQL (issue 15): the search throughput of two `kamerlens serve` processes against one under the
// same concurrent load, and each node's memory, in the same run. `npm run bench` (stage `pgnodes`; skipped without PostgreSQL).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCorpus, readBatches } from './corpus.js';
import { cli, cpuSeconds, cpuSecondsOfAll, machineCpu, rssMb, scratchDatabases } from './processes.js';
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
/**
 * Where a load's CPU went, in CPU ms per answered search: the web nodes (all their threads),
 * PostgreSQL (every backend), this process (the clients), and the machine's busy cores. On a
 * machine of few cores the nodes share them with the database and the clients, so two nodes
 * can only gain what the cores one node left idle allow: `ceiling` is the searches/s the
 * machine would answer with every core busy at this load's cost per search.
 */
interface LoadCpu {
  nodesMs: number;
  pgMs: number;
  clientsMs: number;
  busyCores: number;
  stealCores: number;
  ceiling: number;
}

async function load(nodes: Node[], queries: string[]): Promise<{ perSec: number; refused: number; cpu: LoadCpu }> {
  const agents = nodes.map(() => new http.Agent({ keepAlive: true, maxSockets: CLIENTS }));
  const until = performance.now() + SECONDS * 1000;
  let answered = 0;
  let refused = 0;
  const nodeCpu = () => nodes.reduce((sum, n) => sum + cpuSeconds(n.child.pid!), 0);
  const before = { nodes: nodeCpu(), pg: cpuSecondsOfAll('postgres'), own: process.cpuUsage(), machine: machineCpu() };
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
  const own = process.cpuUsage(before.own);
  const machine = machineCpu();
  for (const a of agents) a.destroy();
  const perSearch = (cpuSec: number) => (1000 * cpuSec) / Math.max(1, answered);
  const busy = machine.busy - before.machine.busy;
  const steal = machine.steal - before.machine.steal;
  const cpu: LoadCpu = {
    nodesMs: perSearch(nodeCpu() - before.nodes),
    pgMs: perSearch(cpuSecondsOfAll('postgres') - before.pg),
    clientsMs: perSearch((own.user + own.system) / 1e6),
    busyCores: busy / seconds,
    stealCores: steal / seconds,
    // The cores the host left this machine, all busy at this load's cost per search.
    ceiling: answered === 0 ? 0 : ((machine.cores - steal / seconds) * answered) / busy,
  };
  return { perSec: answered / seconds, refused, cpu };
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
    const cpuLine = (c: LoadCpu) =>
      `nodes ${c.nodesMs.toFixed(1)}, PostgreSQL ${c.pgMs.toFixed(1)}, clients ${c.clientsMs.toFixed(1)} CPU ms a search; ${c.busyCores.toFixed(2)} of ${machineCpu().cores} cores busy, ${c.stealCores.toFixed(2)} taken by the host; every core left busy at this cost: ${c.ceiling.toFixed(1)} searches/s`;
    log(`  CPU, 1 node: ${cpuLine(one.cpu)}`);
    log(`  CPU, 2 nodes: ${cpuLine(two.cpu)}`);
    log(
      `  on this machine's cores 1 node leaves room for at most ${(one.cpu.ceiling / one.perSec).toFixed(2)}× at its cost a search; 2 nodes got ${(two.perSec / one.perSec).toFixed(2)}×, ` +
        `${((100 * two.perSec) / two.cpu.ceiling).toFixed(0)} % of what the cores allow at their cost; nodes' CPU a search, 2 against 1: ${(two.cpu.nodesMs / one.cpu.nodesMs).toFixed(2)}×`,
    );
    return [
      { name: `pgnodes: 2 web nodes, searches/s (${DOCS} docs)`, value: two.perSec, unit: '/s', baseline: one.perSec, ratio: two.perSec / one.perSec },
      { name: 'pgnodes: memory per web node after load', value: Math.max(...rssTwo), unit: 'MB', baseline: rssOne, ratio: Math.max(...rssTwo) / rssOne },
      // Whether a second node costs more per search, apart from the cores it must share.
      { name: "pgnodes: nodes' CPU a search, 2 nodes", value: two.cpu.nodesMs, unit: 'ms', baseline: one.cpu.nodesMs, ratio: two.cpu.nodesMs / one.cpu.nodesMs },
      // On few cores the nodes share them with the database and the clients: what 2 nodes can gain is what 1 left idle.
      { name: 'pgnodes: cores busy, 2 nodes', value: two.cpu.busyCores, unit: 'cores', baseline: one.cpu.busyCores, ratio: two.cpu.busyCores / one.cpu.busyCores },
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
