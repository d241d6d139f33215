/**
 * The snippet worker: cuts the snippets a web node's searches ask for (snippet-cutter.ts,
 * workerCutter). Started by it; not a module to import.
 */
import { parentPort } from 'node:worker_threads';
import { cutHere, fromWire, type CutReply, type CutRequest } from './snippet-cutter.js';

const port = parentPort;
if (!port) throw new Error('snippet-worker.ts runs only as a worker thread');

port.on('message', (m: CutRequest) => {
  let reply: CutReply;
  try {
    const spec = fromWire(m.spec);
    reply = { id: m.id, snippets: cutHere(m.texts, spec) };
  } catch (e) {
    reply = { id: m.id, error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});
