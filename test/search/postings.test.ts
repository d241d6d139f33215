/** Posting-list codec and set algebra against naive implementations on random lists. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { decodePostings, encodePostings, intersect, ranksOf, restrict, subtract, topKByKey, union, type Scored } from '../../src/search/postings.js';

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

function randomList(n: number, max: number): Scored {
  const set = new Set<number>();
  while (set.size < n) set.add(1 + Math.floor(rand() * max));
  const docs = Int32Array.from([...set].sort((a, b) => a - b));
  return { docs, scores: Float64Array.from(docs, (d) => d / 1000) };
}

const asMap = (s: Scored) => new Map([...s.docs].map((d, i) => [d, s.scores[i]!]));

it('round-trips posting lists, also as concatenated blocks', () => {
  const a = randomList(500, 100_000);
  const b = randomList(300, 100_000);
  const tfsA = Uint8Array.from(a.docs, (d) => d % 256);
  const tfsB = Uint8Array.from(b.docs, (d) => (d * 7) % 256);
  const one = decodePostings([encodePostings(a.docs, tfsA)], a.docs.length);
  assert.deepEqual([...one.docs], [...a.docs]);
  assert.deepEqual([...one.tfs], [...tfsA]);
  // Two blocks in one row (a merge without deletions), then a second row.
  const shifted = Int32Array.from(b.docs, (d) => d + 200_000);
  const row = Buffer.concat([encodePostings(a.docs, tfsA), encodePostings(shifted, tfsB)]);
  const c = randomList(50, 1000).docs.map((d) => d + 400_000);
  const both = decodePostings([row, encodePostings(c, new Uint8Array(c.length))], a.docs.length + shifted.length + c.length);
  assert.deepEqual([...both.docs], [...a.docs, ...shifted, ...c]);
});

it('union, intersection and difference agree with naive set operations', () => {
  for (let round = 0; round < 20; round++) {
    const lists = [randomList(200, 2000), randomList(50, 2000), randomList(400, 2000), randomList(10, 2000)];
    const maps = lists.map(asMap);
    const u = asMap(union(lists));
    const expectU = new Map<number, number>();
    for (const m of maps) for (const [d, s] of m) expectU.set(d, (expectU.get(d) ?? 0) + s);
    assert.deepEqual([...u.keys()], [...expectU.keys()].sort((a, b) => a - b));
    for (const [d, s] of expectU) assert.ok(Math.abs(u.get(d)! - s) < 1e-9);

    const i = asMap(intersect(lists.slice(0, 3)));
    const expectI = [...maps[0]!.keys()].filter((d) => maps[1]!.has(d) && maps[2]!.has(d));
    assert.deepEqual([...i.keys()], expectI);

    const diff = subtract(lists[0]!, [lists[1]!, lists[3]!]);
    assert.deepEqual([...diff.docs], [...maps[0]!.keys()].filter((d) => !maps[1]!.has(d) && !maps[3]!.has(d)));
  }
});

it('union gives the same documents and the very same score sums whichever way it merges', () => {
  // The reference adds a document's scores in list order, as both ways of union do; scores
  // with many bits, so a different order of additions would show in the last ones.
  const reference = (lists: Scored[]): [number[], number[]] => {
    const acc = new Map<number, number>();
    for (const l of lists) l.docs.forEach((d, i) => acc.set(d, (acc.get(d) ?? 0) + l.scores[i]!));
    const docs = [...acc.keys()].sort((a, b) => a - b);
    return [docs, docs.map((d) => acc.get(d)!)];
  };
  const noisy = (l: Scored): Scored => ({ docs: l.docs, scores: Float64Array.from(l.docs, () => rand() * 10 + rand() / 3) });
  let sparse = 0;
  let dense = 0;
  for (let round = 0; round < 40; round++) {
    // Few short lists over a wide range (merged list by list) and many long ones (dense arrays).
    const few = round % 2 === 0;
    const lists = Array.from({ length: few ? 3 + (round % 4) : 12 }, () => noisy(randomList(few ? 5 + Math.floor(rand() * 40) : 300, few ? 500_000 : 3000)));
    const total = lists.reduce((n, l) => n + l.docs.length, 0);
    const max = Math.max(...lists.map((l) => l.docs[l.docs.length - 1]!));
    if (lists.length * total < max) sparse++;
    else dense++;
    const got = union(lists);
    const [docs, scores] = reference(lists);
    assert.deepEqual([...got.docs], docs);
    assert.deepEqual([...got.scores], scores);
  }
  assert.ok(sparse >= 10 && dense >= 10, `${sparse} merged list by list, ${dense} through dense arrays`);
});

it('topKByKey returns the k highest keys in order, ties by higher doc', () => {
  const keys = Float64Array.from({ length: 1000 }, () => Math.floor(rand() * 100));
  const docs = Int32Array.from({ length: 1000 }, (_, i) => i + 1);
  const got = topKByKey(keys, docs, 25);
  const expected = [...docs.keys()].sort((i, j) => keys[j]! - keys[i]! || docs[j]! - docs[i]!).slice(0, 25);
  assert.deepEqual(got, expected);
  assert.deepEqual(topKByKey(new Float64Array(0), new Int32Array(0), 5), []);
  assert.equal(topKByKey(keys.subarray(0, 3), docs.subarray(0, 3), 10).length, 3);
});

it('a rank directory padded to the words of the whole archive (as the counts ask for it) gives the same bits and look-ups', () => {
  const docs = Int32Array.from({ length: 20_000 }, (_, i) => 3 * i + (i % 3));
  const list: Scored = { docs, scores: Float64Array.from(docs, (d) => d / 7) };
  const keep = Int32Array.from({ length: 4000 }, (_, i) => 17 * i);
  const before = restrict(list, keep);
  const own = ranksOf(docs);
  assert.equal(own.bits.length, (docs[docs.length - 1]! >>> 5) + 1);
  const padded = ranksOf(docs, own.bits.length + 100);
  assert.equal(padded.bits.length, own.bits.length + 100);
  assert.deepEqual(Array.from(padded.bits.subarray(0, own.bits.length)), Array.from(own.bits));
  assert.ok(padded.bits.subarray(own.bits.length).every((w) => w === 0));
  // Kept: a later call without a minimum gets the padded one, and looks up the same.
  assert.equal(ranksOf(docs), padded);
  const after = restrict(list, keep);
  assert.deepEqual(Array.from(after.docs), Array.from(before.docs));
  assert.deepEqual(Array.from(after.scores), Array.from(before.scores));
  const held = new Set(docs);
  assert.deepEqual(Array.from(before.docs), [...keep].filter((d) => held.has(d)));
  assert.ok(before.docs.length > 1000);
});

it('restrict keeps exactly the listed documents with their scores, short lists and long (looked up through their rank directory)', () => {
  let seed = 7;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (const [length, span] of [[300, 1000], [70_000, 200_000], [150_000, 160_000]] as const) {
    // `length` ids spread over [0, span): every id whose rank falls on the stride, no two alike.
    const docs = Int32Array.from({ length }, (_, i) => Math.floor((i * span) / length));
    const list: Scored = { docs, scores: Float64Array.from(docs, () => rand()) };
    const byId = new Map([...docs].map((d, i) => [d, list.scores[i]!]));
    for (const size of [0, 10, 64, 500, 5000]) {
      // Half from the list, half anywhere (beyond its last id too).
      const keep = Int32Array.from(new Set(Array.from({ length: size }, (_, i) => (i % 2 ? docs[Math.floor(rand() * docs.length)]! : Math.floor(rand() * span * 1.2))))).sort();
      // Twice: the second time a long list is looked up through its kept rank directory.
      for (let round = 0; round < 2; round++) {
        const got = restrict(list, keep);
        const want = [...keep].filter((d) => byId.has(d));
        assert.deepEqual(Array.from(got.docs), want, `${length} ${size}`);
        assert.deepEqual(Array.from(got.scores), want.map((d) => byId.get(d)!), `${length} ${size}`);
      }
    }
  }
});
