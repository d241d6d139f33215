/**
 * Loads by key in batches, in the spirit of DataLoader: the keys asked for while the current
 * work settles (every promise continuation that is ready has run) go to `loadBatch` together,
 * once each, and every answer is kept for the loader's life (one request). A page that asks
 * for its rows' ids concurrently thus costs one batch per level of references, however many
 * rows it has: over a network each query is a round trip.
 */
export class BatchLoader<K, V> {
  private readonly cache = new Map<K, Promise<V>>();
  private queue: { key: K; resolve: (v: V) => void; reject: (e: unknown) => void }[] = [];

  /**
   * `loadBatch` answers for distinct keys (a key it leaves out gets `missing`); `maxBatch`
   * bounds the keys of one call (larger queues are split into calls made at once).
   */
  constructor(
    private readonly loadBatch: (keys: K[]) => Promise<Map<K, V>>,
    private readonly missing: V,
    private readonly maxBatch = 1_000,
  ) {}

  load(key: K): Promise<V> {
    let p = this.cache.get(key);
    if (!p) {
      p = new Promise<V>((resolve, reject) => {
        // Flush after the microtasks queued now, and those they queue, have run: the
        // nextTick queue is only worked after the microtask queue is empty.
        if (this.queue.length === 0) void Promise.resolve().then(() => process.nextTick(() => void this.flush()));
        this.queue.push({ key, resolve, reject });
      });
      this.cache.set(key, p);
    }
    return p;
  }

  loadMany(keys: readonly K[]): Promise<V[]> {
    return Promise.all(keys.map((k) => this.load(k)));
  }

  private async flush(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    const parts: (typeof queue)[] = [];
    for (let i = 0; i < queue.length; i += this.maxBatch) parts.push(queue.slice(i, i + this.maxBatch));
    await Promise.all(
      parts.map(async (part) => {
        try {
          const got = await this.loadBatch(part.map((q) => q.key));
          for (const q of part) q.resolve(got.has(q.key) ? got.get(q.key)! : this.missing);
        } catch (e) {
          for (const q of part) q.reject(e);
        }
      }),
    );
  }
}
