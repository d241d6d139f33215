/**
 * The search page's links and form as query text: facets that toggle a filter, removable
 * chips for active filters, and the advanced-search form that writes a query (so people see
 * the syntax their choices make). Everything edits the query as the user wrote it, so words,
 * identifiers and Dutch or English filter names stay as typed.
 */
import { DUTCH_FILTER_NAMES, filterSpans, formatFilter, parseQuery, type FilterSpan } from '../search/query.js';

export type FilterKey = FilterSpan['key'];

/** One active filter value, and the query without it. */
export interface ActiveFilter {
  key: FilterKey;
  value: string;
  /** The query with this value removed (may be ''). */
  without: string;
}

const tidy = (q: string) => q.replace(/\s+/gu, ' ').trim();

/** Filter values compare as the index compares them: case does not matter. */
const same = (_key: FilterKey, a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** `q` with `value` taken out of every filter of `key` that holds it. */
export function removeFilter(q: string, key: FilterKey, value: string): string {
  const spans = filterSpans(q).filter((s) => s.key === key && s.values.some((v) => same(key, v, value)));
  let out = q;
  // From the end, so earlier offsets stay valid.
  for (const s of spans.reverse()) {
    const rest = s.values.filter((v) => !same(key, v, value));
    const replacement = rest.length === 0 ? '' : rest.some((v) => /[\s,()"|]/u.test(v)) ? rest.map((v) => formatFilter(s.typed, v)).join(' ') : `${s.typed}:${rest.join(',')}`;
    out = out.slice(0, s.start) + replacement + out.slice(s.end);
  }
  return tidy(out);
}

/** Is `value` one of the values of a `key` filter in `q`? */
export function hasFilter(q: string, key: FilterKey, value: string): boolean {
  return filterSpans(q).some((s) => s.key === key && s.values.some((v) => same(key, v, value)));
}

/** A facet's link: removes the value when it is active, adds it (by its Dutch name) otherwise. */
export function toggleFilter(q: string, key: FilterKey, value: string): string {
  if (hasFilter(q, key, value)) return removeFilter(q, key, value);
  return tidy(`${q} ${formatFilter(DUTCH_FILTER_NAMES[key], value)}`);
}

/** `q` with every `key` filter replaced by `value` (the type facet switches, it does not add). */
export function replaceFilter(q: string, key: FilterKey, value: string): string {
  let out = q;
  for (const s of filterSpans(q).filter((x) => x.key === key).reverse()) out = out.slice(0, s.start) + out.slice(s.end);
  return tidy(`${out} ${formatFilter(DUTCH_FILTER_NAMES[key], value)}`);
}

/** Every active filter value of `q` (sort included), each with the query without it. */
export function activeFilters(q: string): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  for (const s of filterSpans(q)) {
    for (const value of s.values) {
      if (out.some((a) => a.key === s.key && same(s.key, a.value, value))) continue;
      out.push({ key: s.key, value, without: removeFilter(q, s.key, value) });
    }
  }
  return out;
}

/** The fields of the advanced-search form (all optional strings, as a GET form sends them). */
export interface AdvancedFields {
  /** All these words. */
  woorden: string;
  /** This exact phrase. */
  zin: string;
  /** Any of these words. */
  een: string;
  /** None of these words. */
  geen: string;
  soort: string;
  partij: string;
  persoon: string;
  commissie: string;
  dossier: string;
  /** Period, ISO dates from the date pickers. */
  van: string;
  tot: string;
  /** '', 'datum' or 'oudste'. */
  sorteer: string;
}

export const ADVANCED_FIELDS: readonly (keyof AdvancedFields)[] = ['woorden', 'zin', 'een', 'geen', 'soort', 'partij', 'persoon', 'commissie', 'dossier', 'van', 'tot', 'sorteer'];

export function emptyAdvanced(): AdvancedFields {
  return { woorden: '', zin: '', een: '', geen: '', soort: '', partij: '', persoon: '', commissie: '', dossier: '', van: '', tot: '', sorteer: '' };
}

/** Words of a free-text field, without the characters that are syntax. */
const plainWords = (s: string): string[] =>
  s
    .replace(/["()|*]/gu, ' ')
    .split(/\s+/u)
    .map((w) => w.replace(/^[-=]+/u, ''))
    .filter((w) => /[\p{L}\p{N}]/u.test(w));

/**
 * The query the form's fields write, in the Dutch syntax. Free text is taken as words (quotes,
 * brackets and operators in it are not syntax here); the result is checked by parseQuery, so
 * an impossible date or dossier comes back as the query language's own Dutch message.
 */
export function buildAdvancedQuery(f: Partial<AdvancedFields>): string {
  const parts: string[] = [];
  parts.push(...plainWords(f.woorden ?? ''));
  const phrase = plainWords(f.zin ?? '');
  if (phrase.length > 0) parts.push(`"${phrase.join(' ')}"`);
  const any = plainWords(f.een ?? '');
  if (any.length === 1) parts.push(any[0]!);
  else if (any.length > 1) parts.push(`(${any.join(' OF ')})`);
  for (const w of plainWords(f.geen ?? '')) parts.push(`-${w}`);
  const filter = (key: FilterKey, value: string | undefined) => {
    const v = (value ?? '').replace(/"/gu, '').trim();
    if (v !== '') parts.push(formatFilter(DUTCH_FILTER_NAMES[key], v));
  };
  filter('kind', f.soort);
  filter('party', f.partij);
  filter('person', f.persoon);
  filter('committee', f.commissie);
  filter('dossier', f.dossier);
  const from = (f.van ?? '').trim();
  const to = (f.tot ?? '').trim();
  if (from !== '' || to !== '') parts.push(`${DUTCH_FILTER_NAMES.date}:${from}..${to}`);
  if (f.sorteer === 'datum' || f.sorteer === 'oudste') parts.push(`${DUTCH_FILTER_NAMES.sort}:${f.sorteer}`);
  const q = parts.join(' ');
  if (q !== '') parseQuery(q);
  return q;
}

/**
 * The form's fields for a query already typed: its filters, and its words when they are
 * plain (a query with phrases, OR or NEAR keeps them in the query box it came from).
 */
export function advancedFieldsOf(q: string): AdvancedFields {
  const f = emptyAdvanced();
  if (q.trim() === '') return f;
  let parsed;
  try {
    parsed = parseQuery(q);
  } catch {
    return f;
  }
  const words: string[] = [];
  const phrases: string[] = [];
  const none: string[] = [];
  let plain = true;
  const children = parsed.root === null ? [] : parsed.root.type === 'and' ? parsed.root.children : [parsed.root];
  for (const c of children) {
    if (c.type === 'term' && !c.prefix && !c.exact) words.push(c.text);
    else if (c.type === 'phrase' && phrases.length === 0) phrases.push(c.words.join(' '));
    else if (c.type === 'not' && c.child.type === 'term' && !c.child.prefix) none.push(c.child.text);
    else plain = false;
  }
  if (plain) {
    f.woorden = words.join(' ');
    f.zin = phrases.join(' ');
    f.geen = none.join(' ');
  }
  const fl = parsed.filters;
  f.soort = fl.kinds[0] ?? '';
  f.partij = fl.parties[0] ?? '';
  f.persoon = fl.persons[0] ?? '';
  f.commissie = fl.committees[0] ?? '';
  f.dossier = fl.dossiers[0] ?? '';
  f.van = fl.dateFrom ?? '';
  f.tot = fl.dateTo ?? '';
  f.sorteer = parsed.sort === 'date' && parsed.root !== null ? 'datum' : parsed.sort === 'date-asc' ? 'oudste' : '';
  return f;
}
