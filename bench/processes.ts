// What the benches that run the product as its own processes share: the built CLI, a process's memory, a scratch
// PostgreSQL cluster.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './corpus.js';

/** `kamerlens …` from the built CLI, as a user runs it; its wall time in ms. */
export function cli(env: Record<string, string>, ...args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(repoRoot(), 'dist', 'src', 'main.js'), ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`kamerlens ${args.join(' ')} exited with ${r.status}: ${r.stderr.slice(-2000)}`);
  return performance.now() - t0;
}

/** Resident memory of a process in MB (Linux). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** scripts/pg-scratch.mjs, found from the repository root (the benches also run compiled, from dist/bench/). */
export async function scratchPg(): Promise<{ pgBinDir(): string | null; startScratchCluster(): Promise<{ url: string; stop(): void }> }> {
  return import(pathToFileURL(join(repoRoot(), 'scripts', 'pg-scratch.mjs')).href) as never;
}
