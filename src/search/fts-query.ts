// Analyses a query AST into index terms and renders it as an FTS5 MATCH expression, every term quoted.

import { KamerlensError } from '../domain/errors.js';
import type { QueryNode } from '../domain/search.js';
import { foldPrefix, tokenize } from './analyze.js';
import { normalizeWord } from './dutch/index.js';
import { defaultThesaurus, type Thesaurus } from './thesaurus.js';

/** An analysed query: words replaced by index terms, prefixes by their expansions. */
export type AnalyzedNode =
  /** `exact`: the term only, not as a part of compounds; `weight`: a synonym's (default 1). */
  | { type: 'term'; term: string; exact?: boolean; weight?: number }
  | { type: 'prefix'; prefix: string; expansions: string[]; truncated: boolean }
  /** `weight`: a synonym's (default 1). */
  | { type: 'phrase'; terms: string[]; weight?: number }
  /** Every term within `distance` words of the others (NEAR). */
  | { type: 'near'; terms: string[]; distance: number }
  | { type: 'and'; positive: AnalyzedNode[]; negative: AnalyzedNode[] }
  | { type: 'or'; children: AnalyzedNode[] }
  /** Matches nothing (a prefix without expansions). */
  | { type: 'none' };

/** What highlighting needs of a query: positive terms, prefixes and phrases (as term lists). */
export interface HighlightSpec {
  terms: Set<string>;
  prefixes: string[];
  phrases: string[][];
  /** How many of the terms and phrases are synonyms (highlighted, but not each wanted in a snippet). */
  synonyms?: number;
}

/** Expands a folded prefix to index terms (most frequent first) and says whether it cut the list. */
export type PrefixExpander = (prefix: string) => { terms: string[]; truncated: boolean };

const MAX_DEPTH = 32;
const MAX_NODES = 256;
/** How much a synonym from the thesaurus counts against the word typed. */
export const SYNONYM_WEIGHT = 0.5;

/** A word as typed, not `=exact` and not a prefix: the words the thesaurus applies to. */
const isPlainWord = (n: QueryNode): n is Extract<QueryNode, { type: 'term' }> =>
  n !== null && typeof n === 'object' && n.type === 'term' && typeof n.text === 'string' && n.prefix !== true && n.exact !== true;

/** The analysis of a plain word: its term, or the phrase of its pieces (`14435/17`). */
function wordNode(text: string): { node: AnalyzedNode; terms: string[] } | null {
  const words = tokenize(text);
  if (words.length > 1) {
    const terms = words.map((w) => normalizeWord(w.surface).term).filter((t) => t !== '');
    if (terms.length > 1) return { node: { type: 'phrase', terms }, terms };
  }
  const term = normalizeWord(text).term;
  return term === '' ? null : { node: { type: 'term', term }, terms: [term] };
}

/** A word (or run of words) of the query and the synonyms it was also searched for. */
export interface SynonymNote {
  typed: string;
  synonyms: string[];
}

/** `base` OR its synonyms (each weighted SYNONYM_WEIGHT), or `base` alone. */
function withSynonyms(base: AnalyzedNode, terms: readonly string[], thesaurus: Thesaurus, typed: string, notes?: SynonymNote[]): AnalyzedNode {
  const forms = thesaurus.synonyms(terms);
  if (forms.length === 0) return base;
  if (notes && !notes.some((n) => n.typed === typed)) notes.push({ typed, synonyms: forms.map((f) => f.text) });
  const alts: AnalyzedNode[] = forms.map((f) =>
    f.terms.length === 1 ? { type: 'term', term: f.terms[0]!, weight: SYNONYM_WEIGHT } : { type: 'phrase', terms: [...f.terms], weight: SYNONYM_WEIGHT },
  );
  return { type: 'or', children: [base, ...alts] };
}

function bad(message: string): KamerlensError {
  return new KamerlensError('BAD_QUERY', message);
}

/**
 * Analyse the AST: normalise words exactly as at index time, drop words that analyse to
 * nothing, expand prefixes. Returns null when nothing searchable remains. Throws BAD_QUERY on
 * a malformed AST (unknown node, empty group, an exclusion without a positive sibling).
 */
export function analyzeQuery(
  root: QueryNode,
  expand: PrefixExpander,
  thesaurus: Thesaurus = defaultThesaurus(),
  notes?: SynonymNote[],
): AnalyzedNode | null {
  let nodes = 0;
  const walk = (node: QueryNode, depth: number): AnalyzedNode | null => {
    if (++nodes > MAX_NODES) throw bad('The query is too complex');
    if (depth > MAX_DEPTH) throw bad('The query is nested too deeply');
    if (node === null || typeof node !== 'object') throw bad('Malformed query node');
    switch (node.type) {
      case 'term': {
        if (typeof node.text !== 'string') throw bad('Malformed term');
        if (node.prefix === true) {
          const prefix = foldPrefix(node.text);
          if (prefix === '') return null;
          const { terms, truncated } = expand(prefix);
          return terms.length === 0 ? { type: 'none' } : { type: 'prefix', prefix, expansions: terms, truncated };
        }
        // A word the tokenizer cuts (`14435/17`, `NIS2-richtlijn`, `21501-33`) is the phrase of its pieces, as in the text.
        const w = wordNode(node.text);
        if (w === null) return null;
        if (node.exact === true) return w.node.type === 'term' ? { type: 'term', term: w.node.term, exact: true } : w.node;
        return withSynonyms(w.node, w.terms, thesaurus, node.text, notes);
      }
      case 'near': {
        if (!Array.isArray(node.words) || typeof node.distance !== 'number') throw bad('Malformed NEAR');
        const terms: string[] = [];
        for (const w of node.words) {
          if (typeof w !== 'string') throw bad('Malformed NEAR');
          for (const tok of tokenize(w)) {
            const t = normalizeWord(tok.surface).term;
            if (t !== '') terms.push(t);
          }
        }
        if (terms.length === 0) return null;
        if (terms.length === 1) return { type: 'term', term: terms[0]! };
        return { type: 'near', terms, distance: node.distance };
      }
      case 'phrase': {
        if (!Array.isArray(node.words)) throw bad('Malformed phrase');
        const terms: string[] = [];
        for (const w of node.words) {
          if (typeof w !== 'string') throw bad('Malformed phrase');
          const t = normalizeWord(w).term;
          if (t !== '') terms.push(t);
        }
        if (terms.length === 0) return null;
        const only = terms[0];
        return terms.length === 1 && only !== undefined ? { type: 'term', term: only } : { type: 'phrase', terms };
      }
      case 'and': {
        if (!Array.isArray(node.children) || node.children.length === 0) throw bad('Empty group');
        const positive: AnalyzedNode[] = [];
        const negative: AnalyzedNode[] = [];
        let sawPositive = false;
        const kids = node.children;
        for (let i = 0; i < kids.length; i++) {
          const child = kids[i] as QueryNode;
          // A run of plain words that is a form of the thesaurus (`kunstmatige intelligentie`,
          // `Economische Zaken en Klimaat`): the words as typed, OR the form's synonyms.
          if (thesaurus.longest > 1 && isPlainWord(child)) {
            let j = i;
            const run: { node: AnalyzedNode; terms: string[] }[] = [];
            while (j < kids.length && isPlainWord(kids[j]!) && run.length < thesaurus.longest) {
              const w = wordNode((kids[j] as { text: string }).text);
              if (w === null) break;
              run.push(w);
              j++;
            }
            let matched = 0;
            for (let len = run.length; len >= 2 && matched === 0; len--) {
              const terms = run.slice(0, len).flatMap((w) => w.terms);
              if (thesaurus.synonyms(terms).length > 0) {
                const words: AnalyzedNode = { type: 'and', positive: run.slice(0, len).map((w) => w.node), negative: [] };
                const typed = kids.slice(i, i + len).map((k) => (k as { text: string }).text).join(' ');
                positive.push(withSynonyms(words, terms, thesaurus, typed, notes));
                matched = len;
              }
            }
            if (matched > 0) {
              nodes += matched;
              if (nodes > MAX_NODES) throw bad('The query is too complex');
              sawPositive = true;
              i += matched - 1;
              continue;
            }
          }
          if (child !== null && typeof child === 'object' && child.type === 'not') {
            if (++nodes > MAX_NODES) throw bad('The query is too complex');
            const n = walk(child.child, depth + 1);
            if (n !== null && n.type !== 'none') negative.push(n);
          } else {
            sawPositive = true;
            const p = walk(child, depth + 1);
            if (p !== null) positive.push(p);
          }
        }
        if (!sawPositive) throw bad('An exclusion needs at least one word to search for');
        if (positive.some((p) => p.type === 'none')) return { type: 'none' };
        if (positive.length === 0) return null;
        const first = positive[0];
        if (positive.length === 1 && negative.length === 0 && first !== undefined) return first;
        return { type: 'and', positive, negative };
      }
      case 'or': {
        if (!Array.isArray(node.children) || node.children.length === 0) throw bad('Empty group');
        const children: AnalyzedNode[] = [];
        for (const child of node.children) {
          if (child !== null && typeof child === 'object' && child.type === 'not') {
            throw bad('An exclusion cannot be an alternative');
          }
          const c = walk(child, depth + 1);
          if (c !== null && c.type !== 'none') children.push(c);
        }
        if (children.length === 0) return { type: 'none' };
        const first = children[0];
        return children.length === 1 && first !== undefined ? first : { type: 'or', children };
      }
      case 'not':
        throw bad('An exclusion needs at least one word to search for');
      default:
        throw bad('Unknown query node');
    }
  };
  return walk(root, 0);
}

/**
 * The synonyms the thesaurus adds to a query, per word (or run of words) as typed, for the
 * results page to say what else was searched. Analysis only: the index is not read.
 */
export function synonymNotes(root: QueryNode | null, thesaurus: Thesaurus = defaultThesaurus()): SynonymNote[] {
  const notes: SynonymNote[] = [];
  if (root !== null) analyzeQuery(root, () => ({ terms: [], truncated: false }), thesaurus, notes);
  return notes;
}

/** Quote one term for FTS5: user text only ever reaches FTS5 inside a string literal. */
function q(term: string): string {
  return '"' + term.replace(/"/g, '""') + '"';
}

/** Render an analysed query as an FTS5 MATCH expression (never called with `none`). */
export function toFtsMatch(node: AnalyzedNode): string {
  switch (node.type) {
    case 'term':
      return q(node.term);
    case 'prefix':
      return node.expansions.length === 1 ? q(node.expansions[0] ?? '') : '(' + node.expansions.map(q).join(' OR ') + ')';
    case 'phrase':
      // One string of several tokens is an FTS5 phrase: the words must be adjacent, in order.
      return q(node.terms.join(' '));
    case 'near':
      return `NEAR(${node.terms.map(q).join(' ')}, ${node.distance})`;
    case 'and': {
      let expr = node.positive.map((p) => '(' + toFtsMatch(p) + ')').join(' AND ');
      for (const n of node.negative) expr = '(' + expr + ') NOT (' + toFtsMatch(n) + ')';
      return expr;
    }
    case 'or':
      return node.children.map((c) => '(' + toFtsMatch(c) + ')').join(' OR ');
    case 'none':
      throw new KamerlensError('INTERNAL', 'Een lege zoekopdracht kan niet worden vertaald');
  }
}

/** Distinct positive index terms (terms, phrase words, prefix expansions): what ranking scores. */
export function positiveTerms(node: AnalyzedNode, out: Set<string> = new Set()): Set<string> {
  switch (node.type) {
    case 'term':
      out.add(node.term);
      break;
    case 'prefix':
      for (const t of node.expansions) out.add(t);
      break;
    case 'phrase':
    case 'near':
      for (const t of node.terms) out.add(t);
      break;
    case 'and':
      for (const p of node.positive) positiveTerms(p, out);
      break;
    case 'or':
      for (const c of node.children) positiveTerms(c, out);
      break;
    case 'none':
      break;
  }
  return out;
}

/** True when some prefix expansion list was cut (so totals may undercount). */
export function hasTruncatedPrefix(node: AnalyzedNode): boolean {
  switch (node.type) {
    case 'prefix':
      return node.truncated;
    case 'and':
      return node.positive.some(hasTruncatedPrefix);
    case 'or':
      return node.children.some(hasTruncatedPrefix);
    default:
      return false;
  }
}

/** Upper bound of the number of matching documents, from per-term document frequencies. */
export function matchUpperBound(node: AnalyzedNode, df: (term: string) => number, nDocs: number): number {
  switch (node.type) {
    case 'term':
      return df(node.term);
    case 'prefix':
      return Math.min(nDocs, node.expansions.reduce((s, t) => s + df(t), 0));
    case 'phrase':
    case 'near':
      return Math.min(...node.terms.map(df));
    case 'and':
      return Math.min(...node.positive.map((p) => matchUpperBound(p, df, nDocs)));
    case 'or':
      return Math.min(nDocs, node.children.reduce((s, c) => s + matchUpperBound(c, df, nDocs), 0));
    case 'none':
      return 0;
  }
}

/** The positive terms, prefixes and phrases of a query, for highlighting. */
export function highlightSpec(node: AnalyzedNode | null): HighlightSpec {
  const spec: HighlightSpec = { terms: new Set(), prefixes: [], phrases: [], synonyms: 0 };
  const walk = (n: AnalyzedNode): void => {
    switch (n.type) {
      case 'term':
        if (n.weight !== undefined && !spec.terms.has(n.term)) spec.synonyms!++;
        spec.terms.add(n.term);
        break;
      case 'prefix':
        spec.prefixes.push(n.prefix);
        break;
      case 'phrase':
        if (n.weight !== undefined) spec.synonyms!++;
        spec.phrases.push(n.terms);
        break;
      case 'near':
        for (const t of n.terms) spec.terms.add(t);
        break;
      case 'and':
        n.positive.forEach(walk);
        break;
      case 'or':
        n.children.forEach(walk);
        break;
      case 'none':
        break;
    }
  };
  if (node !== null) walk(node);
  return spec;
}

/** Positive terms ordered for scoring: typed words and phrase words first, then prefix expansions (most frequent first). */
export function scoringTerms(node: AnalyzedNode): string[] {
  const words = new Set<string>();
  const expansions: string[][] = [];
  const walk = (n: AnalyzedNode): void => {
    if (n.type === 'prefix') expansions.push(n.expansions);
    else if (n.type === 'and') n.positive.forEach(walk);
    else if (n.type === 'or') n.children.forEach(walk);
    else positiveTerms(n, words);
  };
  walk(node);
  // Interleave expansions of several prefixes so each keeps its most frequent terms.
  const longest = Math.max(0, ...expansions.map((e) => e.length));
  for (let i = 0; i < longest; i++) for (const e of expansions) if (e[i] !== undefined) words.add(e[i]!);
  return [...words];
}
