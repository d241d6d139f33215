/** A serving node's heap growth (server/heap.ts): set unless the operator set it, and a flag this V8 knows. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { SERVING_HEAP_GROWTH_PERCENT, growHeapForServing } from '../../src/server/heap.js';

describe('growHeapForServing', () => {
  it('sets the growth when the process was started without one', () => {
    const set: string[] = [];
    assert.equal(growHeapForServing(['--enable-source-maps'], (f) => set.push(f)), `--heap-growing-percent=${SERVING_HEAP_GROWTH_PERCENT}`);
    assert.deepEqual(set, ['--heap-growing-percent=100']);
  });

  it("leaves an operator's own growth alone, in either spelling", () => {
    for (const argv of [['--heap-growing-percent=30'], ['--heap-growing-percent', '30']]) {
      const set: string[] = [];
      assert.equal(growHeapForServing(argv, (f) => set.push(f)), null);
      assert.deepEqual(set, [], argv.join(' '));
    }
    // A flag that merely starts the same way is someone else's.
    const set: string[] = [];
    growHeapForServing(['--heap-growing-percentage=30'], (f) => set.push(f));
    assert.equal(set.length, 1);
  });

  it('names a flag this Node knows (V8 ignores an unknown one set at run time, but refuses it at the start)', () => {
    const known = spawnSync(process.execPath, [`--heap-growing-percent=${SERVING_HEAP_GROWTH_PERCENT}`, '-e', ''], { encoding: 'utf8' });
    assert.equal(known.status, 0, known.stderr);
    // The check can fail: a misspelt flag is refused.
    const unknown = spawnSync(process.execPath, ['--heap-growing-percents=100', '-e', ''], { encoding: 'utf8' });
    assert.notEqual(unknown.status, 0);
  });
});
