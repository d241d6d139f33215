// Text analysis shared by indexing, querying and highlighting: tokenize + cached normalizeWord.

import { normalizeWord, type NormalizedWord } from './dutch/index.js';
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

const EMPTY: NormalizedWord = { term: '', parts: [] };

/*
 * Stemming + decompounding cost microseconds per word, but a corpus has few distinct surface
 * forms (Zipf): a bounded memo turns analysis into one Map lookup per token. Cleared wholesale
 * when full, which is cheaper than LRU bookkeeping on the hot path.
 */
const MEMO_LIMIT = 500_000;
const memo = new Map<string, NormalizedWord>();

/** normalizeWord with a memo; terms that are not ASCII [a-z0-9]+ are treated as empty. */
export function normalizeCached(surface: string): NormalizedWord {
  let nw = memo.get(surface);
  if (nw !== undefined) return nw;
  const raw = normalizeWord(surface);
  // Defensive: the index's FTS tokenizer must see exactly one token per term.
  nw = isTerm(raw.term) ? { term: raw.term, parts: raw.parts.filter(isTerm) } : EMPTY;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(surface, nw);
  return nw;
}

const TERM_RE = /^[a-z0-9]+$/;
function isTerm(t: string): boolean {
  return TERM_RE.test(t);
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
    const nw = normalizeCached(tok.surface);
    if (nw.term === '') continue;
    terms.push(nw.term);
    for (const p of nw.parts) parts.push(p);
  }
  return { terms, parts };
}
