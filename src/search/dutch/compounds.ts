// Dutch decompounding: split a closed compound (`cyberbeveiliging`) into dictionary parts.

/*
 * Technique: dictionary-based splitting. Dutch writes compounds as one word, so a search for
 * `beveiliging` must also find `cyberbeveiliging`. We split a word into known parts,
 * head last, using OpenTaal's own compounding information (words flagged as possible
 * compound begin/middle/end), made slightly more lenient: any noun of ≥ 5 letters may
 * begin a compound, and so may a word the dictionary gives no flags at all (an uncountable
 * noun such as `desinformatie`) when it writes that word in front of a compound head itself
 * (`desinformatiecampagne`; scripts/build-lexicon.ts says which such words are left out). Linking elements s/en/e between parts and regular plural endings of
 * the head are stripped at lookup time, so the stored word list holds base words only.
 * The split with the fewest parts wins; ties go to the split whose shortest part is
 * longest, then to the longest head. No split → no parts (precision over recall:
 * `beveiliging` is never `be` + `veiliging`; particles like `voor`, `over` never begin one).
 *
 * Why not an n-gram index: character n-grams find substrings too, but multiply index size
 * (every word → ~length n-grams), match nonsense substrings (`raad` in `voorraad`-like
 * accidents everywhere) and lose stems and phrase positions. Decompounding adds one or
 * two real terms per compound at the same position, so phrases and stemming still work.
 */

import { RangeTable, loadUnits, prefixHashes, rangeHash, tableOf } from './range-table.js';

/** Words that begin many non-compound derivations (voorstel, overleg): never a compound's first part. */
export const PARTICLES: ReadonlySet<string> = new Set(
  (
    'aan af bij door in mee na om onder op over toe uit voor achter tegen boven buiten binnen ' +
    'weg terug samen vast los neer heen rond langs mis her ver ont be ge er al alle niet ' +
    'wel zeer veel meer min max mee hoofd'
  ).split(' '),
);

/** Bit in CompoundLexicon.parts: the word may begin (or be in the middle of) a compound. */
export const PART_BEGIN = 1;
/** Bit in CompoundLexicon.parts: the word may end a compound. */
export const PART_HEAD = 2;

export interface CompoundLexicon {
  /** Dictionary words usable as compound parts → PART_BEGIN | PART_HEAD bits. */
  parts: ReadonlyMap<string, number>;
}

/*
 * Lookups go through a RangeTable of lex.parts (range-table.ts), probed with ranges of the
 * word's code units: `bits(pos, q)` is the parts value of w[pos, q). Why: the search below
 * tries every (start, end) pair with four linking elements and four plural endings, and
 * slicing a string for each Map probe made decompounding half of a cold normalizeWord.
 * The rules are unchanged: linking elements '', s, en, e (first that gives a begin part
 * wins) and plural endings '', en, s, n of the head.
 */

/** Nouns that are also derivational suffixes: `voorzitter-schap` is not a shelf. */
const SUFFIX_NOUNS: readonly string[] = ['schap', 'schappen', 'dom', 'ster', 'sters', 'isme'];

/** One part of a split: the surface slice and the dictionary word it stands for. */
export interface CompoundPart {
  surface: string;
  base: string;
}

/** Shortest word we try to split (two parts of ≥ 3 letters, and most real compounds are longer). */
export const MIN_COMPOUND_LENGTH = 7;
const MIN_PART = 3;
const MAX_PARTS = 4;

interface Split {
  parts: CompoundPart[];
  minLen: number;
}

function better(a: Split, b: Split | null): boolean {
  if (b === null) return true;
  if (a.parts.length !== b.parts.length) return a.parts.length < b.parts.length;
  if (a.minLen !== b.minLen) return a.minLen > b.minLen;
  const ah = a.parts[a.parts.length - 1]?.surface.length ?? 0;
  const bh = b.parts[b.parts.length - 1]?.surface.length ?? 0;
  return ah > bh;
}

// Per-call state of splitCompound (module-level so the recursive search needs no closures).
let units: Uint16Array = new Uint16Array(64);
/** prefix[k]: hash of w[0, k), so that the hash of any w[pos, q) is O(1) (rangeHash). */
let prefix: Int32Array = new Int32Array(64);
let word = '';
let wlen = 0;
let table: RangeTable = new RangeTable([]);
let memo: (Split | null | undefined)[] = [];
/** startsPart[pos] = 0: no part of ≥ 4 letters starts at pos (see START4). */
let startsPart = new Uint8Array(64);

/*
 * START4: which a–z 4-letter beginnings any part has (10k of the 457k possible). Most
 * positions of a word begin no part at all, and this one array read spares all the table
 * probes of w[pos, q) for q ≥ pos + 4 there.
 */
interface Starts {
  size: number;
  grams: Uint8Array;
}
const startsCache = new WeakMap<object, Starts>();

/** Index of the a–z 4-gram at s[p, p + 4), or -1 (another character: no filtering). */
function gram4(s: Uint16Array, p: number): number {
  let idx = 0;
  for (let k = 0; k < 4; k++) {
    const l = (s[p + k] ?? 0) - 97;
    if (l < 0 || l > 25) return -1;
    idx = idx * 26 + l;
  }
  return idx;
}

function startsOf(parts: ReadonlyMap<string, number>): Starts {
  let st = startsCache.get(parts);
  if (st === undefined || st.size !== parts.size) {
    st = { size: parts.size, grams: new Uint8Array(26 ** 4) };
    const buf = new Uint16Array(4);
    for (const key of parts.keys()) {
      if (key.length < 4) continue;
      for (let k = 0; k < 4; k++) buf[k] = key.charCodeAt(k);
      const g4 = gram4(buf, 0);
      if (g4 >= 0) st.grams[g4] = 1;
    }
    startsCache.set(parts, st);
  }
  return st;
}

/** Parts value of w[pos, q) (0 when not a part, or shorter than MIN_PART). */
function bits(pos: number, q: number): number {
  if (q - pos < MIN_PART || (q - pos > MIN_PART && startsPart[pos] === 0)) return 0;
  const v = table.getHashed(rangeHash(prefix, pos, q), units, pos, q);
  return v < 0 ? 0 : v;
}

/** End of the dictionary word that the first-part slice w[pos, end) stands for (without its linking element), or -1. */
function beginBase(pos: number, end: number): number {
  // LINKS in order: '', 's', 'en', 'e'; the first whose base is a begin part wins
  if ((bits(pos, end) & PART_BEGIN) !== 0) return end;
  const last = units[end - 1];
  if (last === 115 /* s */ && (bits(pos, end - 1) & PART_BEGIN) !== 0) return end - 1;
  if (last === 110 /* n */ && units[end - 2] === 101 /* e */ && (bits(pos, end - 2) & PART_BEGIN) !== 0) return end - 2;
  if (last === 101 /* e */ && (bits(pos, end - 1) & PART_BEGIN) !== 0) return end - 1;
  return -1;
}

/** Is w[pos, end of word) a head: a head part, or one with a regular plural ending? */
function isHead(pos: number): boolean {
  const restLen = wlen - pos;
  if (restLen <= 8) for (const sn of SUFFIX_NOUNS) if (sn.length === restLen && word.endsWith(sn)) return false;
  if ((bits(pos, wlen) & PART_HEAD) !== 0) return true;
  const last = units[wlen - 1];
  if (last === 110 /* n */ && units[wlen - 2] === 101 /* e */ && (bits(pos, wlen - 2) & PART_HEAD) !== 0) return true;
  if ((last === 115 /* s */ || last === 110 /* n */) && (bits(pos, wlen - 1) & PART_HEAD) !== 0) return true;
  return false;
}

/** Best decomposition of w[pos:] into (begin)* head, with at most `left` parts. */
function solve(pos: number, left: number): Split | null {
  const key = pos * 8 + left;
  const known = memo[key];
  if (known !== undefined) return known;
  let best: Split | null = null;
  const restLen = wlen - pos;
  // A 3-letter head only after a long first part: `commissie`+`lid`, not `gesp`+`rek`.
  const minHead = pos >= 6 ? MIN_PART : MIN_PART + 1;
  if (pos > 0 && restLen >= minHead && isHead(pos)) {
    const rest = word.slice(pos);
    best = { parts: [{ surface: rest, base: rest }], minLen: restLen };
  }
  if (left > 1) {
    for (let end = pos + MIN_PART; end <= wlen - MIN_PART; end++) {
      const baseEnd = beginBase(pos, end);
      if (baseEnd < 0) continue;
      const tail = solve(end, left - 1);
      if (tail === null) continue;
      const piece = word.slice(pos, end);
      const cand: Split = {
        parts: [{ surface: piece, base: baseEnd === end ? piece : word.slice(pos, baseEnd) }, ...tail.parts],
        minLen: Math.min(end - pos, tail.minLen),
      };
      if (better(cand, best)) best = cand;
    }
  }
  memo[key] = best;
  return best;
}

/**
 * Split a folded word into compound parts (≥ 2), or return null when it is not a compound
 * we are sure of. Cost: O(length²) O(1) table probes without allocation (see bits()).
 * Not re-entrant (module-level search state), which is fine: nothing in it calls back.
 */
export function splitCompound(w: string, lex: CompoundLexicon): CompoundPart[] | null {
  if (w.length < MIN_COMPOUND_LENGTH) return null;
  word = w;
  wlen = w.length;
  units = loadUnits(units, w);
  prefix = prefixHashes(units, wlen, prefix);
  table = tableOf(lex.parts);
  const grams = startsOf(lex.parts).grams;
  if (startsPart.length < wlen) startsPart = new Uint8Array(wlen * 2);
  for (let pos = 0; pos < wlen; pos++) {
    const g4 = pos + 4 <= wlen ? gram4(units, pos) : -1;
    startsPart[pos] = g4 < 0 || grams[g4] === 1 ? 1 : 0;
  }
  memo = [];
  const r = solve(0, MAX_PARTS);
  return r !== null && r.parts.length >= 2 ? r.parts : null;
}
