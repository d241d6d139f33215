// Import and search benchmarks: kamerlens's index against raw FTS5 and LanceDB on the synthetic corpus.

import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { IndexDocument } from '../src/domain/search.js';
import type { DocumentKind } from '../src/domain/structure.js';
import { parseQuery } from '../src/search/query.js';
import { SqliteSearchIndex } from '../src/search/sqlite-index.js';
import { cacheDir, readBatches, type CorpusDoc } from './corpus.js';
import { rng } from './rng.js';
import { importPaths } from '../src/ingest/import.js';
import { openServices } from '../src/main.js';

/** Throughput of one import run. */
export interface ImportResult {
  docs: number;
  seconds: number;
  docsPerSec: number;
  mbPerSec: number;
}

/**
 * Time importers over a corpus file, fed the same batches. Only the importers' own time
 * counts, not reading and parsing the corpus. With several importers each batch goes to
 * every one of them in turn, first one then the other leading, so that a noisy machine's
 * slow and fast spells fall on all of them alike and their ratio stays meaningful.
 */
export async function benchImporters<K extends string>(
  corpusFile: string,
  importers: Record<K, (docs: CorpusDoc[]) => Promise<void>>,
  options: { batchSize?: number; log?: (m: string) => void } = {},
): Promise<Record<K, ImportResult>> {
  const batchSize = options.batchSize ?? 500;
  const log = options.log ?? (() => {});
  const names = Object.keys(importers) as K[];
  const ms = new Map<K, number>(names.map((n) => [n, 0]));
  let docs = 0;
  let bytes = 0;
  let round = 0;
  let nextReport = Date.now() + 10_000;
  for await (const batch of readBatches(corpusFile, batchSize)) {
    const order = round++ % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const t0 = performance.now();
      await importers[name](batch.docs);
      ms.set(name, ms.get(name)! + performance.now() - t0);
    }
    docs += batch.docs.length;
    bytes += batch.bytes;
    if (Date.now() >= nextReport) {
      nextReport = Date.now() + 10_000;
      log(`  ${docs} docs: ` + names.map((n) => `${n} ${(docs / (ms.get(n)! / 1000)).toFixed(0)} docs/s`).join(', '));
    }
  }
  const out = {} as Record<K, ImportResult>;
  for (const n of names) {
    const seconds = ms.get(n)! / 1000;
    out[n] = { docs, seconds, docsPerSec: docs / seconds, mbPerSec: bytes / 1e6 / seconds };
  }
  return out;
}

/** Time one importer over a corpus file (see benchImporters). */
export async function benchImporter(
  corpusFile: string,
  importer: (docs: CorpusDoc[]) => Promise<void>,
  options: { batchSize?: number; label?: string; log?: (m: string) => void } = {},
): Promise<ImportResult> {
  return (await benchImporters(corpusFile, { [options.label ?? 'import']: importer }, options))[options.label ?? 'import']!;
}

/** A fresh database file with the store's production settings. */
export function openBenchDb(file: string): Database.Database {
  for (const f of [file, file + '-wal', file + '-shm']) if (existsSync(f)) rmSync(f);
  return openWithStoreSettings(file);
}

/** A database file as it is, with the store's production settings. */
export function openWithStoreSettings(file: string): Database.Database {
  const db = new Database(file);
  // The store's production settings (src/store/sqlite/connection.ts).
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  return db;
}

/** One query of the fixed mix, in each system's own language (null: not expressible). */
export interface MixQuery {
  name: string;
  kamerlens: string;
  fts5: { match: string; kind?: string } | null;
  lance: ((lancedb: LanceModule) => unknown) | null;
}

type LanceModule = typeof import('@lancedb/lancedb');

/**
 * The fixed query mix: stop-word-level and common words, a rare word (picked deterministically
 * from the corpus head, so both sizes use the same one), phrases, boolean forms, a prefix, a
 * filter, and two kamerlens-only forms (date sort, filter-only listing).
 */
export function queryMix(rare: string): MixQuery[] {
  const m = (l: LanceModule, q: string) => new l.MatchQuery(q, 'text');
  return [
    { name: 'de', kamerlens: 'de', fts5: { match: 'de' }, lance: (l) => m(l, 'de') },
    { name: 'informatie', kamerlens: 'informatie', fts5: { match: 'informatie' }, lance: (l) => m(l, 'informatie') },
    { name: 'cyberbeveiliging', kamerlens: 'cyberbeveiliging', fts5: { match: 'cyberbeveiliging' }, lance: (l) => m(l, 'cyberbeveiliging') },
    { name: `rare (${rare})`, kamerlens: rare, fts5: { match: rare }, lance: (l) => m(l, rare) },
    { name: '"Cyber Resilience Act"', kamerlens: '"Cyber Resilience Act"', fts5: { match: '"Cyber Resilience Act"' }, lance: (l) => new l.PhraseQuery('Cyber Resilience Act', 'text') },
    { name: '"de Europese Commissie"', kamerlens: '"de Europese Commissie"', fts5: { match: '"de Europese Commissie"' }, lance: (l) => new l.PhraseQuery('de Europese Commissie', 'text') },
    { name: 'informatie europese', kamerlens: 'informatie europese', fts5: { match: 'informatie AND europese' }, lance: (l) => new l.MatchQuery('informatie europese', 'text', { operator: l.Operator.And }) },
    { name: 'telecomraad OR cybersecurity', kamerlens: 'telecomraad OR cybersecurity', fts5: { match: 'telecomraad OR cybersecurity' }, lance: (l) => m(l, 'telecomraad cybersecurity') },
    { name: 'informatie -europese', kamerlens: 'informatie -europese', fts5: { match: 'informatie NOT europese' }, lance: (l) => new l.BooleanQuery([[l.Occur.Must, m(l, 'informatie')], [l.Occur.MustNot, m(l, 'europese')]]) },
    { name: 'cyber*', kamerlens: 'cyber*', fts5: { match: 'cyber*' }, lance: null },
    { name: 'informatie kind:kamerbrief', kamerlens: 'informatie kind:kamerbrief', fts5: { match: 'informatie', kind: 'kamerbrief' }, lance: null },
    { name: 'lidstaten sort:date', kamerlens: 'lidstaten sort:date', fts5: null, lance: null },
    { name: 'kind:nota (no words)', kamerlens: 'kind:nota', fts5: null, lance: null },
    { name: 'NEAR(informatie europese, 5)', kamerlens: 'NEAR(informatie europese, 5)', fts5: { match: 'NEAR(informatie europese, 5)' }, lance: null },
    { name: 'kst-21501-33-1113 (identifier)', kamerlens: 'kst-21501-33-1113', fts5: null, lance: null },
    { name: 'cybersecurity NOT telecomraad', kamerlens: 'cybersecurity NOT telecomraad', fts5: { match: 'cybersecurity NOT telecomraad' }, lance: null },
  ];
}

/** In how many of the corpus's first 5,000 documents each word matching `pattern` (lower-cased) occurs, and how many were read. */
async function headFrequencies(corpusFile: string, pattern: RegExp): Promise<{ df: Map<string, number>; seen: number }> {
  const df = new Map<string, number>();
  let seen = 0;
  for await (const { docs } of readBatches(corpusFile, 500)) {
    for (const d of docs) {
      const words = d.text.toLowerCase().split(/[^\p{L}\p{M}\p{N}]+/u).filter((w) => pattern.test(w));
      for (const w of new Set(words)) df.set(w, (df.get(w) ?? 0) + 1);
    }
    seen += docs.length;
    if (seen >= 5000) break;
  }
  return { df, seen };
}

/** Pick a rare but real word: in exactly 2 of the corpus's first 5,000 docs, long, letters only. */
export async function pickRareWord(corpusFile: string): Promise<string> {
  const { df } = await headFrequencies(corpusFile, /^[a-z]{10,}$/);
  const rare = [...df].filter(([, n]) => n === 2).map(([w]) => w).sort();
  return rare[Math.floor(rare.length / 2)] ?? 'blueprint';
}

/**
 * Queries nobody asked before on a server (the mix repeats its 16, which a web node then has
 * cached): words of 5 letters or more that 1–50 % of the corpus head holds, the words people
 * search for, picked with a fixed seed so every run and size asks the same. Half one word,
 * half two (both must match), none of the mix's words.
 */
export async function novelQueries(corpusFile: string, n: number, exclude: readonly string[]): Promise<{ oneWord: string[]; twoWords: string[] }> {
  const { df, seen } = await headFrequencies(corpusFile, /^[a-z]{5,}$/);
  const skip = new Set(exclude.flatMap((q) => q.toLowerCase().split(/[^a-z]+/)));
  const pool = [...df].filter(([w, c]) => c >= seen / 100 && c <= seen / 2 && !skip.has(w)).map(([w]) => w).sort();
  const next = rng(20261205);
  const taken = new Set<string>();
  const pick = (): string => {
    // A word once: a second asking of it would find its list cached.
    for (;;) {
      const w = pool[Math.floor(next() * pool.length)]!;
      if (taken.size >= pool.length) return w;
      if (!taken.has(w)) {
        taken.add(w);
        return w;
      }
    }
  };
  const half = Math.ceil(n / 2);
  const oneWord = Array.from({ length: half }, pick);
  const twoWords = Array.from({ length: n - half }, () => `${pick()} ${pick()}`);
  return { oneWord, twoWords };
}

/** Latency percentiles in ms. */
export interface Latency {
  p50: number;
  p95: number;
}

/** p50 and p95 of `reps` timed runs after two warm-ups (statement caches, pages). */
export async function measure(reps: number, run: () => Promise<unknown> | unknown): Promise<Latency> {
  for (let i = 0; i < 2; i++) await run(); // warm-up: statement caches, term statistics, pages
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await run();
    ts.push(performance.now() - t0);
  }
  return latencyOf(ts);
}

/** p50 and p95 of timed runs. */
export function latencyOf(runs: readonly number[]): Latency {
  const ts = [...runs].sort((a, b) => a - b);
  const at = (q: number) => ts[Math.min(ts.length - 1, Math.ceil(q * ts.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95) };
}

/** Everything measured at one corpus size. */
export interface SizeResult {
  size: number;
  import: { kamerlens: ImportResult; pipeline: ImportResult | null; fts5: ImportResult; lance: ImportResult | null };
  queries: { name: string; kamerlens: Latency; fts5: Latency | null; lance: Latency | null; total: string }[];
  lanceError: string | null;
}

function toIndexDoc(d: CorpusDoc): IndexDocument {
  return { id: d.id, title: d.title, text: d.text, kind: d.kind as DocumentKind, date: d.date, parties: [], dossiers: [] };
}

/** Run import and search benchmarks for one corpus size. */
export async function benchSize(size: number, corpusFile: string, log: (m: string) => void, reps = 20): Promise<SizeResult> {
  const dir = cacheDir();
  // kamerlens's index and raw FTS5 on the same batches of 500, each batch one transaction
  // (as the store imports), interleaved (see benchImporters).
  log(`[${size}] importing into kamerlens's index and raw FTS5, batch by batch …`);
  const kdb = openBenchDb(join(dir, `bench-kamerlens-${size}.db`));
  const index = new SqliteSearchIndex(kdb);
  index.migrate();
  const fdb = openBenchDb(join(dir, `bench-fts5-${size}.db`));
  fdb.exec('CREATE VIRTUAL TABLE raw USING fts5(title, body, kind UNINDEXED)');
  const ins = fdb.prepare('INSERT INTO raw (title, body, kind) VALUES (?, ?, ?)');
  const insertBatch = fdb.transaction((docs: CorpusDoc[]) => {
    for (const d of docs) ins.run(d.title, d.text, d.kind);
  });
  const both = await benchImporters(
    corpusFile,
    {
      kamerlens: async (docs) => {
        kdb.exec('BEGIN');
        try {
          await index.upsert(docs.map(toIndexDoc));
          kdb.exec('COMMIT');
        } catch (e) {
          kdb.exec('ROLLBACK');
          throw e;
        }
      },
      fts5: async (docs) => insertBatch(docs),
    },
    { log },
  );
  const kImport = both.kamerlens;
  const fImport = both.fts5;
  log(`[${size}] kamerlens: ${kImport.docsPerSec.toFixed(0)} docs/s, ${kImport.mbPerSec.toFixed(1)} MB/s`);
  log(`[${size}] raw FTS5: ${fImport.docsPerSec.toFixed(0)} docs/s, ${fImport.mbPerSec.toFixed(1)} MB/s`);
  // Index size on disk (texts included in both: ix_text keeps them as FTS5 keeps its content).
  const sizeOf = (db: Database.Database) => {
    db.pragma('wal_checkpoint(TRUNCATE)');
    return (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  };
  const kBytes = sizeOf(kdb);
  const fBytes = sizeOf(fdb);
  log(`[${size}] size: kamerlens ${(kBytes / 1e6).toFixed(1)} MB, raw FTS5 ${(fBytes / 1e6).toFixed(1)} MB (${(kBytes / fBytes).toFixed(2)}x)`);

  // The whole product import of the same records: `kamerlens import` of the corpus file itself
  // (read + validate NDJSON, parse = document understanding, store, index, structure rows), in the
  // bulk importer's batches and transactions. Timed end to end, reading included, unlike the
  // index-only runs. BENCH_PIPELINE=0 skips it.
  let pImport: ImportResult | null = null;
  if (process.env['BENCH_PIPELINE'] !== '0') {
    log(`[${size}] importing through the full pipeline (parse + store + index) …`);
    const pfile = join(dir, `bench-pipeline-${size}.db`);
    for (const f of [pfile, pfile + '-wal', pfile + '-shm']) if (existsSync(f)) rmSync(f);
    const services = openServices(pfile);
    const started = performance.now();
    let nextReport = Date.now() + 10_000;
    const progress = {
      update(done: number, total: number) {
        if (Date.now() < nextReport) return;
        nextReport = Date.now() + 10_000;
        log(`  pipeline: ${((100 * done) / total).toFixed(0)}% of the file, ${(done / 1e6 / ((performance.now() - started) / 1000)).toFixed(1)} MB/s`);
      },
      stop() {},
    };
    const summary = await importPaths([corpusFile], { units: services.units, store: services.store, index: services.index, structure: services.structure, progress });
    const seconds = (performance.now() - started) / 1000;
    await services.close();
    if (summary.counts.failed > 0) throw new Error(`pipeline import failed: ${JSON.stringify(summary.failures.slice(0, 3))}`);
    const docs = summary.counts.new + summary.counts['new-version'] + summary.counts.unchanged;
    pImport = { docs, seconds, docsPerSec: docs / seconds, mbPerSec: statSync(corpusFile).size / 1e6 / seconds };
    log(`[${size}] pipeline: ${pImport.docsPerSec.toFixed(0)} docs/s, ${pImport.mbPerSec.toFixed(1)} MB/s`);
  }

  // LanceDB: optional; batches of 10,000 (each add is a fragment, and many fragments slow search).
  let lance: { mod: LanceModule; table: import('@lancedb/lancedb').Table } | null = null;
  let lImport: ImportResult | null = null;
  let lanceError: string | null = null;
  try {
    if (process.env['BENCH_LANCE'] === '0') throw new Error('skipped (BENCH_LANCE=0)');
    const mod: LanceModule = await import('@lancedb/lancedb');
    const ldir = join(dir, `bench-lance-${size}`);
    rmSync(ldir, { recursive: true, force: true });
    log(`[${size}] importing into LanceDB …`);
    const conn = await mod.connect(ldir);
    let table: import('@lancedb/lancedb').Table | null = null;
    const rows = (docs: CorpusDoc[]) => docs.map((d) => ({ id: d.id, kind: d.kind, date: d.date, title: d.title, text: d.text }));
    lImport = await benchImporter(
      corpusFile,
      async (docs) => {
        if (table === null) table = await conn.createTable('docs', rows(docs));
        else await table.add(rows(docs));
      },
      { batchSize: 10_000, label: 'lancedb', log },
    );
    const t0 = performance.now();
    const t = table as import('@lancedb/lancedb').Table | null;
    if (t === null) throw new Error('empty corpus');
    await t.createIndex('text', {
      config: mod.Index.fts({ withPosition: true, language: 'Dutch', stem: true, removeStopWords: false, asciiFolding: true }),
    });
    const indexSec = (performance.now() - t0) / 1000;
    const seconds = lImport.seconds + indexSec;
    lImport = { docs: lImport.docs, seconds, docsPerSec: lImport.docs / seconds, mbPerSec: (lImport.mbPerSec * lImport.seconds) / seconds };
    lance = { mod, table: t };
    log(`[${size}] LanceDB: ${lImport.docsPerSec.toFixed(0)} docs/s (incl. ${indexSec.toFixed(1)} s FTS index build)`);
  } catch (e) {
    lanceError = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    log(`[${size}] LanceDB unavailable, continuing without it: ${lanceError}`);
  }

  const rare = await pickRareWord(corpusFile);
  log(`[${size}] searching (${reps} runs per query after 2 warm-ups; rare word: ${rare}) …`);
  const top = fdb.prepare('SELECT rowid FROM raw WHERE raw MATCH ? ORDER BY bm25(raw) LIMIT 20');
  const topKind = fdb.prepare('SELECT rowid FROM raw WHERE raw MATCH ? AND kind = ? ORDER BY bm25(raw) LIMIT 20');
  const queries: SizeResult['queries'] = [];
  for (const q of queryMix(rare)) {
    const parsed = parseQuery(q.kamerlens);
    const r = await index.search({ query: parsed, offset: 0, limit: 20 });
    const total = (r.totalIsEstimate ? '≈' : '') + r.total;
    const k = await measure(reps, () => index.search({ query: parseQuery(q.kamerlens), offset: 0, limit: 20 }));
    const fq = q.fts5;
    const f = fq === null ? null : await measure(reps, () => (fq.kind === undefined ? top.all(fq.match) : topKind.all(fq.match, fq.kind)));
    let l: Latency | null = null;
    if (lance !== null && q.lance !== null) {
      const { mod, table } = lance;
      const lq = q.lance(mod) as import('@lancedb/lancedb').FullTextQuery;
      try {
        l = await measure(reps, () => table.query().fullTextSearch(lq).limit(20).toArray());
      } catch (e) {
        log(`  LanceDB rejected ${q.name}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      }
    }
    queries.push({ name: q.name, kamerlens: k, fts5: f, lance: l, total });
  }
  kdb.close();
  fdb.close();
  return { size, import: { kamerlens: kImport, pipeline: pImport, fts5: fImport, lance: lImport }, queries, lanceError };
}
