// Segment blocks: a segment's posting lists packed in term order into blocks of a few kilobytes, one SQLite row each.

import { readVarint, writeVarint } from './postings.js';

/*
 * Why blocks: with one row per (segment, term), writing a 500-document segment inserted
 * ~11,000 rows into two B-trees (the table and its term index), and a merge deleted and
 * re-inserted all of them: 5.3 s of a 10,000-document import that raw FTS5 does whole in
 * 2.4 s. FTS5 (like Lucene) writes a segment as a run of pages instead, with a small index
 * of each page's first term. Blocks do the same: a segment costs one row per ~8 KB, written
 * in key order, and finding a term in a segment is one index probe (the block whose first
 * term is the greatest ≤ the term) plus a scan of one block.
 *
 * A block is a run of entries in ascending term order:
 *   [term byte length varint][term bytes][posting count varint][data byte length varint][data]
 * where data is postings.ts's encoding. Terms are ASCII (fold.ts), so JavaScript string
 * order, byte order and SQLite's BINARY collation agree.
 */

/** Blocks close once they reach this many bytes (one large posting list may exceed it alone). */
export const BLOCK_TARGET = 8 * 1024;

/** One term's posting list within a segment. */
export interface BlockEntry {
  term: string;
  n: number;
  data: Uint8Array;
}

/** An encoded block and the first term in it (the block's key). */
export interface Block {
  first: string;
  data: Buffer;
}

/** Packs entries (ascending by term, terms unique) into blocks of about `target` bytes. */
export function packBlocks(entries: Iterable<BlockEntry>, target = BLOCK_TARGET): Block[] {
  const blocks: Block[] = [];
  let buf = Buffer.allocUnsafe(target * 2);
  let used = 0;
  let first: string | null = null;
  const close = () => {
    if (first === null) return;
    blocks.push({ first, data: Buffer.from(buf.subarray(0, used)) });
    first = null;
    used = 0;
  };
  for (const e of entries) {
    const need = e.term.length + e.data.length + 15;
    if (used + need > buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(buf.length * 2, used + need));
      buf.copy(grown, 0, 0, used);
      buf = grown;
    }
    first ??= e.term;
    used = writeVarint(buf, used, e.term.length);
    used += buf.write(e.term, used, 'latin1');
    used = writeVarint(buf, used, e.n);
    used = writeVarint(buf, used, e.data.length);
    buf.set(e.data, used);
    used += e.data.length;
    if (used >= target) close();
  }
  close();
  return blocks;
}

/** Reads the entries of a block in order. `data` of each entry is a view into the block. */
export function* blockEntries(block: Uint8Array): Generator<BlockEntry> {
  const b = Buffer.isBuffer(block) ? block : Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  let p = 0;
  while (p < b.length) {
    let len: number;
    [len, p] = readVarint(b, p);
    const term = b.toString('latin1', p, p + len);
    p += len;
    let n: number;
    let size: number;
    [n, p] = readVarint(b, p);
    [size, p] = readVarint(b, p);
    yield { term, n, data: b.subarray(p, p + size) };
    p += size;
  }
}

/** The entry of `term` in a block, or null. Compares raw bytes; makes no string per entry. */
export function findInBlock(block: Uint8Array, term: string): BlockEntry | null {
  const want = Buffer.from(term, 'latin1');
  const b = Buffer.isBuffer(block) ? block : Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  let p = 0;
  while (p < b.length) {
    let len: number;
    [len, p] = readVarint(b, p);
    const cmp = b.compare(want, 0, want.length, p, p + len);
    p += len;
    let n: number;
    let size: number;
    [n, p] = readVarint(b, p);
    [size, p] = readVarint(b, p);
    if (cmp === 0) return { term, n, data: b.subarray(p, p + size) };
    if (cmp > 0) return null; // entries ascend: this one already sorts after the term
    p += size;
  }
  return null;
}
