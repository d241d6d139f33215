/**
 * Search types shared by the query language, the index, the service and the renderers.
 * A query is parsed once into this AST; every index implementation consumes the AST.
 */
import type { DocumentKind } from './structure.js';

export type QueryNode =
  /**
   * One word as the user typed it (unanalysed); `prefix` for `cyber*`; `exact` for `=word`
   * (that word only: no synonyms, no compounds that contain it).
   */
  | { type: 'term'; text: string; prefix: boolean; exact?: boolean }
  /** An exact phrase `"Cyber Resilience Act"`: words as typed, in order. */
  | { type: 'phrase'; words: string[] }
  /** `NEAR(a b, 5)`: every word, in any order, within `distance` words of each other. */
  | { type: 'near'; words: string[]; distance: number }
  | { type: 'and'; children: QueryNode[] }
  | { type: 'or'; children: QueryNode[] }
  /** Exclusion `-woord`; only meaningful inside an `and` with at least one positive child. */
  | { type: 'not'; child: QueryNode };

/**
 * What a search result is: a document (the default), an entity of the Tweede Kamer's open
 * data that has a page of its own, or a part of a document or report that has an anchor of
 * its own: a commitment (`toezegging`, extracted from a document or from the Kamer's
 * register), a question with its answers (`vraag`), a speaker's turn in a report of a
 * sitting (`passage`). Searches return documents unless `type:` says otherwise.
 */
export const ENTITY_TYPES = ['document', 'zaak', 'activiteit', 'toezegging', 'dossier', 'persoon', 'commissie', 'fractie', 'vraag', 'passage'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export function isEntityType(value: string): value is EntityType {
  return (ENTITY_TYPES as readonly string[]).includes(value);
}

export interface SearchFilters {
  kinds: DocumentKind[];
  /** Inclusive ISO dates. */
  dateFrom: string | null;
  dateTo: string | null;
  years: number[];
  parties: string[];
  dossiers: string[];
  /** Names (or parts of names) of people involved: each value's words must all match. */
  persons: string[];
  /** Committee names, parts of names or abbreviations (`DiZa`), matched like persons. */
  committees: string[];
  /** Result types; empty means documents only. */
  types: EntityType[];
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
  /**
   * Milliseconds this search may spend verifying phrases; past it the page holds what was
   * verified and the total is an estimate (`totalIsEstimate`). Unbounded when absent.
   */
  budgetMs?: number;
  /**
   * False when the caller reads only ids and scores (the promise pass): hits come without
   * snippet, and the texts are neither read nor decompressed. Default true.
   */
  snippets?: boolean;
  /**
   * True: each hit also says which typed words it matched only through the thesaurus
   * (`viaSynonym`), judged from the query's posting lists (a document) or the text the
   * snippet is cut from, so the caller need not read that text a second time. Default false.
   */
  viaSynonym?: boolean;
  /**
   * False when the caller reads only the hits (the promise pass, the search page's panel of
   * other types): facets are then left empty and, where counting would take work of its own
   * (a query evaluated window by window), `total` is only what was found, flagged as an
   * estimate. Default true.
   */
  counts?: boolean;
  /**
   * True: the search answers as soon as its hits, total and facets are known, and their
   * snippets (and an entry's `viaSynonym`) are cut meanwhile; `SearchResponse.snippetsReady`
   * says when they are filled in, and the caller must await it before it reads them. On a web
   * node they are cut on another thread while the request's other work runs. Default false.
   */
  deferSnippets?: boolean;
  /**
   * Called with the facets once they are counted while the page's rows are still on their way
   * (a round trip where the index lives in PostgreSQL), so that a search that needs them (the
   * search page's panel of other types) travels meanwhile. Not called where the rows are read
   * in process, nor where a search counts only after reading them (phrases checked one by
   * one); called again if the search is answered again on fresher data, and only the last
   * call's object is the response's `facets`.
   */
  onFacets?: (facets: SearchResponse['facets']) => void;
}

/** Character ranges [start, end) into `snippet` that matched the query. */
export type HighlightRange = [number, number];

export interface SearchHit {
  id: string;
  type: EntityType;
  score: number;
  title: string;
  kind: DocumentKind;
  date: string | null;
  snippet: string;
  highlights: HighlightRange[];
  /**
   * With SearchRequest.viaSynonym: the words as typed that this hit matched only through a
   * synonym, and the synonyms it holds instead. Absent when the engine could not tell (no
   * snippet read, or a document's text not read from the document store).
   */
  viaSynonym?: { typed: string; matched: string[] }[];
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
  /**
   * `kind` and `year` count the results; `type` counts what the query matches of every
   * type regardless of a `type:` filter, so a page of documents can say "also 3 zaken".
   */
  facets: { kind: FacetBucket[]; year: FacetBucket[]; type: FacetBucket[] };
  facetsAreEstimates: boolean;
  /** With SearchRequest.deferSnippets: resolves once every hit's snippet is filled in (absent: they are). */
  snippetsReady?: Promise<void>;
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
  /** People involved (signatories, the Kamer's actors): names as written. */
  persons?: string[];
  /** Committees involved: names and abbreviations as written. */
  committees?: string[];
  /**
   * Default 'document'. An entity's `id` is `type:` + its open-data id (so it never meets a
   * document id; hits give the plain id back) and its `kind` is 'overig'. A part of a
   * document or report is `type:` + its owner's id + `#` + its anchor on the owner's page
   * (`toezegging:<doc>#toezegging-2`, `vraag:<doc>#q3`, `passage:<verslag>#punt-1-beurt-4`).
   */
  type?: EntityType;
}

/**
 * A full-text index. Implementations: one engine (search/segment-index.ts) on SQLite and on
 * PostgreSQL; each must pass test/search/index-conformance.ts. Writes happen inside the
 * caller's unit of work: the index a unit hands out (store/unit-of-work.ts) is bound to it.
 */
/** When a web node's snippets go to the worker thread (SearchIndex.offloadSnippets). */
export type OffloadWhen = 'always' | 'when-busy';

export interface SearchIndex {
  upsert(docs: IndexDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  search(request: SearchRequest): Promise<SearchResponse>;
  /** Terms of the query after analysis, for highlighting the full text on a document page. */
  highlightTerms(query: ParsedQuery): Promise<(text: string) => HighlightRange[]>;
  count(): Promise<number>;
  /**
   * Bookkeeping of what was projected into the index from elsewhere (the open-data change
   * sequence indexed up to): read and written in the caller's transaction with the entries.
   */
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
  /**
   * Loads what a first query would otherwise load (the per-document state, the Dutch
   * lexicon), so that a web node can do it before it takes requests.
   */
  warm?(): Promise<void>;
  /**
   * Cuts snippets on a worker thread from now on (a web node, where a request has other work
   * to do meanwhile): `always`, or `when-busy`, only while this thread is saturated (requests
   * waiting on each other) and in this thread otherwise. `onFailure` hears it if the thread
   * cannot run, and snippets are then cut in this thread as before.
   */
  offloadSnippets?(onFailure: (e: Error) => void, when?: OffloadWhen): Promise<void>;
  /** Stops what offloadSnippets started. */
  close?(): Promise<void>;
}
