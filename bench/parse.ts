// Parse throughput: the sample corpus parsed repeatedly (~5 MB) and 2,000 synthetic documents (gen-corpus, seed 7),
// each against a whitespace-split baseline over the same bytes measured in the same run, plus a 50-page document;
// and the import's per-record step (buildVersion, what the parse worker runs per NDJSON line) on the cached
// corpus-2000.jsonl against a raw FTS5 insert of the same documents (issue 16: the import at ≥ 0.5× FTS5 needs
// this step well above 0.5× FTS5, as it is one thread of the import).
import type { BenchRow } from './row.js';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { parseNdjsonLine } from '../src/extract/ndjson.js';
import { buildVersion } from '../src/ingest/document.js';
import { parseDocument } from '../src/parse/index.js';
import { cacheDir } from './corpus.js';
import { EVAL_DIR, evaluateQa, formatEval } from './qa-eval.js';


const TARGET_BYTES = 5 * 1024 * 1024;
/** A printed page of a Kamerstuk holds about 3,000 characters. */
const PAGE_CHARS = 3000;

function sampleDir(): string {
  // Works from bench/ (tsx) and from dist/bench/ (compiled).
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const rel of ['../data/sample', '../../data/sample']) {
    const dir = join(here, rel);
    try {
      if (readdirSync(dir).some((f) => f.endsWith('.txt'))) return dir;
    } catch {
      // try the next candidate
    }
  }
  return join(process.cwd(), 'data/sample');
}

/** ../shared/tools/gen-corpus.mjs beside the repository, or null when ../shared is absent. */
function genCorpusPath(): string | null {
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const base of [join(here, '..'), join(here, '../..'), process.cwd()]) {
    const p = join(base, '../shared/tools/gen-corpus.mjs');
    if (existsSync(p)) return p;
  }
  return null;
}

/** The 2,000 synthetic documents of `gen-corpus.mjs --docs 2000 --seed 7`, or null without ../shared. */
function syntheticTexts(): string[] | null {
  const gen = genCorpusPath();
  if (!gen) return null;
  const out = execFileSync(process.execPath, [gen, '--docs', '2000', '--seed', '7'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return out.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Parses the samples repeatedly to ~5 MB and a 50-page document; reports MB/s and ms. */
export async function benchParse(): Promise<BenchRow[]> {
  const dir = sampleDir();
  const texts = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));
  const bytesPerRound = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const rounds = Math.max(1, Math.ceil(TARGET_BYTES / bytesPerRound));
  const mb = (bytesPerRound * rounds) / (1024 * 1024);

  for (const t of texts) parseDocument(t); // warm-up
  let sink = 0;
  let start = performance.now();
  for (let r = 0; r < rounds; r++) for (const t of texts) sink += parseDocument(t).citations.length;
  const parseSeconds = (performance.now() - start) / 1000;
  start = performance.now();
  for (let r = 0; r < rounds; r++) for (const t of texts) sink += t.split(/\s+/).length;
  const splitSeconds = (performance.now() - start) / 1000;
  if (sink < 0) console.log(sink);

  const parseMBs = mb / parseSeconds;
  const splitMBs = mb / splitSeconds;

  // A 50-page document: the written consultation (the longest sample) repeated to 50 pages.
  const longest = texts.reduce((a, b) => (b.length > a.length ? b : a), '');
  let fifty = longest;
  while (fifty.length < 50 * PAGE_CHARS) fifty += `\n\n${longest}`;
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const s = performance.now();
    parseDocument(fifty);
    times.push(performance.now() - s);
  }
  const fiftyMs = median(times);

  const rows: BenchRow[] = [
    { name: `parse throughput (${mb.toFixed(1)} MB, ${texts.length} samples)`, value: parseMBs, unit: 'MB/s', baseline: `text.split(/\\s+/) ${splitMBs.toFixed(1)} MB/s`, ratio: parseMBs / splitMBs },
    { name: `parse 50-page document (${(fifty.length / 1024).toFixed(0)} KB)`, value: fiftyMs, unit: 'ms', baseline: 'target 100 ms', ratio: fiftyMs / 100 },
  ];

  // 2,000 synthetic documents (skipped without ../shared): parse against split over the same texts, in this run.
  const synthetic = syntheticTexts();
  if (synthetic) {
    const synMb = synthetic.reduce((n, t) => n + Buffer.byteLength(t), 0) / (1024 * 1024);
    for (const t of synthetic.slice(0, 200)) parseDocument(t); // warm-up
    start = performance.now();
    for (const t of synthetic) sink += parseDocument(t).citations.length;
    const synParseSeconds = (performance.now() - start) / 1000;
    start = performance.now();
    for (const t of synthetic) sink += t.split(/\s+/).length;
    const synSplitSeconds = (performance.now() - start) / 1000;
    if (sink < 0) console.log(sink);
    const synParseMBs = synMb / synParseSeconds;
    const synSplitMBs = synMb / synSplitSeconds;
    rows.push({
      name: `parse throughput (${synMb.toFixed(1)} MB, ${synthetic.length} synthetic documents, seed 7)`,
      value: synParseMBs,
      unit: 'MB/s',
      baseline: `text.split(/\\s+/) ${synSplitMBs.toFixed(1)} MB/s`,
      ratio: synParseMBs / synSplitMBs,
    });
  }
  const perRecord = perRecordRow();
  if (perRecord) rows.push(perRecord);
  // Quality, not speed: Q&A pairs, party, seeAlso, commitments, kind and answer quality against the
  // hand-labelled real documents (printed; the same figures as test/parse/qa-eval.test.ts).
  if (existsSync(join(EVAL_DIR, 'labels.json'))) {
    const r = evaluateQa((text, fileName) => parseDocument(text, { fileName }));
    console.log(`parse quality on hand-labelled real documents (${EVAL_DIR}):\n${formatEval(r)}`);
  }
  return rows;
}

/**
 * buildVersion per record of bench/.cache/corpus-2000.jsonl (skipped when absent: the search stage
 * writes it) against inserting the same documents into an in-memory FTS5 table, 500 to a
 * transaction as the scale stage does, rounds alternating so busy spells fall on both. CPU time
 * of this thread, not wall time: other processes share the machine.
 */
function perRecordRow(): BenchRow | null {
  const file = join(cacheDir(), 'corpus-2000.jsonl');
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const records = lines.flatMap((l, i) => {
    const item = parseNdjsonLine(l, i + 1, 'corpus-2000.jsonl');
    return item && 'record' in item ? [item.record] : [];
  });
  const docs = lines.map((l) => JSON.parse(l) as { title: string; text: string; kind: string });
  const db = new Database(':memory:');
  db.exec('CREATE VIRTUAL TABLE raw USING fts5(title, body, kind UNINDEXED)');
  const ins = db.prepare('INSERT INTO raw (title, body, kind) VALUES (?, ?, ?)');
  const insertAll = db.transaction((rows: typeof docs) => {
    for (const r of rows) ins.run(r.title, r.text, r.kind);
  });
  const cpuMs = (f: () => void): number => {
    const t = process.cpuUsage();
    f();
    const u = process.cpuUsage(t);
    return (u.user + u.system) / 1000;
  };
  let sink = 0;
  for (const r of records.slice(0, 200)) sink += buildVersion(r, null, null, 'application/x-ndjson').structure.citations.length; // warm-up
  let parseMs = 0;
  let ftsMs = 0;
  const rounds = 3;
  for (let k = 0; k < rounds; k++) {
    const parse = () => {
      for (const r of records) sink += buildVersion(r, null, null, 'application/x-ndjson').structure.citations.length;
    };
    const fts = () => {
      db.exec('DELETE FROM raw');
      for (let i = 0; i < docs.length; i += 500) insertAll(docs.slice(i, i + 500));
    };
    if (k % 2 === 0) {
      parseMs += cpuMs(parse);
      ftsMs += cpuMs(fts);
    } else {
      ftsMs += cpuMs(fts);
      parseMs += cpuMs(parse);
    }
  }
  db.close();
  if (sink < 0) console.log(sink);
  const parseDocs = (rounds * records.length) / (parseMs / 1000);
  const ftsDocs = (rounds * docs.length) / (ftsMs / 1000);
  return {
    name: `parse per NDJSON record (buildVersion, ${records.length} documents of corpus-2000.jsonl, ${(parseMs / (rounds * records.length)).toFixed(3)} CPU ms each)`,
    value: parseDocs,
    unit: 'docs/s',
    baseline: `raw FTS5 insert of the same documents ${ftsDocs.toFixed(0)} docs/s`,
    ratio: parseDocs / ftsDocs,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const row of await benchParse()) {
    console.log(`${row.name}: ${row.value.toFixed(2)} ${row.unit} (baseline ${row.baseline}, ratio ${row.ratio.toFixed(3)})`);
  }
}
