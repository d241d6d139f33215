/** The fair search queue: bounded, refuses cleanly, and serves the client that used least first. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FairQueue } from '../../src/server/admission.js';

/** A job that runs until released. */
function held(): { run: () => Promise<void>; release: () => void; started: Promise<void> } {
  let release!: () => void;
  let markStarted!: () => void;
  const started = new Promise<void>((r) => (markStarted = r));
  const done = new Promise<void>((r) => (release = r));
  return {
    run: async () => {
      markStarted();
      await done;
    },
    release: () => release(),
    started,
  };
}

describe('FairQueue', () => {
  it('serves the client that used the least time first, not the one that came first', async () => {
    const q = new FairQueue({ concurrency: 1 });
    // The flooder ran a 30 ms query a moment ago.
    await q.run('flooder', () => new Promise((r) => setTimeout(r, 30)));
    const first = held();
    const running = q.run('flooder', first.run);
    await first.started;
    const order: string[] = [];
    const a = q.run('flooder', async () => void order.push('flooder'));
    const b = q.run('normal', async () => void order.push('normal'));
    first.release();
    await Promise.all([running, a, b]);
    assert.deepEqual(order, ['normal', 'flooder']);
  });

  it('refuses at once when the queue or a client’s share of it is full', async () => {
    const q = new FairQueue({ concurrency: 1, maxWaiting: 3, maxWaitingPerClient: 2 });
    const job = held();
    const running = q.run('x', job.run);
    await job.started;
    const waiting = [q.run('a', async () => 1), q.run('a', async () => 2)];
    assert.equal(await q.run('a', async () => 3), null, 'a third waiting request of one client');
    waiting.push(q.run('b', async () => 4));
    assert.equal(await q.run('c', async () => 5), null, 'the whole queue is full');
    assert.deepEqual(q.stats(), { running: 1, waiting: 3, admitted: 1, refused: 2 });
    job.release();
    assert.deepEqual((await Promise.all(waiting)).map((r) => r?.value), [1, 2, 4]);
    await running;
  });

  it('gives up on a request that waited too long', async () => {
    const q = new FairQueue({ concurrency: 1, maxWaitMs: 20 });
    const job = held();
    const running = q.run('x', job.run);
    await job.started;
    let ran = false;
    assert.equal(await q.run('y', async () => void (ran = true)), null);
    assert.equal(ran, false);
    job.release();
    await running;
    assert.equal(q.stats().waiting, 0);
  });

  it('keeps running when a job throws', async () => {
    const q = new FairQueue({ concurrency: 1 });
    await assert.rejects(q.run('x', async () => Promise.reject(new Error('boom'))), /boom/);
    assert.deepEqual((await q.run('x', async () => 7))?.value, 7);
    assert.equal(q.stats().running, 0);
  });
});
