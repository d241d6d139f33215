/**
 * The unit of work on PostgreSQL: a pooled client in BEGIN … COMMIT (PgDb.transaction), and
 * `tx` the stores built on that client (`PgDb.bound`), each made when the unit first asks
 * for it. A nested `transaction` joins the outer unit and gets the same stores.
 */
import type { Database, TxStores } from '../unit-of-work.js';
import type { PgDb, PgTx } from './connection.js';

/** How each store of a unit is built on a database bound to the unit's client. */
export type PgStoreFactories = { [K in keyof TxStores]: (db: PgDb) => TxStores[K] };

export class PgDatabase implements Database {
  private readonly units = new WeakMap<PgTx, TxStores>();

  constructor(
    readonly db: PgDb,
    private readonly make: PgStoreFactories,
  ) {}

  transaction<T>(fn: (tx: TxStores) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(this.storesOf(tx)), { unit: true });
  }

  /** The stores bound to `tx`: the same objects for every call in one unit. */
  private storesOf(tx: PgTx): TxStores {
    let stores = this.units.get(tx);
    if (stores) return stores;
    const bound = this.db.bound(tx);
    const made: Partial<TxStores> = {};
    stores = {} as TxStores;
    for (const key of Object.keys(this.make) as (keyof TxStores)[]) {
      Object.defineProperty(stores, key, {
        enumerable: true,
        get: () => (key in made ? made[key] : ((made as Record<string, unknown>)[key] = this.make[key](bound))),
      });
    }
    this.units.set(tx, stores);
    return stores;
  }
}
