// A point-in-time view of a stored index: its document state and the posting lists read from it, cached while its version holds.

/*
 * One reader per stored version (segment-storage.ts): the engine makes a new one when the
 * version changes (another writer committed) or after its own write, and drops the old one
 * with everything cached in it. A query in flight keeps the reader it started with, so a
 * write that lands meanwhile never mixes its lists into the next version's caches.
 *
 * Posting lists are read in bulk: a query's terms (and its filters' field terms) are loaded
 * in one storage call before it is evaluated, each term's entries found in its segments'
 * blocks and decoded here. Decoded and scored lists are cached up to CACHE_POSTINGS entries
 * together, then dropped all at once (a stream of distinct common words must not grow memory).
 */

import { blockEntries, findInBlock } from './blocks.js';
import { stateFromChunks, type State } from './doc-state.js';
import { DOCUMENT_TYPE } from './fields.js';
import { decodePostings, type Postings, type Scored } from './postings.js';
import type { Evaluated } from './evaluate.js';
import type { SegmentStorage, StorageVersion, StoredBlock } from './segment-storage.js';

const CACHE_POSTINGS = 40_000_000;

/** A folded prefix's terms (most frequent first) and whether the list was cut. */
export interface Expansion {
  terms: string[];
  truncated: boolean;
}

/** The stored index as of one version (see above): its state, lists and expansions, read once and cached. */
export class IndexReader {
  private statePromise: Promise<State> | null = null;
  private segsPromise: Promise<number[]> | null = null;
  private readonly postingsCache = new Map<string, Postings>();
  /** BM25-scored lists (and prefix, phrase and synonym sets) by key; valid as long as the postings and statistics are. */
  readonly scored = new Map<string, Scored>();
  private cachedPostings = 0;
  /**
   * The last query evaluated whole (segment-index.ts keys it by its parsed root, and notes
   * the filters it was asked with): its matches before filters, for the same query asked
   * again at once with other filters.
   */
  lastEvaluation: { key: string; filters: string; result: Evaluated } | null = null;
  private readonly prefixes = new Map<string, Expansion>();

  constructor(
    private readonly storage: SegmentStorage,
    readonly version: StorageVersion,
    private readonly maxExpansions: number,
  ) {}

  // A failed read is not kept: the next query of this version reads again (a lost
  // connection, or a read replica that failed; its request is answered again on the primary).
  state(): Promise<State> {
    return (this.statePromise ??= this.storage
      .stateChunks()
      .then((chunks) => stateFromChunks(chunks, DOCUMENT_TYPE))
      .catch((e: unknown) => {
        this.statePromise = null;
        throw e;
      }));
  }

  /** Segment ids in document order. */
  segments(): Promise<number[]> {
    return (this.segsPromise ??= this.storage.segments().catch((e: unknown) => {
      this.segsPromise = null;
      throw e;
    }));
  }

  /**
   * The posting lists of `terms`, from the cache or read in one storage call. The returned
   * map holds them for the caller whatever the cache drops meanwhile.
   */
  async postings(terms: Iterable<string>): Promise<Map<string, Postings>> {
    const out = new Map<string, Postings>();
    const missing: string[] = [];
    for (const t of terms) {
      if (out.has(t)) continue;
      const p = this.postingsCache.get(t);
      if (p !== undefined) out.set(t, p);
      else if (!missing.includes(t)) missing.push(t);
    }
    if (missing.length === 0) return out;
    const segs = await this.segments();
    const bySeg = blocksBySegment(segs.length === 0 ? [] : await this.storage.blocksOf(segs, missing));
    for (const term of missing) {
      const parts: Uint8Array[] = [];
      let total = 0;
      for (const seg of segs) {
        const block = blockFor(bySeg.get(seg), term);
        const e = block === null ? null : findInBlock(block, term);
        if (e === null) continue;
        parts.push(e.data);
        total += e.n;
      }
      const p = decodePostings(parts, total);
      this.charge(p.docs.length);
      this.postingsCache.set(term, p);
      out.set(term, p);
    }
    return out;
  }

  /** Caches a set within the postings budget (a prefix's or phrase's: their number is unbounded). */
  remember(key: string, set: Scored): void {
    this.charge(set.docs.length);
    this.scored.set(key, set);
  }

  private charge(n: number): void {
    if (this.cachedPostings + n > CACHE_POSTINGS) {
      this.postingsCache.clear();
      this.scored.clear();
      this.cachedPostings = 0;
    }
    this.cachedPostings += n;
  }

  /** A folded prefix's index terms, most frequent first, at most `maxExpansions`. */
  async expand(prefix: string): Promise<Expansion> {
    let r = this.prefixes.get(prefix);
    if (r !== undefined) return r;
    // Terms are ASCII [a-z0-9]+ and '{' sorts after 'z': [prefix, prefix + '{') holds exactly
    // the terms with this prefix.
    const end = prefix + '{';
    const counts = new Map<string, number>();
    const segs = await this.segments();
    const blocks = segs.length === 0 ? [] : await this.storage.blocksBetween(segs, prefix, end);
    for (const block of blocks) {
      for (const e of blockEntries(block.data)) {
        if (e.term < prefix || e.term >= end) continue;
        counts.set(e.term, (counts.get(e.term) ?? 0) + e.n);
      }
    }
    const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    r = { terms: ranked.slice(0, this.maxExpansions).map(([t]) => t), truncated: ranked.length > this.maxExpansions };
    this.prefixes.set(prefix, r);
    return r;
  }

  /** A cached expansion, without reading. */
  cachedExpansion(prefix: string): Expansion | undefined {
    return this.prefixes.get(prefix);
  }
}

/** Blocks per segment, ascending by first term. */
function blocksBySegment(blocks: StoredBlock[]): Map<number, StoredBlock[]> {
  const out = new Map<number, StoredBlock[]>();
  for (const b of blocks) {
    let list = out.get(b.seg);
    if (list === undefined) out.set(b.seg, (list = []));
    list.push(b);
  }
  for (const list of out.values()) list.sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  return out;
}

/** The block with the greatest first term ≤ `term` (the one that would hold it). */
function blockFor(blocks: StoredBlock[] | undefined, term: string): Uint8Array | null {
  if (blocks === undefined) return null;
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (blocks[mid]!.first <= term) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? null : blocks[lo - 1]!.data;
}
