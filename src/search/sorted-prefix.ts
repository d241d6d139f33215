// The words of a sorted list that begin with a prefix (a prefix query's expansions, a lexicon's compounds).

/** The strings of `sorted` (ascending, by code unit) that begin with `prefix`, in order. */
export function* withPrefix(sorted: readonly string[], prefix: string): Generator<string> {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sorted.length && sorted[i]!.startsWith(prefix); i++) yield sorted[i]!;
}
