/**
 * Documents as stored: a document has versions; each version has the extracted text,
 * its page map and the parsed structure.
 */
import type { DocumentKind, ParsedDocument } from './structure.js';

export type SourceFormat = 'pdf' | 'docx' | 'doc' | 'html' | 'xml' | 'text' | 'ndjson';

/** A page's character range [start, end) in the extracted text. Pages count from 1. */
export interface PageSpan {
  page: number;
  start: number;
  end: number;
}

/** What extraction yields for one file (or one NDJSON record). */
export interface ExtractedText {
  format: SourceFormat;
  text: string;
  /** Null when the format has no pages (HTML, text, DOCX). */
  pages: PageSpan[] | null;
  /** A title the container itself declares (PDF metadata, HTML <title>, NDJSON title). */
  title: string | null;
  /** Metadata a bulk record carries (NDJSON): trusted over parsing. */
  declared?: { id?: string; kind?: DocumentKind; date?: string | null };
  warnings: string[];
}

export interface DocumentVersion {
  docId: string;
  version: number;
  contentHash: string;
  format: SourceFormat;
  fileName: string | null;
  byteSize: number;
  mimeType: string;
  text: string;
  pages: PageSpan[] | null;
  structure: ParsedDocument;
  importedAt: string;
  /** True when the original bytes are kept and can be downloaded. */
  hasOriginal: boolean;
}

export interface DocumentRecord {
  id: string;
  /** Where it came from: an absolute path, `ndjson:<id>`, later `tk:<guid>`. */
  source: string;
  title: string;
  kind: DocumentKind;
  date: string | null;
  currentVersion: number;
  createdAt: string;
  updatedAt: string;
}

export interface DocumentSummary {
  id: string;
  title: string;
  kind: DocumentKind;
  date: string | null;
  updatedAt: string;
  versionCount: number;
}

/** `new-file`: the file is another format (another file) of a document already stored, not a document of its own. */
export type ImportStatus = 'new' | 'new-version' | 'new-file' | 'unchanged' | 'failed';

/**
 * One file of a document: the same version of a letter may be kept as PDF, DOCX and HTML.
 * A version's first file is the one its text was read from; others were added because
 * their text is the same after normalisation (see src/ingest/same-document.ts).
 */
export interface DocumentFile {
  /** Stable within the store; the download route uses it. */
  id: number;
  docId: string;
  /** The version whose text this file carries. */
  version: number;
  format: SourceFormat;
  fileName: string | null;
  byteSize: number;
  mimeType: string;
  contentHash: string;
  /** Where it was imported from (a path, `tk:<guid>`, `upload/<naam>`). */
  source: string;
  importedAt: string;
}

export interface ImportRecord {
  source: string;
  status: ImportStatus;
  docId: string | null;
  version: number | null;
  errorCode: string | null;
  message: string | null;
  at: string;
}

export interface StoreStats {
  documents: number;
  versions: number;
  failedImports: number;
  byKind: { value: string; count: number }[];
  byYear: { value: string; count: number }[];
}

/** A copy of kept counts: a caller may sort or change the buckets it gets. */
export function copyStats(kept: StoreStats): StoreStats {
  return { ...kept, byKind: kept.byKind.map((b) => ({ ...b })), byYear: kept.byYear.map((b) => ({ ...b })) };
}
