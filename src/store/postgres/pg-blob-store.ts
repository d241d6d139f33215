/**
 * The blob store on PostgreSQL: every node reads what any node or worker wrote, and nothing
 * lands on a local disk. A blob is one `blobs` row (size, type, generation) and its bytes in
 * `blob_chunks` rows of BLOB_CHUNK_BYTES each, keyed (blob_key, seq): a download reads one
 * chunk per query, so a request holds one chunk in memory, not the file, and no pooled
 * connection is held between chunks (a slow client does not starve the pool).
 *
 * Overwrites and readers: a write takes the `blobs` row first (an upsert, so concurrent writers
 * of one key queue on its lock) and gives it a new generation; a reader asks for each chunk
 * together with the generation it started with, so a blob replaced mid-download ends the
 * stream with an error instead of splicing two contents. Our keys are versioned paths or
 * content hashes, so a replaced blob is rare by design.
 */
import { Readable } from 'node:stream';
import { BLOB_CHUNK_BYTES, blobKey, chunksOf, type BlobInfo, type BlobStore, type OpenBlob } from '../blob-store.js';
import type { PgDb, PgMigration, PgQueryable } from './connection.js';

const CHUNK = BLOB_CHUNK_BYTES;

/**
 * Namespace `blobs`, after `store`/`files`: its second migration moves every original of the
 * `originals` table (one BYTEA per file, read whole) into chunks under `originals/<hash>`.
 */
export const PG_BLOB_MIGRATIONS: readonly PgMigration[] = [
  `
  CREATE SEQUENCE blob_generations;
  CREATE TABLE blobs (
    blob_key     TEXT PRIMARY KEY,
    size         BIGINT NOT NULL,
    chunks       INTEGER NOT NULL,
    content_type TEXT,
    generation   BIGINT NOT NULL
  );
  CREATE TABLE blob_chunks (
    blob_key TEXT NOT NULL,
    seq      INTEGER NOT NULL,
    bytes    BYTEA NOT NULL,
    PRIMARY KEY (blob_key, seq)
  );
  -- Chunks are already compressed files (PDF, DOCX) or read whole anyway: no TOAST compression.
  ALTER TABLE blob_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;
  `,
  {
    // A database whose `store` namespace is not there (the blob store on its own) has no originals.
    name: 'originals into blobs',
    run: async (tx) => {
      if (!(await tx.query<{ t: string | null }>("SELECT to_regclass('originals')::text AS t")).rows[0]?.t) return;
      // The key of originalBlobKey (blob-store.ts): a sha256 as it is, any other hash hashed.
      const key = (h: string) => `'originals/' || CASE WHEN ${h} ~ '^[0-9a-f]{64}$' THEN ${h} ELSE 'h-' || encode(sha256(convert_to(${h}, 'UTF8')), 'hex') END`;
      await tx.query(`
        INSERT INTO blobs (blob_key, size, chunks, content_type, generation)
        SELECT ${key('content_hash')}, length(bytes), (length(bytes) + ${CHUNK - 1}) / ${CHUNK}, NULL, nextval('blob_generations')
        FROM originals`);
      await tx.query(`
        INSERT INTO blob_chunks (blob_key, seq, bytes)
        SELECT ${key('o.content_hash')}, s, substring(o.bytes FROM s * ${CHUNK} + 1 FOR ${CHUNK})
        FROM originals o, generate_series(0, (length(o.bytes) + ${CHUNK - 1}) / ${CHUNK} - 1) AS s`);
      await tx.query('DROP TABLE originals');
    },
  },
];

const asBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** Up to this size putNew writes a blob in one statement (four chunks); a larger one chunk by chunk. */
const NEW_IN_ONE_STATEMENT = 4 * CHUNK;

export class PgBlobStore implements BlobStore {
  constructor(private readonly db: PgDb) {}

  async put(key: string, data: Uint8Array | AsyncIterable<Uint8Array>, options: { contentType?: string } = {}): Promise<BlobInfo> {
    blobKey(key);
    // On a database bound to a unit of work, in that unit (a version and its original commit together); else a transaction of its own.
    return this.db.atomic(async (db) => {
      await db.q(
        `INSERT INTO blobs (blob_key, size, chunks, content_type, generation) VALUES ($1, 0, 0, $2, nextval('blob_generations'))
         ON CONFLICT (blob_key) DO UPDATE SET size = 0, chunks = 0, content_type = excluded.content_type, generation = excluded.generation`,
        [key, options.contentType ?? null],
      );
      await db.q('DELETE FROM blob_chunks WHERE blob_key = $1', [key]);
      let seq = 0;
      let size = 0;
      for await (const chunk of chunksOf(data)) {
        await db.q('INSERT INTO blob_chunks (blob_key, seq, bytes) VALUES ($1, $2, $3)', [key, seq++, asBuffer(chunk)]);
        size += chunk.byteLength;
      }
      await db.q('UPDATE blobs SET size = $2, chunks = $3 WHERE blob_key = $1', [key, size, seq]);
      return { size, contentType: options.contentType ?? null };
    });
  }

  /**
   * Stores `bytes` under `key` unless a blob is there already, in one statement (its row and its
   * chunks, cut from one parameter by the SQL); false when one was there. For originals under
   * their content hash, which the caller holds the lock of: where put took five round trips
   * with the look-up before it (`has`, the row, the old chunks, each chunk, the size), a
   * single-file import on PostgreSQL took 37 statements. Beyond a few chunks put is used,
   * so no statement carries a large file at once.
   */
  async putNew(key: string, bytes: Uint8Array, options: { contentType?: string } = {}): Promise<boolean> {
    blobKey(key);
    if (bytes.byteLength > NEW_IN_ONE_STATEMENT) {
      if (await this.has(key)) return false;
      await this.put(key, bytes, options);
      return true;
    }
    const starts: number[] = [];
    const lengths: number[] = [];
    for (let at = 0; at < bytes.byteLength; at += CHUNK) {
      starts.push(at + 1);
      lengths.push(Math.min(CHUNK, bytes.byteLength - at));
    }
    const r = await this.db.q(
      `WITH b AS (
         INSERT INTO blobs (blob_key, size, chunks, content_type, generation) VALUES ($1, $2, $3, $4, nextval('blob_generations'))
         ON CONFLICT (blob_key) DO NOTHING RETURNING blob_key
       ), c AS (
         INSERT INTO blob_chunks (blob_key, seq, bytes)
         SELECT b.blob_key, x.n - 1, substring($5::bytea FROM x.s FOR x.l) FROM b, unnest($6::integer[], $7::integer[]) WITH ORDINALITY AS x(s, l, n)
       )
       SELECT count(*)::int AS n FROM b`,
      [key, bytes.byteLength, starts.length, options.contentType ?? null, asBuffer(bytes), starts, lengths],
    );
    return (r.rows[0] as { n: number }).n === 1;
  }

  async open(key: string): Promise<OpenBlob | null> {
    blobKey(key);
    // Inside a unit of work the stream reads with its client (it sees the unit's own writes,
    // and must be read before it ends); otherwise each chunk is a query on the pool.
    const tx = this.db.current;
    const q: PgQueryable = tx ?? this.db.pool;
    const meta = (await q.query<{ size: number; chunks: number; content_type: string | null; generation: number }>(
      'SELECT size, chunks, content_type, generation FROM blobs WHERE blob_key = $1',
      [key],
    )).rows[0];
    if (!meta) return null;
    let seq = 0;
    let sent = 0;
    const stream = new Readable({
      highWaterMark: CHUNK,
      read() {
        if (seq >= meta.chunks) {
          if (sent !== meta.size) this.destroy(new Error(`blob ${key}: ${sent} van de ${meta.size} bytes gelezen`));
          else this.push(null);
          return;
        }
        q.query<{ bytes: Buffer }>(
          `SELECT c.bytes FROM blob_chunks c JOIN blobs b ON b.blob_key = c.blob_key
           WHERE c.blob_key = $1 AND c.seq = $2 AND b.generation = $3`,
          [key, seq, meta.generation],
        ).then(
          (r) => {
            const row = r.rows[0];
            if (!row) return this.destroy(new Error(`blob ${key} is vervangen of verwijderd tijdens het lezen`));
            seq++;
            sent += row.bytes.byteLength;
            this.push(row.bytes);
          },
          (e: Error) => this.destroy(e),
        );
      },
    });
    return { size: meta.size, contentType: meta.content_type, stream };
  }

  async has(key: string): Promise<boolean> {
    blobKey(key);
    return (await this.db.one('SELECT 1 FROM blobs WHERE blob_key = $1', [key])) !== undefined;
  }

  async remove(key: string): Promise<boolean> {
    blobKey(key);
    return this.db.atomic(async (db) => {
      const gone = await db.one('DELETE FROM blobs WHERE blob_key = $1 RETURNING 1', [key]);
      await db.q('DELETE FROM blob_chunks WHERE blob_key = $1', [key]);
      return gone !== undefined;
    });
  }
}
