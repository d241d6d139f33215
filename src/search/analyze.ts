// Text analysis shared by indexing, querying and highlighting: tokenize + normalizeWord (which caches).

import { normalizeWord } from './dutch/index.js';
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

/** Index terms of one field, in order, plus compound parts. */
export interface AnalyzedField {
  terms: string[];
  parts: string[];
}

/** Analyse a text into its index terms (one per word, empties dropped) and compound parts. */
export function analyzeText(text: string): AnalyzedField {
  const terms: string[] = [];
  const parts: string[] = [];
  for (const tok of tokenize(text)) {
    const nw = normalizeWord(tok.surface);
    if (nw.term === '') continue;
    terms.push(nw.term);
    for (const p of nw.parts) parts.push(p);
  }
  return { terms, parts };
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
