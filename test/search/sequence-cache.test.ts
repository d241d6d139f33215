// The term sequences a web node keeps between searches on a remote index: bounded, least recently used out first.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PgSegmentStorage, type PgSearchDb } from '../../src/search/pg-segment-storage.js';
import { SequenceCache, needleKey } from '../../src/search/sequence-cache.js';

const seq = (...codes: number[]) => new Uint8Array(Int32Array.from(codes).buffer);

describe('SequenceCache', () => {
  it('keeps a copy of each sequence, and drops the least recently used past its bytes', () => {
    const cache = new SequenceCache(3 * 8, 100);
    const given = seq(1, 2);
    cache.putSequence(1, given);
    given[0] = 99;
    assert.deepEqual(cache.sequence(1), seq(1, 2), 'a copy, not the driver’s buffer');
    cache.putSequence(2, seq(3, 4));
    cache.putSequence(3, seq(5, 6));
    assert.deepEqual(cache.size, { sequences: 3, bytes: 24, lacking: 0 });
    cache.sequence(1); // used: 2 is now the oldest
    cache.putSequence(4, seq(7, 8));
    assert.equal(cache.sequence(2), undefined);
    assert.deepEqual([1, 3, 4].map((d) => cache.sequence(d) !== undefined), [true, true, true]);
    assert.equal(cache.size.bytes, 24);
  });

  it('keeps nothing larger than itself', () => {
    const cache = new SequenceCache(8, 100);
    cache.putSequence(1, seq(1, 2, 3));
    assert.equal(cache.sequence(1), undefined);
    assert.equal(cache.size.bytes, 0);
  });

  it('remembers per phrase which documents lack it, the least recently asked phrase out first', () => {
    const cache = new SequenceCache(1024, 5);
    const a = needleKey(seq(1, 2));
    const b = needleKey(seq(3, 4));
    assert.notEqual(a, b);
    cache.putLacking(a, [10, 11, 12]);
    cache.putLacking(a, [12, 13]);
    assert.deepEqual([...cache.lackingOf(a)!].sort(), [10, 11, 12, 13]);
    assert.equal(cache.size.lacking, 4);
    cache.putLacking(b, [20, 21]);
    assert.equal(cache.lackingOf(a), undefined, 'a was asked least recently');
    assert.deepEqual([...cache.lackingOf(b)!], [20, 21]);
    // One phrase past the bound on its own starts over.
    cache.putLacking(b, [22, 23, 24, 25]);
    assert.equal(cache.lackingOf(b), undefined);
    assert.equal(cache.size.lacking, 0);
  });
});

describe('PgSegmentStorage: the sequences it keeps', () => {
  /** A database whose ix_text holds docids 1 and 2 (2 with the needle), counting the reads. */
  function fake(inTransaction: boolean | undefined) {
    const reads: number[][] = [];
    const rows = new Map([
      [1, Buffer.from(seq(5, 6))],
      [2, Buffer.from(seq(7, 8))],
    ]);
    const db: PgSearchDb = {
      q: async (_sql, params) => {
        const ids = params![0] as number[];
        reads.push(ids);
        const holding = params![1] as Buffer | undefined;
        return { rows: ids.flatMap((d) => (rows.has(d) && (holding === undefined || rows.get(d)!.includes(holding)) ? [{ docid: d, terms: rows.get(d)! }] : [])) };
      },
      atomic: async () => assert.fail('no writes here'),
      migrate: async () => undefined,
      ...(inTransaction === undefined ? {} : { inTransaction: () => inTransaction }),
    };
    return { storage: new PgSegmentStorage(db), reads };
  }

  it('reads a sequence once, and a candidate the server said lacks a phrase once', async () => {
    const { storage, reads } = fake(false);
    const needle = seq(7);
    assert.deepEqual(await storage.termSequences([1, 2, 3], needle), [undefined, seq(7, 8), undefined].map((x) => x && Buffer.from(x)));
    const again = await storage.termSequences([1, 2, 3], needle);
    assert.equal(again[0], undefined);
    assert.deepEqual(Buffer.from(again[1]!), Buffer.from(seq(7, 8)));
    assert.equal(again[2], undefined);
    assert.deepEqual(reads, [[1, 2, 3]]);
    // Another phrase: 2 is kept whole, 1 and 3 are asked again.
    await storage.termSequences([1, 2, 3], seq(5));
    assert.deepEqual(reads, [[1, 2, 3], [1, 3]]);
  });

  it('keeps nothing read inside a transaction, or where it cannot tell', async () => {
    for (const inTx of [true, undefined]) {
      const { storage, reads } = fake(inTx);
      await storage.termSequences([1, 2], seq(7));
      await storage.termSequences([1, 2], seq(7));
      assert.deepEqual(reads, [[1, 2], [1, 2]], String(inTx));
    }
  });
});
