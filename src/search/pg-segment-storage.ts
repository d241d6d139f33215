// SegmentStorage on PostgreSQL: blocks, state chunks and sequences as bytea, bulk reads by `= ANY`, a generation row for the caches of every web node.

/*
 * Cache validity across nodes: each write sets `ix_generation.gen` to a new value first
 * thing in its transaction; the engine reads it once per query (one primary-key row) and starts afresh
 * when it moved. Chosen over LISTEN/NOTIFY: a notification needs a connection held open per
 * node, is lost while that connection is down (a node would serve stale results until its
 * next write), and is delivered after the commit anyway, so a query right after it could
 * still read the old cache; the row read costs one round trip and is exact.
 *
 * The UPDATE of that row also serialises the index's writers (nodes, workers): a writer
 * reads MAX(docid) and merges segments under the row lock, as SQLite's single writer did.
 */

import { FORMAT, STATE_CODES, stateChunksOf, type StoredDocRow } from './fields.js';
import { PG_SEARCH_MIGRATIONS } from './pg-search-migrations.js';
import {
  runStepsAsync,
  type HitRow,
  type SegmentInfo,
  type SegmentStorage,
  type SegmentWriter,
  type StorageVersion,
  type StoredBlock,
  type WriteSteps,
} from './segment-storage.js';
import { SequenceCache, needleKey } from './sequence-cache.js';
import { TEXT_IN_STORE, isPackedIndexText } from './stored-text.js';

/**
 * What the index needs of a PostgreSQL connection; PgDb (src/store/postgres/connection.ts)
 * is one. `q` runs in the caller's unit of work when there is one, `transaction` joins it.
 */
export interface PgSearchDb {
  /** `sql` as a name and text: a statement prepared once per connection (PgDb.q). */
  q(sql: string | Named, params?: readonly unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** Runs `fn` on this database bound to one transaction (its own, or the unit it is bound to). */
  atomic<T>(fn: (db: PgSearchDb) => Promise<T>): Promise<T>;
  /** Applies a namespace's migrations once (under a lock), in order. */
  migrate(namespace: string, migrations: readonly string[]): Promise<void>;
  /** Whether a statement sent now runs inside a transaction (where it may read rows a rollback takes back). */
  inTransaction?(): boolean;
}

/** A statement with a name: prepared once per connection (PgSearchDb.q). */
interface Named {
  readonly name: string;
  readonly text: string;
}

/** How the document store's texts are read beside hit rows (pg-store.ts: currentTextJoin, joinedTextOf). */
export interface StoreTextJoin {
  /** A join giving `st.store_text` and `st.store_text_exact` for the document id `idExpr`, where `when` holds. */
  sql(idExpr: string, when: string): string;
  /** The text of a row read through it (null: no such document). */
  textOf(row: { store_text?: string | null; store_text_exact?: Buffer | null }): string | null;
}

/** Bytes of blocks sent per INSERT when writing a segment (a merged segment may hold hundreds of MB). */
const INSERT_BYTES = 8 << 20;

const buf = (b: Uint8Array): Buffer => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/**
 * Many byte strings as one parameter: node-postgres sends a Buffer parameter as binary, but
 * an array of them as hex text (twice the bytes, encoded and decoded at both ends). The SQL
 * cuts the pieces back out with `substring(blob FROM start FOR length)` (1-based starts).
 */
function packed(parts: readonly Uint8Array[]): { blob: Buffer; starts: number[]; lengths: number[] } {
  const starts: number[] = [];
  const lengths: number[] = [];
  let at = 1;
  for (const p of parts) {
    starts.push(at);
    lengths.push(p.length);
    at += p.length;
  }
  return { blob: Buffer.concat(parts.map(buf)), starts, lengths };
}

/** The index's tables in a PostgreSQL database (schema: pg-search-migrations.ts); see the note above. */
export class PgSegmentStorage implements SegmentStorage {
  readonly batchReads = true;
  /**
   * @param storeText how hitRows reads the document store's texts in its own statement
   *   (pg-store.ts, currentTextJoin), where the store is in this database; null: it does not
   */
  constructor(
    private readonly db: PgSearchDb,
    private readonly storeText: StoreTextJoin | null = null,
    /** Sequences read before, shared by every search of this node (sequence-cache.ts). */
    readonly sequenceCache: SequenceCache = new SequenceCache(),
  ) {
    const hits = (join: string, columns: string) => `SELECT d.docid, d.ext_id, d.kind, d.type, d.date, t.title, t.body, t.codec${columns}
         FROM ix_docs d JOIN ix_text t ON t.docid = d.docid ${join}
        WHERE d.docid = ANY($1::integer[])`;
    // The reads of every search, prepared once per connection (PgDb.q).
    this.read = {
      version: { name: 'ix_version', text: 'SELECT gen FROM ix_generation' },
      hits: { name: 'ix_hits', text: hits('', '') },
      hitsWithTexts: storeText && {
        name: 'ix_hits_store_texts',
        text: hits(storeText.sql('d.ext_id', `t.codec = ${TEXT_IN_STORE}`), ', st.store_text, st.store_text_exact'),
      },
      sequences: { name: 'ix_sequences', text: 'SELECT docid, terms FROM ix_text WHERE docid = ANY($1::integer[])' },
      sequencesHolding: {
        name: 'ix_sequences_holding',
        text: 'SELECT docid, terms FROM ix_text WHERE docid = ANY($1::integer[]) AND position($2::bytea IN terms) > 0',
      },
      blocksOf: {
        name: 'ix_blocks_of',
        // The keys first (an index probe per segment and term), then each block's bytes once.
        text: `SELECT b.seg, b.first, b.data
         FROM (SELECT DISTINCT s.seg,
                      (SELECT x.first FROM ix_blocks x WHERE x.seg = s.seg AND x.first <= (t.term COLLATE "C") ORDER BY x.first DESC LIMIT 1) AS first
                 FROM unnest($1::integer[]) AS s(seg) CROSS JOIN unnest($2::text[]) AS t(term)) k
         JOIN ix_blocks b ON b.seg = k.seg AND b.first = k.first`,
      },
      blocksBetween: {
        name: 'ix_blocks_between',
        text: `SELECT b.seg, b.first, b.data
         FROM unnest($1::integer[]) AS s(seg)
         JOIN ix_blocks b ON b.seg = s.seg
        WHERE b.first >= COALESCE((SELECT max(x.first) FROM ix_blocks x WHERE x.seg = s.seg AND x.first <= ($2::text COLLATE "C")), '')
          AND b.first < ($3::text COLLATE "C")
        ORDER BY b.seg, b.first`,
      },
    };
  }

  private readonly read: Record<'version' | 'hits' | 'sequences' | 'sequencesHolding' | 'blocksOf' | 'blocksBetween', Named> & { hitsWithTexts: Named | null };

  /** This storage on `db` (a transaction's, see PgSearchDb.atomic); it keeps no sequences (termSequences). */
  private on(db: PgSearchDb): PgSegmentStorage {
    return db === this.db ? this : new PgSegmentStorage(db, this.storeText);
  }

  private async rows<R>(sql: string | Named, params?: readonly unknown[]): Promise<R[]> {
    return (await this.db.q(sql, params)).rows as R[];
  }

  /**
   * Creates the tables (namespace `search`) and marks the stored format; rebuilds the state's
   * chunks when the kinds or types they were coded with changed.
   */
  async migrate(): Promise<void> {
    await this.db.migrate('search', PG_SEARCH_MIGRATIONS);
    const meta = new Map((await this.rows<{ key: string; value: string }>("SELECT key, value FROM ix_meta WHERE key IN ('format', 'state-codes')")).map((r) => [r.key, r.value]));
    if (meta.get('format') === FORMAT && meta.get('state-codes') === STATE_CODES) return;
    await this.db.atomic(async (db) => {
      const s = this.on(db);
      await db.q("UPDATE ix_generation SET gen = nextval('ix_generation_seq')");
      if (meta.has('state-codes')) {
        const docs = await s.rows<StoredDocRow>('SELECT docid, kind, date, len, live, type FROM ix_docs');
        const chunks = stateChunksOf(docs);
        await db.q('DELETE FROM ix_state');
        await s.putChunks(chunks);
      }
      await db.q(
        `INSERT INTO ix_meta (key, value) VALUES ('format', $1), ('state-codes', $2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [FORMAT, STATE_CODES],
      );
    });
  }

  async version(): Promise<StorageVersion> {
    const [r] = await this.rows<{ gen: number | string }>(this.read.version);
    return r?.gen ?? 0;
  }

  async segments(): Promise<number[]> {
    return (await this.rows<{ seg: number }>('SELECT seg FROM ix_segs ORDER BY seg')).map((r) => r.seg);
  }

  async blocksOf(segs: readonly number[], terms: readonly string[]): Promise<StoredBlock[]> {
    if (segs.length === 0 || terms.length === 0) return [];
    return this.rows<StoredBlock>(this.read.blocksOf, [segs, terms]);
  }

  async blocksBetween(segs: readonly number[], from: string, to: string): Promise<StoredBlock[]> {
    if (segs.length === 0) return [];
    return this.rows<StoredBlock>(this.read.blocksBetween, [segs, from, to]);
  }

  async stateChunks(): Promise<[number, Uint8Array][]> {
    return (await this.rows<{ chunk: number; data: Buffer }>('SELECT chunk, data FROM ix_state')).map((r) => [r.chunk, r.data]);
  }

  async termSequences(docids: readonly number[], containing?: Uint8Array): Promise<(Uint8Array | undefined)[]> {
    if (docids.length === 0) return [];
    const cache = this.sequenceCache;
    const key = containing === undefined ? null : needleKey(containing);
    const lacking = key === null ? undefined : cache.lackingOf(key);
    const out: (Uint8Array | undefined)[] = new Array(docids.length);
    const ask: number[] = [];
    for (let i = 0; i < docids.length; i++) {
      const d = docids[i]!;
      const kept = cache.sequence(d);
      if (kept !== undefined) out[i] = kept;
      else if (lacking?.has(d) !== true) ask.push(d);
    }
    if (ask.length === 0) return out;
    // A phrase's bytes looked for on the server: most candidates of a rare phrase stay there.
    const rows = await this.rows<{ docid: number; terms: Buffer }>(
      containing === undefined ? this.read.sequences : this.read.sequencesHolding,
      containing === undefined ? [ask] : [ask, buf(containing)],
    );
    const by = new Map(rows.map((r) => [r.docid, r.terms]));
    // Only what is committed is kept: a transaction may read its own new docids, which a rollback frees for others.
    if (!(this.db.inTransaction?.() ?? true)) {
      for (const r of rows) cache.putSequence(r.docid, r.terms);
      if (key !== null) cache.putLacking(key, ask.filter((d) => !by.has(d)));
    }
    for (let i = 0; i < docids.length; i++) if (out[i] === undefined) out[i] = by.get(docids[i]!);
    return out;
  }

  async hitRows(docids: readonly number[], storeTexts = false): Promise<(HitRow | undefined)[]> {
    if (docids.length === 0) return [];
    const join = storeTexts ? this.storeText : null;
    const rows = await this.rows<{ docid: number; ext_id: string; kind: string; type: string; date: string | null; title: string; body: Buffer; codec: number; store_text?: string | null; store_text_exact?: Buffer | null }>(
      join ? this.read.hitsWithTexts! : this.read.hits,
      [docids],
    );
    const by = new Map<number, HitRow>(
      rows.map((r) => {
        // stored-text.ts reads plain texts as strings and compressed ones as bytes.
        const row: HitRow = { extId: r.ext_id, kind: r.kind, type: r.type, date: r.date, title: r.title, text: isPackedIndexText(r.codec) ? r.body : r.body.toString('utf8'), codec: r.codec };
        if (join && r.codec === TEXT_IN_STORE) row.storeText = join.textOf(r);
        return [r.docid, row];
      }),
    );
    return docids.map((d) => by.get(d));
  }

  async getMeta(key: string): Promise<string | null> {
    const [r] = await this.rows<{ value: string }>('SELECT value FROM ix_meta WHERE key = $1', [key]);
    return r?.value ?? null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db.q('INSERT INTO ix_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  async write<T>(body: (w: SegmentWriter) => WriteSteps<T>): Promise<T> {
    return this.db.atomic(async (db) => {
      // First: every other writer of the index now waits for this transaction (see above).
      await db.q('SELECT gen FROM ix_generation FOR UPDATE');
      const writer = this.on(db).makeWriter();
      const result = await runStepsAsync(body(writer));
      // A write that changed nothing (a removal of what is not indexed) leaves every node's caches.
      if (writer.changed) await db.q("UPDATE ix_generation SET gen = nextval('ix_generation_seq')");
      return result;
    });
  }

  private async putChunks(chunks: readonly (readonly [number, Uint8Array])[]): Promise<void> {
    if (chunks.length === 0) return;
    const data = packed(chunks.map((c) => c[1]));
    await this.db.q(
      `INSERT INTO ix_state (chunk, data)
       SELECT c, substring($2::bytea FROM s FOR l) FROM unnest($1::integer[], $3::integer[], $4::integer[]) AS x(c, s, l)
       ON CONFLICT (chunk) DO UPDATE SET data = excluded.data`,
      [chunks.map((c) => c[0]), data.blob, data.starts, data.lengths],
    );
  }

  /** A write's calls; `changed` once one of them wrote. */
  private makeWriter(): SegmentWriter & { changed: boolean } {
    const w: SegmentWriter & { changed: boolean } = {
      changed: false,
      liveDocs: async (extIds) => {
        if (extIds.length === 0) return new Map();
        const rows = await this.rows<{ ext_id: string; docid: number }>('SELECT ext_id, docid FROM ix_docs WHERE live AND ext_id = ANY($1::text[])', [extIds]);
        return new Map(rows.map((r) => [r.ext_id, r.docid]));
      },
      nextDoc: async () => (await this.rows<{ next: number }>('SELECT COALESCE(max(docid), 0) + 1 AS next FROM ix_docs'))[0]!.next,
      kill: async (docids) => {
        w.changed = true;
        await this.db.q(
          `WITH k AS (UPDATE ix_docs SET live = false WHERE docid = ANY($1::integer[]))
           DELETE FROM ix_text WHERE docid = ANY($1::integer[])`,
          [docids],
        );
      },
      insertDocs: async (rows) => {
        w.changed = true;
        if (rows.length === 0) return;
        const texts = rows.filter((r) => r.text !== null).map((r) => ({ docid: r.docid, ...r.text! }));
        // Each text row's sequence and body, side by side in one binary parameter.
        const bytes = packed(texts.flatMap((t) => [t.terms, typeof t.text === 'string' ? Buffer.from(t.text, 'utf8') : t.text]));
        const at = (i: number, k: number) => [bytes.starts[2 * i + k]!, bytes.lengths[2 * i + k]!];
        await this.db.q(
          `WITH d AS (
             INSERT INTO ix_docs (docid, ext_id, kind, date, len, live, type)
             SELECT * FROM unnest($1::integer[], $2::text[], $3::text[], $4::text[], $5::integer[], $6::boolean[], $7::text[]))
           INSERT INTO ix_text (docid, terms, title, body, codec)
           SELECT id, substring($8::bytea FROM ts FOR tl), title, substring($8::bytea FROM bs FOR bl), codec
             FROM unnest($9::integer[], $10::integer[], $11::integer[], $12::text[], $13::integer[], $14::integer[], $15::smallint[])
                  AS x(id, ts, tl, title, bs, bl, codec)`,
          [
            rows.map((r) => r.docid), rows.map((r) => r.extId), rows.map((r) => r.kind), rows.map((r) => r.date),
            rows.map((r) => r.len), rows.map((r) => r.live), rows.map((r) => r.type),
            bytes.blob,
            texts.map((t) => t.docid), texts.map((_, i) => at(i, 0)[0]), texts.map((_, i) => at(i, 0)[1]), texts.map((t) => t.title),
            texts.map((_, i) => at(i, 1)[0]), texts.map((_, i) => at(i, 1)[1]), texts.map((t) => t.codec),
          ],
        );
      },
      stateChunks: async (chunks) => {
        if (chunks.length === 0) return new Map();
        const rows = await this.rows<{ chunk: number; data: Buffer }>('SELECT chunk, data FROM ix_state WHERE chunk = ANY($1::integer[])', [chunks]);
        return new Map(rows.map((r) => [r.chunk, r.data]));
      },
      putStateChunks: (chunks) => {
        w.changed = true;
        return this.putChunks(chunks);
      },
      segmentInfos: async () =>
        (await this.rows<{ seg: number; max_doc: number; level: number }>('SELECT seg, max_doc, level FROM ix_segs ORDER BY seg')).map((r): SegmentInfo => ({
          seg: r.seg,
          maxDoc: r.max_doc,
          level: r.level,
        })),
      addSegment: async (info, blocks) => {
        w.changed = true;
        for (let at = 0; at < blocks.length; ) {
          let bytes = 0;
          let end = at;
          while (end < blocks.length && (end === at || bytes + blocks[end]!.data.length <= INSERT_BYTES)) bytes += blocks[end++]!.data.length;
          const part = blocks.slice(at, end);
          const data = packed(part.map((b) => b.data));
          await this.db.q(
            `INSERT INTO ix_blocks (seg, first, data)
             SELECT $1, f, substring($3::bytea FROM s FOR l) FROM unnest($2::text[], $4::integer[], $5::integer[]) AS x(f, s, l)`,
            [info.seg, part.map((b) => b.first), data.blob, data.starts, data.lengths],
          );
          at = end;
        }
        await this.db.q('INSERT INTO ix_segs (seg, max_doc, level) VALUES ($1, $2, $3)', [info.seg, info.maxDoc, info.level]);
      },
      segmentBlocks: async (seg) => (await this.rows<{ data: Buffer }>('SELECT data FROM ix_blocks WHERE seg = $1 ORDER BY first', [seg])).map((r) => r.data),
      deadDocs: async (lo, hi) => (await this.rows<{ docid: number }>('SELECT docid FROM ix_docs WHERE NOT live AND docid BETWEEN $1 AND $2', [lo, hi])).map((r) => r.docid),
      dropSegments: async (segs) => {
        w.changed = true;
        await this.db.q('WITH b AS (DELETE FROM ix_blocks WHERE seg = ANY($1::integer[])) DELETE FROM ix_segs WHERE seg = ANY($1::integer[])', [segs]);
      },
    };
    return w;
  }
}
