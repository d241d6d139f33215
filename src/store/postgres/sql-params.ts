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

/**
 * What one statement of a batch carries at most, in characters of its text parameters: a batch of
 * 500 bulk records of a few KB is one statement, one of 500 whole Handelingen several, rather than
 * one string near V8's limit (about 512 MB) built for the array parameters.
 */
export const STATEMENT_CHARS = 16 * 1024 * 1024;

/** `items` in order, cut into runs of at most `limit` (by `size`; a larger item alone). */
export function bySize<T>(items: readonly T[], size: (x: T) => number, limit = STATEMENT_CHARS): T[][] {
  const out: T[][] = [];
  let run: T[] = [];
  let total = 0;
  for (const x of items) {
    const n = size(x);
    if (run.length > 0 && total + n > limit) {
      out.push(run);
      run = [];
      total = 0;
    }
    run.push(x);
    total += n;
  }
  if (run.length > 0) out.push(run);
  return out;
}
