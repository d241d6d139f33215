/**
 * The parse worker of bulk imports: reads and parses one NDJSON file (parseBulkFile) and sends
 * its chunks to the importer in order, never more than `window` chunks ahead of what the
 * importer has taken. Started by parseBulkFileInWorker; not a module to import.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseBulkFile, toWire, type WorkerInput, type WorkerMessage } from './bulk-records.js';

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs only as a worker thread');
const input = workerData as WorkerInput;

let credits = input.window;
let waiting: (() => void) | null = null;
port.on('message', () => {
  credits++;
  waiting?.();
  waiting = null;
});

const send = (m: WorkerMessage) => port.postMessage(m);

try {
  for await (const chunk of parseBulkFile(input.path, input.batchSize)) {
    while (credits === 0) await new Promise<void>((r) => (waiting = r));
    credits--;
    send({
      type: 'chunk',
      bytesRead: chunk.bytesRead,
      events: chunk.events.map((ev) => ('error' in ev ? { line: ev.line, error: toWire(ev.error) } : ev)),
    });
  }
  send({ type: 'done' });
} catch (e) {
  send({ type: 'fatal', error: toWire(e) });
}
// The importer terminates the worker once it has read `done`; unref'd, nothing here keeps it up meanwhile.
port.unref();
