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

/**
 * The text as comparable tokens: diacritics folded, lower case, hyphens between letters
 * dropped (so `Volks-`/`huisvesting` at a line end, `Volkshuisvesting` and `NIS-richtlijn`
 * read alike in every format), letters and digits split (`Kamerbrief1` = `Kamerbrief 1`).
 */
export function comparableTokens(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u00ad]/g, '')
    .toLowerCase()
    .replace(/(\p{L})[-\u2010\u2011][ \t]*(?:\r?\n[ \t]*)?(?=\p{L})/gu, '$1');
  return folded.match(/\p{L}+|\p{N}+/gu) ?? [];
}

function fnv1a(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The set of hashed shingles of a text (a text shorter than a shingle is one shingle). */
export function shingles(text: string): Set<number> {
  const tokens = comparableTokens(text);
  const out = new Set<number>();
  if (tokens.length === 0) return out;
  const n = Math.max(1, tokens.length - SHINGLE + 1);
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < Math.min(tokens.length, i + SHINGLE); j++) h = fnv1a(tokens[j]! + ' ', h);
    out.add(h);
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
  for (const x of set) {
    for (let i = 0; i < SEEDS.length; i++) {
      const h = mix(x ^ SEEDS[i]!);
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
