/**
 * Batch commands on one or two cores start the CLI again with V8's thread pool cut to one
 * (src/cli/relaunch.ts): which invocations do, and that the second process is the one that
 * works, reports through the first, and dies with it.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RELAUNCHED_ENV, batchNodeFlags, commandOf, relaunchArgs } from '../../src/cli/relaunch.js';

const root = join(import.meta.dirname, '..', '..');
const MAIN = join(root, 'src', 'main.ts');

describe('which invocations start again', () => {
  it('finds the command past the global --data option', () => {
    assert.equal(commandOf(['import', 'a.pdf']), 'import');
    assert.equal(commandOf(['--data', 'import', 'sync']), 'sync');
    assert.equal(commandOf(['--data=x', 'reparse']), 'reparse');
    assert.equal(commandOf(['-h']), undefined);
  });

  it('cuts the pool on two cores and fewer, and leaves larger machines alone', () => {
    assert.deepEqual(batchNodeFlags(1), ['--v8-pool-size=1']);
    assert.deepEqual(batchNodeFlags(2), ['--v8-pool-size=1']);
    assert.deepEqual(batchNodeFlags(4), []);
  });

  it('starts import, sync and reparse again with the flag first, the caller’s own flags and arguments after', () => {
    const argv = ['/usr/bin/node', '/app/dist/src/main.js', '--data', '/d', 'import', 'x.jsonl'];
    assert.deepEqual(relaunchArgs(argv, ['--import', 'tsx'], {}, 2), ['--v8-pool-size=1', '--import', 'tsx', '/app/dist/src/main.js', '--data', '/d', 'import', 'x.jsonl']);
    assert.notEqual(relaunchArgs(['n', 'm', 'sync', '--from-dir', 'f'], [], {}, 2), null);
    assert.notEqual(relaunchArgs(['n', 'm', 'reparse'], [], {}, 1), null);
  });

  it('runs here: other commands, more cores, the second process itself, an operator’s own pool size', () => {
    assert.equal(relaunchArgs(['n', 'm', 'serve'], [], {}, 2), null);
    assert.equal(relaunchArgs(['n', 'm', 'search', 'import'], [], {}, 2), null);
    assert.equal(relaunchArgs(['n', 'm', 'import', 'x'], [], {}, 8), null);
    assert.equal(relaunchArgs(['n', 'm', 'import', 'x'], [], { [RELAUNCHED_ENV]: '4242' }, 2), null);
    assert.equal(relaunchArgs(['n', 'm', 'import', 'x'], ['--v8-pool-size=3'], {}, 2), null);
  });
});

/** A bulk file of `n` short letters. */
function bulk(dir: string, n: number): string {
  const lines = Array.from({ length: n }, (_, i) => JSON.stringify({ id: `r-${i}`, kind: 'kamerbrief', title: `Brief ${i}`, date: '2025-03-01', text: `Geachte voorzitter,\n\nBrief ${i} over glasvezel.` }));
  const file = join(dir, 'brieven.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('the second process (on this machine when it has two cores or fewer)', { skip: batchNodeFlags().length === 0 ? 'more than two cores: the CLI runs in one process' : false }, () => {
  it('imports, prints and exits as one process would', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-relaunch-'));
    const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'import', bulk(dir, 5)], { cwd: root, env: { ...process.env, KAMERLENS_DATA: join(dir, 'data') }, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /geïmporteerd: 5 nieuw/);
    const bad = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'import', join(dir, 'absent.pdf')], { cwd: root, env: { ...process.env, KAMERLENS_DATA: join(dir, 'data') }, encoding: 'utf8', timeout: 120_000 });
    assert.notEqual(bad.status, 0, 'a failing import fails the command');
  });

  it('is stopped when the first process is killed with -9', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-relaunch-kill-'));
    const pidFile = join(dir, 'second.pid');
    // The second process writes its pid (a preload that runs only in it), then imports a file large enough to still be at work.
    const preload = join(dir, 'pid.mjs');
    writeFileSync(preload, `import { writeFileSync } from 'node:fs'; if (process.env.${RELAUNCHED_ENV}) writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));\n`);
    const first = spawn(process.execPath, ['--import', preload, '--import', 'tsx', MAIN, 'import', bulk(dir, 20_000)], { cwd: root, env: { ...process.env, KAMERLENS_DATA: join(dir, 'data') }, stdio: 'ignore' });
    let second = 0;
    for (let i = 0; i < 600 && second === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      try {
        second = Number(readFileSync(pidFile, 'utf8'));
      } catch {
        // not yet started
      }
    }
    assert.ok(second > 0, 'the second process started');
    assert.ok(alive(second), 'the second process is at work');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    let gone = false;
    for (let i = 0; i < 100 && !gone; i++) {
      await new Promise((r) => setTimeout(r, 20));
      gone = !alive(second);
    }
    assert.ok(gone, 'the second process stopped with the first');
  });
});

/** Whether `pid` runs (a zombie, dead and not yet reaped, counts as stopped). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/\)\s+Z\s/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
