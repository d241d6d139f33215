/**
 * Batch commands (import, sync, reparse) on a machine of one or two cores run in a process
 * started with a V8 thread pool of one thread: the CLI starts itself again with that flag.
 *
 * Why: V8's platform (the background threads of the garbage collector's concurrent marking,
 * parallel scavenges and background compilation) has four threads by default whatever the
 * machine. A bulk import keeps two threads of its own busy (the writer and the parse worker:
 * ingest/bulk-records.ts), so on two cores those four only take turns with them. At 600,000
 * documents on the 2-core machine, 60,000 more records (three files, in alternating runs)
 * were stored at 1,845–1,939 docs/s with a pool of one against 1,673–1,698 with the default
 * (1.09–1.15x), and 100,000 records into an empty folder in 0.93–0.95x the time (README,
 * session 27). Only a process's start sets the pool (V8 reads it when it builds its platform;
 * the garbage collector's own flags set later crash it or do nothing, both measured), hence
 * the second process. Elsewhere (more cores, `serve`, every other command) Node's defaults hold.
 *
 * The second process is the one that works: it inherits the terminal (progress, prompts, exit
 * code), a signal sent to the first is passed on, and it stops at once when the first dies
 * (`dieWithParent`), so killing the command with -9 stops the import as before.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Commands that run the import pipeline over many records. */
export const BATCH_COMMANDS: ReadonlySet<string> = new Set(['import', 'sync', 'reparse']);

/** Set in the second process to the first one's pid: it is the one that works, and stops when that one is gone. */
export const RELAUNCHED_ENV = 'KAMERLENS_RELAUNCHED';

const POOL_FLAG = '--v8-pool-size';

/** The Node flags a batch process starts with on a machine of `cores` cores (none above two). */
export function batchNodeFlags(cores: number = availableParallelism()): string[] {
  return cores <= 2 ? [`${POOL_FLAG}=1`] : [];
}

/** The command of a CLI invocation (`args` without node and the script): the first word that is not a global option. */
export function commandOf(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--data') {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return a;
  }
  return undefined;
}

/**
 * The arguments to start the CLI again with (after `process.execPath`), or null to run here:
 * not a batch command, no flag this machine needs, already the second process, or a pool
 * size the caller chose (an operator's `--v8-pool-size` wins).
 */
export function relaunchArgs(argv: readonly string[], execArgv: readonly string[], env: NodeJS.ProcessEnv, cores: number = availableParallelism()): string[] | null {
  const command = commandOf(argv.slice(2));
  if (command === undefined || !BATCH_COMMANDS.has(command) || env[RELAUNCHED_ENV] !== undefined) return null;
  if (execArgv.some((a) => a === POOL_FLAG || a.startsWith(`${POOL_FLAG}=`))) return null;
  const flags = batchNodeFlags(cores);
  if (flags.length === 0 || argv[1] === undefined) return null;
  return [...flags, ...execArgv, argv[1], ...argv.slice(2)];
}

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs the CLI again with `args` and ends this process as the second one ended: its exit code,
 * or the signal that stopped it. Resolves false (run here instead) when it cannot start.
 */
export function runRelaunched(args: string[]): Promise<boolean> {
  return new Promise((done) => {
    let child;
    try {
      child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, [RELAUNCHED_ENV]: String(process.pid) } });
    } catch {
      done(false);
      return;
    }
    // Ctrl-C reaches both (one process group); a signal sent to this process alone is passed on.
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    for (const s of FORWARDED) process.on(s, forward);
    let started = false;
    child.once('spawn', () => (started = true));
    child.once('error', () => {
      if (started) return;
      for (const s of FORWARDED) process.off(s, forward);
      done(false);
    });
    child.once('exit', (code, signal) => {
      for (const s of FORWARDED) process.off(s, forward);
      if (signal !== null) process.kill(process.pid, signal);
      else process.exit(code ?? 1);
    });
  });
}

/**
 * In the second process: stop with SIGKILL as soon as the first (`parent`, from RELAUNCHED_ENV)
 * is gone (killed with -9, it cannot pass that on), also when that happened before this ran:
 * the pid is the one the first passed, not the parent this process has now. A thread of its
 * own looks every 10 ms, since the main thread may be busy with a batch for a second;
 * unref'd, it never keeps the process alive.
 */
export function dieWithParent(parent: number): void {
  const watch = new Worker(
    `const { workerData } = require('node:worker_threads');
     const check = () => { if (process.ppid !== workerData) process.kill(process.pid, 'SIGKILL'); };
     check();
     setInterval(check, 10);`,
    { eval: true, workerData: parent },
  );
  watch.unref();
}
