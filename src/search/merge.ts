// Segment merging: a level's segments merged into one of the next level, deleted documents purged.

/*
 * Each upsert batch is a segment of level 0; `fanIn` segments of one level merge into one
 * of the next (a tiered policy, as Lucene's), so a term has O(log n) stored lists and
 * writes stay sequential. Doc ids only grow, so segments of one level, in id order, hold
 * consecutive id ranges and their lists concatenate in order.
 */

import { blockEntries, packBlocks, type BlockEntry } from './blocks.js';
import { decodePostings, encodePostings } from './postings.js';
import { step, type SegmentWriter, type WriteSteps } from './segment-storage.js';

/** Merges `fanIn` segments of the lowest full level into one, dropping deleted documents, until no level is full. */
export function* mergeSegments(w: SegmentWriter, fanIn: number): WriteSteps<void> {
  for (;;) {
    const infos = yield* step(w.segmentInfos());
    const perLevel = new Map<number, number>();
    for (const s of infos) perLevel.set(s.level, (perLevel.get(s.level) ?? 0) + 1);
    const full = [...perLevel].filter(([, n]) => n >= fanIn).map(([level]) => level);
    if (full.length === 0) return;
    const level = Math.min(...full);
    const segs = infos.filter((s) => s.level === level).slice(0, fanIn);
    const ids = segs.map((x) => x.seg);
    const lo = ids[0]!;
    const hi = segs[segs.length - 1]!.maxDoc;
    const dead = new Set(yield* step(w.deadDocs(lo, hi)));
    // Each input is read whole (its blocks in key order); outputs are written after the
    // inputs are dropped, under the lowest input's id.
    const inputs: BlockEntry[][] = [];
    for (const id of ids) {
      const entries: BlockEntry[] = [];
      for (const block of yield* step(w.segmentBlocks(id))) for (const e of blockEntries(block)) entries.push(e);
      inputs.push(entries);
    }
    const merged = mergeEntries(inputs, dead);
    yield* step(w.dropSegments(ids));
    yield* step(w.addSegment({ seg: lo, maxDoc: hi, level: level + 1 }, packBlocks(merged)));
  }
}

/**
 * Merges segments' entries (each input ascending by term, inputs in document order) into one
 * ascending run, concatenating each term's lists in input order (doc ids ascend across
 * inputs). Without deletions a merged list is its inputs' bytes back to back (blocks of the
 * postings encoding are self-delimiting); with deletions the list is decoded and rebuilt.
 */
export function mergeEntries(inputs: BlockEntry[][], dead: ReadonlySet<number>): BlockEntry[] {
  const at = inputs.map(() => 0);
  const out: BlockEntry[] = [];
  for (;;) {
    let min: string | null = null;
    for (let k = 0; k < inputs.length; k++) {
      const e = inputs[k]![at[k]!];
      if (e !== undefined && (min === null || e.term < min)) min = e.term;
    }
    if (min === null) return out;
    const parts: Uint8Array[] = [];
    let n = 0;
    for (let k = 0; k < inputs.length; k++) {
      const e = inputs[k]![at[k]!];
      if (e === undefined || e.term !== min) continue;
      parts.push(e.data);
      n += e.n;
      at[k]!++;
    }
    if (dead.size === 0) {
      out.push({ term: min, n, data: parts.length === 1 ? parts[0]! : Buffer.concat(parts) });
      continue;
    }
    const p = decodePostings(parts, n);
    const keepDocs: number[] = [];
    const keepTfs: number[] = [];
    for (let i = 0; i < p.docs.length; i++) {
      if (dead.has(p.docs[i]!)) continue;
      keepDocs.push(p.docs[i]!);
      keepTfs.push(p.tfs[i]!);
    }
    if (keepDocs.length > 0) out.push({ term: min, n: keepDocs.length, data: encodePostings(keepDocs, keepTfs) });
  }
}
