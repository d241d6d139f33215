/** A public Atom feed per search (`/search.atom?q=…`), newest first, no account needed (as OpenTK offers). */
import { KamerlensError } from '../domain/index.js';
import { filterSpans } from '../search/query.js';
import { renderAtom, type FeedEntry } from './atom.js';
import { resultUrl } from './presenters.js';
import { search, type Services } from './services.js';

export const FEED_SIZE = 50;

/**
 * The feed of a search: its newest results (unless the query asks for another order), each
 * entry dated by its document's date. `base` is the site's address for absolute links.
 */
export async function searchFeed(s: Services, q: string, base: string, now = new Date()): Promise<string> {
  const text = q.trim();
  if (text === '') throw new KamerlensError('BAD_REQUEST', 'Geef een zoekopdracht, bijv. /search.atom?q=telecomraad', { field: 'q' });
  const sorted = filterSpans(text).some((f) => f.key === 'sort') ? text : `${text} sorteer:datum`;
  const data = await search(s, { q: sorted, page: 1, pageSize: FEED_SIZE, others: false });
  const entries: FeedEntry[] = data.results.map((h) => {
    const link = base + resultUrl(h.type, h.id);
    return {
      id: link,
      title: h.title,
      link: h.type === 'document' ? `${link}?q=${encodeURIComponent(text)}` : link,
      updated: h.date ? `${h.date.slice(0, 10)}T00:00:00Z` : now.toISOString(),
      summary: h.snippet,
      category: h.type === 'document' ? h.kind : h.type,
    };
  });
  const updated = entries.reduce((max, e) => (e.updated > max ? e.updated : max), '1970-01-01T00:00:00Z');
  const self = `${base}/search.atom?q=${encodeURIComponent(text)}`;
  return renderAtom({
    id: self,
    title: `kamerlens: ${text}`,
    selfUrl: self,
    altUrl: `${base}/search?q=${encodeURIComponent(text)}`,
    updated: entries.length > 0 ? updated : now.toISOString(),
    entries,
  });
}
