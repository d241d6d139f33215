// Benchmark of the SyncFeed sync: entities/s of a full sync from the fake server against only parsing the same pages.
// Runnable alone: `npx tsx bench/sync.ts`.

import type { BenchRow } from './row.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syncFeed } from '../src/ingest/sync.js';
import { parseFeedPage } from '../src/source/tk/index.js';
import { indexWorld, pageEvents, pageFor } from '../test/fake-tk/feed-xml.js';
import { openTk } from '../test/fake-tk/open.js';
import { startFakeTk } from '../test/fake-tk/server.js';
import { buildLargeWorld } from '../test/fake-tk/world.js';

const ENTITIES = Number(process.env.TK_BENCH_ENTITIES ?? 50_000);
const PAGE_SIZE = 250;


/** Full sync of a generated 50,000-entity world (250-entry pages, no files) vs parsing the same XML. */
export async function benchSync(): Promise<BenchRow[]> {
  const world = buildLargeWorld(ENTITIES);
  const categories = [...new Set(world.events.map((e) => e.category))];
  const fake = await startFakeTk(world, { pageSize: PAGE_SIZE });
  const dir = mkdtempSync(join(tmpdir(), 'kl-bench-sync-'));
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
    const rssGrowthMb = (rssMax - rss0) / 1048576;

    return [
      { name: 'tk sync entities/s', value: Math.round(syncRate), unit: 'entities/s', baseline: 'parse only', ratio: syncRate / parseRate },
      { name: 'tk parse-only entities/s', value: Math.round(parseRate), unit: 'entities/s', baseline: `${(bytes / 1048576).toFixed(1)} MB of XML`, ratio: 1 },
      { name: 'tk sync vs target', value: Math.round(syncRate), unit: 'entities/s', baseline: 'target 5000/s', ratio: syncRate / 5000 },
      { name: 'tk sync RSS growth', value: Number(rssGrowthMb.toFixed(1)), unit: 'MB', baseline: `RSS at start ${(rss0 / 1048576).toFixed(0)} MB`, ratio: rssMax / rss0 },
    ];
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchSync()) {
    console.log(`${r.name.padEnd(28)} ${String(r.value).padStart(9)} ${r.unit.padEnd(11)} ${r.ratio.toFixed(2)}x ${r.baseline}`);
  }
}
