// The search query language: parses what a user types into the ParsedQuery AST, and back.

import { KamerlensError } from '../domain/errors.js';
import { ENTITY_TYPES, isEntityType, type EntityType, type ParsedQuery, type QueryNode, type SearchFilters, type SortOrder } from '../domain/search.js';
import { DOCUMENT_KINDS, isDocumentKind, type DocumentKind } from '../domain/structure.js';
import { matchIdentifier } from './identifiers.js';

/*
 * Syntax (see parseQuery's JSDoc for the summary shown to users):
 *   words            implicit AND (`AND`/`EN` in capitals may be written, and mean nothing more)
 *   "exact phrase"   words in order
 *   a OR b, a | b    alternatives (also `OF`); OR binds tighter than the implicit AND (as in web
 *                    search): `beveiliging cyber OR digitaal` = beveiliging AND (cyber OR digitaal)
 *   -word -"phrase" -(group)   exclusion; `NOT word` / `NIET word` alike
 *   cyber*           prefix (at least 2 letters/digits before the *)
 *   =word            this word only: no synonyms, no compounds containing it
 *   ( … )            grouping
 *   NEAR(a b, 5), a NEAR/5 b, a NEAR b, "a b"~5    the words within 5 words of each other (default 10)
 *   identifiers      `21501-33 nr. 1113`, `kst-21501-33-1113`, `ST 14435 2017 INIT` (identifiers.ts)
 *   key:value        filters kind, date, year, party, dossier, person, committee, type, sort,
 *                    or their Dutch names (soort, datum, jaar, partij, …; keys case-insensitive),
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

/** The Dutch name of each filter, as the interface shows it; both names are accepted. */
export const DUTCH_FILTER_NAMES: Record<FilterKey, string> = {
  kind: 'soort',
  date: 'datum',
  year: 'jaar',
  party: 'partij',
  dossier: 'dossier',
  person: 'persoon',
  committee: 'commissie',
  type: 'type',
  sort: 'sorteer',
};
/** Dutch (and a few other) names of filters → the canonical key. */
const FILTER_ALIASES: Record<string, FilterKey> = {
  soort: 'kind',
  datum: 'date',
  periode: 'date',
  jaar: 'year',
  partij: 'party',
  fractie: 'party',
  persoon: 'person',
  commissie: 'committee',
  sorteer: 'sort',
  sortering: 'sort',
  volgorde: 'sort',
};
/** Dutch names of the sort orders. */
const SORT_ALIASES: Record<string, SortOrder> = {
  relevantie: 'relevance',
  datum: 'date',
  nieuwste: 'date',
  'datum-oplopend': 'date-asc',
  oudste: 'date-asc',
};
/** Default and largest distance of NEAR, in words between the two furthest apart. */
export const NEAR_DEFAULT = 10;
export const NEAR_MAX = 100;

type Lexeme =
  | { kind: 'lparen'; pos: number }
  | { kind: 'rparen'; pos: number }
  | { kind: 'or'; pos: number }
  | { kind: 'not'; pos: number }
  | { kind: 'phrase'; words: string[]; pos: number }
  | { kind: 'term'; text: string; prefix: boolean; exact: boolean; pos: number }
  /** `NEAR(a b, 5)` or `"a b"~5`: complete. */
  | { kind: 'near'; words: string[]; distance: number; pos: number }
  /** Infix `NEAR` / `NEAR/5` between two words. */
  | { kind: 'nearop'; distance: number; pos: number }
  /** A recognised identifier, already the OR of its written forms (identifiers.ts). */
  | { kind: 'node'; node: QueryNode; pos: number }
  | { kind: 'filter'; key: FilterKey; typed: string; value: string; quoted: boolean; pos: number; end: number };

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

function filterKeyOf(k: string): FilterKey | null {
  return isFilterKey(k) ? k : FILTER_ALIASES[k] ?? null;
}

/** `soort:` (kind) as the messages name a filter: Dutch first, the English key after. */
function filterName(key: FilterKey): string {
  const nl = DUTCH_FILTER_NAMES[key];
  return nl === key ? `${key}:` : `${nl}: (${key}:)`;
}

function parseDistance(text: string, pos: number): number {
  const n = Number(text);
  if (!/^\d{1,4}$/u.test(text) || n > NEAR_MAX) {
    throw bad(`De afstand van NEAR moet een getal van 0 tot en met ${NEAR_MAX} zijn, niet "${text}"`, pos);
  }
  return n;
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
      const open = i;
      const close = raw.indexOf('"', i + 1);
      if (close < 0) throw bad(`Aanhalingsteken niet gesloten: de woordgroep op positie ${i + 1} heeft geen afsluitend "`, i);
      const inner = raw.slice(i + 1, close);
      const words = inner.split(/\s+/u).filter(hasWordChar);
      const slop = /^~(\d*)/u.exec(raw.slice(close + 1));
      const id = slop ? null : matchIdentifier(inner.trim());
      i = close + 1;
      if (slop) {
        // `"a b"~5`: the words near each other, as Lucene's phrase slop.
        i += slop[0].length;
        if (words.length < 2) throw bad(`"…"~N heeft minstens twee woorden nodig (positie ${i + 1})`, close + 1);
        out.push({ kind: 'near', words, distance: slop[1] === '' ? NEAR_DEFAULT : parseDistance(slop[1]!, close + 1), pos: open });
      } else if (id !== null && id.length === inner.trim().length && /[-,./]/u.test(inner)) {
        // Only a form written with its punctuation: describeQuery writes phrases without it,
        // so the phrases an identifier expands to read back as phrases.
        out.push({ kind: 'node', node: id.node, pos: open });
      } else if (words.length > 0) {
        out.push({ kind: 'phrase', words, pos: open });
      } else if (out.at(-1)?.kind === 'not' && out.at(-1)?.pos === open - 1) {
        // An empty phrase `""` means nothing; an exclusion in front of it then means nothing too.
        out.pop();
      }
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
      const id = /[\p{L}\p{N}]/u.test(ch) ? matchIdentifier(raw.slice(i)) : null;
      if (id !== null) {
        out.push({ kind: 'node', node: id.node, pos: i });
        i += id.length;
        continue;
      }
      let j = i;
      while (j < n && !isSeparator(raw[j] as string)) j++;
      const word = raw.slice(i, j);
      i = j === i + 4 && word === 'NEAR' && raw[j] === '(' ? lexNear(raw, i, out) : lexWord(raw, word, i, j, out);
    }
  }
  return out;
}

/** `NEAR(a b c, 5)` from the `N` at `start`; returns where lexing continues. */
function lexNear(raw: string, start: number, out: Lexeme[]): number {
  const open = start + 4;
  const close = raw.indexOf(')', open);
  if (close < 0) throw bad(`Haakje niet gesloten: NEAR( op positie ${start + 1} heeft geen afsluitend )`, start);
  const inner = raw.slice(open + 1, close);
  const m = /^([^,]*)(?:,\s*(\S*)\s*)?$/u.exec(inner);
  if (!m || /["()*|]/u.test(inner)) {
    throw bad(`Schrijf NEAR als NEAR(woord woord, afstand), bijv. NEAR(cyber Oekraïne, 5) (positie ${start + 1})`, start);
  }
  const words = (m[1] as string).split(/\s+/u).map(trimPunct).filter(hasWordChar);
  if (words.length < 2) throw bad(`NEAR heeft minstens twee woorden nodig (positie ${start + 1})`, start);
  const distance = m[2] === undefined ? NEAR_DEFAULT : parseDistance(m[2], start);
  out.push({ kind: 'near', words, distance, pos: start });
  return close + 1;
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
      if (close < 0) throw bad(`Aanhalingsteken niet gesloten: de woordgroep op positie ${end + 1} heeft geen afsluitend "`, end);
      value = raw.slice(end + 1, close).trim().replace(/\s+/gu, ' ');
      quoted = true;
      next = close + 1;
    }
    const canonical = filterKeyOf(key);
    if (canonical !== null) {
      if (value === '') throw bad(`Filter "${key}:" heeft een waarde nodig, bijv. ${filterExample(canonical)}`, start);
      out.push({ kind: 'filter', key: canonical, typed: key, value, quoted, pos: start, end: next });
      return next;
    }
    // `Agenda:` (a word ending in a colon) and URLs are words, anything else looks like a mistyped filter.
    if ((value !== '' || quoted) && !value.startsWith('//')) {
      throw bad(
        `Onbekend filter "${filter[1] as string}:". Filters: ${FILTER_KEYS.map(filterName).join(', ')}`,
        start,
      );
    }
  }
  const near = /^NEAR(?:\/(\d*))?$/u.exec(word);
  if (near) {
    out.push({ kind: 'nearop', distance: near[1] === undefined || near[1] === '' ? NEAR_DEFAULT : parseDistance(near[1], start), pos: start });
    return end;
  }
  let text = word;
  let exact = false;
  if (text.startsWith('=') && text.length > 1) {
    exact = true;
    text = text.slice(1);
  }
  let prefix = false;
  if (text.endsWith('*')) {
    prefix = true;
    text = text.replace(/\*+$/u, '');
  }
  text = trimPunct(text);
  if (!hasWordChar(text)) return end; // punctuation only: ignored
  // Operators in capitals, English and Dutch alike; lower case (or `=NOT`) they are words.
  if (!prefix && !exact) {
    if (text === 'OR' || text === 'OF') {
      out.push({ kind: 'or', pos: start });
      return end;
    }
    if (text === 'AND' || text === 'EN') return end;
    if (text === 'NOT' || text === 'NIET') {
      out.push({ kind: 'not', pos: start });
      return end;
    }
    if (text === 'NEAR') {
      out.push({ kind: 'nearop', distance: NEAR_DEFAULT, pos: start });
      return end;
    }
  }
  if (prefix) {
    const letters = text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
    if (letters < MIN_PREFIX_LENGTH) {
      throw bad(`Zoeken op het begin van een woord vraagt minstens ${MIN_PREFIX_LENGTH} letters vóór de *: "${word}"`, start);
    }
  }
  out.push({ kind: 'term', text, prefix, exact: exact && !prefix, pos: start });
  return end;
}

function filterExample(key: FilterKey): string {
  switch (key) {
    case 'kind':
      return 'soort:kamerbrief';
    case 'date':
      return 'datum:2025-01-01..2025-06-30';
    case 'year':
      return 'jaar:2025';
    case 'party':
      return 'partij:PVV';
    case 'dossier':
      return 'dossier:21501-33';
    case 'person':
      return 'persoon:"Van Marum"';
    case 'committee':
      return 'commissie:"Digitale Zaken"';
    case 'type':
      return 'type:zaak';
    case 'sort':
      return 'sorteer:datum';
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
  const { key, typed, value, quoted, pos } = lx;
  const f = st.filters;
  const values = splitList(value, quoted);
  if (values.length === 0) throw bad(`Filter "${typed}:" heeft een waarde nodig, bijv. ${filterExample(key)}`, pos);
  switch (key) {
    case 'kind':
      for (const v of values) {
        const k = v.toLowerCase();
        // 'overig' is the catch-all: named last, though newer kinds follow it in DOCUMENT_KINDS.
        if (!isDocumentKind(k)) throw bad(`Onbekende soort "${v}". Soorten: ${[...DOCUMENT_KINDS.filter((x) => x !== 'overig'), 'overig'].join(', ')}`, pos);
        pushUnique<DocumentKind>(f.kinds, k);
      }
      return;
    case 'date': {
      if (values.length !== 1 || quoted) throw bad(`Ongeldige periode "${value}": schrijf ${typed}:JJJJ-MM-DD..JJJJ-MM-DD`, pos);
      const v = values[0] as string;
      const dots = v.indexOf('..');
      const from = dots < 0 ? v : v.slice(0, dots);
      const to = dots < 0 ? v : v.slice(dots + 2);
      if ((from === '' && to === '') || (from !== '' && !isValidDate(from)) || (to !== '' && !isValidDate(to))) {
        throw bad(`Ongeldige periode "${v}": schrijf ${typed}:JJJJ-MM-DD..JJJJ-MM-DD`, pos);
      }
      if (from !== '' && to !== '' && from > to) {
        throw bad(`Ongeldige periode "${v}": de begindatum ligt na de einddatum`, pos);
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
          throw bad(`Ongeldig jaar "${v}": schrijf ${typed}:2025 of ${typed}:2023..2025`, pos);
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
          throw bad(`Ongeldig dossier "${v}": geef een dossiernummer, bijv. dossier:21501-33`, pos);
        }
        pushUnique(f.dossiers, v);
      }
      return;
    case 'person':
    case 'committee':
      for (const v of values) {
        if (!hasWordChar(v)) throw bad(`Filter "${typed}:" heeft een naam met letters nodig, bijv. ${filterExample(key)}`, pos);
        pushUnique(key === 'person' ? f.persons : f.committees, v);
      }
      return;
    case 'type':
      for (const v of values) {
        const t = v.toLowerCase();
        if (!isEntityType(t)) throw bad(`Onbekend type "${v}". Typen: ${ENTITY_TYPES.join(', ')}`, pos);
        pushUnique<EntityType>(f.types, t);
      }
      return;
    case 'sort': {
      const lower = value.toLowerCase();
      const v = SORT_ALIASES[lower] ?? lower;
      if (!(SORTS as readonly string[]).includes(v)) {
        throw bad(`Onbekende sortering "${value}". Sorteringen: relevantie (relevance), datum (date), oudste (date-asc)`, pos);
      }
      if (st.sort !== null && st.sort !== v) {
        throw bad(`Twee sorteringen "${st.sort}" en "${v}": kies er één`, pos);
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
          throw bad(`Haakje niet gesloten: de groep op positie ${groupPos + 1} heeft geen afsluitend )`, groupPos);
        }
        break;
      }
      if (t.kind === 'rparen') {
        if (depth === 0) throw bad(`Losse ) op positie ${t.pos + 1}: er is geen ( om te sluiten`, t.pos);
        break;
      }
      if (t.kind === 'filter') {
        if (depth > 0) {
          throw bad(`Filters gelden voor de hele zoekopdracht en kunnen niet tussen haakjes: "${t.typed}:"`, t.pos);
        }
        const after = this.lx[this.i + 1];
        if (after?.kind === 'or') throw bad(`Filters gaan niet samen met OR: "${t.typed}:" geldt voor de hele zoekopdracht`, t.pos);
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
    if (first?.kind === 'or') throw bad(`"OR" heeft aan beide kanten een zoekterm nodig (positie ${first.pos + 1})`, first.pos);
    const alts = [this.parseNear()];
    for (let t = this.peek(); t?.kind === 'or'; t = this.peek()) {
      this.i++;
      const next = this.peek();
      if (next === undefined || next.kind === 'or' || next.kind === 'rparen') {
        throw bad(`"OR" heeft aan beide kanten een zoekterm nodig (positie ${t.pos + 1})`, t.pos);
      }
      if (next.kind === 'filter') {
        throw bad(`Filters gaan niet samen met OR: "${next.typed}:" geldt voor de hele zoekopdracht`, next.pos);
      }
      alts.push(this.parseNear());
    }
    if (alts.length === 1) return alts[0] as QueryNode;
    for (const a of alts) {
      if (a.type === 'not') {
        throw bad('Een uitsluiting (-woord) kan geen alternatief van OR zijn; zet haar buiten de OR', this.posOf(a));
      }
    }
    return makeOr(alts);
  }

  private readonly positions = new WeakMap<QueryNode, number>();
  private posOf(node: QueryNode): number {
    return this.positions.get(node) ?? 0;
  }

  /** `a NEAR b NEAR/5 c`: one proximity of every word, within the largest distance given. */
  private parseNear(): QueryNode {
    const first = this.parseUnary();
    let op = this.peek();
    if (op?.kind !== 'nearop') return first;
    const words = this.nearWords(first, op.pos);
    let distance = 0;
    while (op?.kind === 'nearop') {
      this.i++;
      distance = Math.max(distance, op.distance);
      const next = this.peek();
      if (next === undefined || (next.kind !== 'term' && next.kind !== 'near')) {
        throw bad(`NEAR op positie ${op.pos + 1} heeft aan beide kanten een woord nodig`, op.pos);
      }
      words.push(...this.nearWords(this.parsePrimary(), op.pos));
      op = this.peek();
    }
    return { type: 'near', words, distance };
  }

  private nearWords(node: QueryNode, pos: number): string[] {
    if (node.type === 'term' && !node.prefix) return [node.text];
    if (node.type === 'near') return [...node.words];
    throw bad(`NEAR op positie ${pos + 1} verbindt alleen losse woorden (geen woordgroep, groep, * of uitsluiting)`, pos);
  }

  private parseUnary(): QueryNode {
    const t = this.peek();
    if (t?.kind === 'not') {
      this.i++;
      const next = this.peek();
      if (next?.kind === 'filter') {
        throw bad(`Filters kunnen niet worden uitgesloten met - of NOT: "${next.typed}:" (gebruik een filter op wat u wel zoekt)`, next.pos);
      }
      if (next === undefined || next.kind === 'or' || next.kind === 'rparen' || next.kind === 'not' || next.kind === 'nearop') {
        throw bad(`Na "-" of NOT op positie ${t.pos + 1} moet een woord, een "woordgroep" of een (groep) komen`, t.pos);
      }
      const node: QueryNode = { type: 'not', child: this.parsePrimary() };
      this.positions.set(node, t.pos);
      return node;
    }
    return this.parsePrimary();
  }

  private parsePrimary(): QueryNode {
    const t = this.peek();
    if (t === undefined) throw bad('De zoekopdracht houdt onverwacht op', 0);
    switch (t.kind) {
      case 'term': {
        this.i++;
        this.count(1, t.pos);
        const node: QueryNode = t.exact ? { type: 'term', text: t.text, prefix: false, exact: true } : { type: 'term', text: t.text, prefix: t.prefix };
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
        if (inner === null) throw bad(`Lege haakjes op positie ${t.pos + 1}: zet er zoekwoorden tussen`, t.pos);
        if (inner.type === 'and' && inner.children.every((c) => c.type === 'not')) {
          throw bad(`De groep op positie ${t.pos + 1} bestaat alleen uit uitsluitingen`, t.pos);
        }
        if (inner.type === 'not') throw bad(`De groep op positie ${t.pos + 1} bestaat alleen uit uitsluitingen`, t.pos);
        this.positions.set(inner, t.pos);
        return inner;
      }
      case 'filter':
        throw bad(`Filters gelden voor de hele zoekopdracht en kunnen hier niet staan: "${t.typed}:"`, t.pos);
      case 'or':
        throw bad(`"OR" heeft aan beide kanten een zoekterm nodig (positie ${t.pos + 1})`, t.pos);
      case 'rparen':
        throw bad(`Losse ) op positie ${t.pos + 1}: er is geen ( om te sluiten`, t.pos);
      case 'not':
        throw bad(`Na "-" of NOT op positie ${t.pos + 1} moet een woord, een "woordgroep" of een (groep) komen`, t.pos);
      case 'nearop':
        throw bad(`NEAR op positie ${t.pos + 1} heeft aan beide kanten een woord nodig`, t.pos);
      case 'near': {
        this.i++;
        this.count(t.words.length, t.pos);
        const node: QueryNode = { type: 'near', words: t.words, distance: t.distance };
        this.positions.set(node, t.pos);
        return node;
      }
      case 'node': {
        this.i++;
        this.count(countWords(t.node), t.pos);
        this.positions.set(t.node, t.pos);
        return t.node;
      }
    }
  }

  private count(n: number, pos: number): void {
    this.terms += n;
    if (this.terms > MAX_QUERY_TERMS) {
      throw bad(`De zoekopdracht heeft te veel woorden: het maximum is ${MAX_QUERY_TERMS}`, pos);
    }
  }
}

/** Words an identifier's alternatives hold, for the query's word limit. */
function countWords(node: QueryNode): number {
  switch (node.type) {
    case 'phrase':
    case 'near':
      return node.words.length;
    case 'term':
      return 1;
    case 'and':
    case 'or':
      return node.children.reduce((n, c) => n + countWords(c), 0);
    case 'not':
      return countWords(node.child);
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
 * Words are AND-ed; `"exact phrase"`; `a OR b` / `a | b` / `a OF b` (binds tighter than AND);
 * `-word`, `-"phrase"`, `-(group)`, `NOT word`, `NIET word` exclude; `cyber*` is a prefix;
 * `=word` that word only; `NEAR(a b, 5)` / `a NEAR/5 b` / `"a b"~5` proximity; identifiers
 * such as `21501-33 nr. 1113` become the OR of their written forms; `( … )` groups; filters
 * (by their English or Dutch names: soort, datum, jaar, partij, persoon, commissie, sorteer)
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
    throw bad(`De zoekopdracht is te lang (${raw.length} tekens): het maximum is ${MAX_QUERY_LENGTH}`, MAX_QUERY_LENGTH);
  }
  const lexemes = lex(raw);
  const st: FilterState = { filters: emptyFilters(), sort: null, sortPos: 0 };
  const root = new Parser(lexemes, st).parseSeq(0, 0);
  if (root !== null && (root.type === 'not' || (root.type === 'and' && root.children.every((c) => c.type === 'not')))) {
    const first = lexemes.find((l) => l.kind === 'not');
    throw bad('Een zoekopdracht kan niet alleen uit uitsluitingen bestaan: voeg een woord toe om op te zoeken', first?.pos ?? 0);
  }
  return { raw, root, filters: st.filters, sort: st.sort ?? (root === null ? 'date' : 'relevance') };
}

// ---------------------------------------------------------------------------------------
// Canonical serialisation

function describeNode(node: QueryNode, parent: 'top' | 'and' | 'or' | 'not'): string {
  switch (node.type) {
    case 'term':
      return (node.exact ? '=' : '') + node.text + (node.prefix ? '*' : '');
    case 'phrase':
      return `"${node.words.join(' ')}"`;
    case 'near':
      return `NEAR(${node.words.join(' ')}, ${node.distance})`;
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

/** A filter as written in a query: where it stands, so a link can remove or change it. */
export interface FilterSpan {
  key: FilterKey;
  /** The name as typed (`soort`, `kind`, `Jaar`), lower case. */
  typed: string;
  values: string[];
  /** [start, end) in the raw query. */
  start: number;
  end: number;
}

/** The filters of a (valid) query as written, in order. Throws BAD_QUERY as parseQuery does. */
export function filterSpans(raw: string): FilterSpan[] {
  const out: FilterSpan[] = [];
  for (const l of lex(raw)) {
    if (l.kind !== 'filter') continue;
    out.push({ key: l.key, typed: l.typed, values: splitList(l.value, l.quoted), start: l.pos, end: l.end });
  }
  return out;
}

/** `key:value` as the lexer reads it back: quoted when the value has spaces or list syntax. */
export function formatFilter(name: string, value: string): string {
  return needsQuotes(value) ? `${name}:"${value.replace(/"/gu, '')}"` : `${name}:${value}`;
}
