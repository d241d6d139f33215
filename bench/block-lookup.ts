// How long finding a term's block takes in the two shapes ix_blocks has had: a WITHOUT ROWID
// table keyed by (seg, first), as before session 20, and a rowid table with a unique key index
// (sqlite-segment-storage.ts, BLOCKS_TABLE says why). Both are filled with the same blocks of a
// data folder, in a scratch database of this run, and asked for the same terms.
//
//   npx tsx bench/block-lookup.ts <data folder or kamerlens.db> [terms]

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { rng } from './rng.js';
import type { BenchRow } from './row.js';

export interface LookupFigures {
  layout: 'without rowid' | 'rowid + key index';
  /** µs per look-up on a fresh connection (the database's pages not in SQLite's cache). */
  firstUs: number;
  /** µs per look-up of the same terms again (every page cached). */
  cachedUs: number;
}

const LAYOUTS = {
  'without rowid': 'CREATE TABLE blocks (seg INTEGER NOT NULL, first TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (seg, first)) WITHOUT ROWID',
  'rowid + key index': 'CREATE TABLE blocks (seg INTEGER NOT NULL, first TEXT NOT NULL, data BLOB NOT NULL); CREATE UNIQUE INDEX blocks_key ON blocks(seg, first)',
} as const;

/** Times the engine's look-up (SqliteSegmentStorage blockOf) of `n` terms in every segment, in both layouts. */
export function benchBlockLookup(source: string, n = 200): { figures: LookupFigures[]; blocks: number; mb: number; segments: number } {
  const file = statSync(source).isDirectory() ? join(source, 'kamerlens.db') : source;
  const dir = mkdtempSync(join(tmpdir(), 'kl-blocks-'));
  try {
    const src = new Database(file, { readonly: true, fileMustExist: true });
    const firsts = src.prepare<[], string>('SELECT first FROM ix_blocks').pluck().all();
    const segs = src.prepare<[], number>('SELECT seg FROM ix_segs ORDER BY seg').pluck().all();
    const { blocks, bytes } = src.prepare<[], { blocks: number; bytes: number }>('SELECT COUNT(*) AS blocks, SUM(length(data)) AS bytes FROM ix_blocks').get()!;
    src.close();
    // Terms as a query asks them: most fall inside a block, after its first term.
    const next = rng(20);
    const terms = Array.from({ length: n }, () => `${firsts[Math.floor(next() * firsts.length)]!}a`);
    const figures: LookupFigures[] = [];
    for (const [layout, ddl] of Object.entries(LAYOUTS) as [LookupFigures['layout'], string][]) {
      const path = join(dir, `${layout.replace(/\W+/g, '-')}.db`);
      const w = new Database(path);
      w.pragma('journal_mode = WAL');
      w.exec(ddl);
      w.exec(`ATTACH '${file.replace(/'/g, "''")}' AS src`);
      w.exec('INSERT INTO blocks (seg, first, data) SELECT seg, first, data FROM src.ix_blocks ORDER BY seg, first');
      w.close();
      const r = new Database(path, { readonly: true });
      r.pragma('cache_size = -65536');
      const blockOf = r.prepare<[number, string], [string, Buffer]>('SELECT first, data FROM blocks WHERE seg = ? AND first <= ? ORDER BY first DESC LIMIT 1').raw();
      const pass = () => {
        const t = performance.now();
        for (const term of terms) for (const seg of segs) blockOf.get(seg, term);
        return ((performance.now() - t) * 1000) / (terms.length * segs.length);
      };
      const firstUs = pass();
      figures.push({ layout, firstUs, cachedUs: pass() });
      r.close();
    }
    return { figures, blocks, mb: bytes / 1e6, segments: segs.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The stage of `npm run bench` (BLOCK_LOOKUP_DATA=<data folder>): the key index against the old layout, in this run. */
export function blockLookupRows(source: string): BenchRow[] {
  const { figures } = benchBlockLookup(source);
  const [before, after] = figures;
  return [
    { name: 'block look-up, uncached', value: after!.firstUs, unit: 'µs', baseline: `${before!.firstUs.toFixed(1)} µs, WITHOUT ROWID`, ratio: after!.firstUs / before!.firstUs },
    { name: 'block look-up, cached', value: after!.cachedUs, unit: 'µs', baseline: `${before!.cachedUs.toFixed(1)} µs, WITHOUT ROWID`, ratio: after!.cachedUs / before!.cachedUs },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [source, terms] = process.argv.slice(2);
  if (!source) {
    console.error('usage: npx tsx bench/block-lookup.ts <data folder or kamerlens.db> [terms]');
    process.exit(2);
  }
  const r = benchBlockLookup(source, terms ? Number(terms) : undefined);
  console.log(`${r.blocks} blocks (${r.mb.toFixed(0)} MB) in ${r.segments} segments; a term's block looked up in every segment:`);
  const [before, after] = r.figures;
  for (const f of r.figures) console.log(`  ${f.layout.padEnd(18)} ${f.firstUs.toFixed(1).padStart(8)} µs uncached ${f.cachedUs.toFixed(1).padStart(8)} µs cached`);
  console.log(`  rowid + key index against without rowid: uncached ${(after!.firstUs / before!.firstUs).toFixed(3)}x, cached ${(after!.cachedUs / before!.cachedUs).toFixed(3)}x`);
}
