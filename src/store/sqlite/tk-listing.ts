/**
 * Ordered listings and counts of Tweede Kamer entities for SqliteTkStore. The SQL is built
 * so that a page walks one index of tk migration 3 in its order and stops after its rows
 * (keyset pagination), however large the category.
 */
import type { TkFieldValue } from '../../domain/tk.js';
import {
  INDEXED_FIELDS as INDEXED, REFS_FIRST, categoryLiteral as category, checkListQuery as checkQuery, decodeCursor, encodeCursor, lit, phasesOf,
  prefixPattern, refNameLiteral as refName, type Phase,
} from '../tk-listing-plan.js';
import { TK_DAY_FIELDS, type TkCountQuery, type TkFieldFilter, type TkFieldRow, type TkListQuery } from '../tk-store.js';
import type { Statement } from 'better-sqlite3';
import type { SqliteDb } from './connection.js';

/** A row of tk_entities as stored. */
export interface EntityRow {
  id: string;
  category: string;
  updated: string | null;
  fields: string;
  content_type: string | null;
  content_length: number | null;
  has_file: number;
}

/** The entity columns a listing reads, plus its sort values `k0…kn`. */
export interface ListedRow extends EntityRow {
  [sortValue: `k${number}`]: string;
}

/** Counts remembered per state of the change log (a handful of pages ask the same ones). */
const COUNT_CACHE = 500;
const STATEMENT_CACHE = 200;

/** Field names become JSON paths; quoting keeps dots and odd characters literal. */
const jsonPath = (field: string) => `$."${field.replace(/"/g, '""')}"`;

const fieldOf = (alias: string, field: string) => `json_extract(${alias}.fields, ${lit(jsonPath(field))})`;

/** The day an entity is ordered by: the field's `YYYY-MM-DD` prefix, or '' (the same expression as the indexes). */
function dayOf(alias: string, cat: string): string {
  const field = TK_DAY_FIELDS[cat];
  if (!field) throw new TypeError(`TkStore: ${cat} has no day to order by (TK_DAY_FIELDS)`);
  const x = fieldOf(alias, field);
  return `(CASE WHEN ${x} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN substr(${x}, 1, 10) ELSE '' END)`;
}

const updatedOf = (alias: string) => `ifnull(${alias}.updated, '')`;

function filterSql(alias: string, cat: string, f: TkFieldFilter, params: unknown[]): string {
  const match = f.prefix ? `LIKE ? ESCAPE '\\'` : '= ?';
  const value = f.prefix && f.value !== null ? prefixPattern(f.value) : f.value;
  if (INDEXED.has(`${cat}\0${f.field}`)) {
    const x = fieldOf(alias, f.field);
    if (value === null) return `${x} IS ${f.not ? 'NOT ' : ''}NULL`;
    params.push(value);
    if (!f.not) return `${x} ${match}`;
    return f.prefix ? `(${x} IS NULL OR ${x} NOT LIKE ? ESCAPE '\\')` : `${x} IS NOT ?`;
  }
  if (value === null) {
    params.push(jsonPath(f.field));
    return `json_extract(${alias}.fields, ?) IS ${f.not ? 'NOT ' : ''}NULL`;
  }
  params.push(jsonPath(f.field), value);
  return `${f.not ? 'NOT ' : ''}EXISTS (SELECT 1 FROM json_each(${alias}.fields, ?) WHERE json_each.value ${match})`;
}

function referredBySql(r: NonNullable<TkListQuery['referredBy']>, params: unknown[]): string {
  const where = (r.where ?? []).map((f) => ` AND ${filterSql('rbe', r.category, f, params)}`).join('');
  return `${r.none ? 'NOT ' : ''}EXISTS (SELECT 1 FROM tk_refs rb CROSS JOIN tk_entities rbe ON rbe.id = rb.from_id
    WHERE rb.to_id = e.id AND rb.name = ${refName(r.ref)} AND rbe.category = ${category(r.category)}${where})`;
}

interface Sort {
  expr: string;
  /** Descending when the listing is newest first. */
  desc: boolean;
}

/** The refs of a `via` path joined backwards from `a` (the entity it leads to) to `e`. */
function viaChain(refs: readonly string[]): string {
  let sql = '';
  let to = 'a.id';
  for (let i = refs.length - 1; i >= 0; i--) {
    sql += ` CROSS JOIN tk_refs v${i} ON v${i}.to_id = ${to} AND v${i}.name = ${refName(refs[i]!)}`;
    to = `v${i}.from_id`;
  }
  return `${sql} CROSS JOIN tk_entities e ON e.id = ${to}`;
}

function forwardChain(refs: readonly string[]): string {
  return refs.map((r, i) => ` CROSS JOIN tk_refs f${i} ON f${i}.from_id = ${i === 0 ? 'e.id' : `f${i - 1}.to_id`} AND f${i}.name = ${refName(r)}`).join('');
}

/** Whether `e` reaches an entity of `target` through `refs` (forwards, from `e`). */
function reaches(refs: readonly string[], target: string): string {
  let sql = `SELECT 1 FROM tk_refs x0`;
  for (let i = 1; i < refs.length; i++) sql += ` JOIN tk_refs x${i} ON x${i}.from_id = x${i - 1}.to_id AND x${i}.name = ${refName(refs[i]!)}`;
  const last = refs.length - 1;
  return `${sql} JOIN tk_entities xt ON xt.id = x${last}.to_id AND xt.category = ${category(target)} WHERE x0.from_id = e.id AND x0.name = ${refName(refs[0]!)}`;
}

function sortsOf(q: TkListQuery, phase: Phase): Sort[] {
  if (phase === 'u') return [{ expr: updatedOf('e'), desc: true }, { expr: 'e.id', desc: false }];
  const key = phase === 'w' ? dayOf('a', q.via!.category) : q.order === 'day' ? dayOf('e', q.category) : updatedOf('e');
  const then = q.thenBy
    ? [{
        expr: `ifnull((SELECT ${fieldOf('tb_e', q.thenBy.field)} FROM tk_refs tb_r LEFT JOIN tk_entities tb_e ON tb_e.id = tb_r.to_id
          WHERE tb_r.from_id = e.id AND tb_r.name = ${refName(q.thenBy.ref)} ORDER BY tb_r.ord LIMIT 1), '')`,
        desc: false,
      }]
    : [];
  return [{ expr: key, desc: true }, ...then, { expr: 'e.id', desc: false }];
}

/** Range and presence conditions on a phase's first sort key. */
function rangeSql(key: string, q: Pick<TkListQuery, 'from' | 'to' | 'dated'>, params: unknown[]): string[] {
  const out: string[] = [];
  if (q.from !== undefined) {
    out.push(`${key} >= ?`);
    params.push(q.from);
  }
  if (q.to !== undefined) {
    out.push(`${key} < ?`);
    params.push(q.to);
  }
  if (q.dated === true) out.push(`${key} <> ''`);
  if (q.dated === false) out.push(`${key} = ''`);
  return out;
}

/**
 * Rows strictly after `values` in the walk: (k0 < v0) or (k0 = v0 and k1 > v1) …, with the
 * first key also as a plain bound so that the index range starts there.
 */
function keysetSql(sorts: Sort[], reverse: boolean, values: string[], params: unknown[]): string {
  const beyond = (s: Sort) => (s.desc !== reverse ? '<' : '>');
  const first = sorts[0]!;
  const own: unknown[] = [values[0]];
  const ors: string[] = [];
  for (let i = 0; i < sorts.length; i++) {
    const ands: string[] = [];
    for (let j = 0; j < i; j++) {
      ands.push(`${sorts[j]!.expr} = ?`);
      own.push(values[j]);
    }
    ands.push(`${sorts[i]!.expr} ${beyond(sorts[i]!)} ?`);
    own.push(values[i]);
    ors.push(`(${ands.join(' AND ')})`);
  }
  params.push(...own);
  return `${first.expr} ${beyond(first)}= ? AND (${ors.join(' OR ')})`;
}

const ENTITY_COLUMNS = 'e.id, e.category, e.updated, e.fields, e.content_type, e.content_length, e.has_file';

export class TkListing {
  private counts = { head: -1, map: new Map<string, unknown>() };
  /** Statements by SQL text: a listing's SQL depends on its shape, not its values. */
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: SqliteDb) {}

  private prepare(sql: string): Statement {
    let st = this.statements.get(sql);
    if (!st) {
      if (this.statements.size >= STATEMENT_CACHE) this.statements.clear();
      this.statements.set(sql, (st = this.db.prepare(sql)));
    }
    return st;
  }

  /** The phases of a listing in the order its items come. */
  private phases(q: TkListQuery): Phase[] {
    return phasesOf(q);
  }

  /**
   * One phase as SQL: the rows after `after` (the phase's own cursor values) in order. The
   * joins are CROSS JOINs because SQLite keeps their order: walk the order index first, then
   * follow references, never the other way round (without statistics the planner may guess so).
   */
  private phaseQuery(q: TkListQuery, phase: Phase, after: string[] | null): { select: string; from: string; order: string; params: unknown[] } {
    const params: unknown[] = [];
    const where: string[] = [];
    let from = 'tk_entities e';
    let refersTo = q.refersTo;
    const sorts = sortsOf(q, phase);
    // An index on a filter field answers few rows: start there and sort, rather than walk
    // the order index past every other entity (`+` keeps the planner off the order index).
    let unordered = (q.where ?? []).some((f) => f.value !== null && !f.not && !f.prefix && INDEXED.has(`${q.category}\0${f.field}`));
    if (refersTo && this.fewRefs(refersTo.id, refersTo.ref)) {
      from = `(SELECT DISTINCT from_id FROM tk_refs WHERE to_id = ? AND name = ${refName(refersTo.ref)}) rf CROSS JOIN tk_entities e ON e.id = rf.from_id`;
      params.push(refersTo.id);
      refersTo = undefined;
      unordered = true;
      // From the entity forwards to the one whose day orders it (the walk goes backwards).
      if (phase === 'w') from += `${forwardChain(q.via!.refs)} CROSS JOIN tk_entities a ON a.id = f${q.via!.refs.length - 1}.to_id`;
    } else if (phase === 'w') {
      from = `tk_entities a${viaChain(q.via!.refs)}`;
    }
    if (phase === 'w') {
      where.push(`a.category = ${category(q.via!.category)}`, `e.category = ${category(q.category)}`);
      where.push(...rangeSql(dayOf('a', q.via!.category), q, params));
    } else {
      where.push(`e.category = ${category(q.category)}`);
      if (phase === 'u') where.push(`NOT EXISTS (${reaches(q.via!.refs, q.via!.category)})`);
      if (phase === 'p') where.push(...rangeSql(sorts[0]!.expr, q, params));
    }
    for (const f of q.where ?? []) where.push(filterSql('e', q.category, f, params));
    if (refersTo) {
      where.push(`EXISTS (SELECT 1 FROM tk_refs rt WHERE rt.from_id = e.id AND rt.name = ${refName(refersTo.ref)} AND rt.to_id = ?)`);
      params.push(refersTo.id);
    }
    if (q.referredBy) where.push(referredBySql(q.referredBy, params));
    const reverse = q.direction === 'asc';
    if (after) where.push(keysetSql(sorts, reverse, after, params));
    return {
      select: `${ENTITY_COLUMNS}, ${sorts.map((s, i) => `${s.expr} AS k${i}`).join(', ')}`,
      from: `${from} WHERE ${where.join(' AND ')}`,
      order: sorts.map((s) => `${unordered ? '+' : ''}${s.expr} ${s.desc !== reverse ? 'DESC' : 'ASC'}`).join(', '),
      params,
    };
  }

  private fewRefs(id: string, name: string): boolean {
    const row = this.prepare('SELECT COUNT(*) AS n FROM (SELECT 1 FROM tk_refs WHERE to_id = ? AND name = ? LIMIT ?)').get(id, name, REFS_FIRST + 1) as { n: number };
    return row.n <= REFS_FIRST;
  }

  /** One phase's rows after `after`, skipping `offset`. */
  private runPhase(q: TkListQuery, phase: Phase, after: string[] | null, limit: number, offset: number): ListedRow[] {
    const x = this.phaseQuery(q, phase, after);
    return this.prepare(`SELECT ${x.select} FROM ${x.from} ORDER BY ${x.order} LIMIT ? OFFSET ?`).all(...x.params, limit, offset) as ListedRow[];
  }

  /** How many rows one phase has after `after`, counting at most `max`. */
  private countPhase(q: TkListQuery, phase: Phase, after: string[] | null, max: number): number {
    const x = this.phaseQuery(q, phase, after);
    return (this.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${x.from} LIMIT ?)`).get(...x.params, max) as { n: number }).n;
  }

  /** The SQL plan of a listing's first phase, for tests that check an index is used. */
  explain(q: TkListQuery): string[] {
    checkQuery(q);
    const x = this.phaseQuery(q, this.phases(q)[0]!, null);
    const plan = this.prepare(`EXPLAIN QUERY PLAN SELECT ${x.select} FROM ${x.from} ORDER BY ${x.order} LIMIT ?`).all(...x.params, q.limit);
    return (plan as { detail: string }[]).map((r) => r.detail);
  }

  list(q: TkListQuery): { rows: ListedRow[]; cursors: string[]; more: boolean } {
    checkQuery(q);
    const phases = this.phases(q);
    let start = 0;
    let after: string[] | null = null;
    if (q.after !== undefined) {
      const c = decodeCursor(q.after, phases, q);
      start = phases.indexOf(c.phase);
      after = c.values;
    }
    const want = q.limit + 1;
    let offset = q.offset ?? 0;
    const rows: ListedRow[] = [];
    const cursors: string[] = [];
    for (let i = start; i < phases.length && rows.length < want; i++) {
      const phase = phases[i]!;
      const from = i === start ? after : null;
      const got = this.runPhase(q, phase, from, want - rows.length, offset);
      if (offset > 0) {
        // Skipped past this phase's end: the rest of the offset goes on into the next phase.
        offset = got.length > 0 ? 0 : offset - this.countPhase(q, phase, from, offset);
      }
      const n = sortsOf(q, phase).length;
      for (const r of got) {
        rows.push(r);
        cursors.push(encodeCursor(phase, Array.from({ length: n }, (_, k) => r[`k${k}`] as string)));
      }
    }
    const more = rows.length > q.limit;
    return { rows: rows.slice(0, q.limit), cursors: cursors.slice(0, q.limit), more };
  }

  /** The change log's head: every insert, change and delete of an entity moves it. */
  private head(): number {
    return (this.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM tk_changes').get() as { n: number }).n;
  }

  /**
   * A count, remembered until the next change. The head is read before counting, so a
   * change committed meanwhile can only make the remembered count fresher, never staler.
   */
  cached<T>(key: string, compute: () => T): T {
    const head = this.head();
    if (head !== this.counts.head) this.counts = { head, map: new Map() };
    if (this.counts.map.has(key)) return this.counts.map.get(key) as T;
    const value = compute();
    if (this.counts.map.size >= COUNT_CACHE) this.counts.map.clear();
    this.counts.map.set(key, value);
    return value;
  }

  count(q: TkCountQuery, max = Number.MAX_SAFE_INTEGER): { count: number; exact: boolean } {
    if (!Number.isInteger(max) || max < 0) throw new TypeError('TkStore.countEntities: max must be 0 or more');
    const cat = category(q.category);
    return this.cached(`count\0${JSON.stringify(q)}\0${max}`, () => {
      const params: unknown[] = [];
      let from = 'tk_entities e';
      if (q.refersTo) {
        // Counting what refers to one entity starts from its references, however many.
        from = `(SELECT DISTINCT from_id FROM tk_refs WHERE to_id = ? AND name = ${refName(q.refersTo.ref)}) rf CROSS JOIN tk_entities e ON e.id = rf.from_id`;
        params.push(q.refersTo.id);
      }
      const where = [`e.category = ${cat}`, ...rangeSql(q.order === 'day' ? dayOf('e', q.category) : updatedOf('e'), q, params)];
      for (const f of q.where ?? []) where.push(filterSql('e', q.category, f, params));
      if (q.referredBy) where.push(referredBySql(q.referredBy, params));
      // One past the bound tells "at least max" from "exactly max".
      const limit = max === Number.MAX_SAFE_INTEGER ? -1 : max + 1;
      const n = (this.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${where.join(' AND ')} LIMIT ?)`).get(...params, limit) as { n: number }).n;
      return n > max ? { count: max, exact: false } : { count: n, exact: true };
    });
  }

  /** The named fields of a category's entities, by id (absent fields are left out). */
  fields(cat: string, names: readonly string[], filters: readonly TkFieldFilter[] = []): TkFieldRow[] {
    const params: unknown[] = [];
    // `->` gives each field as JSON, so a repeated field comes back as the list it is.
    const cols = names.map((n, i) => `e.fields -> ${lit(jsonPath(n))} AS f${i}`).join(', ');
    const where = [`e.category = ${category(cat)}`, ...filters.map((f) => filterSql('e', cat, f, params))];
    const rows = this.prepare(`SELECT e.id, e.updated${cols ? `, ${cols}` : ''} FROM tk_entities e WHERE ${where.join(' AND ')} ORDER BY e.id`).all(...params) as Record<string, string | null>[];
    return rows.map((r) => {
      const fields: Record<string, TkFieldValue> = {};
      names.forEach((n, i) => {
        const v = r[`f${i}`];
        if (v !== null && v !== undefined) fields[n] = JSON.parse(v) as TkFieldValue;
      });
      return { id: r['id']!, updated: r['updated'] ?? null, fields };
    });
  }

  /** Entities of a category whose field equals `value`, by id, from the field's index when it has one. */
  byField(cat: string, field: string, value: string, limit: number, offset: number): { rows: ListedRow[]; total: number } {
    const params: unknown[] = [];
    const where = `e.category = ${category(cat)} AND ${filterSql('e', cat, { field, value }, params)}`;
    const total = this.count({ category: cat, where: [{ field, value }] }).count;
    const rows = this.prepare(`SELECT ${ENTITY_COLUMNS} FROM tk_entities e WHERE ${where} ORDER BY e.id LIMIT ? OFFSET ?`).all(...params, limit, offset) as ListedRow[];
    return { rows, total };
  }
}
