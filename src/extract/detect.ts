// Sniffs what kind of file some bytes are, by content rather than by name.
import type { SourceFormat } from '../domain/index.js';
import { listZipEntries, looksLikeZip } from './zip.js';

const SNIFF_BYTES = 8192;
const DOCX_MAIN_PART = 'word/document.xml';

/**
 * The format of `bytes` by magic numbers: `%PDF` → pdf, a ZIP holding word/document.xml
 * → docx, an HTML start tag near the top → html, a first line that opens a JSON object
 * → ndjson, other non-binary bytes → text. Null for anything else (images, other
 * archives, legacy Office files, binary data); `describeUnsupported` says what it is.
 */
export function detectFormat(bytes: Uint8Array): SourceFormat | null {
  if (isPdf(bytes)) return 'pdf';
  if (looksLikeZip(bytes)) return isDocxZip(bytes) ? 'docx' : null;
  if (binaryKind(bytes) !== null) return null;
  const head = asciiHead(bytes);
  if (/^(?:\s|<!--[\s\S]*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body)[\s>]/i.test(head)) return 'html';
  if (/^\s*\{\s*"/.test(head)) return 'ndjson';
  return 'text';
}

/** MIME type to store and serve for a format. */
export function mimeTypeOf(format: SourceFormat): string {
  switch (format) {
    case 'pdf':
      return 'application/pdf';
    case 'docx':
      return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    case 'html':
      return 'text/html; charset=utf-8';
    case 'text':
      return 'text/plain; charset=utf-8';
    case 'ndjson':
      return 'application/x-ndjson';
  }
}

/** What an unsupported file is, for the error message: "is a PNG image". */
export function describeUnsupported(bytes: Uint8Array): string {
  if (looksLikeZip(bytes)) return 'is a ZIP archive without a Word document (word/document.xml) in it';
  const kind = binaryKind(bytes);
  return kind === null ? 'is not a supported document' : `is ${kind}, not a PDF, Word (.docx), HTML or text document`;
}

/** An Office file wrapped in an OLE2 container that holds an encrypted package (a password-protected .docx). */
export function isEncryptedOfficeFile(bytes: Uint8Array): boolean {
  return isOle2(bytes) && indexOfBytes(bytes, utf16le('EncryptedPackage')) >= 0;
}

function isPdf(bytes: Uint8Array): boolean {
  // Readers accept junk before the header within the first kilobyte, so do we.
  return indexOfBytes(bytes.subarray(0, 1024), [0x25, 0x50, 0x44, 0x46, 0x2d]) >= 0;
}

function isDocxZip(bytes: Uint8Array): boolean {
  try {
    return listZipEntries(bytes).some((e) => e.name === DOCX_MAIN_PART);
  } catch {
    // A damaged archive: the local headers still name its parts. Report it as a broken
    // Word file rather than as an unsupported one.
    return indexOfBytes(bytes, [...new TextEncoder().encode(DOCX_MAIN_PART)]) >= 0;
  }
}

function isOle2(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
}

const MAGIC: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x49, 0x49, 0x2a, 0x00], 'a TIFF image'],
  [[0x4d, 0x4d, 0x00, 0x2a], 'a TIFF image'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x7b, 0x5c, 0x72, 0x74, 0x66], 'an RTF document'],
  [[0x25, 0x21, 0x50, 0x53], 'a PostScript file'],
];

/** A name for a binary file, or null when the bytes could be text. */
function binaryKind(bytes: Uint8Array): string | null {
  if (isOle2(bytes)) {
    return isEncryptedOfficeFile(bytes) ? 'an encrypted Office document' : 'a legacy Office 97-2003 file (.doc)';
  }
  for (const [magic, name] of MAGIC) if (startsWith(bytes, magic)) return name;
  // UTF-16 text has NULs too; let the text decoder give its specific message.
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return null;
  const head = bytes.subarray(0, SNIFF_BYTES);
  let control = 0;
  for (const b of head) {
    if (b === 0) return 'binary data';
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control > head.length * 0.05 ? 'binary data' : null;
}

function asciiHead(bytes: Uint8Array): string {
  const start = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  return new TextDecoder('latin1').decode(bytes.subarray(start, start + 2048));
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

function indexOfBytes(bytes: Uint8Array, needle: number[]): number {
  const first = needle[0];
  outer: for (let i = bytes.indexOf(first ?? 0); i >= 0 && i + needle.length <= bytes.length; i = bytes.indexOf(first ?? 0, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

function utf16le(s: string): number[] {
  return [...s].flatMap((c) => [c.charCodeAt(0), 0]);
}
