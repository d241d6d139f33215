/**
 * The PostgreSQL implementation of TkStore. A feed page is one unit of work (joining the
 * caller's, if any) written in a fixed number of statements whatever its size; the change log
 * is written from code in that unit, its seqs allocated in commit order (see `appendChanges`).
 */
import type { TkEntity, TkFieldValue, TkFileRecord, TkFileStatus } from '../../domain/tk.js';
import type {
  FeedCursor, TkApplyResult, TkChangeRow, TkCountQuery, TkEntityQuery, TkEntryWrite, TkFieldFilter, TkFieldRow, TkListPage, TkListQuery, TkRefRow, TkStore,
} from '../tk-store.js';
import type { PgDb } from './connection.js';
import { PG_ENTITY_COLUMNS, PgTkListing, type PgEntityRow } from './tk-listing.js';
import { PG_TK_MIGRATIONS } from './tk-migrations.js';

interface FileRow {
  entity_id: string;
  category: string;
  href: string;
  content_type: string | null;
  expected_length: number | null;
  entity_updated: string | null;
  status: TkFileStatus;
  version: number;
  content_hash: string | null;
  path: string | null;
  byte_count: number | null;
  attempts: number;
  last_error: string | null;
  queued_seq: number;
}

const toFile = (r: FileRow): TkFileRecord => ({
  entityId: r.entity_id,
  category: r.category,
  href: r.href,
  contentType: r.content_type,
  expectedLength: r.expected_length,
  entityUpdated: r.entity_updated,
  status: r.status,
  version: r.version,
  contentHash: r.content_hash,
  path: r.path,
  byteCount: r.byte_count,
  attempts: r.attempts,
  lastError: r.last_error,
});

/** An entity's columns as written (fields as the JSON text compared and stored). */
type EntityCols = Omit<PgEntityRow, 'id'>;
interface RefCol { name: string; to_id: string }
/** What one id looks like while a page is applied: its row (null when absent) and references. */
interface EntityState { row: EntityCols | null; refs: RefCol[] }
interface ChangeEntry { id: string; category: string; updated: string | null; deleted: boolean }

/**
 * The key of the advisory lock that orders tk_changes: held from the allocation of a unit's
 * seqs to its commit, so the next unit allocates after it and commits after it.
 */
const TK_CHANGES_LOCK = "hashtext('kamerlens:tk_changes')";

const sameRow = (a: EntityCols, b: EntityCols) =>
  a.category === b.category && a.updated === b.updated && a.fields === b.fields &&
  a.content_type === b.content_type && a.content_length === b.content_length && a.has_file === b.has_file;
const sameRefs = (a: RefCol[], b: RefCol[]) => a.length === b.length && a.every((r, i) => r.name === b[i]!.name && r.to_id === b[i]!.to_id);
const sameFile = (a: FileRow, b: FileRow) => (Object.keys(a) as (keyof FileRow)[]).every((k) => a[k] === b[k]);

/** The JSON of references as one subquery aggregates them: `[[name, to_id], …]` in order. */
const REFS_JSON = `(SELECT json_agg(json_build_array(r.name, r.to_id) ORDER BY r.ord)::text FROM tk_refs r WHERE r.from_id = e.id) AS refs`;

export class PgTkStore implements TkStore {
  private readonly listing: PgTkListing;

  /** Use `PgTkStore.open` (or call `migrate()` before first use): the constructor touches no table. */
  constructor(readonly db: PgDb) {
    this.listing = new PgTkListing(db);
  }

  /** This store on `db` (a transaction's, see PgDb.atomic). */
  private on(db: PgDb): PgTkStore {
    return db === this.db ? this : new PgTkStore(db);
  }

  /** A store on `db`, its schema migrated first. */
  static async open(db: PgDb): Promise<PgTkStore> {
    const store = new PgTkStore(db);
    await store.migrate();
    return store;
  }

  /** Applies the `tk` namespace's migrations (once, whichever process comes first). */
  async migrate(): Promise<void> {
    await this.db.migrate('tk', PG_TK_MIGRATIONS);
  }

  async applyPage(category: string, entries: TkEntryWrite[], cursor: FeedCursor | null): Promise<TkApplyResult> {
    for (const { entity: e } of entries) {
      if (!e.id) throw new TypeError(`TkStore.applyPage: an entity of ${category} has no id`);
    }
    return this.db.atomic(async (db) => {
      const s = this.on(db);
      const ids = [...new Set(entries.map((x) => x.entity.id))];
      const withFile = [...new Set(entries.filter((x) => x.enclosure || x.entity.deleted).map((x) => x.entity.id))];
      // The page's entities and file records as stored, locked until the page commits: a
      // concurrent page (or a download being recorded) waits rather than be overwritten by what
      // this page compared against. In id order, so two pages that share entities queue up.
      const rows = ids.length === 0 ? [] : await db.rows<PgEntityRow>(
        `SELECT id, category, updated, fields::text AS fields, content_type, content_length, has_file FROM tk_entities
         WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`, [ids]);
      const refRows = ids.length === 0 ? [] : await db.rows<{ from_id: string } & RefCol>(
        'SELECT from_id, name, to_id FROM tk_refs WHERE from_id = ANY($1::text[]) ORDER BY from_id, ord', [ids]);
      const fileRows = withFile.length === 0 ? [] : await db.rows<FileRow>('SELECT * FROM tk_files WHERE entity_id = ANY($1::text[]) ORDER BY entity_id FOR UPDATE', [withFile]);
      // Queue positions only order downloads: two pages that take the same ones tie harmlessly.
      const nextSeq = entries.some((x) => x.enclosure && !x.entity.deleted)
        ? (await db.one<{ seq: number }>('SELECT COALESCE(MAX(queued_seq), 0) + 1 AS seq FROM tk_files'))!.seq
        : 1;
      const before = new Map<string, EntityState>(ids.map((id) => [id, { row: null, refs: [] }]));
      for (const { id, ...row } of rows) before.set(id, { row, refs: [] });
      for (const r of refRows) before.get(r.from_id)?.refs.push({ name: r.name, to_id: r.to_id });
      const filesBefore = new Map<string, FileRow | null>(withFile.map((id) => [id, null]));
      for (const f of fileRows) filesBefore.set(f.entity_id, f);

      // The page in feed order, in memory: what each id ends as, and what the log records on the way.
      const now = new Map(before);
      const files = new Map(filesBefore);
      const changes: ChangeEntry[] = [];
      const result: TkApplyResult = { upserted: 0, deleted: 0, filesQueued: 0 };
      let seq = nextSeq;
      for (const { entity: e, enclosure } of entries) {
        const cur = now.get(e.id)!;
        if (e.deleted) {
          if (cur.row) changes.push({ id: e.id, category: cur.row.category, updated: cur.row.updated, deleted: true });
          now.set(e.id, { row: null, refs: [] });
          files.set(e.id, null);
          result.deleted++;
          continue;
        }
        const row: EntityCols = {
          category: e.category, updated: e.updated, fields: JSON.stringify(e.fields),
          content_type: e.file?.contentType ?? null, content_length: e.file?.contentLength ?? null, has_file: !!e.file,
        };
        // Logged as SQLite's triggers log: a new entity, or a change of what readers see.
        if (!cur.row || cur.row.updated !== row.updated || cur.row.fields !== row.fields || cur.row.category !== row.category) {
          changes.push({ id: e.id, category: row.category, updated: row.updated, deleted: false });
        }
        now.set(e.id, { row, refs: e.refs.map((r) => ({ name: r.name, to_id: r.ref })) });
        result.upserted++;
        if (enclosure) {
          const old = files.get(e.id) ?? null;
          const expectedLength = e.file?.contentLength ?? null;
          // A re-sent entity requeues its file only when it may have changed; a rerun of the
          // same feed therefore downloads nothing again.
          const same = old !== null && old.entity_updated === e.updated && old.expected_length === expectedLength;
          const f: FileRow = {
            entity_id: e.id, category: e.category, href: enclosure, content_type: e.file?.contentType ?? null,
            expected_length: expectedLength, entity_updated: e.updated,
            status: same ? old.status : 'pending', attempts: same ? old.attempts : 0, queued_seq: same ? old.queued_seq : seq,
            version: old?.version ?? 0, content_hash: old?.content_hash ?? null, path: old?.path ?? null,
            byte_count: old?.byte_count ?? null, last_error: old?.last_error ?? null,
          };
          seq++;
          files.set(e.id, f);
          if (f.status === 'pending' && f.attempts === 0) result.filesQueued++;
        }
      }
      await s.writeEntities(before, now);
      await s.writeFiles(filesBefore, files);
      if (cursor !== null) {
        await db.q(
          'INSERT INTO tk_cursors (origin, category, skiptoken) VALUES ($1, $2, $3) ON CONFLICT (origin, category) DO UPDATE SET skiptoken = excluded.skiptoken',
          [cursor.origin, category, cursor.skiptoken]);
      }
      // Last: the lock it takes is held until commit.
      await s.appendChanges(changes);
      return result;
    });
  }

  /** Writes the difference between the entities before and after a page, a statement per kind. */
  private async writeEntities(before: Map<string, EntityState>, now: Map<string, EntityState>): Promise<void> {
    const gone: string[] = [];
    const put: { id: string; row: EntityCols }[] = [];
    const rerefd: string[] = [];
    const refs: { from: string; ord: number; name: string; to: string }[] = [];
    for (const [id, b] of before) {
      const n = now.get(id)!;
      if (b.row && !n.row) gone.push(id);
      if (n.row && (!b.row || !sameRow(b.row, n.row))) put.push({ id, row: n.row });
      if (!sameRefs(b.refs, n.refs)) {
        rerefd.push(id);
        n.refs.forEach((r, ord) => refs.push({ from: id, ord, name: r.name, to: r.to_id }));
      }
    }
    if (gone.length) await this.db.q('DELETE FROM tk_entities WHERE id = ANY($1::text[])', [gone]);
    if (put.length) {
      await this.db.q(
        `INSERT INTO tk_entities (id, category, updated, fields, content_type, content_length, has_file)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::json[], $5::text[], $6::bigint[], $7::boolean[])
         ON CONFLICT (id) DO UPDATE SET category = excluded.category, updated = excluded.updated, fields = excluded.fields,
           content_type = excluded.content_type, content_length = excluded.content_length, has_file = excluded.has_file`,
        [put.map((x) => x.id), put.map((x) => x.row.category), put.map((x) => x.row.updated), put.map((x) => x.row.fields),
          put.map((x) => x.row.content_type), put.map((x) => x.row.content_length), put.map((x) => x.row.has_file)],
      );
    }
    if (rerefd.length) await this.db.q('DELETE FROM tk_refs WHERE from_id = ANY($1::text[])', [rerefd]);
    if (refs.length) {
      await this.db.q(
        'INSERT INTO tk_refs (from_id, ord, name, to_id) SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[])',
        [refs.map((r) => r.from), refs.map((r) => r.ord), refs.map((r) => r.name), refs.map((r) => r.to)],
      );
    }
  }

  /** Writes the file queue's difference: records of tombstones removed, queued ones written whole. */
  private async writeFiles(before: Map<string, FileRow | null>, now: Map<string, FileRow | null>): Promise<void> {
    const gone: string[] = [];
    const put: FileRow[] = [];
    for (const [id, n] of now) {
      const b = before.get(id) ?? null;
      if (b && !n) gone.push(id);
      if (n && (!b || !sameFile(b, n))) put.push(n);
    }
    if (gone.length) await this.db.q('DELETE FROM tk_files WHERE entity_id = ANY($1::text[])', [gone]);
    if (!put.length) return;
    const col = <K extends keyof FileRow>(k: K) => put.map((f) => f[k]);
    await this.db.q(
      `INSERT INTO tk_files (entity_id, category, href, content_type, expected_length, entity_updated, status, version,
         content_hash, path, byte_count, attempts, last_error, queued_seq)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::int[],
         $9::text[], $10::text[], $11::bigint[], $12::int[], $13::text[], $14::bigint[])
       ON CONFLICT (entity_id) DO UPDATE SET category = excluded.category, href = excluded.href, content_type = excluded.content_type,
         expected_length = excluded.expected_length, entity_updated = excluded.entity_updated, status = excluded.status,
         version = excluded.version, content_hash = excluded.content_hash, path = excluded.path, byte_count = excluded.byte_count,
         attempts = excluded.attempts, last_error = excluded.last_error, queued_seq = excluded.queued_seq`,
      [col('entity_id'), col('category'), col('href'), col('content_type'), col('expected_length'), col('entity_updated'), col('status'),
        col('version'), col('content_hash'), col('path'), col('byte_count'), col('attempts'), col('last_error'), col('queued_seq')],
    );
  }

  /**
   * Appends to the change log in the caller's unit of work. The advisory lock is taken in a
   * statement of its own, before the one that reads MAX(seq): under READ COMMITTED that
   * statement's snapshot then holds every earlier holder's commit, and the lock stays held to
   * this unit's commit, so seqs are allocated, and become visible, in increasing order. A
   * reader at watermark N therefore never later finds a new row at or below N.
   */
  private async appendChanges(changes: ChangeEntry[]): Promise<void> {
    if (changes.length === 0) return;
    await this.db.q(`SELECT pg_advisory_xact_lock(${TK_CHANGES_LOCK})`);
    await this.db.q(
      `INSERT INTO tk_changes (seq, id, category, updated, deleted)
       SELECT (SELECT COALESCE(MAX(seq), 0) FROM tk_changes) + u.ord, u.id, u.category, u.updated, u.deleted
       FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[]) WITH ORDINALITY AS u(id, category, updated, deleted, ord)`,
      [changes.map((c) => c.id), changes.map((c) => c.category), changes.map((c) => c.updated), changes.map((c) => c.deleted)],
    );
  }

  async getCursor(category: string, origin: string): Promise<string | null> {
    return (await this.db.one<{ skiptoken: string }>('SELECT skiptoken FROM tk_cursors WHERE origin = $1 AND category = $2', [origin, category]))?.skiptoken ?? null;
  }

  async listCursors(): Promise<{ origin: string; category: string; cursor: string }[]> {
    const rows = await this.db.rows<{ origin: string; category: string; skiptoken: string }>('SELECT origin, category, skiptoken FROM tk_cursors ORDER BY category, origin');
    return rows.map((r) => ({ origin: r.origin, category: r.category, cursor: r.skiptoken }));
  }

  async dropCursor(category: string, origin: string): Promise<void> {
    await this.db.q('DELETE FROM tk_cursors WHERE origin = $1 AND category = $2', [origin, category]);
  }

  private static toEntity(r: PgEntityRow, refs: RefCol[]): TkEntity {
    const e: TkEntity = {
      id: r.id,
      category: r.category,
      updated: r.updated,
      deleted: false,
      fields: JSON.parse(r.fields) as Record<string, TkFieldValue>,
      refs: refs.map((x) => ({ name: x.name, ref: x.to_id })),
    };
    if (r.has_file) e.file = { contentType: r.content_type, contentLength: r.content_length };
    return e;
  }

  /** Entities of listed rows with their references, read in one query for all of them. */
  private async withRefs(rows: PgEntityRow[]): Promise<TkEntity[]> {
    if (rows.length === 0) return [];
    const refs = new Map<string, RefCol[]>();
    const found = await this.db.rows<{ from_id: string } & RefCol>(
      'SELECT from_id, name, to_id FROM tk_refs WHERE from_id = ANY($1::text[]) ORDER BY from_id, ord', [[...new Set(rows.map((r) => r.id))]]);
    for (const r of found) {
      let list = refs.get(r.from_id);
      if (!list) refs.set(r.from_id, (list = []));
      list.push({ name: r.name, to_id: r.to_id });
    }
    return rows.map((r) => PgTkStore.toEntity(r, refs.get(r.id) ?? []));
  }

  async getEntity(id: string): Promise<TkEntity | null> {
    return (await this.getEntities([id])).get(id.toLowerCase()) ?? null;
  }

  async getEntities(ids: readonly string[]): Promise<Map<string, TkEntity>> {
    const out = new Map<string, TkEntity>();
    const wanted = [...new Set(ids.map((id) => id.toLowerCase()))];
    if (wanted.length === 0) return out;
    // One query for the entities and their references (aggregated per entity).
    const rows = await this.db.rows<PgEntityRow & { refs: string | null }>(
      `SELECT ${PG_ENTITY_COLUMNS}, ${REFS_JSON} FROM tk_entities e WHERE e.id = ANY($1::text[])`, [wanted]);
    for (const r of rows) {
      const refs = r.refs ? (JSON.parse(r.refs) as [string, string][]).map(([name, to_id]) => ({ name, to_id })) : [];
      out.set(r.id, PgTkStore.toEntity(r, refs));
    }
    return out;
  }

  async listEntities(q: TkEntityQuery): Promise<{ total: number; items: TkEntity[] }> {
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    if (q.field !== undefined && q.value !== undefined) {
      const { rows, total } = await this.listing.byField(q.category, q.field, q.value, limit, offset);
      return { total, items: await this.withRefs(rows) };
    }
    const total = (await this.listing.count({ category: q.category })).count;
    const rows = await this.db.rows<PgEntityRow>(
      `SELECT ${PG_ENTITY_COLUMNS} FROM tk_entities e WHERE e.category = $1 ORDER BY e.id LIMIT $2 OFFSET $3`, [q.category, limit, offset]);
    return { total, items: await this.withRefs(rows) };
  }

  async listOrdered(q: TkListQuery): Promise<TkListPage> {
    const { rows, cursors, more } = await this.listing.list(q);
    return { items: await this.withRefs(rows), cursors, more };
  }

  async countEntities(q: TkCountQuery, max?: number): Promise<{ count: number; exact: boolean }> {
    return this.listing.count(q, max);
  }

  async listFields(q: { category: string; fields: readonly string[]; where?: readonly TkFieldFilter[] }): Promise<TkFieldRow[]> {
    return this.listing.fields(q.category, q.fields, q.where);
  }

  /** The plan of a listing's first step (tests check that it walks an index). */
  explainOrdered(q: TkListQuery): Promise<string[]> {
    return this.listing.explain(q);
  }

  async refsFrom(id: string): Promise<TkRefRow[]> {
    const rows = await this.db.rows<{ from_id: string; name: string; to_id: string; category: string | null }>(
      `SELECT r.from_id, r.name, r.to_id, e.category FROM tk_refs r LEFT JOIN tk_entities e ON e.id = r.to_id
       WHERE r.from_id = $1 ORDER BY r.ord`, [id.toLowerCase()]);
    return rows.map((r) => ({ fromId: r.from_id, name: r.name, toId: r.to_id, otherCategory: r.category }));
  }

  async refsTo(id: string, name?: string): Promise<TkRefRow[]> {
    const rows = await this.db.rows<{ from_id: string; name: string; to_id: string; category: string | null }>(
      `SELECT r.from_id, r.name, r.to_id, e.category FROM tk_refs r LEFT JOIN tk_entities e ON e.id = r.from_id
       WHERE r.to_id = $1 AND ($2::text IS NULL OR r.name = $2::text) ORDER BY r.name, r.from_id, r.ord`, [id.toLowerCase(), name ?? null]);
    return rows.map((r) => ({ fromId: r.from_id, name: r.name, toId: r.to_id, otherCategory: r.category }));
  }

  async refsToMany(ids: readonly string[], name?: string): Promise<Map<string, TkRefRow[]>> {
    const out = new Map<string, TkRefRow[]>();
    const wanted = [...new Set(ids.map((id) => id.toLowerCase()))];
    if (wanted.length === 0) return out;
    // One query for every id, in refsTo's order within each.
    const rows = await this.db.rows<{ from_id: string; name: string; to_id: string; category: string | null }>(
      `SELECT r.from_id, r.name, r.to_id, e.category FROM tk_refs r LEFT JOIN tk_entities e ON e.id = r.from_id
       WHERE r.to_id = ANY($1::text[]) AND ($2::text IS NULL OR r.name = $2::text) ORDER BY r.to_id, r.name, r.from_id, r.ord`, [wanted, name ?? null]);
    for (const r of rows) {
      let list = out.get(r.to_id);
      if (!list) out.set(r.to_id, (list = []));
      list.push({ fromId: r.from_id, name: r.name, toId: r.to_id, otherCategory: r.category });
    }
    return out;
  }

  async changeHead(): Promise<number> {
    return (await this.db.one<{ n: number }>('SELECT COALESCE(MAX(seq), 0) AS n FROM tk_changes'))!.n;
  }

  async changesSince(after: number, upto: number, categories?: readonly string[]): Promise<TkChangeRow[]> {
    const only = categories && categories.length > 0 ? ' AND category = ANY($3::text[])' : '';
    const rows = await this.db.rows<{ seq: number; id: string; category: string; updated: string | null; deleted: boolean; first_seq: number }>(
      `SELECT c.seq, c.id, c.category, c.updated, c.deleted, (SELECT MIN(f.seq) FROM tk_changes f WHERE f.id = c.id) AS first_seq
       FROM tk_changes c
       JOIN (SELECT id, MAX(seq) AS seq FROM tk_changes WHERE seq > $1 AND seq <= $2${only} GROUP BY id) last ON last.seq = c.seq
       ORDER BY c.seq`,
      only ? [after, upto, categories] : [after, upto],
    );
    return rows.map((r) => ({ seq: r.seq, id: r.id, category: r.category, updated: r.updated, deleted: r.deleted, firstSeq: r.first_seq }));
  }

  async countByCategory(): Promise<{ category: string; count: number }[]> {
    // A scan of every entity: remembered until the next change.
    return this.listing.cached('categories', () =>
      this.db.rows<{ category: string; count: number }>('SELECT category, COUNT(*) AS count FROM tk_entities GROUP BY category ORDER BY category'));
  }

  async getFile(entityId: string): Promise<TkFileRecord | null> {
    const row = await this.db.one<FileRow>('SELECT * FROM tk_files WHERE entity_id = $1', [entityId.toLowerCase()]);
    return row ? toFile(row) : null;
  }

  async getFiles(entityIds: readonly string[]): Promise<Map<string, TkFileRecord>> {
    const out = new Map<string, TkFileRecord>();
    const wanted = [...new Set(entityIds.map((id) => id.toLowerCase()))];
    if (wanted.length === 0) return out;
    for (const row of await this.db.rows<FileRow>('SELECT * FROM tk_files WHERE entity_id = ANY($1::text[])', [wanted])) {
      const f = toFile(row);
      out.set(f.entityId, f);
    }
    return out;
  }

  async filesToFetch(limit: number): Promise<TkFileRecord[]> {
    return (await this.db.rows<FileRow>(`SELECT * FROM tk_files WHERE status <> 'ok' ORDER BY queued_seq LIMIT $1`, [limit])).map(toFile);
  }

  async recordFileFetched(
    entityId: string,
    forUpdated: string | null,
    file: { version: number; contentHash: string; byteCount: number; path: string },
  ): Promise<void> {
    await this.db.atomic(async (db) => {
      await db.q(
        `UPDATE tk_files SET version = $2, content_hash = $3, path = $4, byte_count = $5,
           status = CASE WHEN entity_updated IS NOT DISTINCT FROM $6::text THEN 'ok' ELSE status END,
           attempts = CASE WHEN entity_updated IS NOT DISTINCT FROM $6::text THEN 0 ELSE attempts END,
           last_error = CASE WHEN entity_updated IS NOT DISTINCT FROM $6::text THEN NULL ELSE last_error END
         WHERE entity_id = $1`,
        [entityId, file.version, file.contentHash, file.path, file.byteCount, forUpdated],
      );
      await db.q(
        `INSERT INTO tk_file_versions (entity_id, version, content_hash, path, byte_count) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (entity_id, version) DO UPDATE SET content_hash = excluded.content_hash, path = excluded.path, byte_count = excluded.byte_count`,
        [entityId, file.version, file.contentHash, file.path, file.byteCount],
      );
    });
  }

  async recordFileFailed(entityId: string, status: 'missing' | 'broken', error: string): Promise<void> {
    await this.db.q('UPDATE tk_files SET status = $1, attempts = attempts + 1, last_error = $2 WHERE entity_id = $3', [status, error, entityId]);
  }
}
