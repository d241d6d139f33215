// Finds query matches in text by re-tokenising it, and cuts a highlighted snippet around the best cluster.

import type { HighlightRange } from '../domain/search.js';
import { tokenize } from './analyze.js';
import { normalizeWord } from './dutch/index.js';
import type { HighlightSpec } from './fts-query.js';

/** Target snippet length in characters (before the ellipses). */
export const SNIPPET_LENGTH = 240;

interface Match {
  start: number;
  end: number;
  term: string;
}

/** Every match of the spec in `text` (terms, compound parts, prefixes, whole phrases), in order. */
export function findMatches(text: string, spec: HighlightSpec, from = 0): Match[] {
  const toks = tokenize(from === 0 ? text : text.slice(from));
  const out: Match[] = [];
  const hasPhrases = spec.phrases.length > 0;
  const seq: { start: number; end: number; term: string }[] = [];
  for (const tok of toks) {
    const nw = normalizeWord(tok.surface);
    if (nw.term === '') continue;
    const start = tok.start + from;
    const end = tok.end + from;
    if (hasPhrases) seq.push({ start, end, term: nw.term });
    let hit = spec.terms.has(nw.term);
    if (!hit) for (const p of nw.parts) if (spec.terms.has(p)) { hit = true; break; }
    if (!hit) for (const p of nw.inner) if (spec.terms.has(p)) { hit = true; break; }
    if (!hit) for (const p of spec.prefixes) if (nw.term.startsWith(p)) { hit = true; break; }
    if (hit) out.push({ start, end, term: nw.term });
  }
  if (hasPhrases) {
    // Phrases match on the sequence of indexed terms, as FTS5 positions do.
    for (const phrase of spec.phrases) {
      const first = phrase[0];
      for (let i = 0; i + phrase.length <= seq.length; i++) {
        if (seq[i]?.term !== first) continue;
        let ok = true;
        for (let j = 1; j < phrase.length; j++) if (seq[i + j]?.term !== phrase[j]) { ok = false; break; }
        if (!ok) continue;
        for (let j = 0; j < phrase.length; j++) {
          const s = seq[i + j];
          if (s) out.push({ start: s.start, end: s.end, term: phrase.join(' ') });
        }
      }
    }
    out.sort((a, b) => a.start - b.start);
  }
  // Dedupe (a word can be both a term and part of a phrase).
  const dedup: Match[] = [];
  for (const m of out) if (dedup.at(-1)?.start !== m.start) dedup.push(m);
  return dedup;
}

/** Characters analysed per slice of a long text between two looks at the clock. */
const HIGHLIGHT_SLICE = 64_000;
/** Context re-read before each slice, so a phrase across the cut is still seen whole. */
const HIGHLIGHT_OVERLAP = 600;

/**
 * Highlight ranges for the whole text (document page), slice by slice: past `budgetMs` it
 * stops, so a 10 MB document is highlighted as far as the budget reaches (analysing every
 * word of it took 3.8 s) instead of holding the server.
 */
export function highlightRanges(text: string, spec: HighlightSpec, budgetMs = Infinity): HighlightRange[] {
  if (text.length <= HIGHLIGHT_SLICE) return findMatches(text, spec).map((m) => [m.start, m.end]);
  const deadline = performance.now() + budgetMs;
  const out: HighlightRange[] = [];
  for (let lo = 0; lo < text.length; ) {
    let hi = Math.min(text.length, lo + HIGHLIGHT_SLICE);
    while (hi < text.length && !isSpace(text.charCodeAt(hi))) hi++;
    // Read a margin on both sides and keep the matches that start inside: a phrase across
    // either edge is then seen whole by the slice that owns each of its words.
    let from = Math.max(0, lo - HIGHLIGHT_OVERLAP);
    while (from > 0 && !isSpace(text.charCodeAt(from - 1))) from--;
    let to = Math.min(text.length, hi + HIGHLIGHT_OVERLAP);
    while (to < text.length && !isSpace(text.charCodeAt(to))) to++;
    for (const m of findMatches(text.slice(from, to), spec)) {
      const start = m.start + from;
      if (start >= lo && start < hi && (out.length === 0 || start >= out[out.length - 1]![1])) out.push([start, m.end + from]);
    }
    lo = hi;
    if (performance.now() > deadline) break;
  }
  return out;
}

/** When no candidate word is found: a snippet scans at most this much of a text from its start. */
const FALLBACK_SCAN = 100_000;

function scanHead(text: string, spec: HighlightSpec): Match[] {
  if (text.length <= FALLBACK_SCAN) return findMatches(text, spec);
  let end = FALLBACK_SCAN;
  while (end < text.length && !isSpace(text.charCodeAt(end))) end++;
  return findMatches(text.slice(0, end), spec);
}

/** A snippet with its highlight ranges (offsets into `snippet`). */
export interface Snippet {
  snippet: string;
  highlights: HighlightRange[];
}

/** Characters of context a snippet search tokenises at most once it has a match. */
const SNIPPET_SCAN_BUDGET = 2_000;
/** How many leading characters of a term locate its candidate words in the raw text. */
const NEEDLE = 4;
/** Context tokenised around each candidate, so phrases and clusters are seen whole. */
const MARGIN = 160;
/** Longest window tokenised in one go. */
const MAX_WINDOW = 800;

/**
 * Where the needles occur in the lower-cased text, in ascending order (a position found by two
 * needles twice), found only as far as they are asked for: a snippet usually needs the first
 * window, while a needle like `de` occurs hundreds of times in a text, and finding and sorting
 * every occurrence up front was wasted on all but the first few (the same snippets in
 * 0.70–1.05× the time, the least for an OR of common words).
 */
class Candidates {
  private readonly found: number[] = [];
  private readonly needles: string[];
  /** Per needle, its next occurrence not yet taken (-1: none left). */
  private readonly next: number[];

  constructor(
    private readonly lower: string,
    needles: Iterable<string>,
  ) {
    this.needles = [...needles].filter((n) => n !== '');
    this.next = this.needles.map((n) => lower.indexOf(n));
  }

  /** Whether there is a k-th candidate (taking occurrences from the needles until it is known). */
  has(k: number): boolean {
    while (this.found.length <= k) {
      let best = -1;
      for (let i = 0; i < this.next.length; i++) {
        const at = this.next[i]!;
        if (at !== -1 && (best === -1 || at < this.next[best]!)) best = i;
      }
      if (best === -1) return false;
      const at = this.next[best]!;
      this.found.push(at);
      this.next[best] = this.lower.indexOf(this.needles[best]!, at + this.needles[best]!.length);
    }
    return true;
  }

  /** The k-th candidate; `has(k)` must have said there is one. */
  at(k: number): number {
    return this.found[k]!;
  }
}

/**
 * The matches of the spec, found cheaply: normalising every word of a long text costs far
 * more than the rest of a query, so first locate candidate words by the first letters of
 * the query's terms (a native substring search over the lower-cased text), then tokenise
 * only windows around them. Inflections keep their first letters (informeerde → informer,
 * Oekraïne → oekrain, cyberbeveiliging contains beveilig); when that finds nothing (an
 * irregular form), the whole text is scanned.
 */
export function findMatchesFast(text: string, spec: HighlightSpec, budget = Infinity): Match[] {
  // Nothing to find (a filter-only listing): not worth analysing the whole text to learn that.
  if (spec.terms.size === 0 && spec.prefixes.length === 0 && spec.phrases.length === 0) return [];
  const needles = new Set<string>();
  for (const t of spec.terms) needles.add(t.slice(0, NEEDLE));
  for (const p of spec.prefixes) needles.add(p.slice(0, NEEDLE));
  for (const ph of spec.phrases) for (const t of ph) needles.add(t.slice(0, NEEDLE));
  const lower = text.toLowerCase();
  if (needles.size === 0 || lower.length !== text.length) return scanHead(text, spec);
  const starts = new Candidates(lower, needles);
  if (!starts.has(0)) return scanHead(text, spec);
  const out: Match[] = [];
  // A word's synonyms stand in for it: the snippet needs one of them, not each.
  const wanted = Math.max(1, spec.terms.size + spec.prefixes.length + spec.phrases.length - (spec.synonyms ?? 0));
  const seen = new Set<string>();
  let scanned = 0;
  let k = 0;
  // A snippet needs one good cluster, not every match: stop once every query term was seen
  // or the budget is spent (a word like "de" occurs all over a document).
  while (starts.has(k) && !(out.length > 0 && (scanned >= budget || seen.size >= wanted))) {
    let lo = Math.max(0, starts.at(k) - MARGIN);
    let hi = Math.min(text.length, starts.at(k) + MARGIN);
    // Merge nearby candidates, but keep windows short: a word like "de" is everywhere.
    while (starts.has(k + 1) && starts.at(k + 1) - MARGIN <= hi && hi - lo < MAX_WINDOW) {
      hi = Math.min(text.length, starts.at(++k) + MARGIN);
    }
    k++;
    // Cut at spaces so no word is split at a window's edge.
    while (lo > 0 && !isSpace(text.charCodeAt(lo - 1))) lo--;
    while (hi < text.length && !isSpace(text.charCodeAt(hi))) hi++;
    scanned += hi - lo;
    for (const m of findMatches(text.slice(lo, hi), spec)) {
      if (out.length === 0 || m.start + lo >= out[out.length - 1]!.end) {
        out.push({ start: m.start + lo, end: m.end + lo, term: m.term });
        seen.add(m.term);
      }
    }
  }
  return out.length > 0 ? out : scanHead(text, spec);
}

/**
 * Cut a ~SNIPPET_LENGTH excerpt around the window with the most distinct matched terms (then
 * the most matches), whitespace collapsed, `…` where cut; highlights are offsets into it.
 */
export function makeSnippet(text: string, spec: HighlightSpec): Snippet {
  const matches = findMatchesFast(text, spec, SNIPPET_SCAN_BUDGET);
  if (matches.length === 0) return cut(text, 0, Math.min(text.length, SNIPPET_LENGTH), []);

  // Two pointers over matches: the window [i..j] spanning at most SNIPPET_LENGTH chars.
  let best = { i: 0, j: 0, score: -1 };
  const counts = new Map<string, number>();
  let i = 0;
  for (let j = 0; j < matches.length; j++) {
    const mj = matches[j]!;
    counts.set(mj.term, (counts.get(mj.term) ?? 0) + 1);
    while (mj.end - matches[i]!.start > SNIPPET_LENGTH) {
      const mi = matches[i]!;
      const c = (counts.get(mi.term) ?? 1) - 1;
      if (c === 0) counts.delete(mi.term);
      else counts.set(mi.term, c);
      i++;
    }
    const score = counts.size * 1000 + (j - i + 1);
    if (score > best.score) best = { i, j, score };
  }
  const a = matches[best.i]!.start;
  const b = matches[best.j]!.end;
  // Centre the cluster in the window, then snap to word boundaries.
  const slack = Math.max(0, SNIPPET_LENGTH - (b - a));
  let start = Math.max(0, a - Math.floor(slack / 2));
  let end = Math.min(text.length, start + Math.max(SNIPPET_LENGTH, b - a));
  if (end === text.length) start = Math.max(0, Math.min(start, end - SNIPPET_LENGTH));
  start = snapStart(text, start, a);
  end = snapEnd(text, end, b);
  const inside = matches.slice(best.i).filter((m) => m.start >= start && m.end <= end);
  return cut(text, start, end, inside.map((m) => [m.start, m.end] as HighlightRange));
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 160;
}

/** Move a cut start forward to just after a space (never past `limit`, the first match). */
function snapStart(text: string, pos: number, limit: number): number {
  if (pos === 0) return 0;
  for (let k = pos; k < limit; k++) if (isSpace(text.charCodeAt(k - 1))) return k;
  return Math.min(pos, limit);
}

/** Move a cut end back to a space (never before `limit`, the last match's end). */
function snapEnd(text: string, pos: number, limit: number): number {
  if (pos >= text.length) return text.length;
  for (let k = pos; k > limit; k--) if (isSpace(text.charCodeAt(k))) return k;
  return Math.max(pos, limit);
}

/** Excerpt text[start,end) with whitespace runs collapsed and ellipses, remapping highlight offsets. */
function cut(text: string, start: number, end: number, ranges: HighlightRange[]): Snippet {
  if (end < text.length) end = snapEnd(text, end, start);
  let out = start > 0 ? '…' : '';
  const map = new Int32Array(end - start + 1);
  let prevSpace = true;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    map[k - start] = out.length;
    if (isSpace(c)) {
      if (!prevSpace) out += ' ';
      prevSpace = true;
    } else {
      out += text[k];
      prevSpace = false;
    }
  }
  map[end - start] = out.length;
  out = out.trimEnd();
  const highlights: HighlightRange[] = ranges.map(([s, e]) => [map[s - start] ?? 0, Math.min(out.length, map[e - start] ?? out.length)]);
  if (end < text.length) out += '…';
  return { snippet: out, highlights };
}
