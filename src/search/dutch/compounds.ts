// Dutch decompounding: split a closed compound (`cyberbeveiliging`) into dictionary parts.

/*
 * Technique: dictionary-based splitting. Dutch writes compounds as one word, so a search for
 * `beveiliging` must also find `cyberbeveiliging`. We split a word into known parts,
 * head last, using OpenTaal's own compounding information (words flagged as possible
 * compound begin/middle/end), made slightly more lenient: any noun of ≥ 5 letters may
 * begin a compound. Linking elements s/en/e between parts and regular plural endings of
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

/** Linking elements between parts (tussenklanken): beveiliging-s-bedrijf, dienst-en-pakket, pann-e-koek. */
const LINKS = ['', 's', 'en', 'e'];
/** Regular plural endings of a head (irregular plurals are in the lexicon itself). */
const PLURALS = ['', 'en', 's', 'n'];

/** The dictionary word a first-part slice stands for (with its linking element), or undefined. */
function beginBase(piece: string, lex: CompoundLexicon): string | undefined {
  for (const link of LINKS) {
    if (!piece.endsWith(link)) continue;
    const base = piece.slice(0, piece.length - link.length);
    if (base.length >= MIN_PART && ((lex.parts.get(base) ?? 0) & PART_BEGIN) !== 0) return base;
  }
  return undefined;
}

/** Nouns that are also derivational suffixes: `voorzitter-schap` is not a shelf. */
const SUFFIX_NOUNS: ReadonlySet<string> = new Set(['schap', 'schappen', 'dom', 'ster', 'sters', 'isme']);

function isHead(rest: string, lex: CompoundLexicon): boolean {
  if (SUFFIX_NOUNS.has(rest)) return false;
  for (const pl of PLURALS) {
    if (!rest.endsWith(pl)) continue;
    const base = rest.slice(0, rest.length - pl.length);
    if (base.length >= MIN_PART && ((lex.parts.get(base) ?? 0) & PART_HEAD) !== 0) return true;
  }
  return false;
}

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

/**
 * Split a folded word into compound parts (≥ 2), or return null when it is not a compound
 * we are sure of. Cost: O(length²) Map/Set probes, memoised by the caller.
 */
export function splitCompound(w: string, lex: CompoundLexicon): CompoundPart[] | null {
  if (w.length < MIN_COMPOUND_LENGTH) return null;
  const memo = new Map<number, Split | null>();
  // best decomposition of w[pos:] into (begin)* head, with at most `left` parts
  const solve = (pos: number, left: number): Split | null => {
    const key = pos * 8 + left;
    if (memo.has(key)) return memo.get(key) ?? null;
    let best: Split | null = null;
    const rest = w.slice(pos);
    // A 3-letter head only after a long first part: `commissie`+`lid`, not `gesp`+`rek`.
    const minHead = pos >= 6 ? MIN_PART : MIN_PART + 1;
    if (pos > 0 && rest.length >= minHead && isHead(rest, lex)) {
      best = { parts: [{ surface: rest, base: rest }], minLen: rest.length };
    }
    if (left > 1) {
      for (let end = pos + MIN_PART; end <= w.length - MIN_PART; end++) {
        const piece = w.slice(pos, end);
        const base = beginBase(piece, lex);
        if (base === undefined) continue;
        const tail = solve(end, left - 1);
        if (tail === null) continue;
        const cand: Split = {
          parts: [{ surface: piece, base }, ...tail.parts],
          minLen: Math.min(piece.length, tail.minLen),
        };
        if (better(cand, best)) best = cand;
      }
    }
    memo.set(key, best);
    return best;
  };
  const r = solve(0, MAX_PARTS);
  return r !== null && r.parts.length >= 2 ? r.parts : null;
}
