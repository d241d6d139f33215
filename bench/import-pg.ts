// The import into PostgreSQL against the SQLite default, in one process and the same run (issue 15): the corpus's first
// `size` records as bulk files of `lines` each, imported (importPaths, what `kamerlens import` runs before its promise
// pass) into a SQLite file and into a scratch PostgreSQL, taking turns file by file; the statements PostgreSQL was sent
// per document (every query of every client, BEGIN and COMMIT included: each is a round trip); after each file the promise
// pass `kamerlens import` runs next, timed and counted apart; then the first file again (every record unchanged); and a
// comparison of what the two stored. `npx tsx bench/import-pg.ts [size] [lines]`; in
// `npm run bench` the opt-in stage `importpg` (BENCH_IMPORT_PG=1, size BENCH_IMPORT_PG_DOCS).

import { createReadStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { importPaths } from '../src/ingest/import.js';
import { keepPromises, migratePg, openPgServices, openServices, type Opened } from '../src/main.js';
import { parseQuery } from '../src/search/query.js';
import { ensureCorpus, repoRoot } from './corpus.js';
import type { BenchRow } from './row.js';
import { pathToFileURL } from 'node:url';

/** The corpus's first `size` lines as files of `lines` lines. */
async function split(corpus: string, size: number, lines: number, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  let buf: string[] = [];
  let n = 0;
  const flush = () => {
    if (buf.length === 0) return;
    const f = join(dir, `part-${String(files.length).padStart(3, '0')}.jsonl`);
    writeFileSync(f, buf.join('\n') + '\n');
    files.push(f);
    buf = [];
  };
  for await (const line of createInterface({ input: createReadStream(corpus), crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    buf.push(line);
    if (buf.length === lines) flush();
    if (++n === size) break;
  }
  flush();
  return files;
}

/** Every statement any pg client sends from now on, counted (a pool's query goes through a client's too). */
function countStatements(): { readonly n: number } {
  const counter = { n: 0 };
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    counter.n++;
    return original.apply(this, args);
  };
  return counter;
}

export interface ImportPgResult {
  size: number;
  files: number;
  sqliteSeconds: number;
  pgSeconds: number;
  /** Statements PostgreSQL was sent during the import, per document. */
  pgStatementsPerDoc: number;
  /** The promise pass after each file (what `kamerlens import` runs after importPaths). */
  promises: { sqliteSeconds: number; pgSeconds: number; pgStatementsPerDoc: number };
  /** The first file imported again (all unchanged). */
  again: { docs: number; sqliteSeconds: number; pgSeconds: number; pgStatementsPerDoc: number };
  /** What differs between the two stores' contents (empty: the same). */
  differences: string[];
}

const depsOf = (s: Opened) => ({ units: s.units, store: s.store, index: s.index, structure: s.structure, tk: s.tk, vlos: s.vlos, onVersionStored: s.onVersionStored });

/** What both stored, compared: ids, each document's current version, structure pages, the change log's length. */
async function compare(sq: Opened, pq: Opened, pgUrl: string): Promise<string[]> {
  const out: string[] = [];
  const [a, b] = [await sq.store.documentIds(), await pq.store.documentIds()];
  if (!isDeepStrictEqual(a, b)) out.push(`document ids differ (${a.length} against ${b.length})`);
  const sa = await sq.store.stats();
  const sb = await pq.store.stats();
  if (!isDeepStrictEqual(sa, sb)) out.push(`stats differ: ${JSON.stringify(sa)} against ${JSON.stringify(sb)}`);
  for (const id of a.filter((_, i) => i % 97 === 0)) {
    const [va, vb] = [await sq.store.getVersion(id), await pq.store.getVersion(id)];
    const strip = (v: typeof va) => v && { ...v, importedAt: '' };
    if (!isDeepStrictEqual(strip(va), strip(vb))) out.push(`version of ${id} differs`);
    const [da, db] = [await sq.store.getDocument(id), await pq.store.getDocument(id)];
    const stripDoc = (d: typeof da) => d && { ...d, createdAt: '', updatedAt: '' };
    if (!isDeepStrictEqual(stripDoc(da), stripDoc(db))) out.push(`document ${id} differs`);
  }
  const today = '2026-12-03';
  const [ca, cb] = [await sq.structure.commitments({ today, limit: 50 }), await pq.structure.commitments({ today, limit: 50 })];
  if (!isDeepStrictEqual(ca, cb)) out.push('commitments page differs');
  const [qa, qb] = [await sq.structure.questions({ limit: 50 }), await pq.structure.questions({ limit: 50 })];
  if (!isDeepStrictEqual(qa, qb)) out.push('questions page differs');
  // The index: the same answers without a time budget (hit ids and scores' order, totals, facets).
  for (const q of ['informatie', 'cyber*', '"de Europese Commissie"', 'NEAR(informatie europese, 5)', 'de', 'kind:nota']) {
    const ask = (s: Opened) => s.index.search({ query: parseQuery(q), offset: 0, limit: 20, snippets: false });
    const [ra, rb] = [await ask(sq), await ask(pq)];
    const key = (r: typeof ra) => ({ total: r.total, estimate: r.totalIsEstimate, ids: r.hits.map((h) => h.id), facets: r.facets });
    if (!isDeepStrictEqual(key(ra), key(rb))) out.push(`search ${q} differs: ${ra.total} against ${rb.total}`);
  }
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  const logged = (await client.query<{ n: string; last: string }>('SELECT COUNT(*) AS n, MAX(seq) AS last FROM watch_changes')).rows[0]!;
  await client.end();
  if (Number(logged.n) !== sa.versions || Number(logged.last) !== sa.versions) out.push(`change log: ${logged.n} rows up to ${logged.last} for ${sa.versions} versions`);
  return out;
}

export async function benchImportPg(size: number, lines: number, log: (m: string) => void = console.log): Promise<ImportPgResult | null> {
  const { pgBinDir, startScratchCluster } = (await import(pathToFileURL(join(repoRoot(), 'scripts', 'pg-scratch.mjs')).href)) as {
    pgBinDir(): string | null;
    startScratchCluster(): Promise<{ url: string; stop(): void }>;
  };
  if (!pgBinDir()) {
    log('PostgreSQL is not installed: stage skipped');
    return null;
  }
  // The cached corpus of 10,000 serves any smaller size (its first lines).
  const corpus = await ensureCorpus(Math.max(size, 10_000), log);
  const dir = mkdtempSync(join(tmpdir(), 'kl-importpg-'));
  const cluster = await startScratchCluster();
  let sq: Opened | null = null;
  let pq: Opened | null = null;
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE bench_import');
    await admin.end();
    const url = cluster.url.replace(/\/postgres$/, '/bench_import');
    await migratePg(url);
    const files = await split(corpus, size, lines, join(dir, 'parts'));
    sq = openServices(join(dir, 'kamerlens.db'));
    pq = await openPgServices(url, null);
    const counter = countStatements();
    log(`[${size}] importPaths into SQLite and into PostgreSQL, ${files.length} files of ${lines} taking turns …`);
    let sqliteMs = 0;
    let pgMs = 0;
    let pgStatements = 0;
    const promises = { sqliteMs: 0, pgMs: 0, pgStatements: 0 };
    const timed = async (s: Opened, file: string): Promise<{ ms: number; statements: number }> => {
      const n0 = counter.n;
      const t0 = performance.now();
      const r = await importPaths([file], depsOf(s));
      const ms = performance.now() - t0;
      if (r.counts.failed > 0) throw new Error(`import of ${file} failed: ${JSON.stringify(r.failures.slice(0, 3))}`);
      return { ms, statements: counter.n - n0 };
    };
    const promisePass = async (s: Opened, isPg: boolean) => {
      const n0 = counter.n;
      const t0 = performance.now();
      await keepPromises(s, false);
      if (isPg) {
        promises.pgMs += performance.now() - t0;
        promises.pgStatements += counter.n - n0;
      } else promises.sqliteMs += performance.now() - t0;
    };
    for (let i = 0; i < files.length; i++) {
      const turns: [Opened, boolean][] = [
        [sq, false],
        [pq, true],
      ];
      if (i % 2 === 1) turns.reverse();
      for (const [s, isPg] of turns) {
        const t = await timed(s, files[i]!);
        if (isPg) {
          pgMs += t.ms;
          pgStatements += t.statements;
        } else sqliteMs += t.ms;
        await promisePass(s, isPg);
      }
      log(`  file ${i + 1}/${files.length}: SQLite ${(sqliteMs / 1000).toFixed(1)} s, PostgreSQL ${(pgMs / 1000).toFixed(1)} s, ${pgStatements} statements`);
    }
    // The first file again: every record is known (content hashes), nothing is written.
    const againDocs = Math.min(lines, size);
    const a1 = await timed(sq, files[0]!);
    const a2 = await timed(pq, files[0]!);
    const differences = await compare(sq, pq, url);
    return {
      size,
      files: files.length,
      sqliteSeconds: sqliteMs / 1000,
      pgSeconds: pgMs / 1000,
      pgStatementsPerDoc: pgStatements / size,
      promises: { sqliteSeconds: promises.sqliteMs / 1000, pgSeconds: promises.pgMs / 1000, pgStatementsPerDoc: promises.pgStatements / size },
      again: { docs: againDocs, sqliteSeconds: a1.ms / 1000, pgSeconds: a2.ms / 1000, pgStatementsPerDoc: a2.statements / againDocs },
      differences,
    };
  } finally {
    await sq?.close();
    await pq?.close();
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printImportPg(r: ImportPgResult, log: (m: string) => void = console.log): BenchRow[] {
  const { sqliteSeconds: s, pgSeconds: p } = r;
  log(`\n== importPaths into PostgreSQL against SQLite: ${r.size} documents in ${r.files} files ==`);
  log(`import: SQLite ${(r.size / s).toFixed(0)} docs/s, PostgreSQL ${(r.size / p).toFixed(0)} docs/s = ${(s / p).toFixed(2)}x SQLite; ${r.pgStatementsPerDoc.toFixed(2)} statements per document on PostgreSQL`);
  const pp = r.promises;
  log(`promise pass after each file: SQLite ${pp.sqliteSeconds.toFixed(1)} s, PostgreSQL ${pp.pgSeconds.toFixed(1)} s = ${(pp.sqliteSeconds / pp.pgSeconds).toFixed(2)}x SQLite; ${pp.pgStatementsPerDoc.toFixed(2)} statements per document`);
  const a = r.again;
  log(`again (${a.docs} unchanged): SQLite ${(a.docs / a.sqliteSeconds).toFixed(0)} docs/s, PostgreSQL ${(a.docs / a.pgSeconds).toFixed(0)} docs/s = ${(a.sqliteSeconds / a.pgSeconds).toFixed(2)}x SQLite; ${a.pgStatementsPerDoc.toFixed(2)} statements per document`);
  log(r.differences.length === 0 ? 'both stored the same (ids, stats, sampled versions and documents, structure pages, change log, six searches without a budget)' : `DIFFERENCES: ${r.differences.join('; ')}`);
  return [
    { name: `importpg: import into PostgreSQL (${r.size} docs)`, value: r.size / p, unit: 'docs/s', baseline: r.size / s, ratio: s / p },
    { name: 'importpg: statements per document', value: r.pgStatementsPerDoc, unit: 'statements', baseline: 'none', ratio: r.pgStatementsPerDoc },
  ];
}

if (process.argv[1]?.endsWith('import-pg.ts') || process.argv[1]?.endsWith('import-pg.js')) {
  const r = await benchImportPg(Number(process.argv[2] ?? 3000), Number(process.argv[3] ?? 1000));
  if (r) printImportPg(r);
}
