// Benchmark entry (`npm run bench`): import and search at 10k and 100k docs, parse bench, summary last.

import { ensureCorpus } from './corpus.js';
import { benchChanges } from './changes.js';
import { benchDocumentFiles } from './document-files.js';
import { benchDutch } from './dutch.js';
import { benchParse } from './parse.js';
import { benchPromises } from './promises.js';
import { benchRealDocuments } from './real-documents.js';
import { formatRow, type BenchRow } from './row.js';
import { benchSync } from './sync.js';
import { benchTkPages } from './tk-pages.js';
import { benchVlos } from './vlos.js';
import { benchEntries } from './entries.js';
import { benchWatch } from './watch.js';
import { benchAbuse } from './abuse.js';
import { benchSize, type Latency, type SizeResult } from './search.js';

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
  const results: SizeResult[] = [];
  for (const size of sizes) {
    const file = await ensureCorpus(size, log);
    const r = await benchSize(size, file, log);
    printSize(r);
    results.push(r);
  }
  // Every other stage, each against its own baseline from the same run. BENCH_SKIP=watch,sync skips stages.
  const skip = new Set((process.env['BENCH_SKIP'] ?? '').split(',').map((x) => x.trim()));
  const stages: [string, () => Promise<BenchRow[]>][] = [
    ['parse', benchParse],
    ['realdocs', benchRealDocuments],
    ['docfiles', benchDocumentFiles],
    ['changes', benchChanges],
    ['promises', benchPromises],
    ['dutch', benchDutch],
    ['sync', benchSync],
    ['tkpages', benchTkPages],
    ['vlos', benchVlos],
    ['entries', () => benchEntries(undefined, log)],
    ['watch', () => benchWatch({ log })],
    ['abuse', () => benchAbuse({ log })],
  ];
  const stageRows: BenchRow[] = [];
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
  const last = results.at(-1);
  const stageSummary = stageRows.map((r) => `${r.name} ${r.ratio.toFixed(3)}x`).join("; ");
  console.log([last ? summarise(last) : "summary: search not run", stageSummary].filter(Boolean).join(" | "));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
