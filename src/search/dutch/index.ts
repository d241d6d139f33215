/**
 * Dutch word normalisation for indexing and querying. PROVISIONAL: folds case and
 * diacritics only, until stemming, verb-form conflation and decompounding land.
 */

export interface NormalizedWord {
  /** The index term: folded, stemmed, verb forms conflated. ASCII [a-z0-9]+. */
  term: string;
  /** Index terms of the compound's parts (empty for simple words). */
  parts: string[];
}

/** Normalise one surface word (as cut by the tokenizer) to its index term(s). */
export function normalizeWord(surface: string): NormalizedWord {
  const term = surface.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return { term, parts: [] };
}
