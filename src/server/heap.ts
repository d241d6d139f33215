/**
 * A web node's heap. A node keeps ~40 MB of live objects (caches of the index, the lexicon)
 * and its searches are short, so V8 sizes its old generation tightly: after a full
 * collection it lets the heap grow by as little as a tenth before the next. In the seconds
 * after a start V8 also learns to allocate some of a search's objects straight into the old
 * generation (allocation-site pretenuring: while the caches fill, what those sites made
 * survived), and then a full collection, with a pause of 4–14 ms, came every 100–200 ms: at
 * 600,000 documents 6–13 of them in 300 searches after about half the starts, which put the
 * searches' p95 at 16–25 ms instead of 7–13 (`README.md`, session 24). Letting the old
 * generation grow to twice what survived the last collection made that 1–2, for at most that
 * much more memory (~40 MB, where a node holds 300–450 MB).
 */
import { setFlagsFromString } from 'node:v8';

/** How far (percent) a serving node's old generation grows past what survived its last full collection. */
export const SERVING_HEAP_GROWTH_PERCENT = 100;

const FLAG = '--heap-growing-percent';

/**
 * Sets V8's heap growth for serving, unless the process was started with its own
 * `--heap-growing-percent` (an operator's choice wins). V8 reads this flag each time it sets
 * the next limit, so setting it after the start takes effect (measured: the flags V8 reads
 * only at the start, such as the initial old-space size or pretenuring, do not). Returns the
 * flag it set, or null.
 */
export function growHeapForServing(execArgv: readonly string[] = process.execArgv, set: (flag: string) => void = setFlagsFromString): string | null {
  if (execArgv.some((a) => a === FLAG || a.startsWith(`${FLAG}=`))) return null;
  const flag = `${FLAG}=${SERVING_HEAP_GROWTH_PERCENT}`;
  set(flag);
  return flag;
}
