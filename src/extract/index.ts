// extract: file bytes → clean text with a page map, dispatched on what the bytes are.
import type { ExtractedText } from '../domain/index.js';
import { describeUnsupported, detectFormat, isEncryptedOfficeFile } from './detect.js';
import { extractDoc } from './doc.js';
import { extractDocx } from './docx.js';
import { fileError, formatBytes } from './fail.js';
import { extractHtml } from './html.js';
import { extractOfficialXml } from './ob-xml.js';
import { extractPdf } from './pdf.js';
import { decodeUtf8Text } from './text.js';
import { stripWebChrome } from './web-chrome.js';
import { listZipEntries, looksLikeZip } from './zip.js';

export { describeUnsupported, detectFormat, mimeTypeOf } from './detect.js';
export { parseNdjsonLine, readNdjson, readNdjsonStream, type NdjsonItem, type NdjsonStreamOptions } from './ndjson.js';
export { layoutPageLines, type TextRun } from './pdf-layout.js';
export { removeRunningLines, type RunningLineOptions } from './running-lines.js';

export interface ExtractOptions {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Most a DOCX archive may expand to, in bytes. Default 200 MB. */
  maxUnzippedBytes?: number;
  /** Longest a PDF may take to read before it is given up as damaged, in ms. Default 60 s. */
  pdfTimeoutMs?: number;
}

const DEFAULT_MAX_UNZIPPED = 200 * 1024 * 1024;
const DEFAULT_PDF_TIMEOUT_MS = 60_000;

/**
 * Extracts the text of one file, choosing the reader by the file's bytes (the name is
 * only used in messages): PDF, DOCX, legacy Word .doc, HTML or UTF-8 text. Every failure is a
 * KamerlensError whose message names the file: FILE_TOO_LARGE, UNSUPPORTED_FORMAT,
 * CORRUPT_FILE, ENCRYPTED_FILE, NO_TEXT_LAYER, ZIP_BOMB, NOT_UTF8, EMPTY_DOCUMENT.
 * NDJSON bulk files are refused here: read them with readNdjson / readNdjsonStream.
 */
export async function extractFile(bytes: Uint8Array, fileName: string, opts: ExtractOptions): Promise<ExtractedText> {
  if (bytes.byteLength > opts.maxBytes) {
    throw fileError('FILE_TOO_LARGE', fileName, `is ${formatBytes(bytes.byteLength)}, groter dan de grens van ${formatBytes(opts.maxBytes)}`, {
      size: bytes.byteLength,
      limit: opts.maxBytes,
    });
  }
  const result = await extractByFormat(bytes, fileName, opts);
  if (result.text.trim() === '') {
    throw fileError('EMPTY_DOCUMENT', fileName, bytes.byteLength === 0 ? 'is leeg (0 bytes)' : 'bevat geen tekst');
  }
  return result;
}

async function extractByFormat(bytes: Uint8Array, fileName: string, opts: ExtractOptions): Promise<ExtractedText> {
  const format = detectFormat(bytes);
  switch (format) {
    case 'pdf':
      return extractPdf(bytes, fileName, { timeoutMs: opts.pdfTimeoutMs ?? DEFAULT_PDF_TIMEOUT_MS });
    case 'docx':
      return extractDocx(bytes, fileName, { maxUnzippedBytes: opts.maxUnzippedBytes ?? DEFAULT_MAX_UNZIPPED });
    case 'doc':
      return extractDoc(bytes, fileName);
    case 'html': {
      const html = await extractHtml(bytes, fileName);
      return { ...html, text: stripWebChrome(html.text) };
    }
    case 'xml':
      return extractOfficialXml(bytes, fileName);
    case 'text':
      return { format: 'text', text: stripWebChrome(decodeUtf8Text(bytes, fileName)), pages: null, title: null, warnings: [] };
    case 'ndjson':
      throw fileError('UNSUPPORTED_FORMAT', fileName, 'is een NDJSON-bulkbestand (één record per regel); importeer het als bulkbestand met kamerlens import');
    case null:
      throw unsupported(bytes, fileName);
  }
}

function unsupported(bytes: Uint8Array, fileName: string) {
  if (isEncryptedOfficeFile(bytes)) {
    return fileError('ENCRYPTED_FILE', fileName, 'is een met een wachtwoord beveiligd Office-document; haal het wachtwoord eraf en importeer het opnieuw');
  }
  if (looksLikeZip(bytes)) {
    try {
      listZipEntries(bytes);
    } catch (e) {
      return fileError('CORRUPT_FILE', fileName, `is een beschadigd ZIP-archief: ${(e as Error).message}`, {}, e);
    }
  }
  return fileError('UNSUPPORTED_FORMAT', fileName, describeUnsupported(bytes));
}
