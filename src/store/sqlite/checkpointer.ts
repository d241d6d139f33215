/**
 * WAL checkpoints on a thread of their own, once a process writes a lot.
 *
 * Why: in WAL mode a commit only appends pages to the `-wal` file; copying them back into the
 * database (a checkpoint) is where SQLite syncs to disk (synchronous = NORMAL), and by default
 * the committing connection does it inside its COMMIT once the WAL holds 1,000 pages. A bulk
 * batch of 500 documents appends ~4,000, so every batch's commit copied and synced them while
 * the import waited: on a 200,000-document folder, importing 20,000 more ran at 1.26× the speed
 * with the syncs turned off altogether (three alternating runs), which is what there was to
 * win. Here a worker thread with its own connection runs a PASSIVE checkpoint after each
 * commit (it never blocks the writer, nor the writer it), and the writer checkpoints itself
 * only past a backstop, should the thread fall behind or fail. The syncs are as before, so
 * nothing is less durable; they just no longer hold up the next batch.
 *
 * The thread starts the first time a commit leaves the WAL at twice SQLite's own checkpoint
 * size: a process that writes little (a web node's sign-ins and follows) never starts one. The
 * worker is plain JavaScript run from a string: it loads nothing of ours, so it starts the
 * same from compiled code and from source under tsx.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * WAL bytes after a commit from which checkpoints move to the thread: twice SQLite's own
 * checkpoint size (1,000 pages of 4 KB), which small commits leave the file at; only a commit
 * of about a thousand pages or more takes it this far.
 */
const START_AT_BYTES = 2000 * 4096;
/** Pages past which the writer still checkpoints itself: 256 MB of WAL (a bulk batch of 500 documents appends ~16 MB). */
export const BACKSTOP_PAGES = 65_536;
/** SQLite's own default, restored on the writer when the thread fails. */
const DEFAULT_PAGES = 1000;
/** How long closing waits for the thread to close its connection. */
const STOP_WAIT_MS = 10_000;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const done = new Int32Array(workerData.done);
// Said however the thread ends, so that a close waiting for it never waits in vain.
const finish = () => { Atomics.store(done, 0, 1); Atomics.notify(done, 0); };
let db;
try {
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma('synchronous = NORMAL');
} catch (e) { finish(); throw e; }
parentPort.on('message', (m) => {
  if (m === 'stop') {
    try { db.close(); } finally { finish(); parentPort.close(); }
    return;
  }
  // PASSIVE copies what no reader still needs and returns; what it leaves, the next one copies.
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { finish(); throw e; }
});
`;
interface Checkpointer {
  committed(): void;
  stop(): void;
}

const checkpointers = new WeakMap<Database.Database, Checkpointer>();

/** Tells the connection's checkpointer (if any) that a write transaction committed. */
export function afterCommit(db: Database.Database): void {
  checkpointers.get(db)?.committed();
}

/** Stops the connection's checkpoint thread, its connection closed, before the writer closes. */
export function stopCheckpointer(db: Database.Database): void {
  checkpointers.get(db)?.stop();
  checkpointers.delete(db);
}

/** Gives `writer` (a connection to `file`, WAL mode) a checkpoint thread, started when first needed (see above). */
export function useCheckpointer(writer: Database.Database, file: string): void {
  const wal = `${file}-wal`;
  let worker: Worker | null = null;
  let failed = false;
  let done: Int32Array | null = null;

  const giveUp = () => {
    if (failed) return;
    failed = true;
    worker = null;
    // The writer checkpoints for itself again, as SQLite does by default.
    if (writer.open) writer.pragma(`wal_autocheckpoint = ${DEFAULT_PAGES}`);
  };

  const start = () => {
    const shared = new SharedArrayBuffer(4);
    done = new Int32Array(shared);
    const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
    const w = new Worker(WORKER, { eval: true, workerData: { file, sqlite, done: shared } });
    w.unref();
    w.on('error', giveUp);
    w.on('exit', () => {
      if (worker === w) giveUp();
    });
    worker = w;
    writer.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  };

  checkpointers.set(writer, {
    committed() {
      if (worker !== null) {
        worker.postMessage(0);
        return;
      }
      if (failed) return;
      let size = 0;
      try {
        size = statSync(wal).size;
      } catch {
        return;
      }
      if (size >= START_AT_BYTES) start();
    },
    stop() {
      const w = worker;
      if (w === null || done === null) return;
      worker = null;
      w.postMessage('stop');
      // Synchronously: the writer's close must be the last connection's, which copies the WAL
      // into the database and removes it (a copy of the closed folder's file then holds everything).
      Atomics.wait(done, 0, 0, STOP_WAIT_MS);
    },
  });
}
