// Query evaluation over decoded posting lists: BM25 scoring, AND / OR / NOT as merges, phrase and NEAR verification, pruning plans.

/*
 * A query evaluates to scored documents (sorted Int32Array ids, Float64Array BM25 sums,
 * k1 1.2, b 0.75), merged with galloping search (postings.ts). Phrases: candidates are the
 * documents with all the phrase's terms; each is verified against its stored term sequence
 * (a substring test). When there are more than `verifyAll` candidates, the phrase stays
 * `pending` and the collector verifies only the top of the ranking (see segment-index.ts).
 *
 * Nothing here reads storage but the term sequences of phrase candidates (a batch at a
 * time): every posting list a query needs is read before evaluation starts (`neededTerms`).
 */

import type { SearchFilters } from '../domain/index.js';
import { fieldWords, foldPrefix } from './analyze.js';
import type { State } from './doc-state.js';
import { COMMITTEE, DOSSIER, PART, PART_WEIGHT, PARTY, PERSON, dossierKey } from './fields.js';
import type { AnalyzedNode } from './fts-query.js';
import type { IndexReader } from './index-reader.js';
import { EMPTY_SCORED, intersect, subtract, topKByKey, union, type Postings, type Scored } from './postings.js';
import type { Plan } from './prune.js';
import { sequenceNear } from './proximity.js';
import { SEQUENCE_BREAK, sequenceBytes, sequenceContains, termHash } from './segment-builder.js';

const K1 = 1.2;
const B = 0.75;

/** Candidates of a NEAR considered, at most (the best-ranked); the total is then an estimate. */
const NEAR_CANDIDATE_LIMIT = 500;
/** Candidates of a synonym's phrase verified, at most (the best-ranked). */
const SYNONYM_VERIFY_LIMIT = 200;
/** Candidates of an excluded phrase verified one by one, at most. */
const NEGATIVE_VERIFY_LIMIT = 2_000;
/** Term sequences read per storage call when verifying a set (a bound on memory, not a cut). */
const VERIFY_BATCH = 64;
/** The same where each call is a round trip (SegmentStorage.batchReads): every candidate of verifyAll at once. */
const VERIFY_BATCH_REMOTE = 512;

/** A check against a document's term sequence: a phrase (its terms), or NEAR. */
export type SequenceCheck = string[] | { near: string[]; distance: number };

/** What a query node evaluates to: scored documents, maybe with phrases still to verify. */
export interface Evaluated {
  set: Scored;
  /** Phrases (as term sequences) or NEARs every document of `set` must still contain. */
  pending: SequenceCheck[];
  /** True when the set is only approximately right (an unverified phrase under OR/NOT). */
  approx: boolean;
}

/** Reads stored term sequences (segment-storage.ts). */
export type SequenceReader = (docids: readonly number[], containing?: Uint8Array) => Promise<(Uint8Array | undefined)[]>;

/** Every term whose posting list evaluating `node` under `filters` may read. */
export function neededTerms(node: AnalyzedNode | null, filters: SearchFilters): Set<string> {
  const out = new Set<string>();
  const walk = (n: AnalyzedNode): void => {
    switch (n.type) {
      case 'term':
        out.add(n.term);
        if (!n.exact) out.add(PART + n.term);
        return;
      case 'prefix':
        for (const t of n.expansions) out.add(t);
        return;
      case 'phrase':
      case 'near':
        for (const t of n.terms) out.add(t);
        return;
      case 'and':
        n.positive.forEach(walk);
        n.negative.forEach(walk);
        return;
      case 'or':
        n.children.forEach(walk);
        return;
      case 'none':
        return;
    }
  };
  if (node !== null) walk(node);
  for (const p of filters.parties) out.add(PARTY + foldPrefix(p));
  for (const x of filters.dossiers) out.add(DOSSIER + dossierKey(x));
  for (const [values, prefix] of [[filters.persons, PERSON], [filters.committees, COMMITTEE]] as const) {
    for (const v of values) for (const w of fieldWords(v)) out.add(prefix + w);
  }
  return out;
}

/** One search's evaluation: its reader, state, loaded lists and deadline. */
export class QueryEvaluation {
  /** Within one search, each node is evaluated once (plan() and the whole evaluation share it). */
  private readonly evaluated = new Map<AnalyzedNode, Evaluated>();

  /**
   * @param lists the posting lists of neededTerms(), loaded
   * @param deadline performance.now() past which the search stops widening (Infinity: never)
   */
  constructor(
    private readonly reader: IndexReader,
    readonly st: State,
    private readonly lists: Map<string, Postings>,
    private readonly sequences: SequenceReader,
    private readonly verifyAll: number,
    readonly deadline: number,
    private readonly batchReads = false,
  ) {}

  private postings(term: string): Postings {
    const p = this.lists.get(term);
    if (p === undefined) throw new Error(`posting list of ${JSON.stringify(term)} was not loaded`);
    return p;
  }

  /** BM25 scores of one term's postings, times `weight`. */
  scoreTerm(term: string, weight: number): Scored {
    const key = weight === 1 ? term : `${weight}\u0000${term}`;
    let cached = this.reader.scored.get(key);
    if (cached === undefined) {
      cached = this.computeScores(term, weight);
      this.reader.scored.set(key, cached);
    }
    return cached;
  }

  private computeScores(term: string, weight: number): Scored {
    const st = this.st;
    const p = this.postings(term);
    const n = p.docs.length;
    if (n === 0) return EMPTY_SCORED;
    const idf = Math.log(1 + (st.nLive - n + 0.5) / (n + 0.5));
    const w = Math.max(idf, 0.01) * weight * (K1 + 1);
    const scores = new Float64Array(n);
    const norm = K1 / st.avgLen;
    for (let i = 0; i < n; i++) {
      const tf = p.tfs[i]!;
      const len = st.len[p.docs[i]!] ?? 0;
      scores[i] = (w * tf) / (tf + K1 * (1 - B) + norm * B * len);
    }
    return { docs: p.docs, scores };
  }

  /** A word matches where it is a term, or (weaker) a part of a compound; `weight` < 1 for a synonym. */
  private scoreWord(term: string, weight = 1): Scored {
    return union([this.scoreTerm(term, weight), this.scoreTerm(PART + term, PART_WEIGHT * weight)]);
  }

  /** A field term's documents with zero score (filters must not change the ranking). */
  flagOf(term: string): Scored {
    const p = this.postings(term);
    return { docs: p.docs, scores: new Float64Array(p.docs.length) };
  }

  /**
   * Whether the deadline left something out (a prefix's or an OR's branches): then the result
   * depends on the moment, where an estimate by structure (an OR of unverified phrases, a NEAR
   * of many candidates) is the same every time.
   */
  cutShort = false;

  private outOfTime(): boolean {
    if (performance.now() <= this.deadline) return false;
    this.cutShort = true;
    return true;
  }

  async evaluate(node: AnalyzedNode): Promise<Evaluated> {
    let e = this.evaluated.get(node);
    if (e === undefined) {
      e = await this.evaluateNode(node);
      this.evaluated.set(node, e);
    }
    return e;
  }

  private async evaluateNode(node: AnalyzedNode): Promise<Evaluated> {
    const scored = this.reader.scored;
    switch (node.type) {
      case 'none':
        return { set: EMPTY_SCORED, pending: [], approx: false };
      case 'term':
        return { set: node.exact ? this.scoreTerm(node.term, 1) : this.scoreWord(node.term, node.weight ?? 1), pending: [], approx: false };
      case 'near': {
        const terms = [...new Set(node.terms)];
        // Cached like a phrase's candidates (below): words near each other are common words as often as not.
        const key = `\u0006${terms.join(' ')}`;
        let candidates = scored.get(key);
        if (candidates === undefined) {
          candidates = intersect(terms.map((t) => this.scoreTerm(t, 1)));
          this.reader.remember(key, candidates);
        }
        const check = { near: terms, distance: node.distance };
        if (candidates.docs.length <= this.verifyAll) return { set: await this.verifyEach(candidates, [check]), pending: [], approx: false };
        // Words near each other are usually rare among the documents holding both: verifying in
        // rank order would then read every candidate. Only the best-ranked are considered (≈).
        if (candidates.docs.length > NEAR_CANDIDATE_LIMIT) {
          // The best-ranked of cached candidates are as fixed as they are, so they are cached
          // beside them: ranking the 262,000 of `NEAR(informatie europese, 5)` at 600,000
          // documents took 1.3–2.3 ms of every such search.
          const bestKey = `\u0007${terms.join(' ')}`;
          let best = scored.get(bestKey);
          if (best === undefined) {
            best = topByScore(candidates, NEAR_CANDIDATE_LIMIT);
            this.reader.remember(bestKey, best);
          }
          return { set: best, pending: [check], approx: true };
        }
        return { set: candidates, pending: [check], approx: false };
      }
      case 'prefix': {
        const key = `\u0001${node.prefix}`;
        let set = scored.get(key);
        let approx = node.truncated;
        if (set === undefined) {
          const parts: Scored[] = [];
          for (const t of node.expansions) {
            // Out of time: the words scored so far (not cached: it is not the prefix's set).
            if (parts.length > 0 && this.outOfTime()) break;
            parts.push(this.scoreTerm(t, 1));
          }
          set = union(parts);
          if (parts.length === node.expansions.length) this.reader.remember(key, set);
          else approx = true;
        }
        return { set, pending: [], approx };
      }
      case 'phrase': {
        // Cached like a term's list: a phrase of common words intersects long lists.
        const weight = node.weight ?? 1;
        const key = `\u0003${weight}\u0000${node.terms.join(' ')}`;
        let candidates = scored.get(key);
        if (candidates === undefined) {
          candidates = intersect(node.terms.map((t) => this.scoreTerm(t, weight)));
          this.reader.remember(key, candidates);
        }
        if (weight === 1 && candidates.docs.length <= this.verifyAll) {
          return { set: await this.verifyEach(candidates, [node.terms]), pending: [], approx: false };
        }
        if (weight !== 1) {
          // A synonym's phrase is a recall aid beside the word typed: verify its best-ranked
          // candidates only, rather than make the whole OR approximate or read every candidate;
          // the verified set is cached like a term's list (until the next write).
          const vkey = `\u0004${key}`;
          let verified = scored.get(vkey);
          if (verified === undefined) {
            const best = candidates.docs.length > SYNONYM_VERIFY_LIMIT ? topByScore(candidates, SYNONYM_VERIFY_LIMIT) : candidates;
            verified = await this.verifyEach(best, [node.terms]);
            scored.set(vkey, verified);
          }
          return { set: verified, pending: [], approx: false };
        }
        return { set: candidates, pending: [node.terms], approx: false };
      }
      case 'and': {
        const pos: Evaluated[] = [];
        for (const c of node.positive) pos.push(await this.evaluate(c));
        let set = intersect(pos.map((e) => e.set));
        const pending = pos.flatMap((e) => e.pending);
        let approx = pos.some((e) => e.approx);
        if (pending.length > 0 && set.docs.length <= this.verifyAll) {
          set = await this.verifyEach(set, pending);
          pending.length = 0;
        }
        const negs: Scored[] = [];
        for (const n of node.negative) {
          const e = await this.evaluate(n);
          approx ||= e.approx;
          if (e.pending.length === 0) {
            negs.push(e.set);
            continue;
          }
          // An excluded phrase only needs verifying where it could remove something.
          const overlap = intersect([e.set, set]);
          if (overlap.docs.length <= NEGATIVE_VERIFY_LIMIT) {
            negs.push(await this.verifyEach(overlap, e.pending));
          } else {
            approx = true; // excluding every unverified candidate over-excludes: say so
            negs.push(e.set);
          }
        }
        return { set: subtract(set, negs), pending, approx };
      }
      case 'or': {
        // A word with its synonyms (the thesaurus) recurs with the word: cache the union like a
        // term's list. Only those: their number is bounded by the thesaurus, unlike typed ORs.
        const synonyms = hasSynonyms(node);
        const key = synonyms ? `\u0005${JSON.stringify(node.children)}` : '';
        const cached = synonyms ? scored.get(key) : undefined;
        if (cached !== undefined) return { set: cached, pending: [], approx: false };
        const parts: Evaluated[] = [];
        for (const c of node.children) {
          if (parts.length > 0 && this.outOfTime()) break;
          parts.push(await this.evaluate(c));
        }
        // Per-document pending phrases cannot survive a union: keep the candidates, flag approximate.
        // Branches left out of time make the union short: an estimate too.
        const approx = parts.length < node.children.length || parts.some((e) => e.approx || e.pending.length > 0);
        const set = union(parts.map((e) => e.set));
        if (synonyms && !approx) this.reader.remember(key, set);
        return { set, pending: [], approx };
      }
    }
  }

  /** Keeps the documents whose stored term sequence contains every phrase. */
  private async verifyEach(set: Scored, phrases: SequenceCheck[]): Promise<Scored> {
    const docs: number[] = [];
    const scores: number[] = [];
    const size = this.batchReads ? VERIFY_BATCH_REMOTE : VERIFY_BATCH;
    for (let at = 0; at < set.docs.length; at += size) {
      const batch = Array.from(set.docs.subarray(at, at + size));
      const ok = await this.contain(batch, phrases);
      for (let i = 0; i < batch.length; i++) {
        if (!ok[i]) continue;
        docs.push(batch[i]!);
        scores.push(set.scores[at + i]!);
      }
    }
    return { docs: Int32Array.from(docs), scores: Float64Array.from(scores) };
  }

  /** Whether each document's stored term sequence contains every phrase (one storage read). */
  async contain(docids: readonly number[], phrases: SequenceCheck[]): Promise<boolean[]> {
    if (docids.length === 0) return [];
    // A document without a phrase's bytes anywhere cannot hold the phrase: the storage may keep it back.
    let longest: string[] | null = null;
    for (const p of phrases) if (Array.isArray(p) && (longest === null || p.length > longest.length)) longest = p;
    const seqs = await this.sequences(docids, longest === null ? undefined : phraseNeedle(longest));
    return seqs.map((terms) => terms !== undefined && phrases.every((p) =>
      Array.isArray(p) ? sequenceContains(terms, phraseNeedle(p)) : sequenceNear(terms, p.near.map(termHash), p.distance, SEQUENCE_BREAK),
    ));
  }

  /**
   * The query as a plan over scored lists, mirroring evaluate(): what evaluate() would merge
   * whole is left as a plan node; what it caches or verifies is evaluated by it and becomes a
   * list. Null when a phrase is left to verify per document (only the whole evaluation does that).
   */
  async plan(node: AnalyzedNode): Promise<{ plan: Plan; approx: boolean } | null> {
    let approx = false;
    const leaf = async (n: AnalyzedNode): Promise<Plan | null> => {
      const e = await this.evaluate(n);
      if (e.pending.length > 0) return null;
      approx ||= e.approx;
      return { op: 'set', set: e.set };
    };
    const walk = async (n: AnalyzedNode): Promise<Plan | null> => {
      switch (n.type) {
        case 'term': {
          if (n.exact) return { op: 'set', set: this.scoreTerm(n.term, 1) };
          const weight = n.weight ?? 1;
          // scoreWord: the word, or (weaker) a part of a compound.
          return {
            op: 'or',
            children: [
              { op: 'set', set: this.scoreTerm(n.term, weight) },
              { op: 'set', set: this.scoreTerm(PART + n.term, PART_WEIGHT * weight) },
            ],
          };
        }
        case 'and': {
          const pos: Plan[] = [];
          for (const c of n.positive) {
            const p = await walk(c);
            if (p === null) return null;
            pos.push(p);
          }
          let ordered = false;
          if (pos.length >= 3) {
            // intersect() adds three or more scores shortest list first: only lists know their length.
            if (!pos.every((p) => p.op === 'set')) return leaf(n);
            pos.sort((x, y) => (x as { set: Scored }).set.docs.length - (y as { set: Scored }).set.docs.length);
            ordered = true;
          }
          const neg: Plan[] = [];
          for (const c of n.negative) {
            const p = await walk(c);
            if (p === null) return null;
            neg.push(p);
          }
          return { op: 'and', pos, neg, ordered };
        }
        case 'or': {
          // A word with its synonyms is evaluated (and cached) whole, as evaluate() does.
          if (hasSynonyms(n)) return leaf(n);
          const children: Plan[] = [];
          for (const c of n.children) {
            // As evaluate(): out of time, the branches so far, and the total an estimate.
            if (children.length > 0 && this.outOfTime()) {
              approx = true;
              break;
            }
            const p = await walk(c);
            if (p === null) return null;
            children.push(p);
          }
          return { op: 'or', children };
        }
        default:
          return leaf(n);
      }
    };
    const plan = await walk(node);
    return plan === null ? null : { plan, approx };
  }

  /** Every live document, unscored (a filter-only listing); cached with the state. */
  allLive(): Scored {
    const st = this.st;
    let all = this.reader.scored.get('\u0002');
    if (all === undefined) {
      const docs = new Int32Array(st.nLive);
      let n = 0;
      for (let d = 1; d <= st.maxDoc; d++) if (st.live[d]) docs[n++] = d;
      all = { docs, scores: new Float64Array(n) };
      this.reader.scored.set('\u0002', all);
    }
    return all;
  }
}

/** An OR of a word and its synonyms (the thesaurus's): evaluated and cached whole. */
function hasSynonyms(n: Extract<AnalyzedNode, { type: 'or' }>): boolean {
  return n.children.some((c) => (c.type === 'term' || c.type === 'phrase') && c.weight !== undefined);
}

/*
 * Phrases are verified against each candidate's stored sequence of 32-bit term hashes. A
 * false match would need, in a document that holds every term of the phrase, other terms
 * whose hashes collide with the phrase's own in the phrase's order: at least two 32-bit
 * collisions side by side. Storing hashes instead of the terms themselves cut the stored
 * sequence from ~8 to 4 bytes a word and needs no term dictionary.
 */
const needles = new Map<string, Buffer>();

function phraseNeedle(terms: string[]): Buffer {
  const key = terms.join(' ');
  let n = needles.get(key);
  if (n === undefined) {
    if (needles.size > 1000) needles.clear();
    n = sequenceBytes(Int32Array.from(terms, termHash));
    needles.set(key, n);
  }
  return n;
}

/** The `k` best-scored entries of a set, in document order. */
export function topByScore(set: Scored, k: number): Scored {
  const order = topKByKey(set.scores, set.docs, k).sort((a, b) => a - b);
  return { docs: Int32Array.from(order, (i) => set.docs[i]!), scores: Float64Array.from(order, (i) => set.scores[i]!) };
}
