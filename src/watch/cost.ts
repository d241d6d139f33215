/**
 * What a saved search may cost. A monitor's query runs after every import and its preview on
 * demand, for as long as the monitor lives, so a query that no person would type (200 saved
 * phrases of 60 stop words each froze the server) is refused when it is saved, with the
 * reason. The limits are far above what the query language's users write: the bench's
 * 10,000 monitors use at most 3 words.
 */
import type { QueryNode } from '../domain/index.js';

export const SAVED_QUERY_LIMITS = { words: 24, phraseWords: 12, prefixes: 6 } as const;

/** A Dutch reason why the query is too expensive to follow, or null when it is fine. */
export function savedQueryProblem(root: QueryNode | null): string | null {
  let words = 0;
  let prefixes = 0;
  let longestPhrase = 0;
  const walk = (n: QueryNode): void => {
    switch (n.type) {
      case 'term':
        words++;
        if (n.prefix) prefixes++;
        return;
      case 'phrase':
        words += n.words.length;
        longestPhrase = Math.max(longestPhrase, n.words.length);
        return;
      case 'not':
        return walk(n.child);
      case 'and':
      case 'or':
        return n.children.forEach(walk);
    }
  };
  if (root) walk(root);
  const L = SAVED_QUERY_LIMITS;
  const heavy = 'Deze zoekopdracht is te zwaar om te volgen';
  if (longestPhrase > L.phraseWords) return `${heavy}: een zin tussen aanhalingstekens mag hoogstens ${L.phraseWords} woorden hebben (deze heeft er ${longestPhrase})`;
  if (words > L.words) return `${heavy}: hij mag hoogstens ${L.words} woorden hebben (deze heeft er ${words}); maak hem korter of gebruik filters zoals kind: of year:`;
  if (prefixes > L.prefixes) return `${heavy}: hij mag hoogstens ${L.prefixes} woorden met * hebben (deze heeft er ${prefixes})`;
  return null;
}
