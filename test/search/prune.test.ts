// Pruned evaluation (prune.ts) against evaluating every match, on a generated corpus: the same top hits, the same exact totals.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import type { EntityType, IndexDocument, SearchResponse } from '../../src/domain/search.js';
import { parseQuery } from '../../src/search/query.js';
import { SqliteSearchIndex } from '../../src/search/sqlite-index.js';
import { evaluateOn, evaluateWindow, evaluateWindowAbove, headOf, headTopK, prunedTopK, materialize, restrictPlan, type Plan, type PrunedTopK, type TypesOnly, type WindowResult } from '../../src/search/prune.js';
import { intersect, intersectInOrder, subtract, topKByKey, union, type Scored } from '../../src/search/postings.js';

/** Words with very different frequencies: compounds (parts are indexed too), thesaurus forms, stop words. */
const VOCABULARY = [
  'de', 'het', 'een', 'van', 'en', 'in', 'lidstaten', 'kabinet', 'Raad', 'Commissie', 'informatie', 'Europese',
  'cyberbeveiliging', 'cybersecurity', 'beveiliging', 'informatiebeveiliging', 'desinformatie', 'telecomraad',
  'NIS2', 'richtlijn', 'toezicht', 'markttoezicht', 'certificering', 'Oekraïne', 'oorlog', 'planning', 'agenda',
  'verordening', 'kunstmatige', 'intelligentie', 'AI', 'netwerk', 'dreiging', 'weerbaarheid', 'Kamer', 'brief',
  'verslag', 'overleg', 'minister', 'staatssecretaris', 'digitale', 'veiligheid', 'cyber', 'security', 'standaarden',
];
const KINDS = ['kamerbrief', 'nota', 'verslag-raad'] as const;
const PARTIES = ['VVD', 'D66', 'CDA'];

function corpus(n: number): IndexDocument[] {
  let seed = 11;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  // Zipf-like: word i drawn with weight 1/(i+1), so a few words are in nearly every document.
  const weights = VOCABULARY.map((_, i) => 1 / (i + 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const word = (): string => {
    let r = rand() * sum;
    for (let i = 0; i < weights.length; i++) if ((r -= weights[i]!) <= 0) return VOCABULARY[i]!;
    return VOCABULARY[0]!;
  };
  const words = (k: number): string => Array.from({ length: k }, word).join(' ');
  // Every seventh entry is a commitment or a question (short, as they are), not a document.
  return Array.from({ length: n }, (_, i) => ({
    id: i % 7 === 3 ? `${i % 2 ? 'toezegging' : 'vraag'}:g${i}#t1` : `g${i}`,
    ...(i % 7 === 3 ? { type: i % 2 ? ('toezegging' as const) : ('vraag' as const) } : {}),
    kind: KINDS[Math.floor(rand() * 3)]!,
    date: `20${15 + Math.floor(rand() * 11)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 10)}`,
    title: words(2 + Math.floor(rand() * 5)),
    text: words(5 + Math.floor(rand() * (rand() < 0.1 ? 600 : 120))),
    parties: PARTIES.filter(() => rand() < 0.3),
    dossiers: [],
  }));
}

const QUERIES = [
  'de', 'lidstaten', 'kabinet', 'cyberbeveiliging', 'beveiliging', '=beveiliging', 'security', 'kabinet desinformatie',
  'de lidstaten', 'Raad Commissie informatie', 'lidstaten OR oorlog', 'NIS2 OR richtlijn', 'de -kabinet', 'informatie -Europese -Raad',
  'de NOT (lidstaten OR Kamer)', 'cyber*', 'ver*', 'informatie*', '"de Europese Commissie"', '"Europese Commissie" lidstaten',
  'lidstaten -"de Raad"', 'NEAR(informatie europese, 5)', 'kunstmatige intelligentie', 'AI', '(kabinet OR minister) (toezicht OR markttoezicht)',
  'de kind:nota', 'lidstaten kind:kamerbrief,nota', 'de year:2019', 'de date:2018-01-01..2020-12-31', 'lidstaten party:VVD',
  'de party:D66 kind:verslag-raad', 'lidstaten sort:date', 'de sort:date-asc', 'cyberbeveiliging date:2021-01-01..',
  'digitale veiligheid', 'informatiebeveiliging OR cybersecurity OR desinformatie', 'zeldzaamwoord', 'de het een van en',
  '=de =van =het', '=de =van =het =een -=kabinet', '=informatie ver* =de', 'de =het cyber*',
  // Dated order without words, and with filters that keep few.
  'kind:nota', 'party:VVD sort:date-asc', 'year:2019', 'lidstaten kind:verslag-raad sort:date', 'cyber* sort:date-asc',
  'informatie -Europese sort:date', '"de Europese Commissie" sort:date',
  // Other types asked for (the type facet still counts every type).
  'de type:toezegging,vraag', 'lidstaten type:vraag', 'type:toezegging year:2020',
];

/** Hits as compared: id and exact score. */
const hitsOf = (r: SearchResponse) => r.hits.map((h) => [h.id, h.score]);

describe('pruned evaluation', () => {
  it('gives the exhaustive evaluation\'s top hits and, where not marked ≈, its totals and facets', async () => {
    const db = new Database(':memory:');
    const writer = new SqliteSearchIndex(db);
    writer.migrate();
    const docs = corpus(1500);
    for (let i = 0; i < docs.length; i += 100) await writer.upsert(docs.slice(i, i + 100));
    // Dead documents (replaced, removed) must not count or rank.
    await writer.upsert(docs.filter((_, i) => i % 17 === 0).map((d) => ({ ...d, text: d.text + ' lidstaten lidstaten' })));
    await writer.remove(docs.filter((_, i) => i % 23 === 0).map((d) => d.id));
    const exhaustive = new SqliteSearchIndex(db, { pruneAbove: Infinity });
    // Windows of 16 documents, pruning from the first candidate on: every query takes the pruned path it can.
    // And the same never handing over to the whole evaluation: every window is evaluated, most
    // of them only for the documents that can still enter the top k (evaluateWindowAbove).
    // Then heads (the threshold algorithm) of 8 entries first, windows where they prove nothing.
    // The first two count on sampled windows (estimates); the others on bitsets (exact totals),
    // one of them with its kind and year facets on sampled windows.
    const variants = [
      new SqliteSearchIndex(db, { pruneAbove: 0, windowBits: 4, headSize: 0, bitCounts: false }),
      new SqliteSearchIndex(db, { pruneAbove: 0, windowBits: 4, pruneGiveUp: 1, headSize: 0, bitCounts: false }),
      new SqliteSearchIndex(db, { pruneAbove: 0, windowBits: 4, headSize: 8, exactFacetsBelow: 0 }),
      // Phrases left to verify page by page (not all candidates up front): their candidates ranked from heads too.
      new SqliteSearchIndex(db, { pruneAbove: 0, windowBits: 4, headSize: 8, verifyAll: 4 }),
      new SqliteSearchIndex(db, { pruneAbove: 0, windowBits: 4, headSize: 0 }),
    ];
    const bitCounting = new Set([2, 3, 4]);
    let bitExact = 0;
    let bitFacetsSampled = 0;
    let estimated = 0;
    let exactTotals = 0;
    let found = 0;
    let noCounts = 0;
    let othersFound = 0;
    for (const [variant, pruned] of variants.entries())
    for (const raw of QUERIES) {
      for (const [offset, limit] of [[0, 20], [20, 20], [0, 1], [0, 0], [5, 50]] as const) {
        const q = parseQuery(raw);
        const a = await exhaustive.search({ query: q, offset, limit });
        const b = await pruned.search({ query: q, offset, limit });
        const what = `${raw} @${offset}+${limit} (variant ${variant})`;
        assert.deepEqual(hitsOf(b), hitsOf(a), what);
        if (limit === 20 && offset === 0 && a.hits.length > 0) found++;
        if (!b.totalIsEstimate) {
          exactTotals++;
          assert.equal(b.total, a.total, what);
          assert.equal(a.totalIsEstimate, false, what);
        } else if (!a.totalIsEstimate) {
          estimated++;
          // A sample of an eighth of ~90 tiny windows: a rough figure here, within a few percent at 100,000 documents.
          assert.ok(Math.abs(b.total - a.total) <= 0.5 * a.total + 10, `${what}: estimate ${b.total} for ${a.total}`);
        }
        if (!b.facetsAreEstimates) assert.deepEqual(b.facets, a.facets, what);
        // Counted on bitsets, a total is exact unless the query itself is approximate (as the whole evaluation says).
        if (bitCounting.has(variant) && a.total > 0) {
          assert.equal(b.totalIsEstimate, a.totalIsEstimate, what);
          if (!b.totalIsEstimate) bitExact++;
          if (b.facetsAreEstimates && !b.totalIsEstimate) bitFacetsSampled++;
        }
        // Asking for the hits only (the promise pass, the panel of other types): the same hits,
        // no facets, and a total that is either the exact one or flagged as no more than found.
        const c = await pruned.search({ query: q, offset, limit, counts: false });
        assert.deepEqual(hitsOf(c), hitsOf(a), `${what} (counts: false)`);
        assert.deepEqual(c.facets, { kind: [], year: [], type: [] }, what);
        if (c.totalIsEstimate) {
          assert.ok(c.total <= a.total, what);
          if (b.totalIsEstimate) noCounts++;
        } else assert.equal(c.total, a.total, what);
        // The search page's panel of other types: hits only, of commitments and questions.
        const others = { ...q, filters: { ...q.filters, types: ['toezegging', 'vraag'] as EntityType[] } };
        const e = await exhaustive.search({ query: others, offset, limit, counts: false });
        assert.deepEqual(hitsOf(await pruned.search({ query: others, offset, limit, counts: false })), hitsOf(e), `${what} (other types)`);
        if (limit === 20 && offset === 0 && e.hits.length > 0) othersFound++;
      }
    }
    assert.ok(found >= 2 * (QUERIES.length - 4), `${found} of ${QUERIES.length} queries find something`);
    // Both outcomes occur: pruning skipped windows (estimated counts) and evaluated all (exact).
    assert.ok(estimated > 20, `estimated ${estimated}`);
    assert.ok(exactTotals > 20, `exact ${exactTotals}`);
    assert.ok(noCounts > 20, `${noCounts} pruned searches counted nothing`);
    assert.ok(bitExact > 3 * 20, `${bitExact} totals exact from bitsets`);
    assert.ok(bitFacetsSampled > 20, `${bitFacetsSampled} searches with exact totals and sampled facets`);
    assert.ok(othersFound > QUERIES.length, `${othersFound} searches for other types found something`);
    db.close();
  });
});

/** Seeded random numbers, and `k` words drawn from `words` with them. */
function wordPicker(seed: number, words: readonly string[]) {
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = (k: number) => Array.from({ length: k }, () => words[Math.floor(rand() * words.length)]!).join(' ');
  return { rand, pick };
}

describe('phrases over many candidates', () => {
  it('rank the candidates from their heads and verify the same page the whole ranking does', async () => {
    const { rand, pick } = wordPicker(23, ['de', 'Europese', 'Commissie', 'lidstaten', 'raad', 'brief', 'het', 'voorstel']);
    // Every document holds the three words somewhere; about a third holds the phrase.
    const docs: IndexDocument[] = Array.from({ length: 3000 }, (_, i) => ({
      id: `p${i}`,
      kind: KINDS[i % 3]!,
      date: `2020-0${1 + (i % 9)}-1${i % 10}`,
      title: pick(3),
      text: `${pick(2 + Math.floor(rand() * 30))} ${rand() < 0.35 ? 'de Europese Commissie' : 'Commissie de Europese'} ${pick(Math.floor(rand() * 60))}`,
      parties: [],
      dossiers: [],
    }));
    const db = new Database(':memory:');
    const writer = new SqliteSearchIndex(db);
    writer.migrate();
    for (let i = 0; i < docs.length; i += 500) await writer.upsert(docs.slice(i, i + 500));
    const whole = new SqliteSearchIndex(db, { pruneAbove: Infinity, verifyAll: 4 });
    const headed = new SqliteSearchIndex(db, { pruneAbove: 0, verifyAll: 4, headSize: 16 });
    for (const raw of ['"de Europese Commissie"', '"Europese Commissie" kind:nota', '"de Europese Commissie" lidstaten', '"Commissie de" -voorstel']) {
      for (const [offset, limit] of [[0, 20], [20, 20], [0, 1], [3, 40]] as const) {
        const q = parseQuery(raw);
        const a = await whole.search({ query: q, offset, limit });
        const b = await headed.search({ query: q, offset, limit });
        const what = `${raw} @${offset}+${limit}`;
        assert.ok(a.hits.length > 0 || offset > 0, what);
        assert.deepEqual(hitsOf(b), hitsOf(a), what);
        // Both estimate: the whole ranking from a sample of every candidate, the headed one from a sample of windows.
        assert.equal(b.totalIsEstimate, true, what);
        assert.ok(Math.abs(b.total - a.total) <= 0.5 * a.total + 20, `${what}: ${b.total} against ${a.total}`);
      }
    }
    db.close();
  });
});

describe('NEAR over more candidates than it verifies', () => {
  it('answers the same when asked again (its best candidates kept beside them), and sees a write at once', async () => {
    const { rand, pick } = wordPicker(5, ['de', 'lidstaten', 'raad', 'brief', 'het', 'voorstel', 'kabinet', 'agenda']);
    // 1,200 documents hold both words (more than the 500 best it verifies); about one in ten has them near each other.
    const docs: IndexDocument[] = Array.from({ length: 1200 }, (_, i) => ({
      id: `n${i}`,
      kind: KINDS[i % 3]!,
      date: '2024-05-01',
      title: pick(3),
      text: rand() < 0.1 ? `${pick(10)} informatie europese ${pick(20)}` : `informatie ${pick(10 + Math.floor(rand() * 30))} europese ${pick(10)}`,
      parties: [],
      dossiers: [],
    }));
    const db = new Database(':memory:');
    const index = new SqliteSearchIndex(db, { verifyAll: 4 });
    index.migrate();
    await index.upsert(docs);
    const q = parseQuery('NEAR(informatie europese, 2)');
    const first = await index.search({ query: q, offset: 0, limit: 10 });
    assert.ok(first.hits.length > 0 && first.hits.length <= 10);
    assert.equal(first.totalIsEstimate, true);
    assert.deepEqual(await index.search({ query: q, offset: 0, limit: 10 }), first);
    // A short document with the words side by side, twice: it ranks first, so it is among the best verified.
    await index.upsert([{ id: 'nieuw', kind: 'kamerbrief', date: '2024-06-01', title: 'informatie europese', text: 'informatie europese informatie europese', parties: [], dossiers: [] }]);
    const after = await index.search({ query: q, offset: 0, limit: 10 });
    assert.equal(after.hits[0]!.id, 'nieuw');
    db.close();
  });
});

describe('prunedTopK', () => {
  const list = (docs: number[], scores: number[]): Scored => ({ docs: Int32Array.from(docs), scores: Float64Array.from(scores) });

  it('stops at the first window whose bound is below the k-th score and keeps ties by higher doc id', () => {
    // Windows of 4 ids: bounds 3, 0.1, 6 and 0.7; the best scores sit in window 2.
    const a = list([1, 2, 9, 10, 11, 13], [1, 2, 5, 5, 4, 0.5]);
    const b = list([2, 5, 10, 14], [1, 0.1, 1, 0.2]);
    const plan: Plan = { op: 'or', children: [{ op: 'set', set: a }, { op: 'set', set: b }] };
    const whole = materialize(plan);
    for (let k = 0; k <= whole.docs.length + 1; k++) {
      const r: PrunedTopK<null> = prunedTopK<null>(plan, k, 2, (s: Scored) => ({ set: s, counts: null }), 8, 1)!;
      const want = topKByKey(whole.scores, whole.docs, k);
      assert.deepEqual(r.docs, want.map((i) => whole.docs[i]!), `k=${k}`);
      assert.deepEqual(r.scores, want.map((i) => whole.scores[i]!), `k=${k}`);
    }
    const two = prunedTopK<null>(plan, 2, 2, (s: Scored) => ({ set: s, counts: null }))!;
    // Window 2 (docs 8–11) holds 10 (6) and 9 (5): windows 0 (bound 3), 1 (0.1) and 3 (0.7) cannot reach 5.
    assert.deepEqual(two.docs, [10, 9]);
    assert.equal(two.evaluated, 1);
    assert.equal(two.exact, false);
    // Equal bounds everywhere: every window may hold a tie of the best, and ties go to the higher doc id.
    const ids = Array.from({ length: 20 }, (_, i) => 4 * i);
    const flat: Plan = { op: 'set', set: list(ids, ids.map(() => 1)) };
    const all = prunedTopK<null>(flat, 1, 2, (s: Scored) => ({ set: s, counts: null }), 8, 1)!;
    assert.deepEqual([all.docs, all.evaluated, all.exact], [[76], 20, true]);
    // Past the first 4 windows every window left still reaches the top 1: more than half, so give up.
    assert.equal(prunedTopK<null>(flat, 1, 2, (s: Scored) => ({ set: s, counts: null })), null);
  });
});

describe('evaluateWindowAbove', () => {
  it('keeps exactly the window\'s documents whose score reaches the floor, with the very scores of the whole evaluation', () => {
    let seed = 5;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    // Lists over 256 ids with irregular float scores, so that a different order of addition would show in the last bits.
    const list = (density: number, scale: number): Plan => {
      const docs: number[] = [];
      const scores: number[] = [];
      for (let d = 0; d < 256; d++) {
        if (rand() >= density) continue;
        docs.push(d);
        scores.push(scale * (0.1 + rand()) / 3);
      }
      return { op: 'set', set: { docs: Int32Array.from(docs), scores: Float64Array.from(scores) } };
    };
    const leaves = (n: number) => Array.from({ length: n }, () => list(0.1 + rand() * 0.8, 0.2 + rand() * 3));
    let partial = 0;
    let checked = 0;
    for (let round = 0; round < 300; round++) {
      const shape = round % 5;
      const plan: Plan =
        shape === 0 ? { op: 'or', children: leaves(2 + (round % 3)) }
        : shape === 1 ? { op: 'and', pos: leaves(2), neg: [] }
        : shape === 2 ? { op: 'and', pos: leaves(3), neg: [list(0.2, 1)], ordered: true }
        : shape === 3 ? { op: 'or', children: [{ op: 'and', pos: leaves(2), neg: [] }, ...leaves(2)] }
        : { op: 'and', pos: [{ op: 'or', children: leaves(3) }, list(0.7, 1)], neg: [] };
      for (let x = 0; x < 4; x++) {
        const whole = evaluateWindow(plan, x, 6);
        const best = whole.scores.length ? Math.max(...whole.scores) : 1;
        for (const floor of [0, best * 0.3, best * 0.7, best, best * 1.5]) {
          const got = evaluateWindowAbove(plan, x, 6, floor);
          const keep = [...whole.docs.keys()].filter((i) => whole.scores[i]! + Math.abs(whole.scores[i]!) * 1e-9 >= floor);
          assert.deepEqual(Array.from(got.set.docs), keep.map((i) => whole.docs[i]!), `round ${round} window ${x} floor ${floor}`);
          // Bit for bit: the same float, not merely a close one.
          assert.deepEqual(Array.from(got.set.scores), keep.map((i) => whole.scores[i]!), `round ${round} window ${x} floor ${floor}`);
          if (got.partial) partial++;
          if (keep.length < whole.docs.length) assert.equal(got.partial, true, 'a window that left documents out says so');
          checked++;
        }
      }
    }
    assert.ok(partial > checked / 4, `${partial} of ${checked} evaluations left documents out`);
  });
});

describe('evaluateOn', () => {
  it('gives what restricting every list to the documents and evaluating whole gives, bit for bit', () => {
    // Every list whole, combined as the query says: what materialize and evaluateOn must equal.
    const whole = (p: Plan): Scored =>
      p.op === 'set' ? p.set
      : p.op === 'or' ? union(p.children.map(whole))
      : subtract((p.ordered ? intersectInOrder : intersect)(p.pos.map(whole)), p.neg.map(whole));
    let seed = 21;
    const rand = (): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 2 ** 32;
    };
    const list = (density: number): Plan => {
      const docs: number[] = [];
      const scores: number[] = [];
      // Over 80,000 ids, so that long lists are looked up through their dense map (postings.ts).
      for (let d = 0; d < 80_000; d++) {
        if (rand() >= density) continue;
        docs.push(d);
        scores.push(rand() * 3 + rand() / 7);
      }
      return { op: 'set', set: { docs: Int32Array.from(docs), scores: Float64Array.from(scores) } };
    };
    const sized = (p: Plan): number => (p.op === 'set' ? p.set.docs.length : 0);
    const leaves = (n: number) => Array.from({ length: n }, () => list(rand() < 0.3 ? 0.002 : 0.05 + rand() * 0.9));
    const ordered3 = (): Plan => ({ op: 'and', pos: leaves(3).sort((x, y) => sized(x) - sized(y)), neg: [], ordered: true });
    let nonEmpty = 0;
    for (let round = 0; round < 60; round++) {
      const shape = round % 5;
      const plan: Plan =
        shape === 0 ? { op: 'and', pos: [{ op: 'or', children: leaves(2) }, { op: 'or', children: [...leaves(1), { op: 'set', set: { docs: new Int32Array(0), scores: new Float64Array(0) } }] }], neg: [] }
        : shape === 1 ? { op: 'and', pos: leaves(2), neg: [list(0.2)] }
        : shape === 2 ? ordered3()
        : shape === 3 ? { op: 'or', children: [{ op: 'and', pos: leaves(2), neg: [] }, ordered3(), ...leaves(1)] }
        : { op: 'and', pos: leaves(3), neg: [], ordered: false };
      // Candidates as a head's union gives them: scattered, some in no list.
      const keep = Int32Array.from(new Set(Array.from({ length: 3000 }, () => Math.floor(rand() * 80_000)))).sort();
      for (const [got, want, what] of [
        [evaluateOn(plan, keep), whole(restrictPlan(plan, keep)), 'on candidates'],
        [materialize(plan), whole(plan), 'whole'],
      ] as const) {
        assert.deepEqual(Array.from(got.docs), Array.from(want.docs), `round ${round} ${what}`);
        assert.deepEqual(Array.from(got.scores), Array.from(want.scores), `round ${round} ${what}`);
      }
      if (whole(restrictPlan(plan, keep)).docs.length > 0) nonEmpty++;
    }
    assert.ok(nonEmpty > 40, `${nonEmpty} of 60 plans matched something`);
  });
});

describe('headTopK', () => {
  it('gives the top k of the whole evaluation, bit for bit, or nothing', () => {
    let seed = 9;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    // Lists over 3,000 ids: some steep (a few high scores), some flat (every score near the
    // best, as a stop word's), with irregular floats so that another order of addition shows.
    const list = (density: number, steep: boolean): Plan => {
      const docs: number[] = [];
      const scores: number[] = [];
      for (let d = 0; d < 3000; d++) {
        if (rand() >= density) continue;
        docs.push(d);
        scores.push(steep ? Math.pow(rand(), 4) * 3 + rand() / 7 : 1 + rand() / 50);
      }
      return { op: 'set', set: { docs: Int32Array.from(docs), scores: Float64Array.from(scores) } };
    };
    const leaves = (n: number) => Array.from({ length: n }, () => list(0.05 + rand() * 0.9, rand() < 0.7));
    // Filters keep what they keep, whatever the scores: here every third id and a band.
    const filters: ((s: Scored) => WindowResult<null>)[] = [
      (s: Scored) => ({ set: s, counts: null }),
      (s: Scored) => {
        const keep = [...s.docs.keys()].filter((i) => s.docs[i]! % 3 !== 0 && (s.docs[i]! < 1000 || s.docs[i]! > 1400));
        return { set: { docs: Int32Array.from(keep, (i) => s.docs[i]!), scores: Float64Array.from(keep, (i) => s.scores[i]!) }, counts: null };
      },
    ];
    // Entries of type 1 (every fourth id) that a search for type 0 drops: heads of type 0 alone
    // (TypesOnly) must give the same top k, with the type filter alone and with the band too.
    const type = Uint8Array.from({ length: 3000 }, (_, d) => (d % 4 === 1 ? 1 : 0));
    const only: TypesOnly = { key: '0', type, keep: Uint8Array.of(1, 0) };
    const ofType0 = (s: Scored): Scored => {
      const keep = [...s.docs.keys()].filter((i) => type[s.docs[i]!] === 0);
      return { docs: Int32Array.from(keep, (i) => s.docs[i]!), scores: Float64Array.from(keep, (i) => s.scores[i]!) };
    };
    filters.push((s: Scored) => ({ set: ofType0(s), counts: null }), (s: Scored) => ({ set: ofType0(filters[1]!(s).set), counts: null }));
    const typed = new Set([2, 3]);
    let answered = 0;
    let declined = 0;
    for (let round = 0; round < 200; round++) {
      const shape = round % 5;
      const plan: Plan =
        shape === 0 ? { op: 'or', children: leaves(2 + (round % 3)) }
        : shape === 1 ? { op: 'and', pos: leaves(2), neg: [] }
        : shape === 2 ? { op: 'and', pos: leaves(3), neg: [list(0.3, true)], ordered: true }
        : shape === 3 ? { op: 'or', children: [{ op: 'and', pos: leaves(2), neg: [] }, ...leaves(2)] }
        : { op: 'and', pos: [{ op: 'or', children: leaves(2) }, { op: 'or', children: leaves(2) }], neg: [list(0.1, true)] };
      for (const [f, filter] of filters.entries()) {
        const whole: Scored = filter(materialize(plan)).set;
        for (const k of [1, 10, 40]) {
          const got: PrunedTopK<null> | null = headTopK<null>(plan, k, 6, filter, 0, 16, 2000, typed.has(f) ? only : undefined);
          const what = `round ${round} filter ${f} k ${k}`;
          if (got === null) {
            declined++;
            continue;
          }
          answered++;
          const want: number[] = topKByKey(whole.scores, whole.docs, k);
          assert.deepEqual(got.docs, want.map((i) => whole.docs[i]!), what);
          assert.deepEqual(got.scores, want.map((i) => whole.scores[i]!), what);
          assert.equal(got.exact, false, what);
        }
      }
    }
    // Both happen: heads prove the top k, and (flat lists, a small candidate budget) decline.
    assert.ok(answered > 1200, `${answered} answered`);
    assert.ok(declined > 50, `${declined} declined`);
  });

  it('keeps only the wanted types in a head, bounded by the best wanted score it left out', () => {
    // Entries of type 1 hold the best scores, as short entries do in a BM25 list.
    const docs = Int32Array.from({ length: 100 }, (_, i) => i);
    const scores = Float64Array.from(docs, (d) => (d % 2 === 1 ? 10 + d / 100 : d / 100));
    const type = Uint8Array.from(docs, (d) => d % 2);
    const set = { docs, scores };
    const all = headOf(set, 4);
    assert.deepEqual([...all.docs].map((d) => type[d]), [1, 1, 1, 1]);
    const head = headOf(set, 4, { key: '0', type, keep: Uint8Array.of(1, 0) });
    assert.deepEqual([...head.docs], [92, 94, 96, 98]);
    assert.deepEqual([...head.scores], [0.92, 0.94, 0.96, 0.98]);
    assert.equal(head.below, 0.9);
    // Fewer of the type than asked: all of them, nothing below.
    const few = headOf(set, 80, { key: '0', type, keep: Uint8Array.of(1, 0) });
    assert.equal(few.docs.length, 50);
    assert.equal(few.below, -Infinity);
    // None of the type: an empty head.
    assert.equal(headOf(set, 4, { key: '2', type, keep: Uint8Array.of(0, 0, 1) }).docs.length, 0);
  });

  it('declines a flat list, where no head can tell the best apart, and counts on the sampled windows', () => {
    const ids = Int32Array.from({ length: 4000 }, (_, i) => i);
    const flat: Plan = { op: 'set', set: { docs: ids, scores: new Float64Array(4000).fill(1) } };
    assert.equal(headTopK<null>(flat, 10, 6, (s) => ({ set: s, counts: null }), 0, 16, 1000), null);
    // One high score per 100 ids: a head of 64 holds every one of them.
    const steep: Plan = { op: 'set', set: { docs: ids, scores: Float64Array.from(ids, (d) => (d % 100 === 7 ? 5 + d / 4000 : 1)) } };
    const r = headTopK<number>(steep, 3, 6, (s) => ({ set: s, counts: s.docs.length }), 16, 64, 1000)!;
    assert.deepEqual(r.docs, [3907, 3807, 3707]);
    // Windows of 64 ids, every 16th counted from the 8th: 4 windows of 63.
    assert.deepEqual(r.sampled, [8, 24, 40, 56]);
    assert.deepEqual(r.counted.map((c) => c.counts), [64, 64, 64, 64]);
  });
});
