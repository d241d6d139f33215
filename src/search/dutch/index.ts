// Dutch word analysis for the index and queries: tokenize, fold, stem, conflate verb forms, decompound.

import { foldWord } from './fold.js';
import { snowballStem } from './stem.js';
import { weakVerbLemma } from './verbs.js';
import { splitCompound } from './compounds.js';
import { getLexicon, type DutchLexicon } from './lexicon.js';
import { TwoGenerationCache } from './cache.js';

export { foldWord } from './fold.js';
export { tokenize, type Token } from './tokenize.js';

export interface NormalizedWord {
  /** The index term: folded, stemmed, verb forms conflated. ASCII [a-z0-9]+, or '' (see normalizeWord). */
  term: string;
  /** Index terms of the compound's parts (empty for simple words). */
  parts: string[];
  /**
   * Index terms of the runs of two or more parts inside a compound of three or more, so a
   * word finds the compounds it begins or is embedded in (`cyberbeveiliging` in
   * `cyberbeveiligingswet`, `beveiligingsnorm` in `cyberbeveiligingsnormen`). Indexed like parts.
   */
  inner: string[];
}

/*
 * Why runs of parts (`inner`): a compound's single parts already find it (`beveiliging` →
 * `cyberbeveiligingswet`), but a search word that is itself a compound did not find the
 * longer compounds it is a part of: `cyberbeveiliging` missed `Cyberbeveiligingswet`
 * (parts cyber | beveiliging | wet). Each contiguous run of ≥ 2 parts, short of the whole
 * word, is indexed as a part too: the run's surfaces joined, its last part without its
 * linking element (`cyber` + `beveiligings` → `cyberbeveiliging`), analysed like any word.
 * They come from the same dictionary split, so precision is the split's: no substring
 * matching, and phrases (checked against the words' own terms) are unchanged. A compound of
 * n parts adds (n−1)(n−2)/2 terms: 1 for three parts, 3 for four; two-part compounds, by far
 * the most, add none.
 *
 * Pipeline for one word (each step's why is in its module):
 *   1. fold (fold.ts): case, diacritics, ligatures → ASCII.
 *   2. lemma: the generated lexicon's correction for this form if any (noun plurals,
 *      strong verbs, nouns that merely look like verb forms), else the weak-verb rule
 *      (verbs.ts) validated against the dictionary's infinitives, else the word itself.
 *   3. Snowball Dutch stem of the lemma → term (`informeerde` → informeren → `informer`).
 *   4. compound parts (compounds.ts): each part's own term (steps 1–3), head last.
 * Words with digits skip 2–4 (identifiers such as `2025d08504`).
 */

const EMPTY: string[] = [];

/** Does the folded word (ASCII [a-z0-9]) contain a digit? A loop: cheaper than a regex here. */
function hasDigit(w: string): boolean {
  for (let p = 0; p < w.length; p++) if (w.charCodeAt(p) < 97) return true;
  return false;
}

function termOfFolded(w: string, lex: DutchLexicon): string {
  if (w.length < 3 || hasDigit(w)) return w;
  const corrected = lex.terms.get(w);
  if (corrected !== undefined) return corrected;
  const inf = weakVerbLemma(w, lex.infinitives);
  return snowballStem(inf ?? w);
}

/**
 * V8 keeps a slice of ≥ 13 characters as a view on its parent string: a token surface is a
 * slice of its whole document, and so are terms sliced from it. Kept in the memo, such a
 * key would pin the document in memory for as long as the word stays cached (measured: 300
 * documents of 1 MB, one 20-character slice of each kept → 300 MB heap; with this copy 4 MB).
 * Concatenating makes a new string that slice() flattens into a fresh, small backing store.
 * Exported for the indexer's vocabulary, which keeps words for the same reason.
 */
export function ownString(s: string): string {
  return s.length >= 13 ? ' '.concat(s).slice(1) : s;
}

/**
 * The memo (cache.ts): two generations of 150k words, so hot words survive a vocabulary
 * larger than the memo (the former single Map was cleared when full, hot words and all).
 * At most 300k entries.
 */
const memo = new TwoGenerationCache<NormalizedWord>(150_000, ownString);

/**
 * Terms of compound parts. Parts recur across many compounds (`beveiliging` in every
 * `…beveiliging`), and each would otherwise cost a lexicon lookup, verb candidates and a
 * stem again. Keys are dictionary words plus a plural ending, so the set is small.
 */
const partTerms = new TwoGenerationCache<string>(50_000);

function partTerm(part: string, lex: DutchLexicon): string {
  let t = partTerms.get(part);
  if (t === undefined) {
    t = termOfFolded(part, lex);
    partTerms.set(part, t);
  }
  return t;
}

function compute(surface: string): NormalizedWord {
  const lex = getLexicon();
  const folded = foldWord(surface);
  const term = termOfFolded(folded, lex);
  let parts = EMPTY;
  let inner = EMPTY;
  if (!hasDigit(folded)) {
    const split = splitCompound(folded, lex);
    if (split !== null) {
      parts = [];
      for (const p of split) {
        const t = partTerm(p.base, lex); // p.base is p.surface less its linking element
        if (t !== term) parts.push(t);
      }
      if (parts.length === 0) parts = EMPTY;
      if (split.length >= 3) inner = innerTerms(split, term, parts, lex);
    }
  }
  return { term, parts, inner };
}

/** Terms of the runs of ≥ 2 parts short of the whole word (see `inner`), without repeats. */
function innerTerms(split: readonly { surface: string; base: string }[], term: string, parts: readonly string[], lex: DutchLexicon): string[] {
  const out: string[] = [];
  const n = split.length;
  for (let i = 0; i < n; i++) {
    let head = '';
    for (let j = i; j < n; j++) {
      const last = split[j]!;
      if (j > i && !(i === 0 && j === n - 1)) {
        const t = partTerm(head + last.base, lex);
        if (t !== term && !parts.includes(t) && !out.includes(t)) out.push(t);
      }
      head += last.surface;
    }
  }
  return out.length === 0 ? EMPTY : out;
}

/**
 * Normalise one surface word (as cut by `tokenize`) to its index term and compound parts.
 * Memoised (see `memo`), so a repeated word costs one Map lookup. The returned object is
 * shared: do not mutate it. `term` is '' only for input with no letters or digits (which
 * `tokenize` never produces); the caller skips it.
 */
export function normalizeWord(surface: string): NormalizedWord {
  const hit = memo.get(surface);
  if (hit !== undefined) return hit;
  const key = ownString(surface);
  const result = compute(key);
  memo.set(key, result);
  return result;
}

/** Term of a single word without compound parts (for query analysis of prefixes and tests). */
export function termOf(surface: string): string {
  return termOfFolded(foldWord(surface), getLexicon());
}

/** Empty the normalizeWord memo (benchmarks of the cold path; tests). */
export function clearNormalizeMemo(): void {
  memo.clear();
  partTerms.clear();
}
