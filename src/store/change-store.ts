/**
 * Stored change summaries: what changed from one version of a document to another, computed
 * once when the newer version is stored (a rewritten 50-page text costs several parses to
 * diff) and read by the document page and the alerts. Async so that PostgreSQL can implement it.
 */
import type { ChangeSummary } from '../domain/changes.js';

/** Which two stored versions a summary compares, by number and content. */
export interface ChangeKey {
  docId: string;
  from: { version: number; contentHash: string };
  to: { version: number; contentHash: string };
}

export interface ChangeStore {
  /**
   * The summary stored for exactly these two versions (same numbers and contents) by the
   * current CHANGE_SUMMARY_VERSION; null when there is none (not computed yet, or stale).
   */
  get(key: ChangeKey): Promise<ChangeSummary | null>;
  /** Stores (or replaces) the summary for these two versions. */
  put(key: ChangeKey, summary: ChangeSummary): Promise<void>;
}
