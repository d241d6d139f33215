/**
 * What the plain search page shows beside its documents: the other result types the query
 * finds (commitments, questions, passages of debates, the Kamer's entities) with their
 * counts and best few, and per result the words it matched only through the thesaurus.
 */
import type { EntityType, FacetBucket, ParsedQuery, SearchHit, SearchIndex } from '../domain/index.js';
import { synonymChecks, synonymMatches, type SynonymMatch } from '../search/synonym-match.js';
import type { Store } from '../store/index.js';

export type { SynonymMatch };

/** The other types of result of a search for documents: counts (from the type facet) and the best few. */
export interface OtherResults {
  counts: { type: EntityType; count: number }[];
  /** The best-ranked results of those types together, with their own snippets. */
  top: SearchHit[];
}

/** How many results of other types the side panel shows (the counts link to all of them). */
export const OTHERS_SHOWN = 3;

/**
 * The other types a search for documents also finds. Only for a search without `type:` (the
 * type facet switches types then) and without document-only filters that entries never pass.
 */
export async function otherResults(index: SearchIndex, query: ParsedQuery, typeFacet: FacetBucket[], budgetMs?: number): Promise<OtherResults | null> {
  if (query.filters.types.length > 0 || query.root === null) return null;
  const counts = typeFacet.filter((b) => b.value !== 'document' && b.count > 0).map((b) => ({ type: b.value as EntityType, count: b.count }));
  if (counts.length === 0) return null;
  const types = counts.map((c) => c.type);
  const r = await index.search({
    query: { ...query, filters: { ...query.filters, types }, sort: 'relevance' },
    offset: 0,
    limit: OTHERS_SHOWN,
    // Its counts are the type facet's, from the search for documents.
    counts: false,
    ...(budgetMs !== undefined ? { budgetMs } : {}),
  });
  return { counts, top: r.hits };
}

/** Characters of a document read to tell whether a typed word is in it (see synonymMatches). */
const SYNONYM_READ_CHARS = 200_000;

/**
 * Per result (by its position in `hits`), the words it matched only through a synonym. A
 * document is read from the store (title and text); another type's entry by its title and
 * snippet, which for a commitment, a question or a turn is most or all of it. A hit the
 * engine judged already (SearchRequest.viaSynonym, the same rule) is not read again.
 */
export async function synonymMatchesOf(store: Store, query: ParsedQuery, hits: readonly SearchHit[]): Promise<SynonymMatch[][]> {
  const checks = synonymChecks(query.root);
  if (checks.length === 0) return hits.map(() => []);
  const out: SynonymMatch[][] = [];
  for (const h of hits) {
    // The engine judged it already (SearchRequest.viaSynonym), on the same texts.
    if (h.viaSynonym !== undefined) {
      out.push(h.viaSynonym);
      continue;
    }
    let texts: string[] = [h.title, h.snippet];
    if (h.type === 'document') {
      const v = await store.getVersion(h.id);
      if (v) texts = [h.title, v.text];
    }
    out.push(synonymMatches(texts, checks, SYNONYM_READ_CHARS));
  }
  return out;
}
