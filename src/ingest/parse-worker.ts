/**
 * The parse worker of bulk imports: for each job (one NDJSON file) it reads and parses the file
 * (parseBulkFile) and sends its chunks to the importer in order, never more than `window` chunks
 * ahead of what the importer has taken; then it waits for the next job (a worker outlives its
 * file: bulk-records.ts). Started by parseBulkFileInWorker; not a module to import.
 */
import { parentPort } from 'node:worker_threads';
import { setImmediate as turn } from 'node:timers/promises';
import type { PackedVersion } from '../store/index.js';
import { PACKED_FORM, packVersion } from '../store/sqlite/codec.js';
import { parseBulkFile, toWire, type BulkEvent, type WorkerCommand, type WorkerJob, type WorkerMessage } from './bulk-records.js';

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs only as a worker thread');

/** The job being parsed, with the chunks it may still send before the importer takes one. */
let current: { id: number; credits: number; waiting: (() => void) | null } | null = null;

port.on('message', (c: WorkerCommand) => {
  if (c.type === 'job') {
    void run(c);
    return;
  }
  if (current !== null && c.id === current.id) {
    current.credits++;
    current.waiting?.();
    current.waiting = null;
  }
});

const send = (m: WorkerMessage) => port.postMessage(m);

/** A packed version as it crosses to the importer: zlib's output is a view of a 16 KB buffer, which a message would copy whole. */
const compact = (p: PackedVersion): PackedVersion => ({
  form: p.form,
  text: new Uint8Array(p.text),
  pages: p.pages && new Uint8Array(p.pages),
  structure: new Uint8Array(p.structure),
});

/** Versions packed between two turns of the event loop, in which a credit can arrive. */
const PACK_STEP = 8;

/**
 * Packs the chunk's versions for the store while the importer has no room for the chunk: at an
 * archive's size its writer is the slower thread, and this is time the worker would otherwise
 * wait. Stops as soon as a credit arrives (the importer packs what is left), so when parsing
 * is the slower side nothing is packed here and nothing waits for it.
 */
async function packWhileWaiting(job: { credits: number }, events: BulkEvent[], packer: typeof packVersion | null): Promise<void> {
  if (!packer) return;
  for (let i = 0; i < events.length && job.credits === 0; i++) {
    const ev = events[i]!;
    if (!('error' in ev)) ev.version.packed = compact(packer(ev.version));
    if (i % PACK_STEP === PACK_STEP - 1) await turn();
  }
}

async function run(input: WorkerJob): Promise<void> {
  const job = { id: input.id, credits: input.window, waiting: null as (() => void) | null };
  current = job;
  // The only form this worker knows how to make; a store keeping another form packs for itself.
  const packer = input.pack === PACKED_FORM ? packVersion : null;
  try {
    for await (const chunk of parseBulkFile(input.path, input.batchSize)) {
      await packWhileWaiting(job, chunk.events, packer);
      while (job.credits === 0) await new Promise<void>((r) => (job.waiting = r));
      job.credits--;
      send({
        id: job.id,
        type: 'chunk',
        bytesRead: chunk.bytesRead,
        events: chunk.events.map((ev) => ('error' in ev ? { line: ev.line, error: toWire(ev.error) } : ev)),
      });
    }
    send({ id: job.id, type: 'done' });
  } catch (e) {
    send({ id: job.id, type: 'fatal', error: toWire(e) });
  } finally {
    if (current === job) current = null;
  }
}
