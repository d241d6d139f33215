// Text analysis shared by indexing, querying and highlighting: the one tokenizer, prefix folding, filter-value words.

import { tokenize as dutchTokenize, type Token } from './dutch/tokenize.js';
import { foldWord } from './dutch/fold.js';

export type { Token };

/**
 * The one tokenizer the index uses (indexing, snippets, highlighting). Kept behind this
 * function so the index does not depend on where the Dutch tokenizer lives.
 */
export function tokenize(text: string): Token[] {
  return dutchTokenize(text);
}

/** Fold a typed prefix (`Cyber*` → `cyber`): folding only, no stemming, so it matches term starts. */
export function foldPrefix(surface: string): string {
  return foldWord(surface);
}

/**
 * The words of a name used as a filter value (`Van der Burg` → van, der, burg; `DiZa` →
 * diza): folded, not stemmed, so names match as written whatever their case and accents.
 */
export function fieldWords(name: string): string[] {
  const out: string[] = [];
  for (const tok of tokenize(name)) {
    const w = foldWord(tok.surface);
    if (w !== '' && !out.includes(w)) out.push(w);
  }
  return out;
}
