/** Numbered statement parameters (`$1`, `$2`, …) collected while a query is put together from optional filters. */

/**
 * The values of a statement being built: `add(v)` returns the placeholder that binds `v`, so
 * filters can be assembled in any order and a value used twice is bound once per `add`.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  /** Binds `value`; returns its placeholder (`$3`). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
