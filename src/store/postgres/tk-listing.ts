/**
 * Ordered listings and counts of Tweede Kamer entities for PgTkStore: the SQL of
 * sqlite/tk-listing.ts in PostgreSQL's dialect, walking the indexes of postgres/tk-migrations.ts
 * (keyset pagination), with the same cursors, phases and answers (byte order through COLLATE "C").
 */
import type { TkFieldValue } from '../../domain/tk.js';
import {
  INDEXED_FIELDS, REFS_FIRST, categoryLiteral, checkListQuery, decodeCursor, encodeCursor, lit, phasesOf, prefixPattern, refNameLiteral,
  type Phase,
} from '../tk-listing-plan.js';
import { TK_DAY_FIELDS, type TkCountQuery, type TkFieldFilter, type TkFieldRow, type TkListQuery } from '../tk-store.js';
import type { PgDb } from './connection.js';

/** A row of tk_entities as read (fields as the JSON text stored). */
export interface PgEntityRow {
  id: string;
  category: string;
  updated: string | null;
  fields: string;
  content_type: string | null;
  content_length: number | null;
  has_file: boolean;
}

/** The entity columns a listing reads, plus its sort values `k0…kn`. */
export interface PgListedRow extends PgEntityRow {
  [sortValue: `k${number}`]: string;
}

/** Counts remembered per state of the change log (a handful of pages ask the same ones). */
const COUNT_CACHE = 500;

/** The entity columns, `fields` as text: json would come back parsed and lose nothing, but comparing writes needs the text. */
export const PG_ENTITY_COLUMNS = 'e.id, e.category, e.updated, e.fields::text AS fields, e.content_type, e.content_length, e.has_file';

/** Numbered parameters collected while a statement is built. */
class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** A field as text by a literal name: for fields with an index, whose expression must match it. */
const fieldOf = (alias: string, field: string) => `(${alias}.fields ->> ${lit(field)})`;

/** The day an entity is ordered by: the field's `YYYY-MM-DD` prefix, or '' (the expression of the indexes). */
function dayOf(alias: string, cat: string): string {
  const field = TK_DAY_FIELDS[cat];
  if (!field) throw new TypeError(`TkStore: ${cat} has no day to order by (TK_DAY_FIELDS)`);
  const x = fieldOf(alias, field);
  return `((CASE WHEN ${x} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' THEN substr(${x}, 1, 10) ELSE '' END) COLLATE "C")`;
}

// The column is COLLATE "C", and so is this: the index on it orders bytes.
const updatedOf = (alias: string) => `COALESCE(${alias}.updated, '')`;

/** ASCII letters to lower case and nothing else, as SQLite's LIKE ignores case. */
const asciiLower = (sql: string) => `translate(${sql}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;
const asciiLowerJs = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

function filterSql(alias: string, cat: string, f: TkFieldFilter, p: Params): string {
  const pattern = f.prefix && f.value !== null ? asciiLowerJs(prefixPattern(f.value)) : null;
  if (INDEXED_FIELDS.has(`${cat}\0${f.field}`)) {
    const x = fieldOf(alias, f.field);
    if (f.value === null) return `${x} IS ${f.not ? 'NOT ' : ''}NULL`;
    if (pattern !== null) {
      const like = `${asciiLower(x)} LIKE ${p.add(pattern)}`;
      return f.not ? `(${x} IS NULL OR NOT ${like})` : like;
    }
    const v = p.add(f.value);
    return f.not ? `${x} IS DISTINCT FROM ${v}::text` : `${x} = ${v}::text`;
  }
  const x = `(${alias}.fields -> ${p.add(f.field)}::text)`;
  if (f.value === null) {
    // SQLite's json_extract gives NULL for an absent field and for a JSON null alike.
    return `(${x} IS NULL OR json_typeof(${x}) = 'null') = ${f.not ? 'false' : 'true'}`;
  }
  // One of the field's values (itself when it is a string, each item when a list) matches.
  const v = p.add(pattern ?? f.value);
  const match = (t: string) => (pattern !== null ? `${asciiLower(t)} LIKE ${v}::text` : `${t} = ${v}::text`);
  const any = `(CASE json_typeof(${x}) WHEN 'string' THEN ${match(`(${x} #>> '{}')`)}
    WHEN 'array' THEN EXISTS (SELECT 1 FROM json_array_elements_text(${x}) fv(v) WHERE ${match('fv.v')}) ELSE false END)`;
  return f.not ? `NOT COALESCE(${any}, false)` : `COALESCE(${any}, false)`;
}

function referredBySql(r: NonNullable<TkListQuery['referredBy']>, p: Params): string {
  const where = (r.where ?? []).map((f) => ` AND ${filterSql('rbe', r.category, f, p)}`).join('');
  return `${r.none ? 'NOT ' : ''}EXISTS (SELECT 1 FROM tk_refs rb JOIN tk_entities rbe ON rbe.id = rb.from_id
    WHERE rb.to_id = e.id AND rb.name = ${refNameLiteral(r.ref)} AND rbe.category = ${categoryLiteral(r.category)}${where})`;
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
    sql += ` JOIN tk_refs v${i} ON v${i}.to_id = ${to} AND v${i}.name = ${refNameLiteral(refs[i]!)}`;
    to = `v${i}.from_id`;
  }
  return `${sql} JOIN tk_entities e ON e.id = ${to}`;
}

function forwardChain(refs: readonly string[]): string {
  return refs.map((r, i) => ` JOIN tk_refs f${i} ON f${i}.from_id = ${i === 0 ? 'e.id' : `f${i - 1}.to_id`} AND f${i}.name = ${refNameLiteral(r)}`).join('');
}

/** Whether `e` reaches an entity of `target` through `refs` (forwards, from `e`). */
function reaches(refs: readonly string[], target: string): string {
  let sql = `SELECT 1 FROM tk_refs x0`;
  for (let i = 1; i < refs.length; i++) sql += ` JOIN tk_refs x${i} ON x${i}.from_id = x${i - 1}.to_id AND x${i}.name = ${refNameLiteral(refs[i]!)}`;
  const last = refs.length - 1;
  return `${sql} JOIN tk_entities xt ON xt.id = x${last}.to_id AND xt.category = ${categoryLiteral(target)} WHERE x0.from_id = e.id AND x0.name = ${refNameLiteral(refs[0]!)}`;
}

/** A phase's sort keys. Literals only (no parameters): they also appear in keyset conditions and select lists. */
function sortsOf(q: TkListQuery, phase: Phase): Sort[] {
  if (phase === 'u') return [{ expr: updatedOf('e'), desc: true }, { expr: 'e.id', desc: false }];
  const key = phase === 'w' ? dayOf('a', q.via!.category) : q.order === 'day' ? dayOf('e', q.category) : updatedOf('e');
  const then = q.thenBy
    ? [{
        expr: `(COALESCE((SELECT ${fieldOf('tb_e', q.thenBy.field)} FROM tk_refs tb_r LEFT JOIN tk_entities tb_e ON tb_e.id = tb_r.to_id
          WHERE tb_r.from_id = e.id AND tb_r.name = ${refNameLiteral(q.thenBy.ref)} ORDER BY tb_r.ord LIMIT 1), '') COLLATE "C")`,
        desc: false,
      }]
    : [];
  return [{ expr: key, desc: true }, ...then, { expr: 'e.id', desc: false }];
}

/** Range and presence conditions on a phase's first sort key. */
function rangeSql(key: string, q: Pick<TkListQuery, 'from' | 'to' | 'dated'>, p: Params): string[] {
  const out: string[] = [];
  if (q.from !== undefined) out.push(`${key} >= ${p.add(q.from)}::text`);
  if (q.to !== undefined) out.push(`${key} < ${p.add(q.to)}::text`);
  if (q.dated === true) out.push(`${key} <> ''`);
  if (q.dated === false) out.push(`${key} = ''`);
  return out;
}

/**
 * Rows strictly after `values` in the walk: (k0 < v0) or (k0 = v0 and k1 > v1) …, with the
 * first key also as a plain bound so that the index range starts there.
 */
function keysetSql(sorts: Sort[], reverse: boolean, values: string[], p: Params): string {
  const beyond = (s: Sort) => (s.desc !== reverse ? '<' : '>');
  const v = values.map((x) => `${p.add(x)}::text`);
  const ors: string[] = [];
  for (let i = 0; i < sorts.length; i++) {
    const ands: string[] = [];
    for (let j = 0; j < i; j++) ands.push(`${sorts[j]!.expr} = ${v[j]}`);
    ands.push(`${sorts[i]!.expr} ${beyond(sorts[i]!)} ${v[i]}`);
    ors.push(`(${ands.join(' AND ')})`);
  }
  return `${sorts[0]!.expr} ${beyond(sorts[0]!)}= ${v[0]} AND (${ors.join(' OR ')})`;
}

export class PgTkListing {
  private counts = { head: -1, map: new Map<string, unknown>() };

  constructor(private readonly db: PgDb) {}

  /** One phase as SQL: the rows after `after` (the phase's own cursor values) in order. */
  private async phaseQuery(q: TkListQuery, phase: Phase, after: string[] | null): Promise<{ select: string; from: string; order: string; p: Params }> {
    const p = new Params();
    const where: string[] = [];
    let from = 'tk_entities e';
    let refersTo = q.refersTo;
    const sorts = sortsOf(q, phase);
    if (refersTo && (await this.fewRefs(refersTo.id, refersTo.ref))) {
      from = `(SELECT DISTINCT from_id FROM tk_refs WHERE to_id = ${p.add(refersTo.id)}::text AND name = ${refNameLiteral(refersTo.ref)}) rf
        JOIN tk_entities e ON e.id = rf.from_id`;
      refersTo = undefined;
      if (phase === 'w') from += `${forwardChain(q.via!.refs)} JOIN tk_entities a ON a.id = f${q.via!.refs.length - 1}.to_id`;
    } else if (phase === 'w') {
      from = `tk_entities a${viaChain(q.via!.refs)}`;
    }
    if (phase === 'w') {
      where.push(`a.category = ${categoryLiteral(q.via!.category)}`, `e.category = ${categoryLiteral(q.category)}`);
      where.push(...rangeSql(dayOf('a', q.via!.category), q, p));
    } else {
      where.push(`e.category = ${categoryLiteral(q.category)}`);
      if (phase === 'u') where.push(`NOT EXISTS (${reaches(q.via!.refs, q.via!.category)})`);
      if (phase === 'p') where.push(...rangeSql(sorts[0]!.expr, q, p));
    }
    for (const f of q.where ?? []) where.push(filterSql('e', q.category, f, p));
    if (refersTo) {
      where.push(`EXISTS (SELECT 1 FROM tk_refs rt WHERE rt.from_id = e.id AND rt.name = ${refNameLiteral(refersTo.ref)} AND rt.to_id = ${p.add(refersTo.id)}::text)`);
    }
    if (q.referredBy) where.push(referredBySql(q.referredBy, p));
    const reverse = q.direction === 'asc';
    if (after) where.push(keysetSql(sorts, reverse, after, p));
    return {
      select: `${PG_ENTITY_COLUMNS}, ${sorts.map((s, i) => `${s.expr} AS k${i}`).join(', ')}`,
      from: `${from} WHERE ${where.join(' AND ')}`,
      order: sorts.map((s) => `${s.expr} ${s.desc !== reverse ? 'DESC' : 'ASC'}`).join(', '),
      p,
    };
  }

  private async fewRefs(id: string, name: string): Promise<boolean> {
    const row = await this.db.one<{ n: number }>(
      'SELECT COUNT(*) AS n FROM (SELECT 1 FROM tk_refs WHERE to_id = $1 AND name = $2 LIMIT $3) t', [id, name, REFS_FIRST + 1]);
    return row!.n <= REFS_FIRST;
  }

  /** One phase's rows after `after`, skipping `offset`. */
  private async runPhase(q: TkListQuery, phase: Phase, after: string[] | null, limit: number, offset: number): Promise<PgListedRow[]> {
    const x = await this.phaseQuery(q, phase, after);
    return this.db.rows<PgListedRow>(
      `SELECT ${x.select} FROM ${x.from} ORDER BY ${x.order} LIMIT ${x.p.add(limit)} OFFSET ${x.p.add(offset)}`, x.p.values);
  }

  /** How many rows one phase has after `after`, counting at most `max`. */
  private async countPhase(q: TkListQuery, phase: Phase, after: string[] | null, max: number): Promise<number> {
    const x = await this.phaseQuery(q, phase, after);
    return (await this.db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${x.from} LIMIT ${x.p.add(max)}) t`, x.p.values))!.n;
  }

  /** The plan of a listing's first phase (EXPLAIN lines), for tests that check an index serves it. */
  async explain(q: TkListQuery): Promise<string[]> {
    checkListQuery(q);
    const x = await this.phaseQuery(q, phasesOf(q)[0]!, null);
    const rows = await this.db.rows<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT ${x.select} FROM ${x.from} ORDER BY ${x.order} LIMIT ${x.p.add(q.limit)}`, x.p.values);
    return rows.map((r) => r['QUERY PLAN']);
  }

  async list(q: TkListQuery): Promise<{ rows: PgListedRow[]; cursors: string[]; more: boolean }> {
    checkListQuery(q);
    const phases = phasesOf(q);
    let start = 0;
    let after: string[] | null = null;
    if (q.after !== undefined) {
      const c = decodeCursor(q.after, phases, q);
      start = phases.indexOf(c.phase);
      after = c.values;
    }
    const want = q.limit + 1;
    let offset = q.offset ?? 0;
    const rows: PgListedRow[] = [];
    const cursors: string[] = [];
    for (let i = start; i < phases.length && rows.length < want; i++) {
      const phase = phases[i]!;
      const from = i === start ? after : null;
      const got = await this.runPhase(q, phase, from, want - rows.length, offset);
      if (offset > 0) {
        // Skipped past this phase's end: the rest of the offset goes on into the next phase.
        offset = got.length > 0 ? 0 : offset - (await this.countPhase(q, phase, from, offset));
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

  /**
   * A count, remembered until the next change. The head is read before counting, so a
   * change committed meanwhile can only make the remembered count fresher, never staler.
   * Inside a unit of work nothing is remembered: its own uncommitted changes move the head
   * to a number that, if it rolls back, another commit will reuse for other changes.
   */
  async cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.db.current) return compute();
    const head = (await this.db.one<{ n: number }>('SELECT COALESCE(MAX(seq), 0) AS n FROM tk_changes'))!.n;
    if (head !== this.counts.head) this.counts = { head, map: new Map() };
    if (this.counts.map.has(key)) return this.counts.map.get(key) as T;
    const counts = this.counts;
    const value = await compute();
    if (counts.map.size >= COUNT_CACHE) counts.map.clear();
    counts.map.set(key, value);
    return value;
  }

  async count(q: TkCountQuery, max = Number.MAX_SAFE_INTEGER): Promise<{ count: number; exact: boolean }> {
    if (!Number.isInteger(max) || max < 0) throw new TypeError('TkStore.countEntities: max must be 0 or more');
    const cat = categoryLiteral(q.category);
    return this.cached(`count\0${JSON.stringify(q)}\0${max}`, async () => {
      const p = new Params();
      let from = 'tk_entities e';
      if (q.refersTo) {
        // Counting what refers to one entity starts from its references, however many.
        from = `(SELECT DISTINCT from_id FROM tk_refs WHERE to_id = ${p.add(q.refersTo.id)}::text AND name = ${refNameLiteral(q.refersTo.ref)}) rf
          JOIN tk_entities e ON e.id = rf.from_id`;
      }
      const where = [`e.category = ${cat}`, ...rangeSql(q.order === 'day' ? dayOf('e', q.category) : updatedOf('e'), q, p)];
      for (const f of q.where ?? []) where.push(filterSql('e', q.category, f, p));
      if (q.referredBy) where.push(referredBySql(q.referredBy, p));
      // One past the bound tells "at least max" from "exactly max"; NULL is no limit.
      const limit = max === Number.MAX_SAFE_INTEGER ? null : max + 1;
      const n = (await this.db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${where.join(' AND ')} LIMIT ${p.add(limit)}::bigint) t`, p.values))!.n;
      return n > max ? { count: max, exact: false } : { count: n, exact: true };
    });
  }

  /** The named fields of a category's entities, by id (absent fields are left out). */
  async fields(cat: string, names: readonly string[], filters: readonly TkFieldFilter[] = []): Promise<TkFieldRow[]> {
    const p = new Params();
    // Each field as its JSON text: absent is NULL, a JSON null is 'null', a list stays one.
    const cols = names.map((n, i) => `(e.fields -> ${p.add(n)}::text)::text AS f${i}`).join(', ');
    const where = [`e.category = ${categoryLiteral(cat)}`, ...filters.map((f) => filterSql('e', cat, f, p))];
    const rows = await this.db.rows<Record<string, string | null>>(
      `SELECT e.id, e.updated${cols ? `, ${cols}` : ''} FROM tk_entities e WHERE ${where.join(' AND ')} ORDER BY e.id`, p.values);
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
  async byField(cat: string, field: string, value: string, limit: number, offset: number): Promise<{ rows: PgEntityRow[]; total: number }> {
    const p = new Params();
    const where = `e.category = ${categoryLiteral(cat)} AND ${filterSql('e', cat, { field, value }, p)}`;
    const total = (await this.count({ category: cat, where: [{ field, value }] })).count;
    const rows = await this.db.rows<PgEntityRow>(
      `SELECT ${PG_ENTITY_COLUMNS} FROM tk_entities e WHERE ${where} ORDER BY e.id LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`, p.values);
    return { rows, total };
  }
}
