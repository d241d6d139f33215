// What the benches that run the product as its own processes share: the built CLI, a process's memory, a scratch
// PostgreSQL cluster.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
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

/** Clock ticks per second of /proc's CPU times (USER_HZ; 100 on every Linux this runs on). */
const TICKS = 100;

/** CPU seconds a process has used so far, all its threads (Linux /proc/<pid>/stat: utime + stime); 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields are counted from its last ')'.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICKS;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by every running process named `name` (e.g. all of PostgreSQL's: postmaster and backends). */
export function cpuSecondsOfAll(name: string): number {
  let sum = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() === name) sum += cpuSeconds(Number(d));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return sum;
}

/**
 * The machine's CPU seconds so far, over all cores (/proc/stat): busy (idle, iowait and steal
 * are not), and steal, the time a virtual machine's host gave its cores to others.
 */
export function machineCpu(): { busy: number; steal: number; cores: number } {
  const lines = readFileSync('/proc/stat', 'utf8').split('\n');
  const f = lines[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = f as [number, number, number, number, number, number, number, number];
  return { busy: (user + nice + system + irq + softirq) / TICKS, steal: steal / TICKS, cores: lines.filter((l) => /^cpu\d+ /.test(l)).length };
}

/** scripts/pg-scratch.mjs, found from the repository root (the benches also run compiled, from dist/bench/). */
async function scratchPg(): Promise<{
  pgBinDir(): string | null;
  startScratchCluster(options?: { dir?: string }): Promise<{ url: string; stop(): void; reused: boolean }>;
}> {
  return import(pathToFileURL(join(repoRoot(), 'scripts', 'pg-scratch.mjs')).href) as never;
}

/**
 * A scratch PostgreSQL cluster with these databases created, for benches that run the built CLI
 * on it; null (after saying so) when PostgreSQL is not installed. `url(name)` is a database's address.
 * With `keepIn`, the cluster lives in that folder and outlives stop(); started again there, it
 * keeps its databases (`reused`).
 */
export async function scratchDatabases(
  names: readonly string[],
  log: (m: string) => void,
  keepIn?: string,
): Promise<{ bin: string; url(name: string): string; stop(): void; reused: boolean } | null> {
  const { pgBinDir, startScratchCluster } = await scratchPg();
  const bin = pgBinDir();
  if (!bin) {
    log('PostgreSQL is not installed: stage skipped');
    return null;
  }
  if (!existsSync(join(repoRoot(), 'dist', 'src', 'main.js'))) throw new Error('dist/src/main.js is missing: run through `npm run bench`, which builds first');
  const cluster = await startScratchCluster(keepIn ? { dir: keepIn } : {});
  try {
    if (!cluster.reused) {
      const admin = new pg.Client({ connectionString: cluster.url });
      await admin.connect();
      for (const n of names) await admin.query(`CREATE DATABASE ${n}`);
      await admin.end();
    }
  } catch (e) {
    cluster.stop();
    throw e;
  }
  return { bin, url: (name) => cluster.url.replace(/\/postgres$/, `/${name}`), stop: () => cluster.stop(), reused: cluster.reused };
}
