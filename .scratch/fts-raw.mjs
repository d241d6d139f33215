import Database from 'better-sqlite3';
import { createReadStream, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
const [file, db] = process.argv.slice(2);
rmSync(db, { force: true });
const t0 = performance.now();
const f = new Database(db); f.pragma('journal_mode = WAL'); f.pragma('synchronous = NORMAL');
f.exec('CREATE VIRTUAL TABLE raw USING fts5(title, body, kind UNINDEXED)');
const ins = f.prepare('INSERT INTO raw (title, body, kind) VALUES (?, ?, ?)');
const tx = f.transaction((b) => { for (const r of b) ins.run(r.title, r.text, r.kind); });
let batch = []; let n = 0;
for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
  if (!line.trim()) continue; let r; try { r = JSON.parse(line); } catch { continue; }
  batch.push(r); n++; if (batch.length === 500) { tx(batch); batch = []; }
}
tx(batch); f.close();
console.log(n, 'docs', ((performance.now() - t0) / 1000).toFixed(2), 's');
