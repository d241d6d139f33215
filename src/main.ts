/**
 * The composition root: reads configuration, opens the store and the search index on one
 * SQLite connection, and wires ingest, services, server and CLI together. The only module
 * that knows every stage.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { loadConfig, type Config } from './config.js';
import { runCli, type CliContext } from './cli/commands.js';
import { createProgress, type ProgressSink } from './cli/progress.js';
import { extractFile } from './extract/index.js';
import { importPaths } from './ingest/import.js';
import { importUpload } from './ingest/upload.js';
import type { Logger } from './ingest/ports.js';
import { reparseAll } from './ingest/reparse.js';
import { defaultLocator, retryFailedImports } from './ingest/retry.js';
import { projectTkSearch } from './ingest/tk-search.js';
import { PROMISE_BATCH, refreshPromises } from './ingest/promises.js';
import { parseDocument } from './parse/index.js';
import { describe, parseHints } from './ingest/document.js';
import { SqliteSearchIndex } from './search/sqlite-index.js';
import type { Services } from './service/services.js';
import { describeNewVersion, storeVersionChanges } from './service/changes.js';
import { publicBaseUrl } from './service/base-url.js';
import { createApp } from './server/app.js';
import { parseTrustProxy, searchBudget, serverLimits, snippetThread } from './server/limits.js';
import { growHeapForServing } from './server/heap.js';
import { listen } from './server/listen.js';
import { SqliteStore, openDatabase } from './store/index.js';
import { rederiveVerslagen } from './ingest/vlos.js';
import { importFolderOf } from './store/sqlite/sqlite-status-store.js';
import type { TkStore } from './store/tk-store.js';
import type { VlosStore } from './store/vlos-store.js';
import type { StatusStore } from './store/status-store.js';
import type { MissingStore } from './store/missing-store.js';
import type { ChangeStore } from './store/change-store.js';
import type { PromiseStore } from './store/promise-store.js';
import type { ReadRouting } from './service/read-routing.js';
import { PgDb } from './store/postgres/connection.js';
import { PG_SCHEMA, assertSchemaCurrent, migrateSchema } from './store/postgres/schema.js';
import { PgStore, currentTextJoin, joinedTextOf } from './store/postgres/pg-store.js';
import { PgBlobStore } from './store/postgres/pg-blob-store.js';
import { FolderBlobStore } from './store/folder-blob-store.js';
import type { BlobStore } from './store/blob-store.js';
import type { Database } from './store/unit-of-work.js';
import { sqliteStores } from './store/sqlite/database.js';
import { SqliteDatabase, writerOf } from './store/sqlite/unit-of-work.js';
import { PgDatabase, type PgStoreFactories } from './store/postgres/unit-of-work.js';
import { PgStructureStore } from './store/postgres/pg-structure-store.js';
import { PgPromiseStore } from './store/postgres/pg-promise-store.js';
import { PgTkStore } from './store/postgres/tk-store.js';
import { PgVlosStore } from './store/postgres/pg-vlos-store.js';
import { PgStatusStore } from './store/postgres/pg-status-store.js';
import { PgMissingStore } from './store/postgres/pg-missing-store.js';
import { PgChangeStore } from './store/postgres/pg-change-store.js';
import { PgWatchStore } from './store/postgres/watch-store.js';
import { logDocumentVersions } from './store/postgres/watch-change-log.js';
import { PgSearchIndex } from './search/pg-index.js';
import { PG_SEARCH_MIGRATIONS } from './search/pg-search-migrations.js';
import { DEFAULT_TK_URL } from './source/tk/index.js';
import { KamerlensError } from './domain/index.js';
import { syncFeed } from './ingest/sync.js';
// watch (alerts)
import type { WatchService } from './service/watch-service.js';
import type { WatchStore } from './store/watch-store.js';
import { createSmtpMailer } from './watch/email.js';
import { createWatchService } from './watch/service.js';
import { webhookSender } from './watch/webhook.js';

/** The port `serve` listens on (PORT until it does): absolute links fall back to it. */
const listening = { port: Number(process.env.PORT) || 8080 };

export interface Opened extends Services {
  /** Units of work: `units.transaction(async (tx) => …)` with the stores bound to the one transaction. */
  units: Database;
  watch: WatchService;
  /** What the watch layer stores (accounts, monitors, deliveries); `watch` is the service on it. */
  watchStore: WatchStore;
  /** Tweede Kamer open-data entities (sync). */
  tk: TkStore;
  /** Reports of sittings as who said what, derived at sync time. */
  vlos: VlosStore;
  /**
   * Where the Kamer's downloaded files are kept, for every node: PostgreSQL's blob tables
   * when it is the database, else the data folder (`<data>/files/…`, as always). Null for an
   * in-memory database, which has no folder: the data folder of the command is used then.
   */
  blobs: BlobStore | null;
  /** The run log and freshness read-outs of `/status`. */
  status: StatusStore;
  /** Unresolved citations and users' reports of `/ontbrekend`. */
  missing: MissingStore;
  /** What each new version changed, stored when it is stored. */
  changes: ChangeStore;
  /** For every pipeline's deps: computes and stores what a newly stored version changed. */
  onVersionStored: (docId: string, version: number) => Promise<void>;
  /** What the promise pass concluded (kept, the register linked); refreshed after each import and sync. */
  promises: PromiseStore;
  /**
   * Runs a job unless another process (a worker on the same database) runs it: null then.
   * PostgreSQL: a session advisory lock, freed when its holder dies. SQLite: within this
   * process (one process writes the file at a time anyway).
   */
  lease<T>(name: string, fn: () => Promise<T>): Promise<T | null>;
  /** Reads that may be stale, sent to a streaming replica (KAMERLENS_DATABASE_READ_URL); none without one. */
  reads?: ReadRouting;
  close(): Promise<void>;
}

/** The lease of a database only this process uses. */
function processLease(): Opened['lease'] {
  const running = new Set<string>();
  return async (name, fn) => {
    if (running.has(name)) return null;
    running.add(name);
    try {
      return await fn();
    } finally {
      running.delete(name);
    }
  };
}

/** Opens the SQLite-backed store and index for a data folder (or `:memory:`). */
export function openServices(dbFile: string): Opened {
  const db = openDatabase(dbFile);
  const store = new SqliteStore(db);
  // Snippets read the store's texts: the index keeps no second copy of them.
  const index = new SqliteSearchIndex(db, { documentTexts: async (ids) => store.currentTextsAsStored(ids), writer: writerOf(db) });
  index.migrate();
  // Every store writes through the connection's one writer (store/sqlite/unit-of-work.ts).
  const stores = sqliteStores(db, { store, index, blobs: dbFile === ':memory:' ? null : new FolderBlobStore(dirname(dbFile)) });
  return compose({
    ...stores,
    units: new SqliteDatabase(db, stores),
    lease: processLease(),
    close: () => store.close(),
  });
}

/** The stores of one database, whichever it is. */
interface Stores extends Pick<Opened, 'units' | 'store' | 'index' | 'structure' | 'promises' | 'tk' | 'vlos' | 'status' | 'missing' | 'changes' | 'blobs' | 'watchStore' | 'lease' | 'reads'> {
  close(): Promise<void>;
}

/** What every backend wires the same way on top of its stores: change summaries, the watch service, mail. */
function compose(s: Stores): Opened {
  const { store, index, structure, tk, promises, changes } = s;
  const onVersionStored = (docId: string, version: number) => storeVersionChanges({ store, changes }, docId, version);
  const smtp = process.env.KAMERLENS_SMTP_URL;
  const mailer = smtp ? createSmtpMailer(smtp, process.env.KAMERLENS_MAIL_FROM ?? 'kamerlens <kamerlens@localhost>') : null;
  const watch = createWatchService({
    units: s.units,
    store: s.watchStore,
    services: { index },
    sources: { structure, tk, promises },
    mailer,
    webhooks: webhookSender(),
    describeChange: (id, version) => describeNewVersion({ store, changes }, id, version),
    // Read at each use: the configured address, a GET request's own, or the port served on.
    get baseUrl() {
      return publicBaseUrl(process.env.KAMERLENS_BASE_URL, listening.port);
    },
    log: (m) => process.stderr.write(m + '\n'),
  });
  const { close, ...rest } = s;
  return { ...rest, watch, onVersionStored, close: async () => (mailer?.close(), await index.close?.(), await close()) };
}

/** Every namespace of the PostgreSQL schema: the stores', then the search index's. */
const PG_FULL_SCHEMA = [...PG_SCHEMA, ['search', PG_SEARCH_MIGRATIONS] as const];

/**
 * The stores and the index on PostgreSQL (KAMERLENS_DATABASE_URL). Nothing is written to
 * SQLite nor to the data folder: originals and the Kamer's files are blobs in the database,
 * so a node reads what a worker on another machine downloaded.
 * The schema must be current: `kamerlens migrate` applies it, once, before nodes start.
 * With `readUrl` (a streaming replica), the same stores read it in the scopes the web server
 * marks as allowed to be stale (PgDb.onReplica; server/read-routing.ts says which requests):
 * one set of stores and one search index per node, so its caches are shared by both servers.
 */
export async function openPgServices(url: string, dataDir: string | null, readUrl: string | null = null): Promise<Opened> {
  const maxLag = Number(process.env.KAMERLENS_DATABASE_READ_MAX_LAG);
  const db = new PgDb(url, { max: Number(process.env.KAMERLENS_DATABASE_POOL) || 10, readUrl, ...(maxLag > 0 ? { maxLagMs: maxLag * 1000 } : {}) });
  try {
    await assertSchemaCurrent(db, PG_FULL_SCHEMA);
  } catch (e) {
    await db.close();
    throw e;
  }
  // Each stored version is logged for the monitors in the unit that stores it.
  const storeOn = (on: PgDb) => new PgStore(on, undefined, logDocumentVersions);
  const store = storeOn(db);
  // Snippets read the store's texts: the index keeps no copy. Both are in this database, so a
  // result page's texts are read with its hits, in one statement (currentTextJoin).
  const index = new PgSearchIndex(db, { documentTexts: (ids) => store.currentTexts(ids), storeText: { sql: currentTextJoin, textOf: joinedTextOf } });
  // The same stores on the pool (below) and on a unit's client (db.transaction's `tx`).
  const factories: PgStoreFactories = {
    store: storeOn,
    index: (on) => index.bound(on),
    structure: (on) => new PgStructureStore(on),
    promises: (on) => new PgPromiseStore(on),
    tk: (on) => new PgTkStore(on),
    vlos: (on) => new PgVlosStore(on),
    status: (on) => new PgStatusStore(on),
    missing: (on) => new PgMissingStore(on),
    changes: (on) => new PgChangeStore(on),
    blobs: (on) => new PgBlobStore(on),
    watchStore: (on) => new PgWatchStore(on),
  };
  return compose({
    units: new PgDatabase(db, factories),
    store,
    index,
    structure: factories.structure(db),
    promises: factories.promises(db),
    tk: factories.tk(db),
    vlos: factories.vlos(db),
    status: factories.status(db),
    missing: factories.missing(db),
    changes: factories.changes(db),
    watchStore: factories.watchStore(db),
    blobs: factories.blobs(db),
    lease: (name, fn) => db.withLease(name, fn),
    ...(db.replica
      ? {
          reads: {
            onReplica: (fn) => db.onReplica(fn),
            replicaStatus: async () => (await db.replicaLag())!,
          } satisfies ReadRouting,
        }
      : {}),
    close: () => store.close(),
  });
}

/** The configured database: PostgreSQL when KAMERLENS_DATABASE_URL is set, else the SQLite file of the data folder. */
function databaseUrl(): string | null {
  const url = process.env.KAMERLENS_DATABASE_URL?.trim();
  return url ? url : null;
}

/** The streaming replica for stale-tolerant reads (KAMERLENS_DATABASE_READ_URL); only beside KAMERLENS_DATABASE_URL. */
function readReplicaUrl(): string | null {
  const url = process.env.KAMERLENS_DATABASE_READ_URL?.trim();
  if (url && !databaseUrl()) throw new KamerlensError('BAD_CONFIG', 'KAMERLENS_DATABASE_READ_URL (een leesreplica) werkt alleen samen met KAMERLENS_DATABASE_URL (de primaire PostgreSQL-database)');
  return url ? url : null;
}

/** The services of the configured database (the SQLite file of the data folder by default). */
export async function openServicesFor(config: Config): Promise<Opened> {
  const url = databaseUrl();
  const readUrl = readReplicaUrl();
  return url ? openPgServices(url, config.dataDir, readUrl) : openServices(config.dbFile);
}

/** `kamerlens migrate`: brings the configured database's schema up to this version. */
export async function migrateDatabase(config: Config): Promise<{ database: string; applied: number }> {
  const url = databaseUrl();
  if (!url) {
    // SQLite migrates on opening (one process owns the file).
    await openServices(config.dbFile).close();
    return { database: config.dbFile, applied: 0 };
  }
  const { applied } = await migratePg(url);
  const u = new URL(url);
  return { database: `postgres://${u.host}${u.pathname}`, applied };
}

/** The PostgreSQL database at `url` brought up to this version's schema (`kamerlens migrate` there). */
export async function migratePg(url: string): Promise<{ applied: number }> {
  const db = new PgDb(url, { max: 2 });
  try {
    return await migrateSchema(db, PG_FULL_SCHEMA);
  } finally {
    await db.close();
  }
}

/**
 * The promise pass after new documents or open data: which promise a new letter keeps, the
 * register linked. One unit of work: a pass that fails leaves the promise tables as they
 * were (no document's conclusions forgotten without its new ones), its documents still
 * marked for the next pass; and another connection never reads a pass half done.
 */
export async function keepPromises(s: Opened, verbose: boolean, full = false, progress?: () => ProgressSink): Promise<void> {
  // Progress only for a pass of more than one batch (an archive imported, a reparse): a small one ends at once.
  let sink: ProgressSink | null = null;
  const onBatch = (documents: number, total: number, checked: number) => {
    if (total <= PROMISE_BATCH) return;
    sink ??= progress!();
    sink.update(documents, total, `${checked.toLocaleString('nl-NL')} toezeggingen nagekeken`);
  };
  // Without a sink the pass is not asked to count what it has before it.
  const r = await s.units.transaction((tx) => refreshPromises(tx, progress ? { full, onBatch } : { full })).finally(() => sink?.stop());
  if (verbose && (r.checked || r.register)) {
    process.stderr.write(`toezeggingen: ${r.checked} nagekeken, ${r.kept} nagekomen, ${r.register} uit het Kamerregister, ${r.linked} gekoppeld\n`);
  }
}

const stderrLogger = (verbose: boolean): Logger => ({
  info: (m) => verbose && process.stderr.write(m + '\n'),
  warn: (m) => process.stderr.write(m + '\n'),
  error: (m) => process.stderr.write(m + '\n'),
});

export function createCliContext(config: Config): CliContext {
  let opened: Promise<Opened> | null = null;
  /** The database's file store, or the command's data folder for an in-memory database. */
  const blobsOf = (s: Opened): BlobStore => s.blobs ?? new FolderBlobStore(config.dataDir);
  const open = (): Promise<Opened> => (opened ??= openServicesFor(config));
  const ctx: CliContext = {
    async services() {
      return open();
    },
    async migrate() {
      return migrateDatabase(config);
    },
    async worker(options, log) {
      const s = await open();
      const quiet = { update() {}, stop() {} };
      const jobs: { name: string; everyMs: number; run: () => Promise<string> }[] = [];
      if (options.sync) {
        const from = options.sync;
        jobs.push({
          name: 'sync',
          everyMs: options.syncEveryMs,
          run: async () => {
            const r = await ctx.sync({ source: from.source, ...(from.fromDir ? { fromDir: from.fromDir } : {}) }, quiet, false);
            return `${r.entities} items, ${r.files.imported} bestanden geïmporteerd${r.ok ? '' : ' (met fouten)'}`;
          },
        });
      }
      jobs.push({
        name: 'watch',
        everyMs: options.watchEveryMs,
        run: async () => {
          const r = await s.watch.run({ trigger: 'worker' });
          return `${r.monitors} volgers, ${r.newMatches} nieuwe treffers, ${r.outbox.sent} verstuurd`;
        },
      });
      let stopping = false;
      let wake: (() => void) | null = null;
      // A stop waits for the job that runs to end (a sync stops between pages anyway).
      const stop = () => {
        stopping = true;
        wake?.();
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      const next = new Map(jobs.map((j) => [j.name, 0]));
      try {
        while (!stopping) {
          for (const job of jobs) {
            if (stopping || Date.now() < next.get(job.name)!) continue;
            next.set(job.name, Date.now() + job.everyMs);
            try {
              const done = await s.lease(job.name, job.run);
              log(`worker: ${job.name}: ${done ?? 'overgeslagen (een andere worker is ermee bezig)'}`);
            } catch (e) {
              // One failed run is reported; the next is tried on schedule.
              log(`worker: ${job.name} mislukt: ${e instanceof Error ? e.message : String(e)}`);
            }
          }
          if (options.once) break;
          const wait = Math.max(100, Math.min(...jobs.map((j) => next.get(j.name)! - Date.now())));
          await new Promise<void>((r) => {
            const t = setTimeout(r, wait);
            wake = () => (clearTimeout(t), r());
          });
          wake = null;
        }
      } finally {
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
      }
    },
    async importPaths(paths, options, progress, verbose) {
      const s = await open();
      const r = await importPaths(paths, { units: s.units, store: s.store, index: s.index, structure: s.structure, tk: s.tk, vlos: s.vlos, progress, onVersionStored: s.onVersionStored, log: stderrLogger(verbose) }, options.maxBytes ? { maxBytes: options.maxBytes } : {});
      await keepPromises(s, verbose, false, () => createProgress('toezeggingen nakijken, documenten', 'items'));
      return r;
    },
    async runWatches(trigger) {
      return (await open()).watch.run({ trigger });
    },
    async watch() {
      return (await open()).watch;
    },
    async syncSampleWorld(progress) {
      return ctx.sync({ source: config.tkWorldDir, fromDir: config.tkWorldDir }, progress, false);
    },
    async importSample(progress) {
      return ctx.importPaths([config.sampleDir], {}, progress, false);
    },
    async reparse(progress) {
      const s = await open();
      const r = await reparseAll({ units: s.units, store: s.store, index: s.index, structure: s.structure, tk: s.tk, vlos: s.vlos, onVersionStored: s.onVersionStored, progress });
      // Reports of sittings are parsed from their XML, not from the stored text.
      await rederiveVerslagen({ units: s.units, store: s.store, index: s.index, structure: s.structure, onVersionStored: s.onVersionStored, tkStore: s.tk, vlos: s.vlos }, blobsOf(s), { all: true });
      // Files that could not be read before may read now (a new format, a fixed reader).
      const retry = await retryFailedImports(
        { units: s.units, store: s.store, index: s.index, structure: s.structure, vlos: s.vlos, tk: s.tk, onVersionStored: s.onVersionStored, log: stderrLogger(false) },
        defaultLocator({ tkStore: s.tk, blobs: blobsOf(s) }),
      );
      // Reparsing rebuilt document entries from the text alone: add the Kamer's actors again.
      await projectTkSearch({ units: s.units, store: s.store, index: s.index, tk: s.tk, structure: s.structure }, { full: true });
      await keepPromises(s, false, true, () => createProgress('toezeggingen nakijken, documenten', 'items'));
      return { ...r, retry };
    },
    async sync(options, progress, verbose) {
      const s = await open();
      const result = await syncFeed(
        {
          dataDir: config.dataDir,
          ...(options.fromDir ? { fromDir: options.fromDir } : { source: options.source }),
          ...(process.env.KAMERLENS_TK_FILE_HOSTS ? { fileHosts: process.env.KAMERLENS_TK_FILE_HOSTS.split(',').map((h) => h.trim()).filter(Boolean) } : {}),
          ...(options.categories ? { categories: options.categories } : {}),
          ...(options.maxPages ? { maxPages: options.maxPages } : {}),
          ...(options.files === false ? { files: false } : {}),
        },
        { units: s.units, store: s.store, index: s.index, structure: s.structure, onVersionStored: s.onVersionStored, tkStore: s.tk, vlos: s.vlos, runs: s.status, blobs: blobsOf(s), progress, log: stderrLogger(verbose) },
      );
      // Even after a sync that stopped early: what it stored is searchable.
      const projected = await projectTkSearch({ units: s.units, store: s.store, index: s.index, tk: s.tk, structure: s.structure });
      if (verbose) process.stderr.write(`zoekindex: ${projected.indexed} open-data-items bijgewerkt, ${projected.removed} verwijderd\n`);
      await keepPromises(s, verbose);
      return result;
    },
    async parseFile(path) {
      const name = basename(path);
      const extracted = await extractFile(new Uint8Array(await readFile(path)), name, { maxBytes: 100 * 1048576 });
      return describe(extracted, parseDocument(extracted.text, parseHints(name, extracted.declared)), name).structure;
    },
    async serve(port, host) {
      // Before the caches fill (server/heap.ts says why).
      growHeapForServing();
      const s = await open();
      const app = createApp({
        ...s,
        retry: retrier(ctx, s),
        // The browser's upload runs the pipeline of `kamerlens import`.
        importUpload: async (f) => {
          const r = await importUpload(f, { units: s.units, store: s.store, index: s.index, structure: s.structure, tk: s.tk, vlos: s.vlos, onVersionStored: s.onVersionStored, log: stderrLogger(false) });
          await keepPromises(s, false);
          return r;
        },
      }, { trustProxy: parseTrustProxy(process.env.KAMERLENS_TRUST_PROXY), ...(searchBudget() !== undefined ? { searchBudgetMs: searchBudget()! } : {}) });
      // Before listening, not at the first request: a node behind a load balancer takes
      // traffic once it answers fast (at 600,000 documents the state and the lexicon are
      // ~0.3 s, which would otherwise fall on the first visitor).
      // Under load a request's snippets are cut on another thread while it counts and searches
      // the panel (snippet-cutter.ts says why not for a lone request).
      const offload = snippetThread();
      if (offload !== null) await s.index.offloadSnippets?.((e) => process.stderr.write(`kamerlens: snippets worden in deze thread gesneden (de snippet-worker: ${e.message})\n`), offload);
      await s.index.warm?.();
      const l = await listen(app, { port, hostname: host, limits: serverLimits() });
      listening.port = l.port;
      process.stderr.write(`kamerlens: ${databaseUrl() ? 'de PostgreSQL-database' : config.dbFile} is te bekijken op http://${host === '0.0.0.0' ? 'localhost' : host}:${l.port}\n`);
      await new Promise<void>((resolveServe) => {
        const stop = () => void l.close().then(resolveServe);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    },
    async close() {
      const o = opened;
      opened = null;
      // A database that could not be opened was reported where it failed: nothing to close.
      const s = await o?.catch(() => null);
      await s?.close();
    },
  };
  return ctx;
}

/**
 * The status page's "opnieuw proberen": a category is synced again from where it last came
 * from, the file downloads by a sync of no category (which fetches the queued files first),
 * an import folder by importing its failed files again. One attempt at a time, in the
 * background: the page answers at once and shows the outcome when reloaded.
 */
export function retrier(ctx: CliContext, s: Opened): (source: string) => Promise<string | null> {
  let running = false;
  const quiet = { update() {}, stop() {} };
  return async (source) => {
    if (running) return null;
    let work: () => Promise<unknown>;
    let what: string;
    const runs = new Map((await s.status.runSummaries()).map((r) => [r.source, r]));
    const originOf = (id: string) => runs.get(id)?.origin ?? DEFAULT_TK_URL;
    const from = (origin: string) => (/^https?:/.test(origin) ? { source: origin } : { source: origin, fromDir: origin });
    if (source.startsWith('tk:')) {
      const category = source.slice(3);
      work = () => ctx.sync({ ...from(originOf(source)), categories: [category] }, quiet, false);
      what = `De synchronisatie van ${category} is opnieuw gestart.`;
    } else if (source === 'tk-files') {
      work = () => ctx.sync({ ...from(originOf(source)), categories: [] }, quiet, false);
      what = 'De bestanden die niet opgehaald konden worden, worden opnieuw opgehaald.';
    } else if (source.startsWith('import:')) {
      const folder = source.slice('import:'.length);
      const failed = (await s.status.importFailures(10_000)).map((f) => f.source.replace(/:\d+$/, '')).filter((p) => importFolderOf(p) === folder);
      const paths = [...new Set(failed)];
      work = () => ctx.importPaths(paths, {}, quiet, false);
      what = `${paths.length === 1 ? '1 bestand wordt' : `${paths.length} bestanden worden`} opnieuw geïmporteerd.`;
    } else {
      return null;
    }
    running = true;
    void work()
      .catch((e) => process.stderr.write(`kamerlens: opnieuw proberen van ${source} mislukt: ${e instanceof Error ? e.message : String(e)}\n`))
      .finally(() => (running = false));
    return what;
  };
}

const isEntry = process.argv[1] && /(?:^|[\\/])(main\.(?:js|ts)|kamerlens(?:\.js)?)$/.test(process.argv[1]);
if (isEntry) {
  await runCli(createCliContext(loadConfig(process.argv.slice(2))), process.argv);
}
