/** Retrying with exponential backoff and jitter; the clock is injectable so tests never wait. */

export interface RetryPolicy {
  /** Total tries, the first included. */
  attempts: number;
  /** Delay before the first retry, doubled each time, in ms. */
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  /** A number in [0, 1): spreads retries of many clients apart. */
  random: () => number;
}

export const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  sleep: realSleep,
  random: Math.random,
};

/** The delay before retry number `retry` (1-based): base·2^(retry−1), capped, ±50 % jitter. */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(exp * (0.5 + policy.random()));
}

/**
 * Runs `fn` until it succeeds, `isRetryable` says no, or the attempts are spent; the last
 * error is thrown. `onRetry` hears about each failure that will be retried.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  isRetryable: (error: unknown) => boolean,
  onRetry: (error: unknown, attempt: number, delayMs: number) => void = () => {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      if (attempt >= policy.attempts || !isRetryable(e)) throw e;
      const delay = backoffDelay(policy, attempt);
      onRetry(e, attempt, delay);
      await policy.sleep(delay);
    }
  }
}
