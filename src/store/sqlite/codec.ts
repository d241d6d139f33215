/**
 * How the store keeps texts and originals small (migration namespace `codec`). Texts,
 * page maps and parsed structures are zstd frames at level 1 (domain/packed-text.ts: as small as
 * deflate level 1 on the synthetic corpus's texts, in 0.30× its time; rows written before it are
 * raw deflate streams at level 1, read as their `codec` says); the data folder stays far
 * inside 1.5× the FTS5 database (1.26× at 600,000 documents with deflate level 6, 1.30× at
 * level 1). An original that is byte for byte its version's text (a plain-text import) is not
 * stored a second time; other originals are compressed when that saves a tenth (PDF and DOCX
 * are compressed already, so they mostly stay as they came).
 *
 * Reading never needs to know when a row was written: a string is plain text (every row
 * written before compression), a BLOB is compressed with its row's `codec`.
 */
import { inflateRawSync } from 'node:zlib';
import type { NewVersion, PackedVersion } from '../store.js';
import { zstdPack, zstdUnpack } from '../../domain/packed-text.js';
import type { Migration, SqliteDb } from './connection.js';

/** The row's values are as they were given (rows written before compression). */
export const CODEC_PLAIN = 0;
/** BLOB values are raw deflate streams (rows written before zstd; still read). */
export const CODEC_DEFLATE = 1;
/** An original whose bytes are its version's text in UTF-8: nothing stored, derived on reading. */
export const CODEC_SAME_AS_TEXT = 2;
/** BLOB values are zstd frames: what every row is written with now. */
export const CODEC_ZSTD = 3;

const LEVEL = 1;
/** Originals (file imports: rarer, larger, often compressed already) get zstd's default level. */
const ORIGINAL_LEVEL = 3;
/** Bytes of an original tried before compressing it whole: enough to tell text from a zip. */
const SAMPLE = 64 * 1024;

/** A text as the store writes it now, in codec CODEC_ZSTD. */
export function packText(text: string): Buffer {
  return zstdPack(Buffer.from(text, 'utf8'), LEVEL);
}

/** The form packVersion makes (SqliteStore.packedForm): each part a zstd frame at LEVEL, the row's codec CODEC_ZSTD. */
export const PACKED_FORM = 'zstd-1';

/** A version's text, page map and structure (as JSON) as the store keeps them. */
export function packVersion(v: Pick<NewVersion, 'text' | 'pages' | 'structure'>): PackedVersion {
  return {
    form: PACKED_FORM,
    text: packText(v.text),
    pages: v.pages ? packText(JSON.stringify(v.pages)) : null,
    structure: packText(JSON.stringify(v.structure)),
  };
}

/** A stored text, page map or structure as its string (null stays null). */
export function unpackText(value: string | Buffer | null, codec: number): string | null {
  if (value === null || typeof value === 'string') return value;
  if (codec === CODEC_ZSTD) return zstdUnpack(value).toString('utf8');
  if (codec === CODEC_DEFLATE) return inflateRawSync(value).toString('utf8');
  throw new Error(`stored value with unknown codec ${codec}`);
}

/** What to store of an original given the text extracted from it (null: no text to derive it from). */
export function packOriginal(original: Uint8Array, text: string | null): { bytes: Buffer; codec: number } {
  const b = Buffer.from(original.buffer, original.byteOffset, original.byteLength);
  if (text !== null && b.length === Buffer.byteLength(text) && b.equals(Buffer.from(text, 'utf8'))) return { bytes: Buffer.alloc(0), codec: CODEC_SAME_AS_TEXT };
  const pays = (raw: Buffer, packed: Buffer) => packed.length <= 0.9 * raw.length;
  if (b.length > SAMPLE && !pays(b.subarray(0, SAMPLE), zstdPack(b.subarray(0, SAMPLE), 1))) return { bytes: b, codec: CODEC_PLAIN };
  const packed = zstdPack(b, ORIGINAL_LEVEL);
  return pays(b, packed) ? { bytes: packed, codec: CODEC_ZSTD } : { bytes: b, codec: CODEC_PLAIN };
}

/** The original's bytes; `text` gives its version's text, asked only when the original is that text. */
export function unpackOriginal(bytes: Buffer, codec: number, text: () => string | null): Buffer | null {
  if (codec === CODEC_PLAIN) return bytes;
  if (codec === CODEC_ZSTD) return zstdUnpack(bytes);
  if (codec === CODEC_DEFLATE) return inflateRawSync(bytes);
  if (codec === CODEC_SAME_AS_TEXT) {
    const t = text();
    return t === null ? null : Buffer.from(t, 'utf8');
  }
  throw new Error(`stored original with unknown codec ${codec}`);
}

/**
 * Compresses what a database written before compression holds, a batch of rows at a time:
 * the versions' texts, page maps and structures, then the originals.
 */
function compressStoredRows(db: SqliteDb): void {
  const versions = db.prepare<[number], { rowid: number; text: string | Buffer; pages: string | Buffer | null; structure: string | Buffer; codec: number }>(
    'SELECT rowid, text, pages, structure, codec FROM versions WHERE rowid > ? AND codec = 0 ORDER BY rowid LIMIT 500',
  );
  const writeVersion = db.prepare('UPDATE versions SET text = ?, pages = ?, structure = ?, codec = ? WHERE rowid = ?');
  for (let after = 0; ; ) {
    const rows = versions.all(after);
    if (rows.length === 0) break;
    for (const r of rows) {
      after = r.rowid;
      const pages = unpackText(r.pages, r.codec);
      writeVersion.run(packText(unpackText(r.text, r.codec)!), pages === null ? null : packText(pages), packText(unpackText(r.structure, r.codec)!), CODEC_ZSTD, r.rowid);
    }
  }
  const originals = db.prepare<[number], { rowid: number; content_hash: string; bytes: Buffer }>(
    'SELECT rowid, content_hash, bytes FROM originals WHERE rowid > ? AND codec = 0 ORDER BY rowid LIMIT 100',
  );
  const textOf = db.prepare<[string], { text: string | Buffer; codec: number }>('SELECT text, codec FROM versions WHERE content_hash = ? LIMIT 1');
  const writeOriginal = db.prepare('UPDATE originals SET bytes = ?, codec = ? WHERE rowid = ?');
  for (let after = 0; ; ) {
    const rows = originals.all(after);
    if (rows.length === 0) break;
    for (const r of rows) {
      after = r.rowid;
      const v = textOf.get(r.content_hash);
      const packed = packOriginal(r.bytes, v ? unpackText(v.text, v.codec) : null);
      if (packed.codec !== CODEC_PLAIN) writeOriginal.run(packed.bytes, packed.codec, r.rowid);
    }
  }
}

/** Append only: a released migration is never edited. */
export const CODEC_MIGRATIONS: readonly Migration[] = [
  `
  -- How a row's BLOB values are compressed (codec.ts); 0 for rows written before.
  ALTER TABLE versions ADD COLUMN codec INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE originals ADD COLUMN codec INTEGER NOT NULL DEFAULT 0;
  `,
  { name: 'compress-stored-rows', run: compressStoredRows },
];
