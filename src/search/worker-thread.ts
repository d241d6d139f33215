// Starts a worker thread on a sibling module, from compiled JavaScript or from source under tsx (the snippet worker here, the parse worker of ingest).

import { Worker } from 'node:worker_threads';

/**
 * The worker `name` (a module next to `from`, the caller's `import.meta.url`). From compiled
 * JavaScript it is the sibling `<name>.js`. Under tsx (tests, benchmarks from source) a worker
 * does not inherit the parent's module hooks, and `--import tsx` in its execArgv does not
 * register them either on Node 20: the worker first registers tsx through its API, then loads
 * `<name>.ts`.
 */
export function startWorkerThread(from: string, name: string, workerData?: unknown): Worker {
  if (!from.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, from), { workerData });
  const entry = new URL(`./${name}.ts`, from).href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
