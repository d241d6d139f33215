// Benchmark of the SyncFeed sync: entities/s of a full sync from the fake server against only
// parsing the same pages, and whether its memory stays flat as the feed gets longer.
// Runnable alone: `npx tsx bench/sync.ts`.

import type { BenchRow } from './row.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { syncFeed } from '../src/ingest/sync.js';
import { HttpTkSource, parseFeedPage, type TkSource } from '../src/source/tk/index.js';
import { indexWorld, pageEvents, pageFor } from '../test/fake-tk/feed-xml.js';
import { openTk } from '../test/fake-tk/open.js';
import { startFakeTk } from '../test/fake-tk/server.js';
import { buildLargeWorld } from '../test/fake-tk/world.js';

const ENTITIES = Number(process.env.TK_BENCH_ENTITIES ?? 50_000);
const PAGE_SIZE = 250;
const MB = 1048576;

const MEMORY_CHILD = '--memory-child';

interface MemoryRun {
  entities: number;
  /** Heap in use after a full collection at the end of each tenth of the run, in bytes. */
  heap: number[];
  /** RSS at the same moments. */
  rss: number[];
  /** RSS after a full collection before the sync started (the world and server already built). */
  rss0: number;
  /** Highest RSS seen during the run (sampled every 20 ms and at each tenth). */
  rssPeak: number;
}

/**
 * Runs memoryRun in a fresh process (`--expose-gc`, the same loader flags as this one), so
 * that its RSS owes nothing to the earlier stages and runs of this process.
 */
function memoryRunInChild(entities: number): Promise<MemoryRun> {
  return new Promise((resolve, reject) => {
    const args = [...process.execArgv, '--expose-gc', fileURLToPath(import.meta.url), MEMORY_CHILD, String(entities)];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as MemoryRun) : reject(new Error(`memory run of ${entities} failed (${code})`))));
  });
}

/**
 * Syncs an `entities`-long world and takes a full collection and a memory sample after each
 * tenth of the entities has been read. Not timed: the collections would distort it.
 */
async function memoryRun(entities: number, gc: () => void): Promise<MemoryRun> {
  const world = buildLargeWorld(entities);
  const categories = [...new Set(world.events.map((e) => e.category))];
  const fake = await startFakeTk(world, { pageSize: PAGE_SIZE });
  const dir = mkdtempSync(join(tmpdir(), 'kl-bench-sync-mem-'));
  const opened = openTk(join(dir, 'kamerlens.db'));
  const run: MemoryRun = { entities, heap: [], rss: [], rss0: 0, rssPeak: 0 };
  try {
    const http = new HttpTkSource({ baseUrl: fake.url });
    let read = 0;
    const sample = () => {
      gc();
      const m = process.memoryUsage();
      run.heap.push(m.heapUsed);
      run.rss.push(m.rss);
      run.rssPeak = Math.max(run.rssPeak, m.rss);
    };
    // Samples when a page is handed over, so each tenth is measured at the same point of the loop.
    const counting: TkSource = {
      label: http.label,
      page: async (category, skiptoken) => {
        const page = await http.page(category, skiptoken);
        const before = Math.floor((read * 10) / entities);
        read += page.entries.length;
        if (Math.floor((read * 10) / entities) > before) sample();
        return page;
      },
      resource: (href, length) => http.resource(href, length),
    };
    gc();
    run.rss0 = process.memoryUsage().rss;
    run.rssPeak = run.rss0;
    const sampler = setInterval(() => (run.rssPeak = Math.max(run.rssPeak, process.memoryUsage().rss)), 20);
    const result = await syncFeed({ dataDir: dir, categories, files: false }, { ...opened, tkSource: counting });
    clearInterval(sampler);
    if (!result.ok || result.entities !== entities) throw new Error(`bench sync incomplete: ${JSON.stringify(result.categories)}`);
    return run;
  } finally {
    await opened.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Full sync of a generated 50,000-entity world (250-entry pages, no files) vs parsing the
 * same XML; then untimed runs of that length and twice that which show the memory stays flat.
 */
export async function benchSync(): Promise<BenchRow[]> {
  const world = buildLargeWorld(ENTITIES);
  const categories = [...new Set(world.events.map((e) => e.category))];
  const fake = await startFakeTk(world, { pageSize: PAGE_SIZE });
  const dir = mkdtempSync(join(tmpdir(), 'kl-bench-sync-'));
  const rows: BenchRow[] = [];
  try {
    // Baseline: parse every page the sync will fetch, already rendered, in memory.
    const index = indexWorld(world);
    const pages: string[] = [];
    for (const category of categories) {
      let token: string | null = null;
      for (;;) {
        pages.push(pageFor(index, fake.url, category, token, PAGE_SIZE));
        const { events, next } = pageEvents(index, category, token === null ? 0 : Number(token), PAGE_SIZE);
        if (next === null || events.length === 0) break;
        token = String(next);
      }
    }
    const bytes = pages.reduce((n, p) => n + Buffer.byteLength(p), 0);
    let parsed = 0;
    const p0 = performance.now();
    for (const xml of pages) parsed += parseFeedPage(xml).entries.length;
    const parseSeconds = (performance.now() - p0) / 1000;
    const parseRate = parsed / parseSeconds;
    pages.length = 0;

    const opened = openTk(join(dir, 'kamerlens.db'));
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let rssMax = rss0;
    const sampler = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss)), 50);
    const s0 = performance.now();
    const result = await syncFeed({ source: fake.url, dataDir: dir, categories, files: false }, opened);
    const syncSeconds = (performance.now() - s0) / 1000;
    clearInterval(sampler);
    rssMax = Math.max(rssMax, process.memoryUsage().rss);
    await opened.close();
    if (!result.ok || result.entities !== ENTITIES) throw new Error(`bench sync incomplete: ${JSON.stringify(result.categories)}`);
    const syncRate = ENTITIES / syncSeconds;
    const rssGrowthMb = (rssMax - rss0) / MB;

    rows.push(
      { name: 'tk sync entities/s', value: Math.round(syncRate), unit: 'entities/s', baseline: 'parse only', ratio: syncRate / parseRate },
      { name: 'tk parse-only entities/s', value: Math.round(parseRate), unit: 'entities/s', baseline: `${(bytes / MB).toFixed(1)} MB of XML`, ratio: 1 },
      { name: 'tk sync vs target', value: Math.round(syncRate), unit: 'entities/s', baseline: 'target 5000/s', ratio: syncRate / 5000 },
      { name: 'tk sync RSS growth', value: Number(rssGrowthMb.toFixed(1)), unit: 'MB', baseline: `RSS at start ${(rss0 / MB).toFixed(0)} MB`, ratio: rssMax / rss0 },
    );
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }

  // Memory however long the feed, in fresh processes of the feed's length and twice that: the
  // heap after a full collection at each tenth of the longer run (first vs last tenth), the
  // RSS over its last four tenths, and the peak RSS growth of both. RSS grows at first
  // because SQLite's page cache fills up to its cap (cache_size, 64 MiB; the database holds
  // about 1 MB per 1,000 entities), then stays flat: the whole series is printed.
  const shorter = await memoryRunInChild(ENTITIES);
  const longer = await memoryRunInChild(2 * ENTITIES);
  const mb = (b: number) => (b / MB).toFixed(1);
  const heapFirst = longer.heap[0]!;
  const heapLast = longer.heap.at(-1)!;
  const rssMid = longer.rss[5]!;
  const rssLast = longer.rss.at(-1)!;
  const growthShorter = shorter.rssPeak - shorter.rss0;
  const growthLonger = longer.rssPeak - longer.rss0;
  rows.push(
    {
      name: 'tk sync heap growth, 1st to 10th tenth',
      value: Number(((heapLast - heapFirst) / MB).toFixed(1)),
      unit: 'MB',
      baseline: `${longer.entities} entities; heap after gc at each tenth ${longer.heap.map(mb).join(' ')} MB`,
      ratio: heapLast / heapFirst,
    },
    {
      name: 'tk sync RSS growth, last 4 tenths of the feed',
      value: Number(((rssLast - rssMid) / MB).toFixed(1)),
      unit: 'MB',
      baseline: `${longer.entities} entities; RSS above start at each tenth ${longer.rss.map((r) => mb(r - longer.rss0)).join(' ')} MB`,
      ratio: rssLast / rssMid,
    },
    {
      name: 'tk sync peak RSS growth, feed x2',
      value: Number((growthLonger / MB).toFixed(1)),
      unit: 'MB',
      baseline: `${mb(growthShorter)} MB for ${shorter.entities} entities, ${mb(growthLonger)} MB for ${longer.entities}`,
      ratio: growthLonger / Math.max(growthShorter, 1),
    },
  );
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === MEMORY_CHILD) {
  if (!global.gc) throw new Error('a memory run needs --expose-gc');
  process.stdout.write(JSON.stringify(await memoryRun(Number(process.argv[3]), global.gc)));
} else if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchSync()) {
    console.log(`${r.name.padEnd(44)} ${String(r.value).padStart(9)} ${r.unit.padEnd(11)} ${r.ratio.toFixed(2)}x ${r.baseline}`);
  }
}
