// Collection: filters over the document state, rank keys for the requested order, totals and facets (exact or scaled from a sample).

import { DOCUMENT_KINDS, ENTITY_TYPES, type FacetBucket, type ParsedQuery, type SearchFilters, type SearchResponse } from '../domain/index.js';
import { fieldWords, foldPrefix } from './analyze.js';
import { NO_DAY, toDay, type State } from './doc-state.js';
import { COMMITTEE, DOCUMENT_TYPE, DOSSIER, KIND_CODE, PARTY, PERSON, TYPE_CODE, dossierKey } from './fields.js';
import { EMPTY_SCORED, intersect, topKByKey, union, type Scored } from './postings.js';
import { evaluateOn, evaluateWindow, sampledWindows, windowCount, type Plan, type PrunedTopK, type TypesOnly, type WindowResult } from './prune.js';

const YEAR_BASE = 1800;
const YEAR_SPAN = 400;

/** By type code, 1 for each type a search's filters keep: documents unless `type:` says otherwise. */
export function wantedTypes(f: SearchFilters): Uint8Array {
  const wanted = new Uint8Array(ENTITY_TYPES.length);
  if (f.types.length === 0) wanted[DOCUMENT_TYPE] = 1;
  for (const t of f.types) wanted[TYPE_CODE.get(t)!] = 1;
  return wanted;
}

/**
 * Keeps live entries that pass the filters, and counts per type what passes every filter
 * but `type:` (the type facet). `flag` gives a field term's documents with zero scores.
 */
export function applyFilters(set: Scored, f: SearchFilters, st: State, flag: (term: string) => Scored): { set: Scored; types: Float64Array } {
  let base = set;
  if (f.parties.length > 0) {
    base = intersect([base, union(f.parties.map((p) => flag(PARTY + foldPrefix(p))))]);
  }
  if (f.dossiers.length > 0) {
    base = intersect([base, union(f.dossiers.map((x) => flag(DOSSIER + dossierKey(x))))]);
  }
  for (const [values, prefix] of [[f.persons, PERSON], [f.committees, COMMITTEE]] as const) {
    if (values.length === 0) continue;
    // A value matches where all its words are words of the entry's names.
    base = intersect([base, union(values.map((v) => intersect(fieldWords(v).map((w) => flag(prefix + w)))))]);
  }
  // Lookup tables, not Sets: this loop may run over every live document.
  let kinds: Uint8Array | null = null;
  if (f.kinds.length > 0) {
    kinds = new Uint8Array(DOCUMENT_KINDS.length);
    for (const k of f.kinds) kinds[KIND_CODE.get(k)!] = 1;
  }
  let years: Uint8Array | null = null;
  if (f.years.length > 0) {
    years = new Uint8Array(YEAR_BASE + YEAR_SPAN);
    for (const y of f.years) if (y >= 0 && y < years.length) years[y] = 1;
  }
  const from = f.dateFrom ? toDay(f.dateFrom) : null;
  const to = f.dateTo ? toDay(f.dateTo) : null;
  const wanted = wantedTypes(f);
  const types = new Float64Array(ENTITY_TYPES.length);
  if (!kinds && !years && from === null && to === null && st.nDead === 0 && st.nEntities === 0) {
    types[DOCUMENT_TYPE] = base.docs.length;
    return { set: wanted[DOCUMENT_TYPE] ? base : EMPTY_SCORED, types };
  }
  const docs = new Int32Array(base.docs.length);
  const scores = new Float64Array(base.docs.length);
  // A local, not the imported binding: a module variable is loaded (and checked) per iteration.
  const documentType = DOCUMENT_TYPE;
  let n = 0;
  for (let i = 0; i < base.docs.length; i++) {
    const d = base.docs[i]!;
    if (!st.live[d]) continue;
    const type = st.type[d]!;
    if (kinds !== null && (type !== documentType || kinds[st.kind[d]!] === 0)) continue;
    if (years !== null && years[st.year[d]!] !== 1) continue;
    // Only when asked: a column read per candidate is a cache miss each over a large archive.
    if (from !== null || to !== null) {
      const day = st.day[d]!;
      if (from !== null && (day === NO_DAY || day < from)) continue;
      if (to !== null && (day === NO_DAY || day > to)) continue;
    }
    types[type]!++;
    if (!wanted[type]) continue;
    docs[n] = d;
    scores[n++] = base.scores[i]!;
  }
  return { set: { docs: docs.subarray(0, n), scores: scores.subarray(0, n) }, types };
}

/** The sort key of each entry for the requested order (higher ranks first). */
export function rankKeys(set: Scored, sort: ParsedQuery['sort'], st: State): Float64Array {
  if (sort !== 'date' && sort !== 'date-asc') return set.scores;
  const keys = new Float64Array(set.docs.length);
  const sign = sort === 'date' ? 1 : -1;
  for (let i = 0; i < keys.length; i++) {
    const day = st.day[set.docs[i]!]!;
    // Undated documents go last in either direction.
    keys[i] = day === NO_DAY ? -Infinity : sign * day;
  }
  return keys;
}

/** Kind and year counts over the results, type counts (see applyFilters), each scaled by `ratio` (1 = exact). */
export function facetsOf(docs: Int32Array, typeCounts: Float64Array, st: State, ratio: number): SearchResponse['facets'] {
  // Typed counters, not Maps: this loop runs over every match of a common word.
  const kinds = new Float64Array(DOCUMENT_KINDS.length);
  const years = new Float64Array(YEAR_SPAN);
  const kindOf = st.kind;
  const yearOf = st.year;
  const typeOf = st.type;
  const documentType = DOCUMENT_TYPE; // see applyFilters
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i]!;
    if (typeOf[d] === documentType) kinds[kindOf[d]!]!++; // an entity's kind is a placeholder
    const y = yearOf[d]! - YEAR_BASE;
    if (y >= 0 && y < YEAR_SPAN) years[y]!++;
  }
  const types = ratio === 1 ? typeCounts : typeCounts.map((c) => c * ratio);
  return facetBuckets(kinds, years, types, ratio);
}

/** Offset and length of the year counters facetBuckets takes (index = year − YEAR_BASE). */
export const YEARS = { base: YEAR_BASE, span: YEAR_SPAN } as const;

/** Facets from counters: kinds and years scaled by `ratio` (1 = exact), types as given; rounded, zeros left out, largest first (years newest first). */
export function facetBuckets(kinds: Float64Array, years: Float64Array, types: Float64Array, ratio: number): SearchResponse['facets'] {
  const buckets = (counts: Float64Array, names: readonly string[], scale: number): FacetBucket[] => {
    const out: FacetBucket[] = [];
    counts.forEach((c, k) => {
      const count = Math.round(c * scale);
      if (count > 0) out.push({ value: names[k]!, count });
    });
    return out.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  };
  const year: FacetBucket[] = [];
  for (let y = YEAR_SPAN - 1; y >= 0; y--) {
    const count = Math.round(years[y]! * ratio);
    if (count > 0) year.push({ value: String(y + YEAR_BASE), count });
  }
  return { kind: buckets(kinds, DOCUMENT_KINDS, ratio), year, type: buckets(types, ENTITY_TYPES, 1) };
}

/** A response with nothing in it (flagged when the search was cut short). */
export function emptyResponse(estimate = false): SearchResponse {
  return { total: 0, totalIsEstimate: estimate, hits: [], facets: { kind: [], year: [], type: [] }, facetsAreEstimates: estimate };
}

/**
 * The counted windows of a pruned evaluation (prune.ts) as one match list with type counts,
 * and the ratio that scales the sample to the whole: by live documents, since windows differ
 * in how many ids are still live (1 when every window was counted).
 */
export function prunedCounts(r: PrunedTopK<Float64Array>, st: State, bits: number): { docs: Int32Array; types: Float64Array; ratio: number } {
  let matches = 0;
  const types = new Float64Array(ENTITY_TYPES.length);
  const parts: Int32Array[] = [];
  for (const c of r.counted as WindowResult<Float64Array>[]) {
    matches += c.set.docs.length;
    parts.push(c.set.docs);
    c.counts.forEach((v, i) => (types[i]! += v));
  }
  const docs = new Int32Array(matches);
  let at = 0;
  for (const p of parts) {
    docs.set(p, at);
    at += p.length;
  }
  let ratio = 1;
  if (!r.exact) {
    const live = liveByWindow(st, bits);
    let all = 0;
    let inSample = 0;
    for (let x = 0; x < Math.min(r.windows, live.length); x++) all += live[x]!;
    for (const x of r.sampled) inSample += live[x] ?? 0;
    ratio = inSample > 0 ? all / inSample : 0;
  }
  return { docs, types, ratio };
}

/** Per state (one per index version, never changed) and window size: live documents per window. */
const liveCounts = new WeakMap<State, Map<number, Int32Array>>();

/**
 * Live documents in each window of 2^bits ids. Counted once per index version: every
 * estimated search needs them, and counting them per search read the whole live column
 * (600,000 entries at the archive's size) for a few dozen numbers.
 */
export function liveByWindow(st: State, bits: number): Int32Array {
  let byBits = liveCounts.get(st);
  if (byBits === undefined) liveCounts.set(st, (byBits = new Map()));
  let counts = byBits.get(bits);
  if (counts === undefined) {
    counts = new Int32Array(Math.ceil(st.live.length / (1 << bits)));
    for (let d = 0; d < st.live.length; d++) counts[d >>> bits]! += st.live[d]!;
    byBits.set(bits, counts);
  }
  return counts;
}

/*
 * Newest first without sorting every match. A date-sorted query ranks its matches by day
 * (then higher doc id), and a common word matches most of the archive: `lidstaten
 * sort:date` merged, filtered and keyed 470,000 matches at 600,000 documents for 20 hits.
 * Instead every live document is kept in date order once per index version, and the walk
 * takes that order in growing batches, asking the plan for each batch only (its lists
 * restricted to the batch, so each score is the very float of the whole evaluation), until
 * the page is full. Every document of a batch comes before every document of the next, so
 * the page is exactly the whole evaluation's. Totals and facets are counted on a sample of
 * windows and marked ≈, as pruned relevance queries are.
 */

const dateOrders = new WeakMap<State, { date?: Int32Array; 'date-asc'?: Int32Array }>();

/**
 * The live documents in the order rankKeys and topKByKey give them: by day (newest first for
 * `date`, oldest first for `date-asc`), the same day by higher doc id, undated last (by
 * higher doc id). A counting sort over days: one pass to count, one to place.
 */
export function dateOrder(st: State, sort: 'date' | 'date-asc'): Int32Array {
  let orders = dateOrders.get(st);
  if (orders === undefined) dateOrders.set(st, (orders = {}));
  const known = orders[sort];
  if (known !== undefined) return known;
  let min = Infinity;
  let max = -Infinity;
  for (let d = 1; d <= st.maxDoc; d++) {
    if (!st.live[d]) continue;
    const day = st.day[d]!;
    if (day === NO_DAY) continue;
    if (day < min) min = day;
    if (day > max) max = day;
  }
  const span = max >= min ? max - min + 1 : 0;
  // Slot of a day in the order; the undated after every day.
  const slot = (day: number) => (day === NO_DAY ? span : sort === 'date' ? max - day : day - min);
  const starts = new Int32Array(span + 2);
  for (let d = 1; d <= st.maxDoc; d++) if (st.live[d]) starts[slot(st.day[d]!) + 1]!++;
  for (let i = 1; i < starts.length; i++) starts[i]! += starts[i - 1]!;
  const order = new Int32Array(starts[span + 1]!);
  // Highest ids first, so that each day's documents are in descending id order.
  for (let d = st.maxDoc; d >= 1; d--) if (st.live[d]) order[starts[slot(st.day[d]!)]!++] = d;
  orders[sort] = order;
  return order;
}

/**
 * The first k matches of `plan` (null: every live document, unscored) in date order, with
 * their scores, walking dateOrder in batches; the counts of every `sampleEvery`-th window
 * of 2^bits ids (none for 0), never exact. `filter` as in prunedTopK.
 */
export function dateTopK<C>(
  plan: Plan | null,
  k: number,
  sort: 'date' | 'date-asc',
  st: State,
  bits: number,
  filter: (set: Scored) => WindowResult<C>,
  sampleEvery: number,
): PrunedTopK<C> {
  const order = dateOrder(st, sort);
  const docs: number[] = [];
  const scores: number[] = [];
  let at = 0;
  for (let size = Math.max(2 * k, 64); docs.length < k && at < order.length; size *= 4) {
    const batch = order.slice(at, at + size).sort();
    at += size;
    const set = plan === null ? { docs: batch, scores: new Float64Array(batch.length) } : evaluateOn(plan, batch);
    const got = filter(set).set;
    for (const i of topKByKey(rankKeys(got, sort, st), got.docs, k - docs.length)) {
      docs.push(got.docs[i]!);
      scores.push(got.scores[i]!);
    }
  }
  const windows = plan === null ? (st.maxDoc >>> bits) + 1 : windowCount(plan, bits);
  const sampled = sampledWindows(windows, sampleEvery);
  const counted = sampled.map((x) => filter(plan === null ? idsOfWindow(x, bits, st.maxDoc) : evaluateWindow(plan, x, bits)));
  return { docs, scores, counted, sampled, exact: false, evaluated: 0, windows };
}

/** Every id of window `x` (live or not: the filters keep the live), unscored. */
function idsOfWindow(x: number, bits: number, maxDoc: number): Scored {
  const from = Math.max(1, x << bits);
  const to = Math.min(maxDoc, ((x + 1) << bits) - 1);
  const docs = new Int32Array(Math.max(0, to - from + 1));
  for (let i = 0; i < docs.length; i++) docs[i] = from + i;
  return { docs, scores: new Float64Array(docs.length) };
}

const typeMembers = new WeakMap<State, Map<string, Int32Array>>();

/**
 * The types a search's filters keep (documents unless `type:` says otherwise), for heads of
 * those types alone (prune.ts, TypesOnly); undefined when the archive holds documents only.
 */
export function typesKept(st: State, f: SearchFilters): TypesOnly | undefined {
  if (st.nEntities === 0) return undefined;
  const keep = wantedTypes(f);
  return { key: keep.join(''), type: st.type, keep };
}

/**
 * The live entries of the given types (codes), in id order: once per index version and set
 * of types. A search for other types than documents (the search page's panel of
 * commitments, questions and turns) restricts its lists to these first, so that its best
 * entries are not sought among the documents that outrank them.
 */
export function entriesOfTypes(st: State, types: readonly number[]): { key: string; docs: Int32Array } {
  const key = [...types].sort((a, b) => a - b).join(',');
  let byKey = typeMembers.get(st);
  if (byKey === undefined) typeMembers.set(st, (byKey = new Map()));
  let docs = byKey.get(key);
  if (docs === undefined) {
    const wanted = new Uint8Array(256);
    for (const t of types) wanted[t] = 1;
    let n = 0;
    for (let d = 1; d <= st.maxDoc; d++) if (st.live[d] && wanted[st.type[d]!]) n++;
    docs = new Int32Array(n);
    for (let d = 1, i = 0; d <= st.maxDoc; d++) if (st.live[d] && wanted[st.type[d]!]) docs[i++] = d;
    byKey.set(key, docs);
  }
  return { key: `types:${key}`, docs };
}
