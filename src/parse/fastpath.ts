// Fast paths: cheap scans that let a stage skip work on text that plainly holds nothing for it.
// Every fast path gives exactly the output of the full path; `parseDocument(text, hints, { fastPaths: false })`
// runs the full path so tests can compare the two (test/parse/fastpath.test.ts).

let enabled = true;

/** Whether the fast paths are on (they are, except inside `withFastPaths(false, …)`). */
export function fastPaths(): boolean {
  return enabled;
}

/** Runs `fn` with the fast paths switched on or off, restoring the previous setting afterwards. */
export function withFastPaths<T>(on: boolean, fn: () => T): T {
  const before = enabled;
  enabled = on;
  try {
    return fn();
  } finally {
    enabled = before;
  }
}

/**
 * Whether case-insensitive Unicode regexes may match where a lower-cased `includes` check does not:
 * /iu folds "ſ" (U+017F) to "s" and the Kelvin sign to "k". Prefilters on lower-cased text are
 * skipped for such text.
 */
export function hasFoldingOddities(text: string): boolean {
  return text.includes('\u017f') || text.includes('\u212a');
}

let lastText: string | null = null;
let lastLower: string | null = null;

/**
 * The lower-cased text for prefilters, or null when the text has case-folding oddities (then the
 * caller must not prefilter). The last result is kept: several stages ask for the same head.
 */
export function lowerForCues(text: string): string | null {
  if (text !== lastText) {
    lastText = text;
    lastLower = hasFoldingOddities(text) ? null : text.toLowerCase();
  }
  return lastLower;
}
