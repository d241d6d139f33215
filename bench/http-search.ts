// Where a search through the HTTP API spends its time beyond the engine's (issue 16): the same
// data folder, the same queries, the engine in this process against a real `kamerlens serve`.
// As a stage of the scale bench (scale.ts runs it on the folder it imported), or alone on a
// folder a BENCH_KEEP=1 run left: `npx tsx bench/http-search.ts [size] [reps]`.

import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { openServices } from '../src/main.js';
import { SEARCH_BUDGET_MS } from '../src/server/app.js';
import { parseQuery } from '../src/search/query.js';
import { search as searchUseCase } from '../src/service/services.js';
import { presentSearch } from '../src/service/presenters.js';
import { cacheDir } from './corpus.js';
import { serve, stop } from './scale.js';
import type { Latency, MixQuery } from './search.js';

/** One query: the engine alone, the whole use case in process (+ JSON), and GET /api/search. */
export interface HttpAgainstEngine {
  name: string;
  /** The engine's total (≈ an estimate), then `/` the HTTP API's when a time budget made them differ. */
  total: string;
  /** `SearchIndex.search`, top 20 with snippets and facets, as the server calls it (same budget). */
  engine: Latency;
  /** services.search (the engine, the thesaurus's "gevonden via synoniem", the other result types) and its JSON. */
  useCase: Latency;
  /** The same through a `kamerlens serve` on loopback, over a connection kept open (as scale.ts's `kl`). */
  http: Latency;
  /** GET /api/search with an empty query in the same rounds, on the same connection: the round trip with no search in it. */
  floor: Latency;
  /**
   * CPU ms per call, which a busy machine stretches far less than wall time: the engine's and
   * the use case's in this process, the server process's per request (Linux /proc, at the
   * kernel's tick of 10 ms summed over all rounds; null elsewhere).
   */
  cpu: { engine: number; useCase: number; http: number | null; floor: number | null };
}

/** CPU ms a process has used (user + system), from /proc; null where there is none. */
function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), counted from its closing parenthesis.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** USER_HZ: 100 on every Linux Node runs on. */
const CLOCK_TICKS = 100;

const pct = (ts: number[]): Latency => {
  const s = [...ts].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95) };
};

/**
 * GET /api/search; resolves with the body. Over a connection of its own unless `agent` keeps
 * one open (keepAliveAgent): a browser, a proxy or a load balancer keeps its connections open,
 * and the connection's set-up (~2 ms here, both ends on two busy cores) is not the search.
 */
/**
 * One connection kept open for a run of requests (a fresh agent per query: between queries raw
 * FTS5 may run for seconds, past the server's keep-alive timeout). `destroy()` it after.
 */
export function keepAliveAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: 1 });
}

export async function getSearch(base: string, q: string, agent: http.Agent | false = false): Promise<{ total: number; totalIsEstimate: boolean }> {
  return JSON.parse(await getBody(base, `/api/search?q=${encodeURIComponent(q)}`, agent)) as { total: number; totalIsEstimate: boolean };
}

/** The body of GET `path`; anything but a 200 is an error naming the path. */
export function getBody(base: string, path: string, agent: http.Agent | false = false): Promise<string> {
  return new Promise((ok, fail) => {
    const req = http.get(`${base}${path}`, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) fail(new Error(`GET ${path}: ${res.statusCode} ${body.slice(0, 300)}`));
        else ok(body);
      });
      res.on('error', fail);
    });
    req.on('error', (e) => fail(new Error(`GET ${path}: ${e.message}`)));
  });
}

/**
 * Per query, `reps` rounds after two warm-ups, each round running the engine, the use case
 * and the HTTP request once in turn, so a busy spell of this shared machine falls on all three.
 * The engine and the use case open the folder in this process (a second reader of the same
 * SQLite file), the server in its own.
 */
export async function httpAgainstEngine(dataDir: string, mix: readonly MixQuery[], reps: number): Promise<HttpAgainstEngine[]> {
  const services = openServices(join(dataDir, 'kamerlens.db'));
  const server = await serve(dataDir);
  try {
    await services.index.warm?.();
    const out: HttpAgainstEngine[] = [];
    for (const q of mix) {
      const engine = () => services.index.search({ query: parseQuery(q.kamerlens), offset: 0, limit: 20, budgetMs: SEARCH_BUDGET_MS });
      const useCase = async () => JSON.stringify(presentSearch(await searchUseCase(services, { q: q.kamerlens, page: 1, pageSize: 20, budgetMs: SEARCH_BUDGET_MS })));
      const agent = keepAliveAgent();
      const overHttp = () => getSearch(server.base, q.kamerlens, agent);
      const floor = () => getSearch(server.base, '', agent);
      const r = await engine();
      const viaHttp = await overHttp();
      // Both run under the server's time budget: on a busy machine one may be cut short where
      // the other was not (an estimate of a NEAR), which the table shows rather than hides.
      const total = (r.totalIsEstimate ? '≈' : '') + r.total + (viaHttp.total !== r.total ? `/${viaHttp.total}` : '');
      await useCase();
      await engine();
      await useCase();
      await overHttp();
      const t = { engine: [] as number[], useCase: [] as number[], http: [] as number[], floor: [] as number[] };
      const cpu = { engine: 0, useCase: 0, http: 0 as number | null, floor: 0 as number | null };
      const pid = server.child.pid;
      for (let i = 0; i < reps; i++) {
        for (const [k, run] of [['engine', engine], ['useCase', useCase], ['http', overHttp], ['floor', floor]] as const) {
          const c0 = process.cpuUsage();
          const s0 = k === 'http' || k === 'floor' ? processCpuMs(pid) : null;
          const t0 = performance.now();
          await run();
          t[k].push(performance.now() - t0);
          if (k === 'engine' || k === 'useCase') {
            const c = process.cpuUsage(c0);
            cpu[k] += (c.user + c.system) / 1000;
          } else {
            const s1 = processCpuMs(pid);
            cpu[k] = s0 === null || s1 === null || cpu[k] === null ? null : cpu[k]! + (s1 - s0);
          }
        }
      }
      agent.destroy();
      const per = (v: number | null) => (v === null ? null : v / reps);
      out.push({ name: q.name, total, engine: pct(t.engine), useCase: pct(t.useCase), http: pct(t.http), floor: pct(t.floor), cpu: { engine: cpu.engine / reps, useCase: cpu.useCase / reps, http: per(cpu.http), floor: per(cpu.floor) } });
    }
    return out;
  } finally {
    await stop(server);
    await services.close();
  }
}

const ms = (v: number): string => (v < 10 ? v.toFixed(2) : v.toFixed(1));
const x = (a: number, b: number): string => (a / b).toFixed(2) + 'x';

/**
 * The table: per query p50/p95 of each, HTTP and the use case as ratios of the engine alone,
 * and the floor (an empty search's round trip) to tell the HTTP path's own cost from the rest.
 */
export function printHttpAgainstEngine(rows: readonly HttpAgainstEngine[], log: (m: string) => void): void {
  const head = ['query', 'total', 'eng p50', 'eng p95', 'uc p50', 'http p50', 'http p95', 'floor p50', 'uc/eng', 'http/eng p50', 'http/eng p95', 'cpu eng', 'cpu uc', 'cpu srv', 'srv/eng'];
  const w = [32, 9, 9, 9, 9, 9, 9, 10, 8, 13, 13, 9, 8, 9, 9];
  const c = (v: number | null) => (v === null ? 'n/a' : ms(v));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.slice(0, w[0]! - 1).padEnd(w[0]!) : c.padStart(w[i]!))).join('');
  log(line(head));
  for (const r of rows) {
    log(line([r.name, r.total, ms(r.engine.p50), ms(r.engine.p95), ms(r.useCase.p50), ms(r.http.p50), ms(r.http.p95), ms(r.floor.p50), x(r.useCase.p50, r.engine.p50), x(r.http.p50, r.engine.p50), x(r.http.p95, r.engine.p95),
      ms(r.cpu.engine), ms(r.cpu.useCase), c(r.cpu.http), r.cpu.http === null ? 'n/a' : x(r.cpu.http, r.cpu.engine)]));
  }
  log(summariseHttpAgainstEngine(rows));
}

/** One line: the geometric means of the ratios, and the worst HTTP figures. */
export function summariseHttpAgainstEngine(rows: readonly HttpAgainstEngine[]): string {
  const g = (f: (r: HttpAgainstEngine) => number) => Math.exp(rows.reduce((s, r) => s + Math.log(f(r)), 0) / Math.max(1, rows.length));
  const floor = [...rows.map((r) => r.floor.p50)].sort((a, b) => a - b)[rows.length >> 1] ?? 0;
  return (
    `HTTP against the engine alone (geometric means over the mix): p50 ${g((r) => r.http.p50 / r.engine.p50).toFixed(2)}x, p95 ${g((r) => r.http.p95 / r.engine.p95).toFixed(2)}x; ` +
    `the use case in process p50 ${g((r) => r.useCase.p50 / r.engine.p50).toFixed(2)}x; an empty search's round trip ${ms(floor)} ms; ` +
    (rows.every((r) => r.cpu.http !== null) ? `CPU per request, server against the engine ${g((r) => r.cpu.http! / r.cpu.engine).toFixed(2)}x; ` : '') +
    `worst HTTP p50 ${ms(Math.max(...rows.map((r) => r.http.p50)))} ms, p95 ${ms(Math.max(...rows.map((r) => r.http.p95)))} ms`
  );
}

async function main(): Promise<void> {
  const { pickRareWord, queryMix } = await import('./search.js');
  const size = Number(process.argv[2] ?? 100_000);
  const reps = Number(process.argv[3] ?? 21);
  const dataDir = join(cacheDir(), `scale-${size}`, 'data');
  if (!existsSync(join(dataDir, 'kamerlens.db'))) throw new Error(`no data folder at ${dataDir}: run BENCH_SCALE=1 BENCH_SCALE_SIZES=${size} BENCH_KEEP=1 npm run bench first`);
  const rare = await pickRareWord(join(cacheDir(), `corpus-${size}.jsonl`));
  const only = (process.env['BENCH_QUERIES'] ?? '').split(',').filter(Boolean);
  const mix = queryMix(rare).filter((q) => only.length === 0 || only.some((o) => q.name.startsWith(o)));
  console.log(`${size} documents, ${reps} rounds per query after 2 warm-ups (rare word: ${rare}); load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  printHttpAgainstEngine(await httpAgainstEngine(dataDir, mix, reps), (m) => console.log(m));
}

if (process.argv[1]?.endsWith('http-search.ts') || process.argv[1]?.endsWith('http-search.js')) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  });
}
