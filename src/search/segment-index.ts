// The full-text engine: segmented posting lists kept by a storage (SQLite, PostgreSQL), evaluated in memory with typed arrays.

/*
 * DESIGN — why our own posting lists instead of FTS5 (or a database's own full-text search)
 *
 * Measured on this machine at 100,000 synthetic documents: FTS5 `MATCH … ORDER BY bm25 LIMIT
 * 20` scores every match through an auxiliary-function call per row, so a common word takes
 * 130–270 ms, and even *enumerating* the matches of a common word or phrase into JavaScript
 * costs 40–120 ms (`"de Europese Commissie"`: 62 ms just to count). Totals, facets and
 * date sorting need the whole match set, so no amount of top-k pruning on top of FTS5 gets a
 * common query under 10 ms. (A first version with FTS5 + impact-ordered champion lists
 * measured 16–217 ms p50 at 10,000 documents.)
 *
 * So matching and ranking run on our own inverted index, the way Lucene does it, and the
 * parts are kept apart the way Lucene and tantivy keep them:
 * - storage (segment-storage.ts, the port; sqlite-segment-storage.ts, pg-segment-storage.ts):
 *   where blocks, document rows, texts, the packed state and bookkeeping are kept;
 * - segment building and merging (segment-builder.ts, blocks.ts, merge.ts): each `upsert`
 *   batch becomes an immutable *segment*, its posting lists packed in term order into ~8 KB
 *   blocks. Segments at one level are merged (fan-in 8) into the next, purging deleted
 *   documents, so a term has O(log n) lists and writes stay sequential. Doc ids only grow,
 *   so a term's segments concatenate in order;
 * - document state (doc-state.ts): kind, type, date, length and liveness per document as
 *   typed arrays, stored packed, one read per 4,096 documents;
 * - reading (index-reader.ts): a point-in-time view of one stored version, its decoded lists
 *   and scored lists cached until the version changes (another writer committed: the
 *   storage's version says so, read once per query) or this index writes;
 * - evaluation (evaluate.ts, prune.ts): AND / OR / NOT as merges over sorted Int32Arrays
 *   with galloping search, accumulating BM25 (k1 1.2, b 0.75) in Float64Arrays. For a word
 *   in every one of 100,000 documents that is ~1 ms, so totals, facets and date sorts are
 *   exact up to that size. Above 100,000 candidates, a relevance-ranked query first tries
 *   its lists' heads (their best-scoring entries: the threshold algorithm), then windows of
 *   doc ids, best window bound first, until nothing left can reach the top k (the same hits
 *   as the whole evaluation); totals and facets are then counted on a sample of windows (≈);
 * - collection (collect.ts and search() below): filters, the top k in the requested order,
 *   phrase verification of the page in rank order, totals and facets (exact, or ≈).
 *
 * The title counts four times in a term's frequency (BM25F-style title boost). Compound
 * parts are indexed as `~part` and count 0.3 (so `beveiliging` finds `cyberbeveiliging`,
 * below documents that say `beveiliging`). Parties, dossiers, people and committees are
 * `~party:x`-style terms. Phrases: candidates are the documents with all the phrase's
 * terms, each verified against its stored term sequence; above `verifyAll` candidates only
 * the top of the ranking is verified (in rank order) and a fixed sample estimates the total
 * and facets, which the response then flags (≈).
 */

import {
  KamerlensError,
  type DocumentKind,
  type EntityType,
  type HighlightRange,
  type IndexDocument,
  type OffloadWhen,
  type ParsedQuery,
  type QueryNode,
  type SearchHit,
  type SearchIndex,
  type SearchRequest,
  type SearchResponse,
} from '../domain/index.js';
import { fieldWords, foldPrefix } from './analyze.js';
import { packBlocks } from './blocks.js';
import { applyFilters, dateTopK, emptyResponse, entriesOfTypes, facetsOf, prunedCounts, rankKeys, typesKept } from './collect.js';
import { CHUNK_BITS, ChunkWriter } from './doc-state.js';
import { QueryEvaluation, neededTerms, type Evaluated } from './evaluate.js';
import { COMMITTEE, DOSSIER, PART, PARTY, PERSON, TITLE_WEIGHT, TYPE_CODE, docFields, dossierKey, entityId } from './fields.js';
import { getLexicon } from './dutch/lexicon.js';
import { parseQuery } from './query.js';
import { defaultThesaurus } from './thesaurus.js';
import { analyzeQuery, highlightSpec, type AnalyzedNode, type HighlightSpec } from './fts-query.js';
import { IndexReader, type Expansion } from './index-reader.js';
import { mergeSegments } from './merge.js';
import { holds, topKByKey, type Postings, type Scored } from './postings.js';
import { EXACT_FACETS, countByBits, countable } from './bit-counts.js';
import { evaluateWindow, headTopK, intersects, listCount, materialize, prunedTopK, restrictPlan, sampledWindows, sizeBound, wholeTopK, windowCount, type Plan } from './prune.js';
import { SegmentBuilder } from './segment-builder.js';
import { step, type NewDocRow, type SegmentStorage, type SegmentWriter, type StorageVersion, type WriteSteps } from './segment-storage.js';
import { highlightRanges } from './snippet.js';
import { inThread, whenBusy, workerCutter, type SnippetCutter } from './snippet-cutter.js';
import { synonymChecks, synonymMatches, synonymMatchesInIndex, type SynonymCheck } from './synonym-match.js';
import { TEXT_IN_STORE, packIndexText, textOf, unpackIndexText, type CutText } from './stored-text.js';

export interface SegmentIndexOptions {
  /** Phrase candidates verified exhaustively up to this many; above it, top-k + sample. */
  verifyAll?: number;
  /** Candidates verified to estimate a large phrase query's total and facets. */
  sampleSize?: number;
  /** Segments of one level merged together. */
  mergeFanIn?: number;
  /** Most terms a prefix (`cyber*`) expands to, most frequent first. */
  maxExpansions?: number;
  /**
   * Relevance-ranked queries that may match more documents than this are evaluated window by
   * window, best first (prune.ts), with totals and facets estimated; Infinity: never.
   */
  pruneAbove?: number;
  /** Documents per window of pruned evaluation, as a power of two. */
  windowBits?: number;
  /**
   * Pruned evaluation of several lists hands over to the whole one when, past its first
   * windows, more than this share of the windows could still reach the top k (1: never).
   * One list (a word, a prefix's expansions merged) never hands over: its windows only scan
   * scores against the k-th best, which costs less than filtering, ranking and counting every
   * match (at 100,000 documents, under load, `cyber*` took 0.26–0.6× the time of handing
   * over, `de` 0.66–0.88×); for an OR of two common words the windows cost more (1.7–2.5×).
   */
  pruneGiveUp?: number;
  /**
   * Entries of each list's head in the first round of the threshold algorithm, tried before
   * windows (prune.ts, headTopK); later rounds deepen the heads that need it. 0: never.
   */
  headSize?: number;
  /**
   * A pruned search counts its total and facets on bitsets of its lists (bit-counts.ts): the
   * total exact. False: on every 16th window, estimated (as before; for tests and bench/prune-heads.ts).
   */
  bitCounts?: boolean;
  /** With bitCounts, matches up to which the kind and year facets are counted on every match rather than a sample. */
  exactFacetsBelow?: number;
  /**
   * The document store's texts of documents (their current versions), when the documents
   * indexed (type `document`) are the store's: the index then keeps no copy of their texts
   * and reads its snippets from there (stored-text.ts), a page of hits in one read (a round
   * trip on PostgreSQL, one statement on SQLite). Ids the store does not have are absent.
   */
  documentTexts?: (ids: readonly string[]) => Promise<ReadonlyMap<string, CutText>>;
}

const MAX_LIMIT = 10_000;
/**
 * Lists in a plan, at most, for heads to be tried (prune.ts, headTopK): the queries people
 * type have a few. The promise pass's OR of ten pairs of ordinary words has twenty, whose
 * tail bounds add up past any k-th score: there heads cost 1.08× the windows alone (CPU,
 * 60 commitments at 600,000 documents, the same keepers).
 */
const HEAD_LISTS = 8;
/** Facets of a search that asked for none (SearchRequest.counts). */
const noFacets = (): SearchResponse['facets'] => ({ kind: [], year: [], type: [] });

/** Every `stride`-th of `docs` from the first: a phrase's sample of its candidates. */
function strided(docs: ArrayLike<number>, stride: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < docs.length; i += stride) out.push(docs[i]!);
  return out;
}
/** Time a document page's highlighting may take; the rest of a huge text stays unmarked. */
const HIGHLIGHT_BUDGET_MS = 250;
/** After the stored version moved, searches read it before they start for this long (see answer). */
const MOVED_PAUSE_MS = 1000;
/** Candidates verified per storage read while filling a page in rank order. */
const PAGE_VERIFY_BATCH = 32;
/** The same where each read is a round trip (SegmentStorage.batchReads). */
const PAGE_VERIFY_BATCH_REMOTE = 256;
/** Sampled candidates verified per storage read when the search has a time budget. */
const SAMPLE_BATCH = 8;

/** What SearchRequest.viaSynonym asks hits() to check (null: nothing). */
function checksOf(request: SearchRequest): SynonymCheck[] | null {
  if (request.viaSynonym !== true || request.query.root === null) return null;
  const checks = synonymChecks(request.query.root);
  return checks.length > 0 ? checks : null;
}

/** The engine (see the design note above) on any SegmentStorage. */
export class SegmentIndex implements SearchIndex {
  private readonly verifyAll: number;
  private readonly sampleSize: number;
  private readonly fanIn: number;
  private readonly maxExpansions: number;
  private readonly pruneAbove: number;
  private readonly windowBits: number;
  private readonly pruneGiveUp: number;
  private readonly headSize: number;
  private readonly bitCounts: boolean;
  private readonly exactFacetsBelow: number;
  protected readonly documentTexts: ((ids: readonly string[]) => Promise<ReadonlyMap<string, CutText>>) | null;
  private reader: IndexReader | null = null;
  /** Until then a search reads the stored version before it starts (see answer); set when the version last moved. */
  private checkFirstUntil = 0;
  /** Where snippets are cut: here, or on a worker once the node serves (offloadSnippets). */
  private cutter: SnippetCutter = inThread;
  /**
   * A builder keeps its vocabulary between batches; concurrent writes each take their own.
   * Shared with the indexes a unit of work binds to its transaction (`sharing`).
   */
  private readonly builders: { idle: SegmentBuilder | null };

  /** @param sharing an index whose idle builder this one takes turns with (the same index bound to a unit of work) */
  constructor(
    protected readonly storage: SegmentStorage,
    options: SegmentIndexOptions = {},
    sharing?: SegmentIndex,
  ) {
    this.builders = sharing ? sharing.builders : { idle: new SegmentBuilder(PART) };
    this.verifyAll = options.verifyAll ?? 400;
    // 64 verified candidates put a phrase's estimated total within a few percent; each costs a
    // row read, so more would dominate the query.
    this.sampleSize = options.sampleSize ?? 64;
    this.fanIn = options.mergeFanIn ?? 8;
    this.maxExpansions = options.maxExpansions ?? 64;
    // Below ~100,000 candidates evaluating everything costs a few ms and keeps totals exact.
    this.pruneAbove = options.pruneAbove ?? 100_000;
    this.windowBits = options.windowBits ?? 10;
    this.pruneGiveUp = options.pruneGiveUp ?? 0.5;
    this.headSize = options.headSize ?? 1024;
    this.bitCounts = options.bitCounts ?? true;
    this.exactFacetsBelow = options.exactFacetsBelow ?? EXACT_FACETS;
    this.documentTexts = options.documentTexts ?? null;
  }

  /** The reader of the stored version: the cached one while nobody has written since. */
  private async current(): Promise<IndexReader> {
    return this.readerOf(await this.storage.version());
  }

  /** The reader of `version`: a new one when it moved past the cached one (searches then check first for a while, see answer). */
  private readerOf(version: StorageVersion): IndexReader {
    let r = this.reader;
    if (r === null || r.version !== version) {
      if (r !== null) this.checkFirstUntil = performance.now() + MOVED_PAUSE_MS;
      this.reader = r = new IndexReader(this.storage, version, this.maxExpansions);
    }
    return r;
  }

  async upsert(docs: IndexDocument[]): Promise<void> {
    if (docs.length === 0) return;
    const builder = this.builders.idle ?? new SegmentBuilder(PART);
    this.builders.idle = null;
    try {
      await this.storage.write((w) => this.upsertSteps(w, docs, builder));
      this.builders.idle = builder;
    } catch (e) {
      builder.abort();
      this.builders.idle = builder;
      throw e;
    } finally {
      this.reader = null;
    }
  }

  private *upsertSteps(w: SegmentWriter, docs: IndexDocument[], builder: SegmentBuilder): WriteSteps<void> {
    // A storage may run the steps again from the start (PostgreSQL retries a deadlocked unit of work).
    builder.abort();
    const stored = yield* step(w.liveDocs([...new Set(docs.map((d) => d.id))]));
    const first = yield* step(w.nextDoc());
    const chunks = new Set<number>();
    for (const old of stored.values()) chunks.add(old >>> CHUNK_BITS);
    for (let c = first >>> CHUNK_BITS; c <= (first + docs.length - 1) >>> CHUNK_BITS; c++) chunks.add(c);
    const storedChunks = yield* step(w.stateChunks([...chunks]));
    const state = new ChunkWriter((c) => storedChunks.get(c));
    // A document given twice in one batch: its first row is replaced by the second at once.
    const live = new Map(stored);
    const killed: number[] = [];
    const rows: NewDocRow[] = [];
    let next = first;
    for (const d of docs) {
      const old = live.get(d.id);
      if (old !== undefined) {
        if (old >= first) {
          const row = rows[old - first]!;
          row.live = false;
          row.text = null;
        } else killed.push(old);
        state.kill(old);
      }
      const doc = next++;
      live.set(d.id, doc);
      builder.beginDocument();
      builder.addText(d.title, TITLE_WEIGHT);
      builder.addText(d.text, 1);
      for (const p of d.parties) builder.addFlag(PARTY + foldPrefix(p));
      for (const x of d.dossiers) builder.addFlag(DOSSIER + dossierKey(x));
      for (const name of d.persons ?? []) for (const word of fieldWords(name)) builder.addFlag(PERSON + word);
      for (const name of d.committees ?? []) for (const word of fieldWords(name)) builder.addFlag(COMMITTEE + word);
      const built = builder.endDocument(doc);
      const type = d.type ?? 'document';
      const kept = this.documentTexts !== null && type === 'document' ? { text: '', codec: TEXT_IN_STORE } : packIndexText(d.text);
      // The builder reuses its sequence buffer for the next document: keep a copy.
      rows.push({ docid: doc, extId: d.id, kind: d.kind, date: d.date, len: built.length, type, live: true, text: { terms: Buffer.from(built.sequence), title: d.title, ...kept } });
      state.put(doc, docFields(d.kind, type, d.date, built.length));
    }
    // Killed before inserted: an external id is live at most once.
    if (killed.length > 0) yield* step(w.kill(killed));
    yield* step(w.insertDocs(rows));
    yield* step(w.putStateChunks(state.take()));
    yield* step(w.addSegment({ seg: first, maxDoc: next - 1, level: 0 }, packBlocks(builder.finish())));
    yield* mergeSegments(w, this.fanIn);
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    let changed = true;
    try {
      changed = await this.storage.write((w) => this.removeSteps(w, ids));
    } finally {
      // Removing what is not indexed (a sync's removals often are) keeps every cache.
      if (changed) this.reader = null;
    }
  }

  /** Whether anything was removed. */
  private *removeSteps(w: SegmentWriter, ids: string[]): WriteSteps<boolean> {
    const stored = yield* step(w.liveDocs([...new Set(ids)]));
    if (stored.size === 0) return false;
    const docids = [...stored.values()];
    const storedChunks = yield* step(w.stateChunks([...new Set(docids.map((d) => d >>> CHUNK_BITS))]));
    const state = new ChunkWriter((c) => storedChunks.get(c));
    for (const d of docids) state.kill(d);
    yield* step(w.kill(docids));
    yield* step(w.putStateChunks(state.take()));
    return true;
  }

  async count(): Promise<number> {
    // The live documents of the stored version's state, which searching loads anyway: what a
    // readiness probe asks (health-routes.ts), which counting the rows made take 43 ms on
    // PostgreSQL and 11 ms on SQLite at 600,000 documents (1.4 and 1.1 ms this way).
    return (await (await this.current()).state()).nLive;
  }

  async getMeta(key: string): Promise<string | null> {
    // `x:` keeps callers' keys apart from the index's own (`format`).
    return this.storage.getMeta(`x:${key}`);
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.storage.setMeta(`x:${key}`, value);
  }

  async highlightTerms(query: ParsedQuery): Promise<(text: string) => HighlightRange[]> {
    const reader = await this.current();
    const spec = highlightSpec(query.root === null ? null : (await this.analyze(query.root, reader, Infinity)).node);
    if (spec.terms.size === 0 && spec.prefixes.length === 0 && spec.phrases.length === 0) return () => [];
    return (text: string) => highlightRanges(text, spec, HIGHLIGHT_BUDGET_MS);
  }

  /**
   * The query analysed, its prefixes expanded from the reader (read before analysis, since
   * analysis is synchronous). Past the deadline a prefix expands to nothing and `cut` says so.
   */
  private async analyze(root: QueryNode, reader: IndexReader, deadline: number): Promise<{ node: AnalyzedNode | null; cut: boolean }> {
    const expansions = new Map<string, Expansion>();
    let cut = false;
    for (;;) {
      const missing: string[] = [];
      const node = analyzeQuery(root, (p) => {
        const e = expansions.get(p);
        if (e !== undefined) return e;
        missing.push(p);
        return { terms: [], truncated: false };
      });
      if (missing.length === 0) return { node, cut };
      for (const p of missing) {
        if (expansions.has(p)) continue;
        if (performance.now() <= deadline) expansions.set(p, await reader.expand(p));
        else {
          cut = true;
          expansions.set(p, { terms: [], truncated: true });
        }
      }
    }
  }

  async warm(): Promise<void> {
    getLexicon();
    defaultThesaurus();
    await (await this.current()).state();
    // One query through every stage (analysis of a compound, its lists, ranking, a snippet):
    // what is loaded or compiled on first use is then loaded before the first visitor.
    await this.search({ query: parseQuery('cyberbeveiliging'), offset: 0, limit: 1 });
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    if (!request.deferSnippets) return this.answer(request, null);
    const later: Promise<void>[] = [];
    const r = await this.answer(request, later);
    return later.length === 0 ? r : { ...r, snippetsReady: Promise.all(later).then(() => undefined) };
  }

  /**
   * Cuts snippets on a worker thread from now on, always or while this thread is saturated (a
   * web node: snippet-cutter.ts says why), and has the worker load what its first cut would
   * (the lexicon) before the first visitor.
   */
  async offloadSnippets(onFailure: (e: Error) => void, when: OffloadWhen = 'always'): Promise<void> {
    if (this.cutter !== inThread) return;
    const worker = workerCutter(onFailure);
    await worker.cut(['cyberbeveiliging'], highlightSpec(null));
    this.cutter = when === 'always' ? worker : whenBusy(worker);
  }

  /** Stops the snippet worker, if any. */
  async close(): Promise<void> {
    const c = this.cutter;
    this.cutter = inThread;
    await c.close();
  }

  /**
   * The search; with `later`, the hits' snippets are cut while the caller goes on (SearchRequest.deferSnippets).
   *
   * Where every read is a round trip (PostgreSQL), reading the stored version first costs one
   * before the search can start, and the search page asks twice (its documents, then the
   * panel of other types). So while the version has held for a while, the search runs on the
   * cached reader with the version read beside it, and is answered only when that version is
   * the reader's: then the caches were current when the search read its hits, as if checked
   * first. Otherwise (another node wrote) the answer is dropped and the search runs again on
   * a fresh reader, and for MOVED_PAUSE_MS every search checks first, so a node beside a
   * busy importer does not search twice each time.
   */
  private async answer(request: SearchRequest, later: Promise<void>[] | null): Promise<SearchResponse> {
    const { offset, limit } = request;
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 0 || offset + limit > MAX_LIMIT) {
      throw new KamerlensError('BAD_REQUEST', `offset must be ≥ 0, limit ≥ 0 and offset + limit at most ${MAX_LIMIT}`);
    }
    const cached = this.reader;
    if (cached === null || !this.storage.batchReads || performance.now() < this.checkFirstUntil) return this.answerFrom(await this.current(), request, later);
    const checking = this.storage.version();
    // Awaited below; until then a failed read must not count as unhandled.
    checking.catch(() => undefined);
    const mine: Promise<void>[] = [];
    let outcome: { r: SearchResponse } | { e: unknown };
    try {
      outcome = { r: await this.answerFrom(cached, request, later && mine) };
    } catch (e) {
      outcome = { e };
    }
    const version = await checking;
    if (version === cached.version) {
      later?.push(...mine);
      if ('e' in outcome) throw outcome.e;
      return outcome.r;
    }
    for (const p of mine) p.catch(() => undefined);
    return this.answerFrom(this.readerOf(version), request, later);
  }

  private async answerFrom(reader: IndexReader, request: SearchRequest, later: Promise<void>[] | null): Promise<SearchResponse> {
    const { offset, limit, query } = request;
    const st = await reader.state();
    // One budget for the whole search: prefix expansion, OR branches, phrase verification.
    let deadline = request.budgetMs === undefined ? Infinity : performance.now() + request.budgetMs;
    let node: AnalyzedNode | null = null;
    let cut = false;
    if (query.root !== null) {
      ({ node, cut } = await this.analyze(query.root, reader, deadline));
      if (node === null || node.type === 'none') return emptyResponse(cut);
    }
    const loading = performance.now();
    const lists = await reader.postings(neededTerms(node, query.filters));
    // Every list the query needs is read (and decoded) whatever the deadline, so the time that
    // takes is time no cut could save: it does not count. Counted, a node whose lists were not
    // yet cached (just started, or a slow round trip) cut an OR or a prefix to its first branch
    // once every list was in memory: `telecomraad OR cybersecurity` on a fresh PostgreSQL node
    // at 600,000 documents answered ≈349,308 where the whole union is 528,481.
    deadline += performance.now() - loading;
    const ev = new QueryEvaluation(reader, st, lists, (ids, containing) => this.storage.termSequences(ids, containing), this.verifyAll, deadline, this.storage.batchReads);
    // Without words there is no relevance: newest first.
    const sort = query.root === null && query.sort === 'relevance' ? 'date' : query.sort;
    const planned = node !== null && (sort === 'relevance' || !cut) ? await ev.plan(node) : null;
    // A query that has words but no plan (a phrase left to verify, analysis cut short) has
    // size 0 here: it must never reach the date walk, which would take a null plan for "every document".
    const size = node === null ? st.nLive : planned === null ? 0 : sizeBound(planned.plan);
    if (size > this.pruneAbove && (sort !== 'relevance' || planned !== null)) {
      const pruned = await this.searchPruned(node, planned ?? { plan: null, approx: false }, sort, request, ev, cut, lists, later);
      if (pruned !== null) return pruned;
    }
    let result: Evaluated;
    // The search page asks the same query twice in a row: its documents, then the other
    // types (search-panel.ts, otherResults). What the query matches before any filter is the
    // same both times, so the second takes it from the reader instead of merging every list
    // again. Only a whole evaluation is kept, not one a deadline cut short (an estimate by its
    // structure, an OR of unverified phrases such as an identifier's spellings, is the same
    // every time and kept), and it is taken only while this search is within its own budget
    // (one already out of time answers as it always did, with what it reaches: an estimate)
    // and only by a search with other filters: the same search asked again evaluates again, so
    // repeating a query (a bench, a reload) measures and costs what a first asking does.
    const memo = node !== null && !cut ? `${planned !== null && sort === 'relevance' ? 'plan' : 'eval'}\u0000${JSON.stringify(query.root)}` : null;
    const filters = JSON.stringify(query.filters);
    const last = reader.lastEvaluation;
    const kept = memo !== null && last?.key === memo && last.filters !== filters && performance.now() <= deadline ? last.result : null;
    if (kept !== null) result = kept;
    else if (planned !== null && sort === 'relevance') result = { set: materialize(planned.plan), pending: [], approx: planned.approx };
    else result = node === null ? { set: ev.allLive(), pending: [], approx: false } : await ev.evaluate(node);
    if (memo !== null && kept === null && !ev.cutShort) reader.lastEvaluation = { key: memo, filters, result };
    if (cut) result = { ...result, approx: true };
    const spec = highlightSpec(node);
    const need = offset + limit;

    if (result.pending.length === 0) {
      const { set: matched, types } = applyFilters(result.set, query.filters, st, (t) => ev.flagOf(t));
      const order = topKByKey(rankKeys(matched, sort, st), matched.docs, need);
      // Counted while the page's rows travel, as in searchPruned.
      const reading = this.hits(order.slice(offset).map((i) => [matched.docs[i]!, matched.scores[i]!]), spec, request, lists, later);
      reading.catch(() => undefined);
      const facets = request.counts === false ? noFacets() : this.counted(request, facetsOf(matched.docs, types, st, 1));
      return { total: matched.docs.length, totalIsEstimate: result.approx, hits: await reading, facets, facetsAreEstimates: result.approx };
    }

    // Unverified phrases over many candidates: verify in rank order until the page is full,
    // and estimate the total and facets from a fixed sample of the candidates.
    // A phrase that (almost) no candidate holds would otherwise be checked against every one
    // of them: the budget stops that, and the page holds what was verified by then.
    const filter = (set: Scored) => {
      const f = applyFilters(set, query.filters, st, (t) => ev.flagOf(t));
      return { set: f.set, counts: f.types };
    };
    let whole: { matched: Scored; types: Float64Array; keys: Float64Array } | null = null;
    const all = () => {
      if (whole === null) {
        const f = filter(result.set);
        whole = { matched: f.set, types: f.counts, keys: rankKeys(f.set, sort, st) };
      }
      return whole;
    };
    // Past 100,000 candidates ranked by relevance, the best come from the candidate list's
    // head (prune.ts) instead of filtering and ranking every one (a phrase of common words:
    // 300,000 at 600,000 documents), and the counts from a sample of windows. The order is
    // the same either way, so a ranking that has to fall back continues where it was.
    const headed = sort === 'relevance' && result.set.docs.length > this.pruneAbove;
    const candidates: Plan = { op: 'set', set: result.set };
    const ranked = (want: number): { docs: ArrayLike<number>; scores: ArrayLike<number>; more: boolean } => {
      const h = headed ? headTopK(candidates, want, this.windowBits, filter, 0, this.headSize, result.set.docs.length / 4) : null;
      if (h !== null) return { ...h, more: h.docs.length === want };
      const { matched, keys } = all();
      const order = topKByKey(keys, matched.docs, want);
      return { docs: order.map((i) => matched.docs[i]!), scores: order.map((i) => matched.scores[i]!), more: order.length < matched.docs.length };
    };
    // The candidates the phrase sample is drawn from: every one, or those of the sampled windows scaled up.
    const sampling = request.counts === false ? null : (() => {
      let population: Int32Array;
      let types: Float64Array;
      let scale = 1;
      if (headed) {
        const windows = windowCount(candidates, this.windowBits);
        const inSample = sampledWindows(windows, 16);
        const counted = inSample.map((x) => filter(evaluateWindow(candidates, x, this.windowBits)));
        ({ docs: population, types, ratio: scale } = prunedCounts({ docs: [], scores: [], counted, sampled: inSample, exact: false, evaluated: 0, windows }, st, this.windowBits));
      } else {
        ({ matched: { docs: population }, types } = all());
      }
      return { population, types, scale, stride: Math.max(1, Math.floor(population.length / this.sampleSize)) };
    })();
    // Where a read is a round trip the sample is one read (below), independent of the page:
    // sent now, it travels while the page is verified instead of after it.
    const early = sampling !== null && this.storage.batchReads ? ev.contain(strided(sampling.population, sampling.stride), result.pending) : null;
    early?.catch(() => undefined);
    let outOfTime = false;
    const page: [number, number][] = [];
    let want = need;
    let verified = 0;
    let tried = 0;
    let checked = 0;
    let more = true;
    while (verified < need && more && !outOfTime) {
      // A selection over every candidate costs about the same for 50 as for 500 (a phrase of
      // common words has 300,000 at 600,000 documents): ask for plenty, so it is rarely made twice.
      want = Math.max(want * 8, need + 32, 256, this.storage.batchReads ? tried + PAGE_VERIFY_BATCH_REMOTE : 0);
      const order = ranked(want);
      more = order.more;
      let k = tried;
      while (k < order.docs.length && verified < need) {
        // In process, never more than the page still needs: a batch reads no candidate the page
        // could do without. Over a network, as many as the share verified so far says the page
        // needs (round trips cost more than rows).
        const still = need - verified;
        const passing = Math.max(0.05, (verified + 1) / (checked + 1));
        const size = this.storage.batchReads
          ? Math.min(order.docs.length - k, PAGE_VERIFY_BATCH_REMOTE, Math.max(still, Math.ceil(still / passing)))
          : Math.min(order.docs.length - k, still, PAGE_VERIFY_BATCH);
        if (checked > 0 && performance.now() > deadline) {
          outOfTime = true;
          break;
        }
        const batch = Array.from({ length: size }, (_, j) => k + j);
        const ok = await ev.contain(batch.map((i) => order.docs[i]!), result.pending);
        // Candidates past the one that fills the page were read ahead, not tried.
        let j = 0;
        for (; j < batch.length && verified < need; j++) {
          checked++;
          if (!ok[j]) continue;
          const i = batch[j]!;
          if (verified >= offset) page.push([order.docs[i]!, order.scores[i]!]);
          verified++;
        }
        k += j;
      }
      // What was tried, not what was ranked: a page filled before the end of `order` has not
      // tried the rest, so the total must not be taken as exhausted.
      if (k < order.docs.length) more = true;
      tried = k;
    }
    const exhausted = !more && !outOfTime;
    if (request.counts === false) {
      return { total: verified, totalIsEstimate: !exhausted || result.approx, hits: await this.hits(page, spec, request, lists, later), facets: noFacets(), facetsAreEstimates: true };
    }
    const { population, types, scale, stride } = sampling!;
    const n = population.length;
    let sampled = 0;
    let hitsInSample = 0;
    const tally = (ok: boolean[]) => {
      sampled += ok.length;
      for (const x of ok) if (x) hitsInSample++;
    };
    let hits: SearchHit[];
    if (early !== null) {
      // The page's rows are read while the sample still travels.
      const [h, ok] = await Promise.all([this.hits(page, spec, request, lists, later), early]);
      hits = h;
      tally(ok);
    } else {
      // Out of time, a handful of samples still gives an order of magnitude. Without a budget the whole sample is one read.
      const batchSize = deadline === Infinity ? n : SAMPLE_BATCH;
      for (let i = 0; i < n && (sampled < SAMPLE_BATCH || performance.now() <= deadline); ) {
        const batch: number[] = [];
        for (; i < n && batch.length < batchSize; i += stride) batch.push(population[i]!);
        tally(await ev.contain(batch, result.pending));
      }
      hits = await this.hits(page, spec, request, lists, later);
    }
    const ratio = sampled > 0 ? hitsInSample / sampled : tried > 0 ? verified / tried : 0;
    const total = exhausted ? verified : Math.max(verified, Math.round(n * scale * ratio));
    return {
      total,
      totalIsEstimate: !exhausted || result.approx,
      hits,
      facets: facetsOf(population, types, st, scale * ratio),
      facetsAreEstimates: true,
    };
  }

  /**
   * A query of many candidates, pruned (prune.ts): ranked by relevance, by its lists' heads
   * or window by window; by date, walking the documents in date order (collect.ts). The same
   * top k as evaluating everything, totals and facets counted on a sample unless every window
   * had to be evaluated anyway. Null when neither heads nor windows would skip much.
   */
  private async searchPruned(node: AnalyzedNode | null, planned: { plan: Plan | null; approx: boolean }, sort: ParsedQuery['sort'], request: SearchRequest, ev: QueryEvaluation, cut: boolean, lists: ReadonlyMap<string, Postings>, later: Promise<void>[] | null): Promise<SearchResponse | null> {
    const { offset, limit, query } = request;
    const st = ev.st;
    const filter = (set: Scored) => {
      const f = applyFilters(set, query.filters, st, (t) => ev.flagOf(t));
      return { set: f.set, counts: f.types };
    };
    // Totals and facets from bitsets (bit-counts.ts), once the top k is found: then no window is counted.
    const byBits = request.counts !== false && this.bitCounts && countable(planned.plan);
    const sampleEvery = request.counts === false || byBits ? 0 : 16;
    const k = offset + limit;
    let plan = planned.plan;
    // Hits only, of types other than documents (the search page's panel): documents outrank
    // most entries, so the lists are first restricted to the entries of those types. Not
    // with counts: the type facet counts every type.
    const entriesOnly = plan !== null && request.counts === false && st.nEntities > 0 && query.filters.types.length > 0 && !query.filters.types.includes('document');
    if (entriesOnly) {
      const only = entriesOfTypes(st, query.filters.types.map((t) => TYPE_CODE.get(t)!));
      plan = restrictPlan(plan!, only.docs, only.key);
    }
    // So restricted, a plan that intersects lists and is no longer than an unpruned search's is
    // evaluated whole, as such a search is: heads prove an intersection's top k slowly (a head's
    // candidate must be looked up in the other lists), at 600,000 documents 0.55x for the panel
    // of `informatie europese` (CPU in process, 9.0 against 5.0 ms; session 15, p50, 0.49–0.59x).
    // A word, a prefix or an OR of words takes its top k from the heads: such a panel took
    // 0.12–0.59x the time of evaluating it whole (session 15, in process, two alternating runs,
    // the same hits: `informatie` 0.42–0.51 against 0.75–0.87 ms, `cyber*` 0.12–0.22 against
    // 0.91–1.02, `telecomraad OR cybersecurity` 0.43–0.47 against 1.14–1.18). So does a word
    // with exclusions, since its bounds tell which candidates a list lacks (session 23, same
    // run, the same hits: `cybersecurity NOT telecomraad` 0.24–0.29 against 0.97–1.12 ms,
    // `informatie -europese` 0.98–1.03 against 1.26–1.33; `informatie europese` still 1.68–1.75
    // against 1.24–1.56).
    const r =
      sort !== 'relevance' ? dateTopK(plan, k, sort, st, this.windowBits, filter, sampleEvery)
      : plan === null ? null
      : entriesOnly && intersects(plan) && sizeBound(plan) <= this.pruneAbove ? wholeTopK(plan, k, filter)
      : (listCount(plan) <= HEAD_LISTS ? headTopK(plan, k, this.windowBits, filter, sampleEvery, this.headSize, sizeBound(plan) / 4, typesKept(st, query.filters)) : null) ??
        prunedTopK(plan, k, this.windowBits, filter, sampleEvery, listCount(plan) <= 1 ? 1 : this.pruneGiveUp) ??
        (entriesOnly ? wholeTopK(plan, k, filter) : null);
    if (r === null) return null;
    const page: [number, number][] = [];
    for (let i = offset; i < r.docs.length; i++) page.push([r.docs[i]!, r.scores[i]!]);
    const estimate = !r.exact || planned.approx || cut;
    // The page's rows are asked for first and counted while they travel (a round trip on PostgreSQL).
    const reading = this.hits(page, highlightSpec(node), request, lists, later);
    if (request.counts === false) return { total: r.docs.length, totalIsEstimate: true, hits: await reading, facets: noFacets(), facetsAreEstimates: true };
    // Awaited below; a count that throws first must not leave it unhandled.
    reading.catch(() => undefined);
    if (byBits) {
      const counted = countByBits(planned.plan, query.filters, st, (t) => ev.flagOf(t), this.windowBits, this.exactFacetsBelow);
      const approx = planned.approx || cut;
      return { total: counted.total, totalIsEstimate: approx, facets: this.counted(request, counted.facets), facetsAreEstimates: approx || counted.facetsAreEstimates, hits: await reading };
    }
    const { docs, types, ratio } = prunedCounts(r, st, this.windowBits);
    return {
      total: r.exact ? docs.length : Math.max(r.docs.length, Math.round(docs.length * ratio)),
      totalIsEstimate: estimate,
      facets: this.counted(request, facetsOf(docs, types, st, ratio)),
      facetsAreEstimates: estimate,
      hits: await reading,
    };
  }

  /** Facets just counted, told to the caller while the page's rows travel (SearchRequest.onFacets). */
  private counted(request: SearchRequest, facets: SearchResponse['facets']): SearchResponse['facets'] {
    if (this.storage.batchReads) request.onFacets?.(facets);
    return facets;
  }

  /**
   * The page's hits with their snippets. With `checks` (SearchRequest.viaSynonym), each hit
   * also says what it matched only through a synonym, with the answer the service gives
   * (search-panel.ts, synonymMatchesOf): a document from the query's posting lists `lists`
   * (synonymMatchesInIndex), or where they cannot tell, its title and current text from the
   * document store (the text the snippet was cut from, not read again); an entry of another
   * type on its title and snippet. With `later`, the snippets (and an entry's viaSynonym) are
   * filled in by a promise pushed there; else before this returns.
   */
  private async hits(page: [number, number][], spec: HighlightSpec, request: SearchRequest, lists: ReadonlyMap<string, Postings>, later: Promise<void>[] | null): Promise<SearchHit[]> {
    if (page.length === 0) return [];
    const snippets = request.snippets !== false;
    const checks = checksOf(request);
    const wantTexts = snippets && this.documentTexts !== null;
    const rows = await this.storage.hitRows(page.map(([doc]) => doc), wantTexts);
    // The texts the storage did not read with the rows.
    const inStore = wantTexts ? rows.flatMap((r) => (r && r.codec === TEXT_IN_STORE && r.storeText === undefined ? [r.extId] : [])) : [];
    const fetched = inStore.length > 0 ? await this.documentTexts!(inStore) : null;
    const out: SearchHit[] = [];
    // Parallel to `out` when snippets are asked for.
    const texts: CutText[] = [];
    const judgedOnSnippet: SearchHit[] = [];
    page.forEach(([, score], i) => {
      const row = rows[i];
      if (!row) return;
      let storeText: CutText | null = null;
      const fromStore = !wantTexts
        ? null
        : row.storeText !== undefined
          ? () => (storeText = row.storeText ?? null)
          : fetched && (() => (storeText = fetched.get(row.extId) ?? null));
      if (snippets) texts.push(unpackIndexText(row.text, row.codec, fromStore));
      const type = (TYPE_CODE.has(row.type) ? row.type : 'document') as EntityType;
      const hit: SearchHit = { id: type === 'document' ? row.extId : entityId(row.extId, type), type, score, title: row.title, kind: row.kind as DocumentKind, date: row.date, snippet: '', highlights: [] };
      if (checks !== null && snippets) {
        if (type !== 'document') judgedOnSnippet.push(hit);
        else {
          const doc = page[i]![0];
          const judged = synonymMatchesInIndex(checks, (term) => {
            const p = lists.get(term);
            return p === undefined ? null : holds(p.docs, doc);
          });
          if (judged !== null) hit.viaSynonym = judged;
          else if (storeText !== null) hit.viaSynonym = synonymMatches([row.title, textOf(storeText)], checks);
        }
      }
      out.push(hit);
    });
    if (!snippets) return out;
    const cutting = this.cutter.cut(texts, spec).then((cut) => {
      cut.forEach((s, j) => {
        out[j]!.snippet = s.snippet;
        out[j]!.highlights = s.highlights;
      });
      for (const hit of judgedOnSnippet) hit.viaSynonym = synonymMatches([hit.title, hit.snippet], checks!);
    });
    if (later === null) await cutting;
    else {
      // Heard through snippetsReady; a search that fails after this point never hands it out,
      // and its cutting must not then end the process as an unhandled rejection.
      cutting.catch(() => undefined);
      later.push(cutting);
    }
    return out;
  }

}
