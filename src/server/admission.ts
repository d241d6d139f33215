/**
 * Admission control for the routes that search: a bounded queue in front of work that runs
 * on the event loop, served fairly per client. Search is synchronous (SQLite and typed
 * arrays), so requests are not made faster by running together; what matters is who goes
 * next. The next is the waiting request whose client has used the least search time lately
 * (a decaying sum), so one client flooding expensive queries waits behind everyone else's
 * cheap ones instead of in front of them. A full queue answers 503 with Retry-After at once,
 * and so does a request that waited too long: a clean refusal, never a reset connection.
 */
import type { Context, MiddlewareHandler } from 'hono';

export interface AdmissionOptions {
  /** Requests running at once (default 1: search is synchronous, so more would only interleave). */
  concurrency?: number;
  /** Requests waiting in all (default 512: a burst of a few hundred clients queues rather than being refused). */
  maxWaiting?: number;
  /** Requests one client may have waiting (default 8). */
  maxWaitingPerClient?: number;
  /** A request that waited this long is refused with 503 (default 10 s). */
  maxWaitMs?: number;
  /** How fast a client's used time is forgotten: half-life in ms (default 10 s). */
  halfLifeMs?: number;
  /** Seconds a refused client is told to wait (Retry-After; default 2). */
  retryAfterSeconds?: number;
}

interface Waiter {
  client: string;
  seq: number;
  start: () => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface AdmissionStats {
  running: number;
  waiting: number;
  admitted: number;
  refused: number;
}

export class FairQueue {
  private readonly concurrency: number;
  private readonly maxWaiting: number;
  private readonly maxWaitingPerClient: number;
  private readonly maxWaitMs: number;
  private readonly halfLifeMs: number;
  readonly retryAfterSeconds: number;
  private running = 0;
  private seq = 0;
  private readonly waiting: Waiter[] = [];
  private readonly usage = new Map<string, { ms: number; at: number }>();
  private readonly counts = { admitted: 0, refused: 0 };

  constructor(o: AdmissionOptions = {}) {
    this.concurrency = o.concurrency ?? 1;
    this.maxWaiting = o.maxWaiting ?? 512;
    this.maxWaitingPerClient = o.maxWaitingPerClient ?? 8;
    this.maxWaitMs = o.maxWaitMs ?? 10_000;
    this.halfLifeMs = o.halfLifeMs ?? 10_000;
    this.retryAfterSeconds = o.retryAfterSeconds ?? 2;
  }

  stats(): AdmissionStats {
    return { running: this.running, waiting: this.waiting.length, ...this.counts };
  }

  /** A client's recent use in ms, decayed to now. */
  private used(client: string, now: number): number {
    const u = this.usage.get(client);
    return u ? u.ms * 2 ** (-(now - u.at) / this.halfLifeMs) : 0;
  }

  private charge(client: string, ms: number): void {
    const now = performance.now();
    this.usage.set(client, { ms: this.used(client, now) + ms, at: now });
    // Forgotten clients cost nothing to keep out of the map.
    if (this.usage.size > 10_000) for (const [k, u] of this.usage) if (u.ms * 2 ** (-(now - u.at) / this.halfLifeMs) < 1) this.usage.delete(k);
  }

  /**
   * Runs `fn` when it is this client's turn; resolves to null (without running it) when the
   * queue is full or the wait too long.
   */
  async run<T>(client: string, fn: () => Promise<T>): Promise<{ value: T } | null> {
    const mine = this.waiting.reduce((n, w) => n + (w.client === client ? 1 : 0), 0);
    const free = Math.max(0, this.concurrency - this.running);
    if (this.waiting.length >= this.maxWaiting + free || mine >= this.maxWaitingPerClient) {
      this.counts.refused++;
      return null;
    }
    // Every request queues, even on an idle server, and the pick waits for the next turn of
    // the event loop: a search runs synchronously, so otherwise whoever's bytes were read
    // first would run first, and the requests that arrived together would never compete.
    const admitted = await new Promise<boolean>((resolve) => {
      const w: Waiter = {
        client,
        seq: this.seq++,
        start: () => resolve(true),
        timer: setTimeout(() => {
          // On a loaded machine the timer can fire before the scheduled pick has run: with
          // room to run, that is no reason to refuse, so pick first.
          this.next();
          const i = this.waiting.indexOf(w);
          if (i >= 0) this.waiting.splice(i, 1);
          resolve(false);
        }, this.maxWaitMs),
      };
      this.waiting.push(w);
      this.schedule();
    });
    if (!admitted) {
      this.counts.refused++;
      return null;
    }
    this.counts.admitted++;
    const t0 = performance.now();
    try {
      return { value: await fn() };
    } finally {
      this.charge(client, performance.now() - t0);
      this.running--;
      this.schedule();
    }
  }

  private scheduled = false;

  /** Picks the next after the event loop has read what arrived meanwhile (setImmediate runs after I/O). */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.next();
    });
  }

  /** Starts the waiter whose client used least lately (ties: who came first). */
  private next(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const now = performance.now();
      let best = 0;
      let bestUse = Infinity;
      for (let i = 0; i < this.waiting.length; i++) {
        const w = this.waiting[i]!;
        const use = this.used(w.client, now);
        if (use < bestUse || (use === bestUse && w.seq < this.waiting[best]!.seq)) {
          best = i;
          bestUse = use;
        }
      }
      const [w] = this.waiting.splice(best, 1);
      clearTimeout(w!.timer);
      this.running++;
      w!.start();
    }
  }
}

/** Renders an error as the route family answers errors (JSON shape or an HTML page). */
export type ErrorRenderer = (c: Context, status: number, code: string, message: string, headers: Record<string, string>) => Response | Promise<Response>;

/** The middleware: admits a request through `queue`, or answers 503 + Retry-After. */
export function admission(queue: FairQueue, clientOf: (c: Context) => string, render: ErrorRenderer): MiddlewareHandler {
  return async (c, next) => {
    const r = await queue.run(clientOf(c), async () => {
      await next();
    });
    if (r !== null) return;
    const message = 'De server is druk; probeer het over een paar seconden opnieuw';
    return render(c, 503, 'BUSY', message, { 'Retry-After': String(queue.retryAfterSeconds) });
  };
}
