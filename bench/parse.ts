// Parse throughput: the sample corpus parsed repeatedly (~5 MB) and 2,000 synthetic documents (gen-corpus, seed 7),
// each against a whitespace-split baseline over the same bytes measured in the same run, plus a 50-page document.
import type { BenchRow } from './row.js';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from '../src/parse/index.js';
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
  // Quality, not speed: Q&A pairs, party, seeAlso, commitments, kind and answer quality against the
  // hand-labelled real documents (printed; the same figures as test/parse/qa-eval.test.ts).
  if (existsSync(join(EVAL_DIR, 'labels.json'))) {
    const r = evaluateQa((text, fileName) => parseDocument(text, { fileName }));
    console.log(`parse quality on hand-labelled real documents (${EVAL_DIR}):\n${formatEval(r)}`);
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const row of await benchParse()) {
    console.log(`${row.name}: ${row.value.toFixed(2)} ${row.unit} (baseline ${row.baseline}, ratio ${row.ratio.toFixed(3)})`);
  }
}
