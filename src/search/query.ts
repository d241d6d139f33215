// The search query language: parses what a user types into the ParsedQuery AST, and back.

import { KamerlensError } from '../domain/errors.js';
import { ENTITY_TYPES, isEntityType, type EntityType, type ParsedQuery, type QueryNode, type SearchFilters, type SortOrder } from '../domain/search.js';
import { DOCUMENT_KINDS, isDocumentKind, type DocumentKind } from '../domain/structure.js';

/*
 * Syntax (see parseQuery's JSDoc for the summary shown to users):
 *   words            implicit AND
 *   "exact phrase"   words in order
 *   a OR b, a | b    alternatives; OR binds tighter than the implicit AND (as in web search):
 *                    `beveiliging cyber OR digitaal` = beveiliging AND (cyber OR digitaal)
 *   -word -"phrase" -(group)   exclusion
 *   cyber*           prefix (at least 2 letters/digits before the *)
 *   ( … )            grouping
 *   key:value        filters kind, date, year, party, dossier, person, committee, type, sort
 *                    (keys case-insensitive),
 *                    only at the top level, never inside parentheses, after - or next to OR:
 *                    filters always apply to the whole query.
 * The AST holds words exactly as typed (edge punctuation trimmed); the index analyses and
 * escapes them, so no raw FTS syntax can pass through here.
 */

/** Maximum length of a query, in characters. */
export const MAX_QUERY_LENGTH = 1000;
/** Maximum number of words (terms plus phrase words) in a query. */
export const MAX_QUERY_TERMS = 64;
/** Minimum number of letters/digits before a prefix `*`: shorter prefixes expand to too many terms. */
export const MIN_PREFIX_LENGTH = 2;

export const FILTER_KEYS = ['kind', 'date', 'year', 'party', 'dossier', 'person', 'committee', 'type', 'sort'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
const SORTS: readonly SortOrder[] = ['relevance', 'date', 'date-asc'];

type Lexeme =
  | { kind: 'lparen'; pos: number }
  | { kind: 'rparen'; pos: number }
  | { kind: 'or'; pos: number }
  | { kind: 'not'; pos: number }
  | { kind: 'phrase'; words: string[]; pos: number }
  | { kind: 'term'; text: string; prefix: boolean; pos: number }
  | { kind: 'filter'; key: FilterKey; value: string; quoted: boolean; pos: number; end: number };

/** Error with the position (0-based offset) in context and a 1-based position in the words. */
function bad(message: string, position: number): KamerlensError {
  return new KamerlensError('BAD_QUERY', message, { position });
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const EDGE_PUNCT = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}\p{M}]+$/gu;
const SPACE = /\s/u;
const LEADING_PUNCT = /^[^\p{L}\p{N}]+/u;

function isSeparator(ch: string): boolean {
  return ch === '(' || ch === ')' || ch === '"' || ch === '|' || SPACE.test(ch);
}

function hasWordChar(s: string): boolean {
  return WORD_CHAR.test(s);
}

function trimPunct(s: string): string {
  return s.replace(EDGE_PUNCT, '');
}

function isFilterKey(k: string): k is FilterKey {
  return (FILTER_KEYS as readonly string[]).includes(k);
}

function lex(raw: string): Lexeme[] {
  const out: Lexeme[] = [];
  const n = raw.length;
  let i = 0;
  while (i < n) {
    const ch = raw[i] as string;
    if (SPACE.test(ch)) {
      i++;
    } else if (ch === '(') {
      out.push({ kind: 'lparen', pos: i++ });
    } else if (ch === ')') {
      out.push({ kind: 'rparen', pos: i++ });
    } else if (ch === '|') {
      out.push({ kind: 'or', pos: i++ });
    } else if (ch === '"') {
      const close = raw.indexOf('"', i + 1);
      if (close < 0) throw bad(`Unclosed quote: the phrase starting at position ${i + 1} has no closing "`, i);
      const words = raw
        .slice(i + 1, close)
        .split(/\s+/u)
        .filter(hasWordChar);
      // An empty phrase `""` means nothing; an exclusion in front of it then means nothing too.
      if (words.length > 0) out.push({ kind: 'phrase', words, pos: i });
      else if (out.at(-1)?.kind === 'not' && out.at(-1)?.pos === i - 1) out.pop();
      i = close + 1;
    } else if (ch === '-') {
      // A run of dashes at the start of a word: one dash before something is an exclusion,
      // a lone dash or `--` is punctuation (ignored).
      let j = i;
      while (j < n && raw[j] === '-') j++;
      const next = raw[j];
      if (j - i === 1 && next !== undefined && !SPACE.test(next) && next !== ')' && next !== '|') {
        out.push({ kind: 'not', pos: i });
      }
      i = j;
    } else {
      let j = i;
      while (j < n && !isSeparator(raw[j] as string)) j++;
      const word = raw.slice(i, j);
      i = lexWord(raw, word, i, j, out);
    }
  }
  return out;
}

/** Classify one whitespace/paren/quote-delimited word; returns where lexing continues. */
function lexWord(raw: string, word: string, start: number, end: number, out: Lexeme[]): number {
  // Leading punctuation is trimmed from words, so it must not hide a filter key either
  // (`*kind:x` would otherwise become the term `kind:x`, which re-parses as a filter).
  const filter = /^([A-Za-z]+):(.*)$/su.exec(word.replace(LEADING_PUNCT, ''));
  if (filter) {
    const key = (filter[1] as string).toLowerCase();
    let value = filter[2] as string;
    let quoted = false;
    let next = end;
    if (value === '' && raw[end] === '"') {
      const close = raw.indexOf('"', end + 1);
      if (close < 0) throw bad(`Unclosed quote: the phrase starting at position ${end + 1} has no closing "`, end);
      value = raw.slice(end + 1, close).trim().replace(/\s+/gu, ' ');
      quoted = true;
      next = close + 1;
    }
    if (isFilterKey(key)) {
      if (value === '') throw bad(`Filter "${key}:" needs a value, e.g. ${filterExample(key)}`, start);
      out.push({ kind: 'filter', key, value, quoted, pos: start, end: next });
      return next;
    }
    // `Agenda:` (a word ending in a colon) and URLs are words, anything else looks like a mistyped filter.
    if ((value !== '' || quoted) && !value.startsWith('//')) {
      throw bad(`Unknown filter "${filter[1] as string}:". Known filters: ${FILTER_KEYS.join(', ')}`, start);
    }
  }
  let text = word;
  let prefix = false;
  if (text.endsWith('*')) {
    prefix = true;
    text = text.replace(/\*+$/u, '');
  }
  text = trimPunct(text);
  if (!hasWordChar(text)) return end; // punctuation only: ignored
  if (!prefix && text === 'OR') {
    out.push({ kind: 'or', pos: start });
    return end;
  }
  if (prefix) {
    const letters = text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
    if (letters < MIN_PREFIX_LENGTH) {
      throw bad(`A prefix search needs at least ${MIN_PREFIX_LENGTH} letters before the *: "${word}"`, start);
    }
  }
  out.push({ kind: 'term', text, prefix, pos: start });
  return end;
}

function filterExample(key: FilterKey): string {
  switch (key) {
    case 'kind':
      return 'kind:kamerbrief';
    case 'date':
      return 'date:2025-01-01..2025-06-30';
    case 'year':
      return 'year:2025';
    case 'party':
      return 'party:PVV';
    case 'dossier':
      return 'dossier:21501-33';
    case 'person':
      return 'person:"Van Marum"';
    case 'committee':
      return 'committee:"Digitale Zaken"';
    case 'type':
      return 'type:zaak';
    case 'sort':
      return 'sort:date';
  }
}

function emptyFilters(): SearchFilters {
  return { kinds: [], dateFrom: null, dateTo: null, years: [], parties: [], dossiers: [], persons: [], committees: [], types: [] };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

function isValidDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

const MIN_YEAR = 1800;
const MAX_YEAR = 2199;

function pushUnique<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}

function splitList(value: string, quoted: boolean): string[] {
  if (quoted) return [value];
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

interface FilterState {
  filters: SearchFilters;
  sort: SortOrder | null;
  sortPos: number;
}

function applyFilter(lx: Extract<Lexeme, { kind: 'filter' }>, st: FilterState): void {
  const { key, value, quoted, pos } = lx;
  const f = st.filters;
  const values = splitList(value, quoted);
  if (values.length === 0) throw bad(`Filter "${key}:" needs a value, e.g. ${filterExample(key)}`, pos);
  switch (key) {
    case 'kind':
      for (const v of values) {
        const k = v.toLowerCase();
        // 'overig' is the catch-all: named last, though newer kinds follow it in DOCUMENT_KINDS.
        if (!isDocumentKind(k)) throw bad(`Unknown kind "${v}". Kinds: ${[...DOCUMENT_KINDS.filter((x) => x !== 'overig'), 'overig'].join(', ')}`, pos);
        pushUnique<DocumentKind>(f.kinds, k);
      }
      return;
    case 'date': {
      if (values.length !== 1 || quoted) throw bad(`Invalid date range "${value}": use date:YYYY-MM-DD..YYYY-MM-DD`, pos);
      const v = values[0] as string;
      const dots = v.indexOf('..');
      const from = dots < 0 ? v : v.slice(0, dots);
      const to = dots < 0 ? v : v.slice(dots + 2);
      if ((from === '' && to === '') || (from !== '' && !isValidDate(from)) || (to !== '' && !isValidDate(to))) {
        throw bad(`Invalid date range "${v}": use date:YYYY-MM-DD..YYYY-MM-DD`, pos);
      }
      if (from !== '' && to !== '' && from > to) {
        throw bad(`Invalid date range "${v}": the start date is after the end date`, pos);
      }
      // Repeated date filters narrow each other (a saved search plus an extra range).
      if (from !== '' && (f.dateFrom === null || from > f.dateFrom)) f.dateFrom = from;
      if (to !== '' && (f.dateTo === null || to < f.dateTo)) f.dateTo = to;
      return;
    }
    case 'year':
      for (const v of values) {
        const m = /^(\d{4})(?:\.\.(\d{4}))?$/u.exec(v);
        const a = m ? Number(m[1]) : NaN;
        const b = m?.[2] !== undefined ? Number(m[2]) : a;
        if (!m || a < MIN_YEAR || b > MAX_YEAR || a > b) {
          throw bad(`Invalid year "${v}": use year:2025 or year:2023..2025`, pos);
        }
        for (let y = a; y <= b; y++) pushUnique(f.years, y);
      }
      f.years.sort((x, y) => x - y);
      return;
    case 'party':
      for (const v of values) pushUnique(f.parties, v);
      return;
    case 'dossier':
      for (const v of values) {
        if (!/^\d+(?:-[\p{L}\p{N}]+)*$/u.test(v)) {
          throw bad(`Invalid dossier "${v}": use a dossier number such as dossier:21501-33`, pos);
        }
        pushUnique(f.dossiers, v);
      }
      return;
    case 'person':
    case 'committee':
      for (const v of values) {
        if (!hasWordChar(v)) throw bad(`Filter "${key}:" needs a name with letters, e.g. ${filterExample(key)}`, pos);
        pushUnique(key === 'person' ? f.persons : f.committees, v);
      }
      return;
    case 'type':
      for (const v of values) {
        const t = v.toLowerCase();
        if (!isEntityType(t)) throw bad(`Unknown type "${v}". Types: ${ENTITY_TYPES.join(', ')}`, pos);
        pushUnique<EntityType>(f.types, t);
      }
      return;
    case 'sort': {
      const v = value.toLowerCase();
      if (!(SORTS as readonly string[]).includes(v)) {
        throw bad(`Unknown sort "${value}". Sorts: ${SORTS.join(', ')}`, pos);
      }
      if (st.sort !== null && st.sort !== v) {
        throw bad(`Conflicting sort orders "sort:${st.sort}" and "sort:${v}": use one`, pos);
      }
      st.sort = v as SortOrder;
      st.sortPos = pos;
      return;
    }
  }
}

class Parser {
  private i = 0;
  private terms = 0;
  constructor(
    private readonly lx: Lexeme[],
    private readonly st: FilterState,
  ) {}

  private peek(): Lexeme | undefined {
    return this.lx[this.i];
  }

  /** A sequence of implicitly AND-ed items, up to the end or (inside a group) a `)`. */
  parseSeq(depth: number, groupPos: number): QueryNode | null {
    const children: QueryNode[] = [];
    for (;;) {
      const t = this.peek();
      if (t === undefined) {
        if (depth > 0) {
          throw bad(`Unclosed parenthesis: the group starting at position ${groupPos + 1} has no closing )`, groupPos);
        }
        break;
      }
      if (t.kind === 'rparen') {
        if (depth === 0) throw bad(`Unmatched ) at position ${t.pos + 1}: there is no ( to close`, t.pos);
        break;
      }
      if (t.kind === 'filter') {
        if (depth > 0) {
          throw bad(`Filters apply to the whole query and cannot be put inside parentheses: "${t.key}:"`, t.pos);
        }
        const after = this.lx[this.i + 1];
        if (after?.kind === 'or') throw bad(`Filters cannot be combined with OR: "${t.key}:" applies to the whole query`, t.pos);
        applyFilter(t, this.st);
        this.i++;
        continue;
      }
      children.push(this.parseOr());
    }
    if (children.length === 0) return null;
    return makeAnd(children);
  }

  private parseOr(): QueryNode {
    const first = this.peek();
    if (first?.kind === 'or') throw bad(`"OR" needs a term on both sides (position ${first.pos + 1})`, first.pos);
    const alts = [this.parseUnary()];
    for (let t = this.peek(); t?.kind === 'or'; t = this.peek()) {
      this.i++;
      const next = this.peek();
      if (next === undefined || next.kind === 'or' || next.kind === 'rparen') {
        throw bad(`"OR" needs a term on both sides (position ${t.pos + 1})`, t.pos);
      }
      if (next.kind === 'filter') {
        throw bad(`Filters cannot be combined with OR: "${next.key}:" applies to the whole query`, next.pos);
      }
      alts.push(this.parseUnary());
    }
    if (alts.length === 1) return alts[0] as QueryNode;
    for (const a of alts) {
      if (a.type === 'not') {
        throw bad('An exclusion (-word) cannot be one of the alternatives of OR; put it outside the OR', this.posOf(a));
      }
    }
    return makeOr(alts);
  }

  private readonly positions = new WeakMap<QueryNode, number>();
  private posOf(node: QueryNode): number {
    return this.positions.get(node) ?? 0;
  }

  private parseUnary(): QueryNode {
    const t = this.peek();
    if (t?.kind === 'not') {
      this.i++;
      const next = this.peek();
      if (next?.kind === 'filter') {
        throw bad(`Filters cannot be excluded with -: "${next.key}:" (use a positive filter instead)`, next.pos);
      }
      if (next === undefined || next.kind === 'or' || next.kind === 'rparen' || next.kind === 'not') {
        throw bad(`"-" at position ${t.pos + 1} must be followed by a word, a "phrase" or a (group)`, t.pos);
      }
      const node: QueryNode = { type: 'not', child: this.parsePrimary() };
      this.positions.set(node, t.pos);
      return node;
    }
    return this.parsePrimary();
  }

  private parsePrimary(): QueryNode {
    const t = this.peek();
    if (t === undefined) throw bad('The query ends unexpectedly', 0);
    switch (t.kind) {
      case 'term': {
        this.i++;
        this.count(1, t.pos);
        const node: QueryNode = { type: 'term', text: t.text, prefix: t.prefix };
        this.positions.set(node, t.pos);
        return node;
      }
      case 'phrase': {
        this.i++;
        this.count(t.words.length, t.pos);
        const node: QueryNode = { type: 'phrase', words: t.words };
        this.positions.set(node, t.pos);
        return node;
      }
      case 'lparen': {
        this.i++;
        const inner = this.parseSeq(1, t.pos);
        this.i++; // the ')' (parseSeq throws when it is missing)
        if (inner === null) throw bad(`Empty parentheses at position ${t.pos + 1}: put search words inside them`, t.pos);
        if (inner.type === 'and' && inner.children.every((c) => c.type === 'not')) {
          throw bad(`The group at position ${t.pos + 1} consists of exclusions only`, t.pos);
        }
        if (inner.type === 'not') throw bad(`The group at position ${t.pos + 1} consists of exclusions only`, t.pos);
        this.positions.set(inner, t.pos);
        return inner;
      }
      case 'filter':
        throw bad(`Filters apply to the whole query and cannot be used here: "${t.key}:"`, t.pos);
      case 'or':
        throw bad(`"OR" needs a term on both sides (position ${t.pos + 1})`, t.pos);
      case 'rparen':
        throw bad(`Unmatched ) at position ${t.pos + 1}: there is no ( to close`, t.pos);
      case 'not':
        throw bad(`"-" at position ${t.pos + 1} must be followed by a word, a "phrase" or a (group)`, t.pos);
    }
  }

  private count(n: number, pos: number): void {
    this.terms += n;
    if (this.terms > MAX_QUERY_TERMS) {
      throw bad(`The query has too many words: the limit is ${MAX_QUERY_TERMS}`, pos);
    }
  }
}

function makeAnd(children: QueryNode[]): QueryNode {
  const flat = children.flatMap((c) => (c.type === 'and' ? c.children : [c]));
  return flat.length === 1 ? (flat[0] as QueryNode) : { type: 'and', children: flat };
}

function makeOr(children: QueryNode[]): QueryNode {
  const flat = children.flatMap((c) => (c.type === 'or' ? c.children : [c]));
  return flat.length === 1 ? (flat[0] as QueryNode) : { type: 'or', children: flat };
}

/**
 * Parse a search query as typed by a user.
 *
 * Words are AND-ed; `"exact phrase"`; `a OR b` / `a | b` (binds tighter than AND);
 * `-word`, `-"phrase"`, `-(group)` exclude; `cyber*` is a prefix; `( … )` groups; filters
 * `kind:kamerbrief[,motie]`, `date:2025-01-01..2025-06-30` (open ends and a single date
 * allowed), `year:2025` / `year:2023..2025`, `party:PVV` / `party:"Partij voor de Dieren"`,
 * `dossier:21501-33`, `person:"Van Marum"` and `committee:"Digitale Zaken"` (every word of
 * the value must occur in one name involved), `type:zaak` (result types; documents when
 * absent), `sort:relevance|date|date-asc`. Repeated filters of one key are OR-ed (date
 * ranges intersect). Punctuation-only words are ignored.
 *
 * `sort` defaults to `relevance`, or to `date` when the query holds only filters.
 *
 * @throws KamerlensError `BAD_QUERY` with a plain-words message (positions in it are
 *   1-based character numbers) and `context.position`, the 0-based offset of the problem.
 */
export function parseQuery(raw: string): ParsedQuery {
  if (raw.length > MAX_QUERY_LENGTH) {
    throw bad(`The query is too long (${raw.length} characters): the limit is ${MAX_QUERY_LENGTH}`, MAX_QUERY_LENGTH);
  }
  const lexemes = lex(raw);
  const st: FilterState = { filters: emptyFilters(), sort: null, sortPos: 0 };
  const root = new Parser(lexemes, st).parseSeq(0, 0);
  if (root !== null && (root.type === 'not' || (root.type === 'and' && root.children.every((c) => c.type === 'not')))) {
    const first = lexemes.find((l) => l.kind === 'not');
    throw bad('A query cannot consist of exclusions only: add a word to search for', first?.pos ?? 0);
  }
  return { raw, root, filters: st.filters, sort: st.sort ?? (root === null ? 'date' : 'relevance') };
}

// ---------------------------------------------------------------------------------------
// Canonical serialisation

function describeNode(node: QueryNode, parent: 'top' | 'and' | 'or' | 'not'): string {
  switch (node.type) {
    case 'term':
      return node.text + (node.prefix ? '*' : '');
    case 'phrase':
      return `"${node.words.join(' ')}"`;
    case 'not':
      return '-' + describeNode(node.child, 'not');
    case 'and': {
      const s = node.children.map((c) => describeNode(c, 'and')).join(' ');
      return parent === 'top' ? s : `(${s})`;
    }
    case 'or': {
      const s = node.children.map((c) => describeNode(c, 'or')).join(' OR ');
      return parent === 'top' || parent === 'and' ? s : `(${s})`;
    }
  }
}

/** A filter value that the lexer would not read back as one simple list element. */
function needsQuotes(v: string): boolean {
  return /[\s,()"|]/u.test(v) || v === '';
}

function describeValues(key: string, values: string[]): string[] {
  const simple = values.filter((v) => !needsQuotes(v));
  const quoted = values.filter((v) => needsQuotes(v) && !v.includes('"'));
  const out = simple.length > 0 ? [`${key}:${simple.join(',')}`] : [];
  for (const v of quoted) out.push(`${key}:"${v}"`);
  return out;
}

function describeYears(years: number[]): string {
  const sorted = [...years].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    const a = sorted[i] as number;
    const b = sorted[j] as number;
    parts.push(a === b ? String(a) : `${a}..${b}`);
    i = j + 1;
  }
  return `year:${parts.join(',')}`;
}

/**
 * The canonical text of a parsed query (for saved searches and URLs): the search part,
 * then filters in a fixed order; `sort:` only when it differs from the default.
 * `parseQuery(describeQuery(q))` yields the same root, filters and sort as `q`.
 */
export function describeQuery(q: ParsedQuery): string {
  const parts: string[] = [];
  if (q.root !== null) parts.push(describeNode(q.root, 'top'));
  const f = q.filters;
  if (f.kinds.length > 0) parts.push(`kind:${f.kinds.join(',')}`);
  if (f.dateFrom !== null || f.dateTo !== null) {
    parts.push(
      f.dateFrom !== null && f.dateFrom === f.dateTo ? `date:${f.dateFrom}` : `date:${f.dateFrom ?? ''}..${f.dateTo ?? ''}`,
    );
  }
  if (f.years.length > 0) parts.push(describeYears(f.years));
  parts.push(...describeValues('party', f.parties));
  parts.push(...describeValues('dossier', f.dossiers));
  parts.push(...describeValues('person', f.persons));
  parts.push(...describeValues('committee', f.committees));
  if (f.types.length > 0) parts.push(`type:${f.types.join(',')}`);
  const defaultSort: SortOrder = q.root === null ? 'date' : 'relevance';
  if (q.sort !== defaultSort) parts.push(`sort:${q.sort}`);
  return parts.join(' ');
}
