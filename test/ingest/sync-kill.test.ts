/**
 * Crash safety: a sync in a child process is killed with SIGKILL at random moments several
 * times, then resumed; the database must end exactly as after one uninterrupted run.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { syncFeed } from '../../src/ingest/sync.js';
import { dumpDatabase } from '../fake-tk/dump.js';
import { openTk } from '../fake-tk/open.js';
import { startFakeTk, WORLD_FAULTS } from '../fake-tk/server.js';
import { buildWorld } from '../fake-tk/world.js';

const CHILD = join(import.meta.dirname, '..', 'fake-tk', 'sync-child.ts');

/** Runs the child; kills it after `killAfterMs` unless it finished. Resolves whether it finished. */
function runChild(url: string, dataDir: string, killAfterMs: number | null, commitEvery?: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', CHILD, url, dataDir, ...(commitEvery ? [String(commitEvery)] : [])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') return resolve(false);
      if (code !== 0) return reject(new Error(`sync child failed (${code}): ${err}`));
      resolve(out.includes('done'));
    });
  });
}

it('kill -9 at random moments, then resume: the same database as an uninterrupted run', { timeout: 180_000 }, async () => {
  // A small delay per request stretches the run so that kills land in pages, files and imports.
  const fake = await startFakeTk(buildWorld(), { ...WORLD_FAULTS, delayMs: 8 });
  try {
    const reference = mkdtempSync(join(tmpdir(), 'kl-kill-ref-'));
    const ref = openTk(join(reference, 'kamerlens.db'));
    await syncFeed({ source: fake.url, dataDir: reference, retry: { sleep: async () => {} } }, ref);
    const expected = dumpDatabase(ref.db);
    await ref.close();

    // Kills within the time a whole run takes in a child on this machine (start-up included):
    // fixed delays up to 3.3 s once all fell after the end of a run that took under 1.4 s.
    const timed = mkdtempSync(join(tmpdir(), 'kl-kill-timed-'));
    const t0 = performance.now();
    assert.equal(await runChild(fake.url, timed, null), true, 'an uninterrupted child run completes');
    const whole = performance.now() - t0;
    const dataDir = mkdtempSync(join(tmpdir(), 'kl-kill-'));
    const delays = Array.from({ length: 7 }, () => Math.floor(whole * (0.3 + Math.random() * 0.65)));
    // Several pages per transaction as well as one, so kills land between and inside both.
    const commits = delays.map((_, i) => (i % 2 === 0 ? 1 : 2 + Math.floor(Math.random() * 8)));
    let killed = 0;
    for (const [i, delay] of delays.entries()) if (!(await runChild(fake.url, dataDir, delay, commits[i]))) killed++;
    assert.equal(await runChild(fake.url, dataDir, null), true, 'the resumed run completes');
    assert.ok(killed > 0, `at least one run was killed mid-way (delays ${delays.join(', ')} ms)`);

    const resumed = openTk(join(dataDir, 'kamerlens.db'));
    const actual = dumpDatabase(resumed.db);
    await resumed.close();
    assert.equal(actual, expected, `kill delays: ${delays.join(', ')} ms, commitEvery ${commits.join(', ')}`);
  } finally {
    await fake.close();
  }
});
