// The text the index keeps for snippets (ix_text.text): compressed, or not kept at all when the document store has it.

import { type PackedText, textOf, zstdPack } from '../domain/packed-text.js';

export { textOf };

/** As given: every row written before compression, and texts too short to gain. */
export const TEXT_PLAIN = 0;
/** A raw deflate stream (Node's zlib, level 6): rows written before zstd. */
export const TEXT_DEFLATE = 1;
/** Not kept here: a document's text is read from the document store (its current version). */
export const TEXT_IN_STORE = 2;
/**
 * A zstd frame at level 1, as the document store compresses its texts: level 6 deflate was 3 %
 * of a bulk import's writing thread for the promises' and questions' own entries.
 */
export const TEXT_ZSTD = 3;

/** Whether ix_text holds bytes in this codec (else a string, or nothing). */
export function isPackedIndexText(codec: number): boolean {
  return codec === TEXT_ZSTD || codec === TEXT_DEFLATE;
}

/** Below this many bytes compressing saves next to nothing, and every snippet would pay to unpack. */
const MIN_BYTES = 256;

/** What ix_text keeps of a text the index holds itself. */
export function packIndexText(text: string): { text: string | Buffer; codec: number } {
  if (text.length < MIN_BYTES) return { text, codec: TEXT_PLAIN };
  return { text: zstdPack(Buffer.from(text, 'utf8'), 1), codec: TEXT_ZSTD };
}

/**
 * A text as a snippet is cut from it: the string, or its UTF-8 compressed as the index or the
 * document store keeps it (a raw deflate stream, or a zstd frame). Kept compressed until it is
 * cut, so that a web node unpacks a page's texts on its snippet thread, not on the request's: at
 * 600,000 documents inflating them was 8 % of a node's request thread (and a compressed text
 * is the smaller message to send there).
 */
export type CutText = PackedText;

/**
 * The text of an ix_text row, still compressed where it is. `fromStore` reads a document's text
 * from the store; without one (an index opened on its own), such a hit has no snippet rather
 * than a wrong one.
 */
export function unpackIndexText(text: string | Buffer, codec: number, fromStore: (() => CutText | null) | null): CutText {
  if (codec === TEXT_IN_STORE) return fromStore?.() ?? '';
  if (typeof text === 'string') return text;
  if (codec === TEXT_ZSTD) return { zstd: text };
  if (codec === TEXT_DEFLATE) return { deflated: text };
  throw new Error(`index text with unknown codec ${codec}`);
}
