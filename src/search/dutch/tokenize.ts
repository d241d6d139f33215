// Cuts text into words, identically for indexing, query analysis, snippets and highlighting.

/** One word of a text; `start`/`end` are UTF-16 offsets into the text (end exclusive). */
export interface Token {
  surface: string;
  start: number;
  end: number;
}

/*
 * Why this cut: a word is a maximal run of letters, combining marks and digits that starts
 * with a letter or digit (a lone variation selector U+FE0E is no word). Everything
 * else separates words, including hyphens, apostrophes, dots, commas and slashes:
 *  - `EU-lidstaten` → `EU` + `lidstaten`, so `lidstaten` alone finds it; the hyphenated form
 *    is still found as the phrase `EU lidstaten` (the query side turns a typed word with
 *    internal punctuation into a phrase of its tokens).
 *  - `21501-33` → `21501` + `33` (findable as that phrase; exact dossier lookups use the
 *    `dossier:` filter), `2025D08504` stays ONE token.
 *  - `thema's` → `thema` + `s`; `1,5` → `1` + `5` (as a phrase, `1,5` still matches).
 * Keeping internal hyphens inside tokens would make `EU-lidstaten` unfindable by `lidstaten`
 * and would need its own decompounding; splitting keeps one simple rule everywhere.
 */

// ASCII is classified by a lookup table; other characters by Unicode property (cached).
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;
const ASCII_WORD = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_WORD[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_WORD[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_WORD[c] = 1;

const NONE = 0;
const WORD = 1;
/** Combining mark: continues a word (decomposed `ï`) but never starts one (a lone U+FE0E). */
const MARK_ONLY = 2;
const nonAsciiClass = new Map<number, number>();

function classify(ch: string): number {
  return LETTER_OR_DIGIT.test(ch) ? WORD : MARK.test(ch) ? MARK_ONLY : NONE;
}

/** Class of the (non-ASCII) character at i; `units` gets its UTF-16 length. */
let units = 1;
function classAt(text: string, i: number, c: number): number {
  units = 1;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    units = 2;
    return classify(String.fromCodePoint(text.codePointAt(i) ?? c));
  }
  let k = nonAsciiClass.get(c);
  if (k === undefined) {
    k = classify(String.fromCharCode(c));
    if (nonAsciiClass.size < 65536) nonAsciiClass.set(c, k);
  }
  return k;
}

/**
 * Calls `visit(start, end, hash)` for each word of `text` (runs of letters, digits and
 * combining marks, starting with a letter or digit), in order; `hash` is the FNV-1a hash of
 * the word's UTF-16 code units. A charCode loop with an ASCII table and no regex, and no
 * allocation per word, so the indexer can look a word up without slicing it out; hashing
 * while scanning saves it a second pass over the characters.
 */
export function forEachWord(text: string, visit: (start: number, end: number, hash: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c < 128) {
      if (ASCII_WORD[c] === 0) {
        i++;
        continue;
      }
    } else if (classAt(text, i, c) !== WORD) {
      i += units;
      continue;
    }
    const start = i;
    let h = Math.imul(FNV_BASIS ^ c, FNV_PRIME);
    if (c < 128) i++;
    else {
      if (units === 2) h = Math.imul(h ^ text.charCodeAt(i + 1), FNV_PRIME);
      i += units;
    }
    while (i < n) {
      c = text.charCodeAt(i);
      if (c < 128) {
        if (ASCII_WORD[c] === 0) break;
        h = Math.imul(h ^ c, FNV_PRIME);
        i++;
      } else {
        if (classAt(text, i, c) === NONE) break;
        h = Math.imul(h ^ c, FNV_PRIME);
        if (units === 2) h = Math.imul(h ^ text.charCodeAt(i + 1), FNV_PRIME);
        i += units;
      }
    }
    visit(start, i, h);
  }
}

const FNV_BASIS = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a over text[start, end) as UTF-16 code units: the hash `forEachWord` reports. */
export function fnv1a(text: string, start = 0, end = text.length): number {
  let h = FNV_BASIS;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** Split `text` into words (see forEachWord) with their UTF-16 offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  forEachWord(text, (start, end) => out.push({ surface: text.slice(start, end), start, end }));
  return out;
}
