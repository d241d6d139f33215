// The port between the search engine and where its segments, document state and texts are kept (SQLite, PostgreSQL).

/*
 * Why a port this shape: the engine (segment-index.ts) evaluates queries in memory over
 * decoded posting lists and the packed document state; all it needs of a database is a few
 * bulk reads and one write transaction. Reads are asynchronous and batched (all terms of a
 * query in one call, phrase candidates a batch at a time), so a networked database pays a
 * handful of round trips per query, not one per term, segment or candidate.
 *
 * Writes are the engine's code, written once as a generator of storage steps (`WriteSteps`):
 * each step is a call on the `SegmentWriter` whose result is yielded back. A storage whose
 * calls return plain values (SQLite) runs every step synchronously inside one native
 * transaction — atomic within the event loop as before, part of a caller's open
 * transaction; a storage whose calls return promises (PostgreSQL) awaits each step inside its
 * unit of work. The same code is thereby both.
 */

import type { Block } from './blocks.js';

/** A value now (a synchronous storage) or later (a networked one). */
export type Step<T> = T | Promise<T>;

/** The engine's write logic: yields each storage step's value, gets its result back. */
export type WriteSteps<T> = Generator<unknown, T, unknown>;

/** One storage step inside WriteSteps: `const x = yield* step(w.call(…))`. */
export function* step<T>(value: Step<T>): Generator<Step<T>, T, unknown> {
  return (yield value) as T;
}

/** Runs steps whose values are all plain (no promise): synchronously, inside a native transaction. */
export function runStepsSync<T>(steps: WriteSteps<T>): T {
  let r = steps.next();
  while (!r.done) {
    if (r.value instanceof Promise) throw new Error('a synchronous segment storage returned a promise');
    r = steps.next(r.value);
  }
  return r.value;
}

/** Runs steps awaiting each value (a failed step is thrown into the steps, so their cleanup runs). */
export async function runStepsAsync<T>(steps: WriteSteps<T>): Promise<T> {
  let r = steps.next();
  while (!r.done) {
    let value: unknown;
    try {
      value = await r.value;
    } catch (e) {
      r = steps.throw(e);
      continue;
    }
    r = steps.next(value);
  }
  return r.value;
}

/** A block of a segment's posting lists (blocks.ts) and the key it is stored under. */
export interface StoredBlock {
  seg: number;
  /** The first term in the block. */
  first: string;
  data: Uint8Array;
}

/** A segment: its id (its lowest doc id), highest doc id, and merge level. */
export interface SegmentInfo {
  seg: number;
  maxDoc: number;
  level: number;
}

/** What a hit needs of a stored document. `text` as packed by stored-text.ts. */
export interface HitRow {
  extId: string;
  kind: string;
  type: string;
  date: string | null;
  title: string;
  text: string | Buffer;
  codec: number;
  /**
   * For a row whose text the document store keeps (codec TEXT_IN_STORE) and hitRows was asked
   * for it: that text as the store holds it now (null: the store has no such document), read
   * in the same statement where the store shares the database (PostgreSQL).
   */
  storeText?: string | null;
}

/** A document as the write path stores it. */
export interface NewDocRow {
  docid: number;
  extId: string;
  kind: string;
  date: string | null;
  len: number;
  type: string;
  /** False for a document replaced again later in the same batch (it keeps no text). */
  live: boolean;
  /** Its term sequence, title and packed text; null when not live. */
  text: { terms: Uint8Array; title: string; text: string | Buffer; codec: number } | null;
}

/**
 * A version of the stored index: equal versions mean nothing another writer (process,
 * connection, web node) committed since. A storage need not report the engine's own writes:
 * the engine drops its caches after each of them anyway.
 */
export type StorageVersion = number | string;

/** The calls of a write transaction (see WriteSteps). */
export interface SegmentWriter {
  /** Internal ids of the live documents among these external ids. */
  liveDocs(extIds: readonly string[]): Step<Map<string, number>>;
  /** The next internal id (ids only grow). */
  nextDoc(): Step<number>;
  /** Marks documents no longer live and drops their texts (postings stay until a merge). */
  kill(docids: readonly number[]): Step<void>;
  insertDocs(rows: readonly NewDocRow[]): Step<void>;
  /** Stored state chunks of these numbers (absent ones are new). */
  stateChunks(chunks: readonly number[]): Step<Map<number, Uint8Array>>;
  putStateChunks(chunks: readonly (readonly [number, Uint8Array])[]): Step<void>;
  /** Every segment (merge policy), in id order. */
  segmentInfos(): Step<SegmentInfo[]>;
  addSegment(info: SegmentInfo, blocks: readonly Block[]): Step<void>;
  /** A segment's blocks in term order. */
  segmentBlocks(seg: number): Step<Uint8Array[]>;
  /** Internal ids in [lo, hi] that are stored but no longer live. */
  deadDocs(lo: number, hi: number): Step<number[]>;
  dropSegments(segs: readonly number[]): Step<void>;
}

/** Where an index's segments, document state, texts and bookkeeping are kept. */
export interface SegmentStorage {
  /**
   * True when each call costs a round trip (a networked database): the engine then reads
   * ahead in larger batches instead of exactly the rows it needs (what suits an in-process one).
   */
  readonly batchReads: boolean;
  /** The current version (see StorageVersion): read with each query, so cheap. */
  version(): Promise<StorageVersion>;
  /** Segment ids in document order. */
  segments(): Promise<number[]>;
  /**
   * For each of `segs` and each term, the block that would hold the term (the one with the
   * greatest first term ≤ it), each block once, in any order.
   */
  blocksOf(segs: readonly number[], terms: readonly string[]): Promise<StoredBlock[]>;
  /** For each of `segs`: the block that would hold `from` and every later block whose first term is < `to`. */
  blocksBetween(segs: readonly number[], from: string, to: string): Promise<StoredBlock[]>;
  /** Every stored chunk of the document state (doc-state.ts). */
  stateChunks(): Promise<[number, Uint8Array][]>;
  /**
   * Stored term sequences of these documents (undefined where none: removed). With
   * `containing`, a storage may also leave out (undefined) every sequence that does not
   * hold those bytes anywhere: a phrase's candidates need not all travel to be rejected.
   */
  termSequences(docids: readonly number[], containing?: Uint8Array): Promise<(Uint8Array | undefined)[]>;
  /**
   * Hit rows of these documents (undefined where none: removed). With `storeTexts`, a storage
   * that can read the document store's texts with them (HitRow.storeText) does.
   */
  hitRows(docids: readonly number[], storeTexts?: boolean): Promise<(HitRow | undefined)[]>;
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
  /**
   * Runs the steps as one transaction (joining the caller's when there is one), a writer of
   * the index at a time. The steps may be run again from the start (a retried transaction).
   * A write that changed nothing need not change the version.
   */
  write<T>(body: (w: SegmentWriter) => WriteSteps<T>): Promise<T>;
}
