/**
 * The TkStore interface: Tweede Kamer open-data entities, their references, per-category
 * feed cursors and the state of their files. Async so that PostgreSQL can implement it;
 * every implementation runs test/store/tk-store-conformance.ts.
 */
import type { TkEntity, TkFileRecord } from '../domain/tk.js';

/** One feed entry to store: the entity and, when it has a file, its enclosure URL. */
export interface TkEntryWrite {
  entity: TkEntity;
  enclosure: string | null;
}

export interface TkApplyResult {
  upserted: number;
  deleted: number;
  /** Files newly queued for download (new entity, or its file may have changed). */
  filesQueued: number;
}

export interface TkRefRow {
  fromId: string;
  name: string;
  toId: string;
  /** Category of the entity at the other end; null when it is not (yet) stored. */
  otherCategory: string | null;
}

/** One entry of the entity change log: the entity's latest change in the asked range. */
export interface TkChangeRow {
  seq: number;
  id: string;
  category: string;
  updated: string | null;
  deleted: boolean;
  /** The entity's first entry in the log ever: after a watermark means new since then. */
  firstSeq: number;
}

export interface TkEntityQuery {
  category: string;
  /** Only entities whose field `field` equals `value` (any of its values when repeated). */
  field?: string;
  value?: string;
  offset?: number;
  limit?: number;
}

export interface TkStore {
  /**
   * Applies one feed page atomically, in feed order: upserts (fields and references
   * replaced), tombstones (entity, its outgoing references and file record removed), the
   * file queue, and `cursor` as the category's new cursor. After a crash either all of it
   * is stored or none of it.
   */
  applyPage(category: string, entries: TkEntryWrite[], cursor: string | null): Promise<TkApplyResult>;
  /** The skiptoken to continue `category` from; null when it was never synced. */
  getCursor(category: string): Promise<string | null>;
  listCursors(): Promise<{ category: string; cursor: string }[]>;
  getEntity(id: string): Promise<TkEntity | null>;
  /** Entities of a category ordered by id, paged, optionally filtered by one field. */
  listEntities(query: TkEntityQuery): Promise<{ total: number; items: TkEntity[] }>;
  /** References from `id` to other entities, in the entity's order. */
  refsFrom(id: string): Promise<TkRefRow[]>;
  /** References to `id` from other entities (optionally only those named `name`). */
  refsTo(id: string, name?: string): Promise<TkRefRow[]>;
  /** Highest sequence number of the entity change log (0 when empty). */
  changeHead(): Promise<number>;
  /**
   * Entities inserted, changed or deleted in (after, upto], one row per entity (its latest
   * change), in log order; optionally only of some categories.
   */
  changesSince(after: number, upto: number, categories?: readonly string[]): Promise<TkChangeRow[]>;
  /** Entity counts per category. */
  countByCategory(): Promise<{ category: string; count: number }[]>;
  getFile(entityId: string): Promise<TkFileRecord | null>;
  /** Files to (re)fetch: pending, missing and broken ones, oldest first. */
  filesToFetch(limit: number): Promise<TkFileRecord[]>;
  /**
   * Records a good download as the entity's file `version` (the caller bumps the version
   * only when the content hash differs from the last good file; older files stay on disk).
   * The record becomes ok only if the entity was not re-sent with another `updated` since
   * `forUpdated`; otherwise it stays queued for the newer state.
   */
  recordFileFetched(
    entityId: string,
    forUpdated: string | null,
    file: { version: number; contentHash: string; byteCount: number; path: string },
  ): Promise<void>;
  /** Records a failed download; it is retried on a later run. */
  recordFileFailed(entityId: string, status: 'missing' | 'broken', error: string): Promise<void>;
}
