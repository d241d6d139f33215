// Dutch word analysis for the index and queries: tokenize, fold, stem, conflate verb forms, decompound.

import { foldWord } from './fold.js';
import { snowballStem } from './stem.js';
import { weakVerbLemma } from './verbs.js';
import { splitCompound } from './compounds.js';
import { getLexicon, type DutchLexicon } from './lexicon.js';

export { foldWord } from './fold.js';
export { tokenize, type Token } from './tokenize.js';

export interface NormalizedWord {
  /** The index term: folded, stemmed, verb forms conflated. ASCII [a-z0-9]+, or '' (see normalizeWord). */
  term: string;
  /** Index terms of the compound's parts (empty for simple words). */
  parts: string[];
}

/*
 * Pipeline for one word (each step's why is in its module):
 *   1. fold (fold.ts): case, diacritics, ligatures → ASCII.
 *   2. lemma: the generated lexicon's correction for this form if any (noun plurals,
 *      strong verbs, nouns that merely look like verb forms), else the weak-verb rule
 *      (verbs.ts) validated against the dictionary's infinitives, else the word itself.
 *   3. Snowball Dutch stem of the lemma → term (`informeerde` → informeren → `informer`).
 *   4. compound parts (compounds.ts): each part's own term (steps 1–3), head last.
 * Words with digits skip 2–4 (identifiers such as `2025d08504`).
 */

const MEMO_LIMIT = 200_000;
const memo = new Map<string, NormalizedWord>();
const EMPTY: string[] = [];
const HAS_DIGIT = /[0-9]/;

function termOfFolded(w: string, lex: DutchLexicon): string {
  if (w.length < 3 || HAS_DIGIT.test(w)) return w;
  const corrected = lex.terms.get(w);
  if (corrected !== undefined) return corrected;
  const inf = weakVerbLemma(w, (s) => lex.infinitives.has(s));
  return snowballStem(inf ?? w);
}

/**
 * Normalise one surface word (as cut by `tokenize`) to its index term and compound parts.
 * Memoised (bounded at 200k words, cleared when full), so a repeated word costs one Map
 * lookup. The returned object is shared: do not mutate it. `term` is '' only for input
 * with no letters or digits (which `tokenize` never produces); the caller skips it.
 */
export function normalizeWord(surface: string): NormalizedWord {
  const hit = memo.get(surface);
  if (hit !== undefined) return hit;
  const lex = getLexicon();
  const folded = foldWord(surface);
  const term = termOfFolded(folded, lex);
  let parts = EMPTY;
  if (!HAS_DIGIT.test(folded)) {
    const split = splitCompound(folded, lex);
    if (split !== null) {
      parts = split.map((p) => termOfFolded(p.base === p.surface ? p.surface : p.base, lex)).filter((t) => t !== term);
      if (parts.length === 0) parts = EMPTY;
    }
  }
  const result: NormalizedWord = { term, parts };
  if (memo.size >= MEMO_LIMIT) memo.clear(); // simple and O(1) amortised; a working set refills quickly
  memo.set(surface, result);
  return result;
}

/** Term of a single word without compound parts (for query analysis of prefixes and tests). */
export function termOf(surface: string): string {
  return termOfFolded(foldWord(surface), getLexicon());
}
