// The thesaurus of the field (data/thesaurus.tsv): synonyms and abbreviations, applied at query time.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tokenize } from './analyze.js';
import { normalizeWord } from './dutch/index.js';

/*
 * Why at query time: the index stays what the documents say (no extra terms, no reindex when
 * the list changes), a query can switch it off (`=woord`, a quoted phrase), and a synonym can
 * be scored below the word the user typed. Each form is analysed like a query word, so
 * `cybersecurity`, `Cybersecurity` and plural or verb forms meet the same entry; a form of
 * several words is a phrase. Groups are read whole: every form finds every other.
 */

/** One form of a group: as written in the file, and as index terms (one term: a word; several: a phrase). */
export interface Form {
  text: string;
  terms: readonly string[];
}

export interface Thesaurus {
  /**
   * The other forms of the group(s) whose form is exactly `terms`, less those that cannot add
   * a match (a form containing `terms` or another synonym as a phrase); empty when none.
   */
  synonyms(terms: readonly string[]): Form[];
  /** The most terms any form has (how far a run of typed words is looked up). */
  readonly longest: number;
}

const key = (terms: readonly string[]) => terms.join(' ');

/** Index terms of one form, analysed as the query side analyses words. */
export function formTerms(text: string): string[] {
  const out: string[] = [];
  for (const tok of tokenize(text)) {
    const t = normalizeWord(tok.surface).term;
    if (t !== '') out.push(t);
  }
  return out;
}

/** Builds a thesaurus from the file's text (tab-separated forms per line, `#` comments). */
export function parseThesaurus(text: string): Thesaurus {
  const groups = new Map<string, Form[]>();
  let longest = 0;
  for (const [n, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const forms: Form[] = [];
    for (const f of raw.split('\t')) {
      const terms = formTerms(f);
      if (terms.length > 0 && !forms.some((x) => key(x.terms) === key(terms))) forms.push({ text: f.trim(), terms });
    }
    if (forms.length < 2) throw new Error(`thesaurus line ${n + 1}: a group needs two forms that analyse differently, separated by a tab: ${JSON.stringify(raw)}`);
    for (const f of forms) {
      longest = Math.max(longest, f.terms.length);
      const k = key(f.terms);
      const known = groups.get(k) ?? [];
      for (const other of forms) if (key(other.terms) !== k && !known.some((x) => key(x.terms) === key(other.terms))) known.push(other);
      groups.set(k, known);
    }
  }
  // A form that holds the typed form or another synonym as a phrase matches nothing more:
  // `ministerie van Economische Zaken en Klimaat` beside `Economische Zaken en Klimaat`.
  for (const [k, known] of groups) {
    const typed = k.split(' ');
    groups.set(
      k,
      known.filter((f) => !containsRun(f.terms, typed) && !known.some((o) => o !== f && o.terms.length < f.terms.length && containsRun(f.terms, o.terms))),
    );
  }
  return {
    synonyms: (terms) => (terms.length > longest ? [] : groups.get(key(terms)) ?? []),
    longest,
  };
}

function containsRun(hay: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

const FILE = 'thesaurus.tsv';

function locate(): string | null {
  // src/search → data/; compiled, dist/src/search → data/ two levels further up.
  for (const rel of ['../../data/', '../../../data/']) {
    const p = fileURLToPath(new URL(rel + FILE, import.meta.url));
    if (existsSync(p)) return p;
  }
  return null;
}

let loaded: Thesaurus | null = null;

/** The repository's thesaurus, read once; empty when the file is missing (an install without data/). */
export function defaultThesaurus(): Thesaurus {
  if (loaded === null) {
    const file = locate();
    loaded = file === null ? { synonyms: () => [], longest: 0 } : parseThesaurus(readFileSync(file, 'utf8'));
  }
  return loaded;
}

/** An empty thesaurus (tests; callers that want the words alone). */
export const NO_THESAURUS: Thesaurus = { synonyms: () => [], longest: 0 };
