// Plain text: strict UTF-8 decoding with the offset of the first bad byte when it fails.
import { fileError } from './fail.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decodes strict UTF-8, drops a BOM and turns CRLF (and lone CR) into LF; nothing else
 * changes. Throws NOT_UTF8 with the byte offset and line of the first invalid sequence.
 */
export function decodeUtf8Text(bytes: Uint8Array, fileName: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe || bytes[0] === 0xfe && bytes[1] === 0xff) {
    throw fileError('NOT_UTF8', fileName, 'is in UTF-16 gecodeerd; sla het op als UTF-8 en importeer het opnieuw', { offset: 0 });
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch (cause) {
    const offset = firstInvalidUtf8Offset(bytes) ?? 0;
    const line = lineAt(bytes, offset);
    throw fileError(
      'NOT_UTF8',
      fileName,
      `is geen geldige UTF-8: byte ${offset} (regel ${line}) is 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')}; ` +
        'waarschijnlijk is het Latin-1/Windows-1252-tekst: sla het op als UTF-8 en importeer het opnieuw',
      { offset, line },
      cause,
    );
  }
  return normaliseNewlines(text);
}

/** CRLF and lone CR become LF. */
export function normaliseNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * Offset of the first byte that starts an invalid UTF-8 sequence (overlong forms,
 * surrogates and code points past U+10FFFF included), or null when all is valid.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number | null {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let min: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      len = 2;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      // E0 needs A0.. (no overlong), ED needs ..9F (no surrogates).
      min = b === 0xe0 ? 0xa0 : 0x80;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      min = b === 0xf0 ? 0x90 : 0x80;
      if (b === 0xf4) max = 0x8f;
    } else {
      return i;
    }
    if (i + len > n) return i;
    const second = bytes[i + 1]!;
    if (second < min || second > max) return i;
    for (let k = 2; k < len; k++) {
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += len;
  }
  return null;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
