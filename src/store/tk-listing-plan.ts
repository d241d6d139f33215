/**
 * The backend-neutral half of TkStore listings: query checks, the phases a listing walks,
 * its cursors, and which fields have an index. The SQLite and PostgreSQL listings build
 * their own SQL around these, so both accept the same cursors and reject the same input.
 */
import { KamerlensError } from '../domain/errors.js';
import type { TkListQuery } from './tk-store.js';

const CATEGORY = /^[A-Za-z]{1,60}$/;
/** The largest page a listing returns. */
export const MAX_LIMIT = 10_000;
/**
 * Below this many references to an entity, a `refersTo` listing starts from those references
 * and sorts them; above it, walking the order index and checking each entity finds a page sooner.
 */
export const REFS_FIRST = 2_000;

/**
 * Names become SQL literals, never values: a partial or expression index only matches a
 * query that spells the same literal (a bound parameter never proves `category = 'Zaak'`).
 */
export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A category name as an SQL literal, after checking it is one. */
export function categoryLiteral(c: string): string {
  if (!CATEGORY.test(c)) throw new TypeError(`TkStore: "${c}" is not a category name`);
  return lit(c);
}

/** A reference name as an SQL literal, after checking it is one. */
export function refNameLiteral(n: string): string {
  if (!n || n.length > 100) throw new TypeError(`TkStore: "${n}" is not a reference name`);
  return lit(n);
}

/**
 * Fields with an index in their category. They are single-valued in the Kamer's XSD and are
 * compared as one value, which is what lets the index answer.
 */
export const INDEXED_FIELDS: ReadonlySet<string> = new Set([
  'Zaak\0nummer', 'Zaak\0soort', 'Zaak\0afgedaan', 'Document\0documentNummer', 'Kamerstukdossier\0nummer', 'Toezegging\0naam',
  'Document\0volgnummer', 'Persoon\0achternaam',
]);

/** `LIKE` pattern for "starts with": the value's own `%`, `_` and `\\` match literally. */
export const prefixPattern = (v: string) => `${v.replace(/[\\%_]/g, '\\$&')}%`;

/** `p`: the category in its own order; `w`: walked from the entities `via` leads to; `u`: those it leads nowhere. */
export type Phase = 'p' | 'w' | 'u';

/** How many sort values a phase's rows carry (and its cursors hold). */
export function sortCount(q: TkListQuery, phase: Phase): number {
  if (phase === 'u') return 2;
  return q.thenBy ? 3 : 2;
}

/** The phases of a listing in the order its items come. */
export function phasesOf(q: TkListQuery): Phase[] {
  if (!q.via) return ['p'];
  // Unreached entities have no day: a range on the day, or "dated only", leaves them out.
  const unreached = q.from === undefined && q.to === undefined && q.dated !== true;
  const order: Phase[] = unreached ? ['w', 'u'] : ['w'];
  return q.direction === 'asc' ? order.reverse() : order;
}

function badCursor(): never {
  throw new KamerlensError('BAD_REQUEST', '"after" is geen positie in deze lijst', { field: 'after' });
}

/** A listing position: its phase and its sort values. */
export function encodeCursor(phase: Phase, values: string[]): string {
  return Buffer.from(JSON.stringify([phase, ...values]), 'utf8').toString('base64url');
}

/** The phase and sort values of a cursor; a BAD_REQUEST on `after` when it is none of this listing's. */
export function decodeCursor(cursor: string, phases: Phase[], q: TkListQuery): { phase: Phase; values: string[] } {
  if (cursor.length > 2_000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) badCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    badCursor();
  }
  if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'string')) badCursor();
  const [phase, ...values] = parsed as string[];
  if (!phases.includes(phase as Phase) || values.length !== sortCount(q, phase as Phase)) badCursor();
  return { phase: phase as Phase, values };
}

/** Rejects a listing query no backend should run. */
export function checkListQuery(q: TkListQuery): void {
  if (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > MAX_LIMIT) throw new TypeError(`TkStore.listOrdered: limit must be 1 to ${MAX_LIMIT}`);
  if (q.offset !== undefined && (!Number.isInteger(q.offset) || q.offset < 0)) throw new TypeError('TkStore.listOrdered: offset must be 0 or more');
  if (q.via && (q.via.refs.length < 1 || q.via.refs.length > 4)) throw new TypeError('TkStore.listOrdered: via takes one to four references');
  categoryLiteral(q.category);
}
