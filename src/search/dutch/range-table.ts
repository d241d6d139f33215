// A read-only string → small-integer table that is probed with UTF-16 code units in a buffer.

/*
 * Why not a Map: decompounding and verb-candidate generation probe the lexicon with many
 * substrings of one word (`w.slice(pos, end)`, `stem + 'en'`, `prefix + inf`, …). With a
 * Map every probe first allocates (and, for a concatenation, flattens) a string for V8 to
 * hash, which made those two steps ~90% of a cold normalizeWord. Here the caller writes
 * the candidate's code units into a reused Uint16Array (or already has the word there) and
 * the table hashes that range, then compares against its own packed copy of the keys.
 * Nothing is allocated per probe. The hash is polynomial (h·B + unit mod 2³²), so that with
 * the prefix hashes of a word (prefixHashes) the hash of ANY substring costs O(1)
 * (rangeHash): decompounding probes O(length²) substrings of one word.
 */

/** Hash of the empty string. */
export const HASH_SEED = 0;
/** Odd multiplier, larger than any code unit. */
const BASE = 0x01000193;

/** Extend hash `h` by one code unit. */
export function hashStep(h: number, unit: number): number {
  return (Math.imul(h, BASE) + unit) | 0;
}

/** BASE^k mod 2³², grown on demand. */
let pow = new Int32Array(0);
function ensurePow(n: number): void {
  if (pow.length > n) return;
  const next = new Int32Array(Math.max(64, (n + 1) * 2));
  next[0] = 1;
  for (let k = 1; k < next.length; k++) next[k] = Math.imul(next[k - 1] ?? 0, BASE);
  pow = next;
}

/** out[k] := hash of buf[0, k) for k ≤ n; returns out (grown if needed). */
export function prefixHashes(buf: Uint16Array, n: number, out: Int32Array): Int32Array {
  if (out.length < n + 1) out = new Int32Array((n + 1) * 2);
  ensurePow(n);
  let h = HASH_SEED;
  out[0] = h;
  for (let k = 0; k < n; k++) out[k + 1] = h = hashStep(h, buf[k] ?? 0);
  return out;
}

/** Hash of buf[from, to) from its prefix hashes (prefixHashes). */
export function rangeHash(prefix: Int32Array, from: number, to: number): number {
  return ((prefix[to] ?? 0) - Math.imul(prefix[from] ?? 0, pow[to - from] ?? 0)) | 0;
}

export class RangeTable {
  /** Number of keys (to notice a source map that has changed since the table was built). */
  readonly size: number;
  private readonly mask: number;
  /** 32 − log2(capacity): the slot is the top bits of a multiplicative hash of the hash. */
  private readonly shift: number;
  /** Slot → key index + 1 (0 = empty). */
  private readonly slots: Int32Array;
  /** Slot → full hash, to skip most key comparisons. */
  private readonly slotHash: Int32Array;
  /** Key index → start in `pool`; key i is pool[start[i], start[i + 1]). */
  private readonly start: Int32Array;
  private readonly pool: Uint16Array;
  private readonly values: Int32Array;

  constructor(entries: Iterable<readonly [string, number]>) {
    const list = [...entries];
    this.size = list.length;
    let cap = 16;
    let bits = 4;
    while (cap < list.length * 2) {
      cap *= 2; // load ≤ 0.5 keeps linear probing short
      bits++;
    }
    this.mask = cap - 1;
    this.shift = 32 - bits;
    this.slots = new Int32Array(cap);
    this.slotHash = new Int32Array(cap);
    this.start = new Int32Array(list.length + 1);
    this.values = new Int32Array(list.length);
    let total = 0;
    for (const [key] of list) total += key.length;
    this.pool = new Uint16Array(total);
    let at = 0;
    for (let idx = 0; idx < list.length; idx++) {
      const entry = list[idx] as readonly [string, number];
      const key = entry[0];
      this.start[idx] = at;
      let h = HASH_SEED;
      for (let p = 0; p < key.length; p++) {
        const unit = key.charCodeAt(p);
        this.pool[at++] = unit;
        h = hashStep(h, unit);
      }
      this.values[idx] = entry[1];
      let slot = Math.imul(h, 0x9e3779b1) >>> this.shift;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = idx + 1;
      this.slotHash[slot] = h;
    }
    this.start[list.length] = at;
  }

  /** Value of the key buf[from, to), or -1. */
  get(buf: Uint16Array, from: number, to: number): number {
    let h = HASH_SEED;
    for (let p = from; p < to; p++) h = hashStep(h, buf[p] ?? 0);
    return this.getHashed(h, buf, from, to);
  }

  /** Value of the key buf[from, to) whose hash (from HASH_SEED and hashStep) is `h`, or -1. */
  getHashed(h: number, buf: Uint16Array, from: number, to: number): number {
    const len = to - from;
    let slot = Math.imul(h, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const entry = this.slots[slot] ?? 0;
      if (entry === 0) return -1;
      if (this.slotHash[slot] === h) {
        const idx = entry - 1;
        const s = this.start[idx] ?? 0;
        if ((this.start[idx + 1] ?? 0) - s === len) {
          let p = 0;
          while (p < len && this.pool[s + p] === buf[from + p]) p++;
          if (p === len) return this.values[idx] ?? -1;
        }
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

/** Copy a string's code units into `buf` (grown if needed) from 0; returns the buffer. */
export function loadUnits(buf: Uint16Array, s: string): Uint16Array {
  if (buf.length < s.length) buf = new Uint16Array(Math.max(s.length, buf.length * 2));
  for (let p = 0; p < s.length; p++) buf[p] = s.charCodeAt(p);
  return buf;
}

const cache = new WeakMap<object, RangeTable>();

/**
 * The RangeTable of a lexicon Map or Set (Set members get value 1), built on first use and
 * cached per object. The lexicon is read-only after loading; a size change (a caller that
 * still fills its map, like a build script) rebuilds the table.
 */
export function tableOf(source: ReadonlyMap<string, number> | ReadonlySet<string>): RangeTable {
  let t = cache.get(source);
  if (t === undefined || t.size !== source.size) {
    t = new RangeTable(source instanceof Set ? [...(source as ReadonlySet<string>)].map((k) => [k, 1] as const) : (source as ReadonlyMap<string, number>));
    cache.set(source, t);
  }
  return t;
}
