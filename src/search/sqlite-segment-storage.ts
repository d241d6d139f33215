// SegmentStorage on SQLite: the index's tables on the store's connection, every call synchronous, writes in one native transaction.

import type Database from 'better-sqlite3';
import { packBlocks, type Block } from './blocks.js';
import { FORMAT, STATE_CODES, stateChunksOf, type StoredDocRow } from './fields.js';
import { SEQUENCE_BREAK, sequenceBytes, termHash } from './segment-builder.js';
import {
  runStepsSync,
  type HitRow,
  type NewDocRow,
  type SegmentInfo,
  type SegmentStorage,
  type SegmentWriter,
  type StorageVersion,
  type StoredBlock,
  type WriteSteps,
} from './segment-storage.js';
import { TEXT_IN_STORE, TEXT_PLAIN } from './stored-text.js';

/** What the index needs of the connection's writer (store/sqlite/unit-of-work.ts, SqliteWriter). */
export interface SqliteWriterPort {
  run<T>(fn: () => Promise<T>): Promise<T>;
  atomic<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS ix_docs (
    docid  INTEGER PRIMARY KEY,
    ext_id TEXT NOT NULL,
    kind   TEXT NOT NULL,
    date   TEXT,
    len    INTEGER NOT NULL,
    live   INTEGER NOT NULL,
    type   TEXT NOT NULL DEFAULT 'document'
  );
  CREATE UNIQUE INDEX IF NOT EXISTS ix_docs_ext ON ix_docs(ext_id) WHERE live = 1;
  -- Kept apart from ix_docs so that loading the metadata never reads the texts. The term
  -- sequence (int32 little-endian term hashes, segment-builder.ts) comes first: phrase
  -- verification reads only it, not the text behind it.
  CREATE TABLE IF NOT EXISTS ix_text (
    docid INTEGER PRIMARY KEY,
    terms BLOB NOT NULL,
    title TEXT NOT NULL,
    text  TEXT NOT NULL
  );
  -- A segment's posting lists, packed into blocks in term order (blocks.ts): one row per
  -- ~8 KB or more (a long list is one block), found by the block's first term through
  -- ix_blocks_key (created by migrate()). Ids only grow, so a new segment's rows go at the end
  -- of both B-trees. A rowid table on purpose (BLOCKS_TABLE).
  CREATE TABLE IF NOT EXISTS ix_blocks (
    seg   INTEGER NOT NULL,
    first TEXT NOT NULL,
    data  BLOB NOT NULL
  );
  CREATE TABLE IF NOT EXISTS ix_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS ix_segs (
    seg     INTEGER PRIMARY KEY,
    max_doc INTEGER NOT NULL,
    level   INTEGER NOT NULL
  );
  -- What a query needs per document (ix_docs's kind, type, date, len, live) as columns of
  -- 4,096 documents a row (doc-state.ts): loaded at the first query in one read per chunk.
  CREATE TABLE IF NOT EXISTS ix_state (
    chunk INTEGER PRIMARY KEY,
    data  BLOB NOT NULL
  );
`;

/*
 * Why ix_blocks has a rowid and a separate key index (BLOCKS_TABLE): it was a WITHOUT ROWID
 * table keyed by (seg, first), whose B-tree cells are whole records. A block overflows its
 * cell, and SQLite compares such a cell with a key only after reading the whole record, every
 * overflow page of it: each look-up of a term read several whole blocks on its way down the
 * tree, not just the one it wanted. At 600,000 documents finding and reading a term's block
 * took 124 us, and 32 us through the key index, whose cells are small (bench/block-lookup.ts);
 * a query's first asking does it once per segment and term (bench/scale.ts, novel queries).
 * SQLite's own advice is the same: WITHOUT ROWID only for small rows.
 */
const BLOCKS_TABLE = `
  CREATE TABLE ix_blocks_rowid (
    seg   INTEGER NOT NULL,
    first TEXT NOT NULL,
    data  BLOB NOT NULL
  );
  INSERT INTO ix_blocks_rowid (seg, first, data) SELECT seg, first, data FROM ix_blocks ORDER BY seg, first;
  DROP TABLE ix_blocks;
  ALTER TABLE ix_blocks_rowid RENAME TO ix_blocks;
`;
const BLOCKS_KEY = 'CREATE UNIQUE INDEX IF NOT EXISTS ix_blocks_key ON ix_blocks(seg, first)';

/**
 * The index's tables in a SQLite database. Its version is `PRAGMA data_version`, which
 * changes when another connection commits (this connection's own writes the engine knows of;
 * read outside a unit of work, it is the read connection's, which sees the writer's commits).
 */
/** See store/sqlite/read-connection.ts (the same registered symbol). */
const READS_ON_WRITER = Symbol.for('kamerlens.sqlite.readsOnWriter');

export class SqliteSegmentStorage implements SegmentStorage {
  /** A read is a row in this process: reading exactly what is needed is cheapest. */
  readonly batchReads = false;
  private stmts: ReturnType<SqliteSegmentStorage['prepare']> | null = null;
  private readonly writer: SegmentWriter;

  /**
   * @param textsInStore the index is opened with the document store's texts: migrating drops
   *   its own copies of documents' texts once (run `VACUUM` afterwards to give the space back)
   */
  constructor(
    private readonly db: Database.Database,
    private readonly textsInStore = false,
    /** The connection's writer (see SqliteSearchIndexOptions), if the index was given it. */
    private readonly unit: SqliteWriterPort | null = null,
  ) {
    this.writer = this.makeWriter();
  }

  /** The prepared statements; a storage used before migrate() migrates first. */
  private get s(): NonNullable<SqliteSegmentStorage['stmts']> {
    if (this.stmts === null) this.migrate();
    return this.stmts!;
  }

  /** Creates the index's tables (idempotent) and brings an older stored format up to date. */
  migrate(): void {
    const existed = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ix_text'").get() !== undefined;
    this.db.exec(SCHEMA);
    // Result types came after format 2: older tables get the column, every row a document.
    const columns = this.db.prepare("SELECT name FROM pragma_table_info('ix_docs')").pluck().all();
    if (!columns.includes('type')) this.db.exec("ALTER TABLE ix_docs ADD COLUMN type TEXT NOT NULL DEFAULT 'document'");
    this.migrateTexts();
    this.migrateBlocks();
    const format = this.db.prepare("SELECT value FROM ix_meta WHERE key = 'format'").pluck().get() as string | undefined;
    const codes = this.db.prepare("SELECT value FROM ix_meta WHERE key = 'state-codes'").pluck().get();
    if (format !== FORMAT || codes !== STATE_CODES) {
      this.db.transaction(() => {
        if (existed && (format === undefined || format < '2')) this.convertSequences();
        if (existed && (format === undefined || format < '2')) this.convertPostings();
        if (existed) this.rebuildState();
        this.db.prepare("INSERT OR REPLACE INTO ix_meta (key, value) VALUES ('format', ?)").run(FORMAT);
        this.db.prepare("INSERT OR REPLACE INTO ix_meta (key, value) VALUES ('state-codes', ?)").run(STATE_CODES);
      })();
    }
    this.stmts = this.prepare();
  }

  /** Packs ix_docs into the state's chunks (format 2 had none; a new kind or type renumbers them). */
  private rebuildState(): void {
    const rows = this.db.prepare<[], [number, string, string | null, number, number, string]>('SELECT docid, kind, date, len, live, type FROM ix_docs').raw();
    const docs = function* (): Generator<StoredDocRow> {
      for (const [docid, kind, date, len, live, type] of rows.iterate()) yield { docid, kind, date, len, live: live === 1, type };
    };
    const chunks = stateChunksOf(docs());
    this.db.exec('DELETE FROM ix_state');
    const insert = this.db.prepare('INSERT INTO ix_state (chunk, data) VALUES (?, ?)');
    for (const [chunk, data] of chunks) insert.run(chunk, data);
  }

  /** Compression came after format 2: older tables get the codec column, their rows plain text. */
  private migrateTexts(): void {
    const columns = this.db.prepare("SELECT name FROM pragma_table_info('ix_text')").pluck().all();
    if (!columns.includes('codec')) this.db.exec(`ALTER TABLE ix_text ADD COLUMN codec INTEGER NOT NULL DEFAULT ${TEXT_PLAIN}`);
    if (!this.textsInStore) return;
    if (this.db.prepare("SELECT value FROM ix_meta WHERE key = 'texts'").pluck().get() === 'store') return;
    this.db.transaction(() => {
      this.db.exec(
        `UPDATE ix_text SET text = '', codec = ${TEXT_IN_STORE} WHERE codec <> ${TEXT_IN_STORE}
           AND docid IN (SELECT docid FROM ix_docs WHERE live = 1 AND type = 'document')`,
      );
      this.db.prepare("INSERT OR REPLACE INTO ix_meta (key, value) VALUES ('texts', 'store')").run();
    })();
  }

  /** Blocks of an index made before session 20 move to a rowid table (see BLOCKS_TABLE); then the key index. */
  private migrateBlocks(): void {
    const shape = this.db.prepare<[], string>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'ix_blocks'").pluck();
    if (!/WITHOUT\s+ROWID/i.test(shape.get() ?? '') && this.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'ix_blocks_key'").get() !== undefined) return;
    // Immediate: a second process opening the same folder meanwhile waits for the write lock and
    // then finds the table moved, instead of moving it again.
    this.db.transaction(() => {
      if (/WITHOUT\s+ROWID/i.test(shape.get() ?? '')) this.db.exec(BLOCKS_TABLE);
      this.db.exec(BLOCKS_KEY);
    }).immediate();
  }

  /** Format 1 kept one row per (segment, term) in ix_postings; pack each segment into blocks. */
  private convertPostings(): void {
    if (this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ix_postings'").get() === undefined) return;
    const rows = this.db.prepare<[number], [string, number, Buffer]>('SELECT term, n, data FROM ix_postings WHERE seg = ? ORDER BY term').raw();
    const insert = this.db.prepare('INSERT INTO ix_blocks (seg, first, data) VALUES (?, ?, ?)');
    const segs = this.db.prepare('SELECT seg FROM ix_segs ORDER BY seg').pluck().all() as number[];
    for (const seg of segs) {
      const entries = rows.all(seg).map(([term, n, data]) => ({ term, n, data }));
      for (const b of packBlocks(entries)) insert.run(seg, b.first, b.data);
    }
    this.db.exec('DROP TABLE ix_postings');
  }

  /** Format 1 stored term sequences as text (`title terms | body terms`); rewrite them as hashes. */
  private convertSequences(): void {
    const read = this.db.prepare<[number], { docid: number; terms: unknown }>('SELECT docid, terms FROM ix_text WHERE docid > ? ORDER BY docid LIMIT 1000');
    const write = this.db.prepare('UPDATE ix_text SET terms = ? WHERE docid = ?');
    for (let after = 0; ; ) {
      const rows = read.all(after);
      if (rows.length === 0) return;
      for (const r of rows) {
        after = r.docid;
        if (typeof r.terms !== 'string') continue;
        const words = r.terms.split(' ').filter((w) => w !== '');
        write.run(sequenceBytes(Int32Array.from(words, (w) => (w === '|' ? SEQUENCE_BREAK : termHash(w)))), r.docid);
      }
    }
  }

  private prepare() {
    const db = this.db;
    return {
      liveId: db.prepare<[string], number>('SELECT docid FROM ix_docs WHERE ext_id = ? AND live = 1').pluck(),
      kill: db.prepare('UPDATE ix_docs SET live = 0 WHERE docid = ?'),
      dropText: db.prepare('DELETE FROM ix_text WHERE docid = ?'),
      nextDoc: db.prepare<[], number>('SELECT COALESCE(MAX(docid), 0) + 1 FROM ix_docs').pluck(),
      insertDoc: db.prepare('INSERT INTO ix_docs (docid, ext_id, kind, date, len, live, type) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      insertText: db.prepare('INSERT INTO ix_text (docid, terms, title, text, codec) VALUES (?, ?, ?, ?, ?)'),
      insertBlock: db.prepare('INSERT INTO ix_blocks (seg, first, data) VALUES (?, ?, ?)'),
      insertSeg: db.prepare('INSERT INTO ix_segs (seg, max_doc, level) VALUES (?, ?, ?)'),
      segInfos: db.prepare<[], [number, number, number]>('SELECT seg, max_doc, level FROM ix_segs ORDER BY seg').raw(),
      deleteBlocks: db.prepare('DELETE FROM ix_blocks WHERE seg = ?'),
      deleteSeg: db.prepare('DELETE FROM ix_segs WHERE seg = ?'),
      deadDocs: db.prepare<[number, number], number>('SELECT docid FROM ix_docs WHERE live = 0 AND docid BETWEEN ? AND ?').pluck(),
      segmentBlocks: db.prepare<[number], Buffer>('SELECT data FROM ix_blocks WHERE seg = ? ORDER BY first').pluck(),
      segments: db.prepare<[], number>('SELECT seg FROM ix_segs ORDER BY seg').pluck(),
      blockOf: db.prepare<[number, string], [string, Buffer]>('SELECT first, data FROM ix_blocks WHERE seg = ? AND first <= ? ORDER BY first DESC LIMIT 1').raw(),
      // The block that may hold the first term ≥ `from`, and every block after it before `to`.
      blockRange: db.prepare<[number, number, string, string], [string, Buffer]>(
        `SELECT first, data FROM ix_blocks WHERE seg = ?
           AND first >= COALESCE((SELECT MAX(first) FROM ix_blocks WHERE seg = ? AND first <= ?), '') AND first < ?
         ORDER BY first`,
      ).raw(),
      stateChunks: db.prepare<[], [number, Buffer]>('SELECT chunk, data FROM ix_state').raw(),
      stateChunk: db.prepare<[number], Buffer>('SELECT data FROM ix_state WHERE chunk = ?').pluck(),
      putStateChunk: db.prepare('INSERT OR REPLACE INTO ix_state (chunk, data) VALUES (?, ?)'),
      // Many documents in one statement: one read transaction instead of one per document (a
      // statement outside a transaction takes and drops the WAL's read lock each time): 3.3
      // against 5.5 µs a document for 242 term sequences at 600,000 documents, all cached.
      terms: db.prepare<[string], [number, Buffer]>('SELECT docid, terms FROM ix_text WHERE docid IN (SELECT value FROM json_each(?))').raw(),
      hits: db.prepare<[string], { docid: number; ext_id: string; kind: string; type: string; date: string | null; title: string; text: string | Buffer; codec: number }>(
        `SELECT d.docid, d.ext_id, d.kind, d.type, d.date, t.title, t.text, t.codec FROM ix_docs d JOIN ix_text t ON t.docid = d.docid
         WHERE d.docid IN (SELECT value FROM json_each(?))`,
      ),
      dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
      getMeta: db.prepare<[string], string>('SELECT value FROM ix_meta WHERE key = ?').pluck(),
      setMeta: db.prepare('INSERT INTO ix_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
    };
  }

  async version(): Promise<StorageVersion> {
    // The writer (inside a unit of work) and the read connection count apart: a reader cached
    // for one is never taken for the other's (store/sqlite/read-connection.ts).
    const v = this.s.dataVersion.get()!;
    const onWriter = (this.db as unknown as Record<symbol, (() => boolean) | undefined>)[READS_ON_WRITER];
    return onWriter === undefined || onWriter() ? v : `r${v}`;
  }

  async segments(): Promise<number[]> {
    return this.s.segments.all();
  }

  async blocksOf(segs: readonly number[], terms: readonly string[]): Promise<StoredBlock[]> {
    const out: StoredBlock[] = [];
    for (const seg of segs) {
      const seen = new Set<string>();
      for (const term of terms) {
        const row = this.s.blockOf.get(seg, term);
        if (row === undefined || seen.has(row[0])) continue;
        seen.add(row[0]);
        out.push({ seg, first: row[0], data: row[1] });
      }
    }
    return out;
  }

  async blocksBetween(segs: readonly number[], from: string, to: string): Promise<StoredBlock[]> {
    const out: StoredBlock[] = [];
    for (const seg of segs) for (const [first, data] of this.s.blockRange.all(seg, seg, from, to)) out.push({ seg, first, data });
    return out;
  }

  async stateChunks(): Promise<[number, Uint8Array][]> {
    return this.s.stateChunks.all();
  }

  async termSequences(docids: readonly number[]): Promise<(Uint8Array | undefined)[]> {
    if (docids.length === 0) return [];
    const byDoc = new Map<number, Uint8Array>();
    for (const [docid, terms] of this.s.terms.all(JSON.stringify(docids))) byDoc.set(docid, terms);
    return docids.map((d) => byDoc.get(d));
  }

  async hitRows(docids: readonly number[]): Promise<(HitRow | undefined)[]> {
    if (docids.length === 0) return [];
    const byDoc = new Map<number, HitRow>();
    for (const r of this.s.hits.all(JSON.stringify(docids))) {
      byDoc.set(r.docid, { extId: r.ext_id, kind: r.kind, type: r.type, date: r.date, title: r.title, text: r.text, codec: r.codec });
    }
    return docids.map((d) => byDoc.get(d));
  }

  async getMeta(key: string): Promise<string | null> {
    return this.s.getMeta.get(key) ?? null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    if (this.unit) await this.unit.run(async () => void this.s.setMeta.run(key, value));
    else this.s.setMeta.run(key, value);
  }

  async write<T>(body: (w: SegmentWriter) => WriteSteps<T>): Promise<T> {
    // With the connection's writer: part of the caller's unit of work, or a unit of its own (its
    // `atomic`: no SAVEPOINT, which made a bulk import's statements slower). Without one (a
    // benchmark's bare index): a transaction of its own, a savepoint in one already open.
    if (this.unit) {
      const unit = this.unit;
      return unit.run(async () => unit.atomic(() => runStepsSync(body(this.writer)))());
    }
    return this.db.transaction(() => runStepsSync(body(this.writer)))();
  }

  private makeWriter(): SegmentWriter {
    return {
      liveDocs: (extIds) => {
        const out = new Map<string, number>();
        for (const id of extIds) {
          const doc = this.s.liveId.get(id);
          if (doc !== undefined) out.set(id, doc);
        }
        return out;
      },
      nextDoc: () => this.s.nextDoc.get()!,
      kill: (docids) => {
        for (const d of docids) {
          this.s.kill.run(d);
          this.s.dropText.run(d);
        }
      },
      insertDocs: (rows: readonly NewDocRow[]) => {
        const s = this.s;
        for (const r of rows) {
          s.insertDoc.run(r.docid, r.extId, r.kind, r.date, r.len, r.live ? 1 : 0, r.type);
          if (r.text !== null) s.insertText.run(r.docid, r.text.terms, r.text.title, r.text.text, r.text.codec);
        }
      },
      stateChunks: (chunks) => {
        const out = new Map<number, Uint8Array>();
        for (const c of chunks) {
          const data = this.s.stateChunk.get(c);
          if (data !== undefined) out.set(c, data);
        }
        return out;
      },
      putStateChunks: (chunks) => {
        for (const [chunk, data] of chunks) this.s.putStateChunk.run(chunk, data);
      },
      segmentInfos: (): SegmentInfo[] => this.s.segInfos.all().map(([seg, maxDoc, level]) => ({ seg, maxDoc, level })),
      addSegment: (info: SegmentInfo, blocks: readonly Block[]) => {
        for (const b of blocks) this.s.insertBlock.run(info.seg, b.first, b.data);
        this.s.insertSeg.run(info.seg, info.maxDoc, info.level);
      },
      segmentBlocks: (seg) => this.s.segmentBlocks.all(seg),
      deadDocs: (lo, hi) => this.s.deadDocs.all(lo, hi),
      dropSegments: (segs) => {
        for (const seg of segs) {
          this.s.deleteBlocks.run(seg);
          this.s.deleteSeg.run(seg);
        }
      },
    };
  }
}
