/**
 * The SQLite StatusStore: the run log (`source_runs`, migration namespace `status`) and
 * read-only summaries of the import log and the open-data file queue on the same connection.
 */
import { NO_FILES, REFUSAL_PATTERNS, fileStatusSql, foldImportFolders, type FileCounts, type FileFailure, type ImportFailure, type ImportFolderSummary, type SourceRun, type SourceRunSummary, type StatusStore } from '../status-store.js';
import { applyMigrations, type SqliteDb } from './connection.js';
import { writerOf } from './unit-of-work.js';

// Where it was defined first (main.ts imports it from here).
export { importFolderOf } from '../status-store.js';

export const STATUS_MIGRATIONS: readonly string[] = [
  `
  -- One row per run of a source (an open-data category, the file downloads), kept as history:
  -- the gaps between successful runs are what "longer silent than usual" is measured against.
  CREATE TABLE source_runs (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL,
    origin      TEXT,
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    ok          INTEGER NOT NULL,
    items       INTEGER NOT NULL,
    error       TEXT
  );
  CREATE INDEX source_runs_by_source ON source_runs (source, ok, id);
  `,
];

interface RunRow {
  source: string;
  origin: string | null;
  started_at: string;
  finished_at: string;
  ok: number;
  items: number;
  error: string | null;
}

const toRun = (r: RunRow): SourceRun => ({
  source: r.source,
  origin: r.origin,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  ok: r.ok === 1,
  items: r.items,
  error: r.error,
});

export class SqliteStatusStore implements StatusStore {
  /** The run log's writes go through the connection's writer (unit-of-work.ts), as every store's do. */
  constructor(private readonly db: SqliteDb) {
    applyMigrations(db, 'status', STATUS_MIGRATIONS);
  }

  /** Whether the open-data tables exist on this connection (a store without the sync has none). */
  private get hasTk(): boolean {
    return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tk_files'").get() !== undefined;
  }

  async recordRun(run: SourceRun): Promise<void> {
    await writerOf(this.db).run(async () => this.db
      .prepare('INSERT INTO source_runs (source, origin, started_at, finished_at, ok, items, error) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(run.source, run.origin, run.startedAt, run.finishedAt, run.ok ? 1 : 0, run.items, run.error));
  }

  async runSummaries(): Promise<SourceRunSummary[]> {
    const sources = this.db.prepare('SELECT DISTINCT source FROM source_runs ORDER BY source').pluck().all() as string[];
    const last = this.db.prepare<[string], RunRow>('SELECT * FROM source_runs WHERE source = ? ORDER BY id DESC LIMIT 1');
    const lastOk = this.db.prepare<[string], RunRow>('SELECT * FROM source_runs WHERE source = ? AND ok = 1 ORDER BY id DESC LIMIT 1');
    const recent = this.db.prepare<[string]>('SELECT started_at FROM source_runs WHERE source = ? AND ok = 1 ORDER BY id DESC LIMIT 20').pluck();
    return sources.map((source) => {
      const a = last.get(source)!;
      const s = lastOk.get(source);
      return { source, origin: a.origin, lastAttempt: toRun(a), lastSuccess: s ? toRun(s) : null, recentSuccesses: recent.all(source) as string[] };
    });
  }

  async lastSync(): Promise<SourceRun | null> {
    const r = this.db.prepare<[], RunRow>("SELECT * FROM source_runs WHERE source LIKE 'tk%' ORDER BY finished_at DESC, id DESC LIMIT 1").get();
    return r ? toRun(r) : null;
  }

  async importFolders(): Promise<ImportFolderSummary[]> {
    // Per source first (one pass over the log), then folded into folders here.
    const rows = this.db
      .prepare(
        `SELECT source, MAX(at) AS last, MAX(CASE WHEN status <> 'failed' THEN at END) AS last_ok,
                COUNT(DISTINCT CASE WHEN status <> 'failed' THEN doc_id END) AS docs,
                MAX(id) AS last_id, MAX(CASE WHEN status = 'failed' THEN id END) AS last_failed_id,
                GROUP_CONCAT(DISTINCT CASE WHEN status <> 'failed' THEN substr(at, 1, 13) END) AS hours
         FROM imports GROUP BY source`,
      )
      .all() as { source: string; last: string; last_ok: string | null; docs: number; last_id: number; last_failed_id: number | null; hours: string | null }[];
    return foldImportFolders(rows.map((r) => ({ ...r, hours: r.hours?.split(',') ?? [] })));
  }

  async importFailures(limit: number): Promise<ImportFailure[]> {
    const rows = this.db
      .prepare(
        `SELECT source, error_code, message, at FROM imports i WHERE status = 'failed'
         AND NOT EXISTS (SELECT 1 FROM imports j WHERE j.source = i.source AND j.id > i.id)
         ORDER BY id DESC LIMIT ?`,
      )
      .all(limit) as { source: string; error_code: string | null; message: string | null; at: string }[];
    return rows.map((r) => ({ source: r.source, errorCode: r.error_code, message: r.message, at: r.at }));
  }

  async fileCounts(): Promise<FileCounts> {
    const counts: FileCounts = { ...NO_FILES };
    if (!this.hasTk) return counts;
    const rows = this.db.prepare(`SELECT ${fileStatusSql(() => '?')} AS s, COUNT(*) AS n FROM tk_files GROUP BY s`).all(...REFUSAL_PATTERNS) as { s: keyof FileCounts; n: number }[];
    for (const r of rows) counts[r.s] = r.n;
    return counts;
  }

  async fileFailures(limit: number): Promise<FileFailure[]> {
    if (!this.hasTk) return [];
    const rows = this.db
      .prepare(
        `SELECT entity_id, category, ${fileStatusSql(() => '?')} AS status, href, attempts, last_error FROM tk_files
         WHERE status IN ('missing', 'broken') ORDER BY queued_seq DESC LIMIT ?`,
      )
      .all(...REFUSAL_PATTERNS, limit) as { entity_id: string; category: string; status: FileFailure['status']; href: string; attempts: number; last_error: string | null }[];
    return rows.map((r) => ({ entityId: r.entity_id, category: r.category, status: r.status, href: r.href, attempts: r.attempts, error: r.last_error }));
  }
}
