// Top-k without scoring every match: a query as a plan over scored lists, evaluated window by window in order of each window's score bound.

import { intersect, intersectInOrder, restrict, subtract, topKByKey, union, type Scored } from './postings.js';

/*
 * Why windows (block-max MaxScore over doc-id ranges, as Lucene's block-max scorers do): the
 * evaluation merges whole posting lists, so a common word costs as much as it has matches:
 * at 600,000 documents `lidstaten` merges, filters and counts ~470,000 of them for 20 hits.
 * Instead the doc-id space is cut into windows of 2^bits ids. For each scored list the
 * maximum score inside each window is known (computed once per list, next to its scores, and
 * cached as long as the list is). A plan's bound for a window is the sum of its lists'
 * maxima (OR), or nothing when a required list has no document there (AND); exclusions never
 * raise a score. Windows are evaluated exactly — the same union/intersect/subtract over the
 * lists' slices, so every score is the very sum the whole evaluation makes — best bound
 * first, and evaluation stops when the next bound is below the k-th score found.
 *
 * Why windows rather than WAND's per-document pivoting: evaluation here is a merge of typed
 * arrays, not a cursor per term; a window keeps that (a few thousand documents merged at a
 * time, no per-document branching on bounds) and one bound per window per list is all the
 * metadata. MaxScore's essential/non-essential split would pay off for long OR queries of
 * rare and common words; the queries here are mostly ANDs of words, each word an OR of
 * itself and its compound parts, where the window bound already skips most windows.
 *
 * Totals and facets do not need scores but do need every match. Above a size the caller
 * picks, they are counted on a fixed sample of the windows (every eighth) and scaled by the
 * live documents there: an estimate, flagged as such. When pruning ends up evaluating every
 * window anyway, the counts are exact.
 *
 * Nothing here knows where lists come from: any backend that yields Scored lists can use it.
 */

/**
 * A query over scored lists: what evaluation would compute, not yet computed. Float sums
 * depend on their order: `intersect` adds three or more lists shortest first, which a window
 * (with other lengths) cannot know, so such an AND holds lists only, in that order (`ordered`).
 */
export type Plan =
  | { op: 'set'; set: Scored }
  | { op: 'or'; children: Plan[] }
  | { op: 'and'; pos: Plan[]; neg: Plan[]; ordered?: boolean };

/** Bounds are sums in another order than the scores they bound: allow for the last bits. */
const SLACK = 1e-9;

/** Per list and window size: where each window starts in the list, and its best score. */
interface Windows {
  starts: Int32Array;
  max: Float64Array;
}

const windowCache = new WeakMap<Scored, Map<number, Windows>>();

function windowsOf(set: Scored, bits: number): Windows {
  let byBits = windowCache.get(set);
  if (byBits === undefined) windowCache.set(set, (byBits = new Map()));
  let w = byBits.get(bits);
  if (w !== undefined) return w;
  const { docs, scores } = set;
  const n = docs.length;
  const count = n === 0 ? 0 : (docs[n - 1]! >>> bits) + 1;
  const starts = new Int32Array(count + 1);
  const max = new Float64Array(count).fill(-Infinity);
  let i = 0;
  for (let x = 0; x < count; x++) {
    starts[x] = i;
    const end = (x + 1) << bits;
    let m = -Infinity;
    for (; i < n && docs[i]! < end; i++) if (scores[i]! > m) m = scores[i]!;
    max[x] = m;
  }
  starts[count] = n;
  w = { starts, max };
  byBits.set(bits, w);
  return w;
}

/** The full evaluation of a plan: exactly what evaluating the query whole gives. */
export function materialize(p: Plan): Scored {
  switch (p.op) {
    case 'set':
      return p.set;
    case 'or':
      return union(p.children.map(materialize));
    case 'and':
      return subtract((p.ordered ? intersectInOrder : intersect)(p.pos.map(materialize)), p.neg.map(materialize));
  }
}

/** The plan evaluated on the documents of window `x` only. */
export function evaluateWindow(p: Plan, x: number, bits: number): Scored {
  switch (p.op) {
    case 'set': {
      const w = windowsOf(p.set, bits);
      if (x >= w.max.length) return { docs: p.set.docs.subarray(0, 0), scores: p.set.scores.subarray(0, 0) };
      const a = w.starts[x]!;
      const b = w.starts[x + 1]!;
      return { docs: p.set.docs.subarray(a, b), scores: p.set.scores.subarray(a, b) };
    }
    case 'or':
      return union(p.children.map((c) => evaluateWindow(c, x, bits)));
    case 'and':
      return subtract((p.ordered ? intersectInOrder : intersect)(p.pos.map((c) => evaluateWindow(c, x, bits))), p.neg.map((c) => evaluateWindow(c, x, bits)));
  }
}

/** True when a score bounded by `bound` may still reach `floor` (ties count: they go to the higher doc id). */
const reaches = (bound: number, floor: number): boolean => bound + Math.abs(bound) * SLACK >= floor;

/** The entries of `s` whose score may reach `floor`. */
function cut(s: Scored, floor: number): { set: Scored; partial: boolean } {
  const n = s.docs.length;
  let keep = 0;
  for (let i = 0; i < n; i++) if (reaches(s.scores[i]!, floor)) keep++;
  if (keep === n) return { set: s, partial: false };
  const docs = new Int32Array(keep);
  const scores = new Float64Array(keep);
  for (let i = 0, k = 0; i < n; i++) {
    if (!reaches(s.scores[i]!, floor)) continue;
    docs[k] = s.docs[i]!;
    scores[k++] = s.scores[i]!;
  }
  return { set: { docs, scores }, partial: true };
}

/** The sorted, distinct documents of several sorted lists. */
function sortedUnique(lists: Int32Array[]): Int32Array {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? new Int32Array(0);
  const all = new Int32Array(nonEmpty.reduce((n, l) => n + l.length, 0));
  let at = 0;
  for (const l of nonEmpty) {
    all.set(l, at);
    at += l.length;
  }
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i]!;
  return all.subarray(0, n);
}

/** The documents of `s` whose score plus `extra` may reach `floor`. */
function above(s: Scored, extra: number, floor: number): Int32Array {
  const out = new Int32Array(s.docs.length);
  let n = 0;
  for (let i = 0; i < s.docs.length; i++) if (reaches(s.scores[i]! + extra, floor)) out[n++] = s.docs[i]!;
  return out.subarray(0, n);
}

/**
 * The plan on window `x` without the documents whose score cannot reach `floor` (the k-th
 * score so far): what a window whose bound reaches the top k costs when only a few of its
 * documents can. The documents kept have exactly the scores `evaluateWindow` gives them.
 * `partial` says some were left out (the window then counts for nothing).
 *
 * An OR keeps, of each child's documents, those whose score there plus the other children's
 * window bounds reach `floor` (a document's sum is at most that, for every child holding
 * it); this is MaxScore's essential/non-essential split made per document: a child whose
 * bound is small adds no candidates of its own. Each child is then restricted to the
 * candidates and the union taken as before: a document's sum is over the same children in
 * the same order, whatever else the lists hold (union adds child by child), so it is the
 * very same float.
 * An AND of two lists (or one whose order is fixed) keeps the driving list's documents
 * whose score plus the other bounds reach `floor`; two addends commute exactly and a fixed
 * order stays fixed, so the sums are the same too. Any other node is evaluated whole and cut.
 */
export function evaluateWindowAbove(p: Plan, x: number, bits: number, floor: number): { set: Scored; partial: boolean } {
  if (p.op === 'or' && p.children.length > 1) {
    const parts = p.children.map((c) => evaluateWindow(c, x, bits));
    const bounds = p.children.map((c) => Math.max(0, windowBound(c, x, bits)));
    const all = bounds.reduce((a, b) => a + b, 0);
    // A document's score is at most its score in any one child plus the others' bounds.
    const candidates = sortedUnique(parts.map((part, i) => above(part, all - bounds[i]!, floor)));
    const restricted = parts.map((part) => restrict(part, candidates));
    const c = cut(union(restricted), floor);
    return { set: c.set, partial: c.partial || restricted.some((r, i) => r.docs.length < parts[i]!.docs.length) };
  }
  if (p.op === 'and' && (p.pos.length === 2 || (p.ordered === true && p.pos.length > 2))) {
    const parts = p.pos.map((c) => evaluateWindow(c, x, bits));
    const driver = p.ordered ? 0 : parts[0]!.docs.length <= parts[1]!.docs.length ? 0 : 1;
    let others = 0;
    for (let i = 0; i < p.pos.length; i++) if (i !== driver) others += windowBound(p.pos[i]!, x, bits);
    const d = parts[driver]!;
    const kept = above(d, others, floor);
    const dropped = kept.length < d.docs.length;
    if (dropped) parts[driver] = restrict(d, kept);
    const joined = subtract((p.ordered ? intersectInOrder : intersect)(parts), p.neg.map((c) => evaluateWindow(c, x, bits)));
    const c = cut(joined, floor);
    return { set: c.set, partial: dropped || c.partial };
  }
  return cut(evaluateWindow(p, x, bits), floor);
}

/** An upper bound of any score in window `x` (-Infinity: nothing can match there). */
export function windowBound(p: Plan, x: number, bits: number): number {
  switch (p.op) {
    case 'set': {
      const w = windowsOf(p.set, bits);
      return x < w.max.length ? w.max[x]! : -Infinity;
    }
    case 'or': {
      let sum = -Infinity;
      for (const c of p.children) {
        const b = windowBound(c, x, bits);
        if (b !== -Infinity) sum = sum === -Infinity ? b : sum + b;
      }
      return sum;
    }
    case 'and': {
      let sum = 0;
      for (const c of p.pos) {
        const b = windowBound(c, x, bits);
        if (b === -Infinity) return -Infinity;
        sum += b;
      }
      return sum;
    }
  }
}

/** An upper bound of the number of matches (no evaluation). */
export function sizeBound(p: Plan): number {
  switch (p.op) {
    case 'set':
      return p.set.docs.length;
    case 'or':
      return p.children.reduce((n, c) => n + sizeBound(c), 0);
    case 'and':
      return Math.min(...p.pos.map(sizeBound));
  }
}

/** How many non-empty scored lists a plan combines. */
export function listCount(p: Plan): number {
  switch (p.op) {
    case 'set':
      return p.set.docs.length > 0 ? 1 : 0;
    case 'or':
      return p.children.reduce((n, c) => n + listCount(c), 0);
    case 'and':
      return [...p.pos, ...p.neg].reduce((n, c) => n + listCount(c), 0);
  }
}

/** Windows any list of the plan reaches into. */
function windowCount(p: Plan, bits: number): number {
  switch (p.op) {
    case 'set':
      return windowsOf(p.set, bits).max.length;
    case 'or':
      return Math.max(0, ...p.children.map((c) => windowCount(c, bits)));
    case 'and':
      return Math.max(0, ...p.pos.map((c) => windowCount(c, bits)));
  }
}

/** What the caller makes of one window's matches: the filtered set, and anything it counts. */
export interface WindowResult<C> {
  set: Scored;
  counts: C;
}

export interface PrunedTopK<C> {
  /** The k best (score, then higher doc id first), best first. */
  docs: number[];
  scores: number[];
  /** Every window's counts when every window was evaluated, else those of the sample. */
  counted: WindowResult<C>[];
  /** The sampled windows (all of them when `exact`). */
  sampled: number[];
  /** True when every window was evaluated: the counts are then the whole query's. */
  exact: boolean;
  /** Windows evaluated, of `windows`. */
  evaluated: number;
  windows: number;
}

/**
 * The k best matches of a plan, evaluating windows best bound first and stopping when no
 * remaining window can beat (or tie) the k-th; plus the filtered matches of every
 * `sampleEvery`-th window (none for 0), for the caller's estimates. `filter` keeps what the query's
 * filters keep (scores unchanged) and counts what it wants to count. Null when, the top k
 * once full, more than `giveUp` of the windows could still reach it: evaluate whole then.
 */
export function prunedTopK<C>(
  p: Plan,
  k: number,
  bits: number,
  filter: (set: Scored) => WindowResult<C>,
  sampleEvery = 16,
  giveUp = 0.5,
): PrunedTopK<C> | null {
  const n = windowCount(p, bits);
  const bounds = new Float64Array(n);
  const order: number[] = [];
  for (let x = 0; x < n; x++) {
    bounds[x] = windowBound(p, x, bits);
    if (bounds[x] !== -Infinity) order.push(x);
  }
  order.sort((a, b) => bounds[b]! - bounds[a]! || a - b);
  const done = new Map<number, WindowResult<C>>();
  const run = (x: number): WindowResult<C> => {
    let r = done.get(x);
    if (r === undefined) done.set(x, (r = filter(evaluateWindow(p, x, bits))));
    return r;
  };
  let bestDocs = new Int32Array(0);
  let bestScores = new Float64Array(0);
  let evaluated = 0;
  let partial = 0;
  // Bounds in evaluation order (descending): how many windows can still reach a score is a binary search.
  const sorted = Float64Array.from(order, (x) => bounds[x]!);
  const warmUp = Math.max(4, Math.ceil(order.length / 16));
  for (let at = 0; at < order.length; at++) {
    const x = order[at]!;
    if (k === 0) break;
    if (bestDocs.length >= k) {
      const kth = bestScores[k - 1]!;
      const reach = (b: number) => b + Math.abs(b) * SLACK >= kth;
      if (!reach(sorted[at]!)) break;
      // When, past a first few windows, most windows could still reach the top k, windows
      // save nothing and cost their overhead: the caller evaluates whole (the same results).
      if (at >= warmUp) {
        let lo = at;
        let hi = order.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (reach(sorted[mid]!)) lo = mid + 1;
          else hi = mid;
        }
        if (lo > order.length * giveUp) return null;
      }
    }
    let set: Scored;
    if (bestDocs.length >= k && !done.has(x)) {
      // Only documents that can still enter the top k are scored; such a window counts nothing.
      const above = evaluateWindowAbove(p, x, bits, bestScores[k - 1]!);
      if (above.partial) {
        partial++;
        set = filter(above.set).set;
      } else {
        done.set(x, filter(above.set));
        set = done.get(x)!.set;
      }
    } else {
      set = run(x).set;
    }
    evaluated++;
    if (set.docs.length === 0) continue;
    // Merge the window's matches into the best so far; topKByKey breaks ties by higher doc id.
    const docs = new Int32Array(bestDocs.length + set.docs.length);
    const scores = new Float64Array(docs.length);
    docs.set(bestDocs);
    docs.set(set.docs, bestDocs.length);
    scores.set(bestScores);
    scores.set(set.scores, bestScores.length);
    const top = topKByKey(scores, docs, k);
    bestDocs = Int32Array.from(top, (i) => docs[i]!);
    bestScores = Float64Array.from(top, (i) => scores[i]!);
  }
  const exact = evaluated === order.length && partial === 0;
  let sampled: number[];
  if (exact) {
    sampled = [...done.keys()].sort((a, b) => a - b);
  } else {
    sampled = [];
    // 0: the caller counts nothing (SearchRequest.counts).
    if (sampleEvery > 0) for (let x = Math.min(n - 1, sampleEvery >> 1); x < n; x += sampleEvery) sampled.push(x);
  }
  const counted = sampled.map((x) => (bounds[x] === -Infinity ? filter(emptyLike(p)) : run(x)));
  return { docs: Array.from(bestDocs), scores: Array.from(bestScores), counted, sampled, exact, evaluated, windows: n };
}

function emptyLike(p: Plan): Scored {
  const leaf = (q: Plan): Scored => (q.op === 'set' ? q.set : q.op === 'or' ? leaf(q.children[0]!) : leaf(q.pos[0]!));
  const s = leaf(p);
  return { docs: s.docs.subarray(0, 0), scores: s.scores.subarray(0, 0) };
}
