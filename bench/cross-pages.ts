// Benchmark of the pages across documents (/raad, /toezeggingen; issue 15) on a given data folder:
// each page's work as it is now against the same work as it was before (the old queries, kept here
// verbatim), both on the same copy of the folder in the same run; and each page through HTTP
// against a trivial page. Runnable alone: `npx tsx bench/cross-pages.ts <data folder>` (or
// CROSS_PAGES_DATA); the folder is copied first, since opening it runs the migrations.

import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openServices } from '../src/main.js';
import { createApp } from '../src/server/app.js';
import { listPromises } from '../src/service/promises.js';
import { listMeetings } from '../src/service/structure.js';
import { presentCommitments, presentMeetings } from '../src/service/structure-presenters.js';
import { foldText, monthEnd } from '../src/store/structure-index.js';
import type { BenchRow } from './row.js';
import { measure as latency } from './search.js';

const RUNS = Number(process.env.CROSS_PAGES_RUNS ?? 9);
const TODAY = process.env.CROSS_PAGES_TODAY ?? '2026-12-03';

// The old queries (src/store/sqlite/sqlite-promise-store.ts and sqlite-structure-index.ts before issue 15).
const OLD_UNION = `
  SELECT 'document' AS src, c.doc_id AS doc_id, c.ord AS ord, c.text AS text, c.folded AS folded, c.actor AS actor, c.due AS due,
         COALESCE(c.due_date, r.due_date) AS due_date, c.topic AS topic, d.date AS made, r.tz_id AS tz_id, r.folded AS reg_folded, r.status AS reg_status,
         COALESCE(r.kept_doc, k.by_doc) AS kept_doc, COALESCE(r.kept_evidence, k.evidence) AS kept_evidence,
         CASE WHEN r.kept_doc IS NULL THEN k.sentence END AS kept_sentence, CASE WHEN r.kept_doc IS NULL THEN k.via ELSE 'kamerbrief' END AS kept_via
  FROM structure_commitments c JOIN structure_docs d ON d.doc_id = c.doc_id
  LEFT JOIN promise_register r ON r.link_doc = c.doc_id AND r.link_ord = c.ord
  LEFT JOIN promise_kept k ON k.doc_id = c.doc_id AND k.ord = c.ord
  WHERE 1
  UNION ALL
  SELECT 'register', NULL, NULL, r.text, r.folded, r.actor, NULL, r.due_date, NULL, r.created, r.tz_id, r.folded, r.status, r.kept_doc, r.kept_evidence, NULL, 'kamerbrief'
  FROM promise_register r WHERE r.link_doc IS NULL AND 1`;
const OLD_STATUS = `(CASE WHEN u.due_date IS NULL THEN 'no-date' WHEN u.due_date < ? THEN 'overdue' WHEN u.due_date >= ? AND u.due_date <= ? THEN 'this-month' ELSE 'later' END)`;
const OLD_KEPT = `(CASE
  WHEN (u.kept_doc IS NOT NULL AND (SELECT date FROM structure_docs WHERE doc_id = u.kept_doc) <= ?) OR lower(coalesce(u.reg_status, '')) IN ('voldaan', 'nagekomen') THEN 'fulfilled'
  WHEN u.due_date < ? AND (u.reg_status IS NULL OR lower(u.reg_status) LIKE '%openstaand%' OR lower(u.reg_status) LIKE '%deels%') THEN 'overdue'
  ELSE 'open' END)`;

interface Filter {
  status?: 'overdue';
  kept?: 'fulfilled';
  q?: string;
  page?: number;
}

/** What /toezeggingen asked of the store per request before: the actors, the count, the page and the counts, over the whole union. */
function oldCommitments(db: Database.Database, f: Filter): number {
  const where: string[] = [];
  const args: unknown[] = [];
  const base: string[] = [];
  const baseArgs: unknown[] = [];
  for (const w of foldText(f.q ?? '').split(/\s+/).filter(Boolean)) {
    base.push("(instr(u.folded, ?) > 0 OR instr(coalesce(u.reg_folded, ''), ?) > 0)");
    baseArgs.push(w, w);
  }
  where.push(...base);
  args.push(...baseArgs);
  if (f.status) {
    where.push(`${OLD_STATUS} = ?`);
    args.push(TODAY, TODAY, monthEnd(TODAY), f.status);
  }
  if (f.kept) {
    where.push(`${OLD_KEPT} = ?`);
    args.push(TODAY, TODAY, f.kept);
  }
  const from = (w: string[]) => `FROM (${OLD_UNION}) u ${w.length ? `WHERE ${w.join(' AND ')}` : ''}`;
  db.prepare('SELECT actor, COUNT(*) AS count FROM structure_commitments GROUP BY actor ORDER BY count DESC, actor').all();
  const total = (db.prepare(`SELECT COUNT(*) AS n ${from(where)}`).get(...args) as { n: number }).n;
  const rows = db
    .prepare(`SELECT u.* ${from(where)} ORDER BY u.due_date IS NULL, u.due_date, u.made DESC, u.doc_id, u.ord, u.tz_id LIMIT ? OFFSET ?`)
    .all(...args, 50, ((f.page ?? 1) - 1) * 50);
  db.prepare(`SELECT ${OLD_STATUS} AS status, ${OLD_KEPT} AS kept, COUNT(*) AS n ${from(base)} GROUP BY 1, 2`).all(TODAY, TODAY, monthEnd(TODAY), TODAY, TODAY, ...baseArgs);
  return total + rows.length;
}

const qs = (f: Filter) =>
  new URLSearchParams({ ...(f.status ? { status: f.status } : {}), ...(f.kept ? { nagekomen: f.kept } : {}), ...(f.q ? { q: f.q } : {}), ...(f.page ? { page: String(f.page) } : {}), today: TODAY }).toString();

export interface CrossPagesResult {
  /** Same work before and after, at the service: p50 ms each, and the JSON's size. */
  service: { name: string; before: number; after: number; beforeBytes: number; afterBytes: number }[];
  /** Each page through HTTP: p50 and p95 ms, size, against the trivial page's p50. */
  http: { name: string; p50: number; p95: number; bytes: number }[];
  trivial: number;
}

export async function measureCrossPages(folder: string): Promise<CrossPagesResult> {
  const dir = mkdtempSync(join(tmpdir(), 'kl-bench-cross-pages-'));
  try {
    const file = join(dir, 'kamerlens.db');
    copyFileSync(join(folder, 'kamerlens.db'), file);
    const t0 = performance.now();
    const world = openServices(file);
    console.log(`opened a copy of ${folder} (migrations included) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const raw = new Database(file, { readonly: true });
    try {
      const service: CrossPagesResult['service'] = [];
      // /raad before: every thread with every document; now: a page of 50 threads, their first 8 documents each.
      const oldRaad = async () => JSON.stringify(presentMeetings({ filters: { q: '', year: null }, page: 1, pageSize: 0, pageCount: 1, total: 0, meetings: await world.structure.meetings() }));
      const newRaad = async () => JSON.stringify(presentMeetings(await listMeetings(world, { q: '', year: null, page: 1 })));
      service.push({
        name: '/raad.json (page 1)', before: (await latency(RUNS, oldRaad)).p50, after: (await latency(RUNS, newRaad)).p50,
        beforeBytes: (await oldRaad()).length, afterBytes: (await newRaad()).length,
      });
      const filters: [string, Filter][] = [['', {}], ['status=overdue', { status: 'overdue' }], ['nagekomen=fulfilled', { kept: 'fulfilled' }], ['q=brief', { q: 'brief' }], ['page=150', { page: 150 }]];
      for (const [name, f] of filters) {
        const input = { actor: '', status: f.status ?? null, kept: f.kept ?? null, source: null, q: f.q ?? '', page: f.page ?? 1, today: TODAY };
        const after = await latency(RUNS, async () => presentCommitments(await listPromises(world, input)));
        const before = await latency(RUNS, () => oldCommitments(raw, f));
        service.push({ name: `/toezeggingen ${name || '(page 1)'}`, before: before.p50, after: after.p50, beforeBytes: 0, afterBytes: 0 });
      }
      const app = createApp({ ...world });
      const get = async (path: string) => {
        const res = await app.request(path);
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        return (await res.arrayBuffer()).byteLength;
      };
      const trivial = (await latency(RUNS, () => get('/'))).p50;
      const pages: [string, string][] = [
        ['/raad', '/raad'],
        ['/raad?page=2', '/raad?page=2'],
        ['/raad?raad=telecom', '/raad?raad=telecom'],
        ['/raad?jaar=2025', '/raad?jaar=2025'],
        ['/toezeggingen', `/toezeggingen?${qs({})}`],
        ['/toezeggingen?status=overdue', `/toezeggingen?${qs({ status: 'overdue' })}`],
        ['/toezeggingen?nagekomen=fulfilled', `/toezeggingen?${qs({ kept: 'fulfilled' })}`],
        ['/toezeggingen?q=brief', `/toezeggingen?${qs({ q: 'brief' })}`],
        ['/toezeggingen?page=150', `/toezeggingen?${qs({ page: 150 })}`],
        ['/api/commitments', `/api/commitments?${qs({})}`],
      ];
      const http: CrossPagesResult['http'] = [];
      for (const [name, path] of pages) {
        const t = await latency(RUNS, () => get(path));
        http.push({ name, p50: t.p50, p95: t.p95, bytes: await get(path) });
      }
      return { service, http, trivial };
    } finally {
      raw.close();
      await world.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

/** The figures as rows: each page's work now against before (same run, same copy). */
export async function benchCrossPages(folder: string): Promise<BenchRow[]> {
  const r = await measureCrossPages(folder);
  return [
    ...r.service.map((s) => ({ name: `cross page ${s.name} p50`, value: Number(ms(s.after)), unit: 'ms', baseline: `${ms(s.before)} ms, the old queries`, ratio: s.after / s.before })),
    ...r.http.map((h) => ({ name: `cross page ${h.name} HTTP p50`, value: Number(ms(h.p50)), unit: 'ms', baseline: `${ms(r.trivial)} ms, the home page`, ratio: h.p50 / r.trivial })),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const folder = process.argv[2] ?? process.env.CROSS_PAGES_DATA;
  if (!folder) throw new Error('usage: npx tsx bench/cross-pages.ts <data folder>');
  const r = await measureCrossPages(folder);
  console.log(`\n${pad('work (service level, JSON included)', 38)}${lpad('before p50', 12)}${lpad('after p50', 12)}${lpad('after/before', 14)}${lpad('bytes before', 14)}${lpad('after', 10)}`);
  for (const s of r.service) {
    console.log(`${pad(s.name, 38)}${lpad(ms(s.before), 12)}${lpad(ms(s.after), 12)}${lpad(`${(s.after / s.before).toFixed(3)}x`, 14)}${lpad(s.beforeBytes ? String(s.beforeBytes) : '', 14)}${lpad(s.afterBytes ? String(s.afterBytes) : '', 10)}`);
  }
  console.log('(ms; before = the old queries on the same copy, without the old page\'s hydration of its 50 rows; after = the service as it is now)');
  console.log(`\n${pad('page (HTTP, in process)', 38)}${lpad('p50', 10)}${lpad('p95', 10)}${lpad('bytes', 10)}${lpad('p50 / home', 12)}`);
  for (const h of r.http) console.log(`${pad(h.name, 38)}${lpad(ms(h.p50), 10)}${lpad(ms(h.p95), 10)}${lpad(String(h.bytes), 10)}${lpad(`${(h.p50 / r.trivial).toFixed(2)}x`, 12)}`);
  console.log(`(home page p50 ${ms(r.trivial)} ms, measured in the same run)`);
}
