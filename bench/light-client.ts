// The HTTP client of the latency measurements, in a process of its own that does nothing else.
//
// The bench's own process had measured the API from inside itself: a process that has just
// imported the corpus and holds raw FTS5 open, whose garbage collection and event loop may add
// to every round trip it times (session 15: an empty search 1.4–2.0 ms from the bench's process,
// 0.33 ms from a lone client). A load generator is kept apart from what it measures (wrk, ab,
// k6 all are); this is that. Its own small GET, not http-search.ts's: importing that module
// would load the whole application into this process.
//
// As a child: `node light-client.js` reads one JSON job on stdin, { base, paths, reps }, and
// writes the times on stdout: per path two warm-ups, then `reps` rounds, each a request over a
// kept-alive connection and one over a new connection, in alternating order. A job with
// `bases` instead (TurnsJob) asks several servers in turn.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

export interface LightClientJob {
  base: string;
  paths: string[];
  reps: number;
}

/**
 * Servers compared side by side (bench/product-pg.ts): per path, each base over its own
 * kept-alive connection, after the whole list was asked of every base a few times (warm-up),
 * two warm-ups each, then `reps` rounds asking every base once, the order reversed every other
 * round, so a busy spell of the machine falls on all of them.
 */
export interface TurnsJob {
  bases: string[];
  paths: string[];
  reps: number;
}

/** Per path, in ms: over a kept-alive connection and over a new connection each time. */
export interface LightClientTimes {
  kept: number[];
  fresh: number[];
}

function get(base: string, path: string, agent: http.Agent | false): Promise<void> {
  return new Promise((ok, fail) => {
    const req = http.get(`${base}${path}`, { agent }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => (res.statusCode === 200 ? ok() : fail(new Error(`GET ${path}: ${res.statusCode}`))));
      res.on('error', fail);
    });
    req.on('error', (e) => fail(new Error(`GET ${path}: ${e.message}`)));
  });
}

async function run(job: LightClientJob): Promise<LightClientTimes[]> {
  const out: LightClientTimes[] = [];
  for (const path of job.paths) {
    // A fresh agent per path: between paths the bench may do other work for seconds, past the server's keep-alive.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      await get(job.base, path, agent);
      await get(job.base, path, agent);
      const times: LightClientTimes = { kept: [], fresh: [] };
      for (let i = 0; i < job.reps; i++) {
        const order: [number[], http.Agent | false][] = i % 2 ? [[times.kept, agent], [times.fresh, false]] : [[times.fresh, false], [times.kept, agent]];
        for (const [into, a] of order) {
          const t0 = performance.now();
          await get(job.base, path, a);
          into.push(performance.now() - t0);
        }
      }
      out.push(times);
    } finally {
      agent.destroy();
    }
  }
  return out;
}

const WARM_ROUNDS = 3;

/** Per path, per base (in `job.bases` order), in ms over a kept-alive connection. */
async function turns(job: TurnsJob): Promise<number[][][]> {
  // Every path asked of every base a few times before any is timed: otherwise the first path
  // measured a just-started server's and this client's first moments (JIT, heap growth), and
  // came out 1.5–2x slower than when measured later (`de`, first of the mix).
  const warm = job.bases.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  try {
    for (let round = 0; round < WARM_ROUNDS; round++) {
      for (const path of job.paths) for (const [k, base] of job.bases.entries()) await get(base, path, warm[k]!);
    }
  } finally {
    for (const a of warm) a.destroy();
  }
  const out: number[][][] = [];
  for (const path of job.paths) {
    const agents = job.bases.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
    try {
      const times: number[][] = job.bases.map(() => []);
      for (let i = 0; i < job.reps + 2; i++) {
        const order = [...job.bases.keys()];
        if (i % 2 === 1) order.reverse();
        for (const k of order) {
          const t0 = performance.now();
          await get(job.bases[k]!, path, agents[k]!);
          if (i >= 2) times[k]!.push(performance.now() - t0);
        }
      }
      out.push(times);
    } finally {
      for (const a of agents) a.destroy();
    }
  }
  return out;
}

/** Runs `job` in a light client process (this file as a child) and resolves its times, one entry per path. */
export function lightClient(job: LightClientJob): Promise<LightClientTimes[]> {
  return inChild<LightClientTimes[]>(job);
}

/** Runs a TurnsJob in a light client process: per path, per base, the times over a kept-alive connection. */
export function lightClientTurns(job: TurnsJob): Promise<number[][][]> {
  return inChild<number[][][]>(job);
}

function inChild<T>(job: LightClientJob | TurnsJob): Promise<T> {
  const self = fileURLToPath(import.meta.url);
  // Built (dist/bench) or run through tsx (bench/*.ts): the child is started the same way.
  const args = self.endsWith('.ts') ? ['--import', 'tsx', self] : [self];
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? ok(JSON.parse(stdout) as T) : fail(new Error(`the light client exited with ${code}`))));
    child.stdin.end(JSON.stringify(job));
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let input = '';
  process.stdin.on('data', (d: Buffer) => (input += d));
  process.stdin.on('end', () => {
    const job = JSON.parse(input) as LightClientJob | TurnsJob;
    ('bases' in job ? turns(job) : run(job)).then(
      (times) => process.stdout.write(JSON.stringify(times)),
      (e: unknown) => {
        process.stderr.write(`light client: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 1;
      },
    );
  });
}
