/**
 * The SQLite implementation of TkStore on the shared better-sqlite3 connection. Each feed
 * page is one transaction holding its entities, references, file queue and cursor.
 */
import type { TkEntity, TkFieldValue, TkFileRecord, TkFileStatus } from '../../domain/tk.js';
import type { FeedCursor, TkApplyResult, TkChangeRow, TkCountQuery, TkEntityQuery, TkEntryWrite, TkFieldFilter, TkFieldRow, TkListPage, TkListQuery, TkRefRow, TkStore } from '../tk-store.js';
import { applyMigrations, type SqliteDb } from './connection.js';
import { writerOf, type SqliteWriter } from './unit-of-work.js';
import { TkListing, type EntityRow } from './tk-listing.js';
import { TK_MIGRATIONS } from './tk-migrations.js';


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

export class SqliteTkStore implements TkStore {
  private readonly stmt;
  /**
   * The connection's writer (unit-of-work.ts): a page is written straight into its unit of
   * work, without a SAVEPOINT of its own (statements under a savepoint that fire the
   * change-log trigger got several times slower as the tables grew).
   */
  private readonly writer: SqliteWriter;
  private readonly listing: TkListing;

  constructor(readonly db: SqliteDb) {
    applyMigrations(db, 'tk', TK_MIGRATIONS);
    this.writer = writerOf(db);
    this.listing = new TkListing(db);
    this.stmt = {
      // A new entity is one insert; a known one is compared first, so that a re-sent entity
      // that did not change writes nothing (no row, index or reference pages to rewrite).
      insertNew: db.prepare<[string, string, string | null, string, string | null, number | null, number]>(
        `INSERT INTO tk_entities (id, category, updated, fields, content_type, content_length, has_file)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
      ),
      stored: db.prepare<[string], Omit<EntityRow, 'id'>>(
        'SELECT category, updated, fields, content_type, content_length, has_file FROM tk_entities WHERE id = ?',
      ),
      update: db.prepare<[string, string | null, string, string | null, number | null, number, string]>(
        `UPDATE tk_entities SET category = ?, updated = ?, fields = ?, content_type = ?, content_length = ?, has_file = ?
         WHERE id = ?`,
      ),
      deleteEntity: db.prepare('DELETE FROM tk_entities WHERE id = ?'),
      deleteRefs: db.prepare('DELETE FROM tk_refs WHERE from_id = ?'),
      insertRef: db.prepare('INSERT INTO tk_refs (from_id, ord, name, to_id) VALUES (?, ?, ?, ?)'),
      deleteFile: db.prepare('DELETE FROM tk_files WHERE entity_id = ?'),
      nextFileSeq: db.prepare<[], { seq: number }>('SELECT COALESCE(MAX(queued_seq), 0) + 1 AS seq FROM tk_files'),
      // A re-sent entity requeues its file only when it may have changed; a rerun of the
      // same feed therefore downloads nothing again.
      queueFile: db.prepare(
        `INSERT INTO tk_files (entity_id, category, href, content_type, expected_length, entity_updated, status, queued_seq)
         VALUES (@id, @category, @href, @contentType, @expectedLength, @updated, 'pending', @seq)
         ON CONFLICT(entity_id) DO UPDATE SET
           status = CASE WHEN tk_files.entity_updated IS excluded.entity_updated
                          AND tk_files.expected_length IS excluded.expected_length THEN tk_files.status ELSE 'pending' END,
           attempts = CASE WHEN tk_files.entity_updated IS excluded.entity_updated
                          AND tk_files.expected_length IS excluded.expected_length THEN tk_files.attempts ELSE 0 END,
           queued_seq = CASE WHEN tk_files.entity_updated IS excluded.entity_updated
                          AND tk_files.expected_length IS excluded.expected_length THEN tk_files.queued_seq ELSE excluded.queued_seq END,
           category = excluded.category, href = excluded.href, content_type = excluded.content_type,
           expected_length = excluded.expected_length, entity_updated = excluded.entity_updated
         RETURNING status, attempts`,
      ),
      setCursor: db.prepare(
        'INSERT INTO tk_cursors (origin, category, skiptoken) VALUES (?, ?, ?) ON CONFLICT(origin, category) DO UPDATE SET skiptoken = excluded.skiptoken',
      ),
      getCursor: db.prepare<[string, string], { skiptoken: string }>('SELECT skiptoken FROM tk_cursors WHERE origin = ? AND category = ?'),
      cursors: db.prepare<[], { origin: string; category: string; skiptoken: string }>('SELECT origin, category, skiptoken FROM tk_cursors ORDER BY category, origin'),
      dropCursor: db.prepare<[string, string]>('DELETE FROM tk_cursors WHERE origin = ? AND category = ?'),
      entity: db.prepare<[string], EntityRow>('SELECT * FROM tk_entities WHERE id = ?'),
      refsOf: db.prepare<[string], { name: string; to_id: string }>('SELECT name, to_id FROM tk_refs WHERE from_id = ? ORDER BY ord'),
      refsFrom: db.prepare<[string], { from_id: string; name: string; to_id: string; category: string | null }>(
        `SELECT r.from_id, r.name, r.to_id, e.category FROM tk_refs r LEFT JOIN tk_entities e ON e.id = r.to_id
         WHERE r.from_id = ? ORDER BY r.ord`,
      ),
      refsTo: db.prepare<[string, string | null, string | null], { from_id: string; name: string; to_id: string; category: string | null }>(
        `SELECT r.from_id, r.name, r.to_id, e.category FROM tk_refs r LEFT JOIN tk_entities e ON e.id = r.from_id
         WHERE r.to_id = ? AND (? IS NULL OR r.name = ?) ORDER BY r.name, r.from_id, r.ord`,
      ),
      counts: db.prepare<[], { category: string; count: number }>(
        'SELECT category, COUNT(*) AS count FROM tk_entities GROUP BY category ORDER BY category',
      ),
      file: db.prepare<[string], FileRow>('SELECT * FROM tk_files WHERE entity_id = ?'),
      todo: db.prepare<[number], FileRow>(`SELECT * FROM tk_files WHERE status <> 'ok' ORDER BY queued_seq LIMIT ?`),
      fetched: db.prepare(
        `UPDATE tk_files SET version = @version, content_hash = @contentHash, path = @path, byte_count = @byteCount,
           status = CASE WHEN entity_updated IS @forUpdated THEN 'ok' ELSE status END,
           attempts = CASE WHEN entity_updated IS @forUpdated THEN 0 ELSE attempts END,
           last_error = CASE WHEN entity_updated IS @forUpdated THEN NULL ELSE last_error END
         WHERE entity_id = @entityId`,
      ),
      fileVersion: db.prepare(
        `INSERT INTO tk_file_versions (entity_id, version, content_hash, path, byte_count) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(entity_id, version) DO UPDATE SET content_hash = excluded.content_hash, path = excluded.path,
           byte_count = excluded.byte_count`,
      ),
      failed: db.prepare('UPDATE tk_files SET status = ?, attempts = attempts + 1, last_error = ? WHERE entity_id = ?'),
    };
  }

  async applyPage(category: string, entries: TkEntryWrite[], cursor: FeedCursor | null): Promise<TkApplyResult> {
    const write = (): TkApplyResult => {
      const result: TkApplyResult = { upserted: 0, deleted: 0, filesQueued: 0 };
      let seq: number | null = null;
      for (const { entity: e, enclosure } of entries) {
        if (!e.id) throw new TypeError(`TkStore.applyPage: an entity of ${category} has no id`);
        if (e.deleted) {
          this.stmt.deleteRefs.run(e.id);
          this.stmt.deleteEntity.run(e.id);
          this.stmt.deleteFile.run(e.id);
          result.deleted++;
          continue;
        }
        this.writeEntity(e);
        result.upserted++;
        if (enclosure) {
          seq ??= this.stmt.nextFileSeq.get()!.seq;
          const row = this.stmt.queueFile.get({
            id: e.id, category: e.category, href: enclosure, contentType: e.file?.contentType ?? null,
            expectedLength: e.file?.contentLength ?? null, updated: e.updated, seq: seq++,
          }) as { status: string; attempts: number };
          if (row.status === 'pending' && row.attempts === 0) result.filesQueued++;
        }
      }
      if (cursor !== null) this.stmt.setCursor.run(cursor.origin, category, cursor.skiptoken);
      return result;
    };
    // Inside the writer's unit of work (the caller's, or one of its own) the page is all-or-nothing.
    return this.writer.run(async () => write());
  }

  /** Inserts or updates one entity and its references, writing only what differs. */
  private writeEntity(e: TkEntity): void {
    const fields = JSON.stringify(e.fields);
    const contentType = e.file?.contentType ?? null;
    const contentLength = e.file?.contentLength ?? null;
    const hasFile = e.file ? 1 : 0;
    if (this.stmt.insertNew.run(e.id, e.category, e.updated, fields, contentType, contentLength, hasFile).changes === 1) {
      for (let i = 0; i < e.refs.length; i++) this.stmt.insertRef.run(e.id, i, e.refs[i]!.name, e.refs[i]!.ref);
      return;
    }
    const old = this.stmt.stored.get(e.id)!;
    if (
      old.category !== e.category || old.updated !== e.updated || old.fields !== fields ||
      old.content_type !== contentType || old.content_length !== contentLength || old.has_file !== hasFile
    ) {
      this.stmt.update.run(e.category, e.updated, fields, contentType, contentLength, hasFile, e.id);
    }
    const oldRefs = this.stmt.refsOf.all(e.id);
    if (oldRefs.length === e.refs.length && oldRefs.every((r, i) => r.name === e.refs[i]!.name && r.to_id === e.refs[i]!.ref)) return;
    this.stmt.deleteRefs.run(e.id);
    for (let i = 0; i < e.refs.length; i++) this.stmt.insertRef.run(e.id, i, e.refs[i]!.name, e.refs[i]!.ref);
  }

  async getCursor(category: string, origin: string): Promise<string | null> {
    return this.stmt.getCursor.get(origin, category)?.skiptoken ?? null;
  }

  async listCursors(): Promise<{ origin: string; category: string; cursor: string }[]> {
    return this.stmt.cursors.all().map((r) => ({ origin: r.origin, category: r.category, cursor: r.skiptoken }));
  }

  async dropCursor(category: string, origin: string): Promise<void> {
    await this.writer.run(async () => void this.stmt.dropCursor.run(origin, category));
  }

  private toEntity(r: EntityRow): TkEntity {
    const e: TkEntity = {
      id: r.id,
      category: r.category,
      updated: r.updated,
      deleted: false,
      fields: JSON.parse(r.fields) as Record<string, TkFieldValue>,
      refs: this.stmt.refsOf.all(r.id).map((x) => ({ name: x.name, ref: x.to_id })),
    };
    if (r.has_file) e.file = { contentType: r.content_type, contentLength: r.content_length };
    return e;
  }

  async getEntity(id: string): Promise<TkEntity | null> {
    const row = this.stmt.entity.get(id.toLowerCase());
    return row ? this.toEntity(row) : null;
  }

  async getEntities(ids: readonly string[]): Promise<Map<string, TkEntity>> {
    // In-process statements cost no round trip: a lookup per id is the batch here.
    const out = new Map<string, TkEntity>();
    for (const id of ids) {
      const row = this.stmt.entity.get(id.toLowerCase());
      if (row && !out.has(row.id)) out.set(row.id, this.toEntity(row));
    }
    return out;
  }

  async listEntities(q: TkEntityQuery): Promise<{ total: number; items: TkEntity[] }> {
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    if (q.field !== undefined && q.value !== undefined) {
      const { rows, total } = this.listing.byField(q.category, q.field, q.value, limit, offset);
      return { total, items: rows.map((r) => this.toEntity(r)) };
    }
    const total = this.listing.count({ category: q.category }).count;
    const rows = this.db.prepare('SELECT * FROM tk_entities WHERE category = ? ORDER BY id LIMIT ? OFFSET ?').all(q.category, limit, offset) as EntityRow[];
    return { total, items: rows.map((r) => this.toEntity(r)) };
  }

  async listOrdered(q: TkListQuery): Promise<TkListPage> {
    const { rows, cursors, more } = this.listing.list(q);
    return { items: rows.map((r) => this.toEntity(r)), cursors, more };
  }

  async countEntities(q: TkCountQuery, max?: number): Promise<{ count: number; exact: boolean }> {
    return this.listing.count(q, max);
  }

  async listFields(q: { category: string; fields: readonly string[]; where?: readonly TkFieldFilter[] }): Promise<TkFieldRow[]> {
    return this.listing.fields(q.category, q.fields, q.where);
  }

  /** The query plan of a listing's first step (tests check that it walks an index). */
  explainOrdered(q: TkListQuery): string[] {
    return this.listing.explain(q);
  }

  async refsFrom(id: string): Promise<TkRefRow[]> {
    return this.stmt.refsFrom.all(id.toLowerCase()).map((r) => ({ fromId: r.from_id, name: r.name, toId: r.to_id, otherCategory: r.category }));
  }

  async refsTo(id: string, name?: string): Promise<TkRefRow[]> {
    const n = name ?? null;
    return this.stmt.refsTo.all(id.toLowerCase(), n, n).map((r) => ({ fromId: r.from_id, name: r.name, toId: r.to_id, otherCategory: r.category }));
  }

  async refsToMany(ids: readonly string[], name?: string): Promise<Map<string, TkRefRow[]>> {
    // In-process statements cost no round trip: a lookup per id is the batch here.
    const out = new Map<string, TkRefRow[]>();
    for (const id of new Set(ids.map((x) => x.toLowerCase()))) {
      const rows = await this.refsTo(id, name);
      if (rows.length) out.set(id, rows);
    }
    return out;
  }

  async changeHead(): Promise<number> {
    return (this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM tk_changes').get() as { n: number }).n;
  }

  async changesSince(after: number, upto: number, categories?: readonly string[]): Promise<TkChangeRow[]> {
    const only = categories && categories.length > 0 ? ` AND category IN (${categories.map(() => '?').join(',')})` : '';
    const rows = this.db
      .prepare(
        `SELECT c.seq, c.id, c.category, c.updated, c.deleted, (SELECT MIN(f.seq) FROM tk_changes f WHERE f.id = c.id) AS first_seq
         FROM tk_changes c
         JOIN (SELECT id, MAX(seq) AS seq FROM tk_changes WHERE seq > ? AND seq <= ?${only} GROUP BY id) last ON last.seq = c.seq
         ORDER BY c.seq`,
      )
      .all(after, upto, ...(categories ?? [])) as { seq: number; id: string; category: string; updated: string | null; deleted: number; first_seq: number }[];
    return rows.map((r) => ({ seq: r.seq, id: r.id, category: r.category, updated: r.updated, deleted: r.deleted === 1, firstSeq: r.first_seq }));
  }

  async countByCategory(): Promise<{ category: string; count: number }[]> {
    // A scan of every entity: remembered until the next change.
    return this.listing.cached('categories', () => this.stmt.counts.all());
  }

  async getFile(entityId: string): Promise<TkFileRecord | null> {
    const row = this.stmt.file.get(entityId.toLowerCase());
    return row ? toFile(row) : null;
  }

  async getFiles(entityIds: readonly string[]): Promise<Map<string, TkFileRecord>> {
    // In-process statements cost no round trip: a lookup per id is the batch here.
    const out = new Map<string, TkFileRecord>();
    for (const id of new Set(entityIds.map((x) => x.toLowerCase()))) {
      const row = this.stmt.file.get(id);
      if (row) out.set(id, toFile(row));
    }
    return out;
  }

  async filesToFetch(limit: number): Promise<TkFileRecord[]> {
    return this.stmt.todo.all(limit).map(toFile);
  }

  async recordFileFetched(
    entityId: string,
    forUpdated: string | null,
    file: { version: number; contentHash: string; byteCount: number; path: string },
  ): Promise<void> {
    await this.writer.run(async () => {
      this.stmt.fetched.run({ entityId, forUpdated, ...file });
      this.stmt.fileVersion.run(entityId, file.version, file.contentHash, file.path, file.byteCount);
    });
  }

  async recordFileFailed(entityId: string, status: 'missing' | 'broken', error: string): Promise<void> {
    await this.writer.run(async () => {
      this.stmt.failed.run(status, error, entityId);
    });
  }
}
