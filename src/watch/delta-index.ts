/**
 * An in-memory index over only the documents that changed since the oldest watermark of a
 * run: the search index restricted to "what is new". It uses the search index's own analysis
 * (tokenize + normalizeWord per word, analyzeQuery) and its column model (title, body, compound parts; a phrase is
 * adjacent terms within one column; filters as in search/collect.ts), so a saved search matches
 * here exactly the new documents that the full index would return for it — a parity test
 * (test/watch/delta-index.test.ts) holds the two together. Cost is proportional to the delta,
 * never to the archive, and each distinct query is evaluated once per run.
 *
 * Each document is analysed once, by the same steps as the index (tokenize, normalizeWord),
 * through a per-delta cache from surface form to term ids, so a token costs one Map lookup;
 * the word offsets are kept so a snippet is cut around a known match instead of re-reading
 * the text. Party and dossier tags have postings of their own (a follow is a lookup).
 */
import type { DocumentKind, ParsedQuery } from '../domain/index.js';
import { fieldWords, tokenize } from '../search/analyze.js';
import { normalizeWord } from '../search/dutch/index.js';
import { analyzeQuery, highlightSpec, type AnalyzedNode, type HighlightSpec } from '../search/fts-query.js';
import { nearIn } from '../search/proximity.js';
import { withPrefix } from '../search/sorted-prefix.js';

/** What the delta index needs of a changed document (mirrors IndexDocument + the log seq). */
export interface DeltaDoc {
  seq: number;
  id: string;
  version: number;
  title: string;
  text: string;
  kind: DocumentKind;
  date: string | null;
  parties: string[];
  dossiers: string[];
  persons?: string[];
}

type Postings = Int32Array;
const EMPTY: Postings = new Int32Array(0);

function intersect(a: Postings, b: Postings): Postings {
  const out = new Int32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, n);
}

function union(lists: Postings[]): Postings {
  if (lists.length === 0) return EMPTY;
  if (lists.length === 1) return lists[0]!;
  const seen = new Set<number>();
  for (const l of lists) for (const x of l) seen.add(x);
  return Int32Array.from([...seen].sort((a, b) => a - b));
}

function subtract(a: Postings, b: Postings): Postings {
  if (b.length === 0) return a;
  const out = new Int32Array(a.length);
  let j = 0;
  let n = 0;
  for (const x of a) {
    while (j < b.length && b[j]! < x) j++;
    if (j < b.length && b[j] === x) continue;
    out[n++] = x;
  }
  return out.subarray(0, n);
}

interface Fields {
  title: Int32Array;
  body: Int32Array;
  parts: Int32Array;
  /** UTF-16 offset in the text of each body term. */
  bodyStarts: Int32Array;
}

export interface DeltaMatch {
  /** Index into the docs given to the constructor. */
  doc: number;
}

/** A surface form's analysis as term ids: the term, then its compound parts. */
type Analysed = Int32Array;
const NO_TERM: Analysed = new Int32Array(0);

/** Snippet length, and how much of it comes before the matched word. */
const SNIPPET_LENGTH = 240;
const SNIPPET_LEAD = 80;

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 160;

/** ~SNIPPET_LENGTH characters around `at`, cut at spaces, whitespace collapsed, `…` where cut. */
export function cutAround(text: string, at: number): string {
  let start = Math.max(0, at - SNIPPET_LEAD);
  while (start > 0 && start < at && !isSpace(text.charCodeAt(start - 1))) start++;
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end < text.length) {
    let k = end;
    while (k > at && !isSpace(text.charCodeAt(k))) k--;
    if (k > at) end = k;
  }
  const body = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return (start > 0 ? '…' : '') + body + (end < text.length ? '…' : '');
}

export class DeltaIndex {
  readonly docs: readonly DeltaDoc[];
  private readonly termIds = new Map<string, number>();
  private readonly vocab: string[] = [];
  private readonly postings: Postings[] = [];
  private readonly fields: Fields[] = [];
  private sortedVocab: string[] | null = null;
  private readonly tagPostings = new Map<string, Postings>();
  private readonly tags: Set<string>[] = [];
  private readonly years: (number | null)[] = [];
  private readonly seqs: Float64Array;
  private readonly all: Postings;
  private readonly cache = new Map<string, Postings>();
  private readonly anchors = new WeakMap<HighlightSpec, Set<number>>();

  constructor(docs: readonly DeltaDoc[]) {
    this.docs = docs;
    const building: number[][] = [];
    const idOf = (t: string): number => {
      let id = this.termIds.get(t);
      if (id === undefined) {
        id = this.vocab.length;
        this.termIds.set(t, id);
        this.vocab.push(t);
        building.push([]);
      }
      return id;
    };
    const surfaces = new Map<string, Analysed>();
    const analyse = (surface: string): Analysed => {
      let a = surfaces.get(surface);
      if (a === undefined) {
        const nw = normalizeWord(surface);
        if (nw.term === '') a = NO_TERM;
        else {
          const parts = nw.inner.length === 0 ? nw.parts : [...nw.parts, ...nw.inner];
          a = new Int32Array(1 + parts.length);
          a[0] = idOf(nw.term);
          parts.forEach((p, k) => (a![k + 1] = idOf(p)));
        }
        surfaces.set(surface, a);
      }
      return a;
    };
    // One field as the index sees it: terms in order (plus their offsets) and compound parts.
    const field = (text: string, parts: number[]): { terms: Int32Array; starts: Int32Array } => {
      const toks = tokenize(text);
      const terms = new Int32Array(toks.length);
      const starts = new Int32Array(toks.length);
      let n = 0;
      for (const tok of toks) {
        const a = analyse(tok.surface);
        if (a.length === 0) continue;
        terms[n] = a[0]!;
        starts[n++] = tok.start;
        for (let k = 1; k < a.length; k++) parts.push(a[k]!);
      }
      return { terms: terms.subarray(0, n), starts: starts.subarray(0, n) };
    };
    const tagLists = new Map<string, number[]>();
    this.seqs = new Float64Array(docs.length);
    docs.forEach((d, i) => {
      if (i > 0 && d.seq < docs[i - 1]!.seq) throw new TypeError('DeltaIndex: documents must come in change-log order');
      this.seqs[i] = d.seq;
      const parts: number[] = [];
      const title = field(d.title, parts);
      const body = field(d.text, parts);
      const f: Fields = { title: title.terms, body: body.terms, parts: Int32Array.from(parts), bodyStarts: body.starts };
      this.fields.push(f);
      for (const arr of [f.title, f.body, f.parts]) {
        for (const t of arr) {
          const p = building[t]!;
          if (p[p.length - 1] !== i) p.push(i);
        }
      }
      const tags = new Set<string>();
      for (const p of d.parties) tags.add('p:' + p.trim().toLowerCase());
      for (const x of d.dossiers) tags.add('d:' + x.trim().toLowerCase());
      for (const name of d.persons ?? []) for (const w of fieldWords(name)) tags.add('n:' + w);
      for (const t of tags) {
        let l = tagLists.get(t);
        if (!l) tagLists.set(t, (l = []));
        l.push(i);
      }
      this.tags.push(tags);
      this.years.push(d.date !== null && /^\d{4}/.test(d.date) ? Number(d.date.slice(0, 4)) : null);
    });
    for (const p of building) this.postings.push(Int32Array.from(p));
    for (const [t, l] of tagLists) this.tagPostings.set(t, Int32Array.from(l));
    this.all = Int32Array.from(docs.keys());
  }

  get size(): number {
    return this.docs.length;
  }

  private expand(prefix: string): { terms: string[]; truncated: boolean } {
    if (this.sortedVocab === null) this.sortedVocab = [...this.vocab].sort();
    return { terms: [...withPrefix(this.sortedVocab, prefix)], truncated: false };
  }

  /** Analyse a query's words against this delta (prefixes expand over its vocabulary). */
  analyze(query: ParsedQuery): { node: AnalyzedNode | null; spec: HighlightSpec } {
    const node = query.root === null ? null : analyzeQuery(query.root, (p) => this.expand(p));
    return { node, spec: highlightSpec(node) };
  }

  private term(t: string): Postings {
    const id = this.termIds.get(t);
    return id === undefined ? EMPTY : this.postings[id]!;
  }

  private phraseAt(arr: Int32Array, ids: number[]): boolean {
    const first = ids[0]!;
    outer: for (let i = 0; i + ids.length <= arr.length; i++) {
      if (arr[i] !== first) continue;
      for (let k = 1; k < ids.length; k++) if (arr[i + k] !== ids[k]) continue outer;
      return true;
    }
    return false;
  }

  private eval(node: AnalyzedNode): Postings {
    switch (node.type) {
      case 'term':
        return this.term(node.term);
      case 'prefix':
        return union(node.expansions.map((t) => this.term(t)));
      case 'phrase': {
        const ids = node.terms.map((t) => this.termIds.get(t));
        if (ids.some((x) => x === undefined)) return EMPTY;
        const idList = ids as number[];
        let cand = this.postings[idList[0]!]!;
        for (const id of idList.slice(1)) cand = intersect(cand, this.postings[id]!);
        return cand.filter((d) => {
          const f = this.fields[d]!;
          return this.phraseAt(f.title, idList) || this.phraseAt(f.body, idList) || this.phraseAt(f.parts, idList);
        });
      }
      case 'near': {
        const ids = [...new Set(node.terms)].map((t) => this.termIds.get(t));
        if (ids.some((x) => x === undefined)) return EMPTY;
        const idList = ids as number[];
        let cand = this.postings[idList[0]!]!;
        for (const id of idList.slice(1)) cand = intersect(cand, this.postings[id]!);
        const near = (arr: Int32Array) => nearIn((i) => arr[i]!, arr.length, idList, node.distance, -1);
        return cand.filter((d) => near(this.fields[d]!.title) || near(this.fields[d]!.body));
      }
      case 'and': {
        const pos = node.positive.map((p) => this.eval(p)).sort((a, b) => a.length - b.length);
        let acc = pos[0] ?? EMPTY;
        for (const p of pos.slice(1)) {
          if (acc.length === 0) break;
          acc = intersect(acc, p);
        }
        for (const n of node.negative) {
          if (acc.length === 0) break;
          acc = subtract(acc, this.eval(n));
        }
        return acc;
      }
      case 'or':
        return union(node.children.map((c) => this.eval(c)));
      case 'none':
        return EMPTY;
    }
  }

  /**
   * The documents (indexes, ascending) that `query` matches, restricted to those logged after
   * `afterSeq`. Identical queries within one delta are evaluated once (cache by raw text).
   */
  match(query: ParsedQuery, afterSeq: number, cacheKey?: string): number[] {
    let base = cacheKey !== undefined ? this.cache.get(cacheKey) : undefined;
    if (base === undefined) {
      base = this.evaluate(query);
      if (cacheKey !== undefined) this.cache.set(cacheKey, base);
    }
    return Array.from(base.subarray(this.firstAfter(base, afterSeq)));
  }

  /** Position in `list` (ascending doc indexes, so ascending seqs) of the first doc after `seq`. */
  private firstAfter(list: Postings, seq: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[list[mid]!]! <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Documents tagged with a party (`p:`) or dossier (`d:`) tag, logged after `afterSeq`. */
  tagged(tag: string, afterSeq: number): Postings {
    const l = this.tagPostings.get(tag) ?? EMPTY;
    return l.subarray(this.firstAfter(l, afterSeq));
  }

  /**
   * A ~240 character snippet of a matched document, cut around its first body word that the
   * query names (known from indexing, so the text is not read again); the document's start
   * when only the title or a compound part matched.
   */
  snippet(doc: number, spec: HighlightSpec): string {
    const d = this.docs[doc]!;
    const f = this.fields[doc]!;
    let want = this.anchors.get(spec);
    if (want === undefined) {
      want = new Set<number>();
      for (const t of spec.terms) {
        const id = this.termIds.get(t);
        if (id !== undefined) want.add(id);
      }
      for (const ph of spec.phrases) {
        const id = ph[0] === undefined ? undefined : this.termIds.get(ph[0]);
        if (id !== undefined) want.add(id);
      }
      for (const p of spec.prefixes) for (const t of this.expand(p).terms) want.add(this.termIds.get(t)!);
      this.anchors.set(spec, want);
    }
    let anchor = 0;
    for (let k = 0; k < f.body.length; k++) {
      if (want.has(f.body[k]!)) {
        anchor = f.bodyStarts[k]!;
        break;
      }
    }
    return cutAround(d.text, anchor);
  }

  private evaluate(query: ParsedQuery): Postings {
    const f = query.filters;
    const partyTags = f.parties.map((v) => 'p:' + v.trim().toLowerCase());
    const dossierTags = f.dossiers.map((v) => 'd:' + v.trim().toLowerCase());
    // Each person value: all its words; values are alternatives. Changes are documents,
    // which have no committees of their own, and no other result type.
    const personTags = f.persons.map((v) => fieldWords(v).map((w) => 'n:' + w));
    if (f.committees.length > 0 || (f.types.length > 0 && !f.types.includes('document'))) return EMPTY;
    let cand: Postings;
    if (query.root !== null) {
      const { node } = this.analyze(query);
      cand = node === null ? EMPTY : this.eval(node);
    } else if (partyTags.length > 0) cand = union(partyTags.map((t) => this.tagPostings.get(t) ?? EMPTY));
    else if (dossierTags.length > 0) cand = union(dossierTags.map((t) => this.tagPostings.get(t) ?? EMPTY));
    else cand = this.all;
    if (f.dateFrom !== null && f.dateTo !== null && f.dateFrom > f.dateTo) return EMPTY;
    const dateTo = f.dateTo !== null ? f.dateTo + '\uffff' : null;
    return cand.filter((i) => {
      const d = this.docs[i]!;
      if (f.kinds.length > 0 && !f.kinds.includes(d.kind)) return false;
      if (f.dateFrom !== null && (d.date === null || d.date < f.dateFrom)) return false;
      if (dateTo !== null && (d.date === null || d.date >= dateTo)) return false;
      if (f.years.length > 0) {
        const y = this.years[i];
        if (y === null || y === undefined || !f.years.includes(y)) return false;
      }
      const tags = this.tags[i]!;
      if (partyTags.length > 0 && !partyTags.some((t) => tags.has(t))) return false;
      if (dossierTags.length > 0 && !dossierTags.some((t) => tags.has(t))) return false;
      if (personTags.length > 0 && !personTags.some((all) => all.every((t) => tags.has(t)))) return false;
      return true;
    });
  }
}
