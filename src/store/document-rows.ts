/**
 * The document store's rows as both backends read them, and their mapping to domain records:
 * one copy for SQLite and PostgreSQL (only how a version's text is decoded differs).
 */
import type { DocumentFile, DocumentKind, DocumentRecord, DocumentVersion, ParsedDocument } from '../domain/index.js';

export interface DocumentRow {
  id: string;
  source: string;
  title: string;
  kind: string;
  date: string | null;
  current_version: number;
  created_at: string;
  updated_at: string;
}

/** The columns of a version row every backend has; the text columns are decoded by the backend. */
export interface VersionRowBase {
  doc_id: string;
  version: number;
  content_hash: string;
  format: string;
  file_name: string | null;
  byte_size: number;
  mime_type: string;
  imported_at: string;
}

export interface FileRow {
  id: number;
  doc_id: string;
  version: number;
  content_hash: string;
  format: string;
  file_name: string | null;
  byte_size: number;
  mime_type: string;
  source: string;
  imported_at: string;
}

export const toFile = (r: FileRow): DocumentFile => ({
  id: r.id,
  docId: r.doc_id,
  version: r.version,
  format: r.format as DocumentFile['format'],
  fileName: r.file_name,
  byteSize: r.byte_size,
  mimeType: r.mime_type,
  contentHash: r.content_hash,
  source: r.source,
  importedAt: r.imported_at,
});

export const toDocument = (r: DocumentRow): DocumentRecord => ({
  id: r.id,
  source: r.source,
  title: r.title,
  kind: r.kind as DocumentKind,
  date: r.date,
  currentVersion: r.current_version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** A version from its row and its decoded text, page map (JSON) and structure (JSON). */
export const toVersion = (r: VersionRowBase, decoded: { text: string; pages: string | null; structure: string; hasOriginal: boolean }): DocumentVersion => ({
  docId: r.doc_id,
  version: r.version,
  contentHash: r.content_hash,
  format: r.format as DocumentVersion['format'],
  fileName: r.file_name,
  byteSize: r.byte_size,
  mimeType: r.mime_type,
  text: decoded.text,
  pages: decoded.pages ? (JSON.parse(decoded.pages) as DocumentVersion['pages']) : null,
  structure: JSON.parse(decoded.structure) as ParsedDocument,
  importedAt: r.imported_at,
  hasOriginal: decoded.hasOriginal,
});
