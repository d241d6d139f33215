// What the search entries of the parts of documents cost (commitments, questions with their
// answers: src/ingest/structure-search.ts; turns of debates: passages): the full import of the
// same records with them, against the same import with the index handed documents only (the
// entries dropped at the index's door), run in turn in the same process; and the index's size
// on disk both ways. Runnable alone: `npx tsx bench/entries.ts [docs]`.

import { createReadStream, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { IndexDocument, SearchIndex } from '../src/domain/search.js';
import { importPaths } from '../src/ingest/import.js';
import { deriveVerslag } from '../src/ingest/vlos.js';
import { openServices, type Opened } from '../src/main.js';
import { unitsWith } from '../test/helpers/units.js';
import { cacheDir } from './corpus.js';
import type { BenchRow } from './row.js';

const PART_TYPES = new Set(['toezegging', 'vraag', 'passage']);
const VLOS_REPORT = 'test/fixtures/tk-vlos/resources/03686ab6-0000-4000-8000-000000000001';

/** The index as it was before parts had entries: documents (and the Kamer's entities) only. */
function documentsOnly(index: SearchIndex): SearchIndex {
  return new Proxy(index, {
    get(target, prop, receiver) {
      if (prop === 'upsert') return (docs: IndexDocument[]) => target.upsert(docs.filter((d) => !PART_TYPES.has(d.type ?? 'document')));
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** The first `n` records of the largest cached corpus, as an NDJSON file of their own. */
async function subset(n: number): Promise<string> {
  const out = join(cacheDir(), `corpus-entries-${n}.jsonl`);
  if (existsSync(out)) return out;
  const src = [100_000, 10_000, 600_000].map((s) => join(cacheDir(), `corpus-${s}.jsonl`)).find((f) => existsSync(f));
  if (!src) throw new Error('no corpus in bench/.cache: run `npm run bench` (the search stage generates it)');
  const lines: string[] = [];
  for await (const line of createInterface({ input: createReadStream(src) })) {
    if (line.trim() === '') continue;
    lines.push(line);
    if (lines.length >= n) break;
  }
  writeFileSync(out, lines.join('\n') + '\n');
  return out;
}

/** Bytes of the index's tables on disk (dbstat), after a checkpoint. */
function indexBytes(file: string): number {
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const row = db.prepare("SELECT sum(pgsize) AS b FROM dbstat WHERE name LIKE 'ix\\_%' ESCAPE '\\' OR name LIKE 'sqlite_autoindex_ix\\_%' ESCAPE '\\'").get() as { b: number | null };
  db.close();
  return row.b ?? 0;
}

function entryCounts(file: string): string {
  const db = new Database(file, { readonly: true });
  const rows = db.prepare('SELECT type, count(*) AS n FROM ix_docs WHERE live = 1 GROUP BY type ORDER BY n DESC').all() as { type: string; n: number }[];
  db.close();
  return rows.map((r) => `${r.n} ${r.type}`).join(', ');
}

function fresh(file: string): Opened {
  for (const f of [file, file + '-wal', file + '-shm']) if (existsSync(f)) rmSync(f);
  return openServices(file);
}

export async function benchEntries(docs = Number(process.env['BENCH_ENTRIES_DOCS'] ?? 10_000), log: (m: string) => void = console.error): Promise<BenchRow[]> {
  const corpus = await subset(docs);
  const dir = cacheDir();
  const secs = { with: [] as number[], without: [] as number[] };
  const files = { with: join(dir, 'bench-entries-with.db'), without: join(dir, 'bench-entries-without.db') };
  // Two rounds, the order swapped, so a busy spell of the machine falls on both.
  for (const order of [['without', 'with'], ['with', 'without']] as const) {
    for (const which of order) {
      const s = fresh(files[which]);
      const index = which === 'with' ? s.index : documentsOnly(s.index);
      const t0 = performance.now();
      const r = await importPaths([corpus], { units: unitsWith(s.units, { index }), store: s.store, index, structure: s.structure });
      secs[which].push((performance.now() - t0) / 1000);
      await s.close();
      if (r.counts.failed > 0) throw new Error(`import failed: ${JSON.stringify(r.failures.slice(0, 2))}`);
    }
  }
  const best = (xs: number[]) => Math.min(...xs);
  const sizeWith = indexBytes(files.with);
  const sizeWithout = indexBytes(files.without);
  log(`  ${docs} records; index entries with parts: ${entryCounts(files.with)}`);
  log(`  import s: with ${secs.with.map((x) => x.toFixed(1)).join(', ')}; without ${secs.without.map((x) => x.toFixed(1)).join(', ')}`);

  // A real report of a sitting: derived (parse, link, import its text) with and without its passages.
  const report = new Uint8Array(readFileSync(join(fileURLToPath(new URL('.', import.meta.url)), existsSync(join(fileURLToPath(new URL('.', import.meta.url)), '..', VLOS_REPORT)) ? '..' : '../..', VLOS_REPORT)));
  const derive = async (which: 'with' | 'without') => {
    const s = openServices(':memory:');
    const index = which === 'with' ? s.index : documentsOnly(s.index);
    const t0 = performance.now();
    await deriveVerslag({ units: unitsWith(s.units, { index }), store: s.store, index, tkStore: s.tk, vlos: s.vlos }, '03686ab6-0000-4000-8000-000000000001', report);
    const ms = performance.now() - t0;
    await s.close();
    return ms;
  };
  const vlos = { with: [] as number[], without: [] as number[] };
  for (let i = 0; i < 5; i++) for (const w of i % 2 ? (['with', 'without'] as const) : (['without', 'with'] as const)) vlos[w].push(await derive(w));
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return [
    { name: `import ${docs} docs with part entries (s)`, value: best(secs.with), unit: 's', baseline: best(secs.without), ratio: best(secs.with) / best(secs.without) },
    { name: 'index size with part entries (MB)', value: sizeWith / 1e6, unit: 'MB', baseline: sizeWithout / 1e6, ratio: sizeWith / sizeWithout },
    { name: 'derive real VLOS report with passages (ms)', value: med(vlos.with), unit: 'ms', baseline: med(vlos.without), ratio: med(vlos.with) / med(vlos.without) },
  ];
}

if (process.argv[1] && /bench[\\/]entries\.(ts|js)$/.test(process.argv[1])) {
  const { formatRow } = await import('./row.js');
  for (const row of await benchEntries(process.argv[2] ? Number(process.argv[2]) : undefined)) console.log(formatRow(row));
}
