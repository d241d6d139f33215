/**
 * Load and abuse bench (`npm run bench` stage `abuse`; alone: `npx tsx bench/abuse.ts`).
 * Starts bench/abuse-server in a child process (20,000 generated documents, loopback only)
 * and measures, each against a baseline from the same run:
 * - a normal client's search latency while 4 clients flood 60-word stop-word phrases,
 *   against the same client alone;
 * - 200 concurrent clients of whom 30 % send such phrases: the normal clients' p50/p95 against
 *   the same normal clients without the attackers, the error rate (resets, 5xx other than a
 *   clean 503) and how many were refused with 503;
 * - `/mijn.json` of an account with 200 saved searches, and a normal search while it loads,
 *   against that search alone.
 * Each client sends X-Forwarded-For with an address of its own, as a trusted proxy would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './row.js';

const STOP = 'de het een van en in is op te dat die voor met zijn niet aan er ook als bij om door maar dan tot over naar uit wordt worden heeft hebben'.split(' ');
const NORMAL = ['cyberbeveiliging', 'minister kamer', '"europese commissie"', 'telecom OR glasvezel', 'lidstaten kind:kamerbrief', 'informatie -europese', 'stikstof landbouw', 'privacy algoritme sort:date'];

interface Outcome {
  status: number | 'reset';
  ms: number;
}

const pct = (xs: number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function startServer(log: (m: string) => void): Promise<{ child: ChildProcess; base: string; session: string }> {
  const here = dirname(fileURLToPath(import.meta.url));
  const script = join(here, import.meta.url.endsWith('.ts') ? 'abuse-server.ts' : 'abuse-server.js');
  const child = spawn(process.execPath, [...process.execArgv, script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const t0 = performance.now();
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.on('line', (l) => l.startsWith('READY ') && resolve(l));
    child.once('exit', (code) => reject(new Error(`abuse server exited with ${code}`)));
  });
  const [, port, session] = line.split(' ');
  log(`abuse bench: server with 20,000 documents and 200 saved searches ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { child, base: `http://127.0.0.1:${port}`, session: session! };
}

export async function benchAbuse(options: { log?: (m: string) => void } = {}): Promise<BenchRow[]> {
  const log = options.log ?? ((m: string) => console.error(m));
  const { child, base, session } = await startServer(log);
  let seed = 1;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const expensive = () => `"${Array.from({ length: 60 }, () => STOP[Math.floor(rand() * STOP.length)]).join(' ')}"`;
  const get = async (client: string, path: string, headers: Record<string, string> = {}): Promise<Outcome> => {
    const t = performance.now();
    try {
      const res = await fetch(base + path, { headers: { 'x-forwarded-for': client, ...headers } });
      await res.arrayBuffer();
      return { status: res.status, ms: performance.now() - t };
    } catch {
      return { status: 'reset', ms: performance.now() - t };
    }
  };
  const search = (client: string, q: string) => get(client, `/api/search?q=${encodeURIComponent(q)}`);
  const rows: BenchRow[] = [];
  try {
    // Warm the caches both ways, so neither measurement pays the first touches.
    for (let i = 0; i < 2; i++) for (const q of NORMAL) await search('10.0.0.1', q);
    for (let i = 0; i < 4; i++) await search('10.0.0.2', expensive());

    // 1. One normal client alone, then the same while 4 clients flood expensive phrases.
    const normalRun = async (client: string, reps: number): Promise<Outcome[]> => {
      const out: Outcome[] = [];
      for (let i = 0; i < reps; i++) out.push(await search(client, NORMAL[i % NORMAL.length]!));
      return out;
    };
    const alone = (await normalRun('10.0.1.1', 80)).map((o) => o.ms);
    let flooding = true;
    const floodCounts = { ok: 0, busy: 0, other: 0 };
    const flooder = async (client: string) => {
      while (flooding) {
        const o = await search(client, expensive());
        if (o.status === 200) floodCounts.ok++;
        else if (o.status === 503) floodCounts.busy++;
        else floodCounts.other++;
      }
    };
    const flooders = ['10.6.0.1', '10.6.0.2', '10.6.0.3', '10.6.0.4'].map(flooder);
    await new Promise((r) => setTimeout(r, 300));
    const attacked = await normalRun('10.0.1.1', 80);
    flooding = false;
    await Promise.all(flooders);
    const attackedMs = attacked.filter((o) => o.status === 200).map((o) => o.ms);
    log(`abuse bench: normal search alone p50 ${pct(alone, 50).toFixed(1)} ms p95 ${pct(alone, 95).toFixed(1)} ms; with 4 flooders p50 ${pct(attackedMs, 50).toFixed(1)} ms p95 ${pct(attackedMs, 95).toFixed(1)} ms (${attacked.length - attackedMs.length} of ${attacked.length} not 200); flood answered ${floodCounts.ok} × 200, ${floodCounts.busy} × 503, ${floodCounts.other} other`);
    rows.push({ name: 'abuse: normal search p50, 4 flooders', value: pct(attackedMs, 50), unit: 'ms', baseline: pct(alone, 50), ratio: pct(attackedMs, 50) / pct(alone, 50) });
    rows.push({ name: 'abuse: normal search p95, 4 flooders', value: pct(attackedMs, 95), unit: 'ms', baseline: pct(alone, 95), ratio: pct(attackedMs, 95) / pct(alone, 95) });

    // 2. 200 concurrent clients, 30 % of them expensive; baseline: the 140 normal ones alone.
    const crowd = async (clients: number, expensiveShare: number, reps: number) => {
      const normal: Outcome[] = [];
      const costly: Outcome[] = [];
      const nExpensive = Math.round(clients * expensiveShare);
      await Promise.all(
        Array.from({ length: clients }, async (_, c) => {
          const isExpensive = c < nExpensive;
          const client = `10.${isExpensive ? 7 : 8}.${c >> 8}.${c & 255}`;
          for (let i = 0; i < reps; i++) {
            const o = await search(client, isExpensive ? expensive() : NORMAL[(c + i) % NORMAL.length]!);
            (isExpensive ? costly : normal).push(o);
          }
        }),
      );
      return { normal, costly };
    };
    const base140 = await crowd(140, 0, 5);
    const t200 = performance.now();
    const mixed = await crowd(200, 0.3, 5);
    const wall = performance.now() - t200;
    const all = [...mixed.normal, ...mixed.costly];
    const resets = all.filter((o) => o.status === 'reset').length;
    const busy = all.filter((o) => o.status === 503).length;
    const errors = all.filter((o) => o.status !== 200 && o.status !== 503).length;
    const normalOk = mixed.normal.filter((o) => o.status === 200).map((o) => o.ms);
    const baseOk = base140.normal.filter((o) => o.status === 200).map((o) => o.ms);
    log(
      `abuse bench: 200 clients (60 expensive) × 5 requests in ${(wall / 1000).toFixed(1)} s: ${resets} resets, ${errors} errors (neither 200 nor 503), ${busy} clean 503s ` +
        `(${mixed.normal.filter((o) => o.status === 503).length} of them normal); normal p50 ${pct(normalOk, 50).toFixed(1)} ms p95 ${pct(normalOk, 95).toFixed(1)} ms; ` +
        `without attackers p50 ${pct(baseOk, 50).toFixed(1)} ms p95 ${pct(baseOk, 95).toFixed(1)} ms (${base140.normal.filter((o) => o.status !== 200).length} not 200)`,
    );
    rows.push({ name: 'abuse: 200 clients 30% expensive, normal p50', value: pct(normalOk, 50), unit: 'ms', baseline: pct(baseOk, 50), ratio: pct(normalOk, 50) / pct(baseOk, 50) });
    rows.push({ name: 'abuse: 200 clients 30% expensive, normal p95', value: pct(normalOk, 95), unit: 'ms', baseline: pct(baseOk, 95), ratio: pct(normalOk, 95) / pct(baseOk, 95) });
    rows.push({ name: 'abuse: 200 clients, error rate (resets, 5xx)', value: (100 * errors) / all.length, unit: '%', baseline: 'none expected', ratio: errors / all.length });

    // 3. /mijn.json with 200 saved searches, while a normal client searches.
    const cookie = { cookie: `kl_session=${session}` };
    const mineAlone: number[] = [];
    for (let i = 0; i < 5; i++) mineAlone.push((await get('10.0.2.1', '/mijn.json', cookie)).ms);
    let loading = true;
    const during: number[] = [];
    const searcher = (async () => {
      while (loading) during.push((await search('10.0.2.2', NORMAL[during.length % NORMAL.length]!)).ms);
    })();
    const mineLoaded: Outcome[] = [];
    for (let i = 0; i < 5; i++) mineLoaded.push(await get('10.0.2.1', '/mijn.json', cookie));
    loading = false;
    await searcher;
    const detail = await get('10.0.2.1', '/mijn.json', cookie);
    if (mineLoaded.some((o) => o.status !== 200) || detail.status !== 200) throw new Error(`/mijn.json answered ${mineLoaded.map((o) => o.status).join(',')}`);
    const mineMs = pct(mineLoaded.map((o) => o.ms), 50);
    log(`abuse bench: /mijn.json with 200 saved searches p50 ${pct(mineAlone, 50).toFixed(1)} ms alone, ${mineMs.toFixed(1)} ms while a client searches; that client's searches meanwhile p50 ${pct(during, 50).toFixed(1)} ms (alone ${pct(alone, 50).toFixed(1)} ms)`);
    rows.push({ name: 'abuse: /mijn.json, 200 saved searches', value: mineMs, unit: 'ms', baseline: pct(alone, 50), ratio: mineMs / pct(alone, 50) });
    rows.push({ name: 'abuse: normal search p50 during /mijn', value: pct(during, 50), unit: 'ms', baseline: pct(alone, 50), ratio: pct(during, 50) / pct(alone, 50) });
  } finally {
    child.stdin!.end();
    await new Promise((r) => child.once('exit', r));
  }
  return rows;
}

const isMain = process.argv[1] && /abuse\.(ts|js)$/.test(process.argv[1]);
if (isMain) {
  const { formatRow } = await import('./row.js');
  for (const row of await benchAbuse({ log: (m) => console.log(m) })) console.log(formatRow(row));
}
