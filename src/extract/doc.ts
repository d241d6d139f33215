// Legacy Word (.doc, Word 97-2003) → text through word-extractor: pure JS, reads the OLE2
// container itself, so nothing has to be installed beside Node (the feed still serves older
// Kamerstukken this way).
import type { ExtractedText } from '../domain/index.js';
import { fileError } from './fail.js';

/**
 * Extracts a .doc file's body text, then its footnotes and endnotes. Word writes table
 * cells separated by tabs (the Kamer's own templates put the dossier number, the title and
 * "Nr. 17" in table cells); each cell becomes a line of its own, as a DOCX table row does.
 * Throws CORRUPT_FILE when the container or the Word stream cannot be read.
 */
export async function extractDoc(bytes: Uint8Array, fileName: string): Promise<ExtractedText> {
  const { default: WordExtractor } = await import('word-extractor');
  let body: string;
  let notes: string;
  try {
    const doc = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    body = doc.getBody();
    notes = [doc.getFootnotes(), doc.getEndnotes()].join('\n');
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw fileError('CORRUPT_FILE', fileName, `is een beschadigd Word 97-2003-document (.doc) en kan niet worden gelezen (${detail})`, {}, e);
  }
  const text = [docText(body), docText(notes)].filter((t) => t !== '').join('\n\n');
  return { format: 'doc', text, pages: null, title: null, warnings: [] };
}

/**
 * Word's paragraph text as blocks: one block per paragraph or table cell, separated by a
 * blank line (what the DOCX reader gives), runs of spaces collapsed, empty cells dropped.
 */
export function docText(raw: string): string {
  const blocks: string[] = [];
  for (const line of raw.replace(/\r\n?/g, '\n').split('\n')) {
    for (const cell of line.split('\t')) {
      const t = cell.replace(/[ \u00a0]{2,}/g, ' ').trim();
      if (t !== '') blocks.push(t);
    }
  }
  return blocks.join('\n\n');
}
