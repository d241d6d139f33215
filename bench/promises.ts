// Was the promise kept, before and after issue 12's promise pass, in the same run on the same archive:
// - `/toezeggingen`'s data (first page, counts) as it is now (read from what the pass stored) against the old
//   approach, which read up to 2,000 later documents for every row of the page on every view;
// - the promise pass over the whole archive, and after a batch of new documents, against the old approach's
//   per-view work for every commitment with a deadline (what the watch's deadline pass paid on each run);
// - how many of the planted keeping letters each approach finds (the old one is blind past 2,000 later documents).
// Runnable alone: `npx tsx bench/promises.ts` (BENCH_PROMISE_DOCS sets the archive size).
import type { DocumentKind, ParsedDocument } from '../src/domain/index.js';
import type { IndexDocument } from '../src/domain/search.js';
import { findKeeper, refreshPromises } from '../src/ingest/promises.js';
import { openServices, type Opened } from '../src/main.js';
import { FULFILLING_KINDS, fold, judgeFulfilment } from '../src/parse/promise-match.js';
import { listPromises } from '../src/service/promises.js';
import { createApp } from '../src/server/app.js';
import { DEADLINE_STATUSES } from '../src/store/structure-index.js';
import type { SqliteDb } from '../src/store/sqlite/connection.js';
import { rng } from './rng.js';
import type { BenchRow } from './row.js';
import { medianMs } from './median.js';

const DOCS = Number(process.env.BENCH_PROMISE_DOCS ?? 20_000);
const RUNS = Number(process.env.BENCH_PROMISE_RUNS ?? 7);
const MINISTRIES = ['Economische Zaken', 'Justitie en Veiligheid', 'Binnenlandse Zaken en Koninkrijksrelaties', 'Infrastructuur en Waterstaat', 'Financiën'];
const WORDS = (
  'samenwerking regio gemeenten bedrijven toezicht uitvoering beleid evaluatie voortgang wetgeving digitale veiligheid ' +
  'netwerken energie water wonen onderwijs zorg arbeidsmarkt innovatie onderzoek subsidie europese lidstaten raad ' +
  'verordening richtlijn implementatie consultatie rapport monitor aanpak programma strategie agenda'
).split(' ');
const day = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

/** Median milliseconds of `fn` over RUNS runs, after one warm-up. */
const time = (fn: () => Promise<unknown>, runs = RUNS): Promise<number> => medianMs(fn, runs);

interface Planted {
  promiseDoc: string;
  letterDoc: string;
  /** Later documents dated before the letter: past 2,000 the old approach cannot see it. */
  before: number;
}

/**
 * An archive of DOCS letters over six years from five ministries; one in ten makes a promise with a deadline on a
 * named programme (`Programma water 17`), and most of those get a later letter of the same ministry on it, 30 to
 * 600 days on. Written straight into the store, the structure rows and the index, as an import leaves them.
 */
async function build(w: Opened, count: number, offset = 0, planted: Planted[] = [], onDay?: number): Promise<void> {
  const r = rng(12 + offset);
  const docs: { id: string; title: string; date: string; s: ParsedDocument; text: string }[] = [];
  const span = 6 * 365;
  for (let i = 0; i < count; i++) {
    const n = offset + i;
    const ministry = MINISTRIES[n % MINISTRIES.length]!;
    // onDay: a day's documents, all of that day (a daily sync), with no keeping letters after them.
    const d = onDay ?? Math.floor((n / (offset + count)) * span);
    const words = Array.from({ length: 60 }, () => WORDS[Math.floor(r() * WORDS.length)]!);
    const s: ParsedDocument = { schemaVersion: 1, kind: 'kamerbrief', title: null, date: day(d), identifiers: { kenmerken: [], documentNumbers: [], zaakNumbers: [], councilDocs: [] },
      signatories: [{ name: `Minister ${n % MINISTRIES.length}`, role: `Minister van ${ministry}` }], meetings: [], questions: [], answers: [], commitments: [], citations: [], footnotes: [] };
    let title = `Kamerbrief over ${words.slice(0, 3).join(' ')}`;
    if (n % 10 === 3) {
      const programme = `Programma ${WORDS[n % WORDS.length]} ${n}`;
      s.commitments.push({ text: `De minister zal de Kamer voor de zomer informeren over de voortgang van het ${programme}.`, actor: `Minister van ${ministry}`, due: 'voor de zomer', dueDate: day(d + 120), topic: `voortgang, ${programme}` });
      if (r() < 0.8 && onDay === undefined) planted.push({ promiseDoc: `doc-${n}`, letterDoc: '', before: 30 + Math.floor(r() * 570) });
      title = `Kamerbrief over ${programme}`;
    }
    docs.push({ id: `doc-${n}`, title, date: day(d), s, text: words.join(' ') + '.' });
  }
  // The keeping letters, dated `before` days after their promise.
  let k = 0;
  for (const p of planted) {
    if (p.letterDoc) continue;
    const promise = docs.find((x) => x.id === p.promiseDoc)!;
    const c = promise.s.commitments[0]!;
    const programme = c.topic!.split(', ')[1]!;
    const id = `letter-${offset}-${k++}`;
    const date = day((Date.parse(promise.date) - Date.UTC(2020, 0, 1)) / 86_400_000 + p.before);
    const s: ParsedDocument = { ...promise.s, date, commitments: [] };
    docs.push({ id, title: `Voortgangsbrief ${programme}`, date, s, text: `Met deze brief informeer ik uw Kamer over de voortgang van het ${programme}, zoals toegezegd.` });
    p.letterDoc = id;
  }
  for (let i = 0; i < docs.length; i += 1000) {
    const part = docs.slice(i, i + 1000);
    await w.units.transaction(async (tx) => {
      const batch: IndexDocument[] = [];
      for (const d of part) {
        await tx.store.saveVersion(`bench:${d.id}`, d.id, { contentHash: `h-${d.id}`, format: 'text', fileName: null, byteSize: d.text.length, mimeType: 'text/plain', text: d.text, pages: null, structure: d.s, original: null, title: d.title, kind: 'kamerbrief', date: d.date });
        await tx.structure.put(d.id, { title: d.title, kind: 'kamerbrief' as DocumentKind, date: d.date }, d.s);
        batch.push({ id: d.id, title: d.title, text: d.text, kind: 'kamerbrief', date: d.date, parties: [], dossiers: [] });
      }
      await tx.index.upsert(batch);
    });
  }
}

/** The approach before the promise pass, as it was: per row with a deadline, up to 2,000 later documents read and judged. */
function oldKeeper(db: SqliteDb, r: { doc_id: string; date: string | null; actor: string | null; topic: string | null }, today: string): string | null {
  if (!r.topic || !r.date) return null;
  const rows = db
    .prepare(
      `SELECT doc_id, title, kind, date, folded_title, signers FROM structure_docs
       WHERE date > ? AND date <= ? AND doc_id <> ? AND kind NOT IN ('motie', 'amendement', 'kamervragen', 'raadsconclusies')
       ORDER BY date, doc_id LIMIT 2000`,
    )
    .all(r.date, today, r.doc_id) as { doc_id: string; title: string; date: string | null; folded_title: string | null; signers: string | null }[];
  for (const d of rows) if (judgeFulfilment(r, { title: d.folded_title ?? fold(d.title), date: d.date, signers: d.signers })) return d.doc_id;
  return null;
}

/** The old `/toezeggingen` data: the page's rows, each judged against later documents, and the counts. */
async function oldPage(w: Opened, db: SqliteDb, today: string): Promise<number> {
  const page = await w.structure.commitments({ today, offset: 0, limit: 50 });
  await w.structure.commitmentActors();
  for (const status of DEADLINE_STATUSES) await w.structure.commitments({ today, status, limit: 0 });
  let kept = 0;
  for (const c of page.items) {
    if (c.dueDate && oldKeeper(db, { doc_id: c.document.id, date: c.document.date, actor: c.actor, topic: c.topic }, today)) kept++;
  }
  return kept;
}

/** Every commitment with a deadline judged the old way (what a full listing, or the watch's deadline pass, paid). */
function oldAll(db: SqliteDb, today: string): Map<string, string | null> {
  const rows = db
    .prepare(`SELECT c.doc_id, c.actor, c.topic, d.date FROM structure_commitments c JOIN structure_docs d ON d.doc_id = c.doc_id WHERE c.due_date IS NOT NULL`)
    .all() as { doc_id: string; actor: string | null; topic: string | null; date: string | null }[];
  return new Map(rows.map((r) => [r.doc_id, oldKeeper(db, r, today)]));
}

export async function benchPromises(): Promise<BenchRow[]> {
  const w = openServices(':memory:');
  const db = (w.store as unknown as { db: SqliteDb }).db;
  const planted: Planted[] = [];
  const t0 = performance.now();
  await build(w, DOCS, 0, planted);
  const buildMs = performance.now() - t0;
  const today = day(6 * 365 + 700);
  try {
    // The pass over everything (the first run on an existing archive, or `reparse`).
    const passMs = await time(() => refreshPromises(w, { full: true }), 1);
    // Measured once: at 20,000 documents it takes about a minute.
    const t2 = performance.now();
    const old = oldAll(db, today);
    const oldAllMs = performance.now() - t2;
    const kept = new Map((await w.promises.list({ today, source: 'document', kept: 'fulfilled', limit: 100_000 })).items.map((p) => [p.document!.id, p.keptBy?.document.id ?? null]));
    const far = planted.filter((p) => (db.prepare('SELECT COUNT(*) AS n FROM structure_docs WHERE date > (SELECT date FROM structure_docs WHERE doc_id = ?) AND date < (SELECT date FROM structure_docs WHERE doc_id = ?)').get(p.promiseDoc, p.letterDoc) as { n: number }).n >= 2000);
    const foundNew = planted.filter((p) => kept.get(p.promiseDoc) === p.letterDoc).length;
    const foundOld = planted.filter((p) => old.get(p.promiseDoc) === p.letterDoc).length;
    const farNew = far.filter((p) => kept.get(p.promiseDoc) === p.letterDoc).length;
    const farOld = far.filter((p) => old.get(p.promiseDoc) === p.letterDoc).length;
    console.log(
      `promises: ${DOCS} documents (built in ${(buildMs / 1000).toFixed(1)} s), ${old.size} promises with a deadline, ${planted.length} keeping letters planted, ` +
        `${far.length} of them more than 2,000 documents later; found: pass ${foundNew} (${farNew} far), old approach ${foundOld} (${farOld} far)`,
    );
    // The page: the data function now, and the whole HTML page, against the old data function.
    const app = createApp(w);
    const newPageMs = await time(() => listPromises(w, { actor: '', status: null, kept: null, source: null, q: '', page: 1, today }));
    const htmlMs = await time(async () => (await app.request(`/toezeggingen?today=${today}`)).text());
    const oldPageMs = await time(() => oldPage(w, db, today));
    // A batch of new documents: the incremental pass.
    const more: Planted[] = planted.map((p) => ({ ...p }));
    const before = more.length;
    await build(w, 500, DOCS, more);
    const t1 = performance.now();
    const inc = await refreshPromises(w);
    const incMs = performance.now() - t1;
    console.log(`promises: 500 new documents (${more.length - before} new keeping letters): ${inc.checked} promises reconsidered, ${inc.kept} kept`);
    // A day's documents, the newest of the archive (what a daily sync brings): their own promises cannot have
    // been kept yet, so the pass makes no search for them. Against the search each would cost without that check.
    await build(w, 300, DOCS + 500, [], 6 * 365 + 650);
    const t3 = performance.now();
    const daily = await refreshPromises(w);
    const dailyMs = performance.now() - t3;
    const dayIds = Array.from({ length: 300 }, (_, i) => `doc-${DOCS + 500 + i}`);
    const own = await w.promises.commitmentsOf(dayIds, true);
    const latest = await w.promises.latestDate(FULFILLING_KINDS);
    const searchedMs = await time(async () => {
      for (const c of own) await findKeeper(w, c);
    });
    const skippedMs = await time(async () => {
      for (const c of own) await findKeeper(w, c, { latest });
    });
    console.log(`promises: a day's 300 documents: pass ${dailyMs.toFixed(0)} ms, ${daily.checked} promises considered; their keeper lookups ${skippedMs.toFixed(2)} ms against ${searchedMs.toFixed(1)} ms searching`);
    return [
      { name: 'promises /toezeggingen data (page 1)', value: newPageMs, unit: 'ms', baseline: oldPageMs, ratio: newPageMs / oldPageMs },
      { name: 'promises /toezeggingen HTML (page 1)', value: htmlMs, unit: 'ms', baseline: oldPageMs, ratio: htmlMs / oldPageMs },
      { name: 'promises pass, whole archive', value: passMs, unit: 'ms', baseline: oldAllMs, ratio: passMs / oldAllMs },
      { name: 'promises pass, 500 new documents', value: incMs, unit: 'ms', baseline: oldAllMs, ratio: incMs / oldAllMs },
      { name: "promises keeper lookups, a day's promises", value: skippedMs, unit: 'ms', baseline: searchedMs, ratio: skippedMs / searchedMs },
      { name: 'promises kept letters found (pass/old)', value: foundNew, unit: 'letters', baseline: foundOld, ratio: foundNew / Math.max(1, foundOld) },
    ];
  } finally {
    await w.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { formatRow } = await import('./row.js');
  for (const row of await benchPromises()) console.log(formatRow(row));
}
