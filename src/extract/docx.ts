// DOCX → text through mammoth, after checking the ZIP container cannot blow up in memory.
import { parseHTML } from 'linkedom';
import type { ExtractedText } from '../domain/index.js';
import { fileError, formatBytes } from './fail.js';
import { htmlToText } from './html-text.js';
import { BrokenZipError, inflateZipEntry, listZipEntries, ZipEntryTooLargeError, type ZipEntry } from './zip.js';

/** Options for extractDocx. */
export interface DocxOptions {
  /** Most bytes the archive may expand to, summed over its entries. */
  maxUnzippedBytes: number;
}

/** Entries at least this large must not compress better than MAX_RATIO. */
const LARGE_ENTRY = 1 << 20;
const MAX_RATIO = 100;

/**
 * Extracts a Word document's text: paragraphs and headings as blocks separated by a
 * blank line, manual line breaks kept, list items and table rows on their own lines.
 * Throws ZIP_BOMB, ENCRYPTED_FILE, CORRUPT_FILE.
 */
export async function extractDocx(bytes: Uint8Array, fileName: string, opts: DocxOptions): Promise<ExtractedText> {
  const parts = checkArchive(bytes, fileName, opts.maxUnzippedBytes);
  const { default: mammoth } = await import('mammoth');
  let result: { value: string; messages: { type: string; message: string }[] };
  try {
    // Through HTML rather than extractRawText, which drops manual line breaks (<w:br/>).
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      // Images are never read (no data URIs to build) and linked files never opened.
      { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })), externalFileAccess: false },
    );
  } catch (e) {
    throw fileError('CORRUPT_FILE', fileName, `is beschadigd en kan niet als Word-document worden gelezen (${(e as Error).message})`, {}, e);
  }
  return {
    format: 'docx',
    text: htmlToText(parseHTML(`<!doctype html><html><body>${result.value}</body></html>`).document.body),
    pages: null,
    title: parts.title,
    warnings: result.messages.map((m) => `Word-document, ${m.type === 'error' ? 'fout' : 'waarschuwing'} van de lezer: ${m.message}`),
  };
}

/**
 * Validates the archive before mammoth (JSZip) sees it: sizes declared in the central
 * directory, then the XML parts actually inflated under a cap, since headers can lie.
 * Returns what the inspection learnt on the way (the declared title).
 */
function checkArchive(bytes: Uint8Array, fileName: string, maxUnzipped: number): { title: string | null } {
  let entries: ZipEntry[];
  try {
    entries = listZipEntries(bytes);
  } catch (e) {
    throw fileError('CORRUPT_FILE', fileName, `is een beschadigd Word-document: ${(e as Error).message}`, {}, e);
  }
  if (entries.some((e) => (e.flags & 1) === 1)) {
    throw fileError('ENCRYPTED_FILE', fileName, 'heeft versleutelde onderdelen; haal het wachtwoord eraf en importeer het opnieuw');
  }
  if (!entries.some((e) => e.name === 'word/document.xml')) {
    throw fileError('CORRUPT_FILE', fileName, 'is een ZIP-archief zonder het hoofddeel van een Word-document (word/document.xml)');
  }
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > maxUnzipped) {
    throw bomb(fileName, `geeft ${formatBytes(declared)} inhoud op, meer dan de grens van ${formatBytes(maxUnzipped)}`);
  }
  for (const e of entries) {
    if (e.uncompressedSize >= LARGE_ENTRY && e.uncompressedSize > MAX_RATIO * Math.max(1, e.compressedSize)) {
      const ratio = Math.round(e.uncompressedSize / Math.max(1, e.compressedSize));
      throw bomb(fileName, `heeft een onderdeel (${e.name}) dat ${ratio}:1 uitpakt tot ${formatBytes(e.uncompressedSize)}`);
    }
  }
  let title: string | null = null;
  // Only the XML parts: mammoth's raw text never opens media.
  for (const e of entries.filter((x) => /\.(xml|rels)$/i.test(x.name))) {
    let data: Uint8Array;
    try {
      data = inflateZipEntry(bytes, e, e.uncompressedSize + 1);
    } catch (err) {
      if (err instanceof ZipEntryTooLargeError) {
        throw bomb(fileName, `heeft een onderdeel (${e.name}) dat groter uitpakt dan de ${formatBytes(e.uncompressedSize)} die het opgeeft`);
      }
      const reason = err instanceof BrokenZipError ? err.message : String(err);
      throw fileError('CORRUPT_FILE', fileName, `is een beschadigd Word-document: ${reason}`, {}, err);
    }
    if (e.name === 'docProps/core.xml') title = coreTitle(new TextDecoder().decode(data));
  }
  return { title };
}

function bomb(fileName: string, reason: string) {
  return fileError('ZIP_BOMB', fileName, `${reason}; het lijkt op een zipbom en is niet geopend`);
}

/** dc:title from docProps/core.xml, entities decoded. */
function coreTitle(xml: string): string | null {
  const m = /<dc:title>([^<]*)<\/dc:title>/.exec(xml);
  const title = m?.[1] ? decodeXmlEntities(m[1]).replace(/\s+/g, ' ').trim() : '';
  return title || null;
}

function decodeXmlEntities(s: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (all, ent: string) => {
    if (ent[0] !== '#') return named[ent.toLowerCase()] ?? all;
    const cp = ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
  });
}
