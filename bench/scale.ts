// The archive at its real size (BENCH_SCALE=1): the full import, the data folder, a real `kamerlens serve` on loopback.

import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { importPaths } from '../src/ingest/import.js';
import { findKeeper } from '../src/ingest/promises.js';
import { keepPromises, openServices, type Opened } from '../src/main.js';
import { analyzeQuery, highlightSpec } from '../src/search/fts-query.js';
import { parseQuery } from '../src/search/query.js';
import { makeSnippet } from '../src/search/snippet.js';
import { packText, unpackText } from '../src/store/sqlite/codec.js';
import { cacheDir, repoRoot } from './corpus.js';
import { getSearch as search, httpAgainstEngine, keepAliveAgent, type HttpAgainstEngine } from './http-search.js';
import { lightClient } from './light-client.js';
import { sweepPages, type PageSweep } from './page-sweep.js';
import { machineCpu } from './processes.js';
import { latencyOf, measure, novelQueries, openBenchDb, pickRareWord, queryMix, type ImportResult, type Latency } from './search.js';

/** One structure (table or index) of a database: bytes on disk per document. */
export interface Structure {
  name: string;
  bytesPerDoc: number;
}

/** Everything measured at one size. */
export interface ScaleResult {
  size: number;
  /**
   * `promisePassSeconds`: of kamerlens's time, the promise pass after each file (the rest is storing).
   * `keeperSample`: with BENCH_SCALE_PROMISES=sample the pass is left out of the import, and the
   * keeper search it makes per commitment is timed on a sample of the commitments afterwards.
   */
  import: { kamerlens: ImportResult & { promisePassSeconds?: number; keeperSample?: KeeperSample }; fts5: ImportResult };
  bytes: { kamerlens: number; fts5: number };
  structures: { kamerlens: Structure[]; fts5: Structure[] };
  /** ms from spawning `kamerlens serve` to listening, and its first search after that (medians of fresh starts). */
  start: { listenMs: number; firstQueryMs: number; fts5FirstQueryMs: number; runs: number };
  /**
   * `kamerlens`: GET /api/search over a connection kept open, as browsers and proxies send it;
   * `newConnection`: a connection per request (the figure of sessions 5–11); both timed by a
   * light client process (light-client.ts, since session 17). `fromBench`: the kept connection
   * timed from this process, as sessions 5–16 measured it, in turns with the light client.
   */
  /**
   * `steal`: the share of the machine's cores its virtual machine's host took while the
   * query's rounds ran (/proc/stat): the same code runs twice as slow on a busy host.
   */
  queries: { name: string; total: string; kamerlens: Latency; newConnection?: Latency; fromBench?: Latency; fts5: Latency | null; steal?: number }[];
  /** Queries the server had not been asked before (novelAskings), through the HTTP API over a kept connection. */
  novel?: NovelAskings[];
  /** The same mix through GET /api/search against the engine alone in process, in the same run (http-search.ts). */
  httpVsEngine: HttpAgainstEngine[];
  /** Every page family, first and warm views, against the search page of a common word (page-sweep.ts). */
  pages?: PageSweep;
  /** Reading with decompression against the same rows kept plain, in this run: a hit's text + snippet, a page's text + structure. */
  decode: { snippet: number; page: number; snippetUs: number; pageUs: number; encodeUs: number };
}

/** One kind of novel query: its first askings, the same again, and raw FTS5's (one run each). */
export interface NovelAskings {
  kind: 'one word' | 'two words';
  queries: number;
  first: Latency;
  again: Latency;
  fts5: Latency;
}

/** The promise pass's search per commitment (findKeeper), timed on the archive the import left. */
export interface KeeperSample {
  commitments: number;
  /** Commitments with a date and a deadline: each costs one such search in a pass over the whole archive. */
  searchable: number;
  msEach: number;
}

const REPS = 21;
/** Rounds the light client runs before this process runs as many (httpQueries). */
const TURN = 7;
const STARTS = 3;

/** Sizes of the stage: BENCH_SCALE_SIZES, 100,000 and 600,000 by default (the growth is between them). */
export function scaleSizes(): number[] {
  return (process.env['BENCH_SCALE_SIZES'] ?? '100000,600000').split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
}

/**
 * The whole product at one size: the import of `kamerlens import` (read and validate the
 * NDJSON, parse, store, index) batch by batch, interleaved with raw FTS5 inserting the
 * same records (as benchImporters does, so busy spells of this shared machine fall on both);
 * the data folder's size and bytes per document per structure; then a real server process.
 */
export async function benchScale(size: number, corpusFile: string, log: (m: string) => void): Promise<ScaleResult> {
  const dir = join(cacheDir(), `scale-${size}`);
  const dataDir = join(dir, 'data');
  const dbFile = join(dataDir, 'kamerlens.db');
  const ftsFile = join(dir, 'fts5.db');
  const importFile = join(dir, 'import.json');
  // BENCH_SCALE_REUSE=1: measure again on the folders a BENCH_KEEP=1 run left (an hour of import saved).
  const reuse = process.env['BENCH_SCALE_REUSE'] === '1' && existsSync(importFile);
  if (!reuse) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
  }
  try {
    let imported: ScaleResult['import'];
    if (reuse) {
      imported = JSON.parse(readFileSync(importFile, 'utf8')) as ScaleResult['import'];
      log(`[${size}] reusing the import of an earlier run (${dir}): its import figures are that run's`);
    } else {
      imported = await importBoth(size, corpusFile, dbFile, ftsFile, log);
      writeFileSync(importFile, JSON.stringify(imported));
    }
    const bytes = { kamerlens: folderBytes(dataDir), fts5: statSync(ftsFile).size };
    log(`[${size}] data folder ${(bytes.kamerlens / 1e9).toFixed(2)} GB, raw FTS5 ${(bytes.fts5 / 1e9).toFixed(2)} GB; reading bytes per structure …`);
    const structures = { kamerlens: structuresOf(dbFile, size), fts5: structuresOf(ftsFile, size) };
    log(`[${size}] decompression against plain rows …`);
    const decode = decodeCost(dbFile);
    const rare = await pickRareWord(corpusFile);
    const fts = new Database(ftsFile, { readonly: true });
    const start = await startCost(dataDir, fts, log, size);
    log(`[${size}] searching through the HTTP API (${REPS} runs per query after 2 warm-ups; rare word: ${rare}) …`);
    const novelSet = await novelQueries(corpusFile, NOVEL, queryMix(rare).map((q) => q.kamerlens));
    const server = await serve(dataDir);
    let queries: ScaleResult['queries'];
    let novel: NovelAskings[];
    try {
      queries = await httpQueries(server.base, fts, rare);
      log(`[${size}] ${NOVEL} queries not asked before on this server, once each and then again …`);
      novel = [await novelAskings(server.base, fts, 'one word', novelSet.oneWord), await novelAskings(server.base, fts, 'two words', novelSet.twoWords)];
    } finally {
      await stop(server);
    }
    fts.close();
    log(`[${size}] the same mix through the HTTP API against the engine alone in this process (${REPS} rounds per query) …`);
    const httpVsEngine = await httpAgainstEngine(dataDir, queryMix(rare), REPS);
    log(`[${size}] every page family through a server …`);
    const s = await serve(dataDir);
    let pages: PageSweep;
    try {
      pages = await sweepPages(s.base);
    } finally {
      await stop(s);
    }
    return { size, import: imported, bytes, structures, start, queries, novel, decode, httpVsEngine, pages };
  } finally {
    if (process.env['BENCH_KEEP'] !== '1') rmSync(dir, { recursive: true, force: true });
  }
}

/** Lines per chunk of the import: the two importers take turns chunk by chunk. */
const CHUNK_LINES = 50_000;

/**
 * What `kamerlens import corpus.jsonl` does, timed as a user sees it: the CLI's own pipeline
 * (`importPaths`: a parse worker overlapping the store's writes, then the promise pass the CLI
 * runs after an import), against raw FTS5 reading the same file (line, JSON.parse, insert in
 * batches of 500). The corpus is cut into files of 50,000 lines and the two take turns file by
 * file, so busy spells of this shared machine fall on both.
 */
async function importBoth(size: number, corpusFile: string, dbFile: string, ftsFile: string, log: (m: string) => void) {
  log(`[${size}] importing with the CLI's pipeline (parse worker, store, index, promise pass) and into raw FTS5, ${CHUNK_LINES} lines at a time …`);
  const chunks = await splitCorpus(corpusFile, join(dirname(dbFile), '..', 'chunks'));
  const services = openServices(dbFile);
  const fts = rawFts5(ftsFile);
  // BENCH_SCALE_PROMISES=sample: the promise pass after every file made the 600,000 stage take hours
  // (README, "Why the import slows"); then storing is timed alone and the pass's search by a sample.
  const samplePass = process.env['BENCH_SCALE_PROMISES'] === 'sample';
  let kMs = 0;
  let passMs = 0;
  let fMs = 0;
  let docs = 0;
  let bytes = 0;
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i]!;
    const runK = async () => {
      const r = await importLikeCli(services, chunk.file, !samplePass);
      kMs += r.ms;
      passMs += r.passMs;
      docs += r.docs;
    };
    const runF = async () => (fMs += await fts.insertFile(chunk.file));
    if (i % 2 === 0) {
      await runK();
      await runF();
    } else {
      await runF();
      await runK();
    }
    bytes += chunk.bytes;
    const pass = samplePass ? 'without the promise pass' : `the promise pass ${(passMs / 1000).toFixed(0)} s`;
    log(`  ${docs} docs: kamerlens ${(docs / (kMs / 1000)).toFixed(0)} docs/s (of its ${(kMs / 1000).toFixed(0)} s, ${pass}), raw FTS5 ${(docs / (fMs / 1000)).toFixed(0)} docs/s`);
  }
  const keeperSample = samplePass ? await sampleKeepers(services, log) : undefined;
  await services.close();
  fts.close();
  rmSync(dirname(chunks[0]!.file), { recursive: true, force: true });
  const result = (ms: number): ImportResult => ({ docs, seconds: ms / 1000, docsPerSec: docs / (ms / 1000), mbPerSec: bytes / 1e6 / (ms / 1000) });
  return { kamerlens: { ...result(kMs), ...(samplePass ? { keeperSample } : { promisePassSeconds: passMs / 1000 }) }, fts5: result(fMs) };
}

/**
 * One file imported as this stage imports it, on any backend's services: `kamerlens import`'s
 * pipeline (importPaths: a parse worker overlapping the store's writes) and then, unless
 * `promisePass` is false (BENCH_SCALE_PROMISES=sample), the promise pass the CLI runs after an
 * import, timed apart (it is what grows with the archive: README, "Why the import slows").
 * Shared with bench/product-pg.ts, which fills PostgreSQL the way a kept folder was filled.
 */
export async function importLikeCli(services: Opened, file: string, promisePass: boolean): Promise<{ docs: number; ms: number; passMs: number }> {
  const deps = { units: services.units, store: services.store, index: services.index, structure: services.structure, tk: services.tk, vlos: services.vlos, onVersionStored: services.onVersionStored };
  const t = performance.now();
  const r = await importPaths([file], deps);
  const p = performance.now();
  if (promisePass) await keepPromises(services, false);
  const end = performance.now();
  if (r.failures.length) throw new Error(`import of ${file}: ${r.failures[0]!.message}`);
  return { docs: r.counts.new, ms: end - t, passMs: end - p };
}

/** Whether the scale stage that left `importJson` (its import.json) ran the promise pass after each file. */
export function hadPromisePass(imported: ScaleResult['import']): boolean {
  return imported.kamerlens.keeperSample === undefined;
}

/** Raw FTS5 (title, body, kind) in `file`, filled from NDJSON files the stage's way: a line, JSON.parse, batches of 500. */
export function rawFts5(file: string): { insertFile(ndjson: string): Promise<number>; close(): void } {
  const fdb = openBenchDb(file);
  fdb.exec('CREATE VIRTUAL TABLE raw USING fts5(title, body, kind UNINDEXED)');
  const ins = fdb.prepare('INSERT INTO raw (title, body, kind) VALUES (?, ?, ?)');
  const insertBatch = fdb.transaction((rows: { title: string; text: string; kind: string }[]) => {
    for (const r of rows) ins.run(r.title, r.text, r.kind);
  });
  return {
    /** ms spent. */
    async insertFile(ndjson) {
      const t = performance.now();
      let batch: { title: string; text: string; kind: string }[] = [];
      for await (const line of createInterface({ input: createReadStream(ndjson), crlfDelay: Infinity })) {
        if (line.trim() === '') continue;
        batch.push(JSON.parse(line) as { title: string; text: string; kind: string });
        if (batch.length === 500) {
          insertBatch(batch);
          batch = [];
        }
      }
      insertBatch(batch);
      return performance.now() - t;
    },
    close() {
      fdb.pragma('wal_checkpoint(TRUNCATE)');
      fdb.close();
    },
  };
}

/** findKeeper on every n-th open commitment with a date and a deadline (300 of them), after one warm-up. */
async function sampleKeepers(services: ReturnType<typeof openServices>, log: (m: string) => void): Promise<KeeperSample> {
  const open = await services.promises.openCommitments();
  const searchable = open.filter((c) => c.date && c.dueDate);
  const step = Math.max(1, Math.floor(searchable.length / 300));
  const sample = searchable.filter((_, i) => i % step === 0).slice(0, 300);
  if (sample.length === 0) return { commitments: open.length, searchable: 0, msEach: 0 };
  await findKeeper(services, sample[0]!);
  const t0 = performance.now();
  for (const c of sample) await findKeeper(services, c);
  const msEach = (performance.now() - t0) / sample.length;
  log(`  the promise pass's keeper search: ${msEach.toFixed(1)} ms per commitment (${sample.length} sampled of ${searchable.length} with a date and a deadline)`);
  return { commitments: open.length, searchable: searchable.length, msEach };
}

/** The corpus as files of CHUNK_LINES lines (the time this takes is no importer's). */
export async function splitCorpus(corpusFile: string, dir: string): Promise<{ file: string; bytes: number }[]> {
  mkdirSync(dir, { recursive: true });
  const out: { file: string; bytes: number }[] = [];
  let lines: string[] = [];
  const flush = () => {
    if (lines.length === 0) return;
    const file = join(dir, `part-${String(out.length).padStart(3, '0')}.jsonl`);
    const text = lines.join('\n') + '\n';
    writeFileSync(file, text);
    out.push({ file, bytes: Buffer.byteLength(text) });
    lines = [];
  };
  for await (const line of createInterface({ input: createReadStream(corpusFile), crlfDelay: Infinity })) {
    lines.push(line);
    if (lines.length === CHUNK_LINES) flush();
  }
  flush();
  return out;
}

/** Every file of the data folder (the database and, while open, its WAL). */
function folderBytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? folderBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size;
  return n;
}

/** Bytes per document of each table and index (SQLite's dbstat), largest first; the rest summed. */
function structuresOf(file: string, docs: number): Structure[] {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare("SELECT name, SUM(pgsize) AS bytes FROM dbstat WHERE aggregate = TRUE GROUP BY name ORDER BY bytes DESC").all() as { name: string; bytes: number }[];
    const big = rows.filter((r) => r.bytes / docs >= 10);
    const rest = rows.filter((r) => r.bytes / docs < 10).reduce((s, r) => s + r.bytes, 0);
    return [...big.map((r) => ({ name: r.name, bytesPerDoc: r.bytes / docs })), { name: `(${rows.length - big.length} others)`, bytesPerDoc: rest / docs }];
  } finally {
    db.close();
  }
}

/**
 * What decompression costs a reader: the same sample of stored rows read as stored, and read
 * from a plain copy made in this run (a temporary in-memory table, so both are read warm).
 * A hit: the text and its snippet; a document page: the text and the parsed structure.
 */
function decodeCost(dbFile: string): ScaleResult['decode'] {
  const db = new Database(dbFile);
  try {
    const n = db.prepare('SELECT COUNT(*) FROM documents').pluck().get() as number;
    const step = Math.max(1, Math.floor(n / 400));
    const ids = db.prepare('SELECT id FROM documents WHERE seq % ? = 0 ORDER BY seq').pluck().all(step) as string[];
    const stored = db.prepare<[string], { text: string | Buffer; structure: string | Buffer; codec: number }>(
      'SELECT v.text, v.structure, v.codec FROM documents d JOIN versions v ON v.doc_id = d.id AND v.version = d.current_version WHERE d.id = ?',
    );
    db.exec('CREATE TEMP TABLE plain (id TEXT PRIMARY KEY, text TEXT NOT NULL, structure TEXT NOT NULL)');
    const put = db.prepare('INSERT INTO temp.plain VALUES (?, ?, ?)');
    for (const id of ids) {
      const r = stored.get(id)!;
      put.run(id, unpackText(r.text, r.codec), unpackText(r.structure, r.codec));
    }
    const plain = db.prepare<[string], { text: string; structure: string }>('SELECT text, structure FROM temp.plain WHERE id = ?');
    const spec = highlightSpec(analyzeQuery(parseQuery('informatie europese').root!, () => ({ terms: [], truncated: false })));
    const time = (fn: (id: string) => void): number => {
      const runs: number[] = [];
      for (let r = 0; r < 5; r++) {
        const t0 = performance.now();
        for (const id of ids) fn(id);
        runs.push(performance.now() - t0);
      }
      return runs.sort((a, b) => a - b)[2]!;
    };
    const snippetStored = time((id) => {
      const r = stored.get(id)!;
      makeSnippet(unpackText(r.text, r.codec)!, spec);
    });
    const snippetPlain = time((id) => makeSnippet(plain.get(id)!.text, spec));
    const pageStored = time((id) => {
      const r = stored.get(id)!;
      void unpackText(r.text, r.codec)!.length;
      JSON.parse(unpackText(r.structure, r.codec)!);
    });
    const pagePlain = time((id) => {
      const r = plain.get(id)!;
      void r.text.length;
      JSON.parse(r.structure);
    });
    // What compressing costs the import: a version's text and structure (the bulk of what it stores).
    const encode = time((id) => {
      const r = plain.get(id)!;
      packText(r.text);
      packText(r.structure);
    });
    const us = (stored: number, plain: number) => ((stored - plain) * 1000) / ids.length;
    return {
      snippet: snippetStored / snippetPlain,
      page: pageStored / pagePlain,
      snippetUs: us(snippetStored, snippetPlain),
      pageUs: us(pageStored, pagePlain),
      encodeUs: (encode * 1000) / ids.length,
    };
  } finally {
    db.close();
  }
}

export interface Server {
  child: ChildProcess;
  base: string;
  listenMs: number;
}

/**
 * A real `kamerlens serve` on loopback (port 0: the system picks one), from the built CLI; `env` adds to the process's.
 * @param root the checkout whose build serves (another one's: bench/ab-builds.ts)
 */
export async function serve(dataDir: string, env: Record<string, string> = {}, root = repoRoot()): Promise<Server> {
  const cli = join(root, 'dist', 'src', 'main.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run the bench through \`npm run bench\`, which builds first`);
  const t0 = performance.now();
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--host', '127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env, KAMERLENS_DATA: dataDir },
  });
  const base = await new Promise<string>((ok, fail) => {
    let err = '';
    child.stderr!.on('data', (b: Buffer) => {
      err += b.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(err);
      if (m) ok(`http://127.0.0.1:${m[1]}`);
    });
    child.on('exit', (code) => fail(new Error(`kamerlens serve exited with ${code}: ${err.trim()}`)));
  });
  return { child, base, listenMs: performance.now() - t0 };
}

export async function stop(s: Server): Promise<void> {
  if (s.child.exitCode !== null) return;
  const exited = new Promise<void>((ok) => s.child.once('exit', () => ok()));
  s.child.kill('SIGTERM');
  await exited;
}


const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The first search of a freshly started server, against raw FTS5's first query on a fresh connection. */
async function startCost(dataDir: string, fts: Database.Database, log: (m: string) => void, size: number): Promise<ScaleResult['start']> {
  const listen: number[] = [];
  const first: number[] = [];
  const ftsFirst: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const s = await serve(dataDir);
    try {
      const t0 = performance.now();
      await search(s.base, 'informatie');
      first.push(performance.now() - t0);
      listen.push(s.listenMs);
    } finally {
      await stop(s);
    }
    const f = new Database(fts.name, { readonly: true });
    const t0 = performance.now();
    f.prepare('SELECT rowid FROM raw WHERE raw MATCH ? ORDER BY bm25(raw) LIMIT 20').all('informatie');
    ftsFirst.push(performance.now() - t0);
    f.close();
  }
  log(`[${size}] fresh starts: listening after ${listen.map((x) => x.toFixed(0)).join(', ')} ms, first search ${first.map((x) => x.toFixed(0)).join(', ')} ms`);
  return { listenMs: median(listen), firstQueryMs: median(first), fts5FirstQueryMs: median(ftsFirst), runs: STARTS };
}

/** The query mix through GET /api/search (top 20 with snippets and facets), and raw FTS5's bm25 top 20. */
async function httpQueries(base: string, fts: Database.Database, rare: string): Promise<ScaleResult['queries']> {
  const top = fts.prepare('SELECT rowid FROM raw WHERE raw MATCH ? ORDER BY bm25(raw) LIMIT 20');
  const topKind = fts.prepare('SELECT rowid FROM raw WHERE raw MATCH ? AND kind = ? ORDER BY bm25(raw) LIMIT 20');
  const out: ScaleResult['queries'] = [];
  for (const q of queryMix(rare)) {
    const r = await search(base, q.kamerlens);
    const path = `/api/search?q=${encodeURIComponent(q.kamerlens)}`;
    const agent = keepAliveAgent();
    let k: Latency;
    let fresh: Latency;
    let fromBench: Latency;
    let steal = 0;
    try {
      await search(base, q.kamerlens, agent);
      const before = machineCpu();
      const t0 = performance.now();
      // The light client's rounds and this process's, in turns (a few rounds each), so a busy spell of the machine falls on both.
      const kept: number[] = [];
      const own: number[] = [];
      const mine: number[] = [];
      for (let done = 0; done < REPS; done += TURN) {
        const n = Math.min(TURN, REPS - done);
        const [times] = await lightClient({ base, paths: [path], reps: n });
        kept.push(...times!.kept);
        own.push(...times!.fresh);
        for (let i = 0; i < n; i++) {
          const t = performance.now();
          await search(base, q.kamerlens, agent);
          mine.push(performance.now() - t);
        }
      }
      k = latencyOf(kept);
      fresh = latencyOf(own);
      fromBench = latencyOf(mine);
      const m = machineCpu();
      steal = (m.steal - before.steal) / ((m.cores * (performance.now() - t0)) / 1000);
    } finally {
      agent.destroy();
    }
    const fq = q.fts5;
    const runF = () => (fq!.kind === undefined ? top.all(fq!.match) : topKind.all(fq!.match, fq!.kind));
    let f: Latency | null = null;
    if (fq !== null) {
      // Raw FTS5 takes seconds for a common word at 600,000 documents: 5 runs of those.
      const t0 = performance.now();
      runF();
      f = await measure(performance.now() - t0 > 250 ? 5 : REPS, runF);
    }
    out.push({ name: q.name, total: (r.totalIsEstimate ? '≈' : '') + r.total, kamerlens: k, newConnection: fresh, fromBench, fts5: f, steal });
  }
  return out;
}

/** Queries of the novel set (search.ts, novelQueries) per scale stage: half of one word, half of two. */
const NOVEL = 40;

/**
 * Queries a server has not been asked before, each asked once (what a user typing a new query
 * waits for: its words' lists read, decoded and scored, none of it cached yet), then all of
 * them again in the same order (the mix's figures are such repeats); raw FTS5 asked each once
 * too, on its connection of the whole stage.
 */
async function novelAskings(base: string, fts: Database.Database, kind: NovelAskings['kind'], queries: readonly string[]): Promise<NovelAskings> {
  const top = fts.prepare('SELECT rowid FROM raw WHERE raw MATCH ? ORDER BY bm25(raw) LIMIT 20');
  const agent = keepAliveAgent();
  const first: number[] = [];
  const again: number[] = [];
  const raw: number[] = [];
  try {
    for (const pass of [first, again]) {
      for (const q of queries) {
        const t = performance.now();
        await search(base, q, agent);
        pass.push(performance.now() - t);
      }
    }
  } finally {
    agent.destroy();
  }
  for (const q of queries) {
    const t = performance.now();
    // The same words ANDed, as kamerlens takes them.
    top.all(q.split(' ').map((w) => `"${w}"`).join(' AND '));
    raw.push(performance.now() - t);
  }
  return { kind, queries: queries.length, first: latencyOf(first), again: latencyOf(again), fts5: latencyOf(raw) };
}
