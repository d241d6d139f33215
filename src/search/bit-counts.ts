// Totals and facets of a pruned search from bitsets: the exact total where sampled windows estimated it.

import { DOCUMENT_KINDS, ENTITY_TYPES, type SearchFilters, type SearchResponse } from '../domain/index.js';
import { fieldWords, foldPrefix } from './analyze.js';
import { YEARS, facetBuckets, liveByWindow, wantedTypes } from './collect.js';
import { NO_DAY, toDay, type State } from './doc-state.js';
import { COMMITTEE, DOCUMENT_TYPE, DOSSIER, KIND_CODE, PARTY, PERSON, TYPE_CODE, dossierKey } from './fields.js';
import { popcount, ranksOf, type Scored } from './postings.js';
import type { Plan } from './prune.js';

/*
 * Why bitsets: a pruned search (prune.ts) proves its top k from a few thousand entries, but
 * its total and facets came from evaluating every 16th window of 1,024 ids, scores and all:
 * 4-6 ms of CPU for `informatie europese` at 600,000 documents, more than finding the top 20,
 * and still only an estimate. Which entries match, without their scores, is a question of
 * sets: one bit per id is 100 KB at the archive's size, and an AND or OR of two lists is a
 * pass over 25,000 words. So each common list keeps a bitset beside it (built once per index
 * version, as its heads are; a short one is set bit by bit per search), the plan is evaluated
 * on those, the filters are bitsets of the state, and the total is a population count: exact
 * for any boolean query. The kind and year facets need each match's fields: for many matches
 * they are still counted on a sample of the windows (and flagged as estimates), for fewer on
 * every match.
 */

/**
 * Matches up to which the kind and year facets are counted on every match rather than a
 * sample (each match's kind, type and year are read: a cache miss or more each when the
 * matches are spread over the archive).
 */
export const EXACT_FACETS = 65_536;

/**
 * Matches the sampled facets are counted on, about: for a year of a tenth of the matches that
 * is ~3,300 of them, ±2 % were they drawn at random (windows of neighbouring ids cluster, so
 * more); they are shown as estimates (≈).
 */
const SAMPLE_MATCHES = 32_768;

/** Lists a plan may combine: each costs a pass over the words (a prefix may expand to hundreds). */
const MAX_LISTS = 24;

/**
 * The bitset of a list, by its doc ids: bit d & 31 of word d >> 5. A long list's (at least an
 * entry per word) is the bits of its rank directory (postings.ts, ranksOf), which the heads'
 * look-ups and bounds use too: one bitset per list, kept as long as the list (its entries take
 * more memory than the directory, so the postings cache's budget bounds these too). A short
 * one is set bit by bit per search: a crawler asking `de OR <a rare word>` again and again
 * would otherwise keep 150 KB per rare word. Always `words` long (ranksOf's `minWords`).
 */
function bitsOfDocs(docs: Int32Array, words: number): Int32Array {
  if (docs.length >= words) {
    const own = ranksOf(docs, words).bits;
    return new Int32Array(own.buffer, own.byteOffset, words);
  }
  const bits = new Int32Array(words);
  const limit = words << 5;
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i]!;
    if (d < limit) bits[d >>> 5]! |= 1 << (d & 31);
  }
  return bits;
}

/** Per index version (a State never changes): its live entries and each type's and kind's, as bitsets. */
interface StateBits {
  words: number;
  live: Int32Array;
  /** Live entries of each type code; null where there are none. */
  types: (Int32Array | null)[];
  /** Live documents of each kind code; built at the first kind filter. */
  kinds: (Int32Array | null)[] | null;
  /** Live entries of a year, built as filters ask for them (at most KEPT_YEARS kept). */
  years: Map<number, Int32Array>;
}

const stateBitsCache = new WeakMap<State, StateBits>();

function stateBits(st: State): StateBits {
  let sb = stateBitsCache.get(st);
  if (sb !== undefined) return sb;
  const words = (st.maxDoc >>> 5) + 1;
  const live = new Int32Array(words);
  const types: (Int32Array | null)[] = ENTITY_TYPES.map(() => null);
  for (let d = 1; d <= st.maxDoc; d++) {
    if (!st.live[d]) continue;
    const bit = 1 << (d & 31);
    live[d >>> 5]! |= bit;
    const t = st.type[d]!;
    (types[t] ??= new Int32Array(words))[d >>> 5]! |= bit;
  }
  sb = { words, live, types, kinds: null, years: new Map() };
  stateBitsCache.set(st, sb);
  return sb;
}

function kindBits(st: State, sb: StateBits): (Int32Array | null)[] {
  if (sb.kinds !== null) return sb.kinds;
  const kinds: (Int32Array | null)[] = DOCUMENT_KINDS.map(() => null);
  for (let d = 1; d <= st.maxDoc; d++) {
    if (!st.live[d] || st.type[d] !== DOCUMENT_TYPE) continue;
    (kinds[st.kind[d]!] ??= new Int32Array(sb.words))[d >>> 5]! |= 1 << (d & 31);
  }
  return (sb.kinds = kinds);
}

/** Year bitsets kept per index version: a handful are asked for; any year may be. */
const KEPT_YEARS = 32;

function yearBits(st: State, sb: StateBits, year: number): Int32Array {
  let bits = sb.years.get(year);
  if (bits === undefined) {
    bits = new Int32Array(sb.words);
    for (let d = 1; d <= st.maxDoc; d++) if (st.live[d] && st.year[d] === year) bits[d >>> 5]! |= 1 << (d & 31);
    if (sb.years.size >= KEPT_YEARS) sb.years.clear();
    sb.years.set(year, bits);
  }
  return bits;
}

/**
 * The plan's matches as a bitset, and whether it is a list's own (then never written to: the
 * caller copies it before narrowing it). Every pass over the words costs ~0.1 ms at the
 * archive's size, so a result is built from its first operand rather than from zeros.
 */
function planBits(p: Plan, words: number): { bits: Int32Array; shared: boolean } {
  switch (p.op) {
    case 'set':
      return { bits: bitsOfDocs(p.set.docs, words), shared: true };
    case 'or': {
      let out: Int32Array | null = null;
      for (const c of p.children) {
        const b = planBits(c, words);
        if (out === null) out = b.shared ? b.bits.slice() : b.bits;
        else for (let i = 0; i < words; i++) out[i]! |= b.bits[i]!;
      }
      return { bits: out ?? new Int32Array(words), shared: false };
    }
    case 'and': {
      const first = planBits(p.pos[0]!, words);
      const out = first.shared ? first.bits.slice() : first.bits;
      for (let k = 1; k < p.pos.length; k++) andInto(out, planBits(p.pos[k]!, words).bits);
      for (const c of p.neg) {
        const b = planBits(c, words).bits;
        for (let i = 0; i < words; i++) out[i]! &= ~b[i]!;
      }
      return { bits: out, shared: false };
    }
  }
}

function listsIn(p: Plan): number {
  return p.op === 'set' ? 1 : p.op === 'or' ? p.children.reduce((n, c) => n + listsIn(c), 0) : [...p.pos, ...p.neg].reduce((n, c) => n + listsIn(c), 0);
}

function andInto(out: Int32Array, b: Int32Array): void {
  for (let i = 0; i < out.length; i++) out[i]! &= b[i]!;
}

function unionOf(lists: Int32Array[], words: number): Int32Array {
  const out = new Int32Array(words);
  for (const b of lists) for (let i = 0; i < words; i++) out[i]! |= b[i]!;
  return out;
}

export interface BitCounts {
  /** Exact: the entries of the requested types that match the plan and every filter. */
  total: number;
  facets: SearchResponse['facets'];
  /** The kind and year facets and the other types' counts were counted on a sample (the requested types' never are). */
  facetsAreEstimates: boolean;
}

/**
 * Whether countByBits takes the plan (null: every live entry): not one of more lists than a
 * pass each is worth (the caller samples windows instead).
 */
export function countable(plan: Plan | null): boolean {
  return plan === null || listsIn(plan) <= MAX_LISTS;
}

/**
 * Total and facets of `plan` (null: every live entry; see countable) under `f`, as
 * applyFilters and facetsOf count them over the whole evaluation (collect.ts): live entries
 * passing every filter but `type:` give the type facet, those of the requested types
 * (documents when none) the total and the kind and year facets. `flag` gives a field term's
 * documents.
 */
export function countByBits(plan: Plan | null, f: SearchFilters, st: State, flag: (term: string) => Scored, windowBits: number, exactFacets = EXACT_FACETS): BitCounts {
  const sb = stateBits(st);
  const words = sb.words;
  const flags = (terms: string[]) => unionOf(terms.map((t) => bitsOfDocs(flag(t).docs, words)), words);
  // `pre`: what passes every filter but the type. Not narrowed to live entries: each type's
  // bitset holds live entries only, and every count and facet goes through one of them.
  let pre: Int32Array;
  if (plan === null) pre = sb.live.slice();
  else {
    const b = planBits(plan, words);
    pre = b.shared ? b.bits.slice() : b.bits;
  }
  if (f.parties.length > 0) andInto(pre, flags(f.parties.map((p) => PARTY + foldPrefix(p))));
  if (f.dossiers.length > 0) andInto(pre, flags(f.dossiers.map((x) => DOSSIER + dossierKey(x))));
  for (const [values, prefix] of [[f.persons, PERSON], [f.committees, COMMITTEE]] as const) {
    if (values.length === 0) continue;
    // A value matches where all its words are words of the entry's names.
    const each = values.map((v) => {
      const ws = fieldWords(v);
      if (ws.length === 0) return new Int32Array(words);
      const all = bitsOfDocs(flag(prefix + ws[0]!).docs, words).slice();
      for (const w of ws.slice(1)) andInto(all, bitsOfDocs(flag(prefix + w).docs, words));
      return all;
    });
    andInto(pre, unionOf(each, words));
  }
  if (f.kinds.length > 0) {
    const kinds = kindBits(st, sb);
    andInto(pre, unionOf(f.kinds.flatMap((k) => kinds[KIND_CODE.get(k)!] ?? []), words));
  }
  if (f.years.length > 0) andInto(pre, unionOf(f.years.map((y) => yearBits(st, sb, y)), words));
  const from = f.dateFrom ? toDay(f.dateFrom) : null;
  const to = f.dateTo ? toDay(f.dateTo) : null;
  if (from !== null || to !== null) {
    // A range is asked once per search: one pass over the day column, only where `pre` is set.
    for (let i = 0; i < words; i++) {
      let w = pre[i]!;
      for (let rest = w; rest !== 0; rest &= rest - 1) {
        const bit = rest & -rest;
        const day = st.day[(i << 5) | (31 - Math.clz32(bit))]!;
        if (day === NO_DAY || (from !== null && day < from) || (to !== null && day > to)) w &= ~bit;
      }
      pre[i] = w;
    }
  }
  const wanted = wantedTypes(f);
  // Exact, whatever else is sampled: the total, one pass per requested type.
  const typeCounts = new Float64Array(ENTITY_TYPES.length);
  let total = 0;
  for (let t = 0; t < wanted.length; t++) if (wanted[t]) total += typeCounts[t] = countAnd(pre, sb.types[t] ?? null);
  const sample = total > exactFacets;
  const kinds = new Float64Array(DOCUMENT_KINDS.length);
  const years = new Float64Array(YEARS.span);
  if (!sample) {
    // Few matches: each one's kind and year, and a pass per other type present.
    for (let t = 0; t < wanted.length; t++) if (!wanted[t]) typeCounts[t] = countAnd(pre, sb.types[t] ?? null);
    const mask = f.types.length === 0 ? sb.types[DOCUMENT_TYPE] ?? null : unionOf(f.types.flatMap((t) => sb.types[TYPE_CODE.get(t)!] ?? []), words);
    if (mask !== null) tally(pre, mask, st, wanted, 0, words, kinds, years, null);
    return { total, facets: facetBuckets(kinds, years, typeCounts, 1), facetsAreEstimates: false };
  }
  // Many: the kinds, years and the other types counted in evenly spread windows, about
  // SAMPLE_MATCHES of the matches, and scaled as prunedCounts scales its windows: by the live
  // entries in them.
  const windowWords = Math.max(1, 1 << Math.max(0, windowBits - 5));
  const every = Math.max(2, 2 ** Math.ceil(Math.log2(total / SAMPLE_MATCHES)));
  const others = new Float64Array(ENTITY_TYPES.length);
  const live = liveByWindow(st, windowBits);
  let all = 0;
  let inWindows = 0;
  for (let x = 0; x < live.length; x++) all += live[x]!;
  for (let x = Math.min(live.length - 1, every >> 1); x < live.length; x += every) {
    inWindows += live[x]!;
    tally(pre, sb.live, st, wanted, x * windowWords, Math.min(words, (x + 1) * windowWords), kinds, years, others);
  }
  const ratio = inWindows > 0 ? all / inWindows : 0;
  for (let t = 0; t < wanted.length; t++) if (!wanted[t]) typeCounts[t] = others[t]! * ratio;
  return { total, facets: facetBuckets(kinds, years, typeCounts, ratio), facetsAreEstimates: true };
}

/** Set bits of `a & b`, over the words where `a` has any (b null: none). */
function countAnd(a: Int32Array, b: Int32Array | null): number {
  if (b === null) return 0;
  let c = 0;
  for (let i = 0; i < a.length; i++) {
    const w = a[i]!;
    if (w !== 0) c += popcount(w & b[i]!);
  }
  return c;
}

/**
 * For each entry set in words [from, to) of both `pre` and `mask` (live entries, or those of
 * the requested types): of a requested type, its kind (documents) and year into the counters,
 * as facetsOf counts them; of another type, into `others` when given (those words are a
 * sample). Each entry's fields are read here once.
 */
function tally(pre: Int32Array, mask: Int32Array, st: State, wanted: Uint8Array, from: number, to: number, kinds: Float64Array, years: Float64Array, others: Float64Array | null): void {
  const typeOf = st.type;
  const kindOf = st.kind;
  const yearOf = st.year;
  const documentType = DOCUMENT_TYPE; // a local: see applyFilters
  const base = YEARS.base;
  const span = YEARS.span;
  for (let i = from; i < to; i++) {
    for (let w = pre[i]! & mask[i]!; w !== 0; w &= w - 1) {
      const d = (i << 5) | (31 - Math.clz32(w & -w));
      const t = typeOf[d]!;
      if (!wanted[t]) {
        if (others !== null) others[t]!++;
        continue;
      }
      if (t === documentType) kinds[kindOf[d]!]!++;
      const y = yearOf[d]! - base;
      if (y >= 0 && y < span) years[y]!++;
    }
  }
}
