// kamerlens's engine on PostgreSQL against PostgreSQL's own full-text search with the RUM
// extension (Debian's postgresql-15-rum), in the same run on the same corpus: import, and the
// query mix as top 20 plus the total a results page shows. Issue 15 asked to measure a
// PostgreSQL-native alternative before keeping one engine for both backends.
// `npx tsx bench/search-rum.ts [size] [reps]`; needs `apt-get install postgresql-15-rum`.

import { existsSync } from 'node:fs';
import pg from 'pg';
import type { DocumentKind, IndexDocument } from '../src/domain/index.js';
import { PgSearchIndex } from '../src/search/pg-index.js';
import { parseQuery } from '../src/search/query.js';
import { PgDb } from '../src/store/postgres/connection.js';
import { ensureCorpus, type CorpusDoc } from './corpus.js';
import { benchImporters, pickRareWord } from './search.js';
// @ts-expect-error a JavaScript module without types
import { pgBinDir, startScratchCluster } from '../scripts/pg-scratch.mjs';

const toIndexDoc = (d: CorpusDoc): IndexDocument => ({ id: d.id, title: d.title, text: d.text, kind: d.kind as DocumentKind, date: d.date, parties: [], dossiers: [] });
const pct = (ts: number[], q: number): number => {
  const s = [...ts].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};
const ms = (x: number): string => (x < 10 ? x.toFixed(2) : x.toFixed(1));

/**
 * The query mix in PostgreSQL's terms. `where` is a tsquery expression over `$1`; null where
 * PostgreSQL's text search has no equivalent (NEAR within a distance, identifiers, a filter
 * without words): those rows are left out rather than approximated.
 */
interface RumQuery {
  name: string;
  kamerlens: string;
  tsquery: string | null;
  kind?: string;
  byDate?: boolean;
}

const mix = (rare: string): RumQuery[] => [
  // `de` is a stop word of PostgreSQL's Dutch configuration: its query is empty and matches nothing.
  { name: 'de', kamerlens: 'de', tsquery: "websearch_to_tsquery('dutch', 'de')" },
  { name: 'informatie', kamerlens: 'informatie', tsquery: "websearch_to_tsquery('dutch', 'informatie')" },
  { name: 'cyberbeveiliging', kamerlens: 'cyberbeveiliging', tsquery: "websearch_to_tsquery('dutch', 'cyberbeveiliging')" },
  { name: `rare (${rare})`, kamerlens: rare, tsquery: `websearch_to_tsquery('dutch', '${rare.replace(/'/g, "''")}')` },
  { name: '"Cyber Resilience Act"', kamerlens: '"Cyber Resilience Act"', tsquery: `websearch_to_tsquery('dutch', '"Cyber Resilience Act"')` },
  { name: '"de Europese Commissie"', kamerlens: '"de Europese Commissie"', tsquery: `websearch_to_tsquery('dutch', '"de Europese Commissie"')` },
  { name: 'informatie europese', kamerlens: 'informatie europese', tsquery: "websearch_to_tsquery('dutch', 'informatie europese')" },
  { name: 'telecomraad OR cybersecurity', kamerlens: 'telecomraad OR cybersecurity', tsquery: "websearch_to_tsquery('dutch', 'telecomraad or cybersecurity')" },
  { name: 'informatie -europese', kamerlens: 'informatie -europese', tsquery: "websearch_to_tsquery('dutch', 'informatie -europese')" },
  { name: 'cyber*', kamerlens: 'cyber*', tsquery: "to_tsquery('dutch', 'cyber:*')" },
  { name: 'informatie kind:kamerbrief', kamerlens: 'informatie kind:kamerbrief', tsquery: "websearch_to_tsquery('dutch', 'informatie')", kind: 'kamerbrief' },
  { name: 'lidstaten sort:date', kamerlens: 'lidstaten sort:date', tsquery: "websearch_to_tsquery('dutch', 'lidstaten')", byDate: true },
  { name: 'cybersecurity NOT telecomraad', kamerlens: 'cybersecurity NOT telecomraad', tsquery: "websearch_to_tsquery('dutch', 'cybersecurity -telecomraad')" },
];

async function main(): Promise<void> {
  const size = Number(process.argv[2] ?? 10_000);
  const reps = Number(process.argv[3] ?? 21);
  const log = (m: string) => console.log(m);
  const bin = pgBinDir() as string | null;
  if (!bin || !existsSync(`${bin.replace(/\/bin$/, '')}/lib/rum.so`)) {
    console.log('search-rum: the RUM extension is not installed (apt-get install postgresql-15-rum); skipped');
    return;
  }
  const corpus = await ensureCorpus(size, log);
  const cluster = (await startScratchCluster({ log })) as { url: string; stop(): void };
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('CREATE DATABASE bench_rum');
  await admin.end();
  const url = cluster.url.replace(/\/postgres$/, '/bench_rum');
  const db = new PgDb(url, { max: 4 });
  const raw = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const engine = new PgSearchIndex(db);
    await engine.migrate();
    await raw.query('CREATE EXTENSION rum');
    // Title weighted above the text, as kamerlens weighs it; the index is in place from the
    // start, as a live archive keeps it.
    await raw.query(`CREATE TABLE rum_docs (id text PRIMARY KEY, kind text NOT NULL, date date, title text NOT NULL, body text NOT NULL, tsv tsvector NOT NULL)`);
    await raw.query('CREATE INDEX rum_docs_tsv ON rum_docs USING rum (tsv rum_tsvector_ops)');

    log(`[${size}] importing into kamerlens's engine on PostgreSQL and into a RUM-indexed table, batch by batch …`);
    const imported = await benchImporters(
      corpus,
      {
        kamerlens: (docs) => engine.upsert(docs.map(toIndexDoc)),
        rum: async (docs) => {
          await raw.query(
            `INSERT INTO rum_docs (id, kind, date, title, body, tsv)
             SELECT id, kind, date::date, title, body, setweight(to_tsvector('dutch', title), 'A') || setweight(to_tsvector('dutch', body), 'D')
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(id, kind, date, title, body)`,
            [docs.map((d) => d.id), docs.map((d) => d.kind), docs.map((d) => d.date), docs.map((d) => d.title), docs.map((d) => d.text.replace(/\0/g, ''))],
          );
        },
      },
      { log },
    );
    const ratio = imported.kamerlens.docsPerSec / imported.rum.docsPerSec;
    log(`import: kamerlens on PostgreSQL ${imported.kamerlens.docsPerSec.toFixed(0)} docs/s, RUM ${imported.rum.docsPerSec.toFixed(0)} docs/s (kamerlens ${ratio.toFixed(2)}x RUM)`);
    const size1 = async (sql: string) => Number((await raw.query<{ n: string }>(sql)).rows[0]!.n);
    const rumBytes = await size1("SELECT pg_total_relation_size('rum_docs') AS n");
    const ixBytes = await size1("SELECT COALESCE(sum(pg_total_relation_size(c.oid)), 0) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = 'public' AND c.relname LIKE 'ix\\_%'");
    log(`size: kamerlens's index tables ${(ixBytes / 1e6).toFixed(1)} MB (its texts live in the document store), RUM table with its text and index ${(rumBytes / 1e6).toFixed(1)} MB`);
    await raw.query('ANALYZE rum_docs');

    const rare = await pickRareWord(corpus);
    console.log(`\n${reps} runs per query per engine after 2 warm-ups, alternating; both answer the top 20 and the total (ms)`);
    console.log('query'.padEnd(32) + 'kamerlens total'.padStart(16) + '  RUM total' + '  kamerlens p50   p95    RUM p50    p95  kamerlens/RUM p50');
    const ratios: number[] = [];
    for (const q of mix(rare)) {
      if (!q.tsquery) continue;
      const filter = q.kind ? ` AND kind = '${q.kind}'` : '';
      const order = q.byDate ? 'date DESC, id' : `tsv <=> ${q.tsquery}`;
      // The page's two questions, as kamerlens answers both: which 20, and how many in all.
      const rum = async () => {
        const [top, total] = await Promise.all([
          raw.query(`SELECT id FROM rum_docs WHERE tsv @@ ${q.tsquery}${filter} ORDER BY ${order} LIMIT 20`),
          raw.query<{ n: string }>(`SELECT count(*) AS n FROM rum_docs WHERE tsv @@ ${q.tsquery}${filter}`),
        ]);
        return { top: top.rows.length, total: Number(total.rows[0]!.n) };
      };
      const ours = () => engine.search({ query: parseQuery(q.kamerlens), offset: 0, limit: 20 });
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < reps + 2; i++) {
        const order2: [() => Promise<unknown>, number[]][] = i % 2 ? [[ours, a], [rum, b]] : [[rum, b], [ours, a]];
        for (const [fn, ts] of order2) {
          const s = performance.now();
          await fn();
          if (i >= 2) ts.push(performance.now() - s);
        }
      }
      const mine = await ours();
      const theirs = await rum();
      const r = pct(a, 0.5) / pct(b, 0.5);
      if (theirs.total > 0) ratios.push(r);
      console.log(
        q.name.slice(0, 31).padEnd(32) + `${mine.totalIsEstimate ? '≈' : ''}${mine.total}`.padStart(16) + `${theirs.total}`.padStart(11) +
          ms(pct(a, 0.5)).padStart(15) + ms(pct(a, 0.95)).padStart(6) + ms(pct(b, 0.5)).padStart(11) + ms(pct(b, 0.95)).padStart(7) +
          `${r.toFixed(2)}x`.padStart(19) + (theirs.total === 0 ? '  (RUM matches nothing)' : ''),
      );
    }
    const g = Math.exp(ratios.reduce((x, r) => x + Math.log(r), 0) / Math.max(ratios.length, 1));
    console.log(`p50 geometric mean over the queries RUM answers: kamerlens ${g.toFixed(2)}x RUM; import kamerlens ${ratio.toFixed(2)}x RUM`);
  } finally {
    await raw.end();
    await db.close();
    cluster.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
