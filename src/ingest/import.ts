/**
 * `kamerlens import`: files and folders → extract → parse → store + index. Idempotent
 * (content hashes), one transaction per file or per batch of bulk records, and a failing
 * file is recorded and reported without stopping the others or touching stored data.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { KamerlensError, isKamerlensError, type ExtractedText, type ImportStatus, type SearchIndex } from '../domain/index.js';
import { extractFile, mimeTypeOf } from '../extract/index.js';
import type { NewVersion, Store, StructureWriter } from '../store/index.js';
import { parseBulkFile, parseBulkFileInWorker } from './bulk-records.js';
import { buildVersion, sha256 } from './document.js';
import { indexVersion, indexVersions } from './structure-search.js';
import { noProgress, silentLogger, type Logger, type Progress } from './ports.js';
import { isBulkFile, walkPaths, type FoundFile } from './walk.js';

export interface IngestDeps {
  store: Store;
  index: SearchIndex;
  /** Optional: cross-document rows of the parsed structure. */
  structure?: StructureWriter;
  log?: Logger;
  progress?: Progress;
}

export interface ImportOptions {
  /** Largest file accepted, in bytes (bulk files are streamed and exempt). */
  maxBytes: number;
  /** Bulk records per transaction. */
  batchSize: number;
  /**
   * Parse bulk records in a worker thread, overlapping parsing with storing: true, false, or
   * 'auto' (for files of 1 MB and more). The outcome is the same either way.
   */
  parseInWorker: boolean | 'auto';
}

export const DEFAULT_IMPORT_OPTIONS: ImportOptions = { maxBytes: 100 * 1024 * 1024, batchSize: 500, parseInWorker: 'auto' };

export interface ImportFailure {
  source: string;
  code: string;
  message: string;
}

export interface ImportSummary {
  counts: Record<ImportStatus, number>;
  skipped: string[];
  failures: ImportFailure[];
}

function emptySummary(): ImportSummary {
  return { counts: { new: 0, 'new-version': 0, unchanged: 0, failed: 0 }, skipped: [], failures: [] };
}

/** Imports every file under `paths`. Throws only when a named path does not exist. */
export async function importPaths(
  paths: string[],
  deps: IngestDeps,
  options: Partial<ImportOptions> = {},
): Promise<ImportSummary> {
  const opts = { ...DEFAULT_IMPORT_OPTIONS, ...options };
  const log = deps.log ?? silentLogger;
  const progress = deps.progress ?? noProgress;
  const { files, skipped } = await walkPaths(paths);
  const summary = emptySummary();
  summary.skipped = skipped;
  for (const s of skipped) log.info(`skipped (not a supported file type): ${s}`);
  const totalBytes = files.reduce((n, f) => n + f.size, 0);
  let doneBytes = 0;
  try {
    for (const file of files) {
      const status = `${basename(file.path)}`;
      if (isBulkFile(file.path)) {
        await importBulkFile(file, deps, opts, summary, (bytes) => progress.update(doneBytes + bytes, totalBytes, status));
      } else {
        await importOneFile(file, deps, opts, summary);
      }
      doneBytes += file.size;
      progress.update(doneBytes, totalBytes, status);
    }
  } finally {
    progress.stop();
  }
  return summary;
}

async function fail(deps: IngestDeps, summary: ImportSummary, source: string, error: unknown): Promise<void> {
  const code = isKamerlensError(error) ? error.code : 'INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  summary.counts.failed++;
  summary.failures.push({ source, code, message });
  (deps.log ?? silentLogger).warn(`failed: ${source}: ${message} [${code}]`);
  await deps.store.recordImport({
    source, status: 'failed', docId: null, version: null, errorCode: code, message, at: new Date().toISOString(),
  });
}

async function importOneFile(file: FoundFile, deps: IngestDeps, opts: ImportOptions, summary: ImportSummary): Promise<void> {
  const name = basename(file.path);
  try {
    if (file.size > opts.maxBytes) {
      throw new KamerlensError(
        'FILE_TOO_LARGE',
        `${name} is ${(file.size / 1048576).toFixed(1)} MB, over the ${(opts.maxBytes / 1048576).toFixed(0)} MB limit`,
        { file: file.path },
      );
    }
    const bytes = new Uint8Array(await readFile(file.path));
    const result = await importContent({ source: file.path, fileName: name, bytes }, deps, opts);
    summary.counts[result.status]++;
  } catch (e) {
    await fail(deps, summary, file.path, e);
  }
}

export interface ContentInput {
  /** Stable identity of where the bytes came from: a path, `tk:<guid>`, … */
  source: string;
  fileName: string;
  bytes: Uint8Array;
  /** Preferred document id (default: derived from the file name). */
  preferredId?: string;
  /** Text the caller already read from the bytes (a VLOS report's turns): no extraction then. */
  extracted?: ExtractedText;
  /** MIME type of the original bytes, when `extracted` is given. */
  mimeType?: string;
}

/**
 * Imports one file's bytes: unchanged when the content is known, else extract → parse →
 * store + index in one transaction, and records the import. Throws KamerlensError on a
 * bad file (after nothing was written); callers decide whether that is fatal.
 */
export async function importContent(
  input: ContentInput,
  deps: IngestDeps,
  options: Partial<ImportOptions> = {},
): Promise<{ docId: string; version: number; status: 'new' | 'new-version' | 'unchanged' }> {
  const opts = { ...DEFAULT_IMPORT_OPTIONS, ...options };
  const known = await deps.store.findByContentHash(sha256(input.bytes));
  let result;
  if (known) {
    result = { ...known, status: 'unchanged' as const };
  } else {
    const extracted = input.extracted ?? (await extractFile(input.bytes, input.fileName, { maxBytes: opts.maxBytes }));
    const version = buildVersion(extracted, input.bytes, input.fileName, input.mimeType ?? mimeTypeOf(extracted.format));
    result = await deps.store.transaction(async () => {
      const saved = await deps.store.saveVersion(input.source, input.preferredId ?? input.fileName, version);
      if (saved.status !== 'unchanged') {
        await indexVersion(deps.index, saved.docId, version, await previousStructure(deps, saved));
        await deps.structure?.put(saved.docId, version, version.structure);
      }
      return saved;
    });
  }
  await deps.store.recordImport({
    source: input.source, status: result.status, docId: result.docId, version: result.version,
    errorCode: null, message: null, at: new Date().toISOString(),
  });
  (deps.log ?? silentLogger).info(`${result.status}: ${input.source} → ${result.docId} v${result.version}`);
  return result;
}

/** The structure a new version replaces (whose search entries go), null for a new document. */
async function previousStructure(deps: IngestDeps, saved: { docId: string; version: number; status: string }) {
  if (saved.status !== 'new-version') return null;
  const v = await deps.store.getVersion(saved.docId, saved.version - 1);
  return v ? { structure: v.structure, text: v.text } : null;
}

/**
 * Stores a batch of parsed bulk records (id → version) and indexes the changed ones, all in
 * one transaction. Exported for benchmarks that time the storing side of a bulk import alone.
 */
export async function saveBatch(
  items: { id: string; version: NewVersion }[],
  deps: IngestDeps,
): Promise<Record<'new' | 'new-version' | 'unchanged', number>> {
  const counts = { new: 0, 'new-version': 0, unchanged: 0 };
  await deps.store.transaction(async () => {
    const changed = [];
    for (const { id, version } of items) {
      const saved = await deps.store.saveVersion(`ndjson:${id}`, id, version);
      counts[saved.status]++;
      if (saved.status !== 'unchanged') {
        changed.push({ docId: saved.docId, version, previous: await previousStructure(deps, saved) });
        await deps.structure?.put(saved.docId, version, version.structure);
      }
    }
    await indexVersions(deps.index, changed);
  });
  return counts;
}

/** Files from this size on are parsed in a worker thread (when `parseInWorker` is 'auto'): below it, starting one costs more than it saves. */
const WORKER_MIN_BYTES = 1024 * 1024;

async function importBulkFile(
  file: FoundFile,
  deps: IngestDeps,
  opts: ImportOptions,
  summary: ImportSummary,
  onBytes: (bytes: number) => void,
): Promise<void> {
  const inWorker = opts.parseInWorker === 'auto' ? file.size >= WORKER_MIN_BYTES : opts.parseInWorker;
  const chunks = inWorker
    ? parseBulkFileInWorker(file.path, opts.batchSize, deps.log ?? silentLogger)
    : parseBulkFile(file.path, opts.batchSize);
  let bytesRead = 0;
  let batch: { id: string; version: NewVersion }[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const items = batch;
    batch = [];
    const counts = await saveBatch(items, deps);
    for (const k of Object.keys(counts) as (keyof typeof counts)[]) summary.counts[k] += counts[k];
    onBytes(bytesRead);
  };

  try {
    for await (const chunk of chunks) {
      bytesRead = chunk.bytesRead;
      for (const event of chunk.events) {
        if ('error' in event) {
          await fail(deps, summary, `${file.path}:${event.line}`, event.error);
          continue;
        }
        batch.push({ id: event.id, version: event.version });
        if (batch.length >= opts.batchSize) await flush();
      }
    }
    await flush();
  } catch (e) {
    // A read error mid-file, a parse worker that died or a batch that failed to store: what was
    // committed stays; the rest is reported.
    await fail(deps, summary, file.path, e);
  }
}
