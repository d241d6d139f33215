/**
 * The Store interface: documents, their versions, originals and the import log.
 * Async so that a PostgreSQL implementation can satisfy it; every implementation runs
 * test/store/store-conformance.ts.
 */
import type {
  DocumentKind,
  DocumentRecord,
  DocumentSummary,
  DocumentVersion,
  ImportRecord,
  PageSpan,
  ParsedDocument,
  SourceFormat,
  StoreStats,
} from '../domain/index.js';

export interface NewVersion {
  contentHash: string;
  format: SourceFormat;
  fileName: string | null;
  byteSize: number;
  mimeType: string;
  text: string;
  pages: PageSpan[] | null;
  structure: ParsedDocument;
  /** Original bytes to keep for download; null when there is no file (bulk records). */
  original: Uint8Array | null;
  /** Denormalised onto the document: what lists, facets and feeds show. */
  title: string;
  kind: DocumentKind;
  date: string | null;
}

export interface VersionSummary {
  version: number;
  contentHash: string;
  fileName: string | null;
  byteSize: number;
  importedAt: string;
  current: boolean;
}

export interface SaveResult {
  docId: string;
  version: number;
  status: 'new' | 'new-version' | 'unchanged';
}

export interface Store {
  /**
   * Runs `fn` as one atomic unit: everything it writes (including a search index sharing
   * the connection) commits together or not at all. Calls are serialised: one writer.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Stores a version of the document that came from `source`, idempotently:
   * the same content already stored (under any source) → `unchanged`;
   * a known source with new content → a new version (old ones kept);
   * otherwise a new document, with an id derived from `preferredId`.
   */
  saveVersion(source: string, preferredId: string, version: NewVersion): Promise<SaveResult>;
  /** Which document/version holds this exact content, if any. */
  findByContentHash(contentHash: string): Promise<{ docId: string; version: number } | null>;
  getDocument(id: string): Promise<DocumentRecord | null>;
  /** A version of a document; the current one when `version` is omitted. */
  getVersion(id: string, version?: number): Promise<DocumentVersion | null>;
  listVersions(id: string): Promise<VersionSummary[]>;
  getOriginal(id: string, version: number): Promise<Uint8Array | null>;
  recentDocuments(limit: number): Promise<DocumentSummary[]>;
  /** All document ids, in insertion order (for reparse/reindex). */
  documentIds(): Promise<string[]>;
  /** Replaces a version's parsed structure (reparse), updating denormalised fields if current. */
  updateStructure(id: string, version: number, structure: ParsedDocument, title: string, kind: DocumentKind, date: string | null): Promise<void>;
  recordImport(record: ImportRecord): Promise<void>;
  listImports(options: { status?: ImportRecord['status']; limit: number }): Promise<ImportRecord[]>;
  /**
   * Sources whose latest import failed (a later good import clears a failure): the latest
   * failure of each, newest first, with its code and message.
   */
  unresolvedFailures(limit: number): Promise<ImportRecord[]>;
  /**
   * The document the latest successful import from `source` went into (`tk:<guid>` for a
   * file of the open data): also when its content was already stored under another id.
   */
  documentFromSource(source: string): Promise<string | null>;
  /** Every source whose import went into document `id` without failing, oldest first. */
  sourcesOfDocument(id: string): Promise<string[]>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}
