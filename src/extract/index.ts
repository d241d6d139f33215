/**
 * extract: file bytes → clean text with page map. PROVISIONAL stub until the extractors land.
 */
import { KamerlensError, type ExtractedText } from '../domain/index.js';

export interface ExtractOptions {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
}

export async function extractFile(bytes: Uint8Array, fileName: string, _opts: ExtractOptions): Promise<ExtractedText> {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  if (!text.trim()) throw new KamerlensError('EMPTY_DOCUMENT', undefined, { file: fileName });
  return { format: 'text', text, pages: null, title: null, warnings: [] };
}
