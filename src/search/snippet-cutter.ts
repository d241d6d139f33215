// Where a page's snippets are cut: in this thread, or on a worker thread beside the rest of the request.

/*
 * Why a worker: at 600,000 documents cutting a page's 20 snippets (tokenising and normalising
 * the words around the matches) takes 1–5 ms of a search's 5–18, and nothing after the top k
 * needs them until the page is rendered: the counts, the panel of other types and the
 * thesaurus notes run meanwhile on the request's thread. A web node offloads them
 * (SearchIndex.offloadSnippets); everything else (the CLI, the promise pass, tests) cuts them in
 * its own thread, with the same function and so the same snippets.
 *
 * Why only when busy (whenBusy): a hand-over to the worker and back costs a lone request more
 * than the overlap gains, while under load the worker can let a node use its second core. At
 * 600,000 documents on the 2-core machine (session 15, bench/snippet-thread.ts: six rounds,
 * servers in rotated order, a loopback client over the query mix), one client at a time was
 * served 1.28x the requests per second with the worker never used and 1.23x with it used
 * when busy, against always (p95 0.51x and 0.52x). With eight clients at once the three were
 * within the noise of this machine: 0.95x and 0.92x in that run, 0.95x and 1.05x in another
 * over eight of the queries. So a node cuts in the request's thread while that thread has
 * idle moments, and on the worker once requests wait on each other (saturationGauge).
 */

import { performance } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import { startWorkerThread } from './worker-thread.js';
import type { HighlightSpec } from './fts-query.js';
import { makeSnippet, type Snippet } from './snippet.js';
import { textOf, type CutText } from './stored-text.js';

export interface SnippetCutter {
  /** One snippet per text (inflated here if deflated), in order. Never rejects for the thread's sake: a worker that died is replaced by this thread. */
  cut(texts: readonly CutText[], spec: HighlightSpec): Promise<Snippet[]>;
  close(): Promise<void>;
}

/** The snippets of `texts`, cut in this thread: what a cutter does wherever it runs. */
export function cutHere(texts: readonly CutText[], spec: HighlightSpec): Snippet[] {
  return texts.map((t) => makeSnippet(textOf(t), spec));
}

export const inThread: SnippetCutter = {
  cut: async (texts, spec) => cutHere(texts, spec),
  close: async () => {},
};

/** Event-loop time in ms since the thread started, as performance.eventLoopUtilization() gives it. */
export type LoopTime = () => { idle: number; active: number };

/**
 * Whether this thread is saturated: a window of at least `windowMs` (from call to call) in
 * which it was idle for less than `idleBelow` of the time says so, and it is then taken as
 * saturated for `holdMs`, after which the next window tells again. A thread with requests
 * waiting goes from one to the next without blocking for input, so its idle time is near
 * zero while it cuts in its own thread; a lone client's turnaround and the network leave
 * idle moments. On the worker it waits for the worker even under load (10–20 % idle at eight
 * clients, measured), so the idle time cannot tell when to come back: the hold ends it, and
 * a quiet thread shows in the next window.
 */
export function saturationGauge(loop: LoopTime = () => performance.eventLoopUtilization(), clock: () => number = () => performance.now(), windowMs = 100, idleBelow = 0.01, holdMs = 1000): () => boolean {
  let mark = loop();
  let until = -Infinity;
  return () => {
    const now = loop();
    if (clock() < until) {
      mark = now;
      return true;
    }
    const idle = now.idle - mark.idle;
    const active = now.active - mark.active;
    if (idle + active < windowMs) return false;
    mark = now;
    if (idle >= idleBelow * (idle + active)) return false;
    until = clock() + holdMs;
    return true;
  };
}

/** Cuts on `worker` while `busy()` says this thread is saturated, here otherwise (see the note at the top). */
export function whenBusy(worker: SnippetCutter, busy: () => boolean = saturationGauge()): SnippetCutter {
  return {
    cut: (texts, spec) => (busy() ? worker : inThread).cut(texts, spec),
    close: () => worker.close(),
  };
}

/** A HighlightSpec as a worker message carries it (a Set does not cross as itself in every Node). */
export interface SpecWire {
  terms: string[];
  prefixes: string[];
  phrases: string[][];
  synonyms: number;
}

export interface CutRequest {
  id: number;
  spec: SpecWire;
  texts: readonly CutText[];
}

export type CutReply = { id: number; snippets: Snippet[] } | { id: number; error: string };

export function toWire(spec: HighlightSpec): SpecWire {
  return { terms: [...spec.terms], prefixes: spec.prefixes, phrases: spec.phrases, synonyms: spec.synonyms ?? 0 };
}

export function fromWire(w: SpecWire): HighlightSpec {
  return { terms: new Set(w.terms), prefixes: w.prefixes, phrases: w.phrases, synonyms: w.synonyms };
}

interface Pending {
  texts: readonly CutText[];
  spec: HighlightSpec;
  ok: (s: Snippet[]) => void;
  fail: (e: Error) => void;
}

/**
 * One worker thread (snippet-worker.ts) cutting snippets in the order asked. If it cannot
 * start or dies, `onFailure` hears why once, what it had in hand is cut in this thread, and so
 * is everything after: slower, the same snippets. An idle thread never keeps a process alive.
 * `start` is for tests (a thread that fails).
 */
export function workerCutter(onFailure: (e: Error) => void, start: () => Worker = () => startWorkerThread(import.meta.url, 'snippet-worker')): SnippetCutter {
  const pending = new Map<number, Pending>();
  let next = 0;
  let worker: Worker | null = null;
  const giveUp = (e: Error) => {
    if (worker === null) return;
    worker = null;
    onFailure(e);
    for (const p of pending.values()) p.ok(cutHere(p.texts, p.spec));
    pending.clear();
  };
  try {
    worker = start();
    worker.unref();
    worker.on('message', (m: CutReply) => {
      const p = pending.get(m.id);
      if (p === undefined) return;
      pending.delete(m.id);
      if (pending.size === 0) worker?.unref();
      // A text the worker could not cut is a bug in the cutting, not in the thread: this thread would throw the same.
      if ('error' in m) p.fail(new Error(m.error));
      else p.ok(m.snippets);
    });
    worker.on('error', (e) => giveUp(e));
    worker.on('exit', (code) => giveUp(new Error(`de snippet-worker stopte (code ${code})`)));
  } catch (e) {
    onFailure(e instanceof Error ? e : new Error(String(e)));
    worker = null;
  }
  return {
    cut(texts, spec) {
      const w = worker;
      if (w === null || texts.length === 0) return inThread.cut(texts, spec);
      return new Promise<Snippet[]>((ok, fail) => {
        const id = next++;
        // Held while it has work: a caller awaiting a cut keeps the process up, an idle thread does not.
        if (pending.size === 0) w.ref();
        pending.set(id, { texts, spec, ok, fail });
        w.postMessage({ id, spec: toWire(spec), texts } satisfies CutRequest);
      });
    },
    async close() {
      const w = worker;
      worker = null;
      for (const p of pending.values()) p.ok(cutHere(p.texts, p.spec));
      pending.clear();
      await w?.terminate();
    },
  };
}
