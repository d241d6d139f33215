// The scale stage's import in a process of its own, started the way the CLI starts `kamerlens import`.
//
// The CLI runs a batch command on a machine of one or two cores in a second process whose V8
// thread pool is cut to one (src/cli/relaunch.ts); the stage used to import in its own process,
// which Node had started with the default pool of four threads. Measured as a user meets it, the
// import runs here: a child started with the CLI's flags for batch work (batchNodeFlags), which
// opens the data folder once and imports the files it is sent one at a time, as the stage's one
// process did (the parse worker kept between files, bulk-records.ts). Raw FTS5 stays in the
// stage's process: it is the baseline, a loop of inserts started as any script is.
//
// As a child: `node import-process.js <target as JSON>` reads one JSON job per line on stdin,
// { file, promisePass }, and answers each with one line, { docs, ms, passMs } or { error }.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { batchNodeFlags } from '../src/cli/relaunch.js';
import { importPaths } from '../src/ingest/import.js';
import { keepPromises, openPgServices, openServices, type Opened } from '../src/main.js';

/** One file's import: documents stored, its time, and of that the promise pass's. */
export interface FileImport {
  docs: number;
  ms: number;
  passMs: number;
}

/**
 * One file imported as this stage imports it, on any backend's services: `kamerlens import`'s
 * pipeline (importPaths: a parse worker overlapping the store's writes) and then, unless
 * `promisePass` is false (BENCH_SCALE_PROMISES=sample), the promise pass the CLI runs after an
 * import, timed apart (it is what grows with the archive: README, "Why the import slows").
 * bench/product-pg.ts fills PostgreSQL this way too, as a kept folder was filled.
 */
async function importLikeCli(services: Opened, file: string, promisePass: boolean): Promise<FileImport> {
  const deps = { units: services.units, store: services.store, index: services.index, structure: services.structure, tk: services.tk, vlos: services.vlos, onVersionStored: services.onVersionStored };
  const t = performance.now();
  const r = await importPaths([file], deps);
  const p = performance.now();
  if (promisePass) await keepPromises(services, false);
  const end = performance.now();
  if (r.failures.length) throw new Error(`import of ${file}: ${r.failures[0]!.message}`);
  return { docs: r.counts.new, ms: end - t, passMs: end - p };
}

export interface ImportProcess {
  importFile(file: string, promisePass: boolean): Promise<FileImport>;
  /** Closes the data folder and waits for the process to end. */
  close(): Promise<void>;
}

/** Where the process imports: a SQLite database file, or PostgreSQL (its URL and the data folder beside it). */
export type ImportTarget = { sqlite: string } | { pg: string; dataDir: string };

/** Starts the importing process on `target`. */
export function startImportProcess(target: ImportTarget): ImportProcess {
  const self = fileURLToPath(import.meta.url);
  // Built (dist/bench) or run through tsx (bench/*.ts): the child is started the same way.
  const args = [...batchNodeFlags(), ...(self.endsWith('.ts') ? ['--import', 'tsx'] : []), self, JSON.stringify(target)];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting: { ok: (r: FileImport) => void; fail: (e: Error) => void }[] = [];
  let ended: Error | null = null;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const next = waiting.shift();
    if (!next) return;
    const r = JSON.parse(line) as FileImport | { error: string };
    if ('error' in r) next.fail(new Error(r.error));
    else next.ok(r);
  });
  const exited = new Promise<void>((ok) =>
    child.once('exit', (code, signal) => {
      ended = new Error(`the import process ended (${signal ?? code})`);
      for (const w of waiting.splice(0)) w.fail(ended);
      ok();
    }),
  );
  return {
    importFile(file, promisePass) {
      if (ended) return Promise.reject(ended);
      return new Promise((ok, fail) => {
        waiting.push({ ok, fail });
        child.stdin!.write(JSON.stringify({ file, promisePass }) + '\n');
      });
    },
    async close() {
      child.stdin!.end();
      await exited;
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const target = JSON.parse(process.argv[2]!) as ImportTarget;
  const services = 'sqlite' in target ? openServices(target.sqlite) : await openPgServices(target.pg, target.dataDir);
  for await (const line of createInterface({ input: process.stdin })) {
    const job = JSON.parse(line) as { file: string; promisePass: boolean };
    try {
      process.stdout.write(JSON.stringify(await importLikeCli(services, job.file, job.promisePass)) + '\n');
    } catch (e) {
      process.stdout.write(JSON.stringify({ error: e instanceof Error ? e.message : String(e) }) + '\n');
    }
  }
  await services.close();
  // An idle parse worker is unref'd; nothing else holds the process.
}
