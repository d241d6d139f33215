/**
 * The TkStore interface: Tweede Kamer open-data entities, their references, per-category
 * feed cursors and the state of their files. Async so that PostgreSQL can implement it;
 * every implementation runs test/store/tk-store-conformance.ts.
 */
import type { TkEntity, TkFieldValue, TkFileRecord } from '../domain/tk.js';

/**
 * How a refused file's reason starts (a `broken` file the sync will not fetch again: an id that cannot name a file,
 * an unknown category, another host), and how it started before the messages were Dutch.
 * The status stores count these apart from files that failed (FileCounts.refused).
 */
export const REFUSED = 'geweigerd: ';
export const REFUSAL_MARKERS = [REFUSED, 'refused: '] as const;

export function isRefusal(lastError: string | null | undefined): boolean {
  return refusalReason(lastError) !== null;
}

/** Why a file was refused (its record's `lastError` without the marker); null when it was not. */
export function refusalReason(lastError: string | null | undefined): string | null {
  const marker = lastError ? REFUSAL_MARKERS.find((m) => lastError.startsWith(m)) : undefined;
  return marker === undefined ? null : lastError!.slice(marker.length);
}

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

/**
 * The field each dated category is ordered by day on (its `YYYY-MM-DD` prefix; a missing or
 * unreadable value is the empty day, which sorts after every date when newest come first).
 * Implementations keep an index per entry; a category not listed cannot be ordered by day.
 */
export const TK_DAY_FIELDS: Readonly<Record<string, string>> = {
  Activiteit: 'datum',
  Document: 'datum',
  PersoonGeschenk: 'datum',
  Vergadering: 'datum',
  Zaak: 'gestartOp',
};

/**
 * The categories listed newest update first ("what is new"): implementations keep an index
 * for them; any other category is ordered by `updated` in a pass over it.
 */
export const TK_LATEST_CATEGORIES: readonly string[] = ['Activiteit', 'Besluit', 'Document', 'Verslag', 'Zaak'];

/**
 * A condition on a field: equal to `value` (any of its values when repeated; null matches an
 * absent or nil field), or with `prefix`, starting with it (ASCII case ignored); with `not`,
 * anything else.
 */
export interface TkFieldFilter {
  field: string;
  value: string | null;
  prefix?: boolean;
  not?: boolean;
}

/**
 * An ordered, filtered listing of one category. Newest first (`desc`) means key descending
 * and ties by id ascending; `asc` is the exact reverse, so a page back is the same query
 * reversed from the page's first cursor.
 */
export interface TkListQuery {
  category: string;
  /** `updated` (the feed's bijgewerkt, missing last; TK_LATEST_CATEGORIES) or `day` (TK_DAY_FIELDS). Default `updated`. */
  order?: 'updated' | 'day';
  direction?: 'desc' | 'asc';
  /**
   * Order by the day of the entity these references lead to instead: a Besluit through
   * `['agendapunt', 'activiteit']` to the Activiteit it was taken in. Entities the path does
   * not reach come after all reached ones, newest `updated` first. Implies `order: 'day'`.
   */
  via?: { refs: string[]; category: string };
  /** Then by a field of the entity the first `ref` reference leads to (a decision's zaak number), ascending. */
  thenBy?: { ref: string; field: string };
  /** Range on the order key (the day, or `updated` text): `from` inclusive, `to` exclusive. */
  from?: string;
  to?: string;
  /** true: only entities with a key (a day, an `updated`); false: only those without one. */
  dated?: boolean;
  where?: readonly TkFieldFilter[];
  /** Only entities with a reference named `ref` to `id`. */
  refersTo?: { ref: string; id: string };
  /**
   * Only entities that an entity of `category` (passing `where`) refers to through a
   * reference named `ref`; with `none`, only entities that no such entity refers to.
   */
  referredBy?: { ref: string; category: string; where?: readonly TkFieldFilter[]; none?: boolean };
  /** Continue after the item with this cursor (from an earlier answer, in either direction). */
  after?: string;
  /** Items to skip; each costs a step, so prefer `after` for pages far in. */
  offset?: number;
  limit: number;
}

export interface TkListPage {
  items: TkEntity[];
  /** Each item's position, for `after`: continue after it, or (reversed) before it. */
  cursors: string[];
  /** Whether more items follow the last one. */
  more: boolean;
}

/** A few fields of an entity, read without the rest of it (nor its references). */
export interface TkFieldRow {
  id: string;
  updated: string | null;
  fields: Record<string, TkFieldValue>;
}

/** What `countEntities` counts: the entities a listing's filters select, in any order. */
export type TkCountQuery = Omit<TkListQuery, 'order' | 'direction' | 'via' | 'thenBy' | 'after' | 'offset' | 'limit'> & {
  /** The key `from`, `to` and `dated` apply to; default `updated`. */
  order?: 'updated' | 'day';
};

/**
 * Where a category's sync stands in one feed. `origin` is `feedOrigin()` of the feed (its URL
 * or the absolute path of a folder of saved pages); '' marks a cursor stored before cursors had
 * an origin.
 */
export interface FeedCursor {
  origin: string;
  skiptoken: string;
}

export interface TkStore {
  /**
   * Applies one feed page atomically, in feed order: upserts (fields and references
   * replaced), tombstones (entity, its outgoing references and file record removed), the
   * file queue, and `cursor` as the category's new cursor. After a crash either all of it
   * is stored or none of it.
   */
  applyPage(category: string, entries: TkEntryWrite[], cursor: FeedCursor | null): Promise<TkApplyResult>;
  /**
   * The skiptoken to continue `category` of the feed at `origin` from; null when that feed
   * was never synced. A skiptoken means something only to the feed that sent it: a data folder
   * that synced the bundled world and then the real feed keeps a cursor for each.
   */
  getCursor(category: string, origin: string): Promise<string | null>;
  listCursors(): Promise<{ origin: string; category: string; cursor: string }[]>;
  /** Forgets the cursor of `category` in the feed at `origin` (its next sync starts from the beginning). */
  dropCursor(category: string, origin: string): Promise<void>;
  getEntity(id: string): Promise<TkEntity | null>;
  /**
   * Many entities at once, by id (ids are matched as `getEntity` matches them; the map is
   * keyed by the stored, lower-case id; ids not stored are absent). For pages and projections
   * that would otherwise call `getEntity` in a loop: a fixed number of queries per batch.
   */
  getEntities(ids: readonly string[]): Promise<Map<string, TkEntity>>;
  /** Entities of a category ordered by id, paged, optionally filtered by one field. */
  listEntities(query: TkEntityQuery): Promise<{ total: number; items: TkEntity[] }>;
  /**
   * One page of a category in date or update order, filtered, from an index: a page costs its
   * size plus a search, however large the category (a filter that few entities pass, or
   * `offset`, walks further). A malformed `after` is a BAD_REQUEST on field `after`.
   */
  listOrdered(query: TkListQuery): Promise<TkListPage>;
  /**
   * How many entities the filters select, counting at most `max` (then `exact` is false).
   * Counting walks the matches: bound it on large sets.
   */
  countEntities(query: TkCountQuery, max?: number): Promise<{ count: number; exact: boolean }>;
  /**
   * The named fields of every entity of a category (that passes `where`), by id: for pages
   * that must see a whole small category (parties, people) or sort on what no index holds.
   * One pass over the category, without entity bodies or references.
   */
  listFields(query: { category: string; fields: readonly string[]; where?: readonly TkFieldFilter[] }): Promise<TkFieldRow[]>;
  /** References from `id` to other entities, in the entity's order. */
  refsFrom(id: string): Promise<TkRefRow[]>;
  /** References to `id` from other entities (optionally only those named `name`). */
  refsTo(id: string, name?: string): Promise<TkRefRow[]>;
  /**
   * `refsTo` for many ids at once: keyed by the stored, lower-case id, each list in the order
   * `refsTo` gives; ids nothing refers to are absent. A fixed number of queries per batch.
   */
  refsToMany(ids: readonly string[], name?: string): Promise<Map<string, TkRefRow[]>>;
  /**
   * Highest sequence number of the entity change log (0 when empty). Sequence numbers become
   * visible in increasing order (every implementation guarantees it: SQLite has one writer,
   * PostgreSQL allocates them under a lock held to commit), so a reader that remembers the
   * head it read up to never finds a new row at or below it later.
   */
  changeHead(): Promise<number>;
  /**
   * Entities inserted, changed or deleted in (after, upto], one row per entity (its latest
   * change), in log order; optionally only of some categories.
   */
  changesSince(after: number, upto: number, categories?: readonly string[]): Promise<TkChangeRow[]>;
  /** Entity counts per category. */
  countByCategory(): Promise<{ category: string; count: number }[]>;
  getFile(entityId: string): Promise<TkFileRecord | null>;
  /** `getFile` for many entities at once (a fixed number of queries): keyed by the stored, lower-case id; ids without a file are absent. */
  getFiles(entityIds: readonly string[]): Promise<Map<string, TkFileRecord>>;
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
  /**
   * Records a failed download; it is retried on a later run, unless it was refused (`broken`
   * with a reason that starts with REFUSED: the feed pointed at a path or host it may not decide).
   */
  recordFileFailed(entityId: string, status: 'missing' | 'broken', error: string): Promise<void>;
}
