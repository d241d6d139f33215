// Median wall-clock time of a piece of work, the way the small bench stages take it.

/** Median milliseconds of an async `fn` over `runs` runs, after one warm-up run. */
export async function medianMs(fn: () => Promise<unknown>, runs: number): Promise<number> {
  await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  return t.sort((a, b) => a - b)[runs >> 1]!;
}
