/**
 * The ChangeStore conformance suite: every implementation (SQLite, PostgreSQL) must pass it.
 * Call it from a test file with a factory for an empty store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangeSummary } from '../../src/domain/changes.js';
import type { ChangeStore } from '../../src/store/change-store.js';

export interface ChangeStoreFixture {
  store: ChangeStore;
  /** Marks every stored summary as computed by the previous CHANGE_SUMMARY_VERSION (a better diff since). */
  outdate(): Promise<void>;
  close(): Promise<void>;
}

const MARKER: ChangeSummary = {
  title: 'Gemerkt',
  changes: [{ type: 'title', from: 'Oude titel', to: 'Nieuwe titel' }],
  text: { paragraphsAdded: 0, paragraphsRemoved: 0, paragraphsRewritten: 0, paragraphsUnchanged: 1, wordsAdded: 0, wordsRemoved: 0 },
};

const key = (docId: string, from: [number, string], to: [number, string]) => ({
  docId,
  from: { version: from[0], contentHash: from[1] },
  to: { version: to[0], contentHash: to[1] },
});

export function runChangeStoreConformance(name: string, make: () => Promise<ChangeStoreFixture>): void {
  describe(`ChangeStore conformance: ${name}`, () => {
    it('answers only for the same two contents and the current summary version; put replaces', async () => {
      const f = await make();
      try {
        const k = key('d', [1, 'a'], [2, 'b']);
        assert.equal(await f.store.get(k), null);
        await f.store.put(k, MARKER);
        assert.deepEqual(await f.store.get(k), MARKER);
        // The document stored again under the same id with other contents: not this summary.
        assert.equal(await f.store.get({ ...k, to: { version: 2, contentHash: 'c' } }), null);
        assert.equal(await f.store.get({ ...k, from: { version: 1, contentHash: 'x' } }), null);
        // A summary of an older diff is computed again.
        await f.outdate();
        assert.equal(await f.store.get(k), null);
        // put replaces, also the contents it was computed from.
        await f.store.put(k, { ...MARKER, title: 'Opnieuw' });
        assert.equal((await f.store.get(k))?.title, 'Opnieuw');
        await f.store.put(key('d', [1, 'a'], [2, 'c']), MARKER);
        assert.equal(await f.store.get(k), null);
        assert.deepEqual(await f.store.get(key('d', [1, 'a'], [2, 'c'])), MARKER);
      } finally {
        await f.close();
      }
    });

    it('keeps the pairs of versions and documents apart', async () => {
      const f = await make();
      try {
        await f.store.put(key('d', [1, 'a'], [2, 'b']), MARKER);
        await f.store.put(key('d', [1, 'a'], [3, 'c']), { ...MARKER, title: 'Een-drie' });
        await f.store.put(key('e', [1, 'a'], [2, 'b']), { ...MARKER, title: 'Ander document' });
        assert.equal((await f.store.get(key('d', [1, 'a'], [2, 'b'])))?.title, 'Gemerkt');
        assert.equal((await f.store.get(key('d', [1, 'a'], [3, 'c'])))?.title, 'Een-drie');
        assert.equal((await f.store.get(key('e', [1, 'a'], [2, 'b'])))?.title, 'Ander document');
        assert.equal(await f.store.get(key('d', [2, 'b'], [3, 'c'])), null);
      } finally {
        await f.close();
      }
    });

    it('keeps a summary exactly (texts with any characters)', async () => {
      const f = await make();
      try {
        const odd: ChangeSummary = { ...MARKER, title: 'Aan\u0000hef „é” \u{1F600}', changes: [{ type: 'title', from: '\'; DROP TABLE x; --', to: '\\u0000' }] };
        await f.store.put(key('d', [1, 'a'], [2, 'b']), odd);
        assert.deepEqual(await f.store.get(key('d', [1, 'a'], [2, 'b'])), odd);
      } finally {
        await f.close();
      }
    });
  });
}
