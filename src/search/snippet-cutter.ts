// Where a page's snippets are cut: in this thread, or on a worker thread beside the rest of the request.

/*
 * Why a worker: at 600,000 documents cutting a page's 20 snippets (tokenising and normalising
 * the words around the matches) takes 1–5 ms of a search's 5–18, and nothing after the top k
 * needs them until the page is rendered: the counts, the panel of other types and the
 * thesaurus notes run meanwhile on the request's thread. A web node offloads them
 * (SearchIndex.offloadSnippets); everything else (the CLI, the promise pass, tests) cuts them in
 * its own thread, with the same function and so the same snippets.
 */

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
