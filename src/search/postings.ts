// Posting lists: encoding for storage and the set algebra (union, intersection, difference) of query evaluation.

/** Documents (ascending internal ids) with one weighted term frequency each. */
export interface Postings {
  docs: Int32Array;
  tfs: Uint8Array;
}

/** Documents (ascending) with an accumulated score each: what a query node evaluates to. */
export interface Scored {
  docs: Int32Array;
  scores: Float64Array;
}

export const EMPTY_SCORED: Scored = { docs: new Int32Array(0), scores: new Float64Array(0) };

/**
 * Encodes ascending doc ids as delta varints followed by one byte of tf per doc:
 * `[count varint][deltas…][tfs…]`. Varint deltas keep common terms at ~1–2 bytes a posting.
 */
export function encodePostings(docs: ArrayLike<number>, tfs: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(maxEncodedSize(docs.length));
  return out.subarray(0, encodePostingsInto(out, 0, docs, tfs, docs.length));
}

/** Bytes `encodePostings` may need for n postings. */
export const maxEncodedSize = (n: number): number => 5 + n * 6;

/** Encodes the first `n` postings into `out` at `p` (room: maxEncodedSize(n)); returns the end. */
export function encodePostingsInto(out: Uint8Array, p: number, docs: ArrayLike<number>, tfs: ArrayLike<number>, n: number): number {
  p = writeVarint(out, p, n);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const d = docs[i]!;
    p = writeVarint(out, p, d - prev);
    prev = d;
  }
  for (let i = 0; i < n; i++) out[p++] = tfs[i]!;
  return p;
}

export function writeVarint(out: Uint8Array, p: number, v: number): number {
  while (v >= 0x80) {
    out[p++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  out[p++] = v;
  return p;
}

/**
 * Decodes stored rows into one list. A row holds one or more encoded blocks back to back
 * (a merge without deletions just concatenates its inputs' bytes); rows come in ascending
 * doc order. `total` is the sum of the rows' posting counts.
 */
export function decodePostings(rows: Uint8Array[], total: number): Postings {
  const docs = new Int32Array(total);
  const tfs = new Uint8Array(total);
  let at = 0;
  for (const b of rows) {
    let p = 0;
    while (p < b.length) {
      let n: number;
      [n, p] = readVarint(b, p);
      if (at + n > total) throw new Error('posting list longer than its count');
      let prev = 0;
      for (let i = 0; i < n; i++) {
        let v = 0;
        let shift = 0;
        let byte: number;
        do {
          byte = b[p++]!;
          v |= (byte & 0x7f) << shift;
          shift += 7;
        } while (byte & 0x80);
        prev += v;
        docs[at + i] = prev;
      }
      tfs.set(b.subarray(p, p + n), at);
      p += n;
      at += n;
    }
  }
  return at === total ? { docs, tfs } : { docs: docs.subarray(0, at), tfs: tfs.subarray(0, at) };
}

export function readVarint(b: Uint8Array, p: number): [number, number] {
  let v = 0;
  let shift = 0;
  let byte: number;
  do {
    byte = b[p++]!;
    v |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return [v >>> 0, p];
}

/** Union: a document in any input; scores add up. */
export function union(lists: Scored[]): Scored {
  const nonEmpty = lists.filter((l) => l.docs.length > 0);
  if (nonEmpty.length === 0) return EMPTY_SCORED;
  if (nonEmpty.length === 1) return nonEmpty[0]!;
  if (nonEmpty.length === 2) return union2(nonEmpty[0]!, nonEmpty[1]!);
  // Few postings far apart (an OR of a few rare words or of small ANDs, as the promise pass
  // asks): merging list by list costs at most lists × postings, where the dense arrays cost
  // the largest doc id (600,000 at the archive's size) in every such union. Both add a
  // document's scores in list order, so the sums are the same to the last bit.
  let total = 0;
  let max = 0;
  for (const l of nonEmpty) {
    total += l.docs.length;
    max = Math.max(max, l.docs[l.docs.length - 1]!);
  }
  if (nonEmpty.length * total < max) {
    let acc = union2(nonEmpty[0]!, nonEmpty[1]!);
    for (let i = 2; i < nonEmpty.length; i++) acc = union2(acc, nonEmpty[i]!);
    return acc;
  }
  return unionDense(nonEmpty);
}

/**
 * Many lists (a prefix's expansions): accumulate into arrays indexed by doc id, then
 * compact. O(total postings + largest doc id), where pairwise merging would be O(lists × n).
 */
function unionDense(lists: Scored[]): Scored {
  let max = 0;
  for (const l of lists) max = Math.max(max, l.docs[l.docs.length - 1]!);
  const acc = new Float64Array(max + 1);
  const seen = new Uint8Array(max + 1);
  let n = 0;
  for (const l of lists) {
    for (let i = 0; i < l.docs.length; i++) {
      const d = l.docs[i]!;
      if (!seen[d]) {
        seen[d] = 1;
        n++;
      }
      acc[d]! += l.scores[i]!;
    }
  }
  const docs = new Int32Array(n);
  const scores = new Float64Array(n);
  let k = 0;
  for (let d = 0; d <= max; d++) {
    if (seen[d]) {
      docs[k] = d;
      scores[k++] = acc[d]!;
    }
  }
  return { docs, scores };
}

function union2(a: Scored, b: Scored): Scored {
  const docs = new Int32Array(a.docs.length + b.docs.length);
  const scores = new Float64Array(docs.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.docs.length && j < b.docs.length) {
    const x = a.docs[i]!;
    const y = b.docs[j]!;
    if (x === y) {
      docs[n] = x;
      scores[n++] = a.scores[i++]! + b.scores[j++]!;
    } else if (x < y) {
      docs[n] = x;
      scores[n++] = a.scores[i++]!;
    } else {
      docs[n] = y;
      scores[n++] = b.scores[j++]!;
    }
  }
  while (i < a.docs.length) {
    docs[n] = a.docs[i]!;
    scores[n++] = a.scores[i++]!;
  }
  while (j < b.docs.length) {
    docs[n] = b.docs[j]!;
    scores[n++] = b.scores[j++]!;
  }
  return { docs: docs.subarray(0, n), scores: scores.subarray(0, n) };
}

/** Intersection: documents in every input; scores add up. Smallest list drives, others gallop. */
export function intersect(lists: Scored[]): Scored {
  return intersectInOrder([...lists].sort((x, y) => x.docs.length - y.docs.length));
}

/**
 * Intersection adding each document's scores in the lists' order (float sums depend on it):
 * for a caller that must add up exactly as `intersect` did over other, longer lists (prune.ts).
 */
export function intersectInOrder(lists: Scored[]): Scored {
  if (lists.length === 0) return EMPTY_SCORED;
  let acc = lists[0]!;
  for (let k = 1; k < lists.length && acc.docs.length > 0; k++) acc = intersect2(acc, lists[k]!);
  return acc;
}

function intersect2(small: Scored, big: Scored): Scored {
  const docs = new Int32Array(small.docs.length);
  const scores = new Float64Array(small.docs.length);
  let n = 0;
  let j = 0;
  const bd = big.docs;
  for (let i = 0; i < small.docs.length && j < bd.length; i++) {
    const x = small.docs[i]!;
    j = gallop(bd, x, j);
    if (j < bd.length && bd[j] === x) {
      docs[n] = x;
      scores[n++] = small.scores[i]! + big.scores[j]!;
      j++;
    }
  }
  return { docs: docs.subarray(0, n), scores: scores.subarray(0, n) };
}

/*
 * A long list looked up at scattered documents (the candidates of heads, a batch of the date
 * walk): galloping costs a dozen probes per document, most of them cache misses in a list of
 * 500,000; finding the position directly costs one. Measured on this machine, 3,000 and
 * 12,000 look-ups in four lists of 184,000–529,000: a map from doc id to position took
 * 0.15–0.3× the galloping time. That map was 4 bytes per doc id of the archive (2.4 MB a list
 * at 600,000, so only the last 16 were kept), and a look-up missed the cache in it and again
 * in the scores. A rank directory finds the same position from 8 bytes per 32 doc ids (150 KB
 * a list, kept as long as the list): a bit per doc id, whether the list holds it, and per
 * word of 32 bits how many documents come before it; the position is that count plus the
 * bits set below the doc id in its word.
 */
// From a list as long as its directory (16,384 entries of 12 bytes against 8 bytes per 32 ids of
// 600,000): the AND of a panel restricts a list of 41,000 entries to 23,000 documents.
const RANKED_MIN = 16_384;
const RANKED_KEEP = 64;

export interface Ranks {
  /** Bit d of word d >>> 5: whether the list holds doc id d (words up to the list's last doc id). */
  bits: Uint32Array;
  /** Per word: how many of the list's documents have a lower doc id than its first. */
  before: Int32Array;
}

const rankCache = new WeakMap<Int32Array, Ranks>();

/**
 * The rank directory of a sorted list of doc ids, built once per list (cached by the array):
 * `bits` at least `minWords` long (zeros past the list's last doc id), so that the counts'
 * bitsets (bit-counts.ts), a word per 32 ids of the whole archive, can be its bits as they are.
 */
export function ranksOf(docs: Int32Array, minWords = 0): Ranks {
  let r = rankCache.get(docs);
  if (r !== undefined && r.bits.length >= minWords) return r;
  const words = Math.max(minWords, docs.length === 0 ? 0 : (docs[docs.length - 1]! >>> 5) + 1);
  const bits = new Uint32Array(words);
  for (let i = 0; i < docs.length; i++) bits[docs[i]! >>> 5]! |= 1 << (docs[i]! & 31);
  const before = new Int32Array(words);
  for (let w = 0, n = 0; w < words; w++) {
    before[w] = n;
    n += popcount(bits[w]!);
  }
  r = { bits, before };
  rankCache.set(docs, r);
  return r;
}

/** Set bits of a 32-bit word. */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** The entries of `a` whose documents are in `keep` (sorted), with `a`'s scores. */
export function restrict(a: Scored, keep: Int32Array): Scored {
  if (keep.length === 0) return EMPTY_SCORED;
  const docs = new Int32Array(Math.min(a.docs.length, keep.length));
  const scores = new Float64Array(docs.length);
  let n = 0;
  if (a.docs.length >= RANKED_MIN && keep.length >= RANKED_KEEP) {
    const { bits, before } = ranksOf(a.docs);
    const words = bits.length;
    for (let i = 0; i < keep.length; i++) {
      const x = keep[i]!;
      const w = x >>> 5;
      if (w >= words) break;
      const word = bits[w]!;
      const low = x & 31;
      if (((word >>> low) & 1) === 0) continue;
      // The bits below x in its word: none for the word's first id (a shift by 32 would shift by 0).
      const j = before[w]! + (low === 0 ? 0 : popcount(word << (32 - low)));
      docs[n] = x;
      scores[n++] = a.scores[j]!;
    }
    return { docs: docs.subarray(0, n), scores: scores.subarray(0, n) };
  }
  let j = 0;
  for (let i = 0; i < keep.length && j < a.docs.length; i++) {
    const x = keep[i]!;
    j = gallop(a.docs, x, j);
    if (j < a.docs.length && a.docs[j] === x) {
      docs[n] = x;
      scores[n++] = a.scores[j++]!;
    }
  }
  return { docs: docs.subarray(0, n), scores: scores.subarray(0, n) };
}

/** Difference: documents of `a` that are in no list of `minus`; scores of `a`. */
export function subtract(a: Scored, minus: Scored[]): Scored {
  let acc = a;
  for (const m of minus) {
    if (acc.docs.length === 0) break;
    const docs = new Int32Array(acc.docs.length);
    const scores = new Float64Array(acc.docs.length);
    let n = 0;
    let j = 0;
    for (let i = 0; i < acc.docs.length; i++) {
      const x = acc.docs[i]!;
      j = gallop(m.docs, x, j);
      if (j < m.docs.length && m.docs[j] === x) continue;
      docs[n] = x;
      scores[n++] = acc.scores[i]!;
    }
    acc = { docs: docs.subarray(0, n), scores: scores.subarray(0, n) };
  }
  return acc;
}

/** Whether a posting list (its doc ids, ascending) holds `doc`. */
export function holds(docs: Int32Array, doc: number): boolean {
  const i = gallop(docs, doc, 0);
  return i < docs.length && docs[i] === doc;
}

/** First index ≥ from where arr[index] ≥ x (exponential then binary search). */
function gallop(arr: Int32Array, x: number, from: number): number {
  if (from >= arr.length || arr[from]! >= x) return from;
  let step = 1;
  let lo = from;
  let hi = from + 1;
  while (hi < arr.length && arr[hi]! < x) {
    lo = hi;
    step *= 2;
    hi = from + step;
  }
  if (hi > arr.length) hi = arr.length;
  while (lo + 1 < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < x) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * Indices of the `k` entries with the highest `keys` (ties: higher `docs` first), best first.
 * The hot path of every query: a bounded min-heap on typed arrays with no callbacks, so a
 * list of 100,000 costs about one comparison per entry.
 */
export function topKByKey(keys: Float64Array, docs: Int32Array, k: number): number[] {
  const n = keys.length;
  if (k <= 0 || n === 0) return [];
  const size = Math.min(k, n);
  const heap = new Int32Array(size); // heap[0] is the worst kept entry
  const worse = (i: number, j: number) => keys[i]! < keys[j]! || (keys[i] === keys[j] && docs[i]! < docs[j]!);
  const siftDown = (len: number) => {
    let p = 0;
    for (;;) {
      const l = 2 * p + 1;
      const r = l + 1;
      let m = p;
      if (l < len && worse(heap[l]!, heap[m]!)) m = l;
      if (r < len && worse(heap[r]!, heap[m]!)) m = r;
      if (m === p) return;
      const t = heap[p]!;
      heap[p] = heap[m]!;
      heap[m] = t;
      p = m;
    }
  };
  let len = 0;
  for (let i = 0; i < n; i++) {
    if (len < size) {
      heap[len] = i;
      let c = len++;
      while (c > 0) {
        const parent = (c - 1) >> 1;
        if (!worse(heap[c]!, heap[parent]!)) break;
        const t = heap[c]!;
        heap[c] = heap[parent]!;
        heap[parent] = t;
        c = parent;
      }
    } else {
      const top = heap[0]!;
      const ki = keys[i]!;
      const kt = keys[top]!;
      if (ki > kt || (ki === kt && docs[i]! > docs[top]!)) {
        heap[0] = i;
        siftDown(len);
      }
    }
  }
  return Array.from(heap.subarray(0, len)).sort((i, j) => (keys[j]! - keys[i]!) || docs[j]! - docs[i]!);
}
