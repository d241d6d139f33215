/**
 * The StatusStore interface: a log of runs per source (each open-data category, the file
 * downloads) and read-outs of what the archive knows about its own freshness (the import log
 * per folder, failed file downloads). Async so that PostgreSQL can implement it.
 */

import { REFUSAL_MARKERS } from './tk-store.js';

/** One run of one source, as the sync reports it. */
export interface SourceRun {
  /** `tk:<Category>` for an open-data category, `tk-files` for the file downloads. */
  source: string;
  /** Where the run read from (a URL or a folder), so that a retry can go there again. */
  origin: string | null;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  /** Entities (or files) written in this run. */
  items: number;
  error: string | null;
}

/** The runs of one source, summarised. */
export interface SourceRunSummary {
  source: string;
  origin: string | null;
  lastAttempt: SourceRun;
  lastSuccess: SourceRun | null;
  /** Start times of the latest successful runs, newest first (at most 20): the usual rhythm. */
  recentSuccesses: string[];
}

/** The import log of one folder (files imported from it, directly). */
export interface ImportFolderSummary {
  folder: string;
  /** Documents imported from files in the folder. */
  documents: number;
  /** Files whose last import attempt failed. */
  failed: number;
  lastAttempt: string;
  lastSuccess: string | null;
  /** Hours (`YYYY-MM-DDTHH`) with successful imports, newest first (at most 20). */
  recentHours: string[];
}

/** A source whose latest import failed (a later good import clears it). */
export interface ImportFailure {
  source: string;
  errorCode: string | null;
  message: string | null;
  at: string;
}

/** An open-data file that could not be fetched. */
export interface FileFailure {
  entityId: string;
  category: string;
  /** `refused`: never fetched, never retried (see tk-store.ts, REFUSED). */
  status: 'missing' | 'broken' | 'refused';
  href: string;
  attempts: number;
  error: string | null;
}

export interface FileCounts {
  ok: number;
  pending: number;
  missing: number;
  /** Fetched but unreadable or incomplete: fetched again on the next run. */
  broken: number;
  /** Refused before any path or host was used (tk-store.ts, REFUSED): not failures of the sync, and not retried. */
  refused: number;
}

export const NO_FILES: FileCounts = { ok: 0, pending: 0, missing: 0, broken: 0, refused: 0 };

/**
 * A file's status as the status page tells it, in SQL over tk_files (the same on both
 * backends): `refused` for a broken file whose reason says it was refused. `param(i)` names the
 * i-th of REFUSAL_MARKERS' LIKE patterns as the dialect binds them.
 */
export function fileStatusSql(param: (i: number) => string): string {
  return `CASE WHEN status = 'broken' AND (${REFUSAL_MARKERS.map((_, i) => `last_error LIKE ${param(i)}`).join(' OR ')}) THEN 'refused' ELSE status END`;
}

/** The LIKE patterns fileStatusSql binds, in order (the markers hold no wildcard). */
export const REFUSAL_PATTERNS: readonly string[] = REFUSAL_MARKERS.map((m) => `${m}%`);

export interface StatusStore {
  /** Appends a run to the source's history. */
  recordRun(run: SourceRun): Promise<void>;
  /** Every source that ever ran, by name. */
  runSummaries(): Promise<SourceRunSummary[]>;
  /** The last finished run of any open-data source (the time of the last sync); null: never. */
  lastSync(): Promise<SourceRun | null>;
  /** The import log grouped by folder (excluding open-data files, which are `tk:` sources). */
  importFolders(): Promise<ImportFolderSummary[]>;
  /** Current import failures, newest first. */
  importFailures(limit: number): Promise<ImportFailure[]>;
  fileCounts(): Promise<FileCounts>;
  fileFailures(limit: number): Promise<FileFailure[]>;
}

/** The folder an import source belongs to: a path's directory; `tk:` files are one group. */
export function importFolderOf(source: string): string {
  if (source.startsWith('tk:')) return 'tk:';
  // A bulk file's failing record is `<path>:<line>`.
  const path = source.replace(/:\d+$/, '');
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut <= 0 ? (cut === 0 ? '/' : '.') : path.slice(0, cut);
}

/** The import log of one source, as every backend reads it in one pass (see `foldImportFolders`). */
export interface ImportSourceLog {
  source: string;
  /** Latest attempt and latest non-failed attempt (ISO times). */
  last: string;
  last_ok: string | null;
  /** Distinct documents its good imports went into. */
  docs: number;
  /** Ids of its latest import and of its latest failed import. */
  last_id: number;
  last_failed_id: number | null;
  /** Hours (`YYYY-MM-DDTHH`) of its good imports. */
  hours: string[];
}

/** Folds per-source import logs into folders (StatusStore.importFolders), the same way on every backend. */
export function foldImportFolders(rows: readonly ImportSourceLog[]): ImportFolderSummary[] {
  const folders = new Map<string, ImportFolderSummary & { hourSet: Set<string> }>();
  for (const r of rows) {
    const key = importFolderOf(r.source);
    let f = folders.get(key);
    if (!f) folders.set(key, (f = { folder: key, documents: 0, failed: 0, lastAttempt: r.last, lastSuccess: null, recentHours: [], hourSet: new Set() }));
    f.documents += r.docs;
    if (r.last_failed_id === r.last_id) f.failed++;
    if (r.last > f.lastAttempt) f.lastAttempt = r.last;
    if (r.last_ok && (!f.lastSuccess || r.last_ok > f.lastSuccess)) f.lastSuccess = r.last_ok;
    for (const h of r.hours) f.hourSet.add(h);
  }
  return [...folders.values()]
    .map(({ hourSet, ...f }) => ({ ...f, recentHours: [...hourSet].sort().reverse().slice(0, 20) }))
    .sort((a, b) => a.folder.localeCompare(b.folder));
}
