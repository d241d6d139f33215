/**
 * The PostgreSQL implementation of Store: the SQLite store's answers, on a database that
 * several web nodes and workers write at once.
 *
 * Where SQLite relies on being the only writer, this store lets unique keys and locks decide:
 * - a content hash is locked (a transaction-scoped advisory lock) before it is looked up, so
 *   two writers storing the same content never both see "not stored yet": the second waits
 *   for the first to commit, then answers `unchanged`. One lock per save (and a batch's one
 *   per id besides, below): a bulk unit of work of 500 new records holds 1,000 (several such
 *   importers at once may need a larger `max_locks_per_transaction`);
 * - a document's row is locked (FOR UPDATE) before its next version number is taken;
 * - a new document is inserted with `ON CONFLICT DO NOTHING`: a writer that meets another's
 *   row (committed or still running) for the same source adds a version to that document
 *   instead, and one that meets the same id tries the next suffix;
 * - `seq` comes from an identity sequence, never from `MAX(seq) + 1`.
 * A batch (`saveVersions`, what a bulk import stores 500 records with) takes the same locks and
 * meets the same keys, for all its documents at once: its hashes locked in one statement, looked
 * up in one, its documents' rows locked in one, its new documents, versions, files and change-log
 * rows each inserted in one. It also locks the ids it writes first (sorted), so two batches of the
 * same records take turns rather than insert the same rows in different orders and deadlock. When
 * another writer stored one of its new sources or took one of its ids after the batch looked (an
 * insert that meets a key: a single save, or a record whose id slugs like another's), the batch
 * undoes its documents and is stored one version at a time as above, which settles such a race.
 * Texts are TEXT, stored as given: PostgreSQL compresses large values itself (TOAST), so the
 * SQLite codec (src/store/sqlite/codec.ts) is deliberately not ported. Originals are blobs
 * (`originals/<content hash>` in pg-blob-store.ts, written in the version's unit of work): the
 * rows stay small, and a download streams a chunk at a time instead of reading a BYTEA whole.
 */
import type {
  DocumentFile,
  DocumentKind,
  DocumentRecord,
  DocumentSummary,
  DocumentVersion,
  ImportRecord,
  ParsedDocument,
  StoreStats,
} from '../../domain/index.js';
import { copyStats } from '../../domain/index.js';
import { toDocument, toFile, toVersion as versionOf, type DocumentRow, type FileRow, type VersionRowBase } from '../document-rows.js';
import { slugify } from '../ids.js';
import { originalBlobKey, readBlob, type OpenBlob } from '../blob-store.js';
import type { NewFile, NewVersion, SaveItem, SaveResult, Store, VersionSummary } from '../store.js';
import type { PgDb } from './connection.js';
import { PG_BLOB_MIGRATIONS, PgBlobStore } from './pg-blob-store.js';
import { bySize } from './sql-params.js';
import { PG_FILE_MIGRATIONS, PG_STORE_MIGRATIONS } from './store-migrations.js';

/** A version row as PostgreSQL keeps it: plain text (with `text_exact` for a text holding U+0000). */
interface VersionRow extends VersionRowBase {
  text: string;
  text_exact: Buffer | null;
  pages: string | null;
  structure: string;
  has_original: boolean;
}

interface ImportRow {
  source: string;
  status: string;
  doc_id: string | null;
  version: number | null;
  error_code: string | null;
  message: string | null;
  at: string;
}

/** How many free-id candidates one round trip checks (`brief`, `brief-2`, … `brief-32`). */
const ID_BATCH = 32;

/**
 * PostgreSQL TEXT cannot hold U+0000. Display strings (titles, messages) lose it; a version's
 * text keeps it exactly in `text_exact` (see store-migrations.ts).
 */
const noNul = (s: string): string => (s.includes('\0') ? s.replaceAll('\0', '') : s);
const noNulOrNull = (s: string | null): string | null => (s === null ? null : noNul(s));
const exactText = (s: string): Buffer | null => (s.includes('\0') ? Buffer.from(s, 'utf8') : null);
const textOf = (r: { text: string; text_exact: Buffer | null }): string => (r.text_exact ? r.text_exact.toString('utf8') : r.text);

/**
 * For a reader of this database that wants documents' current texts with its own rows, in the
 * same statement (the search index's hits: one round trip where two were): a join giving
 * `store_text` and `store_text_exact` (as currentTexts reads them; both null where there is no
 * such document) for the document whose id is the SQL expression `idExpr`, read only where
 * the condition `when` holds. Here, so that the store's tables stay this file's to know.
 */
export function currentTextJoin(idExpr: string, when: string): string {
  return `LEFT JOIN LATERAL (
      SELECT v.text AS store_text, v.text_exact AS store_text_exact
        FROM documents sd JOIN versions v ON v.doc_id = sd.id AND v.version = sd.current_version
       WHERE ${when} AND sd.id = ${idExpr}) st ON true`;
}

/** A text read through currentTextJoin; null where there was none. */
export const joinedTextOf = (r: { store_text?: string | null; store_text_exact?: Buffer | null }): string | null =>
  r.store_text === undefined || r.store_text === null ? null : textOf({ text: r.store_text, text_exact: r.store_text_exact ?? null });
/** SQLite reads a negative LIMIT as "no limit"; PostgreSQL refuses one. */
const limitOf = (n: number): number | null => (n < 0 ? null : n);

const toVersion = (r: VersionRow): DocumentVersion => versionOf(r, { text: textOf(r), pages: r.pages, structure: r.structure, hasOriginal: r.has_original });

const toImport = (r: ImportRow): ImportRecord => ({
  source: r.source,
  status: r.status as ImportRecord['status'],
  docId: r.doc_id,
  version: r.version,
  errorCode: r.error_code,
  message: r.message,
  at: r.at,
});

const VERSION_COLUMNS = `v.doc_id, v.version, v.content_hash, v.format, v.file_name, v.byte_size, v.mime_type, v.text, v.text_exact,
  v.pages, v.structure, v.imported_at, v.has_original`;

/**
 * Writes a version's file row and its match keys in one statement (one round trip; the
 * original's bytes go to the blob store first): $1 doc, $2 version, $3 hash, $4 format,
 * $5 file name, $6 size, $7 mime, $8 source, $9 at, $10 whether there is a file, $11 keys.
 */
const INSERT_FILE_SQL = `
  WITH f AS (
    INSERT INTO document_files (doc_id, version, content_hash, format, file_name, byte_size, mime_type, source, imported_at)
    SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 WHERE $10::boolean
    ON CONFLICT (content_hash) DO NOTHING
  ), k AS (
    INSERT INTO document_keys (key, doc_id) SELECT DISTINCT k, $1 FROM unnest($11::text[]) AS k
    ON CONFLICT DO NOTHING
  )
  SELECT 1`;

/** A document as a batch leaves it (see `saveVersions`): read and locked, or inserted by the batch. */
interface BatchDoc {
  id: string;
  source: string;
  title: string;
  kind: string;
  date: string | null;
  current: number;
  createdAt: string;
  updatedAt: string;
  /** Inserted by this batch (else: read from the database, updated at the end if it got versions). */
  fresh: boolean;
}

/** What a batch writes, worked out from what it read: in the order saveVersion one by one would write it. */
interface BatchPlan {
  results: SaveResult[];
  /** New documents, in the order they were created. */
  fresh: BatchDoc[];
  /** Stored documents that got versions, in their final state. */
  bumped: BatchDoc[];
  versions: { v: NewVersion; source: string; docId: string; version: number; at: string }[];
}

/**
 * A batch's hashes looked up at once: each hash's first version (by id), else its other file,
 * as `knownHash` answers for one.
 */
const KNOWN_HASHES_SQL = `
  SELECT h.hash, s.doc_id, s.version FROM unnest($1::text[]) AS h (hash)
  CROSS JOIN LATERAL (
    SELECT doc_id, version FROM (
      (SELECT 0 AS p, doc_id, version FROM versions WHERE content_hash = h.hash ORDER BY id LIMIT 1)
      UNION ALL
      (SELECT 1 AS p, doc_id, version FROM document_files WHERE content_hash = h.hash)
    ) k ORDER BY p LIMIT 1
  ) s`;

/** A batch's new documents, in order (their `seq` follows it), each only if neither its id nor its source is stored. */
const INSERT_DOCUMENTS_SQL = `
  INSERT INTO documents (id, source, title, kind, date, current_version, created_at, updated_at)
  SELECT t.id, t.source, t.title, t.kind, t.date, t.cv, t.created, t.updated
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[])
    WITH ORDINALITY AS t (id, source, title, kind, date, cv, created, updated, n)
  ORDER BY t.n
  ON CONFLICT DO NOTHING RETURNING id`;

/** Stored documents that got versions in a batch: their final title, kind, date, version and time. */
const UPDATE_DOCUMENTS_SQL = `
  UPDATE documents d SET title = u.title, kind = u.kind, date = u.date, current_version = u.cv, updated_at = u.at
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[]) AS u (id, title, kind, date, cv, at)
  WHERE d.id = u.id`;

/** A batch's versions, in order (their ids follow it, as the first-version-of-a-hash look-up needs). */
const INSERT_VERSIONS_SQL = `
  INSERT INTO versions (doc_id, version, content_hash, format, file_name, byte_size, mime_type, text, text_exact, pages, structure,
                        imported_at, has_original)
  SELECT t.doc_id, t.version, t.hash, t.format, t.file_name, t.size, t.mime, t.text, t.exact, t.pages, t.structure, t.at, t.has_original
  FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::bytea[], $10::text[],
              $11::text[], $12::text[], $13::boolean[])
    WITH ORDINALITY AS t (doc_id, version, hash, format, file_name, size, mime, text, exact, pages, structure, at, has_original, n)
  ORDER BY t.n`;

/** A batch's files (the versions that have an original, in order) and match keys, in one statement. */
const INSERT_FILES_SQL = `
  WITH f AS (
    INSERT INTO document_files (doc_id, version, content_hash, format, file_name, byte_size, mime_type, source, imported_at)
    SELECT t.doc_id, t.version, t.hash, t.format, t.file_name, t.size, t.mime, t.source, t.at
    FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[])
      WITH ORDINALITY AS t (doc_id, version, hash, format, file_name, size, mime, source, at, n)
    ORDER BY t.n
    ON CONFLICT (content_hash) DO NOTHING
  ), k AS (
    INSERT INTO document_keys (key, doc_id) SELECT DISTINCT u.key, u.doc_id FROM unnest($10::text[], $11::text[]) AS u (key, doc_id)
    ON CONFLICT DO NOTHING
  )
  SELECT 1`;

export class PgStore implements Store {
  private closed = false;
  /** Where the originals are: the same database, so they commit with their versions. */
  private readonly blobs: PgBlobStore;

  /** Use `PgStore.open` (which migrates) unless the schema is known to be current. */
  constructor(
    readonly db: PgDb,
    private readonly now: () => Date = () => new Date(),
    /**
     * Where each stored version is logged for the readers with a watermark (monitors): called
     * as the last write of the unit that stores it, with that unit's database. The composition
     * root passes the watch change log (watch-change-log.ts); on SQLite a trigger of the watch
     * migrations does this.
     */
    private readonly changeLog: ((db: PgDb, versions: { docId: string; version: number; at: string }[]) => Promise<void>) | null = null,
  ) {
    this.blobs = new PgBlobStore(db);
  }

  /** This store on `db` (a transaction's, see PgDb.atomic): its originals and change log in that transaction too. */
  private on(db: PgDb): PgStore {
    return db === this.db ? this : new PgStore(db, this.now, this.changeLog);
  }

  /**
   * Keeps an original under its content hash, once: the caller holds the hash's lock, so
   * two writers of the same bytes never both write it.
   */
  private async keepOriginal(contentHash: string, bytes: Uint8Array, mimeType: string): Promise<void> {
    await this.blobs.putNew(originalBlobKey(contentHash), bytes, { contentType: mimeType });
  }

  /** Applies the store's migrations (namespaces `store`, `files` and `blobs`); `kamerlens migrate` runs this. */
  static async migrate(db: PgDb): Promise<void> {
    await db.migrate('store', PG_STORE_MIGRATIONS);
    await db.migrate('files', PG_FILE_MIGRATIONS);
    await db.migrate('blobs', PG_BLOB_MIGRATIONS);
  }

  /** Migrates the database and returns a store on it. */
  static async open(db: PgDb, now?: () => Date, changeLog?: ConstructorParameters<typeof PgStore>[2]): Promise<PgStore> {
    await PgStore.migrate(db);
    return new PgStore(db, now, changeLog ?? null);
  }

  /**
   * Transaction-scoped advisory locks on the store's keys, taken in one order (sorted) so
   * that two writers locking overlapping sets wait for each other instead of deadlocking.
   */
  private async lock(keys: string[]): Promise<void> {
    await this.db.q(
      `SELECT pg_advisory_xact_lock(s.k) FROM (
         SELECT DISTINCT hashtextextended('kamerlens:store:' || x, 0) AS k FROM unnest($1::text[]) AS x
       ) s ORDER BY s.k`,
      [keys],
    );
  }

  private async knownHash(contentHash: string): Promise<{ docId: string; version: number } | null> {
    const row = await this.db.one<{ doc_id: string; version: number }>(
      // A version's content first (its earliest version), then another file's: as SQLite answers.
      `SELECT doc_id, version FROM (
         (SELECT 0 AS p, doc_id, version FROM versions WHERE content_hash = $1 ORDER BY id LIMIT 1)
         UNION ALL
         (SELECT 1 AS p, doc_id, version FROM document_files WHERE content_hash = $1)
       ) s ORDER BY p LIMIT 1`,
      [contentHash],
    );
    return row ? { docId: row.doc_id, version: row.version } : null;
  }

  async saveVersion(source: string, preferredId: string, v: NewVersion, target?: { docId: string }): Promise<SaveResult> {
    return this.db.atomic(async (db) => {
      const s = this.on(db);
      await s.lock([`hash:${v.contentHash}`]);
      const same = await s.knownHash(v.contentHash);
      if (same) return { ...same, status: 'unchanged' as const };
      const at = s.now().toISOString();
      const found = target
        ? await db.one<DocumentRow>('SELECT * FROM documents WHERE id = $1 FOR UPDATE', [target.docId])
        : await db.one<DocumentRow>('SELECT * FROM documents WHERE source = $1 FOR UPDATE', [source]);
      if (target && !found) throw new RangeError(`saveVersion: no document "${target.docId}" to add a version to`);
      const placed = found ? { existing: found } : await s.insertDocument(source, preferredId, v, at);
      let docId: string;
      let version: number;
      if ('id' in placed) {
        docId = placed.id;
        version = 1;
      } else {
        docId = placed.existing.id;
        version = placed.existing.current_version + 1;
        await db.q('UPDATE documents SET title = $2, kind = $3, date = $4, current_version = $5, updated_at = $6 WHERE id = $1', [
          docId, noNul(v.title), v.kind, v.date, version, at,
        ]);
      }
      await db.q(
        `INSERT INTO versions (doc_id, version, content_hash, format, file_name, byte_size, mime_type, text, text_exact, pages, structure,
                               imported_at, has_original)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          docId, version, v.contentHash, v.format, noNulOrNull(v.fileName), v.byteSize, v.mimeType, noNul(v.text), exactText(v.text),
          v.pages ? JSON.stringify(v.pages) : null, JSON.stringify(v.structure), at, v.original !== null,
        ],
      );
      if (v.original) await s.keepOriginal(v.contentHash, v.original, v.mimeType);
      await db.q(INSERT_FILE_SQL, [
        docId, version, v.contentHash, v.format, noNulOrNull(v.fileName), v.byteSize, v.mimeType, source, at,
        v.original !== null, v.matchKeys ?? [],
      ]);
      await s.changeLog?.(db, [{ docId, version, at }]);
      return { docId, version, status: 'id' in placed ? ('new' as const) : ('new-version' as const) };
    });
  }

  async saveVersions(items: readonly SaveItem[]): Promise<SaveResult[]> {
    const one = (i: SaveItem, on: PgStore = this) => on.saveVersion(i.source, i.preferredId, i.version, i.target);
    if (items.length === 0) return [];
    if (items.length === 1) return [await one(items[0]!)];
    return this.db.atomic(async (db) => {
      const s = this.on(db);
      // Every hash of the batch, in one statement (sorted: no deadlock with another batch).
      await s.lock(items.map((i) => `hash:${i.version.contentHash}`));
      const plan = await s.planBatch(items);
      if (await s.writeBatch(plan)) return plan.results;
      // Another writer stored one of the new sources or took one of the ids after the batch read them:
      // one at a time, as saveVersion settles that (the batch wrote nothing that is left).
      const out: SaveResult[] = [];
      for (const i of items) out.push(await one(i, s));
      return out;
    });
  }

  /**
   * Works out a batch from what is stored (its hashes locked): the known contents, the documents
   * of its sources and targets (locked, as saveVersion locks one), the free ids its new
   * documents take (the ids' bases locked first; see below). Then each item in order, as saveVersion would store it after the ones before.
   */
  private async planBatch(items: readonly SaveItem[]): Promise<BatchPlan> {
    const known = new Map<string, { docId: string; version: number }>();
    for (const r of await this.db.rows<{ hash: string; doc_id: string; version: number }>(KNOWN_HASHES_SQL, [[...new Set(items.map((i) => i.version.contentHash))]])) {
      known.set(r.hash, { docId: r.doc_id, version: r.version });
    }
    const writing = items.filter((i) => !known.has(i.version.contentHash));
    const baseOf = (i: SaveItem) => slugify(i.preferredId) || 'document';
    const bySource = new Map<string, BatchDoc>();
    const byId = new Map<string, BatchDoc>();
    if (writing.length > 0) {
      // The ids the batch writes (its new documents' first candidates, its targets), locked sorted: two batches
      // writing the same records (a bulk record's id names its source too) take turns from here, one after the
      // other's commit, instead of inserting the same rows in different orders, each waiting for the other's.
      await this.lock(writing.map((i) => `id:${i.target ? i.target.docId : baseOf(i)}`));
      const sources = [...new Set(writing.filter((i) => !i.target).map((i) => i.source))];
      const targets = [...new Set(writing.flatMap((i) => (i.target ? [i.target.docId] : [])))];
      // Locked in one order (by id), so two batches wait for each other instead of deadlocking.
      const rows = await this.db.rows<DocumentRow>(
        'SELECT * FROM documents WHERE source = ANY($1::text[]) OR id = ANY($2::text[]) ORDER BY id FOR UPDATE',
        [sources, targets],
      );
      for (const r of rows) {
        const d: BatchDoc = {
          id: r.id, source: r.source, title: r.title, kind: r.kind, date: r.date, current: r.current_version,
          createdAt: r.created_at, updatedAt: r.updated_at, fresh: false,
        };
        bySource.set(d.source, d);
        byId.set(d.id, d);
      }
    }
    // Free ids: whether an id is stored, asked in batches (every base at once first; base-2 … for those taken).
    const stored = new Map<string, boolean>();
    const taken = new Set<string>();
    const probe = async (ids: string[]) => {
      const ask = [...new Set(ids)].filter((id) => !stored.has(id));
      if (ask.length === 0) return;
      const found = new Set((await this.db.rows<{ id: string }>('SELECT id FROM documents WHERE id = ANY($1::text[])', [ask])).map((r) => r.id));
      for (const id of ask) stored.set(id, found.has(id));
    };
    const candidate = (base: string, n: number) => (n === 1 ? base : `${base}-${n}`);
    const maybeNew = writing.filter((i) => !i.target && !bySource.has(i.source));
    await probe(maybeNew.map(baseOf));
    const wanted = new Map<string, number>();
    for (const i of maybeNew) wanted.set(baseOf(i), (wanted.get(baseOf(i)) ?? 0) + 1);
    const crowded = [...wanted].filter(([base, n]) => n > 1 || stored.get(base));
    await probe(crowded.flatMap(([base, n]) => Array.from({ length: n + ID_BATCH - 1 }, (_, k) => candidate(base, k + 2))));
    const freeId = async (base: string): Promise<string> => {
      for (let n = 1; ; n++) {
        const id = candidate(base, n);
        if (!stored.has(id)) await probe(Array.from({ length: ID_BATCH }, (_, k) => candidate(base, n + k)));
        if (!stored.get(id) && !taken.has(id)) {
          taken.add(id);
          return id;
        }
      }
    };

    const plan: BatchPlan = { results: [], fresh: [], bumped: [], versions: [] };
    const bumped = new Set<BatchDoc>();
    const mine = new Map<string, { docId: string; version: number }>();
    for (const item of items) {
      const v = item.version;
      const same = known.get(v.contentHash) ?? mine.get(v.contentHash);
      if (same) {
        plan.results.push({ ...same, status: 'unchanged' });
        continue;
      }
      const at = this.now().toISOString();
      let doc = item.target ? byId.get(item.target.docId) : bySource.get(item.source);
      if (item.target && !doc) throw new RangeError(`saveVersion: no document "${item.target.docId}" to add a version to`);
      let status: 'new' | 'new-version';
      if (doc) {
        Object.assign(doc, { title: noNul(v.title), kind: v.kind, date: v.date, current: doc.current + 1, updatedAt: at });
        if (!doc.fresh) bumped.add(doc);
        status = 'new-version';
      } else {
        const id = await freeId(baseOf(item));
        doc = { id, source: item.source, title: noNul(v.title), kind: v.kind, date: v.date, current: 1, createdAt: at, updatedAt: at, fresh: true };
        bySource.set(doc.source, doc);
        byId.set(id, doc);
        plan.fresh.push(doc);
        status = 'new';
      }
      plan.versions.push({ v, source: item.source, docId: doc.id, version: doc.current, at });
      mine.set(v.contentHash, { docId: doc.id, version: doc.current });
      plan.results.push({ docId: doc.id, version: doc.current, status });
    }
    plan.bumped = [...bumped];
    return plan;
  }

  /**
   * Writes a batch's plan; false (having written nothing that stays) when one of its new
   * documents met another writer's id or source.
   */
  private async writeBatch(plan: BatchPlan): Promise<boolean> {
    if (plan.fresh.length > 0) {
      const f = plan.fresh;
      const won = await this.db.rows<{ id: string }>(INSERT_DOCUMENTS_SQL, [
        f.map((d) => d.id), f.map((d) => d.source), f.map((d) => d.title), f.map((d) => d.kind), f.map((d) => d.date),
        f.map((d) => d.current), f.map((d) => d.createdAt), f.map((d) => d.updatedAt),
      ]);
      if (won.length < f.length) {
        if (won.length > 0) await this.db.q('DELETE FROM documents WHERE id = ANY($1::text[])', [won.map((r) => r.id)]);
        return false;
      }
    }
    if (plan.bumped.length > 0) {
      const b = plan.bumped;
      await this.db.q(UPDATE_DOCUMENTS_SQL, [
        b.map((d) => d.id), b.map((d) => d.title), b.map((d) => d.kind), b.map((d) => d.date), b.map((d) => d.current), b.map((d) => d.updatedAt),
      ]);
    }
    const vs = plan.versions;
    if (vs.length === 0) return true;
    const rows = vs.map((x) => ({ x, structure: JSON.stringify(x.v.structure), pages: x.v.pages ? JSON.stringify(x.v.pages) : null }));
    // In order, in as few statements as their size allows (one for a batch of ordinary records).
    for (const run of bySize(rows, (r) => r.x.v.text.length * (r.x.v.text.includes('\0') ? 3 : 1) + r.structure.length + (r.pages?.length ?? 0))) {
      await this.db.q(INSERT_VERSIONS_SQL, [
        run.map((r) => r.x.docId), run.map((r) => r.x.version), run.map((r) => r.x.v.contentHash), run.map((r) => r.x.v.format),
        run.map((r) => noNulOrNull(r.x.v.fileName)), run.map((r) => r.x.v.byteSize), run.map((r) => r.x.v.mimeType), run.map((r) => noNul(r.x.v.text)),
        run.map((r) => exactText(r.x.v.text)), run.map((r) => r.pages), run.map((r) => r.structure), run.map((r) => r.x.at),
        run.map((r) => r.x.v.original !== null),
      ]);
    }
    const withFile = vs.filter((x) => x.v.original !== null);
    for (const x of withFile) await this.keepOriginal(x.v.contentHash, x.v.original!, x.v.mimeType);
    const keys = vs.flatMap((x) => (x.v.matchKeys ?? []).map((key) => [key, x.docId] as const));
    if (withFile.length > 0 || keys.length > 0) {
      await this.db.q(INSERT_FILES_SQL, [
        withFile.map((x) => x.docId), withFile.map((x) => x.version), withFile.map((x) => x.v.contentHash), withFile.map((x) => x.v.format),
        withFile.map((x) => noNulOrNull(x.v.fileName)), withFile.map((x) => x.v.byteSize), withFile.map((x) => x.v.mimeType),
        withFile.map((x) => x.source), withFile.map((x) => x.at), keys.map((k) => k[0]), keys.map((k) => k[1]),
      ]);
    }
    await this.changeLog?.(this.db, vs.map((x) => ({ docId: x.docId, version: x.version, at: x.at })));
    return true;
  }

  /**
   * Inserts a new document for `source` under the first free id of `base`, `base-2`,
   * `base-3`, … (as SQLite does), unless another writer stores `source` first: then that
   * document is answered, locked, for the caller to add a version to. The unique keys decide
   * between concurrent writers: an insert that meets another writer's row waits for it and,
   * once that commits, does nothing; no lock outlives the statement.
   */
  private async insertDocument(source: string, preferredId: string, v: NewVersion, at: string): Promise<{ id: string } | { existing: DocumentRow }> {
    const base = slugify(preferredId) || 'document';
    for (let from = 1; ; from += ID_BATCH) {
      const candidates = Array.from({ length: ID_BATCH }, (_, i) => (from + i === 1 ? base : `${base}-${from + i}`));
      const taken = new Set(
        (await this.db.rows<{ id: string }>('SELECT id FROM documents WHERE id = ANY($1::text[])', [candidates])).map((r) => r.id),
      );
      for (const id of candidates) {
        if (taken.has(id)) continue;
        const won = await this.db.one(
          `INSERT INTO documents (id, source, title, kind, date, current_version, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, 1, $6, $6) ON CONFLICT DO NOTHING RETURNING id`,
          [id, source, noNul(v.title), v.kind, v.date, at],
        );
        if (won) return { id };
        // The id, or the source, was stored meanwhile by another writer.
        const existing = await this.db.one<DocumentRow>('SELECT * FROM documents WHERE source = $1 FOR UPDATE', [source]);
        if (existing) return { existing };
      }
    }
  }

  async addFile(docId: string, version: number, f: NewFile): Promise<SaveResult> {
    return this.db.atomic(async (db) => {
      const s = this.on(db);
      await s.lock([`hash:${f.contentHash}`]);
      const same = await s.knownHash(f.contentHash);
      if (same) return { ...same, status: 'unchanged' as const };
      const exists = await db.one('SELECT 1 FROM versions WHERE doc_id = $1 AND version = $2', [docId, version]);
      if (!exists) throw new RangeError(`addFile: document "${docId}" has no version ${version}`);
      const at = s.now().toISOString();
      await s.keepOriginal(f.contentHash, f.original, f.mimeType);
      await db.q(INSERT_FILE_SQL, [
        docId, version, f.contentHash, f.format, noNulOrNull(f.fileName), f.byteSize, f.mimeType, f.source, at, true, f.matchKeys ?? [],
      ]);
      return { docId, version, status: 'new-file' as const };
    });
  }

  async listFiles(docId: string): Promise<DocumentFile[]> {
    return (await this.db.rows<FileRow>('SELECT * FROM document_files WHERE doc_id = $1 ORDER BY id', [docId])).map(toFile);
  }

  async getFile(docId: string, fileId: number): Promise<{ file: DocumentFile; bytes: Uint8Array | null } | null> {
    // SQLite compares any number with the integer key; a non-integer matches nothing there.
    if (!Number.isSafeInteger(fileId)) return null;
    const row = await this.db.one<FileRow>('SELECT * FROM document_files WHERE doc_id = $1 AND id = $2', [docId, fileId]);
    if (!row) return null;
    return { file: toFile(row), bytes: await readBlob(this.blobs, originalBlobKey(row.content_hash)) };
  }

  async openFile(docId: string, fileId: number): Promise<{ file: DocumentFile; body: OpenBlob | null } | null> {
    if (!Number.isSafeInteger(fileId)) return null;
    const row = await this.db.one<FileRow>('SELECT * FROM document_files WHERE doc_id = $1 AND id = $2', [docId, fileId]);
    if (!row) return null;
    return { file: toFile(row), body: await this.blobs.open(originalBlobKey(row.content_hash)) };
  }

  async findByContentHash(contentHash: string): Promise<{ docId: string; version: number } | null> {
    return this.knownHash(contentHash);
  }

  async documentsByKeys(keys: string[], limit: number): Promise<string[]> {
    if (keys.length === 0 || limit <= 0) return [];
    const rows = await this.db.rows<{ doc_id: string }>(
      `SELECT doc_id FROM document_keys WHERE key = ANY($1::text[])
       GROUP BY doc_id ORDER BY COUNT(*) DESC, doc_id COLLATE "C" LIMIT $2`,
      [keys, limit],
    );
    return rows.map((r) => r.doc_id);
  }

  async addMatchKeys(docId: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.q('INSERT INTO document_keys (key, doc_id) SELECT DISTINCT k, $1 FROM unnest($2::text[]) AS k ON CONFLICT DO NOTHING', [docId, keys]);
  }

  async getDocument(id: string): Promise<DocumentRecord | null> {
    const row = await this.db.one<DocumentRow>('SELECT * FROM documents WHERE id = $1', [id]);
    return row ? toDocument(row) : null;
  }

  async getVersion(id: string, version?: number): Promise<DocumentVersion | null> {
    const row = await this.db.one<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM documents d JOIN versions v ON v.doc_id = d.id
       WHERE d.id = $1 AND v.version = COALESCE($2::integer, d.current_version)`,
      [id, version ?? null],
    );
    return row ? toVersion(row) : null;
  }

  async currentStructures(ids: readonly string[]): Promise<Map<string, ParsedDocument>> {
    const out = new Map<string, ParsedDocument>();
    if (ids.length === 0) return out;
    const rows = await this.db.rows<{ doc_id: string; structure: string }>(
      `SELECT v.doc_id, v.structure FROM documents d JOIN versions v ON v.doc_id = d.id AND v.version = d.current_version
       WHERE d.id = ANY($1::text[])`,
      [[...new Set(ids)]],
    );
    for (const r of rows) out.set(r.doc_id, JSON.parse(r.structure) as ParsedDocument);
    return out;
  }

  async listVersions(id: string): Promise<VersionSummary[]> {
    const rows = await this.db.rows<{ version: number; content_hash: string; file_name: string | null; byte_size: number; imported_at: string; current: boolean }>(
      `SELECT v.version, v.content_hash, v.file_name, v.byte_size, v.imported_at, v.version = d.current_version AS current
       FROM documents d JOIN versions v ON v.doc_id = d.id WHERE d.id = $1 ORDER BY v.version DESC`,
      [id],
    );
    return rows.map((r) => ({
      version: r.version,
      contentHash: r.content_hash,
      fileName: r.file_name,
      byteSize: r.byte_size,
      importedAt: r.imported_at,
      current: r.current,
    }));
  }

  async getOriginal(id: string, version: number): Promise<Uint8Array | null> {
    const hash = await this.originalHash(id, version);
    return hash === null ? null : readBlob(this.blobs, originalBlobKey(hash));
  }

  async openOriginal(id: string, version: number): Promise<OpenBlob | null> {
    const hash = await this.originalHash(id, version);
    return hash === null ? null : this.blobs.open(originalBlobKey(hash));
  }

  private async originalHash(id: string, version: number): Promise<string | null> {
    const row = await this.db.one<{ content_hash: string }>(
      'SELECT content_hash FROM versions WHERE doc_id = $1 AND version = $2 AND has_original',
      [id, version],
    );
    return row?.content_hash ?? null;
  }

  /** The current texts of several documents in one query (snippets of a result page); missing ids are absent. */
  async currentTexts(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.rows<{ id: string; text: string; text_exact: Buffer | null }>(
      `SELECT d.id, v.text, v.text_exact FROM documents d JOIN versions v ON v.doc_id = d.id AND v.version = d.current_version
       WHERE d.id = ANY($1::text[])`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, textOf(r)]));
  }

  async recentDocuments(limit: number): Promise<DocumentSummary[]> {
    const rows = await this.db.rows<DocumentRow>(
      'SELECT * FROM documents ORDER BY updated_at COLLATE "C" DESC, seq DESC LIMIT $1',
      [limitOf(limit)],
    );
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind as DocumentKind,
      date: r.date,
      updatedAt: r.updated_at,
      versionCount: r.current_version,
    }));
  }

  async documentIds(): Promise<string[]> {
    return (await this.db.rows<{ id: string }>('SELECT id FROM documents ORDER BY seq')).map((r) => r.id);
  }

  async updateStructure(id: string, version: number, structure: ParsedDocument, title: string, kind: DocumentKind, date: string | null): Promise<void> {
    // One statement: both rows change together without a transaction of their own.
    await this.db.q(
      `WITH v AS (UPDATE versions SET structure = $3 WHERE doc_id = $1 AND version = $2)
       UPDATE documents SET title = $4, kind = $5, date = $6 WHERE id = $1 AND current_version = $2`,
      [id, version, JSON.stringify(structure), noNul(title), kind, date],
    );
  }

  async recordImport(r: ImportRecord): Promise<void> {
    await this.db.q(
      'INSERT INTO imports (source, status, doc_id, version, error_code, message, at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [r.source, r.status, r.docId, r.version, r.errorCode, noNulOrNull(r.message), r.at],
    );
  }

  async documentFromSource(source: string): Promise<string | null> {
    const row = await this.db.one<{ doc_id: string }>(
      "SELECT doc_id FROM imports WHERE source = $1 AND status <> 'failed' AND doc_id IS NOT NULL ORDER BY id DESC LIMIT 1",
      [source],
    );
    return row?.doc_id ?? null;
  }

  async documentsFromSources(sources: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const wanted = [...new Set(sources)];
    if (wanted.length === 0) return out;
    // The latest good import of each source, as documentFromSource picks it, in one query.
    const rows = await this.db.rows<{ source: string; doc_id: string }>(
      `SELECT DISTINCT ON (source) source, doc_id FROM imports
       WHERE source = ANY($1::text[]) AND status <> 'failed' AND doc_id IS NOT NULL ORDER BY source, id DESC`,
      [wanted],
    );
    for (const r of rows) out.set(r.source, r.doc_id);
    return out;
  }

  async sourcesOfDocument(id: string): Promise<string[]> {
    const rows = await this.db.rows<{ source: string }>(
      "SELECT source FROM imports WHERE doc_id = $1 AND status <> 'failed' GROUP BY source ORDER BY MIN(id)",
      [id],
    );
    return rows.map((r) => r.source);
  }

  async listImports(options: { status?: ImportRecord['status']; limit: number }): Promise<ImportRecord[]> {
    const rows = options.status
      ? await this.db.rows<ImportRow>('SELECT * FROM imports WHERE status = $1 ORDER BY id DESC LIMIT $2', [options.status, limitOf(options.limit)])
      : await this.db.rows<ImportRow>('SELECT * FROM imports ORDER BY id DESC LIMIT $1', [limitOf(options.limit)]);
    return rows.map(toImport);
  }

  async unresolvedFailures(limit: number): Promise<ImportRecord[]> {
    const rows = await this.db.rows<ImportRow>(
      `SELECT * FROM imports i WHERE status = 'failed'
       AND NOT EXISTS (SELECT 1 FROM imports j WHERE j.source = i.source AND j.id > i.id)
       ORDER BY id DESC LIMIT $1`,
      [limitOf(limit)],
    );
    return rows.map((r) => ({ ...toImport(r), status: 'failed' as const, docId: null, version: null }));
  }

  /**
   * The archive's counts for the home page, kept with the snapshot they were counted after
   * (`pg_current_snapshot()`: which transactions are committed). Read first, before the counts:
   * when a later request reads the same snapshot, nothing has committed since, so the counts
   * are what counting again would give, on this node or on the replica replaying the same
   * commits. Any commit moves it (a sync page, a sign-in), so this saves the counting only while
   * the database is quiet, which is most of the time for a site that is read far more than
   * written: at 600,000 documents the counting takes ~0.18 s (session 16) on a page every visitor
   * opens. Not kept inside a unit of work, whose own writes do not move its snapshot.
   */
  private statsKept: { snapshot: string; stats: StoreStats } | null = null;

  async stats(): Promise<StoreStats> {
    if (this.db.current) return this.countStats();
    const snapshot = (await this.db.one<{ s: string }>('SELECT pg_current_snapshot()::text AS s'))!.s;
    if (this.statsKept?.snapshot !== snapshot) this.statsKept = { snapshot, stats: await this.countStats() };
    return copyStats(this.statsKept.stats);
  }

  private async countStats(): Promise<StoreStats> {
    // Three scans that do not depend on each other: on the pool each on a connection of its own,
    // at once (the home page on PostgreSQL 32.5 against 41.6 ms p50 at 100,000 documents, bench/ab-builds.ts).
    const [counts, byKind, byYear] = await Promise.all([
      this.db.one<{ documents: number; versions: number; failed: number }>(
        `SELECT (SELECT COUNT(*) FROM documents) AS documents, (SELECT COUNT(*) FROM versions) AS versions,
                -- A source that failed and later imported fine is no longer a failure.
                (SELECT COUNT(DISTINCT source) FROM imports i WHERE status = 'failed'
                 AND NOT EXISTS (SELECT 1 FROM imports j WHERE j.source = i.source AND j.id > i.id AND j.status <> 'failed')) AS failed`,
      ),
      this.db.rows<{ value: string; count: number }>('SELECT kind AS value, COUNT(*) AS count FROM documents GROUP BY kind ORDER BY count DESC, kind COLLATE "C"'),
      this.db.rows<{ value: string; count: number }>(
        `SELECT substr(date, 1, 4) AS value, COUNT(*) AS count FROM documents WHERE date IS NOT NULL
         GROUP BY substr(date, 1, 4) ORDER BY substr(date, 1, 4) COLLATE "C" DESC`,
      ),
    ]);
    return { documents: counts!.documents, versions: counts!.versions, failedImports: counts!.failed, byKind, byYear };
  }

  /**
   * Ends the database's pool, as SqliteStore.close closes the connection the other stores
   * share: the composition root calls it last.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
  }
}
