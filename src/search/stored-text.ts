// The text the index keeps for snippets (ix_text.text): deflated, or not kept at all when the document store has it.

import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { Decompressor } from 'zstd-napi';

/** As given: every row written before compression, and texts too short to gain. */
export const TEXT_PLAIN = 0;
/** A raw deflate stream (Node's zlib, level 6), as the document store compresses its texts. */
export const TEXT_DEFLATE = 1;
/** Not kept here: a document's text is read from the document store (its current version). */
export const TEXT_IN_STORE = 2;

/** Below this many bytes deflate saves next to nothing, and every snippet would pay to inflate. */
const MIN_BYTES = 256;

/** What ix_text keeps of a text the index holds itself. */
export function packIndexText(text: string): { text: string | Buffer; codec: number } {
  if (text.length < MIN_BYTES) return { text, codec: TEXT_PLAIN };
  return { text: deflateRawSync(Buffer.from(text, 'utf8'), { level: 6 }), codec: TEXT_DEFLATE };
}

/**
 * A text as a snippet is cut from it: the string, or its UTF-8 compressed as the index or the
 * document store keeps it (a raw deflate stream, or a zstd frame). Kept compressed until it is
 * cut, so that a web node unpacks a page's texts on its snippet thread, not on the request's: at
 * 600,000 documents inflating them was 8 % of a node's request thread (and a compressed text
 * is the smaller message to send there).
 */
export type CutText = string | { deflated: Uint8Array } | { zstd: Uint8Array };

/** One per thread (a snippet worker has its own), reused: a context per text would cost more than a small one takes. */
let zstd: Decompressor | null = null;

/** The string of a CutText. */
export function textOf(t: CutText): string {
  if (typeof t === 'string') return t;
  if ('zstd' in t) return (zstd ??= new Decompressor()).decompress(t.zstd).toString('utf8');
  return inflateRawSync(t.deflated).toString('utf8');
}

/**
 * The text of an ix_text row, still deflated where it is. `fromStore` reads a document's text
 * from the store; without one (an index opened on its own), such a hit has no snippet rather
 * than a wrong one.
 */
export function unpackIndexText(text: string | Buffer, codec: number, fromStore: (() => CutText | null) | null): CutText {
  if (codec === TEXT_IN_STORE) return fromStore?.() ?? '';
  if (typeof text === 'string') return text;
  if (codec === TEXT_DEFLATE) return { deflated: text };
  throw new Error(`index text with unknown codec ${codec}`);
}
