/**
 * A document's files: the formats one version is kept in (the PDF, DOCX and HTML of one
 * letter), how they are named on the page, in JSON and on the command line, and their download.
 */
import { KamerlensError, type DocumentFile, type SourceFormat } from '../domain/index.js';
import type { Store } from '../store/index.js';
import type { OpenBlob } from '../store/blob-store.js';

/** The download of one file; `/documents/<id>/original?version=` keeps serving a version's first file for old links. */
export const documentFileUrl = (docId: string, fileId: number) => `/documents/${encodeURIComponent(docId)}/bestanden/${fileId}`;

const FORMAT_LABELS: Record<SourceFormat, string> = {
  pdf: 'PDF',
  docx: 'Word (DOCX)',
  doc: 'Word (DOC)',
  html: 'HTML',
  xml: 'XML',
  text: 'tekst',
  ndjson: 'bulkrecord',
};

export const formatLabel = (format: SourceFormat): string => FORMAT_LABELS[format] ?? format;

/** `12 kB`, `1,4 MB`: sizes as a Dutch reader writes them. */
export function fileSizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / 1048576).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} MB`;
}

/** The JSON of a file (document JSON twin, `kamerlens show --json`). */
export function presentFile(f: DocumentFile) {
  return {
    id: f.id,
    version: f.version,
    format: f.format,
    fileName: f.fileName,
    byteSize: f.byteSize,
    mimeType: f.mimeType,
    contentHash: f.contentHash,
    importedAt: f.importedAt,
    url: documentFileUrl(f.docId, f.id),
  };
}

export interface FileDownload {
  /** The bytes as a stream (read it or destroy it): a download never holds the file whole. */
  body: OpenBlob;
  fileName: string;
  mimeType: string;
}

/** One file, opened for sending; NOT_FOUND names the document and file when there is no such file. */
export async function getDocumentFile(s: { store: Store }, docId: string, fileId: number): Promise<FileDownload> {
  const found = await s.store.openFile(docId, fileId);
  if (!found || !found.body) {
    throw new KamerlensError('NOT_FOUND', `Document "${docId}" heeft geen bestand ${fileId}`, { record: docId, field: 'bestand' });
  }
  const ext = found.file.format === 'text' ? 'txt' : found.file.format;
  return { body: found.body, fileName: found.file.fileName ?? `${docId}.${ext}`, mimeType: found.file.mimeType };
}
