/**
 * Coverage and freshness: per source (each open-data category, the file downloads, each
 * import folder) when it last ran and last succeeded, what it holds, what failed and why, and
 * whether it has been silent for longer than usual. One data function for `/status`,
 * `/api/status` and the Kamer pages' footer.
 */
import { KamerlensError } from '../domain/index.js';
import { NO_FILES, type FileCounts, type FileFailure, type ImportFailure, type StatusStore } from '../store/status-store.js';
import type { Services } from './services.js';

export interface StatusServices extends Services {
  status?: StatusStore | undefined;
  /**
   * Starts a new attempt of a source in the background (the composition root knows how);
   * resolves with what was started, or null when an attempt is already running.
   */
  retry?: ((source: string) => Promise<string | null>) | undefined;
}

export type SourceKind = 'open-data' | 'files' | 'import';

export interface SourceStatus {
  /** Stable id: `tk:<Category>`, `tk-files`, `import:<folder>` (`import:tk:` for Kamer files). */
  id: string;
  kind: SourceKind;
  label: string;
  lastAttempt: string | null;
  lastSuccess: string | null;
  /** The reason the last attempt failed; null when it succeeded or is unknown. */
  lastError: string | null;
  /** Open-data entities of the category / documents from the folder / good files. */
  count: number;
  /** Items that failed and are not yet fetched or imported again. */
  failed: number;
  /** The median time between successful runs, when there were enough runs to tell. */
  usualGapHours: number | null;
  /** Hours since the last success (null: never succeeded). */
  silentHours: number | null;
  /** Silent for clearly longer than usual. */
  alarm: boolean;
  /** Whether a signed-in user may start a new attempt. */
  retryable: boolean;
}

export interface StatusData {
  now: string;
  /** The last finished run of the open-data sync (any category), null when it never ran. */
  lastSync: string | null;
  sources: SourceStatus[];
  alarms: number;
  importFailures: ImportFailure[];
  fileFailures: FileFailure[];
  files: FileCounts;
}

const HOUR = 3_600_000;

/**
 * Whether a source is silent for longer than usual: with at least three successful runs, the
 * usual rhythm is the median gap between them, and silence beyond twice that (and at least an
 * hour beyond it, so that a source run every few minutes does not raise alarms over a pause)
 * is an alarm. Fewer runs say nothing about a rhythm.
 */
export function silence(successTimes: readonly string[], now: Date): { usualGapHours: number | null; silentHours: number | null; alarm: boolean } {
  const times = successTimes.map((t) => Date.parse(t)).filter((t) => !Number.isNaN(t)).sort((a, b) => a - b);
  if (times.length === 0) return { usualGapHours: null, silentHours: null, alarm: false };
  const silent = Math.max(0, now.getTime() - times[times.length - 1]!);
  const round = (ms: number) => Math.round((ms / HOUR) * 10) / 10;
  if (times.length < 3) return { usualGapHours: null, silentHours: round(silent), alarm: false };
  const gaps = times.slice(1).map((t, i) => t - times[i]!).sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  const usual = gaps.length % 2 ? gaps[mid]! : (gaps[mid - 1]! + gaps[mid]!) / 2;
  return { usualGapHours: round(usual), silentHours: round(silent), alarm: silent > Math.max(2 * usual, usual + HOUR) };
}

/** An import log hour (`YYYY-MM-DDTHH`) as a time. */
const hourTime = (h: string) => `${h}:00:00Z`;

export const folderLabel = (folder: string) => (folder === 'tk:' ? 'Bestanden uit de open data (geïmporteerd)' : `Map ${folder}`);

export async function getStatus(s: StatusServices, now: Date = new Date()): Promise<StatusData> {
  const st = s.status;
  const [runs, folders, importFailures, fileFailures, files, counts, cursors, lastSync] = await Promise.all([
    st ? st.runSummaries() : [],
    st ? st.importFolders() : [],
    st ? st.importFailures(200) : [],
    st ? st.fileFailures(200) : [],
    st ? st.fileCounts() : NO_FILES,
    s.tk ? s.tk.countByCategory() : [],
    s.tk ? s.tk.listCursors() : [],
    st ? st.lastSync() : null,
  ]);
  const canRetry = !!s.retry;
  const runOf = new Map(runs.map((r) => [r.source, r]));
  const countOf = new Map(counts.map((c) => [c.category, c.count]));
  const sources: SourceStatus[] = [];

  // Categories: those with runs, a cursor or entities (a database from before the run log has no runs).
  const categories = new Set<string>();
  for (const r of runs) if (r.source.startsWith('tk:')) categories.add(r.source.slice(3));
  for (const c of cursors) categories.add(c.category);
  for (const c of counts) categories.add(c.category);
  for (const category of [...categories].sort()) {
    const run = runOf.get(`tk:${category}`);
    const quiet = silence(run?.recentSuccesses ?? [], now);
    sources.push({
      id: `tk:${category}`,
      kind: 'open-data',
      label: `Open data: ${category}`,
      lastAttempt: run?.lastAttempt.finishedAt ?? null,
      lastSuccess: run?.lastSuccess?.finishedAt ?? null,
      lastError: run && !run.lastAttempt.ok ? run.lastAttempt.error : null,
      count: countOf.get(category) ?? 0,
      failed: run && !run.lastAttempt.ok ? 1 : 0,
      ...quiet,
      // Worth another attempt when the last one failed or the source went quiet.
      retryable: canRetry && !!run?.origin && (!run.lastAttempt.ok || quiet.alarm),
    });
  }
  const filesRun = runOf.get('tk-files');
  // The downloads' run completes even when files fail (each is listed below the sources):
  // a count of failed files then comes with the newest one's reason, never bare. A refused
  // file (the feed pointed at a path or host it may not decide) is listed with its reason but
  // is no failure of the downloads, and no retry would fetch it.
  const filesFailed = files.missing + files.broken;
  const newest = fileFailures.find((f) => f.status !== 'refused');
  const filesError = filesFailed > 0 && newest
    ? `${filesFailed} ${filesFailed === 1 ? 'bestand' : 'bestanden'} niet binnengehaald; het laatste: ${newest.category} ${newest.entityId}: ${newest.error ?? (newest.status === 'missing' ? 'niet gevonden' : 'onleesbaar')}`
    : null;
  if (filesRun || files.ok + files.pending + files.missing + files.broken + files.refused > 0) {
    sources.push({
      id: 'tk-files',
      kind: 'files',
      label: 'Bestanden van de Kamer (downloads)',
      lastAttempt: filesRun?.lastAttempt.finishedAt ?? null,
      lastSuccess: filesRun?.lastSuccess?.finishedAt ?? null,
      lastError: filesRun && !filesRun.lastAttempt.ok ? filesRun.lastAttempt.error : filesError,
      count: files.ok,
      failed: filesFailed,
      ...silence(filesRun?.recentSuccesses ?? [], now),
      retryable: canRetry && !!filesRun?.origin && files.missing + files.broken + files.pending > 0,
    });
  }
  for (const f of folders) {
    sources.push({
      id: `import:${f.folder}`,
      kind: 'import',
      label: folderLabel(f.folder),
      lastAttempt: f.lastAttempt,
      lastSuccess: f.lastSuccess,
      lastError: null,
      count: f.documents,
      failed: f.failed,
      ...silence(f.recentHours.map(hourTime), now),
      // Kamer files are fetched again through the downloads, not from a folder.
      retryable: canRetry && f.failed > 0 && f.folder !== 'tk:',
    });
  }
  return {
    now: now.toISOString(),
    lastSync: lastSync?.finishedAt ?? null,
    sources,
    alarms: sources.filter((x) => x.alarm).length,
    importFailures,
    fileFailures,
    files,
  };
}

/** The time of the last sync, for the Kamer pages' footer (null: never, or no run log). */
export async function getLastSync(s: StatusServices): Promise<string | null> {
  return (await s.status?.lastSync())?.finishedAt ?? null;
}

/** Starts a new attempt of a source the status page lists as retryable. */
export async function retrySource(s: StatusServices, id: string): Promise<{ started: boolean; message: string }> {
  if (!s.retry) throw new KamerlensError('NOT_FOUND', 'Opnieuw proberen is hier niet beschikbaar', { field: 'source' });
  const status = await getStatus(s);
  const source = status.sources.find((x) => x.id === id);
  if (!source) throw new KamerlensError('NOT_FOUND', `Onbekende bron "${id}"`, { field: 'source' });
  if (!source.retryable) throw new KamerlensError('BAD_REQUEST', `${source.label}: er is niets om opnieuw te proberen`, { field: 'source' });
  const started = await s.retry(id);
  return started === null
    ? { started: false, message: 'Er loopt al een nieuwe poging; kijk zo dadelijk opnieuw.' }
    : { started: true, message: started };
}
