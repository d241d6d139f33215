/**
 * Units of work for tests that hand a pipeline a store of their own (a wrapper that fails on
 * cue, a structure store on another database): the unit must write through that object too,
 * or the test no longer tests what it says.
 */
import type { Database, TxStores } from '../../src/store/unit-of-work.js';

/**
 * `units` with `stores` handed out in place of the unit's own. On SQLite that is the same
 * transaction (every store of a process is on the one connection); a store on another
 * database (PostgreSQL beside SQLite) writes outside the unit and does not roll back with it.
 */
export function unitsWith(units: Database, stores: Partial<TxStores>): Database {
  return { transaction: (fn) => units.transaction((tx) => fn({ ...tx, ...stores })) };
}
