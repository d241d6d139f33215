/**
 * Loads by key in batches, in the spirit of DataLoader: the keys asked for while the current
 * work settles (every promise continuation that is ready has run) go to `loadBatch` together,
 * once each, and every answer is kept for the loader's life (one request). A page that asks
 * for its rows' ids concurrently thus costs one batch per level of references, however many
 * rows it has: over a network each query is a round trip.
 *
 * The loaders of one request share `Rounds`: what was asked for goes out in rounds, every
 * loader's batch of a round at once, and the answers of a round are handed out together once
 * the whole round is back. So how many store calls a page makes depends on what it asks, not
 * on which of a round's queries a networked database happens to answer first.
 */

/** Something with work queued for the next round: it fetches, then hands out the answers. */
interface Pending {
  fetch(): Promise<() => void>;
}

export class Rounds {
  private readonly waiting = new Set<Pending>();
  private scheduled = false;
  private running = false;

  /** `p` has work queued: it goes out with the next round. */
  wake(p: Pending): void {
    this.waiting.add(p);
    this.schedule();
  }

  /**
   * Runs `fn` (a store call that is no batch) in the next round, with the loaders' batches.
   * `fn` must not use the loaders: it would wait for the round it holds up.
   */
  once<T>(fn: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.wake({
        // A function that throws at once fails its promise like one that rejects.
        fetch: () =>
          Promise.resolve().then(fn).then(
            (v) => () => resolve(v),
            (e: unknown) => () => reject(e),
          ),
      });
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    // After the microtasks queued now, and those they queue, have run: the nextTick queue is
    // only worked once the microtask queue is empty.
    void Promise.resolve().then(() => process.nextTick(() => void this.round()));
  }

  private async round(): Promise<void> {
    this.scheduled = false;
    this.running = true;
    const pending = [...this.waiting];
    this.waiting.clear();
    const handOut = await Promise.all(pending.map((p) => p.fetch()));
    this.running = false;
    for (const h of handOut) h();
    // Asked for while the round was out (by work outside the loaders): the next round.
    if (this.waiting.size > 0) this.schedule();
  }
}

export class BatchLoader<K, V> implements Pending {
  private readonly cache = new Map<K, Promise<V>>();
  private queue: { key: K; resolve: (v: V) => void; reject: (e: unknown) => void }[] = [];

  /**
   * `loadBatch` answers for distinct keys (a key it leaves out gets `missing`); `maxBatch`
   * bounds the keys of one call (larger queues are split into calls made at once).
   */
  constructor(
    private readonly rounds: Rounds,
    private readonly loadBatch: (keys: K[]) => Promise<Map<K, V>>,
    private readonly missing: V,
    private readonly maxBatch = 1_000,
  ) {}

  load(key: K): Promise<V> {
    let p = this.cache.get(key);
    if (!p) {
      p = new Promise<V>((resolve, reject) => {
        if (this.queue.length === 0) this.rounds.wake(this);
        this.queue.push({ key, resolve, reject });
      });
      this.cache.set(key, p);
    }
    return p;
  }

  async fetch(): Promise<() => void> {
    const queue = this.queue;
    this.queue = [];
    const parts: (typeof queue)[] = [];
    for (let i = 0; i < queue.length; i += this.maxBatch) parts.push(queue.slice(i, i + this.maxBatch));
    const answers = await Promise.all(
      parts.map((part) =>
        Promise.resolve(part.map((q) => q.key)).then(this.loadBatch).then(
          (got) => () => { for (const q of part) q.resolve(got.has(q.key) ? got.get(q.key)! : this.missing); },
          (e: unknown) => () => { for (const q of part) q.reject(e); },
        ),
      ),
    );
    return () => answers.forEach((a) => a());
  }
}
