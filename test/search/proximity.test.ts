// NEAR's window rule (FTS5's: at most N other words between the first and last wanted word), over plain and stored sequences.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nearIn, sequenceNear } from '../../src/search/proximity.js';
import { sequenceBytes } from '../../src/search/segment-builder.js';

const BRK = 0;
const near = (seq: number[], want: number[], d: number) => nearIn((i) => seq[i]!, seq.length, want, d, BRK);

describe('nearIn', () => {
  it('counts the other words between the first and the last wanted word', () => {
    assert.equal(near([1, 2], [1, 2], 0), true);
    assert.equal(near([1, 9, 2], [1, 2], 0), false);
    assert.equal(near([1, 9, 2], [1, 2], 1), true);
    assert.equal(near([2, 9, 9, 1], [1, 2], 2), true, 'any order');
    assert.equal(near([1, 9, 3, 9, 2], [1, 2, 3], 2), true);
    assert.equal(near([1, 9, 3, 9, 2], [1, 2, 3], 1), false);
  });
  it('uses the closest occurrences, whatever repeats before them', () => {
    assert.equal(near([1, 9, 9, 9, 1, 1, 2], [1, 2], 0), true);
    assert.equal(near([1, 1, 1, 9, 9, 9, 2], [1, 2], 3), true);
    assert.equal(near([1, 1, 1, 9, 9, 9, 2], [1, 2], 2), false);
  });
  it('never spans a field break, and needs every word', () => {
    assert.equal(near([1, BRK, 2], [1, 2], 5), false);
    assert.equal(near([1, BRK, 2, 9, 1], [1, 2], 5), true);
    assert.equal(near([1, 1, 1], [1, 2], 5), false);
  });
  it('sequenceNear on stored bytes agrees with nearIn on the codes', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    for (let round = 0; round < 2000; round++) {
      const seq = Array.from({ length: 1 + rand(40) }, () => (rand(12) === 0 ? BRK : 1 + rand(6)));
      const want = [...new Set([1 + rand(6), 1 + rand(6), 1 + rand(6)].slice(0, 1 + rand(3)))];
      const d = rand(6);
      const stored = sequenceBytes(Int32Array.from(seq));
      assert.equal(sequenceNear(stored, want, d, BRK), near(seq, want, d), `${seq} ${want} ${d}`);
    }
  });
});
