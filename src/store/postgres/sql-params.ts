/** Small pieces the PostgreSQL stores share: numbered parameters, and values SQLite accepts that PostgreSQL refuses. */

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

/** PostgreSQL text cannot hold U+0000 (SQLite's can): a string stored or compared loses it. */
export const noNul = (s: string): string => (s.includes('\0') ? s.replaceAll('\0', '') : s);

/** `noNul` for every string in a value about to be sent as JSON (a JSON.stringify replacer). */
export const noNulJson = (_key: string, v: unknown): unknown => (typeof v === 'string' ? noNul(v) : v);

/** SQLite reads a negative LIMIT as "no limit"; PostgreSQL refuses one. */
export const limitOf = (n: number | undefined): number | null => (n === undefined || n < 0 ? null : n);

/** SQLite reads a negative OFFSET as none; PostgreSQL refuses one. */
export const offsetOf = (n: number | undefined): number => Math.max(0, n ?? 0);

/** Statement values with `noNul` applied to every string, alone or in an array. */
export const textParams = (values: readonly unknown[]): unknown[] =>
  values.map((v) => (typeof v === 'string' ? noNul(v) : Array.isArray(v) ? v.map((x: unknown) => (typeof x === 'string' ? noNul(x) : x)) : v));
