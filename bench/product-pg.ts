// The whole product on PostgreSQL against the SQLite default, in the same run (issue 15): `kamerlens import` of the same
// corpus into each, file by file and taking turns, with PostgreSQL's own COPY of the same records as its floor; then a
// real `kamerlens serve` on each answering the query mix through GET /api/search and a few pages (p50/p95, the same
// totals on both), and its memory. `npx tsx bench/product-pg.ts [size] [reps]` after `npm run build`; in `npm run bench`
// the opt-in stage `productpg` (BENCH_PRODUCT_PG=1, size BENCH_PRODUCT_PG_DOCS, 100,000 by default).
// At 600,000 documents importing both takes hours: BENCH_PRODUCT_PG_SQLITE_DIR=<data folder> serves the folder the scale
// stage kept (BENCH_SCALE=1 BENCH_KEEP=1) and imports PostgreSQL alone, the way that folder was filled (bench/scale.ts's
// importLikeCli, its files of 50,000 lines, the promise pass or not as its import.json says), taking turns with raw FTS5
// of the same files; the SQLite import figure is then that earlier run's. BENCH_PRODUCT_PG_KEEP=<folder> keeps the
// cluster and the import figures there, so a later run with the same folder measures the serving again without importing.

import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { ensureCorpus } from './corpus.js';
import { cli, rssMb, scratchDatabases } from './processes.js';
import type { BenchRow } from './row.js';
import { migratePg, openPgServices } from '../src/main.js';
import { hadPromisePass, importLikeCli, rawFts5, serve, splitCorpus, stop, type ScaleResult, type Server } from './scale.js';
import { latencyOf, pickRareWord, queryMix, type Latency } from './search.js';
import { getBody, keepAliveAgent } from './http-search.js';
import { lightClientTurns } from './light-client.js';

const FILE_LINES = 25_000;

/** The corpus's first `size` lines as files of FILE_LINES lines (the time this takes is no importer's). */
async function split(corpus: string, size: number, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  let lines: string[] = [];
  let n = 0;
  const flush = () => {
    if (lines.length === 0) return;
    const f = join(dir, `part-${String(files.length).padStart(3, '0')}.jsonl`);
    writeFileSync(f, lines.join('\n') + '\n');
    files.push(f);
    lines = [];
  };
  for await (const line of createInterface({ input: createReadStream(corpus), crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    lines.push(line);
    if (++n === size) break;
    if (lines.length === FILE_LINES) flush();
  }
  flush();
  return files;
}

/** COPY … FROM STDIN of the same records (title, text, kind, date) through psql: the floor of writing them to PostgreSQL. */
async function copyFloor(bin: string, url: string, files: string[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE TABLE IF NOT EXISTS raw_copy (title text, body text, kind text, date text)');
  await client.end();
  let ms = 0;
  for (const f of files) {
    const t0 = performance.now();
    const psql = spawn(join(bin, 'psql'), [url, '-v', 'ON_ERROR_STOP=1', '-c', 'COPY raw_copy (title, body, kind, date) FROM STDIN WITH (FORMAT csv)'], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let err = '';
    psql.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const done = new Promise<void>((ok, fail) => psql.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`psql COPY: ${err}`)))));
    const csv = (s: string) => `"${s.replace(/"/g, '""')}"`;
    for await (const line of createInterface({ input: createReadStream(f), crlfDelay: Infinity })) {
      if (line.trim() === '') continue;
      const d = JSON.parse(line) as { title: string; text: string; kind: string; date: string };
      if (!psql.stdin.write(`${csv(d.title)},${csv(d.text)},${csv(d.kind)},${csv(d.date)}\n`)) await new Promise((ok) => psql.stdin.once('drain', ok));
    }
    psql.stdin.end();
    await done;
    ms += performance.now() - t0;
  }
  return ms;
}

/** A GET's body (fails on anything but 200). */

export interface ProductRow {
  name: string;
  path: string;
  sqlite: Latency;
  pg: Latency;
  /** The search's total (with ≈ when estimated) on each backend; null for a page. */
  totals: [string, string] | null;
}

export interface ProductImport {
  pgSeconds: number;
  /** PostgreSQL's COPY of the same records, in the same run. */
  copySeconds: number;
  /** null: a reused SQLite folder without the figures of the run that filled it. */
  sqliteSeconds: number | null;
  /** Where the SQLite figure is from: null for this run, else the file of the run that filled the reused folder. */
  sqliteFrom: string | null;
  /** Whether both imports ran the promise pass after each file. */
  promisePass: boolean;
  /** Raw FTS5 of the same files, taking turns with PostgreSQL (only when PostgreSQL is imported alone). */
  fts5Seconds?: number;
}

export interface ProductResult {
  size: number;
  import: ProductImport;
  rows: ProductRow[];
  memoryMb: { sqlite: number; pg: number };
  firstQueryMs: { sqlite: number; pg: number };
  /** What each database takes: the SQLite file, PostgreSQL's pg_database_size (tables, indexes, TOAST). */
  bytes: { sqlite: number; pg: number };
}

/** The paths measured: the query mix, then pages that read many stores (a document, the promises, the Council, parties). */
async function paths(base: string, rare: string): Promise<{ name: string; path: string }[]> {
  const mix = queryMix(rare).map((q) => ({ name: q.name, path: `/api/search?q=${encodeURIComponent(q.kamerlens)}` }));
  const hit = (JSON.parse(await getBody(base, '/api/search?q=informatie')) as { results: { id: string }[] }).results[0]!.id;
  return [
    ...mix,
    { name: 'page: a document', path: `/documents/${encodeURIComponent(hit)}` },
    { name: 'page: /toezeggingen', path: '/toezeggingen' },
    { name: 'page: /raad', path: '/raad' },
    { name: 'api: /api/commitments', path: '/api/commitments' },
  ];
}

const totalOf = (body: string): string => {
  const r = JSON.parse(body) as { total: number; totalIsEstimate?: boolean };
  return (r.totalIsEstimate ? '≈' : '') + r.total;
};

/**
 * BENCH_PRODUCT_PG_SQLITE_DIR=<data folder>: that SQLite folder is served instead of importing
 * one (at 600,000 documents the import into both takes hours): the folder the scale stage left
 * (bench/scale.ts, BENCH_KEEP=1), whose import.json beside it says whether it ran the promise
 * pass; PostgreSQL is then filled the same way (importLikeCli, the same files of 50,000 lines,
 * the pass or not), taking turns with raw FTS5 of the same files, so the totals and pages
 * compare. BENCH_PRODUCT_PG_KEEP=<folder>: the cluster and its import figures are kept there;
 * run again with the same folder, the import is skipped and only the serving measured again.
 */
export async function benchProductPg(size: number, reps: number, log: (m: string) => void = console.log): Promise<ProductResult | null> {
  const sqliteDir = process.env['BENCH_PRODUCT_PG_SQLITE_DIR'];
  const keepIn = process.env['BENCH_PRODUCT_PG_KEEP'];
  const cluster = await scratchDatabases(['bench_product', 'bench_copy'], log, keepIn ? join(keepIn, 'cluster') : undefined);
  if (!cluster) return null;
  const corpus = await ensureCorpus(size, log);
  const dir = keepIn ?? mkdtempSync(join(tmpdir(), 'kl-productpg-'));
  const figures = join(dir, 'import.json');
  const servers: Server[] = [];
  try {
    const pgEnv = { KAMERLENS_DATABASE_URL: cluster.url('bench_product'), KAMERLENS_DATA: join(dir, 'pg-data') };
    const sqliteEnv = { KAMERLENS_DATA: sqliteDir ?? join(dir, 'sqlite-data') };
    let imported: ProductImport;
    if (cluster.reused) {
      if (!existsSync(figures)) throw new Error(`${keepIn} holds a cluster whose import did not finish: remove the folder to start over`);
      imported = JSON.parse(readFileSync(figures, 'utf8')) as ProductImport;
      log(`[${size}] reusing the PostgreSQL import kept in ${keepIn}: its import figures are that run's`);
      // Kept by an earlier version: brought to this one's schema first, as an operator does after an upgrade.
      log(`[${size}] kamerlens migrate on the kept database: ${(cli(pgEnv, 'migrate') / 1000).toFixed(1)} s`);
    } else {
      imported = sqliteDir ? await importPgAlone(size, corpus, sqliteDir, dir, cluster, log) : await importBoth(size, corpus, dir, cluster, sqliteEnv, pgEnv, log);
      if (keepIn) writeFileSync(figures, JSON.stringify(imported));
    }
    const bytes = { sqlite: statSync(join(sqliteEnv.KAMERLENS_DATA, 'kamerlens.db')).size, pg: await databaseBytes(cluster.url('bench_product')) };
    const rare = await pickRareWord(corpus);
    // Both servers up, each path asked of one then the other in turn (the order alternating), so a busy spell of this
    // shared machine falls on both.
    const sq = await serve(sqliteEnv.KAMERLENS_DATA, sqliteEnv);
    servers.push(sq);
    const pq = await serve(pgEnv.KAMERLENS_DATA, pgEnv);
    servers.push(pq);
    // A connection kept open to each server, as the scale stage asks (http-search.ts, keepAliveAgent): a
    // connection per request measured the TCP handshake too (1.5 ms of a 6 ms search at 600,000 documents).
    const agents = new Map([sq, pq].map((s) => [s.base, keepAliveAgent()]));
    const get = (base: string, path: string) => getBody(base, path, agents.get(base) ?? false);
    const firstOf = async (s: Server) => {
      const t0 = performance.now();
      await get(s.base, '/api/search?q=informatie');
      return performance.now() - t0;
    };
    const first = { sqlite: await firstOf(sq), pg: await firstOf(pq) };
    const list = await paths(sq.base, rare);
    const rows: ProductRow[] = [];
    // Each path's answer from each server first, its totals compared: the first asking, so a just-started
    // node that answers differently (a budget spent waiting for its lists) shows as "totals differ".
    const bodies: [string, string][] = [];
    for (const p of list) bodies.push([await get(sq.base, p.path), await get(pq.base, p.path)]);
    // Timed from a light client process (bench/light-client.ts), as the scale stage times: this
    // process has read the corpus, and its collections and event loop would count in each request.
    const timed = await lightClientTurns({ bases: [sq.base, pq.base], paths: list.map((p) => p.path), reps });
    list.forEach((p, i) => {
      const [a, b] = bodies[i]!;
      const [sqTimes, pgTimes] = timed[i]!;
      rows.push({ name: p.name, path: p.path, sqlite: latencyOf(sqTimes!), pg: latencyOf(pgTimes!), totals: p.path.startsWith('/api/search') ? [totalOf(a), totalOf(b)] : null });
    });
    const memory = { sqlite: rssMb(sq.child.pid!), pg: rssMb(pq.child.pid!) };
    for (const a of agents.values()) a.destroy();
    return {
      size,
      import: imported,
      rows,
      memoryMb: memory,
      firstQueryMs: first,
      bytes,
    };
  } finally {
    for (const s of servers) await stop(s);
    cluster.stop();
    if (!keepIn) rmSync(dir, { recursive: true, force: true });
  }
}

async function databaseBytes(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n')).rows[0]!.n);
  } finally {
    await client.end();
  }
}

type Cluster = NonNullable<Awaited<ReturnType<typeof scratchDatabases>>>;

/** `kamerlens import` of FILE_LINES-line files into a fresh SQLite folder and into PostgreSQL, taking turns; then COPY. */
async function importBoth(
  size: number,
  corpus: string,
  dir: string,
  cluster: Cluster,
  sqliteEnv: Record<string, string>,
  pgEnv: Record<string, string>,
  log: (m: string) => void,
): Promise<ProductImport> {
  const files = await split(corpus, size, join(dir, 'parts'));
  cli(pgEnv, 'migrate');
  log(`[${size}] \`kamerlens import\` into SQLite and into PostgreSQL, ${files.length} files of ${FILE_LINES} taking turns …`);
  let sqliteMs = 0;
  let pgMs = 0;
  for (let i = 0; i < files.length; i++) {
    const order: [Record<string, string>, (ms: number) => void][] = [
      [sqliteEnv, (ms) => (sqliteMs += ms)],
      [pgEnv, (ms) => (pgMs += ms)],
    ];
    if (i % 2 === 1) order.reverse();
    for (const [env, add] of order) add(cli(env, 'import', files[i]!));
    log(`  ${Math.min(size, (i + 1) * FILE_LINES)} docs: SQLite ${(sqliteMs / 1000).toFixed(0)} s, PostgreSQL ${(pgMs / 1000).toFixed(0)} s`);
  }
  const copyMs = await copyFloor(cluster.bin, cluster.url('bench_copy'), files);
  log(`  PostgreSQL COPY of the same records: ${(copyMs / 1000).toFixed(1)} s`);
  rmSync(join(dir, 'parts'), { recursive: true, force: true });
  return { sqliteSeconds: sqliteMs / 1000, sqliteFrom: null, promisePass: true, pgSeconds: pgMs / 1000, copySeconds: copyMs / 1000 };
}

/**
 * PostgreSQL filled the way the reused SQLite folder was (bench/scale.ts: importLikeCli on the
 * corpus in files of 50,000 lines, with the promise pass after each or without, as its
 * import.json says), taking turns file by file with raw FTS5 of the same files; then COPY.
 */
async function importPgAlone(size: number, corpus: string, sqliteDir: string, dir: string, cluster: Cluster, log: (m: string) => void): Promise<ProductImport> {
  const scaleFile = join(sqliteDir, '..', 'import.json');
  const scale = existsSync(scaleFile) ? (JSON.parse(readFileSync(scaleFile, 'utf8')) as ScaleResult['import']) : null;
  const promisePass = scale ? hadPromisePass(scale) : process.env['BENCH_SCALE_PROMISES'] !== 'sample';
  if (scale && scale.kamerlens.docs !== size) throw new Error(`${scaleFile} is of ${scale.kamerlens.docs} documents, not ${size}`);
  const chunks = await splitCorpus(corpus, join(dir, 'parts'));
  const url = cluster.url('bench_product');
  await migratePg(url);
  const services = await openPgServices(url, join(dir, 'pg-data'));
  const fts = rawFts5(join(dir, 'fts5.db'));
  log(`[${size}] importing into PostgreSQL ${promisePass ? 'with' : 'without'} the promise pass (as ${sqliteDir} was), taking turns with raw FTS5, ${chunks.length} files …`);
  let pgMs = 0;
  let passMs = 0;
  let fMs = 0;
  let docs = 0;
  try {
    for (let i = 0; i < chunks.length; i++) {
      const runP = async () => {
        const r = await importLikeCli(services, chunks[i]!.file, promisePass);
        pgMs += r.ms;
        passMs += r.passMs;
        docs += r.docs;
      };
      const runF = async () => (fMs += await fts.insertFile(chunks[i]!.file));
      if (i % 2 === 0) {
        await runP();
        await runF();
      } else {
        await runF();
        await runP();
      }
      const pass = promisePass ? `, the promise pass ${(passMs / 1000).toFixed(0)} s of it` : '';
      log(`  ${new Date().toISOString().slice(11, 19)} ${docs} docs: PostgreSQL ${(docs / (pgMs / 1000)).toFixed(0)} docs/s (${(pgMs / 1000).toFixed(0)} s${pass}), raw FTS5 ${(docs / (fMs / 1000)).toFixed(0)} docs/s; load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    }
  } finally {
    await services.close();
    fts.close();
    rmSync(join(dir, 'fts5.db'), { force: true });
  }
  if (docs !== size) throw new Error(`PostgreSQL took ${docs} new documents of ${size}`);
  const copyMs = await copyFloor(cluster.bin, cluster.url('bench_copy'), chunks.map((c) => c.file));
  log(`  PostgreSQL COPY of the same records: ${(copyMs / 1000).toFixed(1)} s`);
  rmSync(join(dir, 'parts'), { recursive: true, force: true });
  return {
    sqliteSeconds: scale ? scale.kamerlens.seconds : null,
    sqliteFrom: scale ? scaleFile : null,
    promisePass,
    pgSeconds: pgMs / 1000,
    copySeconds: copyMs / 1000,
    fts5Seconds: fMs / 1000,
  };
}

const ms = (x: number): string => (x < 10 ? x.toFixed(2) : x.toFixed(1));
const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

export function printProductPg(r: ProductResult, log: (m: string) => void = console.log): BenchRow[] {
  const { sqliteSeconds: s, pgSeconds: p, copySeconds: c, fts5Seconds: f, sqliteFrom, promisePass } = r.import;
  const rate = (secs: number) => `${(r.size / secs).toFixed(0)} docs/s`;
  log(`\n== the whole product on PostgreSQL against SQLite: ${r.size} documents ==`);
  const how = sqliteFrom ? `importLikeCli, promise pass ${promisePass ? 'included' : 'left out'}` : '`kamerlens import`, promise pass included';
  log(`import (${how}): PostgreSQL ${rate(p)}; PostgreSQL COPY of the same records in this run ${rate(c)} (the import ${(c / p).toFixed(3)}x COPY)`);
  if (f !== undefined) log(`  raw FTS5 of the same files, taking turns with PostgreSQL: ${rate(f)} (the import ${(f / p).toFixed(3)}x raw FTS5)`);
  if (s !== null) log(`  SQLite ${rate(s)} (${sqliteFrom ? `the run that filled the reused folder, ${sqliteFrom}` : 'taking turns with PostgreSQL'}): PostgreSQL ${(s / p).toFixed(2)}x SQLite`);
  log(`first search of a fresh server: SQLite ${ms(r.firstQueryMs.sqlite)} ms, PostgreSQL ${ms(r.firstQueryMs.pg)} ms; memory after the mix: SQLite ${r.memoryMb.sqlite.toFixed(0)} MB, PostgreSQL ${r.memoryMb.pg.toFixed(0)} MB`);
  log(`database: SQLite ${(r.bytes.sqlite / 1e9).toFixed(2)} GB, PostgreSQL ${(r.bytes.pg / 1e9).toFixed(2)} GB (${(r.bytes.pg / r.bytes.sqlite).toFixed(2)}x)`);
  log(pad('path', 34) + lpad('total sqlite', 14) + lpad('total pg', 12) + lpad('sq p50', 9) + lpad('sq p95', 9) + lpad('pg p50', 9) + lpad('pg p95', 9) + lpad('p50 pg/sq', 11));
  for (const x of r.rows) {
    log(
      pad(x.name, 34) + lpad(x.totals?.[0] ?? '', 14) + lpad(x.totals?.[1] ?? '', 12) + lpad(ms(x.sqlite.p50), 9) + lpad(ms(x.sqlite.p95), 9) + lpad(ms(x.pg.p50), 9) + lpad(ms(x.pg.p95), 9) +
        lpad((x.pg.p50 / x.sqlite.p50).toFixed(2) + 'x', 11),
    );
  }
  const differ = r.rows.filter((x) => x.totals && x.totals[0] !== x.totals[1]);
  log(differ.length === 0 ? 'every search total the same on both' : `totals differ: ${differ.map((x) => x.name).join(', ')}`);
  const geo = Math.exp(r.rows.reduce((sum, x) => sum + Math.log(x.pg.p50 / x.sqlite.p50), 0) / r.rows.length);
  return [
    // Against SQLite only when it was imported in this run; else against COPY, which always was.
    s !== null && !sqliteFrom
      ? { name: `productpg: import into PostgreSQL (${r.size} docs)`, value: p, unit: 's', baseline: s, ratio: p / s }
      : { name: `productpg: import into PostgreSQL (${r.size} docs)`, value: p, unit: 's', baseline: `COPY ${c.toFixed(1)} s`, ratio: p / c },
    { name: 'productpg: p50 over the mix and pages (geometric mean)', value: geo, unit: 'x', baseline: 1, ratio: geo },
  ];
}

if (process.argv[1]?.endsWith('product-pg.ts') || process.argv[1]?.endsWith('product-pg.js')) {
  const r = await benchProductPg(Number(process.argv[2] ?? 10_000), Number(process.argv[3] ?? 21));
  if (r) printProductPg(r);
}
