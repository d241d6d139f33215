// Per-document query state (liveness, kind, type, date, length) packed into fixed chunks that load in one read each.

import { endianness } from 'node:os';

/*
 * Why chunks: a query needs, per internal doc id, whether the document is live, its kind,
 * type, day, year and length (BM25's norm). Rebuilding that from one row per document meant
 * reading 600,000 rows and parsing 600,000 dates before the first answer: 2.9 s after every
 * start. Stored as columns of CHUNK documents in one blob per chunk, the whole state is ~150
 * blobs that are copied into typed arrays as they are (13 bytes a document), and a write
 * rewrites only the chunks it touched (an import batch: one or two).
 *
 * A chunk's blob, for ids chunk × CHUNK … chunk × CHUNK + CHUNK − 1, column after column:
 *   status u8 (0 none, 1 live, 2 stored but no longer live) · kind u8 · type u8 ·
 *   year i16 · day i32 · len i32, little-endian.
 * Kind and type are positions in lists that may grow; the lists the codes were written with
 * are kept beside the chunks (`codes`) and a change of them rebuilds the state.
 * Nothing here knows where chunks are kept: SQLite rows now, any key-value store later.
 */

export const CHUNK_BITS = 12;
export const CHUNK = 1 << CHUNK_BITS;
const STATUS = 0;
const KIND = CHUNK;
const TYPE = 2 * CHUNK;
const YEAR = 3 * CHUNK;
const DAY = 5 * CHUNK;
const LEN = 9 * CHUNK;
export const CHUNK_BYTES = 13 * CHUNK;

export const NO_DAY = -2147483648;
const LITTLE_ENDIAN = endianness() === 'LE';

/** In-memory view of document metadata, indexed by internal doc id. */
export interface State {
  live: Uint8Array;
  kind: Uint8Array;
  type: Uint8Array;
  /** Live entries that are not documents: when 0, type filters and counts have nothing to do. */
  nEntities: number;
  day: Int32Array;
  year: Int16Array;
  len: Int32Array;
  nLive: number;
  /** Stored documents that are no longer live (replaced or removed, not yet merged away). */
  nDead: number;
  avgLen: number;
  maxDoc: number;
}

/** What a document contributes to the state. */
export interface DocFields {
  kind: number;
  type: number;
  day: number;
  year: number;
  len: number;
}

/** Days since 1970-01-01 of an ISO date (its first 10 characters), or NO_DAY. */
export function toDay(date: string | null): number {
  if (!date) return NO_DAY;
  const t = Date.parse(date.slice(0, 10) + 'T00:00:00Z');
  return Number.isNaN(t) ? NO_DAY : Math.floor(t / 86_400_000);
}

export function yearOfDay(day: number): number {
  return day === NO_DAY ? 0 : new Date(day * 86_400_000).getUTCFullYear();
}

/** A chunk being written: read (or created empty), changed in place, written back by the caller. */
export class ChunkWriter {
  private readonly dirty = new Map<number, Buffer>();

  /** @param read the stored blob of a chunk, or undefined when it has none yet */
  constructor(private readonly read: (chunk: number) => Uint8Array | undefined) {}

  private chunk(doc: number): [Buffer, number] {
    const c = doc >>> CHUNK_BITS;
    let b = this.dirty.get(c);
    if (b === undefined) {
      const stored = this.read(c);
      b = Buffer.alloc(CHUNK_BYTES);
      if (stored !== undefined) b.set(stored.subarray(0, CHUNK_BYTES));
      this.dirty.set(c, b);
    }
    return [b, doc & (CHUNK - 1)];
  }

  put(doc: number, f: DocFields): void {
    const [b, i] = this.chunk(doc);
    b[STATUS + i] = 1;
    b[KIND + i] = f.kind;
    b[TYPE + i] = f.type;
    b.writeInt16LE(f.year, YEAR + 2 * i);
    b.writeInt32LE(f.day, DAY + 4 * i);
    b.writeInt32LE(f.len, LEN + 4 * i);
  }

  /** The document stays stored (its postings are merged away later) but is no longer live. */
  kill(doc: number): void {
    const [b, i] = this.chunk(doc);
    if (b[STATUS + i] === 1) b[STATUS + i] = 2;
  }

  /** The changed chunks, and forgets them. */
  take(): [number, Buffer][] {
    const out = [...this.dirty];
    this.dirty.clear();
    return out;
  }
}

/** Column views of a blob at `offset` copied into `target` from index `at` (byte-exact on little-endian). */
function copyColumn(target: Uint8Array | Int16Array | Int32Array, at: number, blob: Uint8Array, offset: number): void {
  const width = target.BYTES_PER_ELEMENT;
  const bytes = new Uint8Array(target.buffer, target.byteOffset + at * width, CHUNK * width);
  bytes.set(blob.subarray(offset, offset + CHUNK * width));
  if (!LITTLE_ENDIAN && width > 1) {
    const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (width === 2) b.swap16();
    else b.swap32();
  }
}

/**
 * The state from stored chunks (any order); unknown ids are neither live nor dead.
 * `documentType`: the type code of a plain document (other types count as entities).
 */
export function stateFromChunks(chunks: Iterable<[number, Uint8Array]>, documentType: number): State {
  const list = [...chunks];
  let top = 0;
  for (const [c] of list) top = Math.max(top, c + 1);
  const size = top * CHUNK;
  const status = new Uint8Array(size);
  const st: State = {
    live: new Uint8Array(size),
    kind: new Uint8Array(size),
    type: new Uint8Array(size),
    nEntities: 0,
    day: new Int32Array(size).fill(NO_DAY),
    year: new Int16Array(size),
    len: new Int32Array(size),
    nLive: 0,
    nDead: 0,
    avgLen: 1,
    maxDoc: 0,
  };
  for (const [c, blob] of list) {
    const at = c * CHUNK;
    copyColumn(status, at, blob, STATUS);
    copyColumn(st.kind, at, blob, KIND);
    copyColumn(st.type, at, blob, TYPE);
    copyColumn(st.year, at, blob, YEAR);
    copyColumn(st.day, at, blob, DAY);
    copyColumn(st.len, at, blob, LEN);
  }
  finish(st, status, documentType);
  return st;
}

/** The counts and average length, from each id's status; clears what belongs to no live document. */
function finish(st: State, status: Uint8Array, documentType: number): void {
  let totalLen = 0;
  let nDocuments = 0;
  for (let d = 0; d < status.length; d++) {
    const s = status[d]!;
    if (s === 0) continue;
    st.maxDoc = d;
    if (s !== 1) {
      st.nDead++;
      st.kind[d] = 0;
      st.type[d] = 0;
      st.day[d] = NO_DAY;
      st.year[d] = 0;
      st.len[d] = 0;
      continue;
    }
    st.live[d] = 1;
    st.nLive++;
    if (st.type[d] !== documentType) st.nEntities++;
    // BM25's length norm is the documents' own: thousands of short entries (a commitment, a
    // question, a turn) would otherwise pull the average down and push long documents under.
    else {
      totalLen += st.len[d]!;
      nDocuments++;
    }
  }
  st.avgLen = nDocuments > 0 ? Math.max(1, totalLen / nDocuments) : 1;
}
