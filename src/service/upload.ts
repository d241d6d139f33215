/**
 * Import from the browser: the composition root hands in the same pipeline `kamerlens import`
 * runs (one file at a time); this turns its outcomes into what `/importeren` shows.
 */
import { documentUrl } from './presenters.js';

export type UploadResult =
  | { name: string; status: 'new' | 'new-version' | 'unchanged'; docId: string; version: number }
  | { name: string; status: 'new-file'; docId: string; version: number; title: string }
  | { name: string; status: 'failed'; code: string; message: string };

export interface UploadServices {
  /** Imports one uploaded file; never throws for a bad file (the outcome says why). Absent: no uploads here. */
  importUpload?: ((file: { name: string; bytes: Uint8Array }) => Promise<UploadResult>) | undefined;
}

export const UPLOAD_STATUS_TEXT: Record<UploadResult['status'], string> = {
  new: 'nieuw',
  'new-version': 'nieuwe versie',
  'new-file': 'toegevoegd als ander bestandsformaat',
  unchanged: 'ongewijzigd (al in het archief)',
  failed: 'mislukt',
};

export interface UploadRow {
  name: string;
  status: UploadResult['status'];
  statusText: string;
  /** The document, when the file became (or already was) one. */
  href: string | null;
  version: number | null;
  error: { code: string; message: string } | null;
}

/** What a row says: another format names the document it joined. */
export function uploadStatusText(r: UploadResult): string {
  return r.status === 'new-file' ? `${UPLOAD_STATUS_TEXT['new-file']} van ${r.title}` : UPLOAD_STATUS_TEXT[r.status];
}

/** Imports the files one after another (a failing file does not stop the others). */
export async function importUploads(s: UploadServices, files: { name: string; bytes: Uint8Array }[]): Promise<UploadRow[]> {
  if (!s.importUpload) return [];
  const rows: UploadRow[] = [];
  for (const f of files) {
    const r = await s.importUpload(f);
    rows.push(
      r.status === 'failed'
        ? { name: r.name, status: r.status, statusText: UPLOAD_STATUS_TEXT.failed, href: null, version: null, error: { code: r.code, message: r.message } }
        : { name: r.name, status: r.status, statusText: uploadStatusText(r), href: documentUrl(r.docId), version: r.version, error: null },
    );
  }
  return rows;
}
