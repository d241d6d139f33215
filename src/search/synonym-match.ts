// Which words of a query a result matched only through the thesaurus: "gevonden via synoniem".

import type { QueryNode } from '../domain/search.js';
import { tokenize } from './analyze.js';
import { normalizeWord } from './dutch/index.js';
import { PART } from './fields.js';
import { synonymNotes } from './fts-query.js';
import { defaultThesaurus, formTerms, type Thesaurus } from './thesaurus.js';

/*
 * The index scores a word and its synonyms as one OR and does not say which branch matched a
 * document, so the result's own text is read again, as the snippet does: with the same
 * analysis (stems, compound parts), a typed word found in the text means it was found as
 * typed; otherwise the synonyms found in it are what matched.
 */

/** A word (or run of words) as typed and the synonyms that matched in a result instead of it. */
export interface SynonymMatch {
  typed: string;
  matched: string[];
}

interface FormSpec {
  text: string;
  terms: readonly string[];
}

/** What to look for: per typed word with synonyms, its own form and its synonyms' forms. */
export interface SynonymCheck {
  typed: FormSpec;
  synonyms: FormSpec[];
}

/** The checks a query needs (empty when the thesaurus added nothing). */
export function synonymChecks(root: QueryNode | null, thesaurus: Thesaurus = defaultThesaurus()): SynonymCheck[] {
  return synonymNotes(root, thesaurus).map((n) => ({
    typed: { text: n.typed, terms: formTerms(n.typed) },
    synonyms: n.synonyms.map((s) => ({ text: s, terms: formTerms(s) })),
  }));
}

/**
 * For each check whose typed form is not in the texts but one of its synonyms is: the
 * synonyms found. Reads at most `maxChars` of each text (a result's first pages decide;
 * past them nothing is claimed rather than a guess).
 */
export function synonymMatches(texts: readonly string[], checks: readonly SynonymCheck[], maxChars = 200_000): SynonymMatch[] {
  if (checks.length === 0) return [];
  // Most results hold every word as typed, and then there is nothing to say: settled by
  // analysing a few windows around the words' first letters instead of every word of the
  // text (on a page of 20 results of 5 KB, ~6 ms of a search's ~15). Only what a window
  // finds is trusted, so the answer is the whole scan's; any doubt, and the whole scan runs.
  if (typedFoundNearby(texts, checks, maxChars)) return [];
  const forms = checks.flatMap((c) => [c.typed, ...c.synonyms]);
  const found = new Set<FormSpec>();
  for (const text of texts) {
    if (findForms(text.length > maxChars ? text.slice(0, maxChars) : text, forms, found)) break;
  }
  const out: SynonymMatch[] = [];
  for (const c of checks) {
    if (found.has(c.typed)) continue;
    const matched = c.synonyms.filter((s) => found.has(s)).map((s) => s.text);
    if (matched.length > 0) out.push({ typed: c.typed.text, matched });
  }
  return out;
}

/**
 * The same verdict from the index rather than the text, for a result the search just found:
 * `holds(term)` tells whether the result is in `term`'s posting list (null: that list was not
 * loaded). A one-word form occurs in a result exactly when the result is in its term's list or
 * its compound-part list (`~term`): the index analysed the title and text the way findForms
 * does (segment-builder.ts), over the whole text rather than its first `maxChars`. A form of
 * several words is absent when one of its words is; when all are there, their order decides,
 * which lists do not keep: null then, and the caller reads the text. Why: reading the text
 * back cost a page of results about as much as its snippets, and most for the results that
 * matched through a synonym, which fail the quick window check and are analysed word by word.
 */
export function synonymMatchesInIndex(checks: readonly SynonymCheck[], holds: (term: string) => boolean | null): SynonymMatch[] | null {
  const found = (f: FormSpec): boolean | null => {
    if (f.terms.length === 0) return false;
    if (f.terms.length > 1) {
      // A run of words is there only if each of them is, as a word of its own (findForms
      // compares whole terms in sequence): a missing one settles it.
      for (const t of f.terms) if (holds(t) === false) return false;
      return null;
    }
    const t = f.terms[0]!;
    const whole = holds(t);
    if (whole === true) return true;
    const part = holds(PART + t);
    return whole === null || part === null ? (part === true ? true : null) : part;
  };
  const out: SynonymMatch[] = [];
  for (const c of checks) {
    const typed = found(c.typed);
    if (typed === null) return null;
    if (typed) continue;
    const matched: string[] = [];
    for (const s of c.synonyms) {
      const f = found(s);
      if (f === null) return null;
      if (f) matched.push(s.text);
    }
    if (matched.length > 0) out.push({ typed: c.typed.text, matched });
  }
  return out;
}

/** Adds to `found` the forms of `forms` that occur in `text` (as the index analyses it); true once all of them are found. */
function findForms(text: string, forms: readonly FormSpec[], found: Set<FormSpec>): boolean {
  let left = forms.reduce((n, f) => n + (found.has(f) ? 0 : 1), 0);
  if (left === 0) return true;
  const seq: string[] = [];
  for (const tok of tokenize(text)) {
    const nw = normalizeWord(tok.surface);
    if (nw.term === '') continue;
    seq.push(nw.term);
    for (const f of forms) {
      if (found.has(f)) continue;
      const n = f.terms.length;
      let hit = false;
      if (n === 1) {
        const t = f.terms[0]!;
        hit = nw.term === t || nw.parts.includes(t) || nw.inner.includes(t);
      } else if (seq.length >= n && nw.term === f.terms[n - 1]) {
        hit = true;
        for (let j = 0; j < n && hit; j++) hit = seq[seq.length - n + j] === f.terms[j];
      }
      if (hit) {
        found.add(f);
        left--;
      }
    }
    if (left === 0) return true;
  }
  return false;
}

/** Leading characters of a typed form's first term that locate its candidate words (as snippet.ts does). */
const NEEDLE = 4;
/** Context analysed around each candidate, so a phrase is seen whole. */
const MARGIN = 160;
/** Longest window analysed in one go. */
const MAX_WINDOW = 800;

/**
 * Whether every typed form occurs in the texts, found in windows around the places where its
 * first term's first letters occur (a native substring search on the lower-cased text). A
 * window is cut at spaces, so its words are the text's words and what it finds is there;
 * false means only "not found this way" (an irregular form, a folded diacritic).
 */
function typedFoundNearby(texts: readonly string[], checks: readonly SynonymCheck[], maxChars: number): boolean {
  const typed = checks.map((c) => c.typed);
  const found = new Set<FormSpec>();
  for (const whole of texts) {
    const text = whole.length > maxChars ? whole.slice(0, maxChars) : whole;
    const lower = text.toLowerCase();
    if (lower.length !== text.length) continue;
    const starts: number[] = [];
    for (const f of typed) {
      if (found.has(f)) continue;
      const needle = f.terms[0]!.slice(0, NEEDLE);
      if (needle === '') continue;
      for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) starts.push(at);
    }
    starts.sort((a, b) => a - b);
    for (let k = 0; k < starts.length; ) {
      let lo = Math.max(0, starts[k]! - MARGIN);
      let hi = Math.min(text.length, starts[k]! + MARGIN);
      while (k + 1 < starts.length && starts[k + 1]! - MARGIN <= hi && hi - lo < MAX_WINDOW) hi = Math.min(text.length, starts[++k]! + MARGIN);
      k++;
      while (lo > 0 && !isSpace(text.charCodeAt(lo - 1))) lo--;
      while (hi < text.length && !isSpace(text.charCodeAt(hi))) hi++;
      if (findForms(text.slice(lo, hi), typed, found)) return true;
    }
  }
  return found.size === typed.length;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 160;
}
