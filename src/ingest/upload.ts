/**
 * A file uploaded in the browser (`/importeren`) goes through the same pipeline as
 * `kamerlens import`: the same types, the same size limit, importContent, and a failure
 * recorded in the import log with its code, so `/status` and `/ontbrekend` list it.
 */
import { extname } from 'node:path';
import { KamerlensError, isKamerlensError } from '../domain/index.js';
import { DEFAULT_IMPORT_OPTIONS, importContent, type ImportOptions, type IngestDeps } from './import.js';
import { IMPORTABLE_EXTENSIONS, isBulkFile } from './walk.js';

export type UploadOutcome =
  | { name: string; status: 'new' | 'new-version' | 'unchanged'; docId: string; version: number }
  /** Another format of a stored document: `title` says which. */
  | { name: string; status: 'new-file'; docId: string; version: number; title: string }
  | { name: string; status: 'failed'; code: string; message: string };

/** The file name without any folder a browser may send along, and no control characters. */
export function uploadName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  return base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
}

/** The source an upload is stored under: one folder, so the same file name again is a new version of it. */
export const uploadSource = (name: string) => `upload/${name}`;

export async function importUpload(
  file: { name: string; bytes: Uint8Array },
  deps: IngestDeps,
  options: Partial<ImportOptions> = {},
): Promise<UploadOutcome> {
  const opts = { ...DEFAULT_IMPORT_OPTIONS, ...options };
  const name = uploadName(file.name);
  const source = uploadSource(name || 'naamloos');
  try {
    if (!name) throw new KamerlensError('BAD_REQUEST', 'Het bestand heeft geen naam', { field: 'bestanden' });
    const ext = extname(name).toLowerCase();
    if (!IMPORTABLE_EXTENSIONS.has(ext) || isBulkFile(name)) {
      throw new KamerlensError('UNSUPPORTED_FORMAT', `${name}: dit soort bestand kan hier niet worden geïmporteerd (wel: pdf, docx, doc, html, xml, txt, md; bulkbestanden via "kamerlens import")`, { file: name });
    }
    if (file.bytes.byteLength > opts.maxBytes) {
      throw new KamerlensError('FILE_TOO_LARGE', `${name} is ${(file.bytes.byteLength / 1048576).toFixed(1).replace('.', ',')} MB, meer dan de grens van ${(opts.maxBytes / 1048576).toFixed(0)} MB`, { file: name });
    }
    const r = await importContent({ source, fileName: name, bytes: file.bytes }, deps, opts);
    if (r.status === 'new-file') return { name, ...r, status: 'new-file', title: (await deps.store.getDocument(r.docId))?.title ?? r.docId };
    return { name, docId: r.docId, version: r.version, status: r.status };
  } catch (e) {
    const code = isKamerlensError(e) ? e.code : 'INTERNAL';
    const message = e instanceof Error ? e.message : String(e);
    (deps.log?.warn ?? (() => {}))(`failed: ${source}: ${message} [${code}]`);
    await deps.store.recordImport({ source, status: 'failed', docId: null, version: null, errorCode: code, message, at: new Date().toISOString() });
    return { name: name || 'naamloos', status: 'failed', code, message };
  }
}
