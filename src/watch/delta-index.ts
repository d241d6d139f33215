/**
 * An in-memory index over only the documents that changed since the oldest watermark of a
 * run: the search index restricted to "what is new". It uses the search index's own analysis
 * (analyzeText, analyzeQuery) and its column model (title, body, compound parts; a phrase is
 * adjacent terms within one column; filters as in sqlite-index.ts), so a saved search matches
 * here exactly the new documents that the full index would return for it — a parity test
 * (test/watch/delta-index.test.ts) holds the two together. Cost is proportional to the delta,
 * never to the archive, and each distinct query is evaluated once per run.
 */
import type { DocumentKind, ParsedQuery } from '../domain/index.js';
import { analyzeText } from '../search/analyze.js';
import { analyzeQuery, highlightSpec, type AnalyzedNode, type HighlightSpec } from '../search/fts-query.js';

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
}

export interface DeltaMatch {
  /** Index into the docs given to the constructor. */
  doc: number;
}

export class DeltaIndex {
  readonly docs: readonly DeltaDoc[];
  private readonly termIds = new Map<string, number>();
  private readonly postings: Postings[] = [];
  private readonly fields: Fields[] = [];
  private sortedVocab: string[] | null = null;
  private readonly tags: Set<string>[] = [];
  private readonly years: (number | null)[] = [];
  private readonly all: Postings;
  private readonly cache = new Map<string, Postings>();

  constructor(docs: readonly DeltaDoc[]) {
    this.docs = docs;
    const building: number[][] = [];
    const idOf = (t: string): number => {
      let id = this.termIds.get(t);
      if (id === undefined) {
        id = this.termIds.size;
        this.termIds.set(t, id);
        building.push([]);
      }
      return id;
    };
    docs.forEach((d, i) => {
      const title = analyzeText(d.title);
      const body = analyzeText(d.text);
      const f: Fields = {
        title: Int32Array.from(title.terms, idOf),
        body: Int32Array.from(body.terms, idOf),
        parts: Int32Array.from(title.parts.concat(body.parts), idOf),
      };
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
      this.tags.push(tags);
      this.years.push(d.date !== null && /^\d{4}/.test(d.date) ? Number(d.date.slice(0, 4)) : null);
    });
    for (const p of building) this.postings.push(Int32Array.from(p));
    this.all = Int32Array.from(docs.keys());
  }

  get size(): number {
    return this.docs.length;
  }

  private expand(prefix: string): { terms: string[]; truncated: boolean } {
    if (this.sortedVocab === null) this.sortedVocab = [...this.termIds.keys()].sort();
    const v = this.sortedVocab;
    let lo = 0;
    let hi = v.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const terms: string[] = [];
    for (let i = lo; i < v.length && v[i]!.startsWith(prefix); i++) terms.push(v[i]!);
    return { terms, truncated: false };
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
    const out: number[] = [];
    for (const d of base) if (this.docs[d]!.seq > afterSeq) out.push(d);
    return out;
  }

  private evaluate(query: ParsedQuery): Postings {
    let cand: Postings;
    if (query.root === null) cand = this.all;
    else {
      const { node } = this.analyze(query);
      cand = node === null ? EMPTY : this.eval(node);
    }
    const f = query.filters;
    if (f.dateFrom !== null && f.dateTo !== null && f.dateFrom > f.dateTo) return EMPTY;
    const partyTags = f.parties.map((v) => 'p:' + v.trim().toLowerCase());
    const dossierTags = f.dossiers.map((v) => 'd:' + v.trim().toLowerCase());
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
      return true;
    });
  }
}
