/**
 * Watch benchmark: a run over 10,000 monitors after a sync of 10,000 new documents (into an
 * archive that already holds older ones). Baseline, measured in the same process: the naive
 * way — each monitor's query run one by one against the full search index, without the
 * watermark restriction, keeping the hits that are new. The baseline is timed on a sample of
 * the monitors and scaled to all of them (running 10,000 full searches takes minutes).
 * The run's own phases (read, index, match, write) are logged. Run alone: `npx tsx bench/watch.ts`
 * (about two to three minutes at full size, most of it building the archive and the baseline).
 */
import type { BenchRow } from './row.js';
import { emptyStructure, type DocumentKind, type ParsedQuery } from '../src/domain/index.js';
import { SqliteSearchIndex } from '../src/search/sqlite-index.js';
import { parseQuery } from '../src/search/query.js';
import { SqliteStore, openDatabase } from '../src/store/index.js';
import { SqliteWatchStore } from '../src/store/sqlite/sqlite-watch-store.js';
import { sqliteDatabase } from '../src/store/sqlite/database.js';
import type { MonitorRow } from '../src/store/watch-store.js';
import { MemoryMailer } from '../src/watch/mailer.js';
import { matcherFor } from '../src/watch/matchers.js';
import { createWatchService } from '../src/watch/service.js';
import { rng } from './rng.js';



const BASE_WORDS = (
  'kabinet minister staatssecretaris kamer brief motie amendement wet voorstel begroting europese unie raad lidstaten ' +
  'cyberbeveiliging telecom glasvezel satelliet stikstof natuur landbouw water klimaat energie waterstof wind zon gas ' +
  'onderwijs zorg ziekenhuis huisarts pensioen belasting toeslagen wonen huur hypotheek asiel migratie defensie navo ' +
  'oekraine rusland china handel export douane politie justitie rechtspraak gevangenis privacy algoritme data digitale ' +
  'infrastructuur spoor weg luchtvaart schiphol haven zee visserij gemeenten provincies subsidie fonds onderzoek evaluatie'
).split(' ');

function vocabulary(r: () => number, n: number): string[] {
  const syl = ['ka', 'be', 'ver', 'ont', 'stel', 'lin', 'gen', 'heid', 'ing', 'wer', 'bou', 'lan', 'der', 'sta', 'mo', 'ri', 'tel', 'plan', 'net', 'pol'];
  const words = new Set(BASE_WORDS);
  while (words.size < n) {
    let w = '';
    const k = 2 + Math.floor(r() * 3);
    for (let i = 0; i < k; i++) w += syl[Math.floor(r() * syl.length)];
    words.add(w);
  }
  return [...words];
}

const KINDS: DocumentKind[] = ['kamerbrief', 'kamervragen', 'antwoord-kamervragen', 'motie', 'verslag', 'geannoteerde-agenda'];
const PARTIES = ['VVD', 'PVV', 'GroenLinks-PvdA', 'NSC', 'D66', 'CDA', 'SP', 'BBB', 'ChristenUnie', 'SGP', 'PvdD', 'Volt', 'JA21', 'DENK'];

export async function benchWatch(options: { oldDocs?: number; newDocs?: number; monitors?: number; baselineSample?: number; log?: (m: string) => void } = {}): Promise<BenchRow[]> {
  const oldDocs = options.oldDocs ?? 2_000;
  const newDocs = options.newDocs ?? 10_000;
  const monitors = options.monitors ?? 10_000;
  const sample = options.baselineSample ?? 300;
  const log = options.log ?? ((m: string) => console.error(m));
  const r = rng(42);
  const vocab = vocabulary(r, 60_000);
  // Zipf-ish text: low indexes far more frequent.
  const word = () => vocab[Math.floor(vocab.length * r() ** 3)]!;
  // Saved searches name specific things (mid/rare words): a few new matches each, as in real life.
  const qword = () => vocab[2_000 + Math.floor((vocab.length - 2_000) * r())]!;

  const db = openDatabase(':memory:');
  const store = new SqliteStore(db);
  const index = new SqliteSearchIndex(db);
  index.migrate();
  const watchStore = new SqliteWatchStore(db);
  const mailer = new MemoryMailer();
  const clock = { t: Date.parse('2026-06-01T08:00:00Z') };
  const units = sqliteDatabase(db, { store, index, watchStore });
  const watch = createWatchService({ units, store: watchStore, services: { index }, mailer, webhooks: { post: async () => 200 }, baseUrl: 'http://bench.local', now: () => new Date(clock.t) });

  let n = 0;
  const addDocs = async (count: number) => {
    for (let b = 0; b < count; b += 500) {
      await units.transaction(async (tx) => {
        const batch = [];
        for (let i = b; i < Math.min(count, b + 500); i++) {
          const id = `doc-${n++}`;
          const kind = KINDS[Math.floor(r() * KINDS.length)]!;
          const words: string[] = [];
          for (let k = 0; k < 120; k++) words.push(word());
          const text = words.join(' ') + '.';
          const title = `${kind} ${words.slice(0, 5).join(' ')}`;
          const parties = kind === 'kamervragen' ? [PARTIES[Math.floor(r() * PARTIES.length)]!] : [];
          const dossiers = r() < 0.3 ? [`${21000 + Math.floor(r() * 200)}`] : [];
          const date = `2026-0${1 + Math.floor(r() * 5)}-1${Math.floor(r() * 9)}`;
          const structure = { ...emptyStructure(kind), title, date };
          structure.questions = parties.map((p, q) => ({ id: `q${q}`, party: p, text: '', answerIds: [] }));
          structure.citations = dossiers.map((d) => ({ kind: 'kamerstuk' as const, raw: d, dossier: d, number: null, year: null }));
          const saved = await tx.store.saveVersion(`bench:${id}`, id, {
            contentHash: `h-${id}`, format: 'text', fileName: null, byteSize: text.length, mimeType: 'text/plain',
            text, pages: null, structure, original: null, title, kind, date,
          });
          batch.push({ id: saved.docId, title, text, kind, date, parties, dossiers });
        }
        await tx.index.upsert(batch);
      });
    }
  };

  let t = performance.now();
  await addDocs(oldDocs);
  log(`watch bench: ${oldDocs} archive documents in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // 10,000 monitors of 1,000 users: searches of several shapes, parties, dossiers.
  const head0 = await watchStore.changeHead();
  const users: string[] = [];
  for (let u = 0; u < monitors / 10; u++) users.push((await watch.userByEmail(`user${u}@bench.local`)).id);
  const queryOf = (): { kind: string; params: Record<string, string> } => {
    const x = r();
    if (x < 0.35) return { kind: 'search', params: { query: qword() } };
    if (x < 0.55) return { kind: 'search', params: { query: `${qword()} ${qword()}` } };
    if (x < 0.65) return { kind: 'search', params: { query: `${qword()} OR ${qword()} kind:kamerbrief` } };
    if (x < 0.72) return { kind: 'search', params: { query: `"${BASE_WORDS[Math.floor(r() * 20)]} ${qword()}"` } };
    if (x < 0.8) return { kind: 'search', params: { query: `${qword().slice(0, 7)}* -${qword()}` } };
    if (x < 0.9) return { kind: 'party', params: { party: PARTIES[Math.floor(r() * PARTIES.length)]! } };
    return { kind: 'dossier', params: { dossier: `${21000 + Math.floor(r() * 200)}` } };
  };
  const rows: MonitorRow[] = [];
  await units.transaction(async (tx) => {
    for (let i = 0; i < monitors; i++) {
      const q = queryOf();
      const norm = matcherFor(q.kind).normalize(q.params);
      const row: MonitorRow = {
        id: i.toString(16).padStart(12, '0'), userId: users[i % users.length]!, kind: q.kind, params: norm.params, label: norm.label,
        interval: 'immediate', email: true, webhookUrl: null, webhookSecret: null, webhookFailures: 0, webhookDisabledAt: null,
        watermark: head0, tkWatermark: null, nextDueAt: null, lastRunAt: null, lastMatchCount: 0, createdAt: new Date(clock.t).toISOString(),
      };
      rows.push(row);
      await tx.watchStore.createMonitor(row);
    }
  });

  t = performance.now();
  const firstNew = n;
  await addDocs(newDocs);
  log(`watch bench: sync of ${newDocs} new documents in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // The measured run: match, record, queue and send (digests to an in-memory mailer). Its
  // read + index + match phases are the matching that the baseline is compared with.
  t = performance.now();
  const report = await watch.run({ trigger: 'bench' });
  const runMs = performance.now() - t;
  const ph = report.phases ?? {};
  const matchMs = (ph.read ?? 0) + (ph.index ?? 0) + (ph.match ?? 0);
  log(`watch bench: run over ${report.monitors} monitors × ${report.changedDocuments} changed documents: ${report.newMatches} new matches, ${report.outbox.sent} mails, ${(runMs / 1000).toFixed(2)} s`);
  log(`watch bench: phases (ms): ${Object.entries(ph).map(([k, v]) => `${k} ${v}`).join(', ')}, send ${Math.round(runMs - Object.values(ph).reduce((a, b) => a + b, 0))}`);
  if (report.newMatches === 0) throw new Error('the run matched nothing: the benchmark would be vacuous');

  // Rerun: nothing new, nothing sent.
  t = performance.now();
  const again = await watch.run({ trigger: 'bench' });
  const rerunMs = performance.now() - t;
  if (again.newMatches !== 0 || again.outbox.sent !== 0) throw new Error('rerun delivered something: exactly-once broken');

  // Baseline: each query against the full index, one by one, keeping the new hits.
  const newIds = new Set<string>();
  for (let i = firstNew; i < n; i++) newIds.add(`doc-${i}`);
  const step = Math.max(1, Math.floor(rows.length / sample));
  let baseMatches = 0;
  let sampled = 0;
  t = performance.now();
  for (let i = 0; i < rows.length && sampled < sample; i += step, sampled++) {
    const m = rows[i]!;
    const parsed: ParsedQuery = parseQuery(matcherFor(m.kind).normalize(m.params).query!);
    for (let offset = 0; ; offset += 1000) {
      const res = await index.search({ query: parsed, offset, limit: 1000 });
      for (const h of res.hits) if (newIds.has(h.id)) baseMatches++;
      if (res.hits.length < 1000 || offset + 1000 >= 10_000) break;
    }
  }
  const baselineMs = ((performance.now() - t) / sampled) * rows.length;
  log(`watch bench: baseline (full-index search per monitor) ${sampled} monitors timed, ${baseMatches} new hits among them; scaled to ${rows.length}: ${(baselineMs / 1000).toFixed(1)} s`);
  await store.close();

  return [
    { name: `watch matching (read + index + match): ${monitors} monitors × ${newDocs} new documents (baseline: per-monitor full-index search, scaled from ${sampled})`, value: Math.round(matchMs), unit: 'ms', baseline: Math.round(baselineMs), ratio: matchMs / baselineMs },
    { name: `watch run: ${monitors} monitors after ${newDocs} new documents (baseline: per-monitor full-index search, scaled from ${sampled})`, value: Math.round(runMs), unit: 'ms', baseline: Math.round(baselineMs), ratio: runMs / baselineMs },
    { name: 'watch rerun with nothing new (baseline: first run)', value: Math.round(rerunMs), unit: 'ms', baseline: Math.round(runMs), ratio: rerunMs / runMs },
  ];
}

const isMain = process.argv[1] && /bench[\\/]watch\.(?:ts|js)$/.test(process.argv[1]);
if (isMain) {
  const results = await benchWatch();
  for (const r of results) console.log(`${r.name}: ${r.value} ${r.unit} vs ${r.baseline} ${r.unit} baseline = ${r.ratio.toFixed(3)}x`);
}
