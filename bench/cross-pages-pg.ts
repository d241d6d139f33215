// The pages across documents on PostgreSQL (issue 15): a kept SQLite data folder's structure and promise rows
// (already migrated: open it once, e.g. with bench/cross-pages.ts's copy or `kamerlens serve`) copied into a scratch
// PostgreSQL cluster, then each page's work now against the old queries (kept verbatim here) in the same run.
// `npx tsx bench/cross-pages-pg.ts <kamerlens.db>`; CROSS_PAGES_EXPLAIN=1 prints the plans of statements over 20 ms instead.
import Database from 'better-sqlite3';
import { PgDb } from '../src/store/postgres/connection.js';
import { PgStructureStore } from '../src/store/postgres/pg-structure-store.js';
import { PgPromiseStore } from '../src/store/postgres/pg-promise-store.js';
import { listPromises } from '../src/service/promises.js';
import { listMeetings } from '../src/service/structure.js';
import { presentMeetings } from '../src/service/structure-presenters.js';
import { monthEnd } from '../src/store/structure-index.js';
import { measure } from '../bench/search.js';
// @ts-expect-error untyped script
import { startScratchCluster } from '../scripts/pg-scratch.mjs';

const TODAY = '2026-12-03';
const cluster = await startScratchCluster({ log: console.log });
const db = new PgDb(cluster.url, { max: 4 });
try {
  const structure = await PgStructureStore.open(db);
  const promises = await PgPromiseStore.open(db);
  const file = process.argv[2] ?? process.env.CROSS_PAGES_DB;
  if (!file) throw new Error('usage: npx tsx bench/cross-pages-pg.ts <kamerlens.db (migrated)>');
  const lite = new Database(file, { readonly: true });
  const copy = async (table: string, cols: string[], types: string[], sql: string) => {
    const rows = lite.prepare(sql).raw().all() as unknown[][];
    for (let i = 0; i < rows.length; i += 20000) {
      const part = rows.slice(i, i + 20000);
      await db.q(
        `INSERT INTO ${table} (${cols.join(', ')}) SELECT * FROM unnest(${types.map((t, j) => `$${j + 1}::${t}[]`).join(', ')})`,
        cols.map((_, j) => part.map((r) => (types[j] === 'boolean' ? (r[j] === null ? null : r[j] === 1) : r[j]))),
      );
    }
    console.log(table, rows.length);
  };
  await copy('structure_docs', ['doc_id', 'title', 'kind', 'date', 'folded_title', 'signers'], ['text', 'text', 'text', 'text', 'text', 'text'], 'SELECT doc_id, title, kind, date, folded_title, signers FROM structure_docs');
  await copy('structure_commitments', ['doc_id', 'ord', 'text', 'folded', 'actor', 'due', 'due_date', 'topic', 'made'], ['text', 'int', 'text', 'text', 'text', 'text', 'text', 'text', 'text'], 'SELECT doc_id, ord, text, folded, actor, due, due_date, topic, made FROM structure_commitments ORDER BY rowid');
  await copy('structure_meetings', ['doc_id', 'ord', 'meeting_key', 'body', 'formal', 'start_date', 'end_date', 'location', 'doc_stage', 'doc_date', 'questions', 'commitments'],
    ['text', 'int', 'text', 'text', 'boolean', 'text', 'text', 'text', 'int', 'text', 'int', 'int'], 'SELECT doc_id, ord, meeting_key, body, formal, start_date, end_date, location, doc_stage, doc_date, questions, commitments FROM structure_meetings');
  await copy('promise_kept', ['doc_id', 'ord', 'by_doc', 'evidence', 'sentence', 'via', 'by_date'], ['text', 'int', 'text', 'text', 'text', 'text', 'text'], 'SELECT doc_id, ord, by_doc, evidence, sentence, via, by_date FROM promise_kept');
  await db.q('VACUUM ANALYZE');
  const w = { structure, promises };
  const OLD_UNION = `
  SELECT 'document'::text AS src, c.doc_id AS doc_id, c.ord AS ord, c.text AS text, c.folded AS folded, c.actor AS actor, c.due AS due,
         COALESCE(c.due_date, r.due_date) AS due_date, c.topic AS topic, d.date AS made, r.tz_id AS tz_id, r.folded AS reg_folded, r.status AS reg_status,
         COALESCE(r.kept_doc, k.by_doc) AS kept_doc, COALESCE(r.kept_evidence, k.evidence) AS kept_evidence,
         CASE WHEN r.kept_doc IS NULL THEN k.sentence END AS kept_sentence, CASE WHEN r.kept_doc IS NULL THEN k.via ELSE 'kamerbrief' END AS kept_via
  FROM structure_commitments c JOIN structure_docs d ON d.doc_id = c.doc_id
  LEFT JOIN promise_register r ON r.link_doc = c.doc_id AND r.link_ord = c.ord
  LEFT JOIN promise_kept k ON k.doc_id = c.doc_id AND k.ord = c.ord
  WHERE TRUE
  UNION ALL
  SELECT 'register', NULL, NULL, r.text, r.folded, r.actor, NULL, r.due_date, NULL, r.created, r.tz_id, r.folded, r.status, r.kept_doc, r.kept_evidence, NULL, 'kamerbrief'
  FROM promise_register r WHERE r.link_doc IS NULL AND TRUE`;
  const st = `(CASE WHEN u.due_date IS NULL THEN 'no-date' WHEN u.due_date < $1 THEN 'overdue' WHEN u.due_date >= $1 AND u.due_date <= $2 THEN 'this-month' ELSE 'later' END)`;
  const kc = `(CASE
  WHEN (u.kept_doc IS NOT NULL AND (SELECT date FROM structure_docs WHERE doc_id = u.kept_doc) <= $1) OR lower(coalesce(u.reg_status, '')) IN ('voldaan', 'nagekomen') THEN 'fulfilled'
  WHEN u.due_date < $1 AND (u.reg_status IS NULL OR lower(u.reg_status) LIKE '%openstaand%' OR lower(u.reg_status) LIKE '%deels%') THEN 'overdue'
  ELSE 'open' END)`;
  /** What /toezeggingen asked per request before: the actors, the count, the page and the counts over the whole union (without hydrating the page). */
  const old = async (kept: string | null, page: number) => {
    await db.rows(`SELECT (array_agg(actor ORDER BY seq))[1] AS actor, COUNT(*) AS count FROM structure_commitments GROUP BY lower(actor) ORDER BY count DESC, lower(actor) NULLS FIRST`);
    const where = kept ? `WHERE ${kc} = $2` : '';
    const args = kept ? [TODAY, kept] : [];
    await db.rows(`SELECT COUNT(*) FROM (${OLD_UNION}) u ${where}`, args);
    await db.rows(`SELECT u.* FROM (${OLD_UNION}) u ${where} ORDER BY u.due_date IS NULL, u.due_date, u.made DESC NULLS LAST, u.doc_id NULLS FIRST, u.ord NULLS FIRST, u.tz_id NULLS FIRST LIMIT 50 OFFSET ${(page - 1) * 50}`, args);
    await db.rows(`SELECT ${st} AS status, ${kc} AS kept, COUNT(*) FROM (${OLD_UNION}) u GROUP BY 1, 2`, [TODAY, monthEnd(TODAY)]);
  };
  const runs = Number(process.env.CROSS_PAGES_RUNS ?? 7);
  if (process.env.CROSS_PAGES_EXPLAIN === '1') {
    const orig = db.rows.bind(db);
    (db as { rows: unknown }).rows = async (sql: string, params?: readonly unknown[]) => {
      const t = performance.now();
      const r = await orig(sql, params);
      const ms = performance.now() - t;
      if (ms > 20 && !sql.startsWith('EXPLAIN')) {
        console.log(`--- ${ms.toFixed(1)} ms: ${sql.replace(/\s+/g, ' ').slice(0, 200)}`);
        for (const x of await orig<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`, params)) console.log(x['QUERY PLAN']);
      }
      return r;
    };
    await listPromises(w, { actor: '', status: null, kept: null, source: null, q: '', page: 1, today: TODAY });
    await listMeetings(w, { q: '', year: null, page: 1 });
  } else {
    for (const [name, kept, page] of [['page 1', null, 1], ['nagekomen=fulfilled', 'fulfilled', 1], ['page 150', null, 150]] as const) {
      const input = { actor: '', status: null, kept, source: null, q: '', page, today: TODAY };
      const a = await measure(runs, () => listPromises(w, input));
      const b = await measure(runs, () => old(kept, page));
      console.log(`/toezeggingen ${name}: new ${a.p50.toFixed(1)} ms, old ${b.p50.toFixed(1)} ms, ${(a.p50 / b.p50).toFixed(3)}x`);
  }
  const a = await measure(runs, async () => JSON.stringify(presentMeetings(await listMeetings(w, { q: '', year: null, page: 1 }))));
  const b = await measure(runs, async () => JSON.stringify(presentMeetings({ filters: { q: '', year: null }, page: 1, pageSize: 0, pageCount: 1, total: 0, meetings: await structure.meetings() })));
  console.log(`/raad.json page 1: new ${a.p50.toFixed(1)} ms, old ${b.p50.toFixed(1)} ms, ${(a.p50 / b.p50).toFixed(3)}x`);
  }
} finally {
  await db.close();
  cluster.stop();
}
