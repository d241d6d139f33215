// Snowball Dutch stemming of folded words (the base layer under verb and noun lemmas).

/*
 * A native port of the ORIGINAL Snowball "dutch" algorithm (Kraaij–Pohlmann style, as in
 * snowballstem.org's algorithms/dutch/stemmer.html and the `snowball-stemmers` 0.6.0 npm
 * package we used before; not the 2023 "dutch" rewrite nor "kraaij_pohlmann"). Why our own:
 * that package's generated code runs ~40k stems/s (getter-backed fields, a StringBuffer
 * that re-concatenates on every edit, Among tables searched by binary search), and the
 * indexer stems every cold word. This version copies the word's code units into a reused
 * buffer once, does every test with index arithmetic, and slices the input string for the
 * result whenever no character was replaced (the common case).
 *
 * It must give IDENTICAL output to the package for every input, since index terms depend on
 * it: test/search/dutch-stem.test.ts compares both on dictionary and sample words. Hence it
 * reproduces the algorithm for any string, not only folded ASCII (accents, `è`, upper-case
 * `I`/`Y`, which the postlude lower-cases).
 *
 * The algorithm, with the buffer `buf` of length `len` (steps refer to the Snowball source):
 *   prelude   á ä → a, é ë → e, í ï → i, ó ö → o, ú ü → u; initial y → Y; y after a vowel
 *             → Y; i between vowels → I (Y and I then count as consonants).
 *   regions   R1 after the first non-vowel following a vowel (at least 3), R2 likewise
 *             after R1. Vowels: a e i o u y è.
 *   step 1    longest of heden → heid (R1); en/ene → delete if R1, after a non-vowel, not
 *             after `gem`, then undouble; s/se → delete if R1, after a non-vowel other than j.
 *   step 2    e → delete if R1 and after a non-vowel, then undouble (sets e_found).
 *   step 3a   heid → delete if R2 and not after c, then an `en` ending as in step 1.
 *   step 3b   end/ing → delete if R2, then ig (R2, not after e) or undouble; ig → delete if
 *             R2 and not after e; lijk → delete if R2, then step 2; baar → delete if R2;
 *             bar → delete if R2 and step 2 removed an e.
 *   step 4    a consonant after a double aa/ee/oo/uu after a non-vowel: undouble the vowel.
 *   postlude  I → i, Y → y.
 *   undouble  dd/kk/tt at the end → drop the last letter.
 */

const HAS_DIGIT = /[0-9]/;

const a = 97, b = 98, c = 99, d = 100, e = 101, g = 103, h = 104, i = 105, j = 106, k = 107, l = 108;
const m = 109, n = 110, o = 111, r = 114, s = 115, t = 116, u = 117, y = 121;
const I = 73, Y = 89;

/** Snowball grouping `v` (a e i o u y è), as a table over Latin-1. */
const VOWEL = new Uint8Array(256);
for (const ch of 'aeiouyè') VOWEL[ch.charCodeAt(0)] = 1;
const isVowel = (ch: number): boolean => ch < 256 && VOWEL[ch] === 1;

/** Prelude accent removal (Snowball among a_0); 0 = unchanged. */
const UNACCENT = new Uint8Array(256);
for (const [from, to] of [['áä', a], ['éë', e], ['íï', i], ['óö', o], ['úü', u]] as const) {
  for (const ch of from) UNACCENT[ch.charCodeAt(0)] = to;
}

/** Reused working buffer (grown on demand): no allocation per word. */
let buf = new Uint16Array(64);
let len = 0;

/** undouble: `dd`, `kk` or `tt` at the end loses its last letter. */
function undouble(): void {
  if (len < 2) return;
  const x = buf[len - 1];
  if (x === buf[len - 2] && (x === d || x === k || x === t)) len--;
}

/** Does the buffer hold code `c1` (and `c2`, `c3`) ending at `end`? */
function endsWith2(end: number, c1: number, c2: number): boolean {
  return end >= 2 && buf[end - 2] === c1 && buf[end - 1] === c2;
}
function endsWith3(end: number, c1: number, c2: number, c3: number): boolean {
  return end >= 3 && buf[end - 3] === c1 && buf[end - 2] === c2 && buf[end - 1] === c3;
}
function endsWith4(end: number, c1: number, c2: number, c3: number, c4: number): boolean {
  return end >= 4 && buf[end - 4] === c1 && buf[end - 3] === c2 && buf[end - 2] === c3 && buf[end - 1] === c4;
}

/** en_ending for a suffix starting at `pos` (which must be the end of the match). */
function enEnding(pos: number, p1: number): void {
  if (p1 > pos || pos === 0 || isVowel(buf[pos - 1] ?? 0)) return;
  if (endsWith3(pos, g, e, m)) return;
  len = pos;
  undouble();
}

/** e_ending (step 2); returns e_found. */
function eEnding(p1: number): boolean {
  const pos = len - 1;
  if (pos < 1 || buf[pos] !== e || p1 > pos || isVowel(buf[pos - 1] ?? 0)) return false;
  len = pos;
  undouble();
  return true;
}

/** The Snowball (original) Dutch stem of any string; see the header for the algorithm. */
export function dutchStem(word: string): string {
  const wl = word.length;
  if (buf.length < wl) buf = new Uint16Array(wl * 2);
  // `dirty`: some kept character differs from the input, so the result must be built from buf.
  let dirty = false;
  for (let p = 0; p < wl; p++) {
    let ch = word.charCodeAt(p);
    if (ch >= 128) {
      const plain = ch < 256 ? (UNACCENT[ch] ?? 0) : 0;
      if (plain !== 0) {
        ch = plain;
        dirty = true;
      }
    } else if (ch === I || ch === Y) {
      dirty = true; // the postlude lower-cases every I and Y, also those of the input
    }
    buf[p] = ch;
  }
  len = wl;

  // prelude: mark consonantal y and i as Y and I
  if (wl > 0 && buf[0] === y) buf[0] = Y;
  for (let p = 0; p + 1 < wl; p++) {
    if (!isVowel(buf[p] ?? 0)) continue;
    const next = buf[p + 1];
    if (next === i) {
      if (p + 2 < wl && isVowel(buf[p + 2] ?? 0)) buf[p + 1] = I;
    } else if (next === y) {
      buf[p + 1] = Y;
    }
  }

  // mark_regions
  let p1 = wl;
  let p2 = wl;
  let q = 0;
  while (q < wl && !isVowel(buf[q] ?? 0)) q++;
  if (q < wl) {
    q++;
    while (q < wl && isVowel(buf[q] ?? 0)) q++;
    if (q < wl) {
      q++;
      p1 = q < 3 ? 3 : q; // the cursor itself is not moved to 3
      while (q < wl && !isVowel(buf[q] ?? 0)) q++;
      if (q < wl) {
        q++;
        while (q < wl && isVowel(buf[q] ?? 0)) q++;
        if (q < wl) p2 = q + 1;
      }
    }
  }

  // step 1: the longest of heden, ene, en, se, s (only that one is tried)
  if (len >= 5 && endsWith4(len, e, d, e, n) && buf[len - 5] === h) {
    if (p1 <= len - 5) {
      // heden → heid
      buf[len - 3] = i;
      buf[len - 2] = d;
      len--;
      dirty = true;
    }
  } else if (endsWith3(len, e, n, e)) {
    enEnding(len - 3, p1);
  } else if (endsWith2(len, e, n)) {
    enEnding(len - 2, p1);
  } else if (endsWith2(len, s, e) || (len >= 1 && buf[len - 1] === s)) {
    const pos = buf[len - 1] === s ? len - 1 : len - 2;
    const before = pos > 0 ? (buf[pos - 1] ?? 0) : -1;
    if (p1 <= pos && before >= 0 && !isVowel(before) && before !== j) len = pos;
  }

  // step 2
  let eFound = eEnding(p1);

  // step 3a: heid
  if (endsWith4(len, h, e, i, d)) {
    const pos = len - 4;
    if (p2 <= pos && !(pos > 0 && buf[pos - 1] === c)) {
      len = pos;
      if (endsWith2(len, e, n)) enEnding(len - 2, p1);
    }
  }

  // step 3b: end, ing, ig, lijk, baar, bar (mutually exclusive as suffixes)
  if (endsWith3(len, e, n, d) || endsWith3(len, i, n, g)) {
    const pos = len - 3;
    if (p2 <= pos) {
      len = pos;
      const ig = len - 2;
      if (endsWith2(len, i, g) && p2 <= ig && !(ig > 0 && buf[ig - 1] === e)) len = ig;
      else undouble();
    }
  } else if (endsWith2(len, i, g)) {
    const pos = len - 2;
    if (p2 <= pos && !(pos > 0 && buf[pos - 1] === e)) len = pos;
  } else if (endsWith4(len, l, i, j, k)) {
    const pos = len - 4;
    if (p2 <= pos) {
      len = pos;
      eFound = eEnding(p1);
    }
  } else if (endsWith4(len, b, a, a, r)) {
    if (p2 <= len - 4) len -= 4;
  } else if (endsWith3(len, b, a, r)) {
    if (p2 <= len - 3 && eFound) len -= 3;
  }

  // step 4: undouble a vowel (`informeer` → `informer`); the last step that edits buf
  let dropped = -1;
  if (len >= 4) {
    const last = buf[len - 1] ?? 0;
    const v = buf[len - 2];
    if (!isVowel(last) && last !== I && buf[len - 3] === v && (v === a || v === e || v === o || v === u) && !isVowel(buf[len - 4] ?? 0)) {
      dropped = len - 2;
      buf[len - 2] = last;
      len--;
    }
  }

  // postlude (I → i, Y → y) and the result
  if (!dirty) {
    // buf equals the input up to the marks, which the postlude reverts: slice the input.
    if (dropped < 0) return len === wl ? word : word.slice(0, len);
    return word.slice(0, dropped) + word.charAt(dropped + 1);
  }
  let out = '';
  for (let p = 0; p < len; p++) {
    const ch = buf[p] ?? 0;
    out += String.fromCharCode(ch === I ? i : ch === Y ? y : ch);
  }
  return out;
}

/**
 * Snowball (Porter) Dutch stem of a folded word. Words with digits (`2025d08504`, `5g`) are
 * identifiers, not Dutch, and are returned unchanged.
 */
export function snowballStem(folded: string): string {
  if (folded.length < 3 || HAS_DIGIT.test(folded)) return folded;
  return dutchStem(folded);
}
