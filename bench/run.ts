// Benchmark entry (`npm run bench`): import and search at 10k and 100k docs, parse bench, summary last.

import { ensureCorpus } from './corpus.js';
import { benchProductPg, printProductPg } from './product-pg.js';
import { benchImportPg, printImportPg } from './import-pg.js';
import { benchPgNodes } from './pg-nodes.js';
import { benchChanges } from './changes.js';
import { benchDocumentFiles } from './document-files.js';
import { benchDutch } from './dutch.js';
import { benchParse } from './parse.js';
import { benchPromises } from './promises.js';
import { benchRealDocuments } from './real-documents.js';
import { formatRow, type BenchRow } from './row.js';
import { benchSync } from './sync.js';
import { benchTkPages } from './tk-pages.js';
import { benchCrossPages } from './cross-pages.js';
import { benchVlos } from './vlos.js';
import { benchEntries } from './entries.js';
import { benchWatch } from './watch.js';
import { benchAbuse } from './abuse.js';
import { benchSize, type Latency, type SizeResult } from './search.js';
import { benchScale, scaleSizes, type ScaleResult } from './scale.js';
import { blockLookupRows } from './block-lookup.js';
import { printHttpAgainstEngine, summariseHttpAgainstEngine } from './http-search.js';
import { loadavg } from 'node:os';

const log = (m: string): void => console.log(m);
const ms = (v: number): string => (v < 10 ? v.toFixed(2) : v.toFixed(1));
const ratio = (a: number, b: number): string => (a / b < 0.1 ? (a / b).toFixed(3) : (a / b).toFixed(2)) + 'x';
const geomean = (xs: number[]): number => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / Math.max(1, xs.length));
const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

function printSize(r: SizeResult): void {
  const { kamerlens: k, fts5: f, lance: l } = r.import;
  console.log(`\n== ${r.size} documents ==`);
  console.log(`import kamerlens ${k.docsPerSec.toFixed(0)} docs/s ${k.mbPerSec.toFixed(1)} MB/s (${k.seconds.toFixed(1)} s) = ${ratio(k.docsPerSec, f.docsPerSec)} fts5` + (l ? `, ${ratio(k.docsPerSec, l.docsPerSec)} lancedb` : ''));
  const p = r.import.pipeline;
  if (p) console.log(`import pipeline  ${p.docsPerSec.toFixed(0)} docs/s ${p.mbPerSec.toFixed(1)} MB/s (${p.seconds.toFixed(1)} s; parse + store + index) = ${ratio(p.docsPerSec, f.docsPerSec)} fts5`);
  console.log(`import raw fts5  ${f.docsPerSec.toFixed(0)} docs/s ${f.mbPerSec.toFixed(1)} MB/s (${f.seconds.toFixed(1)} s)`);
  if (l) console.log(`import lancedb   ${l.docsPerSec.toFixed(0)} docs/s ${l.mbPerSec.toFixed(1)} MB/s (${l.seconds.toFixed(1)} s, incl. FTS index build)`);
  else console.log(`import lancedb   unavailable: ${r.lanceError ?? 'not run'}`);
  const cell = (x: Latency | null, pick: 'p50' | 'p95') => (x === null ? 'n/a' : ms(x[pick]));
  const rat = (a: Latency, b: Latency | null, pick: 'p50' | 'p95') => (b === null ? 'n/a' : ratio(a[pick], b[pick]));
  console.log(
    '\n' + pad('query', 32) + lpad('total', 9) + lpad('kl p50', 9) + lpad('kl p95', 9) + lpad('fts5 p50', 10) + lpad('fts5 p95', 10) +
      lpad('lance p50', 11) + lpad('lance p95', 11) + lpad('p50/fts5', 10) + lpad('p50/lance', 11) + lpad('p95/fts5', 10),
  );
  for (const q of r.queries) {
    console.log(
      pad(q.name, 32) + lpad(q.total, 9) + lpad(ms(q.kamerlens.p50), 9) + lpad(ms(q.kamerlens.p95), 9) + lpad(cell(q.fts5, 'p50'), 10) +
        lpad(cell(q.fts5, 'p95'), 10) + lpad(cell(q.lance, 'p50'), 11) + lpad(cell(q.lance, 'p95'), 11) +
        lpad(rat(q.kamerlens, q.fts5, 'p50'), 10) + lpad(rat(q.kamerlens, q.lance, 'p50'), 11) + lpad(rat(q.kamerlens, q.fts5, 'p95'), 10),
    );
  }
  const worst = r.queries.reduce((a, b) => (b.kamerlens.p95 > a.kamerlens.p95 ? b : a));
  const maxP50 = Math.max(...r.queries.map((q) => q.kamerlens.p50));
  console.log(`targets: max p50 ${ms(maxP50)} ms (≤ 10), max p95 ${ms(worst.kamerlens.p95)} ms (≤ 30, ${worst.name}); import ${ratio(k.docsPerSec, f.docsPerSec)} fts5 (≥ 0.5x)`);
}

function printScale(r: ScaleResult): void {
  const { kamerlens: k, fts5: f } = r.import;
  console.log(`\n== scale: ${r.size} documents, the whole product (kamerlens serve over HTTP) ==`);
  const what = k.keeperSample ? 'parse worker, store, index; the promise pass left out, sampled below' : 'parse worker, store, index, promise pass';
  console.log(`import (as \`kamerlens import\`: ${what}) ${k.docsPerSec.toFixed(0)} docs/s (${k.seconds.toFixed(0)} s), raw FTS5 ${f.docsPerSec.toFixed(0)} docs/s (${f.seconds.toFixed(0)} s) = ${ratio(k.docsPerSec, f.docsPerSec)} fts5 (target ≥ 0.5x)`);
  if (k.keeperSample) {
    const ks = k.keeperSample;
    console.log(`  the promise pass's keeper search: ${ks.msEach.toFixed(1)} ms per commitment; ${ks.searchable} commitments with a date and a deadline would take ~${((ks.searchable * ks.msEach) / 1000).toFixed(0)} s in one pass over the archive`);
  }
  // An import.json of an older run (BENCH_SCALE_REUSE) has no split.
  if (k.promisePassSeconds !== undefined) {
    const storing = k.seconds - k.promisePassSeconds;
    console.log(`  of which storing (parse worker, store, index) ${storing.toFixed(0)} s = ${ratio(k.docs / storing, f.docsPerSec)} fts5, the promise pass ${k.promisePassSeconds.toFixed(0)} s`);
  }
  console.log(`data folder ${(r.bytes.kamerlens / 1e6).toFixed(0)} MB, raw FTS5 ${(r.bytes.fts5 / 1e6).toFixed(0)} MB = ${ratio(r.bytes.kamerlens, r.bytes.fts5)} fts5 (target ≤ 1.5x); ${(r.bytes.kamerlens / r.size).toFixed(0)} against ${(r.bytes.fts5 / r.size).toFixed(0)} bytes per document`);
  console.log('bytes per document per structure (SQLite dbstat):');
  for (const [name, list] of [['kamerlens', r.structures.kamerlens], ['raw FTS5', r.structures.fts5]] as const) {
    console.log(`  ${name}: ` + list.map((s) => `${s.name} ${s.bytesPerDoc.toFixed(0)}`).join(', '));
  }
  const d = r.decode;
  console.log(`decompression: a hit's text + snippet ${d.snippet.toFixed(2)}x (+${d.snippetUs.toFixed(0)} µs), a document's text + structure ${d.page.toFixed(2)}x (+${d.pageUs.toFixed(0)} µs) the same rows read plain; compressing a version at import ${d.encodeUs.toFixed(0)} µs = ${((100 * d.encodeUs) / ((1e6 * k.seconds) / k.docs)).toFixed(1)} % of the import's time per document`);
  const s = r.start;
  console.log(`fresh start (median of ${s.runs}): listening after ${ms(s.listenMs)} ms; first search ${ms(s.firstQueryMs)} ms (target ≤ 500) = ${ratio(s.firstQueryMs, s.fts5FirstQueryMs)} raw FTS5's first query on a fresh connection (${ms(s.fts5FirstQueryMs)} ms)`);
  const cell = (x: Latency | null, pick: 'p50' | 'p95') => (x === null ? 'n/a' : ms(x[pick]));
  console.log('\n(GET /api/search timed by a light client process; kl: over a connection kept open, as a browser or a proxy sends it; new conn: a connection per request, in turns with it; bench kl: over a kept connection timed from the bench\'s own process, as before session 17, in turns with the light client; steal: the share of the cores the virtual machine\'s host took meanwhile)');
  console.log(pad('query (GET /api/search)', 32) + lpad('total', 9) + lpad('kl p50', 9) + lpad('kl p95', 9) + lpad('new p50', 9) + lpad('new p95', 9) + lpad('bench p50', 10) + lpad('bench p95', 10) + lpad('fts5 p50', 10) + lpad('fts5 p95', 10) + lpad('p50/fts5', 10) + lpad('p95/fts5', 10) + lpad('steal', 7));
  for (const q of r.queries) {
    console.log(
      pad(q.name, 32) + lpad(q.total, 9) + lpad(ms(q.kamerlens.p50), 9) + lpad(ms(q.kamerlens.p95), 9) + lpad(cell(q.newConnection ?? null, 'p50'), 9) + lpad(cell(q.newConnection ?? null, 'p95'), 9) +
        lpad(cell(q.fromBench ?? null, 'p50'), 10) + lpad(cell(q.fromBench ?? null, 'p95'), 10) +
        lpad(cell(q.fts5, 'p50'), 10) + lpad(cell(q.fts5, 'p95'), 10) +
        lpad(q.fts5 ? ratio(q.kamerlens.p50, q.fts5.p50) : 'n/a', 10) + lpad(q.fts5 ? ratio(q.kamerlens.p95, q.fts5.p95) : 'n/a', 10) +
        lpad(q.steal === undefined ? 'n/a' : `${(100 * q.steal).toFixed(0)} %`, 7),
    );
  }
  const maxP50 = Math.max(...r.queries.map((q) => q.kamerlens.p50));
  const maxP95 = Math.max(...r.queries.map((q) => q.kamerlens.p95));
  const fresh = r.queries.flatMap((q) => (q.newConnection ? [q.newConnection] : []));
  const freshWorst = fresh.length > 0 ? `; a connection per request: max p50 ${ms(Math.max(...fresh.map((l) => l.p50)))} ms, max p95 ${ms(Math.max(...fresh.map((l) => l.p95)))} ms` : '';
  const bench = r.queries.flatMap((q) => (q.fromBench ? [q.fromBench] : []));
  const benchWorst = bench.length > 0 ? `; timed from the bench's process: max p50 ${ms(Math.max(...bench.map((l) => l.p50)))} ms, max p95 ${ms(Math.max(...bench.map((l) => l.p95)))} ms` : '';
  console.log(`targets: max p50 ${ms(maxP50)} ms (≤ 10), max p95 ${ms(maxP95)} ms (≤ 30)${freshWorst}${benchWorst}`);
  if (r.novel) {
    console.log('\nqueries this server had not been asked before (GET /api/search over a kept connection, each once; then the same again; raw FTS5 once each):');
    console.log(pad('novel queries', 24) + lpad('first p50', 11) + lpad('first p95', 11) + lpad('again p50', 11) + lpad('again p95', 11) + lpad('first/again', 13) + lpad('fts5 p50', 10) + lpad('first/fts5', 12));
    for (const n of r.novel) {
      console.log(
        pad(`${n.queries} × ${n.kind}`, 24) + lpad(ms(n.first.p50), 11) + lpad(ms(n.first.p95), 11) + lpad(ms(n.again.p50), 11) + lpad(ms(n.again.p95), 11) +
          lpad(ratio(n.first.p50, n.again.p50), 13) + lpad(ms(n.fts5.p50), 10) + lpad(ratio(n.first.p50, n.fts5.p50), 12),
      );
    }
  }
  if (r.pages) {
    const b = r.pages.baseline;
    console.log(`\nevery page family (a server on this archive; first view, then p50 and max of 5 warm ones), against the search page of \`informatie\` (${ms(b.p50Ms)} ms p50, first ${ms(b.firstMs)} ms):`);
    console.log(pad('page', 40) + lpad('status', 7) + lpad('KB', 8) + lpad('first', 9) + lpad('p50', 9) + lpad('max', 9) + lpad('p50/search', 12));
    for (const p of r.pages.pages) {
      console.log(pad(p.path, 40) + lpad(String(p.status), 7) + lpad((p.bytes / 1024).toFixed(0), 8) + lpad(ms(p.firstMs), 9) + lpad(ms(p.p50Ms), 9) + lpad(ms(p.maxMs), 9) + lpad(ratio(p.p50Ms, b.p50Ms), 12));
    }
  }
  console.log(`\nwhere the HTTP API's time goes: GET /api/search against the engine alone (SearchIndex.search, top 20, in process) and the use case in process (uc), same run, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  printHttpAgainstEngine(r.httpVsEngine, log);
}

/** How each figure grows from the first size of the scale stage to the last. */
function printGrowth(a: ScaleResult, b: ScaleResult): string {
  const g = (x: number, y: number) => (y / x).toFixed(2) + 'x';
  console.log(`\n== scale: growth from ${a.size} to ${b.size} documents (${(b.size / a.size).toFixed(1)}x the documents) ==`);
  console.log(pad('query', 32) + lpad('p50', 9) + lpad('p95', 9) + lpad('fts5 p50', 10));
  const fts: number[] = [];
  const kl: number[] = [];
  for (const qa of a.queries) {
    const qb = b.queries.find((q) => q.name === qa.name);
    if (!qb) continue;
    kl.push(qb.kamerlens.p50 / qa.kamerlens.p50);
    if (qa.fts5 && qb.fts5) fts.push(qb.fts5.p50 / qa.fts5.p50);
    console.log(pad(qa.name, 32) + lpad(g(qa.kamerlens.p50, qb.kamerlens.p50), 9) + lpad(g(qa.kamerlens.p95, qb.kamerlens.p95), 9) + lpad(qa.fts5 && qb.fts5 ? g(qa.fts5.p50, qb.fts5.p50) : 'n/a', 10));
  }
  const line =
    `scale growth ${a.size}→${b.size}: search p50 ${geomean(kl).toFixed(2)}x (raw FTS5 ${geomean(fts).toFixed(2)}x), first search ${g(a.start.firstQueryMs, b.start.firstQueryMs)}, ` +
    `import docs/s ${g(a.import.kamerlens.docsPerSec, b.import.kamerlens.docsPerSec)} (FTS5 ${g(a.import.fts5.docsPerSec, b.import.fts5.docsPerSec)}), ` +
    `bytes per document ${g(a.bytes.kamerlens / a.size, b.bytes.kamerlens / b.size)} (FTS5 ${g(a.bytes.fts5 / a.size, b.bytes.fts5 / b.size)})`;
  console.log(line);
  return line;
}

function summariseScale(r: ScaleResult): string {
  const withF = r.queries.filter((q) => q.fts5 !== null);
  return (
    `scale (${r.size} docs, through HTTP): import ${ratio(r.import.kamerlens.docsPerSec, r.import.fts5.docsPerSec)} fts5; data ${ratio(r.bytes.kamerlens, r.bytes.fts5)} fts5; ` +
    `first search ${ms(r.start.firstQueryMs)} ms; search p50 ${geomean(withF.map((q) => q.kamerlens.p50 / q.fts5!.p50)).toFixed(3)}x fts5, ` +
    `worst p50 ${ms(Math.max(...r.queries.map((q) => q.kamerlens.p50)))} ms, worst p95 ${ms(Math.max(...r.queries.map((q) => q.kamerlens.p95)))} ms; ` +
    (r.novel ? `asked for the first time p50 ${r.novel.map((n) => `${ms(n.first.p50)} ms (${n.kind}, ${ratio(n.first.p50, n.fts5.p50)} fts5)`).join(', ')}; ` : '') +
    summariseHttpAgainstEngine(r.httpVsEngine)
  );
}

function summarise(r: SizeResult): string {
  const withF = r.queries.filter((q) => q.fts5 !== null);
  const withL = r.queries.filter((q) => q.lance !== null);
  const g = (pick: 'p50' | 'p95', base: 'fts5' | 'lance') =>
    geomean((base === 'fts5' ? withF : withL).map((q) => q.kamerlens[pick] / q[base]![pick])).toFixed(3) + 'x';
  const lanceImport = r.import.lance ? `, ${ratio(r.import.kamerlens.docsPerSec, r.import.lance.docsPerSec)} lancedb` : '';
  const lance50 = withL.length > 0 ? `, ${g('p50', 'lance')} lancedb` : ', lancedb n/a';
  const lance95 = withL.length > 0 ? `, ${g('p95', 'lance')} lancedb` : ', lancedb n/a';
  const maxP95 = Math.max(...r.queries.map((q) => q.kamerlens.p95));
  return (
    `summary (${r.size} docs; latency ratios are geometric means over the mix): import (index) ${ratio(r.import.kamerlens.docsPerSec, r.import.fts5.docsPerSec)} fts5${lanceImport}` +
    (r.import.pipeline ? `, import (full pipeline) ${ratio(r.import.pipeline.docsPerSec, r.import.fts5.docsPerSec)} fts5` : '') +
    `; ` +
    `search p50 ${g('p50', 'fts5')} fts5${lance50}; p95 ${g('p95', 'fts5')} fts5${lance95}; worst kamerlens p95 ${ms(maxP95)} ms`
  );
}

async function main(): Promise<void> {
  const sizes = (process.env['BENCH_SIZES'] ?? '10000,100000')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  const started = Date.now();
  // BENCH_SKIP=watch,sync skips stages (`search` the index-only stage at BENCH_SIZES).
  const skip = new Set((process.env['BENCH_SKIP'] ?? '').split(',').map((x) => x.trim()));
  const results: SizeResult[] = [];
  for (const size of skip.has('search') ? [] : sizes) {
    const file = await ensureCorpus(size, log);
    const r = await benchSize(size, file, log);
    printSize(r);
    results.push(r);
  }
  // The archive's real size, opt-in (BENCH_SCALE=1): it takes about an hour on this machine.
  const scaled: ScaleResult[] = [];
  if (process.env['BENCH_SCALE'] === '1') {
    for (const size of scaleSizes()) {
      const r = await benchScale(size, await ensureCorpus(size, log), log);
      printScale(r);
      scaled.push(r);
    }
  }
  const growth = scaled.length > 1 ? printGrowth(scaled[0]!, scaled.at(-1)!) : null;
  // The whole product on PostgreSQL against SQLite, opt-in (BENCH_PRODUCT_PG=1): at 100,000 documents about half an hour.
  const productRows: BenchRow[] = [];
  if (process.env['BENCH_PRODUCT_PG'] === '1') {
    const r = await benchProductPg(Number(process.env['BENCH_PRODUCT_PG_DOCS'] ?? 100_000), 21, log);
    if (r) productRows.push(...printProductPg(r));
  }
  // The import alone into PostgreSQL against SQLite, with statements per document, opt-in (BENCH_IMPORT_PG=1): a few minutes at 10,000.
  if (process.env['BENCH_IMPORT_PG'] === '1') {
    const r = await benchImportPg(Number(process.env['BENCH_IMPORT_PG_DOCS'] ?? 10_000), 1000, log);
    if (r) productRows.push(...printImportPg(r, log));
  }
  // Every other stage, each against its own baseline from the same run.
  const stages: [string, () => Promise<BenchRow[]>][] = [
    ['parse', benchParse],
    ['realdocs', benchRealDocuments],
    ['docfiles', benchDocumentFiles],
    ['changes', benchChanges],
    ['promises', benchPromises],
    ['dutch', benchDutch],
    ['sync', benchSync],
    ['tkpages', benchTkPages],
    // The pages across documents on a kept data folder (CROSS_PAGES_DATA), the old queries against the new.
    ['crosspages', async () => (process.env['CROSS_PAGES_DATA'] ? benchCrossPages(process.env['CROSS_PAGES_DATA']) : [])],
    // A term's block looked up in both table shapes on a kept data folder's blocks (BLOCK_LOOKUP_DATA).
    ['blocklookup', async () => (process.env['BLOCK_LOOKUP_DATA'] ? blockLookupRows(process.env['BLOCK_LOOKUP_DATA']) : [])],
    ['vlos', benchVlos],
    ['entries', () => benchEntries(undefined, log)],
    ['watch', () => benchWatch({ log })],
    ['abuse', () => benchAbuse({ log })],
    ['pgnodes', () => benchPgNodes(log)],
  ];
  const stageRows: BenchRow[] = [...productRows];
  for (const [name, run] of stages) {
    if (skip.has(name)) continue;
    log(`\n== ${name} ==`);
    for (const row of await run()) {
      console.log(formatRow(row));
      stageRows.push(row);
    }
  }
  log(`\nbench finished in ${((Date.now() - started) / 60000).toFixed(1)} min`);
  for (const r of results.slice(0, -1)) console.log(summarise(r));
  for (const r of scaled) console.log(summariseScale(r));
  if (growth) console.log(growth);
  const last = results.at(-1);
  const stageSummary = stageRows.map((r) => `${r.name} ${r.ratio.toFixed(3)}x`).join("; ");
  console.log([last ? summarise(last) : "summary: search not run", stageSummary].filter(Boolean).join(" | "));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
