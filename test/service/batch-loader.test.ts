/**
 * The request-scoped batch loader of the Kamer pages: keys asked for in the same turn go out
 * in one call, once each; a round's answers are handed out together, so the number of calls
 * does not depend on which query of a round comes back first; failures reach every asker.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { BatchLoader, Rounds } from '../../src/service/batch-loader.js';

/** A loader whose calls are recorded; it answers `v<key>` for keys below 100, after `delay` ms. */
function recorder(rounds: Rounds, delay = 0, maxBatch?: number) {
  const calls: number[][] = [];
  const loader = new BatchLoader<number, string | null>(
    rounds,
    async (keys) => {
      calls.push([...keys]);
      if (delay) await sleep(delay);
      return new Map(keys.filter((k) => k < 100).map((k) => [k, `v${k}`]));
    },
    null,
    maxBatch,
  );
  return { calls, loader };
}

describe('BatchLoader', () => {
  it('sends the keys of one turn, also those asked after awaits of settled promises, in one call, once each', async () => {
    const { calls, loader } = recorder(new Rounds());
    const got = await Promise.all([
      loader.load(1),
      loader.load(2),
      (async () => {
        await Promise.resolve();
        await Promise.resolve();
        return loader.load(3);
      })(),
      loader.load(1),
      loader.load(404),
    ]);
    assert.deepEqual(got, ['v1', 'v2', 'v3', 'v1', null]);
    assert.deepEqual(calls.map((c) => [...c].sort((a, b) => a - b)), [[1, 2, 3, 404]]);
    // Kept for the loader's life: asking again costs nothing.
    assert.equal(await loader.load(2), 'v2');
    assert.equal(calls.length, 1);
  });

  it('a level of references costs one call per level, however many rows ask', async () => {
    for (const rows of [3, 30]) {
      const { calls, loader } = recorder(new Rounds());
      await Promise.all([...Array(rows).keys()].map(async (i) => {
        await loader.load(i);
        await loader.load(i + 50);
      }));
      assert.equal(calls.length, 2, `${rows} rows`);
    }
  });

  it('splits a large turn into calls of at most maxBatch keys', async () => {
    const { calls, loader } = recorder(new Rounds(), 0, 4);
    await Promise.all([...Array(10).keys()].map((k) => loader.load(k)));
    assert.deepEqual(calls.map((c) => c.length), [4, 4, 2]);
  });

  it('hands a round out together: a fast and a slow loader of a round are followed by one call each', async () => {
    const rounds = new Rounds();
    const fast = recorder(rounds, 0);
    const slow = recorder(rounds, 30);
    // Rows of two kinds: each asks one loader, then the other one again.
    await Promise.all([
      ...[1, 2, 3].map(async (k) => {
        await fast.loader.load(k);
        await slow.loader.load(k + 10);
      }),
      ...[4, 5, 6].map(async (k) => {
        await slow.loader.load(k);
        await slow.loader.load(k + 10);
      }),
    ]);
    // Without rounds the fast loader's rows would ask the slow one before its first call was
    // back, and the slow loader would make three calls.
    assert.deepEqual(fast.calls, [[1, 2, 3]]);
    assert.deepEqual(slow.calls, [[4, 5, 6], [11, 12, 13, 14, 15, 16]]);
  });

  it('a failing call rejects every key of it, and the loader goes on', async () => {
    const rounds = new Rounds();
    let fail = true;
    const loader = new BatchLoader<number, number>(rounds, async (keys) => {
      if (fail) throw new Error('database gone');
      return new Map(keys.map((k) => [k, k * 2]));
    }, 0);
    const results = await Promise.allSettled([loader.load(1), loader.load(2)]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
    fail = false;
    assert.equal(await loader.load(3), 6);
    // A function that throws at once, not a rejected promise, fails only its own asker.
    await assert.rejects(rounds.once(() => { throw new Error('at once'); }), /at once/);
    assert.equal(await rounds.once(async () => 'next'), 'next');
  });
});
