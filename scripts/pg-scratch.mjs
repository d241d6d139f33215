// A throw-away PostgreSQL cluster in a temporary folder, for tests and benchmarks: initdb,
// then a postmaster on loopback only (no system service, nothing outside the folder).
// Used by run-tests.mjs (one cluster for the whole run) and by benchmarks.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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

/**
 * Starts a scratch cluster; resolves to { url, stop }. `url` points at the `postgres`
 * database as a superuser named after the OS user (trust authentication on loopback only).
 * PostgreSQL refuses to run as root: as root, the cluster runs as the `postgres` OS user
 * (which the Debian package creates).
 */
export async function startScratchCluster({ log = () => {} } = {}) {
  const bin = pgBinDir();
  if (!bin) throw new Error('PostgreSQL server programs not found (install the Debian package postgresql-15, or set KAMERLENS_PG_BIN)');
  const dir = mkdtempSync(join(tmpdir(), 'kl-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (cmd, args) => {
    const full = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    const r = spawnSync(full[0], full[1], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  if (asRoot) spawnSync('chown', ['postgres:postgres', dir]);
  run('initdb', ['-D', data, '-U', 'kamerlens', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  log(`postgresql: scratch cluster in ${dir} on port ${port}`);
  // fsync off and a small shared_buffers: a test cluster holds nothing worth an fsync.
  const opts = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=128MB`;
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', opts, 'start']);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: `postgres://kamerlens@127.0.0.1:${port}/postgres`, dir, stop };
}
