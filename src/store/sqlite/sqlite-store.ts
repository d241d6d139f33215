/**
 * The SQLite implementation of Store (better-sqlite3). Synchronous underneath; the async
 * surface exists so PostgreSQL can implement the same interface.
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
import type { NewFile, NewVersion, SaveItem, SaveResult, Store, VersionSummary } from '../store.js';
import { blobOfBytes, type OpenBlob } from '../blob-store.js';
import { slugify } from '../ids.js';
import type { SqliteDb } from './connection.js';
import { READS_ON_WRITER } from './read-connection.js';
import { atomic, writerOf, type SqliteWriter } from './unit-of-work.js';
import { copyStats } from '../../domain/index.js';
import { toDocument, toFile, toVersion as versionOf, type DocumentRow, type FileRow, type VersionRowBase } from '../document-rows.js';
import type { PackedText } from '../../domain/packed-text.js';
import { CODEC_DEFLATE, CODEC_PLAIN, CODEC_ZSTD, PACKED_FORM, packOriginal, packText, packVersion, unpackOriginal, unpackText } from './codec.js';

/** A version row as SQLite keeps it: compressed text columns (codec.ts), 0/1 for booleans. */
interface VersionRow extends VersionRowBase {
  /** Compressed (a BLOB) in rows written since codec.ts: read through unpackText. */
  text: string | Buffer;
  pages: string | Buffer | null;
  structure: string | Buffer;
  has_original: number;
  codec: number;
}

const toVersion = (r: VersionRow): DocumentVersion =>
  versionOf(r, { text: unpackText(r.text, r.codec)!, pages: unpackText(r.pages, r.codec), structure: unpackText(r.structure, r.codec)!, hasOriginal: r.has_original === 1 });

/** A packed part as better-sqlite3 binds a BLOB: a Buffer (a Uint8Array from another thread is viewed as one, not copied). */
const asBuffer = (b: Uint8Array): Buffer => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

export class SqliteStore implements Store {
  readonly packedForm = PACKED_FORM;
  /*
   * 1,000 records a unit, not 500, as measured: importing 20,000 records into a
   * 600,000-document folder, 1,238–1,358 docs/s a unit of 500, 1,518 of 1,000, 1,441–1,524 of
   * 2,000, 1,417 of 4,000; into an empty folder 500 and 1,000 alike. Pages written are not the
   * whole reason: indexes whose keys come in no order put each record on a WAL page of its own
   * (~32 KB of WAL a record at that size), but halving those bytes saved only 3 % of the CPU;
   * a larger unit also commits, checkpoints and merges less often. (PostgreSQL keeps 500: a
   * batch holds two advisory locks per record.)
   */
  readonly bulkBatch = 1000;
  /** The connection's one writer: every write below runs inside its transaction (unit-of-work.ts). */
  private readonly writer: SqliteWriter;
  private readonly stmt;
  private readonly saveTx: (source: string, preferredId: string, v: NewVersion, targetId: string | null) => SaveResult;
  private readonly saveManyTx: (items: readonly SaveItem[]) => SaveResult[];
  private readonly addFileTx: (docId: string, version: number, f: NewFile) => SaveResult;

  constructor(
    readonly db: SqliteDb,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.writer = writerOf(db);
    this.stmt = {
      byHash: db.prepare<[string], { doc_id: string; version: number }>(
        'SELECT doc_id, version FROM versions WHERE content_hash = ? ORDER BY rowid LIMIT 1',
      ),
      fileByHash: db.prepare<[string], { doc_id: string; version: number }>(
        'SELECT doc_id, version FROM document_files WHERE content_hash = ?',
      ),
      insertFile: db.prepare(
        `INSERT OR IGNORE INTO document_files (doc_id, version, content_hash, format, file_name, byte_size, mime_type, source, imported_at)
         VALUES (@docId, @version, @contentHash, @format, @fileName, @byteSize, @mimeType, @source, @at)`,
      ),
      listFiles: db.prepare<[string], FileRow>('SELECT * FROM document_files WHERE doc_id = ? ORDER BY id'),
      dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
      getFile: db.prepare<[string, number], FileRow>('SELECT * FROM document_files WHERE doc_id = ? AND id = ?'),
      fileBytes: db.prepare<[string], { bytes: Buffer; codec: number }>('SELECT bytes, codec FROM originals WHERE content_hash = ?'),
      // An original kept as "its version's text" (a .txt import) is rebuilt from the version it is the text of.
      textOfHash: db.prepare<[string], { text: string | Buffer; codec: number }>('SELECT text, codec FROM versions WHERE content_hash = ? LIMIT 1'),
      insertKey: db.prepare('INSERT OR IGNORE INTO document_keys (key, doc_id) VALUES (?, ?)'),
      bySource: db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE source = ?'),
      byId: db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE id = ?'),
      idTaken: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM documents WHERE id = ?'),
      nextSeq: db.prepare<[], { seq: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM documents'),
      insertDoc: db.prepare(
        `INSERT INTO documents (id, source, title, kind, date, current_version, seq, created_at, updated_at)
         VALUES (@id, @source, @title, @kind, @date, 1, @seq, @at, @at)`,
      ),
      bumpDoc: db.prepare(
        `UPDATE documents SET title = @title, kind = @kind, date = @date, current_version = @version, updated_at = @at
         WHERE id = @id`,
      ),
      insertVersion: db.prepare(
        `INSERT INTO versions (doc_id, version, content_hash, format, file_name, byte_size, mime_type, text, pages,
                               structure, imported_at, has_original, codec)
         VALUES (@docId, @version, @contentHash, @format, @fileName, @byteSize, @mimeType, @text, @pages,
                 @structure, @at, @hasOriginal, @codec)`,
      ),
      insertOriginal: db.prepare('INSERT OR IGNORE INTO originals (content_hash, bytes, codec) VALUES (?, ?, ?)'),
      getVersion: db.prepare<[string, number], VersionRow>('SELECT * FROM versions WHERE doc_id = ? AND version = ?'),
      listVersions: db.prepare<[string], VersionRow>(
        `SELECT doc_id, version, content_hash, file_name, byte_size, imported_at FROM versions
         WHERE doc_id = ? ORDER BY version DESC`,
      ),
      original: db.prepare<[string, number], { bytes: Buffer; codec: number; text: string | Buffer; text_codec: number }>(
        `SELECT o.bytes, o.codec, v.text, v.codec AS text_codec FROM versions v JOIN originals o ON o.content_hash = v.content_hash
         WHERE v.doc_id = ? AND v.version = ? AND v.has_original = 1`,
      ),
      // A document's current version is its latest (versions only grow, saveWrites), found in
      // versions' own key index without the documents row: two look-ups of random pages fewer
      // per hit. The texts of a page of 20 random hits at 600,000 documents: 2.0 against 3.1 ms.
      currentTexts: db.prepare<[string], { id: string; text: string | Buffer; codec: number }>(
        `SELECT v.doc_id AS id, v.text, v.codec FROM (SELECT DISTINCT value FROM json_each(?)) j
           JOIN versions v ON v.doc_id = j.value AND v.version = (SELECT MAX(version) FROM versions x WHERE x.doc_id = j.value)`,
      ),
      recent: db.prepare<[number], DocumentRow & { version_count: number }>(
        `SELECT d.*, d.current_version AS version_count FROM documents d
         ORDER BY d.updated_at DESC, d.seq DESC LIMIT ?`,
      ),
      ids: db.prepare<[], { id: string }>('SELECT id FROM documents ORDER BY seq'),
      // The row's codec says how all its values are packed: a compressed row's structure is
      // written as new rows are, and the row's texts then repacked with it (a reparse is rare).
      versionCodec: db.prepare<[string, number], { text: string | Buffer; pages: string | Buffer | null; codec: number }>(
        'SELECT text, pages, codec FROM versions WHERE doc_id = ? AND version = ?',
      ),
      updateStructure: db.prepare('UPDATE versions SET text = @text, pages = @pages, structure = @structure, codec = @codec WHERE doc_id = @id AND version = @version'),
      updateDocMeta: db.prepare(
        'UPDATE documents SET title = ?, kind = ?, date = ? WHERE id = ? AND current_version = ?',
      ),
      insertImport: db.prepare(
        `INSERT INTO imports (source, status, doc_id, version, error_code, message, at)
         VALUES (@source, @status, @docId, @version, @errorCode, @message, @at)`,
      ),
    };
    // Part of the caller's transaction, or one of its own (unit-of-work.ts, `atomic`). Wrapped
    // once, not per call: bulk imports save every record through it.
    this.saveTx = atomic(db, (source: string, preferredId: string, v: NewVersion, targetId: string | null) =>
      this.saveWrites(source, preferredId, v, targetId),
    );
    // The batch is stored whole, or (the unit rolled back) not at all.
    this.saveManyTx = atomic(db, (items: readonly SaveItem[]) =>
      items.map((i) => this.saveWrites(i.source, i.preferredId, i.version, i.target?.docId ?? null)),
    );
    this.addFileTx = atomic(db, (docId: string, version: number, f: NewFile) => this.addFileWrites(docId, version, f));
  }

  async saveVersion(source: string, preferredId: string, v: NewVersion, target?: { docId: string }): Promise<SaveResult> {
    return this.writer.run(async () => this.saveTx(source, preferredId, v, target?.docId ?? null));
  }

  async saveVersions(items: readonly SaveItem[]): Promise<SaveResult[]> {
    // In-process statements cost no round trip: the batch is the calls one after the other.
    return this.writer.run(async () => this.saveManyTx(items));
  }

  private knownHash(contentHash: string): { doc_id: string; version: number } | undefined {
    return this.stmt.byHash.get(contentHash) ?? this.stmt.fileByHash.get(contentHash);
  }

  private saveWrites(source: string, preferredId: string, v: NewVersion, targetId: string | null): SaveResult {
    const same = this.knownHash(v.contentHash);
    if (same) return { docId: same.doc_id, version: same.version, status: 'unchanged' };
    const at = this.now().toISOString();
    const existing = targetId !== null ? this.stmt.byId.get(targetId) : this.stmt.bySource.get(source);
    if (targetId !== null && !existing) throw new RangeError(`saveVersion: no document "${targetId}" to add a version to`);
    let docId: string;
    let version: number;
    if (existing) {
      docId = existing.id;
      version = existing.current_version + 1;
      this.stmt.bumpDoc.run({ id: docId, title: v.title, kind: v.kind, date: v.date, version, at });
    } else {
      docId = this.freeId(preferredId);
      version = 1;
      const seq = this.stmt.nextSeq.get()!.seq;
      this.stmt.insertDoc.run({ id: docId, source, title: v.title, kind: v.kind, date: v.date, seq, at });
    }
    if (v.original) {
      const o = packOriginal(v.original, v.text);
      this.stmt.insertOriginal.run(v.contentHash, o.bytes, o.codec);
    }
    // Packed by the bulk import's parse worker when it had time to spare, else here.
    const packed = v.packed?.form === PACKED_FORM ? v.packed : packVersion(v);
    this.stmt.insertVersion.run({
      docId,
      version,
      contentHash: v.contentHash,
      format: v.format,
      fileName: v.fileName,
      byteSize: v.byteSize,
      mimeType: v.mimeType,
      text: asBuffer(packed.text),
      pages: packed.pages && asBuffer(packed.pages),
      structure: asBuffer(packed.structure),
      at,
      hasOriginal: v.original ? 1 : 0,
      codec: CODEC_ZSTD,
    });
    if (v.original) {
      this.stmt.insertFile.run({
        docId, version, contentHash: v.contentHash, format: v.format, fileName: v.fileName, byteSize: v.byteSize,
        mimeType: v.mimeType, source, at,
      });
    }
    for (const key of v.matchKeys ?? []) this.stmt.insertKey.run(key, docId);
    return { docId, version, status: existing ? 'new-version' : 'new' };
  }

  async addFile(docId: string, version: number, f: NewFile): Promise<SaveResult> {
    return this.writer.run(async () => this.addFileTx(docId, version, f));
  }

  private addFileWrites(docId: string, version: number, f: NewFile): SaveResult {
    const same = this.knownHash(f.contentHash);
    if (same) return { docId: same.doc_id, version: same.version, status: 'unchanged' };
    if (!this.stmt.getVersion.get(docId, version)) throw new RangeError(`addFile: document "${docId}" has no version ${version}`);
    const at = this.now().toISOString();
    // Another format's bytes are never the version's text (that is the first file's): no text to derive them from.
    const o = packOriginal(f.original, null);
    this.stmt.insertOriginal.run(f.contentHash, o.bytes, o.codec);
    this.stmt.insertFile.run({
      docId, version, contentHash: f.contentHash, format: f.format, fileName: f.fileName, byteSize: f.byteSize,
      mimeType: f.mimeType, source: f.source, at,
    });
    for (const key of f.matchKeys ?? []) this.stmt.insertKey.run(key, docId);
    return { docId, version, status: 'new-file' };
  }

  async listFiles(docId: string): Promise<DocumentFile[]> {
    return this.stmt.listFiles.all(docId).map(toFile);
  }

  async getFile(docId: string, fileId: number): Promise<{ file: DocumentFile; bytes: Uint8Array | null } | null> {
    const row = this.stmt.getFile.get(docId, fileId);
    if (!row) return null;
    const stored = this.stmt.fileBytes.get(row.content_hash);
    const bytes = stored
      ? unpackOriginal(stored.bytes, stored.codec, () => {
          const t = this.stmt.textOfHash.get(row.content_hash);
          return t ? unpackText(t.text, t.codec) : null;
        })
      : null;
    return { file: toFile(row), bytes: bytes ? new Uint8Array(bytes) : null };
  }

  /*
   * SQLite keeps its originals as BLOBs beside the documents (behind the same OpenBlob shape
   * as the PostgreSQL store's chunked blobs), not in the folder blob store: they are packed
   * by the codec (deflated, or "same as the version's text" for a .txt) which saves a third
   * of the data folder, one machine reads them so nothing needs sharing, and existing data
   * folders stay as they are without a migration. better-sqlite3 has no incremental BLOB
   * reads, so one download holds its (decompressed) file once, then sends it in chunks.
   */
  async openFile(docId: string, fileId: number): Promise<{ file: DocumentFile; body: OpenBlob | null } | null> {
    const found = await this.getFile(docId, fileId);
    return found && { file: found.file, body: found.bytes ? blobOfBytes(found.bytes, found.file.mimeType) : null };
  }

  async openOriginal(id: string, version: number): Promise<OpenBlob | null> {
    const bytes = await this.getOriginal(id, version);
    return bytes && blobOfBytes(bytes);
  }

  async documentsByKeys(keys: string[], limit: number): Promise<string[]> {
    if (keys.length === 0 || limit <= 0) return [];
    // Bound parameters only; the key count is the caller's (16 bands and an identity or two).
    const marks = keys.map(() => '?').join(', ');
    return this.db
      .prepare(`SELECT doc_id FROM document_keys WHERE key IN (${marks}) GROUP BY doc_id ORDER BY COUNT(*) DESC, doc_id LIMIT ?`)
      .pluck()
      .all(...keys, limit) as string[];
  }

  async addMatchKeys(docId: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.writer.run(async () => {
      for (const key of keys) this.stmt.insertKey.run(key, docId);
    });
  }

  private freeId(preferred: string): string {
    const base = slugify(preferred) || 'document';
    if (!this.stmt.idTaken.get(base)) return base;
    for (let n = 2; ; n++) {
      const candidate = `${base}-${n}`;
      if (!this.stmt.idTaken.get(candidate)) return candidate;
    }
  }

  async findByContentHash(contentHash: string) {
    const row = this.knownHash(contentHash);
    return row ? { docId: row.doc_id, version: row.version } : null;
  }

  async getDocument(id: string): Promise<DocumentRecord | null> {
    const row = this.stmt.byId.get(id);
    return row ? toDocument(row) : null;
  }

  async getVersion(id: string, version?: number): Promise<DocumentVersion | null> {
    let v = version;
    if (v === undefined) {
      const doc = this.stmt.byId.get(id);
      if (!doc) return null;
      v = doc.current_version;
    }
    const row = this.stmt.getVersion.get(id, v);
    return row ? toVersion(row) : null;
  }

  async currentStructures(ids: readonly string[]): Promise<Map<string, ParsedDocument>> {
    const out = new Map<string, ParsedDocument>();
    if (ids.length === 0) return out;
    const rows = this.db
      .prepare(
        `SELECT v.doc_id, v.structure, v.codec FROM documents d JOIN versions v ON v.doc_id = d.id AND v.version = d.current_version
         WHERE d.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify([...new Set(ids)])) as { doc_id: string; structure: string | Buffer; codec: number }[];
    for (const r of rows) out.set(r.doc_id, JSON.parse(unpackText(r.structure, r.codec)!) as ParsedDocument);
    return out;
  }

  async listVersions(id: string): Promise<VersionSummary[]> {
    const doc = this.stmt.byId.get(id);
    if (!doc) return [];
    return this.stmt.listVersions.all(id).map((r) => ({
      version: r.version,
      contentHash: r.content_hash,
      fileName: r.file_name,
      byteSize: r.byte_size,
      importedAt: r.imported_at,
      current: r.version === doc.current_version,
    }));
  }

  async getOriginal(id: string, version: number): Promise<Uint8Array | null> {
    const row = this.stmt.original.get(id, version);
    const bytes = row ? unpackOriginal(row.bytes, row.codec, () => unpackText(row.text, row.text_codec)) : null;
    return bytes ? new Uint8Array(bytes) : null;
  }

  /**
   * The current texts of several documents in one statement: the search index cuts a page's
   * snippets from them rather than keeping a copy of every text (main.ts wires it). Missing
   * ids are absent.
   */
  currentTexts(ids: readonly string[]): Map<string, string> {
    const out = new Map<string, string>();
    if (ids.length === 0) return out;
    for (const r of this.stmt.currentTexts.all(JSON.stringify(ids))) out.set(r.id, unpackText(r.text, r.codec)!);
    return out;
  }

  /**
   * The current texts as stored: a compressed text stays compressed (a raw deflate stream or a
   * zstd frame of its UTF-8, domain/packed-text.ts), for the search's snippets,
   * which a web node unpacks on its snippet thread instead of the request's.
   */
  currentTextsAsStored(ids: readonly string[]): Map<string, PackedText> {
    const out = new Map<string, PackedText>();
    if (ids.length === 0) return out;
    for (const r of this.stmt.currentTexts.all(JSON.stringify(ids))) {
      out.set(
        r.id,
        typeof r.text === 'string' ? r.text : r.codec === CODEC_ZSTD ? { zstd: r.text } : r.codec === CODEC_DEFLATE ? { deflated: r.text } : unpackText(r.text, r.codec)!,
      );
    }
    return out;
  }

  async recentDocuments(limit: number): Promise<DocumentSummary[]> {
    return this.stmt.recent.all(limit).map((r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind as DocumentKind,
      date: r.date,
      updatedAt: r.updated_at,
      versionCount: r.version_count,
    }));
  }

  async documentIds(): Promise<string[]> {
    return this.stmt.ids.all().map((r) => r.id);
  }

  async updateStructure(
    id: string,
    version: number,
    structure: ParsedDocument,
    title: string,
    kind: DocumentKind,
    date: string | null,
  ): Promise<void> {
    await this.writer.run(async () => {
      const plain = JSON.stringify(structure);
      const row = this.stmt.versionCodec.get(id, version);
      if (row) {
        if (row.codec === CODEC_PLAIN || row.codec === CODEC_ZSTD) {
          this.stmt.updateStructure.run({ text: row.text, pages: row.pages, structure: row.codec === CODEC_PLAIN ? plain : packText(plain), codec: row.codec, id, version });
        } else {
          const pages = unpackText(row.pages, row.codec);
          this.stmt.updateStructure.run({ text: packText(unpackText(row.text, row.codec)!), pages: pages === null ? null : packText(pages), structure: packText(plain), codec: CODEC_ZSTD, id, version });
        }
      }
      this.stmt.updateDocMeta.run(title, kind, date, id, version);
    });
  }

  async recordImport(r: ImportRecord): Promise<void> {
    await this.writer.run(async () => void this.stmt.insertImport.run({ ...r }));
  }

  async documentFromSource(source: string): Promise<string | null> {
    const row = this.db
      .prepare("SELECT doc_id FROM imports WHERE source = ? AND status <> 'failed' AND doc_id IS NOT NULL ORDER BY id DESC LIMIT 1")
      .get(source) as { doc_id: string } | undefined;
    return row?.doc_id ?? null;
  }

  async documentsFromSources(sources: readonly string[]): Promise<Map<string, string>> {
    // In-process statements cost no round trip: a lookup per source is the batch here.
    const out = new Map<string, string>();
    for (const source of new Set(sources)) {
      const id = await this.documentFromSource(source);
      if (id !== null) out.set(source, id);
    }
    return out;
  }

  async sourcesOfDocument(id: string): Promise<string[]> {
    return this.db
      .prepare("SELECT source FROM imports WHERE doc_id = ? AND status <> 'failed' GROUP BY source ORDER BY MIN(id)")
      .pluck()
      .all(id) as string[];
  }

  async listImports(options: { status?: ImportRecord['status']; limit: number }): Promise<ImportRecord[]> {
    const rows = options.status
      ? this.db
          .prepare('SELECT * FROM imports WHERE status = ? ORDER BY id DESC LIMIT ?')
          .all(options.status, options.limit)
      : this.db.prepare('SELECT * FROM imports ORDER BY id DESC LIMIT ?').all(options.limit);
    return (rows as Record<string, unknown>[]).map((r) => ({
      source: r.source as string,
      status: r.status as ImportRecord['status'],
      docId: (r.doc_id as string | null) ?? null,
      version: (r.version as number | null) ?? null,
      errorCode: (r.error_code as string | null) ?? null,
      message: (r.message as string | null) ?? null,
      at: r.at as string,
    }));
  }

  async unresolvedFailures(limit: number): Promise<ImportRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM imports i WHERE status = 'failed'
         AND NOT EXISTS (SELECT 1 FROM imports j WHERE j.source = i.source AND j.id > i.id)
         ORDER BY id DESC LIMIT ?`,
      )
      .all(limit) as Record<string, unknown>[];
    return rows.map((r) => ({
      source: r.source as string,
      status: 'failed' as const,
      docId: null,
      version: null,
      errorCode: (r.error_code as string | null) ?? null,
      message: (r.message as string | null) ?? null,
      at: r.at as string,
    }));
  }

  /**
   * The archive's counts for the home page: at 600,000 documents they take ~0.3 s to count
   * (every document's kind and year), on a page every visitor opens. Kept with the read
   * connection's `PRAGMA data_version`, which moves with every commit of any connection, so
   * they are never stale; not kept where reads share the writer (`:memory:`, inside a unit of
   * work), whose version does not move with its own writes.
   */
  private statsKept: { version: number; stats: StoreStats } | null = null;

  async stats(): Promise<StoreStats> {
    const onWriter = (this.db as unknown as Record<symbol, (() => boolean) | undefined>)[READS_ON_WRITER];
    if (onWriter === undefined || onWriter()) return this.countStats();
    const version = this.stmt.dataVersion.get()!;
    if (this.statsKept?.version !== version) this.statsKept = { version, stats: this.countStats() };
    return copyStats(this.statsKept.stats);
  }

  private countStats(): StoreStats {
    const one = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    const buckets = (sql: string) => this.db.prepare(sql).all() as { value: string; count: number }[];
    return {
      documents: one('SELECT COUNT(*) AS n FROM documents'),
      versions: one('SELECT COUNT(*) AS n FROM versions'),
      failedImports: one(
        // A source that failed and later imported fine is no longer a failure.
        `SELECT COUNT(DISTINCT source) AS n FROM imports i WHERE status = 'failed'
         AND NOT EXISTS (SELECT 1 FROM imports j WHERE j.source = i.source AND j.id > i.id AND j.status <> 'failed')`,
      ),
      // Ties by kind: the same order on every backend.
      byKind: buckets('SELECT kind AS value, COUNT(*) AS count FROM documents GROUP BY kind ORDER BY count DESC, kind'),
      byYear: buckets(
        `SELECT substr(date, 1, 4) AS value, COUNT(*) AS count FROM documents WHERE date IS NOT NULL
         GROUP BY value ORDER BY value DESC`,
      ),
    };
  }

  async close(): Promise<void> {
    await this.writer.idle();
    if (this.db.open) this.db.close();
  }
}
