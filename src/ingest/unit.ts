/**
 * The ingest pipelines' way into a unit of work (store/unit-of-work.ts): one call, whatever
 * the deps were wired with.
 */
import type { SearchIndex } from '../domain/index.js';
import type { Store } from '../store/store.js';
import type { StructureWriter } from '../store/structure-index.js';
import type { TkStore } from '../store/tk-store.js';
import type { Database } from '../store/unit-of-work.js';
import type { VlosStore } from '../store/vlos-store.js';

/** The stores of a unit that ingest writes: `Database`'s TxStores, or the deps' own (see `inUnit`). */
export interface IngestTx {
  store: Store;
  index: SearchIndex;
  structure?: StructureWriter | undefined;
  tk?: TkStore | undefined;
  vlos?: VlosStore | undefined;
}

/** What `inUnit` needs of a pipeline's deps. */
export interface UnitDeps {
  /** Units of work with their bound stores; the composition root wires it. */
  units?: Database | undefined;
  store: Store;
  index: SearchIndex;
  structure?: StructureWriter | undefined;
  tk?: TkStore | undefined;
  /** The sync's name for the Kamer store. */
  tkStore?: TkStore | undefined;
  vlos?: VlosStore | undefined;
}

/**
 * Runs `fn` as one unit of work on the stores it is handed. Deps without `units` (tests and
 * benchmarks that wire stores by hand) take the older way: `store.transaction`, which their
 * other stores join implicitly (one SQLite connection; PgDb's AsyncLocalStorage).
 */
export function inUnit<T>(deps: UnitDeps, fn: (tx: IngestTx) => Promise<T>): Promise<T> {
  if (deps.units) return deps.units.transaction(fn);
  return deps.store.transaction(() =>
    fn({ store: deps.store, index: deps.index, structure: deps.structure, tk: deps.tkStore ?? deps.tk, vlos: deps.vlos }),
  );
}
