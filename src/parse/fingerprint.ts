/**
 * Whether two extracted texts are the same document's text: the PDF, DOCX and HTML of one
 * letter differ in line breaks, hyphenation, footnote marks (`Kamerbrief1` against
 * `Kamerbrief<sup>1</sup>`), page numbers and running headers, never in their words. So texts
 * are compared as sets of normalised five-word shingles (Jaccard similarity), and a MinHash
 * sketch of those sets, cut into bands, gives the keys under which a store can find the
 * candidates without reading every document (locality-sensitive hashing).
 */

/** Words per shingle: long enough that two letters on one subject share few, short enough that a stray page number breaks few. */
const SHINGLE = 5;
/** MinHash functions, in BANDS bands of ROWS: a pair with similarity 0.8 shares a band with probability 1 − (1 − 0.8⁴)¹⁶ ≈ 0.9998, one of 0.3 with 0.12. */
const BANDS = 16;
const ROWS = 4;

const enum Kind {
  Other = 0,
  Letter = 1,
  Digit = 2,
  /** Combining accents (what NFKD splits off) and soft hyphens: dropped without ending a word. */
  Ignored = 3,
}

/** Character classes of the BMP, filled in on first use of a non-ASCII character. */
const kinds = new Uint8Array(65536).fill(255);
function kindOf(c: number): Kind {
  if (c >= 97 && c <= 122) return Kind.Letter;
  if (c >= 48 && c <= 57) return Kind.Digit;
  if (c < 128) return Kind.Other;
  let k = kinds[c]!;
  if (k === 255) {
    const ch = String.fromCharCode(c);
    k = (c >= 0x300 && c <= 0x36f) || c === 0xad ? Kind.Ignored : /\p{L}/u.test(ch) ? Kind.Letter : /\p{N}/u.test(ch) ? Kind.Digit : Kind.Other;
    kinds[c] = k;
  }
  return k as Kind;
}

const isHyphen = (c: number) => c === 0x2d || c === 0x2010 || c === 0x2011;

/**
 * Scans the comparable tokens of a text and hands each one's 32-bit hash to `emit` (and its
 * spelling to `spell`, for tests): diacritics folded, lower case, hyphens between letters
 * dropped (so `Volks-`/`huisvesting` at a line end, `Volkshuisvesting` and `NIS-richtlijn` read
 * alike in every format), letters and digits split (`Kamerbrief1` = `Kamerbrief 1`).
 * One pass over the characters without building strings: it runs for every imported file.
 */
function scanTokens(text: string, emit: (hash: number) => void, spell?: (word: string) => void): void {
  // eslint-disable-next-line no-control-regex
  const s = (/[^\u0000-\u007f]/.test(text) ? text.normalize('NFKD') : text).toLowerCase();
  let h = 0x811c9dc5;
  let kind: Kind = Kind.Other;
  let word = '';
  const end = () => {
    if (kind !== Kind.Other) {
      emit(h >>> 0);
      if (spell) spell(word);
    }
    h = 0x811c9dc5;
    kind = Kind.Other;
    word = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const k = kindOf(c);
    if (k === Kind.Ignored) continue;
    if (k === Kind.Other && kind === Kind.Letter && isHyphen(c)) {
      // A hyphen between letters, also across one line end: the word goes on.
      let j = i + 1;
      while (j < s.length && (s.charCodeAt(j) === 32 || s.charCodeAt(j) === 9)) j++;
      if (s.charCodeAt(j) === 13) j++;
      if (s.charCodeAt(j) === 10) j++;
      while (j < s.length && (s.charCodeAt(j) === 32 || s.charCodeAt(j) === 9)) j++;
      if (j < s.length && kindOf(s.charCodeAt(j)) === Kind.Letter) {
        i = j - 1;
        continue;
      }
    }
    if (k !== kind) end();
    if (k === Kind.Other) continue;
    kind = k;
    h = Math.imul(h ^ c, 0x01000193);
    if (spell) word += String.fromCharCode(c);
  }
  end();
}

/** The comparable tokens of a text, spelled out (see scanTokens); for tests and inspection. */
export function comparableTokens(text: string): string[] {
  const words: string[] = [];
  scanTokens(text, () => {}, (w) => words.push(w));
  return words;
}

/** The set of hashed shingles of a text (a text shorter than a shingle is one shingle). */
export function shingles(text: string): Set<number> {
  const hashes: number[] = [];
  scanTokens(text, (h) => hashes.push(h));
  const out = new Set<number>();
  if (hashes.length === 0) return out;
  const n = Math.max(1, hashes.length - SHINGLE + 1);
  for (let i = 0; i < n; i++) {
    let h = 0x9747b28c;
    for (let j = i; j < Math.min(hashes.length, i + SHINGLE); j++) h = Math.imul(h ^ hashes[j]!, 0x01000193) ^ (h >>> 15);
    out.add(mix(h));
  }
  return out;
}

/** Jaccard similarity of two shingle sets: 1 for the same words in the same order, near 0 for different texts. */
export function similarity(a: Set<number>, b: Set<number>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

function fnv1a(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's finaliser: a cheap, well-mixed 32-bit permutation. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Array.from({ length: BANDS * ROWS }, (_, i) => mix(0x9e3779b9 + Math.imul(i + 1, 0x7f4a7c15)));

/**
 * The band keys (`lsh:<band>:<hash>`) of a text's MinHash sketch: texts with a high similarity
 * share at least one key with near certainty; candidates found by key are then compared with
 * `similarity` itself. Empty for a text without words.
 */
export function similarityKeys(set: Set<number>): string[] {
  if (set.size === 0) return [];
  const mins = new Uint32Array(SEEDS.length).fill(0xffffffff);
  const seeds = Uint32Array.from(SEEDS);
  for (const x of set) {
    // Shingle hashes are already well mixed (mix() above): an xor with the function's seed, a
    // multiply and a shift make the 64 functions, at a few operations each.
    for (let i = 0; i < seeds.length; i++) {
      let h = Math.imul(x ^ seeds[i]!, 0x9e3779b1);
      h = (h ^ (h >>> 15)) >>> 0;
      if (h < mins[i]!) mins[i] = h;
    }
  }
  const keys: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5;
    for (let r = 0; r < ROWS; r++) h = fnv1a(mins[b * ROWS + r]!.toString(36) + ',', h);
    keys.push(`lsh:${b}:${h.toString(36)}`);
  }
  return keys;
}
