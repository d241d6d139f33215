/**
 * Retrying imports that failed: a file kamerlens could not read before (a format it did not
 * support, a reader bug) may read after an upgrade. `kamerlens reparse` runs this, so the
 * documents reach the store without the user finding and importing each file again.
 */
import { readFile } from 'node:fs/promises';
import { readBlob, type BlobStore } from '../store/blob-store.js';
import { basename, isAbsolute } from 'node:path';
import { isKamerlensError } from '../domain/index.js';
import type { TkStore } from '../store/tk-store.js';
import { importContent, type ContentInput, type IngestDeps } from './import.js';
import { silentLogger } from './ports.js';
import { tkContentInput } from './sync.js';
import { isBulkFile } from './walk.js';

export interface RetryResult {
  /** Failed sources whose bytes could still be found and were tried again. */
  retried: number;
  imported: number;
  stillFailing: number;
  /** Failed sources whose file is gone (moved, deleted): left as they were. */
  unavailable: number;
}

/** Finds the bytes behind an import source again; null when they are no longer there. */
export type SourceLocator = (source: string) => Promise<ContentInput | null>;

/**
 * Imports again every source whose latest import failed, from where it came from. A source
 * that still fails gets a fresh failure record (its current reason); one that is found no
 * more is left alone.
 */
export async function retryFailedImports(deps: IngestDeps, locate: SourceLocator, limit = 100_000): Promise<RetryResult> {
  const log = deps.log ?? silentLogger;
  const result: RetryResult = { retried: 0, imported: 0, stillFailing: 0, unavailable: 0 };
  for (const failure of await deps.store.unresolvedFailures(limit)) {
    const input = await locate(failure.source).catch(() => null);
    if (!input) {
      result.unavailable++;
      continue;
    }
    result.retried++;
    try {
      await importContent(input, deps);
      result.imported++;
    } catch (e) {
      result.stillFailing++;
      const code = isKamerlensError(e) ? e.code : 'INTERNAL';
      const message = e instanceof Error ? e.message : String(e);
      log.warn(`mislukt nog steeds: ${failure.source}: ${message} [${code}]`);
      await deps.store.recordImport({ source: failure.source, status: 'failed', docId: null, version: null, errorCode: code, message, at: new Date().toISOString() });
    }
  }
  return result;
}

/**
 * The usual locator: a file path the user imported (read again from disk), or a file of the
 * open data (`tk:<guid>`) that the sync kept in the blob store. Lines of bulk files
 * (`file.ndjson:12`) are not retried: re-import the bulk file.
 */
export function defaultLocator(tk: { tkStore: TkStore; blobs: BlobStore } | null): SourceLocator {
  return async (source) => {
    const m = /^tk:([0-9a-f-]{36})$/i.exec(source);
    if (m) {
      if (!tk) return null;
      const rec = await tk.tkStore.getFile(m[1]!);
      if (!rec?.path) return null;
      const bytes = await readBlob(tk.blobs, rec.path);
      return bytes && tkContentInput(tk.tkStore, rec, bytes);
    }
    if (!isAbsolute(source) || isBulkFile(source)) return null;
    return { source, fileName: basename(source), bytes: new Uint8Array(await readFile(source)) };
  };
}
