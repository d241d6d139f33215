/**
 * Term sequences a web node has read from a remote index (pg-segment-storage.ts), kept for the
 * next search: a phrase or NEAR is verified against each candidate's stored sequence, and over a
 * network every read is a round trip, where SQLite reads the same bytes from its page cache.
 *
 * Nothing here can go stale: a document's sequence belongs to its docid, and a committed docid
 * is never given again (a new version of a document, or a reparse, is a new docid; ix_docs rows
 * are never deleted, so MAX(docid) + 1 only grows). Only a docid a rolled-back write took is
 * given again, so only reads outside a transaction are kept (pg-segment-storage.ts). A removed
 * document's sequence may stay here: the document state the evaluation reads has dropped its
 * docid by then, so it is never asked for again.
 *
 * Two kinds of entry, both bounded, least recently used out first:
 * - sequences, by docid (the rows the storage returned, copied out of the driver's buffers);
 * - for a phrase's bytes (`containing`), the docids the storage said do not hold them anywhere:
 *   most candidates of a rare phrase, which the storage leaves out rather than send.
 */

/** Bytes of sequences kept by default: ~10,000 documents of the synthetic corpus (3.2 KB each). */
export const SEQUENCE_CACHE_BYTES = 32 << 20;
/** Docids kept by default as lacking some phrase (each costs a Set entry, tens of bytes). */
export const LACKING_CACHE_ENTRIES = 200_000;

export class SequenceCache {
  private readonly sequences = new Map<number, Uint8Array>();
  private bytes = 0;
  private readonly lacking = new Map<string, Set<number>>();
  private lackingEntries = 0;

  constructor(
    private readonly maxBytes = SEQUENCE_CACHE_BYTES,
    private readonly maxLacking = LACKING_CACHE_ENTRIES,
  ) {}

  /** The docid's sequence, if kept (and now the most recently used). */
  sequence(docid: number): Uint8Array | undefined {
    const s = this.sequences.get(docid);
    if (s !== undefined) {
      this.sequences.delete(docid);
      this.sequences.set(docid, s);
    }
    return s;
  }

  /** Keeps a copy of `terms` as the docid's sequence. */
  putSequence(docid: number, terms: Uint8Array): void {
    if (terms.byteLength > this.maxBytes) return;
    const old = this.sequences.get(docid);
    if (old !== undefined) {
      this.sequences.delete(docid);
      this.bytes -= old.byteLength;
    }
    // A copy: the driver's Buffer may be a slice of a larger allocation this would keep alive.
    this.sequences.set(docid, new Uint8Array(terms));
    this.bytes += terms.byteLength;
    for (const [id, s] of this.sequences) {
      if (this.bytes <= this.maxBytes) break;
      this.sequences.delete(id);
      this.bytes -= s.byteLength;
    }
  }

  /** The docids known not to hold the bytes `needle` stands for (a key from needleKey), if any. */
  lackingOf(needle: string): Set<number> | undefined {
    const set = this.lacking.get(needle);
    if (set !== undefined) {
      this.lacking.delete(needle);
      this.lacking.set(needle, set);
    }
    return set;
  }

  /** Remembers that these docids do not hold the bytes `needle` stands for. */
  putLacking(needle: string, docids: readonly number[]): void {
    if (docids.length === 0 || docids.length > this.maxLacking) return;
    let set = this.lackingOf(needle);
    if (set === undefined) {
      set = new Set();
      this.lacking.set(needle, set);
    }
    for (const d of docids) {
      if (set.has(d)) continue;
      set.add(d);
      this.lackingEntries++;
    }
    for (const [key, s] of this.lacking) {
      if (this.lackingEntries <= this.maxLacking) break;
      if (s === set) continue;
      this.lacking.delete(key);
      this.lackingEntries -= s.size;
    }
    // One phrase's own docids past the bound (it has that many candidates): start it over.
    if (this.lackingEntries > this.maxLacking) {
      this.lacking.delete(needle);
      this.lackingEntries -= set.size;
    }
  }

  /** What is kept, for a bench's or a test's report. */
  get size(): { sequences: number; bytes: number; lacking: number } {
    return { sequences: this.sequences.size, bytes: this.bytes, lacking: this.lackingEntries };
  }
}

/** The key of a phrase's bytes in the cache. */
export function needleKey(needle: Uint8Array): string {
  return Buffer.from(needle.buffer, needle.byteOffset, needle.byteLength).toString('base64');
}
