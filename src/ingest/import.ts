/**
 * `kamerlens import`: files and folders → extract → parse → store + index. Idempotent
 * (content hashes), one transaction per file or per batch of bulk records, and a failing
 * file is recorded and reported without stopping the others or touching stored data.
 */
import type { TkStore } from '../store/tk-store.js';
import type { VlosStore } from '../store/vlos-store.js';
import { deriveDocumentDebate } from './debate.js';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { KamerlensError, isKamerlensError, type ExtractedText, type ImportStatus, type SearchIndex } from '../domain/index.js';
import { extractFile, mimeTypeOf } from '../extract/index.js';
import type { NewVersion, Store, StructureWriter } from '../store/index.js';
import { parseBulkFile, parseBulkFileInWorker } from './bulk-records.js';
import type { IndexDocument } from '../domain/index.js';
import { buildVersion, sha256, toIndexDocument } from './document.js';
import { withKamer } from './kamer-join.js';
import { indexVersion, indexVersions } from './structure-search.js';
import { noProgress, silentLogger, type Logger, type Progress } from './ports.js';
import { fingerprint, placeContent } from './same-document.js';
import { isBulkFile, walkPaths, type FoundFile } from './walk.js';
import type { Database } from '../store/unit-of-work.js';

export interface IngestDeps {
  /**
   * Units of work (`units.transaction(async (tx) => …)`): a version, its index entry and its
   * structure rows are written through `tx`'s stores.
   */
  units: Database;
  store: Store;
  index: SearchIndex;
  /** Optional: cross-document rows of the parsed structure, written through the unit's `structure` (none without it). */
  structure?: StructureWriter;
  /** Optional: where who-said-what of an imported Handelingen is kept (with `tk`, its speakers are linked to people). */
  vlos?: VlosStore | undefined;
  /**
   * Optional: the Kamer's open data, so that a Kamerstuk or a signed letter imported as a file
   * is indexed with the Kamer's records of it (its dossier, actors and the people who signed it).
   */
  tk?: TkStore | undefined;
  log?: Logger;
  progress?: Progress;
  /**
   * Told after a version is stored (or re-parsed), outside the transaction: the composition
   * root computes what it changed against the version before it then (service/changes.ts).
   */
  onVersionStored?: (docId: string, version: number) => Promise<void>;
}

export interface ImportOptions {
  /** Largest file accepted, in bytes (bulk files are streamed and exempt). */
  maxBytes: number;
  /** Bulk records per transaction (default: the store's `bulkBatch`, else 500). */
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

/** A file that became another file (format) of a document already stored. */
export interface OtherFormat {
  source: string;
  docId: string;
  /** The document's title, to say which document it joined. */
  title: string;
}

export interface ImportSummary {
  counts: Record<ImportStatus, number>;
  skipped: string[];
  failures: ImportFailure[];
  otherFormats: OtherFormat[];
}

function emptySummary(): ImportSummary {
  return { counts: { new: 0, 'new-version': 0, 'new-file': 0, unchanged: 0, failed: 0 }, skipped: [], failures: [], otherFormats: [] };
}

/** Imports every file under `paths`. Throws only when a named path does not exist. */
export async function importPaths(
  paths: string[],
  deps: IngestDeps,
  options: Partial<ImportOptions> = {},
): Promise<ImportSummary> {
  const opts = { ...DEFAULT_IMPORT_OPTIONS, batchSize: deps.store.bulkBatch ?? DEFAULT_IMPORT_OPTIONS.batchSize, ...options };
  const log = deps.log ?? silentLogger;
  const progress = deps.progress ?? noProgress;
  const { files, skipped } = await walkPaths(paths);
  const summary = emptySummary();
  summary.skipped = skipped;
  for (const s of skipped) log.info(`overgeslagen (geen ondersteunde bestandssoort): ${s}`);
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
  (deps.log ?? silentLogger).warn(`mislukt: ${source}: ${message} [${code}]`);
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
        `"${name}" is ${(file.size / 1048576).toFixed(1).replace('.', ',')} MB, groter dan de grens van ${(opts.maxBytes / 1048576).toFixed(0)} MB`,
        { file: file.path },
      );
    }
    const bytes = new Uint8Array(await readFile(file.path));
    const result = await importContent({ source: file.path, fileName: name, bytes }, deps, opts);
    summary.counts[result.status]++;
    if (result.status === 'new-file') {
      const doc = await deps.store.getDocument(result.docId);
      summary.otherFormats.push({ source: file.path, docId: result.docId, title: doc?.title ?? result.docId });
    }
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
  /** The Kamer's own document number (`2025D08504`) when the source declares it: the file's identity. */
  documentNumber?: string | null;
}

/**
 * Imports one file's bytes: unchanged when the content is known, else extract → parse →
 * store + index in one transaction, and records the import. The same document in another
 * format becomes another file of it (`new-file`, nothing re-indexed; see same-document.ts).
 * Throws KamerlensError on a bad file (after nothing was written); callers decide whether
 * that is fatal.
 */
export async function importContent(
  input: ContentInput,
  deps: IngestDeps,
  options: Partial<ImportOptions> = {},
): Promise<{ docId: string; version: number; status: 'new' | 'new-version' | 'new-file' | 'unchanged' }> {
  const opts = { ...DEFAULT_IMPORT_OPTIONS, ...options };
  const known = await deps.store.findByContentHash(sha256(input.bytes));
  let result;
  if (known) {
    result = { ...known, status: 'unchanged' as const };
  } else {
    const extracted = input.extracted ?? (await extractFile(input.bytes, input.fileName, { maxBytes: opts.maxBytes }));
    const version = buildVersion(extracted, input.bytes, input.fileName, input.mimeType ?? mimeTypeOf(extracted.format));
    const fp = fingerprint(version.text, version.structure, input.documentNumber);
    version.matchKeys = [...fp.identity, ...fp.similar];
    result = await deps.units.transaction(async (tx) => {
      const place = await placeContent(tx.store, { source: input.source, format: version.format, fp });
      if (place.kind === 'file') {
        return tx.store.addFile(place.docId, place.version, {
          contentHash: version.contentHash, format: version.format, fileName: version.fileName, byteSize: version.byteSize,
          mimeType: version.mimeType, source: input.source, original: input.bytes, matchKeys: version.matchKeys ?? [],
        });
      }
      const target = place.kind === 'version' ? { docId: place.docId } : undefined;
      const saved = await tx.store.saveVersion(input.source, input.preferredId ?? input.fileName, version, target);
      if (saved.status === 'new' || saved.status === 'new-version') {
        // The Kamer's records read in the unit too (its stores, not the pool's).
        await indexVersion(tx.index, saved.docId, version, await previousStructure(tx.store, saved), await joinedEntry(deps.tk ? tx.tk : undefined, saved.docId, version));
        if (deps.structure) await tx.structure.put(saved.docId, version, version.structure);
      }
      return saved;
    });
    // A Handelingen read from its file (not a feed report, which brings its own): who said what, once.
    if ((result.status === 'new' || result.status === 'new-version') && deps.vlos && !input.extracted && version.structure.kind === 'handelingen') {
      // The sync hands its Kamer store as `tkStore` (it joins documents in its projection, not through `tk`).
      const people = deps.tk ?? (deps as IngestDeps & { tkStore?: TkStore }).tkStore;
      await deriveDocumentDebate({ store: deps.store, vlos: deps.vlos, tkStore: people }, result.docId);
    }
    if (result.status === 'new-version') await deps.onVersionStored?.(result.docId, result.version);
  }
  await deps.store.recordImport({
    source: input.source, status: result.status, docId: result.docId, version: result.version,
    errorCode: null, message: null, at: new Date().toISOString(),
  });
  (deps.log ?? silentLogger).info(`${result.status}: ${input.source} → ${result.docId} v${result.version}`);
  return result;
}

/** The structure a new version replaces (whose search entries go), null for a new document. */
async function previousStructure(store: Store, saved: { docId: string; version: number; status: string }) {
  if (saved.status !== 'new-version') return null;
  const v = await store.getVersion(saved.docId, saved.version - 1);
  return v ? { structure: v.structure, text: v.text } : null;
}

/**
 * Stores a batch of parsed bulk records (id → version) and indexes the changed ones, all in
 * one transaction. Exported for benchmarks that time the storing side of a bulk import alone.
 */
export async function saveBatch(
  items: { id: string; version: NewVersion }[],
  deps: IngestDeps,
): Promise<Record<'new' | 'new-version' | 'new-file' | 'unchanged', number>> {
  const counts = { new: 0, 'new-version': 0, 'new-file': 0, unchanged: 0 };
  const newVersions: { docId: string; version: number }[] = [];
  await deps.units.transaction(async (tx) => {
    // The batch in one call each (the store, the structure rows, the index): on PostgreSQL a
    // handful of round trips for the batch, not about ten per record.
    const saved = await tx.store.saveVersions(items.map(({ id, version }) => ({ source: `ndjson:${id}`, preferredId: id, version })));
    const changed = [];
    const structures = [];
    for (let i = 0; i < items.length; i++) {
      const s = saved[i]!;
      const { version } = items[i]!;
      counts[s.status]++;
      if (s.status === 'new-version') newVersions.push(s);
      if (s.status !== 'unchanged') {
        // Bulk records are indexed from their text alone: the join made saving a batch of
        // moties 3.2× slower on the demo world (measured once with bench/kamer-join.ts on
        // saveBatch); the sync's projection joins the Kamer's own documents.
        changed.push({ docId: s.docId, version, previous: await previousStructure(tx.store, s) });
        structures.push({ docId: s.docId, meta: version, structure: version.structure });
      }
    }
    if (deps.structure) await tx.structure.putMany(structures);
    await indexVersions(tx.index, changed);
  });
  if (deps.onVersionStored) for (const v of newVersions) await deps.onVersionStored(v.docId, v.version);
  return counts;
}

/** A stored version's search entry, joined to the Kamer's records when the open data is at hand. */
async function joinedEntry(tk: TkStore | undefined, docId: string, version: NewVersion): Promise<IndexDocument> {
  const entry = toIndexDocument(docId, version);
  return tk ? withKamer(tk, entry, version.structure) : entry;
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
    ? parseBulkFileInWorker(file.path, opts.batchSize, deps.log ?? silentLogger, deps.store.packedForm ?? null)
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
