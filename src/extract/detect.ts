// Sniffs what kind of file some bytes are, by content rather than by name.
import type { SourceFormat } from '../domain/index.js';
import { listZipEntries, looksLikeZip } from './zip.js';

const SNIFF_BYTES = 8192;
const DOCX_MAIN_PART = 'word/document.xml';

/**
 * The format of `bytes` by magic numbers: `%PDF` → pdf, a ZIP holding word/document.xml
 * → docx, an OLE2 container with a WordDocument stream (magic D0 CF 11 E0) → doc, an
 * HTML start tag near the top → html, an officielebekendmakingen publication
 * (`<officiele-publicatie>`) → xml, a first line that opens a JSON object → ndjson,
 * other non-binary bytes → text. Null for anything else (images, other archives, Excel
 * and PowerPoint 97-2003, encrypted Office files, binary data); `describeUnsupported`
 * says what it is.
 */
export function detectFormat(bytes: Uint8Array): SourceFormat | null {
  if (isPdf(bytes)) return 'pdf';
  if (looksLikeZip(bytes)) return isDocxZip(bytes) ? 'docx' : null;
  if (isOle2(bytes)) return isWordOle2(bytes) && !isEncryptedOfficeFile(bytes) ? 'doc' : null;
  if (binaryKind(bytes) !== null) return null;
  const head = asciiHead(bytes);
  if (/^(?:\s|<!--[\s\S]*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body)[\s>]/i.test(head)) return 'html';
  if (/^(?:\s|<\?xml[^>]*>|<!--[\s\S]*?-->)*<officiele-publicatie[\s>]/.test(head)) return 'xml';
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
    case 'doc':
      return 'application/msword';
    case 'html':
      return 'text/html; charset=utf-8';
    case 'xml':
      return 'application/xml; charset=utf-8';
    case 'text':
      return 'text/plain; charset=utf-8';
    case 'ndjson':
      return 'application/x-ndjson';
  }
}

/** What an unsupported file is, for the error message: "is a PNG image". */
export function describeUnsupported(bytes: Uint8Array): string {
  if (looksLikeZip(bytes)) return 'is een ZIP-archief zonder Word-document (word/document.xml) erin';
  const kind = binaryKind(bytes);
  return kind === null ? 'is geen ondersteund document' : `is ${kind}, geen PDF-, Word- (.docx of .doc), HTML- of tekstdocument`;
}

/**
 * An Office file wrapped in an OLE2 container that holds an encrypted package (a
 * password-protected .docx), or a Word 97-2003 file whose FIB has fEncrypted set.
 */
export function isEncryptedOfficeFile(bytes: Uint8Array): boolean {
  if (!isOle2(bytes)) return false;
  if (indexOfBytes(bytes, utf16le('EncryptedPackage')) >= 0) return true;
  const fib = wordFibOffset(bytes);
  return fib >= 0 && ((bytes[fib + 11] ?? 0) & 0x01) === 0x01;
}

/**
 * An OLE2 container taken for a Word 97-2003 file: one whose directory names a WordDocument
 * stream, or one whose directory cannot be seen at all (a truncated file: the reader then
 * says it is damaged) — but not an Excel workbook or a PowerPoint deck.
 */
function isWordOle2(bytes: Uint8Array): boolean {
  if (indexOfBytes(bytes, utf16le('WordDocument')) >= 0) return true;
  return !['Workbook', 'Book', 'PowerPoint Document'].some((name) => indexOfBytes(bytes, utf16le(name)) >= 0);
}

/**
 * Where the Word stream's FIB starts: the WordDocument stream is large enough to live in
 * ordinary 512-byte sectors, so its header (wIdent 0xA5EC) opens a sector. -1 if not found.
 */
function wordFibOffset(bytes: Uint8Array): number {
  for (let off = 512; off + 12 <= bytes.length; off += 512) {
    if (bytes[off] === 0xec && bytes[off + 1] === 0xa5) return off;
  }
  return -1;
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
  [[0x89, 0x50, 0x4e, 0x47], 'een PNG-afbeelding'],
  [[0xff, 0xd8, 0xff], 'een JPEG-afbeelding'],
  [[0x47, 0x49, 0x46, 0x38], 'een GIF-afbeelding'],
  [[0x49, 0x49, 0x2a, 0x00], 'een TIFF-afbeelding'],
  [[0x4d, 0x4d, 0x00, 0x2a], 'een TIFF-afbeelding'],
  [[0x1f, 0x8b], 'een gzip-archief'],
  [[0x7b, 0x5c, 0x72, 0x74, 0x66], 'een RTF-document'],
  [[0x25, 0x21, 0x50, 0x53], 'een PostScript-bestand'],
];

/** A name for a binary file, or null when the bytes could be text. */
function binaryKind(bytes: Uint8Array): string | null {
  if (isOle2(bytes)) {
    if (isEncryptedOfficeFile(bytes)) return 'een versleuteld Office-document';
    return isWordOle2(bytes) ? 'een Word 97-2003-document (.doc)' : 'een Excel- of PowerPoint-bestand (Office 97-2003)';
  }
  for (const [magic, name] of MAGIC) if (startsWith(bytes, magic)) return name;
  // UTF-16 text has NULs too; let the text decoder give its specific message.
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return null;
  const head = bytes.subarray(0, SNIFF_BYTES);
  let control = 0;
  for (const b of head) {
    if (b === 0) return 'binaire data';
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control > head.length * 0.05 ? 'binaire data' : null;
}

function asciiHead(bytes: Uint8Array): string {
  // A BOM, or one that was itself double-encoded ("ï»¿" saved as UTF-8).
  const start = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : startsWith(bytes, [0xc3, 0xaf, 0xc2, 0xbb, 0xc2, 0xbf]) ? 6 : 0;
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
