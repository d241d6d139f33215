/**
 * `kamerlens sync`: keeps a local copy of the Tweede Kamer open data by following the
 * SyncFeed per category, pages committed in order together with the cursor of the last one
 * (a few pages per transaction), with the entities' files downloaded alongside and Document
 * files imported into the document store.
 */
import { createHash } from 'node:crypto';
import { posix, resolve } from 'node:path';
import { isKamerlensError } from '../domain/errors.js';
import { TK_CATEGORIES, canonicalTkCategory, FILE_ID_RULE, isTkCategory, isTkFileId, tkText, type TkEntity, type TkFeedPage, type TkFileRecord } from '../domain/tk.js';
import { DEFAULT_TK_URL, DirTkSource, HttpTkSource, XSD_FIELDS, isUnreachable, networkCode, type RetryPolicy, type TkSource } from '../source/tk/index.js';
import type { BlobStore } from '../store/blob-store.js';
import { FolderBlobStore } from '../store/folder-blob-store.js';
import type { StatusStore } from '../store/status-store.js';
import { REFUSED, isRefusal, type TkEntryWrite, type TkStore } from '../store/tk-store.js';
import type { VlosStore } from '../store/vlos-store.js';
import { importContent, type ContentInput, type IngestDeps } from './import.js';
import { noProgress, silentLogger } from './ports.js';
import { deriveVerslag, rederiveVerslagen } from './vlos.js';

export interface SyncOptions {
  /** Base URL of the open-data service (CLI `--source`, env `KAMERLENS_TK_URL`). Default: the real one. */
  source?: string;
  /** Read saved feed pages from this folder instead of the network (CLI `--from-dir`). */
  fromDir?: string;
  /** Categories to sync (CLI `--categories`, any case); default every category of the live feed. */
  categories?: string[];
  /** Hosts besides the source's own that enclosures may come from (`KAMERLENS_TK_FILE_HOSTS`). */
  fileHosts?: string[];
  /** At most this many pages per category in this run (CLI `--max-pages`); default no limit. */
  maxPages?: number;
  /** The data folder; without `SyncDeps.blobs`, files go to `<dataDir>/files/`. */
  dataDir: string;
  /** Parallel file downloads (default 4). */
  fileConcurrency?: number;
  /** Download enclosures (default true). */
  files?: boolean;
  /** Backoff settings for the HTTP client (tests inject `sleep`). */
  retry?: Partial<RetryPolicy>;
  /**
   * Pages are written together, with the cursor of the last one, until a transaction holds
   * at least this many entities (default 2500, ten pages of the real feed) or two seconds
   * have passed since the last commit. Ids are random, so every commit rewrites index pages
   * all over the file: 50,000 entities wrote 1.1 GB at 1,000 per commit, 0.57 GB at 2,500.
   */
  commitEvery?: number;
}

export interface SyncDeps extends IngestDeps {
  tkStore: TkStore;
  /** Overrides `source`/`fromDir`, for tests and benchmarks. */
  tkSource?: TkSource;
  /** Where reports of sittings (VLOS) are derived to from their downloaded files; none: not derived. */
  vlos?: VlosStore;
  /**
   * Told of each category's run and of the file downloads (the status page's history); its
   * summaries tell which feed a cursor stored before cursors had an origin came from.
   */
  runs?: Pick<StatusStore, 'recordRun'> & Partial<Pick<StatusStore, 'runSummaries'>>;
  /**
   * Where the downloaded files are kept (keys from `tkFilePath`): PostgreSQL's blobs when it
   * is the database, so every node reads them; default the data folder.
   */
  blobs?: BlobStore;
}

export interface CategoryResult {
  category: string;
  pages: number;
  upserted: number;
  deleted: number;
  /** The stored cursor after this run (null: never synced). */
  cursor: string | null;
  /** True when the feed had no further page. */
  caughtUp: boolean;
  /**
   * The source does not offer the category (its first page answered 404, 410 or 400, or a saved world
   * has no folder for it): skipped without error, unless the source offers none of the
   * categories asked for, which says the address is wrong.
   */
  absent: boolean;
  error: string | null;
}

export interface SyncResult {
  /** False when some category could not be synced after all retries (see `categories[].error`). */
  ok: boolean;
  categories: CategoryResult[];
  /** `refused`: enclosures the feed may not decide (an id that cannot name a file, unknown category, another host); not retried. */
  files: { fetched: number; unchanged: number; missing: number; broken: number; refused: number; imported: number; importFailed: number };
  entities: number;
  /** What the feed sent that the official XSDs do not know: kept, reported once per run. */
  unknown: string[];
  elapsedMs: number;
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/msword': 'doc',
  'text/plain': 'txt',
  'text/html': 'html',
  'application/xml': 'xml',
  'text/xml': 'xml',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/** File extension for a MIME type (parameters ignored); `bin` when unknown. */
export function extensionFor(contentType: string | null): string {
  return EXTENSIONS[(contentType ?? '').split(';')[0]!.trim().toLowerCase()] ?? 'bin';
}

/**
 * Where version `version` of an entity's file lives, relative to the data folder. Built
 * from a known category and a GUID only: the feed decides neither a folder nor a name
 * (an id `../../x` must not write outside the data folder). Throws on anything else.
 */
export function tkFilePath(file: Pick<TkFileRecord, 'entityId' | 'category' | 'contentType'>, version: number): string {
  if (!isTkCategory(file.category)) throw new RangeError(`categorie ${JSON.stringify(file.category)} is geen bekende categorie`);
  if (!isTkFileId(file.entityId)) throw new RangeError(`entiteit-id ${JSON.stringify(file.entityId)} kan geen bestandsnaam zijn (${FILE_ID_RULE})`);
  if (!Number.isSafeInteger(version) || version < 1) throw new RangeError(`ongeldige bestandsversie ${version}`);
  // Also the blob key: `/` on every platform, and `blobKey` checks it once more.
  return posix.join('files', file.category, file.entityId.slice(0, 2), `${file.entityId}.v${version}.${extensionFor(file.contentType)}`);
}

/**
 * The feed a sync reads, as cursors and the run log name it: a URL as its canonical form
 * without a trailing slash, a folder of saved pages as its absolute path, so that
 * `../feed` and `/work/feed` are one feed and the bundled world and the real feed are two.
 */
export function feedOrigin(source: string): string {
  if (/^https?:\/\//i.test(source)) {
    try {
      return new URL(source).href.replace(/\/+$/, '');
    } catch {
      return source;
    }
  }
  return resolve(source);
}

/** Reports what the XSDs do not know (a category, an element) once per run. */
class UnknownReporter {
  private readonly seen = new Set<string>();
  constructor(
    private readonly out: string[],
    private readonly warn: (message: string) => void,
  ) {}

  check(e: TkEntity): void {
    if (e.deleted) return;
    if (!isTkCategory(e.category)) {
      this.once(`category ${e.category}`, `onbekende categorie ${e.category} (entiteit ${e.id}): bewaard zoals verstuurd`);
      return;
    }
    // DocumentPublicatie(Metadata) are live categories without a published XSD.
    const known = this.knownOf(e.category);
    if (!known) return;
    const names = new Set<string>();
    for (const f in e.fields) names.add(f.split('.')[0]!);
    for (const r of e.refs) names.add(r.name.split('.')[0]!);
    for (const n of names) {
      if (!known.has(n) && !KNOWN_EXTRAS.has(n)) this.once(`${e.category}.${n}`, `element <${n}> van ${e.category} staat niet in de XSD's (entiteit ${e.id}): bewaard zoals verstuurd`);
    }
  }

  /** Every entity is checked: sets, not the generated arrays, on this hot path. */
  private readonly known = new Map<string, Set<string> | null>();
  private knownOf(category: string): Set<string> | null {
    let set = this.known.get(category);
    if (set === undefined) this.known.set(category, (set = XSD_FIELDS[category] ? new Set(XSD_FIELDS[category]) : null));
    return set;
  }

  private once(key: string, message: string): void {
    if (this.seen.has(key) || this.seen.size > 1000) return;
    this.seen.add(key);
    this.out.push(key);
    this.warn(message);
  }
}

/** Elements the real feed sends outside the XSDs that kamerlens reads on purpose. */
const KNOWN_EXTRAS = new Set(['toegezegdAan']);


/** A slow feed still commits (and reports progress) this often. */
const COMMIT_AFTER_MS = 2000;

/** A failure's message, with the system code behind a bare "fetch failed" (ECONNREFUSED, ENOTFOUND, …). */
const errorText = (e: unknown) => {
  if (!(e instanceof Error)) return String(e);
  const code = networkCode(e);
  return code !== null && !e.message.includes(code) ? `${e.message} (${code})` : e.message;
};

/**
 * Runs one sync. For each category (in `TK_CATEGORIES` order): continues from the stored
 * cursor, follows `rel="next"` until the feed is caught up or `maxPages` is reached, fetching
 * each next page while the previous ones are written, and stores the entries of one or more
 * whole pages together with the cursor of the last one in one transaction (`commitEvery`).
 * Enclosures are downloaded in the background (bounded concurrency), accepted only at the
 * announced byte count, written atomically to the blob store (`<dataDir>/files/` by default) next to their earlier
 * versions; Document files then go through `importContent` (`source: tk:<guid>`, id from
 * `documentNummer`). Missing (404) and broken files are recorded and retried on the next run.
 *
 * Never throws for a feed or file fault: a category that keeps failing after the client's
 * retries is reported in the result (`ok: false`) and the other categories still run.
 * Resumable: after a crash at any moment the next run continues from the last committed
 * page and ends with the same data as an uninterrupted run (files are re-queued durably
 * with the page that announced them).
 */
export async function syncFeed(options: SyncOptions, deps: SyncDeps): Promise<SyncResult> {
  const t0 = Date.now();
  const log = deps.log ?? silentLogger;
  const progress = deps.progress ?? noProgress;
  const source =
    deps.tkSource ??
    (options.fromDir
      ? new DirTkSource(options.fromDir)
      : new HttpTkSource({
          baseUrl: options.source ?? DEFAULT_TK_URL,
          ...(options.retry ? { retry: options.retry } : {}),
          ...(options.fileHosts ? { fileHosts: options.fileHosts } : {}),
          onRetry: (what, e, attempt, delay) => log.warn(`poging ${attempt + 1} over ${(delay / 1000).toFixed(1).replace('.', ',')} s: ${what}: ${errorText(e)}`),
        }));
  const categories: string[] = options.categories?.map((c) => canonicalTkCategory(c) ?? c) ?? [...TK_CATEGORIES];
  const result: SyncResult = {
    ok: true,
    categories: [],
    files: { fetched: 0, unchanged: 0, missing: 0, broken: 0, refused: 0, imported: 0, importFailed: 0 },
    entities: 0,
    unknown: [],
    elapsedMs: 0,
  };
  const unknown = new UnknownReporter(result.unknown, (m) => log.warn(m));
  {
    const bad = categories.filter((c) => !isTkCategory(c));
    if (bad.length) throw new RangeError(`onbekende categorie${bad.length === 1 ? '' : 'ën'}: ${bad.join(', ')} (bekend: ${TK_CATEGORIES.join(', ')})`);
  }
  const blobs = deps.blobs ?? new FolderBlobStore(options.dataDir);
  const files = options.files === false ? null : new FileQueue(options, deps, blobs, source, result.files);
  const commitEvery = Math.max(1, options.commitEvery ?? 2500);

  /** A page, fetched in the background: its failure is only seen when it is awaited. */
  const prefetch = (category: string, after: string | null): Promise<TkFeedPage> => {
    const p = source.page(category, after);
    p.catch(() => undefined);
    return p;
  };

  const origin = feedOrigin(options.fromDir ?? options.source ?? DEFAULT_TK_URL);
  /**
   * Cursors stored before cursors had an origin ('') are given theirs once, before any
   * category runs: the feed of the category's last successful run (a successful run ends on
   * its own cursor, where a failed one, such as another feed asked for a skiptoken it never
   * had, may have stored nothing), or this feed when the run log does not tell (a database
   * from before it). A skiptoken asked of a feed that did not send it fails every run.
   */
  const adoptLegacyCursors = async (): Promise<void> => {
    const legacy = (await deps.tkStore.listCursors()).filter((c) => c.origin === '');
    if (legacy.length === 0) return;
    const summaries = deps.runs?.runSummaries ? await deps.runs.runSummaries() : [];
    const lastFeed = new Map(summaries.flatMap((r) => (r.lastSuccess?.origin ? [[r.source, feedOrigin(r.lastSuccess.origin)] as const] : [])));
    for (const c of legacy) {
      const owner = lastFeed.get(`tk:${c.category}`) ?? origin;
      await deps.units.transaction(async ({ tk }) => {
        if ((await tk.getCursor(c.category, owner)) === null) await tk.applyPage(c.category, [], { origin: owner, skiptoken: c.cursor });
        await tk.dropCursor(c.category, '');
      });
    }
  };

  /**
   * One category from its stored cursor: the next page is fetched while the current one is
   * written, pages are committed in order, each commit holding its entries and the cursor of
   * its last page, so a crash at any point resumes after the last commit.
   */
  const syncCategory = async (category: string, r: CategoryResult, report: (status: string) => void): Promise<unknown> => {
    let committed = await deps.tkStore.getCursor(category, origin);
    r.cursor = committed;
    let batch: TkEntryWrite[] = [];
    let batchCursor = committed;
    const started = Date.now();
    let lastCommit = started;

    const commit = async (): Promise<void> => {
      if (batch.length === 0 && batchCursor === committed) return;
      const entries = batch;
      batch = [];
      const applied = await deps.units.transaction((tx) => tx.tk.applyPage(category, entries, batchCursor === null ? null : { origin, skiptoken: batchCursor }));
      lastCommit = Date.now();
      committed = batchCursor;
      r.cursor = committed;
      r.upserted += applied.upserted;
      r.deleted += applied.deleted;
      result.entities += entries.length;
      if (files) for (const e of entries) if (e.enclosure && !e.entity.deleted) await files.add(e.entity.id);
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      const n = r.upserted + r.deleted;
      const status = `${category}: ${n.toLocaleString('nl-NL')} ${n === 1 ? 'item' : 'items'}, ${Math.round(n / seconds).toLocaleString('nl-NL')}/s, cursor ${committed ?? '-'}`;
      report(status);
      log.info(status);
    };

    try {
      let pending: Promise<TkFeedPage> | null = options.maxPages === undefined || options.maxPages > 0 ? prefetch(category, committed) : null;
      while (pending) {
        let page: TkFeedPage;
        try {
          page = await pending;
        } catch (e) {
          // What was fetched before the failure is kept.
          await commit();
          throw e;
        }
        if (page.absent) {
          r.absent = true;
          r.caughtUp = true;
          log.info(`${category}: niet aangeboden door ${source.label}; overgeslagen`);
          break;
        }
        r.pages++;
        const last = page.entries.findLast((e) => e.cursor !== null)?.cursor ?? page.next;
        const next = last ?? batchCursor;
        // No next link means caught up; a next link that does not move would loop forever.
        const caughtUp = page.next === null || next === batchCursor;
        pending = !caughtUp && (options.maxPages === undefined || r.pages < options.maxPages) ? prefetch(category, next) : null;
        for (const e of page.entries) {
          unknown.check(e.entity);
          batch.push(e);
        }
        batchCursor = next;
        if (pending === null || batch.length >= commitEvery || Date.now() - lastCommit >= COMMIT_AFTER_MS) {
          // Lets the prefetch's request go out before the synchronous write holds the thread.
          if (pending) await new Promise<void>((resolve) => setImmediate(resolve));
          await commit();
        }
        r.caughtUp = caughtUp;
      }
      return null;
    } catch (e) {
      r.error = errorText(e);
      result.ok = false;
      log.error(`sync van ${category} gestopt bij cursor ${committed ?? 'begin'}: ${r.error}; de andere categorieën gaan door`);
      return e;
    }
  };

  try {
    // Files left over by an earlier (failed or killed) run go first.
    // A refused file stays refused until the entity is re-sent (which queues it as pending again),
    // except one refused by the rule before this one, which admitted GUIDs only (its reason names
    // a GUID), whose id today's rule admits: tried once more (refused again, with today's
    // reason, if its link is still not one to follow).
    if (files) {
      for (const f of await deps.tkStore.filesToFetch(100_000)) {
        const refused = f.status === 'broken' && isRefusal(f.lastError);
        if (!refused || (/GUID/.test(f.lastError ?? '') && isTkFileId(f.entityId))) await files.add(f.entityId);
      }
    }
    await adoptLegacyCursors();

    // The status page's history: when each source last ran, and how it went.
    const logRun = async (source: string, startedAt: string, items: number, error: string | null) =>
      deps.runs?.recordRun({ source, origin, startedAt, finishedAt: new Date().toISOString(), ok: error === null, items, error });
    // Runs of categories the source does not offer are logged once it is known whether it offers any.
    const absentRuns: [string, string][] = [];
    let unreachable = false;
    for (const [index, category] of categories.entries()) {
      const r: CategoryResult = { category, pages: 0, upserted: 0, deleted: 0, cursor: null, caughtUp: false, absent: false, error: null };
      result.categories.push(r);
      const startedAt = new Date().toISOString();
      const failure = await syncCategory(category, r, (status) => progress.update(index, categories.length, status));
      if (failure !== null && isUnreachable(failure) && result.categories.every((c) => c.pages === 0 && !c.absent)) {
        // Nobody answers at the address: each further category would spend its retries (a
        // quarter of a minute each, ten minutes for all) to fail the same way.
        for (const rest of categories.slice(index + 1)) {
          result.categories.push({ category: rest, pages: 0, upserted: 0, deleted: 0, cursor: await deps.tkStore.getCursor(rest, origin), caughtUp: false, absent: false, error: `niet geprobeerd: ${source.label} is onbereikbaar (${networkCode(failure)})` });
        }
        log.error(`${source.label} is onbereikbaar (${networkCode(failure)}); de sync stopt. Klopt het adres (--source, KAMERLENS_TK_URL)?`);
        await logRun(`tk:${category}`, startedAt, 0, r.error);
        unreachable = true;
        // Files left over by an earlier run would spend their retries the same way.
        files?.abandon();
        break;
      }
      if (r.absent) absentRuns.push([category, startedAt]);
      else await logRun(`tk:${category}`, startedAt, r.upserted + r.deleted, r.error);
    }
    // Not one category asked for is offered: a wrong address or folder, not a subset.
    const noneOffered = result.categories.length > 0 && result.categories.every((c) => c.absent) ? `${source.label} biedt deze categorie niet aan` : null;
    if (noneOffered !== null) {
      result.ok = false;
      for (const c of result.categories) c.error = noneOffered;
      log.error(`${source.label} biedt geen van de gevraagde categorieën aan; klopt het adres of de map?`);
    }
    for (const [category, startedAt] of absentRuns) await logRun(`tk:${category}`, startedAt, 0, noneOffered);
    if (files) {
      await files.drain();
      // Entities re-sent while their file was downloading were re-queued: fetch those now
      // (not from a source nobody answers at: they stay pending for the next run).
      if (!unreachable) for (const f of await deps.tkStore.filesToFetch(100_000)) if (f.status === 'pending') await files.add(f.entityId);
      await files.drain();
      await catchUpReports(blobs, deps);
      // The run itself completed; files that failed are listed one by one from the file queue.
      await logRun('tk-files', new Date(t0).toISOString(), result.files.fetched + result.files.unchanged, null);
    }
  } finally {
    progress.stop();
  }
  result.elapsedMs = Date.now() - t0;
  return result;
}

/** Reports parsed by an older parser (or never) are re-derived from their saved files. */
async function catchUpReports(blobs: BlobStore, deps: SyncDeps): Promise<void> {
  if (!deps.vlos) return;
  const r = await rederiveVerslagen({ ...deps, vlos: deps.vlos }, blobs);
  if (r.parsed + r.failed > 0) (deps.log ?? silentLogger).info(`verslagen opnieuw afgeleid: ${r.parsed}, mislukt: ${r.failed}`);
}

/** Downloads and stores entity files with bounded concurrency; one task per entity at a time. */
class FileQueue {
  private readonly waiting: string[] = [];
  private readonly queued = new Set<string>();
  private running = 0;
  private readonly idle: (() => void)[] = [];
  private readonly room: (() => void)[] = [];
  private readonly concurrency: number;

  constructor(
    private readonly options: SyncOptions,
    private readonly deps: SyncDeps,
    private readonly blobs: BlobStore,
    private readonly source: TkSource,
    private readonly counts: SyncResult['files'],
  ) {
    this.concurrency = Math.max(1, options.fileConcurrency ?? 4);
  }

  /** Queues an entity's file; waits while the backlog is long so memory stays flat. */
  async add(entityId: string): Promise<void> {
    if (this.queued.has(entityId)) return;
    this.queued.add(entityId);
    this.waiting.push(entityId);
    this.pump();
    while (this.waiting.length > 256) await new Promise<void>((r) => this.room.push(r));
  }

  async drain(): Promise<void> {
    while (this.running > 0 || this.waiting.length > 0) await new Promise<void>((r) => this.idle.push(r));
  }

  /** Drops what waits (it stays as stored, for the next run); what is under way finishes. */
  abandon(): void {
    for (const id of this.waiting.splice(0)) this.queued.delete(id);
    this.room.splice(0).forEach((r) => r());
    if (this.running === 0) this.idle.splice(0).forEach((r) => r());
  }

  private pump(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const id = this.waiting.shift()!;
      this.running++;
      void this.fetch(id)
        .catch((e) => (this.deps.log ?? silentLogger).error(`bestand van ${id}: ${errorText(e)}`))
        .finally(() => {
          this.running--;
          this.queued.delete(id);
          this.room.splice(0).forEach((r) => r());
          this.pump();
          if (this.running === 0 && this.waiting.length === 0) this.idle.splice(0).forEach((r) => r());
        });
    }
  }

  private async fetch(entityId: string): Promise<void> {
    const { tkStore } = this.deps;
    const log = this.deps.log ?? silentLogger;
    const rec = await tkStore.getFile(entityId);
    if (!rec || rec.status === 'ok') return;
    // The feed decides no path: an id or category that is not one of ours fetches nothing.
    const refusal = !isTkFileId(rec.entityId)
      ? `entiteit-id ${JSON.stringify(rec.entityId)} kan geen bestandsnaam zijn (${FILE_ID_RULE})`
      : !isTkCategory(rec.category)
        ? `categorie ${JSON.stringify(rec.category)} is onbekend`
        : null;
    const res = refusal ? ({ status: 'refused', error: refusal } as const) : await this.source.resource(rec.href, rec.expectedLength);
    if (res.status === 'refused') {
      this.counts.refused++;
      log.warn(`bestand geweigerd (pas opnieuw geprobeerd als de Kamer de entiteit wijzigt): ${rec.category} ${entityId}: ${res.error}`);
      // Stored as broken with the reason; the next run leaves it alone (REFUSED).
      await tkStore.recordFileFailed(entityId, 'broken', `${REFUSED}${res.error}`);
      return;
    }
    if (res.status !== 'ok') {
      this.counts[res.status]++;
      log.warn(`bestand ${res.status === 'missing' ? 'ontbreekt' : 'kapot'} (volgende run opnieuw geprobeerd): ${rec.category} ${entityId}: ${res.error}`);
      await tkStore.recordFileFailed(entityId, res.status, res.error);
      return;
    }
    const hash = createHash('sha256').update(res.bytes).digest('hex');
    let version = rec.version;
    let path = rec.path;
    if (hash !== rec.contentHash || path === null) {
      version = rec.version + 1;
      path = tkFilePath(rec, version);
      await this.blobs.put(path, res.bytes, { contentType: rec.contentType ?? 'application/octet-stream' });
      this.counts.fetched++;
    } else {
      this.counts.unchanged++;
    }
    if (rec.category === 'Document') await this.importDocument(rec, res.bytes);
    if (rec.category === 'Verslag') await this.deriveReport(rec, res.bytes);
    await tkStore.recordFileFetched(entityId, rec.entityUpdated, { version, contentHash: hash, byteCount: res.bytes.byteLength, path });
  }

  /**
   * A report of a sitting is parsed once, here, into who said what (ingest/vlos.ts), and
   * imported as a handelingen document: counted as imported like a Document's file (it was
   * counted only when it failed, so a sync of the real sample said 5 imported beside 6 new
   * documents).
   */
  private async deriveReport(rec: TkFileRecord, bytes: Uint8Array): Promise<void> {
    if (!this.deps.vlos) return;
    const outcome = await deriveVerslag({ ...this.deps, vlos: this.deps.vlos }, rec.entityId, bytes);
    if (outcome === 'failed') this.counts.importFailed++;
    else if (outcome === 'parsed') this.counts.imported++;
  }

  private async importDocument(rec: TkFileRecord, bytes: Uint8Array): Promise<void> {
    const source = `tk:${rec.entityId}`;
    try {
      await importContent(await tkContentInput(this.deps.tkStore, rec, bytes), this.deps);
      this.counts.imported++;
    } catch (e) {
      // A file that cannot be read as a document is still kept; the failure is logged.
      this.counts.importFailed++;
      const code = isKamerlensError(e) ? e.code : 'INTERNAL';
      (this.deps.log ?? silentLogger).warn(`import van ${source} mislukt: ${errorText(e)} [${code}]`);
      await this.deps.store.recordImport({
        source, status: 'failed', docId: null, version: null, errorCode: code, message: errorText(e), at: new Date().toISOString(),
      });
    }
  }
}

/**
 * What a Document entity's file is imported as: source `tk:<guid>`, named and identified by
 * its documentNummer. Shared by the sync and by `reparse`, which retries files that could
 * not be read before.
 */
export async function tkContentInput(tkStore: TkStore, rec: TkFileRecord, bytes: Uint8Array): Promise<ContentInput> {
  const entity = await tkStore.getEntity(rec.entityId);
  const nummer = entity ? tkText(entity, 'documentNummer') : null;
  return {
    source: `tk:${rec.entityId}`, fileName: `${nummer ?? rec.entityId}.${extensionFor(rec.contentType)}`, bytes, preferredId: nummer ?? rec.entityId,
    documentNumber: nummer,
  };
}
