/**
 * Search types shared by the query language, the index, the service and the renderers.
 * A query is parsed once into this AST; every index implementation consumes the AST.
 */
import type { DocumentKind } from './structure.js';

export type QueryNode =
  /** One word as the user typed it (unanalysed); `prefix` for `cyber*`. */
  | { type: 'term'; text: string; prefix: boolean }
  /** An exact phrase `"Cyber Resilience Act"`: words as typed, in order. */
  | { type: 'phrase'; words: string[] }
  | { type: 'and'; children: QueryNode[] }
  | { type: 'or'; children: QueryNode[] }
  /** Exclusion `-woord`; only meaningful inside an `and` with at least one positive child. */
  | { type: 'not'; child: QueryNode };

export interface SearchFilters {
  kinds: DocumentKind[];
  /** Inclusive ISO dates. */
  dateFrom: string | null;
  dateTo: string | null;
  years: number[];
  parties: string[];
  dossiers: string[];
}

export type SortOrder = 'relevance' | 'date' | 'date-asc';

export interface ParsedQuery {
  /** The query as typed. */
  raw: string;
  /** Null when the query holds only filters (e.g. `kind:motie`): list by date. */
  root: QueryNode | null;
  filters: SearchFilters;
  sort: SortOrder;
}

export interface SearchRequest {
  query: ParsedQuery;
  offset: number;
  limit: number;
}

/** Character ranges [start, end) into `snippet` that matched the query. */
export type HighlightRange = [number, number];

export interface SearchHit {
  id: string;
  score: number;
  title: string;
  kind: DocumentKind;
  date: string | null;
  snippet: string;
  highlights: HighlightRange[];
}

export interface FacetBucket {
  value: string;
  count: number;
}

export interface SearchResponse {
  total: number;
  /** True when `total` is an estimate (very common terms); shown as ≈. */
  totalIsEstimate: boolean;
  hits: SearchHit[];
  facets: { kind: FacetBucket[]; year: FacetBucket[] };
  facetsAreEstimates: boolean;
}

/** What the index needs of a document. `text` is the full clean text. */
export interface IndexDocument {
  id: string;
  title: string;
  text: string;
  kind: DocumentKind;
  date: string | null;
  parties: string[];
  dossiers: string[];
}

/**
 * A full-text index. Implementations: SQLite (now), PostgreSQL (later); each must pass
 * test/search/index-conformance.ts. Writes happen inside the caller's store transaction
 * when the implementation shares the store's connection.
 */
export interface SearchIndex {
  upsert(docs: IndexDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  search(request: SearchRequest): Promise<SearchResponse>;
  /** Terms of the query after analysis, for highlighting the full text on a document page. */
  highlightTerms(query: ParsedQuery): Promise<(text: string) => HighlightRange[]>;
  count(): Promise<number>;
}
