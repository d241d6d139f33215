// Which words of a query a result matched only through the thesaurus: "gevonden via synoniem".

import type { QueryNode } from '../domain/search.js';
import { tokenize } from './analyze.js';
import { normalizeWord } from './dutch/index.js';
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
  const forms = checks.flatMap((c) => [c.typed, ...c.synonyms]);
  const found = new Set<FormSpec>();
  for (const text of texts) {
    const seq: string[] = [];
    for (const tok of tokenize(text.length > maxChars ? text.slice(0, maxChars) : text)) {
      const nw = normalizeWord(tok.surface);
      if (nw.term === '') continue;
      seq.push(nw.term);
      for (const f of forms) {
        if (found.has(f)) continue;
        const n = f.terms.length;
        if (n === 1) {
          const t = f.terms[0]!;
          if (nw.term === t || nw.parts.includes(t) || nw.inner.includes(t)) found.add(f);
        } else if (seq.length >= n && nw.term === f.terms[n - 1]) {
          let ok = true;
          for (let j = 0; j < n && ok; j++) ok = seq[seq.length - n + j] === f.terms[j];
          if (ok) found.add(f);
        }
      }
      if (found.size === forms.length) break;
    }
  }
  const out: SynonymMatch[] = [];
  for (const c of checks) {
    if (found.has(c.typed)) continue;
    const matched = c.synonyms.filter((s) => found.has(s)).map((s) => s.text);
    if (matched.length > 0) out.push({ typed: c.typed.text, matched });
  }
  return out;
}
