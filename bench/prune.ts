// Search pruning and start-up benchmark (issue 16): the pruned engine against the engine before it, on one index.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IndexDocument, SearchIndex } from '../src/domain/search.js';
import type { DocumentKind } from '../src/domain/structure.js';
import { normalizeWord } from '../src/search/dutch/index.js';
import { parseQuery } from '../src/search/query.js';
import { SqliteSearchIndex } from '../src/search/sqlite-index.js';
import { cacheDir, readBatches, repoRoot, type CorpusDoc } from './corpus.js';
import { openWithStoreSettings } from './search.js';

/*
 * Usage (tsx):
 *   bench/prune.ts build 100000      index bench/.cache/corpus-100000.jsonl into bench/.cache/prune-100000.db
 *   bench/prune.ts run 100000 [reps] p50/p95 per query, new engine against the old one (same run, alternating)
 *   bench/prune.ts first 100000      time to the first answer in a fresh process, new and old engine
 * The old engine is the search code of the commit before this work (BASE below), unpacked with
 * `git archive` into bench/.cache/old-engine, so both read the same database.
 */

const BASE = '6403dca';
/** This branch's stored format (search/fields.ts). */
const FORMAT = '3';

const MIX = [
  'cyberbeveiliging',
  'lidstaten',
  'kabinet desinformatie',
  'NIS2 OR "NIS 2"',
  'cyber*',
  'lidstaten date:2020-01-01..2022-12-31',
  'informatie',
  'de',
  'informatie -europese',
  '"de Europese Commissie"',
  'lidstaten sort:date',
  'informatie kind:kamerbrief',
];

function dbFile(size: number): string {
  return join(cacheDir(), `prune-${size}.db`);
}

const open = openWithStoreSettings;

function toIndexDoc(d: CorpusDoc): IndexDocument {
  return { id: d.id, title: d.title, text: d.text, kind: d.kind as DocumentKind, date: d.date, parties: [], dossiers: [] };
}

async function build(size: number): Promise<void> {
  const file = dbFile(size);
  for (const f of [file, file + '-wal', file + '-shm']) if (existsSync(f)) rmSync(f);
  const db = open(file);
  const index = new SqliteSearchIndex(db);
  index.migrate();
  const t0 = performance.now();
  let n = 0;
  for await (const { docs } of readBatches(join(cacheDir(), `corpus-${size}.jsonl`), 500)) {
    db.exec('BEGIN');
    await index.upsert(docs.map(toIndexDoc));
    db.exec('COMMIT');
    n += docs.length;
    if (n % 20000 === 0) console.log(`${n} docs, ${(n / ((performance.now() - t0) / 1000)).toFixed(0)} docs/s`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  console.log(`built ${file}: ${n} docs in ${((performance.now() - t0) / 1000).toFixed(0)} s, ${(statSync(file).size / 1e6).toFixed(0)} MB`);
}

/** The engine of BASE, unpacked once (its format check accepts this branch's format: it reads only what it knew). */
async function oldEngine(): Promise<typeof SqliteSearchIndex> {
  const dir = join(cacheDir(), 'old-engine');
  if (!existsSync(join(dir, 'src'))) {
    mkdirSync(dir, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${BASE} src data | tar -x -C ${dir}`], { cwd: repoRoot() });
    // It reads the blocks and ix_docs exactly as before; only its format check must not convert.
    const file = join(dir, 'src', 'search', 'sqlite-index.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace("const FORMAT = '2';", `const FORMAT = '${FORMAT}';`));
  }
  const mod = (await import(join(dir, 'src', 'search', 'sqlite-index.ts'))) as { SqliteSearchIndex: typeof SqliteSearchIndex };
  return mod.SqliteSearchIndex;
}

interface Engine {
  name: string;
  index: SearchIndex;
}

async function engines(size: number): Promise<Engine[]> {
  const Old = await oldEngine();
  const mk = (name: string, C: typeof SqliteSearchIndex): Engine => {
    const db = open(dbFile(size));
    const index = new C(db);
    index.migrate();
    return { name, index };
  };
  return [mk('new', SqliteSearchIndex), mk('old', Old)];
}

const pct = (ts: number[], q: number) => {
  const s = [...ts].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

async function run(size: number, reps: number): Promise<void> {
  const es = await engines(size);
  console.log(`${size} docs, ${reps} runs per query per engine, alternating; ms`);
  console.log('query | new p50 / p95 | old p50 / p95 | p50 ratio | total new / old | hits');
  const ratios: number[] = [];
  for (const q of MIX) {
    const times = new Map<string, number[]>(es.map((e) => [e.name, []]));
    const totals = new Map<string, string>();
    const tops = new Map<string, string>();
    for (const e of es) {
      for (let i = 0; i < 2; i++) {
        const r = await e.index.search({ query: parseQuery(q), offset: 0, limit: 20 });
        totals.set(e.name, (r.totalIsEstimate ? '≈' : '') + r.total);
        tops.set(e.name, JSON.stringify(r.hits.map((h) => [h.id, h.score])));
      }
    }
    const same = tops.get('new') === tops.get('old') ? 'same top 20' : 'TOP 20 DIFFERS';
    for (let i = 0; i < reps; i++) {
      for (const e of i % 2 === 0 ? es : [...es].reverse()) {
        const t0 = performance.now();
        await e.index.search({ query: parseQuery(q), offset: 0, limit: 20 });
        times.get(e.name)!.push(performance.now() - t0);
      }
    }
    const n = times.get('new')!;
    const o = times.get('old')!;
    ratios.push(pct(n, 0.5) / pct(o, 0.5));
    console.log(
      `${q} | ${pct(n, 0.5).toFixed(1)} / ${pct(n, 0.95).toFixed(1)} | ${pct(o, 0.5).toFixed(1)} / ${pct(o, 0.95).toFixed(1)} | ${(pct(n, 0.5) / pct(o, 0.5)).toFixed(2)}x | ${totals.get('new')} / ${totals.get('old')} | ${same}`,
    );
  }
  const geo = Math.exp(ratios.reduce((a, r) => a + Math.log(r), 0) / ratios.length);
  console.log(`geometric mean of p50 ratios new/old: ${geo.toFixed(2)}x`);
}

/** One fresh process per engine: open, then time the first query (and the process start apart). */
async function first(size: number, query: string, rounds: number): Promise<void> {
  for (const lexicon of ['loaded', 'cold']) {
    const out: Record<string, number[]> = { new: [], old: [] };
    for (let r = 0; r < rounds; r++) {
      for (const which of r % 2 === 0 ? ['new', 'old'] : ['old', 'new']) {
        const res = spawnSync(process.execPath, ['--import', 'tsx', process.argv[1]!, 'first-child', String(size), which, query, lexicon], { encoding: 'utf8' });
        if (res.status !== 0) throw new Error(res.stderr);
        out[which]!.push(Number(res.stdout.trim().split('\n').at(-1)));
      }
    }
    const fmt = (ts: number[]) => `median ${pct(ts, 0.5).toFixed(0)} ms (${ts.map((t) => t.toFixed(0)).join(', ')})`;
    console.log(
      `first query "${query}" after opening, ${size} docs, Dutch lexicon ${lexicon === 'cold' ? 'loaded by the query' : 'loaded before'}: ` +
        `new ${fmt(out['new']!)}; old ${fmt(out['old']!)}; ratio ${(pct(out['new']!, 0.5) / pct(out['old']!, 0.5)).toFixed(3)}x`,
    );
  }
}

async function firstChild(size: number, which: string, query: string, lexicon: string): Promise<void> {
  const C = which === 'new' ? SqliteSearchIndex : await oldEngine();
  // Everything a server does before its first request: load the engine code (and perhaps the
  // Dutch lexicon, ~0.2–1 s on this machine whatever the index size), then open the database.
  const parsed = parseQuery(query);
  if (lexicon === 'loaded') {
    // The old engine has its own copy of the Dutch modules: load the one it uses.
    const words = which === 'new' ? { normalizeWord } : ((await import(join(cacheDir(), 'old-engine', 'src', 'search', 'dutch', 'index.ts'))) as { normalizeWord: typeof normalizeWord });
    words.normalizeWord('lidstaten');
  }
  const t0 = performance.now();
  const db = open(dbFile(size));
  const index = new C(db);
  index.migrate();
  await index.search({ query: parsed, offset: 0, limit: 20 });
  console.log(String(performance.now() - t0));
}

const [cmd, sizeArg, a, b] = process.argv.slice(2);
const size = Number(sizeArg ?? 100000);
if (cmd === 'build') await build(size);
else if (cmd === 'run') await run(size, Number(a ?? 21));
else if (cmd === 'first') await first(size, a ?? 'lidstaten', Number(b ?? 5));
else if (cmd === 'first-child') await firstChild(size, a!, b!, process.argv[6] ?? 'cold');
else console.log('usage: prune.ts build|run|first SIZE');
