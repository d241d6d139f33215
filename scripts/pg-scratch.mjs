// A throw-away PostgreSQL cluster in a temporary folder, for tests and benchmarks: initdb,
// then a postmaster on loopback only (no system service, nothing outside the folder).
// Used by run-tests.mjs (one cluster for the whole run) and by benchmarks.
// `startStandby(primary)` adds a streaming hot standby of such a cluster (pg_basebackup -R),
// for the read-replica test; `node scripts/pg-scratch.mjs --standby` starts both and prints
// their URLs until Ctrl-C.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folder of PostgreSQL's server programs (Debian puts them under /usr/lib/postgresql/N/bin), or null. */
export function pgBinDir() {
  if (process.env.KAMERLENS_PG_BIN) return process.env.KAMERLENS_PG_BIN;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], 'bin') : null;
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** Runs one of PostgreSQL's programs, as the `postgres` OS user when we are root (PostgreSQL refuses root). */
function programs(bin) {
  const asRoot = process.getuid?.() === 0;
  const run = (cmd, args) => {
    const full = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    const r = spawnSync(full[0], full[1], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  const folder = (at) => {
    const dir = at ?? mkdtempSync(join(tmpdir(), 'kl-pg-'));
    mkdirSync(dir, { recursive: true });
    if (asRoot) spawnSync('chown', ['postgres:postgres', dir]);
    return dir;
  };
  return { run, folder };
}

function requireBin() {
  const bin = pgBinDir();
  if (!bin) throw new Error('PostgreSQL server programs not found (install the Debian package postgresql-15, or set KAMERLENS_PG_BIN)');
  return bin;
}

/** Starts a postmaster on `data` (loopback only, socket in `dir`) and returns its stop function (which removes `dir` unless `keep`). */
function startServer(run, dir, data, port, extra, keep = false) {
  // fsync off and a small shared_buffers: a test cluster holds nothing worth an fsync.
  const opts = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c max_connections=200 -c shared_buffers=128MB ${extra}`;
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', opts, 'start']);
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    try {
      // A kept cluster shuts down cleanly (its next start needs no recovery); a throw-away one need not.
      run('pg_ctl', ['-D', data, '-m', keep ? 'fast' : 'immediate', '-w', '-t', '300', 'stop']);
    } catch {
      // already gone
    }
    if (!keep) rmSync(dir, { recursive: true, force: true });
  };
}

/**
 * Starts a scratch cluster; resolves to { url, port, dir, stop }. `url` points at the
 * `postgres` database as a superuser named after the OS user (trust authentication on
 * loopback only). PostgreSQL refuses to run as root: as root, the cluster runs as the
 * `postgres` OS user (which the Debian package creates). With `replication`, it can feed a
 * standby (startStandby): WAL for replicas, WAL senders, full-page writes (a base backup needs
 * them), and a pg_hba entry for replication connections from loopback. With `dir`, the cluster
 * lives in that folder and stop keeps it: started again on the same `dir`, it has what it had
 * (`reused` says so), for a bench whose import takes an hour and whose measuring is rerun.
 */
export async function startScratchCluster({ log = () => {}, replication = false, dir: at = undefined } = {}) {
  const bin = requireBin();
  const { run, folder } = programs(bin);
  const dir = folder(at);
  const data = join(dir, 'data');
  const reused = at !== undefined && existsSync(join(data, 'PG_VERSION'));
  if (!reused) run('initdb', ['-D', data, '-U', 'kamerlens', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
  if (replication) appendFileSync(join(data, 'pg_hba.conf'), '\nhost replication kamerlens 127.0.0.1/32 trust\n');
  const port = await freePort();
  log(`postgresql: scratch cluster in ${dir} on port ${port}`);
  const extra = replication ? '-c wal_level=replica -c max_wal_senders=5 -c full_page_writes=on' : '-c full_page_writes=off';
  const stop = startServer(run, dir, data, port, extra, at !== undefined);
  return { url: `postgres://kamerlens@127.0.0.1:${port}/postgres`, port, dir, stop, reused };
}

/**
 * Starts a streaming hot standby of a scratch cluster started with `replication: true`:
 * `pg_basebackup -R` copies the primary and writes the standby's connection settings
 * (standby.signal, primary_conninfo), then the copy runs read-only on a port of its own,
 * replaying the primary's WAL as it streams in. Resolves to { url, port, dir, stop }; `url`
 * names the same database user as the primary's (its roles are copied too).
 */
export async function startStandby(primary, { log = () => {} } = {}) {
  const bin = requireBin();
  const { run, folder } = programs(bin);
  const dir = folder();
  const data = join(dir, 'data');
  run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'kamerlens', '-D', data, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
  const port = await freePort();
  log(`postgresql: standby of port ${primary.port} in ${dir} on port ${port}`);
  const stop = startServer(run, dir, data, port, '-c hot_standby=on -c full_page_writes=on');
  return { url: `postgres://kamerlens@127.0.0.1:${port}/postgres`, port, dir, stop };
}

// `node scripts/pg-scratch.mjs --standby`: a primary and its standby, until Ctrl-C.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const standby = process.argv.includes('--standby');
  const primary = await startScratchCluster({ replication: standby, log: console.log });
  const replica = standby ? await startStandby(primary, { log: console.log }) : null;
  console.log(`KAMERLENS_DATABASE_URL=${primary.url}`);
  if (replica) console.log(`KAMERLENS_DATABASE_READ_URL=${replica.url}`);
  const stop = () => {
    replica?.stop();
    primary.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
}
