/**
 * Units of work as a port: `units.transaction(async (tx) => …)` hands `fn` the stores bound to
 * that one transaction (as kysely hands out its `trx`), and everything written through them
 * commits together or not at all. A nested `transaction` call joins the outer unit.
 *
 * SQLite: the unit is the one writer connection inside its writer queue (sqlite/unit-of-work.ts):
 * `tx`'s stores are the database's own, entered into the unit on every call while it is open.
 * PostgreSQL: the unit is a pooled client in BEGIN … COMMIT, and `tx`'s stores are built on
 * that client (postgres/unit-of-work.ts), never finding it by where they are called from.
 *
 * Isolation: on PostgreSQL another connection does not see a unit's writes before it commits
 * (read committed). On SQLite another connection (another process, a second `openDatabase`)
 * does not either (WAL), nor does the process that holds the unit outside it: its reads outside
 * a unit go to a second, read-only connection (sqlite/read-connection.ts). A `:memory:`
 * database has one connection only, and there a read outside an open unit sees its writes.
 * test/store/unit-of-work-conformance.ts shows it on both.
 */
import type { SearchIndex } from '../domain/index.js';
import type { BlobStore } from './blob-store.js';
import type { ChangeStore } from './change-store.js';
import type { MissingStore } from './missing-store.js';
import type { PromiseStore } from './promise-store.js';
import type { StatusStore } from './status-store.js';
import type { Store } from './store.js';
import type { StructureStore } from './structure-index.js';
import type { TkStore } from './tk-store.js';
import type { VlosStore } from './vlos-store.js';
import type { WatchStore } from './watch-store.js';

/** The stores a write touches, all bound to one unit of work. */
export interface TxStores {
  /** Documents, their versions and files, the import log. */
  store: Store;
  /** The full-text index. */
  index: SearchIndex;
  /** Cross-document rows of parsed structures. */
  structure: StructureStore;
  /** The Kamer's open-data entities, cursors and file queue. */
  tk: TkStore;
  /** Reports of sittings as who said what. */
  vlos: VlosStore;
  promises: PromiseStore;
  changes: ChangeStore;
  status: StatusStore;
  missing: MissingStore;
  /** The Kamer's downloaded files, when they are kept in the database (PostgreSQL); null otherwise. */
  blobs: BlobStore | null;
  /** The watch layer's accounts, monitors and deliveries: a run's writes commit in one unit. */
  watchStore: WatchStore;
}

/** A database that runs units of work. */
export interface Database {
  /**
   * Runs `fn` as one unit of work on the stores it is handed: commits when `fn` resolves,
   * rolls back when it throws (and throws that error). Called inside another unit, joins it:
   * `fn` gets the outer unit's stores and nothing commits before the outer unit does.
   */
  transaction<T>(fn: (tx: TxStores) => Promise<T>): Promise<T>;
}
