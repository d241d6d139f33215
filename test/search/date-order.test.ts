// Date order (collect.ts): the live documents in exactly the order a date-sorted search ranks them.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dateOrder, dateTopK, rankKeys } from '../../src/search/collect.js';
import { NO_DAY, type State } from '../../src/search/doc-state.js';
import { topKByKey, type Scored } from '../../src/search/postings.js';
import { materialize, type Plan } from '../../src/search/prune.js';

/** A state of `n` ids: some dead, some undated, many sharing a day (ties go to the higher id). */
function state(n: number): State {
  let seed = 3;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const live = new Uint8Array(n + 1);
  const day = new Int32Array(n + 1);
  let nLive = 0;
  for (let d = 1; d <= n; d++) {
    live[d] = rand() < 0.9 ? 1 : 0;
    nLive += live[d]!;
    // Days before 1970 too (negative), and a tenth undated.
    day[d] = rand() < 0.1 ? NO_DAY : Math.floor(rand() * 40) - 10;
  }
  return {
    live, day, nLive, nDead: n - nLive, maxDoc: n, nEntities: 0, avgLen: 100,
    kind: new Uint8Array(n + 1), type: new Uint8Array(n + 1), year: new Int16Array(n + 1), len: new Int32Array(n + 1).fill(100),
  };
}

describe('dateOrder', () => {
  it('orders the live documents as ranking every one of them by date would', () => {
    const st = state(3000);
    const all: Scored = { docs: Int32Array.from({ length: st.maxDoc }, (_, i) => i + 1).filter((d) => st.live[d] === 1), scores: new Float64Array(st.nLive) };
    for (const sort of ['date', 'date-asc'] as const) {
      const want = topKByKey(rankKeys(all, sort, st), all.docs, all.docs.length).map((i) => all.docs[i]!);
      assert.deepEqual(Array.from(dateOrder(st, sort)), want, sort);
    }
    // Undated last in both directions; within a day, the higher id first.
    const order = dateOrder(st, 'date-asc');
    assert.equal(st.day[order[order.length - 1]!], NO_DAY);
    assert.ok(order[0]! > order[1]! || st.day[order[0]!] !== st.day[order[1]!]);
  });

  it("walks the order to the first k matches of a plan, with the plan's own scores", () => {
    const st = state(3000);
    let seed = 17;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const list = (density: number): Plan => {
      const docs: number[] = [];
      for (let d = 1; d <= 3000; d++) if (rand() < density) docs.push(d);
      return { op: 'set', set: { docs: Int32Array.from(docs), scores: Float64Array.from(docs, () => rand()) } };
    };
    const liveOnly = (s: Scored) => {
      const keep = [...s.docs.keys()].filter((i) => st.live[s.docs[i]!] === 1 && s.docs[i]! % 5 !== 0);
      return { set: { docs: Int32Array.from(keep, (i) => s.docs[i]!), scores: Float64Array.from(keep, (i) => s.scores[i]!) }, counts: keep.length };
    };
    for (const plan of [list(0.6), { op: 'or', children: [list(0.01), list(0.02)] } as Plan, { op: 'and', pos: [list(0.5), list(0.5)], neg: [list(0.3)] } as Plan, null]) {
      const whole = liveOnly(plan === null ? { docs: Int32Array.from({ length: 3000 }, (_, i) => i + 1), scores: new Float64Array(3000) } : materialize(plan)).set;
      for (const sort of ['date', 'date-asc'] as const) {
        for (const k of [1, 20, 500]) {
          const want = topKByKey(rankKeys(whole, sort, st), whole.docs, k);
          const got = dateTopK(plan, k, sort, st, 6, liveOnly, 16);
          assert.deepEqual(got.docs, want.map((i) => whole.docs[i]!), `${sort} k ${k}`);
          assert.deepEqual(got.scores, want.map((i) => whole.scores[i]!), `${sort} k ${k}`);
          assert.equal(got.exact, false);
          // Windows of 64 ids, every 16th from the 8th: ids 512–575, 1536–1599, 2560–2623.
          assert.deepEqual(got.sampled, [8, 24, 40]);
        }
      }
    }
  });
});
