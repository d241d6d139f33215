import { parseBulkFile } from '../src/ingest/bulk-records.js';
import { saveBatch } from '../src/ingest/import.js';
import { openServices } from '../src/main.js';
import { rmSync, mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
const file = process.argv[2]!;
rmSync('/tmp/prof-db', { recursive: true, force: true }); mkdirSync('/tmp/prof-db');
const s = openServices('/tmp/prof-db/k.db');
const deps = { store: s.store, index: s.index, structure: s.structure };
let parseMs = 0, saveMs = 0, n = 0;
const items: any[] = [];
const it = parseBulkFile(file, 500)[Symbol.asyncIterator]();
for (;;) { const t = performance.now(); const nx = await it.next(); parseMs += performance.now() - t; if (nx.done) break; items.push(nx.value.events.filter((e: any) => !('error' in e)).map((e: any) => ({ id: e.id, version: e.version }))); }
const t1 = performance.now();
for (const b of items) { await saveBatch(b, deps); n += b.length; }
saveMs = performance.now() - t1;
await s.close();
const f = new Database('/tmp/prof-db/f.db'); f.pragma('journal_mode = WAL'); f.pragma('synchronous = NORMAL');
f.exec('CREATE VIRTUAL TABLE raw USING fts5(title, body, kind UNINDEXED)');
const ins = f.prepare('INSERT INTO raw (title, body, kind) VALUES (?, ?, ?)');
const tx = f.transaction((b: any[]) => { for (const { version: v } of b) ins.run(v.title, v.text, v.kind); });
const t2 = performance.now(); for (const b of items) tx(b); const ftsMs = performance.now() - t2;
console.log({ n, parseMs: Math.round(parseMs), saveMs: Math.round(saveMs), ftsMs: Math.round(ftsMs), ratio: (ftsMs / (saveMs + parseMs)).toFixed(3), ratioNoParse: (ftsMs / saveMs).toFixed(3) });
