/**
 * The blob-store port: files every node must be able to read (the Kamer's downloaded files,
 * document originals on PostgreSQL), written once by whichever process fetched them and read
 * as streams by any node. Implementations: a folder (SQLite's data folder, as before:
 * `folder-blob-store.ts`) and PostgreSQL chunk rows (`postgres/pg-blob-store.ts`).
 *
 * Keys are built by our own code from our own ids and hashes (`files/Verslag/ab/<guid>.v2.xml`,
 * `originals/<sha256>`): nothing a feed or a file says decides a key, and `blobKey` refuses
 * anything that could leave a folder (`..`, a leading `/` or `.`, a backslash, a NUL).
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

/** Bytes per chunk: a PostgreSQL row, a read from disk, and the memory one download holds at a time. */
export const BLOB_CHUNK_BYTES = 256 * 1024;

export interface BlobInfo {
  /** Bytes in the blob. */
  size: number;
  /** As given to `put`; null when none was (the folder keeps none: callers know their files' types). */
  contentType: string | null;
}

/** An opened blob: its stream of bytes (read it, or destroy it) and what it is. */
export interface OpenBlob extends BlobInfo {
  stream: Readable;
}

export interface BlobStore {
  /**
   * Stores `data` under `key`, replacing what was there: a reader sees the old blob or all
   * of the new, never a part. Joins the caller's unit of work where the backend has one
   * (PostgreSQL: rolled back with it); the folder writes a temporary file and renames it.
   */
  put(key: string, data: Uint8Array | AsyncIterable<Uint8Array>, options?: { contentType?: string }): Promise<BlobInfo>;
  /** The blob as a stream, read a chunk at a time; null when there is none. */
  open(key: string): Promise<OpenBlob | null>;
  has(key: string): Promise<boolean>;
  /** Removes the blob; false when there was none. */
  remove(key: string): Promise<boolean>;
}

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * `key` when it is one of ours: segments of letters, digits, `.`, `_` and `-` joined by `/`,
 * none starting with a dot (so no `..`, no hidden or temporary files); throws otherwise.
 */
export function blobKey(key: string): string {
  if (key.length === 0 || key.length > 512 || !key.split('/').every((s) => SEGMENT.test(s))) {
    throw new RangeError(`ongeldige bestandssleutel ${JSON.stringify(key.slice(0, 80))}`);
  }
  return key;
}

/**
 * Where a document original with this content hash is kept: `originals/<sha256 hex>` for the
 * hashes the pipeline computes; any other string the store was given (the store treats the
 * hash as opaque) is hashed once more, so a key never carries characters of its own
 * (pg-blob-store.ts's migration computes the same in SQL).
 */
export function originalBlobKey(contentHash: string): string {
  const name = /^[0-9a-f]{64}$/.test(contentHash) ? contentHash : `h-${createHash('sha256').update(contentHash, 'utf8').digest('hex')}`;
  return blobKey(`originals/${name}`);
}

/**
 * The whole blob in memory, for work that must parse all of it anyway (a report's XML, a
 * file imported again): never for serving a download, which streams `open` instead.
 */
export async function readBlob(blobs: BlobStore, key: string): Promise<Uint8Array | null> {
  const b = await blobs.open(key);
  if (!b) return null;
  const out = new Uint8Array(b.size);
  let at = 0;
  for await (const chunk of b.stream as AsyncIterable<Uint8Array>) {
    if (at + chunk.byteLength > out.byteLength) {
      b.stream.destroy();
      throw new Error(`blob ${key} is groter dan de ${b.size} bytes die het zou hebben`);
    }
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  if (at !== out.byteLength) throw new Error(`blob ${key} heeft ${at} van de ${b.size} bytes`);
  return out;
}

/** `data` as chunks of at most `size` bytes (a Uint8Array is sliced without copying). */
export async function* chunksOf(data: Uint8Array | AsyncIterable<Uint8Array>, size = BLOB_CHUNK_BYTES): AsyncGenerator<Uint8Array> {
  if (data instanceof Uint8Array) {
    for (let i = 0; i < data.byteLength; i += size) yield data.subarray(i, Math.min(i + size, data.byteLength));
    return;
  }
  // A stream's pieces come in any size: gather them into full chunks.
  let buf = new Uint8Array(size);
  let fill = 0;
  for await (const piece of data) {
    let at = 0;
    while (at < piece.byteLength) {
      const n = Math.min(size - fill, piece.byteLength - at);
      buf.set(piece.subarray(at, at + n), fill);
      fill += n;
      at += n;
      if (fill === size) {
        yield buf;
        buf = new Uint8Array(size);
        fill = 0;
      }
    }
  }
  if (fill > 0) yield buf.subarray(0, fill);
}

/**
 * Bytes already in memory as an opened blob (SQLite's originals, see sqlite-store.ts): the
 * same shape as a streamed one, handed out in chunks.
 */
export function blobOfBytes(bytes: Uint8Array, contentType: string | null = null): OpenBlob {
  return { size: bytes.byteLength, contentType, stream: Readable.from(chunksOf(bytes), { objectMode: false }) };
}
