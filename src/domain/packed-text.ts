/**
 * Texts kept compressed, by the document store and by the search index: one home for the
 * forms a stored text takes, so that either can hand a text still compressed to the other's
 * reader (a snippet is cut from the store's text on the search's snippet thread).
 *
 * Zstandard, through zstd-napi (the reference C library behind Node-API; Node 20's zlib has no
 * zstd). On the synthetic corpus's texts, level 1 makes streams as small as deflate level 1
 * (2.11 against 2.13 times smaller) in 0.30× its time, and reads them back in 0.35× inflate's:
 * compressing was an eighth of the importer's thread, and inflating is on every snippet.
 *
 * One context per level and thread, reused: a context per call would cost more than small
 * texts take to compress. Calls are synchronous, so a context is never shared by two calls.
 */
import { inflateRawSync } from 'node:zlib';
import { Compressor, Decompressor } from 'zstd-napi';

const compressors = new Map<number, Compressor>();
let decompressor: Decompressor | null = null;

/** `bytes` as one zstd frame (its content size in the header) at `level`. */
export function zstdPack(bytes: Uint8Array, level: number): Buffer {
  let c = compressors.get(level);
  if (!c) {
    c = new Compressor();
    c.setParameters({ compressionLevel: level });
    compressors.set(level, c);
  }
  return c.compress(bytes);
}

/** The bytes of a zstd frame zstdPack made. */
export function zstdUnpack(packed: Uint8Array): Buffer {
  decompressor ??= new Decompressor();
  return decompressor.decompress(packed);
}

/** A text as it is kept: the string, or its UTF-8 as a raw deflate stream (older rows) or a zstd frame. */
export type PackedText = string | { deflated: Uint8Array } | { zstd: Uint8Array };

/** The string of a PackedText. */
export function textOf(t: PackedText): string {
  if (typeof t === 'string') return t;
  if ('zstd' in t) return zstdUnpack(t.zstd).toString('utf8');
  return inflateRawSync(t.deflated).toString('utf8');
}
