/**
 * Workers on PostgreSQL: `kamerlens worker` processes syncing the (fake) open data are killed
 * with SIGKILL mid-run, and another worker takes over the job (the dead one's lease dies with
 * its connection). The database ends as one uninterrupted sync into SQLite leaves it: nothing
 * lost, nothing doubled.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import type { Hono } from 'hono';
import { openPgServices, openServices, type Opened } from '../../src/main.js';
import { createApp } from '../../src/server/app.js';
import { startFakeTk, WORLD_FAULTS } from '../fake-tk/server.js';
import { buildWorld } from '../fake-tk/world.js';
import { freshPgUrl, pgSkip } from '../helpers/pg.js';

const root = join(import.meta.dirname, '..', '..');
const MAIN = join(root, 'src', 'main.ts');

/** The CLI in a child process, awaited (not spawnSync: the fake open-data server answers from this process). */
function cli(env: Record<string, string>, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => ok({ code, stdout, stderr }));
  });
}

/** A worker running each job once; killed with SIGKILL after `killAfterMs` unless it ended. Resolves its log, or null when killed. */
function worker(env: Record<string, string>, source: string, killAfterMs: number | null): Promise<string | null> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'worker', '--once', '--source', source], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') return ok(null);
      if (code !== 0) return fail(new Error(`worker exited with ${code}: ${err}`));
      ok(err);
    });
  });
}

/** Volatile parts of two databases with the same content: when things were stored. */
function stable(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (k, v) => {
    if (/^(importedAt|imported_at|storedAt|at|createdAt|updatedAt|elapsedMs|tookMs|lastRunAt|syncedAt|checkedAt)$/.test(k)) return '<tijd>';
    if (k === 'recent' && Array.isArray(v)) return [...v].sort((a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1));
    return v;
  });
}

async function pages(app: Hono): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const path of ['/index.json', '/kamer.json', '/besluiten.json', '/stemmingen.json', '/personen.json', '/dossiers.json', '/verslagen.json', '/api/search?q=motie', '/api/search?q=telecomraad&type=alle']) {
    const res = await app.request(path);
    assert.equal(res.status, 200, path);
    out.push({ path, body: stable(await res.json()) });
  }
  return out;
}

it('workers killed with -9 mid-sync are taken over by another: the same data as one uninterrupted run', { skip: pgSkip, timeout: 600_000 }, async () => {
  // A delay per request stretches the sync so that the kills land in pages, files and imports.
  const fake = await startFakeTk(buildWorld(), { ...WORLD_FAULTS, delayMs: 8 });
  let lite: Opened | null = null;
  let pg: Opened | null = null;
  try {
    const liteDir = mkdtempSync(join(tmpdir(), 'kl-wref-'));
    const reference = await cli({ KAMERLENS_DATA: liteDir }, 'sync', '--source', fake.url);
    assert.equal(reference.code === 0 || reference.code === 1, true, reference.stderr);

    const env = { KAMERLENS_DATABASE_URL: await freshPgUrl(), KAMERLENS_DATA: mkdtempSync(join(tmpdir(), 'kl-wpg-')) };
    assert.equal((await cli(env, 'migrate')).code, 0);
    let killed = 0;
    for (const ms of [2500, 3500, 4500, 6000]) if ((await worker(env, fake.url, ms)) === null) killed++;
    assert.ok(killed >= 1, 'at least one worker was killed before it finished');
    // Two more take over; at most one of them syncs at a time.
    const [a, b] = await Promise.all([worker(env, fake.url, null), worker(env, fake.url, null)]);
    assert.match(`${a}${b}`, /worker: sync: \d+ items/);
    // And a last one finds nothing new: what the others stored is complete.
    assert.match((await worker(env, fake.url, null)) ?? '', /worker: sync: 0 items/);

    lite = openServices(join(liteDir, 'kamerlens.db'));
    pg = await openPgServices(env.KAMERLENS_DATABASE_URL, env.KAMERLENS_DATA);
    assert.deepEqual(await pages(createApp(pg)), await pages(createApp(lite)));
  } finally {
    await lite?.close();
    await pg?.close();
    await fake.close();
  }
});
