/**
 * Reads that may be a little stale (anonymous pages, the JSON API, feeds) can be answered by
 * a streaming replica of the database. This is the port the server uses for it; the
 * composition root implements it on PostgreSQL (PgDb.onReplica) when
 * KAMERLENS_DATABASE_READ_URL is set, and there is none otherwise.
 */
export interface ReadRouting {
  /**
   * Runs `fn` with its plain reads sent to the replica (writes and transactions stay on the
   * primary). `replicaFailed`: the replica failed a statement, the result is to be thrown
   * away and `fn` run again without this call, on the primary.
   */
  onReplica<T>(fn: () => Promise<T>): Promise<{ value: T | undefined; replicaFailed: boolean }>;
  /** Whether the replica itself answers (no fallback): for `/readyz`. Throws when it does not. */
  replicaStatus(): Promise<{ inRecovery: boolean; replayedAt: string | null; withinLag: boolean }>;
}
