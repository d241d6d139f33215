// The text the index keeps for snippets (ix_text.text): deflated, or not kept at all when the document store has it.

import { deflateRawSync, inflateRawSync } from 'node:zlib';

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
 * The text of an ix_text row. `fromStore` reads a document's text from the store; without
 * one (an index opened on its own), such a hit has no snippet rather than a wrong one.
 */
export function unpackIndexText(text: string | Buffer, codec: number, fromStore: (() => string | null) | null): string {
  if (codec === TEXT_IN_STORE) return fromStore?.() ?? '';
  if (typeof text === 'string') return text;
  if (codec === TEXT_DEFLATE) return inflateRawSync(text).toString('utf8');
  throw new Error(`index text with unknown codec ${codec}`);
}
