/**
 * Bulk NDJSON files → parsed records, in chunks of one batch each, parsed either inline or
 * in a worker thread (src/ingest/parse-worker.ts) so that parsing the next batch overlaps
 * with storing and indexing the current one. Both ways yield the same chunks in file order.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startWorkerThread } from '../search/worker-thread.js';
import { KamerlensError, isKamerlensError, type ErrorCode, type ErrorContext } from '../domain/index.js';
import { readNdjsonStream } from '../extract/ndjson.js';
import type { NewVersion } from '../store/index.js';
import { buildVersion } from './document.js';
import { silentLogger, type Logger } from './ports.js';

/** One line's outcome: a parsed record, or why the line (1-based) was rejected. */
export type BulkEvent = { line: number; id: string; version: NewVersion } | { line: number; error: unknown };

/** The events up to and including the `batchSize`-th record (fewer at the end of the file). */
export interface BulkChunk {
  events: BulkEvent[];
  /** Bytes of the file read so far, for progress. */
  bytesRead: number;
}

/**
 * Reads and parses a bulk file in this thread. A bad line or a record the parser rejects is
 * an error event for that line; only a failure to read the file itself throws.
 */
export async function* parseBulkFile(path: string, batchSize: number): AsyncGenerator<BulkChunk> {
  const name = basename(path);
  const stream = createReadStream(path);
  let bytesRead = 0;
  stream.on('data', (chunk) => (bytesRead += chunk.length));
  let events: BulkEvent[] = [];
  let records = 0;
  try {
    for await (const item of readNdjsonStream(stream, name)) {
      if ('error' in item) {
        events.push({ line: item.line, error: item.error });
      } else {
        const record = item.record;
        try {
          const version = buildVersion(record, null, null, 'application/x-ndjson');
          events.push({ line: item.line, id: record.declared?.id ?? `${name}-${item.line}`, version });
          records++;
        } catch (e) {
          events.push({ line: item.line, error: e });
        }
      }
      if (records >= batchSize) {
        yield { events, bytesRead };
        events = [];
        records = 0;
      }
    }
    if (events.length > 0) yield { events, bytesRead };
  } finally {
    stream.destroy();
  }
}

/** An error as it crosses the thread boundary: structured clone keeps neither the class nor `code`. */
export interface WireError {
  kamerlens: boolean;
  code: string;
  message: string;
  context: ErrorContext;
}

export function toWire(e: unknown): WireError {
  if (isKamerlensError(e)) {
    let context: ErrorContext;
    try {
      context = structuredClone(e.context);
    } catch {
      context = {};
    }
    return { kamerlens: true, code: e.code, message: e.message, context };
  }
  return { kamerlens: false, code: 'INTERNAL', message: e instanceof Error ? e.message : String(e), context: {} };
}

/** The error again, as the importer would have seen it had the record been parsed in its own thread. */
export function fromWire(w: WireError): Error {
  return w.kamerlens ? new KamerlensError(w.code as ErrorCode, w.message, w.context) : new Error(w.message);
}

/** Messages of the parse worker about one job (`id`), in the order it sends them: chunks, then done or fatal. */
export type WorkerMessage =
  | { id: number; type: 'chunk'; events: ({ line: number; id: string; version: NewVersion } | { line: number; error: WireError })[]; bytesRead: number }
  | { id: number; type: 'done' }
  | { id: number; type: 'fatal'; error: WireError };

/** One file for the worker to parse (a job). */
export interface WorkerJob {
  id: number;
  path: string;
  batchSize: number;
  /** Chunks the worker may send before the importer has taken any: how far parsing runs ahead. */
  window: number;
  /**
   * The store's packed form (Store.packedForm), or null: while the importer has no room for
   * the next chunk, the worker packs its versions in that form (NewVersion.packed).
   */
  pack: string | null;
}

/** What the importer tells the worker: a file to parse, or that a chunk of the job was taken (one more may go). */
export type WorkerCommand = ({ type: 'job' } & WorkerJob) | { type: 'credit'; id: number };

/** Parsing runs at most this many batches ahead of storing: enough to ride out jitter, little memory. */
const WINDOW = 2;

/*
 * A parse worker outlives its file: the next bulk file of the process is parsed by the same
 * thread. A new one cost every file ~0.6 s more for its first 1,000 records (loading the parser
 * and the lexicon, compiling them again) while the importer waited for its first chunk: five files
 * of 10,000 records were stored at 0.83x the rate of one file of 50,000. A worker is kept only
 * after a file it parsed to the end; one stopped early, or that failed, is terminated. An idle
 * worker is unref'd, so it never keeps the process alive.
 */
const idle: Worker[] = [];
let jobs = 0;
let started = 0;

/** Parse workers this process has started (for tests: a second file reuses the first's). */
export function parseWorkersStarted(): number {
  return started;
}

function acquireWorker(): Worker {
  const kept = idle.pop();
  if (kept) {
    kept.ref();
    return kept;
  }
  const w = startWorkerThread(import.meta.url, 'parse-worker');
  started++;
  return w;
}

function releaseWorker(w: Worker, healthy: boolean): Promise<unknown> {
  w.removeAllListeners('message');
  w.removeAllListeners('error');
  w.removeAllListeners('exit');
  if (!healthy || idle.length > 0) return w.terminate();
  // A kept worker that dies while idle is dropped from the pool; the next file starts another.
  w.on('error', () => undefined);
  w.once('exit', () => {
    const at = idle.indexOf(w);
    if (at !== -1) idle.splice(at, 1);
  });
  w.unref();
  idle.push(w);
  return Promise.resolve();
}

/**
 * The chunks of parseBulkFile, parsed in a worker thread (a kept one when there is, see above).
 * If the worker cannot start, parses inline after a warning (slower, same result). A worker that
 * dies later fails the file, like a read error. The worker is stopped when the caller stops
 * iterating before the end, however it stops.
 */
export async function* parseBulkFileInWorker(path: string, batchSize: number, log: Logger = silentLogger, pack: string | null = null): AsyncGenerator<BulkChunk> {
  let worker: Worker;
  try {
    worker = acquireWorker();
  } catch (e) {
    log.warn(`ontleden in deze thread: de ontleed-worker startte niet (${e instanceof Error ? e.message : String(e)})`);
    yield* parseBulkFile(path, batchSize);
    return;
  }
  const id = ++jobs;
  const inbox: WorkerMessage[] = [];
  let failure: Error | null = null;
  let exited = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: WorkerMessage) => {
    if (m.id !== id) return;
    inbox.push(m);
    notify();
  });
  worker.on('error', (e) => {
    failure = e;
    notify();
  });
  worker.on('exit', () => {
    exited = true;
    notify();
  });
  const command = (c: WorkerCommand) => worker.postMessage(c);
  command({ type: 'job', id, path, batchSize, window: WINDOW, pack });
  let heard = false;
  let finished = false;
  try {
    for (;;) {
      while (inbox.length === 0 && failure === null && !exited) await new Promise<void>((r) => (wake = r));
      const m = inbox.shift();
      if (m === undefined) {
        const reason: Error = failure ?? new Error('de ontleed-worker stopte onverwacht');
        if (heard) throw reason;
        log.warn(`ontleden in deze thread: de ontleed-worker startte niet (${reason.message})`);
        yield* parseBulkFile(path, batchSize);
        return;
      }
      heard = true;
      if (m.type === 'done') {
        finished = true;
        return;
      }
      if (m.type === 'fatal') throw fromWire(m.error);
      // Taken: the worker may parse one more batch ahead while this one is stored.
      command({ type: 'credit', id });
      yield {
        bytesRead: m.bytesRead,
        events: m.events.map((ev) => ('error' in ev ? { line: ev.line, error: fromWire(ev.error) } : ev)),
      };
    }
  } finally {
    await releaseWorker(worker, finished && failure === null && !exited);
  }
}
