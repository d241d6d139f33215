/**
 * The Store interface: documents, their versions, originals and the import log.
 * Async so that a PostgreSQL implementation can satisfy it; every implementation runs
 * test/store/store-conformance.ts.
 */
import type {
  DocumentFile,
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
import type { OpenBlob } from './blob-store.js';

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
  /**
   * Keys under which the document can be found again by `documentsByKeys` (an identity such
   * as `kst:kst-21501-33-1120`, or `lsh:` bands of its text's sketch). Optional: bulk records carry none.
   */
  matchKeys?: string[];
  /**
   * The text, page map and structure already in a store's stored form (`packed.form`), made
   * where there was time to spare (a bulk import's parse worker while it waits for the
   * writer): a store that keeps that form stores these bytes instead of packing them again.
   * It must be exactly what that store's packer makes of this version; others ignore it.
   */
  packed?: PackedVersion;
}

/** A version's text, page map and structure as one store form keeps them (Store.packedForm). */
export interface PackedVersion {
  form: string;
  text: Uint8Array;
  pages: Uint8Array | null;
  structure: Uint8Array;
}

/** Another file of a stored version: its bytes and where they came from. */
export interface NewFile {
  contentHash: string;
  format: SourceFormat;
  fileName: string | null;
  byteSize: number;
  mimeType: string;
  source: string;
  original: Uint8Array;
  /** Keys of this file's own text, added to the document's (see NewVersion.matchKeys). */
  matchKeys?: string[];
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
  status: 'new' | 'new-version' | 'new-file' | 'unchanged';
}

/** One version to store with `saveVersions`: saveVersion's arguments. */
export interface SaveItem {
  source: string;
  preferredId: string;
  version: NewVersion;
  target?: { docId: string };
}

export interface Store {
  /**
   * The form (PackedVersion.form) this store keeps versions in, when another thread may pack
   * them ahead of it (see NewVersion.packed); absent when it packs nothing itself.
   */
  readonly packedForm?: string;
  /** Records per unit of work a bulk import stores best in, when not the importer's default. */
  readonly bulkBatch?: number;
  /**
   * Stores a version of the document that came from `source`, idempotently:
   * the same content already stored (under any source) → `unchanged`;
   * a known source with new content → a new version (old ones kept);
   * otherwise a new document, with an id derived from `preferredId`.
   * With `target.docId` (an existing document), new content becomes its next version whatever
   * the source: the same document found under another source (same Kamerstuk, changed text).
   * The original bytes become the version's first file.
   */
  saveVersion(source: string, preferredId: string, version: NewVersion, target?: { docId: string }): Promise<SaveResult>;
  /**
   * `saveVersion` of each item in order, as one write: the results, ids, version numbers and
   * stored rows are those of the calls one after the other (a content twice in the batch is
   * `unchanged` the second time, a source twice gets two versions, two new documents with one
   * preferred id get `x` and `x-2`), and either every item is stored or none is (a missing
   * `target` throws). What a bulk import stores a batch with: on PostgreSQL a fixed number of
   * round trips for the batch instead of about ten per document.
   */
  saveVersions(items: readonly SaveItem[]): Promise<SaveResult[]>;
  /**
   * Keeps `file` as another file of version `version` of document `docId` (another format of
   * the same text), idempotently: content already stored anywhere → `unchanged` (where it is).
   * Adds no version: nothing is re-indexed and no monitor sees a change.
   */
  addFile(docId: string, version: number, file: NewFile): Promise<SaveResult>;
  /** Every file of a document, all versions, in the order they were stored. */
  listFiles(docId: string): Promise<DocumentFile[]>;
  /** One file of a document with its bytes (null bytes when none were kept); null when the document has no such file. */
  getFile(docId: string, fileId: number): Promise<{ file: DocumentFile; bytes: Uint8Array | null } | null>;
  /** The same file with its bytes as a stream (what a download sends): no need to hold it whole. */
  openFile(docId: string, fileId: number): Promise<{ file: DocumentFile; body: OpenBlob | null } | null>;
  /** Which document/version holds this exact content (as a version's or as another file), if any. */
  findByContentHash(contentHash: string): Promise<{ docId: string; version: number } | null>;
  /** Documents stored under any of these match keys (see NewVersion.matchKeys), at most `limit`. */
  documentsByKeys(keys: string[], limit: number): Promise<string[]>;
  /** Adds match keys to a document (reparse gives documents stored before keys existed theirs). */
  addMatchKeys(docId: string, keys: string[]): Promise<void>;
  getDocument(id: string): Promise<DocumentRecord | null>;
  /** A version of a document; the current one when `version` is omitted. */
  getVersion(id: string, version?: number): Promise<DocumentVersion | null>;
  listVersions(id: string): Promise<VersionSummary[]>;
  /**
   * The parsed structure of each document's current version, for many documents at once
   * (what a page listing hundreds of documents by their signatories needs, without their texts);
   * ids not stored are absent. A fixed number of queries whatever the number of ids.
   */
  currentStructures(ids: readonly string[]): Promise<Map<string, ParsedDocument>>;
  getOriginal(id: string, version: number): Promise<Uint8Array | null>;
  /** A version's original as a stream; null when none was kept. */
  openOriginal(id: string, version: number): Promise<OpenBlob | null>;
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
  /** `documentFromSource` for many sources at once (a fixed number of queries); sources without a document are absent. */
  documentsFromSources(sources: readonly string[]): Promise<Map<string, string>>;
  /** Every source whose import went into document `id` without failing, oldest first. */
  sourcesOfDocument(id: string): Promise<string[]>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}
