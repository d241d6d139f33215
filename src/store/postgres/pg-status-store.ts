/**
 * The PostgreSQL StatusStore: the run log (`source_runs`) and read-outs of the import log
 * (the document store's `imports`) and of the open-data file queue (`tk_files`, the
 * PostgreSQL TkStore's, under the SQLite names), each in a fixed number of queries.
 */
import {
  NO_FILES,
  REFUSAL_PATTERNS,
  fileStatusSql,
  foldImportFolders,
  type FileCounts,
  type FileFailure,
  type ImportFailure,
  type ImportFolderSummary,
  type SourceRun,
  type SourceRunSummary,
  type StatusStore,
} from '../status-store.js';
import type { PgDb } from './connection.js';
import { PG_STATUS_MIGRATIONS } from './status-migrations.js';

interface RunRow {
  source: string;
  origin: string | null;
  started_at: string;
  finished_at: string;
  ok: boolean;
  items: number;
  error: string | null;
}

const toRun = (r: RunRow): SourceRun => ({
  source: r.source,
  origin: r.origin,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  ok: r.ok,
  items: r.items,
  error: r.error,
});

const limitOf = (n: number): number | null => (n < 0 ? null : n);

export class PgStatusStore implements StatusStore {
  /** Set once the open-data tables are seen (they are never dropped). */
  private hasTk = false;

  constructor(private readonly db: PgDb) {}

  /** Applies the migrations (namespace `status`). */
  static async migrate(db: PgDb): Promise<void> {
    await db.migrate('status', PG_STATUS_MIGRATIONS);
  }

  static async open(db: PgDb): Promise<PgStatusStore> {
    await PgStatusStore.migrate(db);
    return new PgStatusStore(db);
  }

  /** Whether the open-data tables exist in this database (one without the sync has none). */
  private async tkTables(): Promise<boolean> {
    if (!this.hasTk) this.hasTk = (await this.db.one<{ ok: boolean }>("SELECT to_regclass('tk_files') IS NOT NULL AS ok"))!.ok;
    return this.hasTk;
  }

  async recordRun(run: SourceRun): Promise<void> {
    await this.db.q(
      'INSERT INTO source_runs (source, origin, started_at, finished_at, ok, items, error) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [run.source, run.origin, run.startedAt, run.finishedAt, run.ok, run.items, run.error],
    );
  }

  async runSummaries(): Promise<SourceRunSummary[]> {
    // One query: per source its last run, last good run and the starts of its last 20 good runs, each from the index.
    const rows = await this.db.rows<{ source: string; last: RunRow; last_ok: RunRow | null; recent: string[] }>(
      `SELECT s.source, to_jsonb(a) AS last, to_jsonb(o) AS last_ok,
              ARRAY(SELECT r.started_at FROM source_runs r WHERE r.source = s.source AND r.ok ORDER BY r.id DESC LIMIT 20) AS recent
       FROM (SELECT DISTINCT source FROM source_runs) s
       CROSS JOIN LATERAL (SELECT * FROM source_runs r WHERE r.source = s.source ORDER BY r.id DESC LIMIT 1) a
       LEFT JOIN LATERAL (SELECT * FROM source_runs r WHERE r.source = s.source AND r.ok ORDER BY r.id DESC LIMIT 1) o ON true
       ORDER BY s.source COLLATE "C"`,
    );
    return rows.map((r) => ({
      source: r.source,
      origin: r.last.origin,
      lastAttempt: toRun(r.last),
      lastSuccess: r.last_ok ? toRun(r.last_ok) : null,
      recentSuccesses: r.recent,
    }));
  }

  async lastSync(): Promise<SourceRun | null> {
    // ILIKE: SQLite's LIKE ignores ASCII case.
    const r = await this.db.one<RunRow>(
      `SELECT * FROM source_runs WHERE source ILIKE 'tk%' ORDER BY finished_at COLLATE "C" DESC, id DESC LIMIT 1`,
    );
    return r ? toRun(r) : null;
  }

  async importFolders(): Promise<ImportFolderSummary[]> {
    const rows = await this.db.rows<{ source: string; last: string; last_ok: string | null; docs: number; last_id: number; last_failed_id: number | null; hours: string[] | null }>(
      `SELECT source, MAX(at COLLATE "C") AS last, MAX(at COLLATE "C") FILTER (WHERE status <> 'failed') AS last_ok,
              COUNT(DISTINCT doc_id) FILTER (WHERE status <> 'failed') AS docs,
              MAX(id) AS last_id, MAX(id) FILTER (WHERE status = 'failed') AS last_failed_id,
              array_agg(DISTINCT substr(at, 1, 13)) FILTER (WHERE status <> 'failed') AS hours
       FROM imports GROUP BY source`,
    );
    return foldImportFolders(rows.map((r) => ({ ...r, hours: r.hours ?? [] })));
  }

  async importFailures(limit: number): Promise<ImportFailure[]> {
    const rows = await this.db.rows<{ source: string; error_code: string | null; message: string | null; at: string }>(
      `SELECT source, error_code, message, at FROM imports i WHERE status = 'failed'
       AND NOT EXISTS (SELECT 1 FROM imports j WHERE j.source = i.source AND j.id > i.id)
       ORDER BY id DESC LIMIT $1`,
      [limitOf(limit)],
    );
    return rows.map((r) => ({ source: r.source, errorCode: r.error_code, message: r.message, at: r.at }));
  }

  async fileCounts(): Promise<FileCounts> {
    const counts: FileCounts = { ...NO_FILES };
    if (!(await this.tkTables())) return counts;
    const rows = await this.db.rows<{ s: keyof FileCounts; n: number }>(`SELECT ${fileStatusSql((i) => `$${i + 1}`)} AS s, COUNT(*)::int AS n FROM tk_files GROUP BY 1`, [...REFUSAL_PATTERNS]);
    for (const r of rows) counts[r.s] = r.n;
    return counts;
  }

  async fileFailures(limit: number): Promise<FileFailure[]> {
    if (!(await this.tkTables())) return [];
    const rows = await this.db.rows<{ entity_id: string; category: string; status: FileFailure['status']; href: string; attempts: number; last_error: string | null }>(
      `SELECT entity_id, category, ${fileStatusSql((i) => `$${i + 2}`)} AS status, href, attempts, last_error FROM tk_files
       WHERE status IN ('missing', 'broken') ORDER BY queued_seq DESC LIMIT $1`,
      [limitOf(limit), ...REFUSAL_PATTERNS],
    );
    return rows.map((r) => ({ entityId: r.entity_id, category: r.category, status: r.status, href: r.href, attempts: r.attempts, error: r.last_error }));
  }
}
