// A bounded memo that keeps the words in use: two generations of Maps.

/*
 * New entries go into `young`; when it holds `generation` entries it becomes `old` (the
 * previous old one is dropped) and a fresh young one starts. A hit in `old` is copied into
 * `young`, so an entry in use survives every rotation, while one not used for a whole
 * generation is dropped. Why not clear-when-full: with more distinct words than the limit
 * (the Zipf tail of a large archive) clearing also throws away the hot words (`de`, `het`,
 * `kamer`…), which then pay the cold path again after every clear. Why not an LRU list:
 * it costs a list update per HIT, and hits are the common case. Memory is bounded at
 * 2 × generation entries; rotation is O(1) (the old Map is left to the GC).
 */
export class TwoGenerationCache<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();

  /**
   * @param generation entries per generation
   * @param ownKey makes a key fit to be stored when an entry is promoted (see ownString in
   *   index.ts); `set` stores its key as given.
   */
  constructor(
    private readonly generation: number,
    private readonly ownKey: (key: string) => string = (key) => key,
  ) {}

  get(key: string): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(this.ownKey(key), aged);
    return aged;
  }

  set(key: string, value: V): void {
    if (this.young.size >= this.generation) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }

  /** Entries held (both generations; a promoted entry counts twice). */
  get size(): number {
    return this.young.size + this.old.size;
  }
}
