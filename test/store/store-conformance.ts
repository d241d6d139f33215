/**
 * The Store conformance suite: every Store implementation (SQLite now, PostgreSQL later)
 * must pass it. Call it from an implementation's own test file with a factory.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyStructure } from '../../src/domain/index.js';
import type { NewVersion, Store } from '../../src/store/index.js';

function version(text: string, extra: Partial<NewVersion> = {}): NewVersion {
  return {
    contentHash: `hash-${text}`,
    format: 'text',
    fileName: 'brief.txt',
    byteSize: text.length,
    mimeType: 'text/plain',
    text,
    pages: null,
    structure: emptyStructure('kamerbrief'),
    original: new TextEncoder().encode(text),
    title: `Title ${text}`,
    kind: 'kamerbrief',
    date: '2025-03-03',
    ...extra,
  };
}

export function runStoreConformance(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store conformance: ${name}`, () => {
    it('creates a document with a readable id and returns it', async () => {
      const store = await makeStore();
      const r = await store.saveVersion('/data/Brief Telecomraad.txt', 'Brief Telecomraad.txt', version('a'));
      assert.deepEqual(r, { docId: 'brief-telecomraad', version: 1, status: 'new' });
      const doc = await store.getDocument('brief-telecomraad');
      assert.equal(doc?.title, 'Title a');
      assert.equal(doc?.currentVersion, 1);
      const v = await store.getVersion('brief-telecomraad');
      assert.equal(v?.text, 'a');
      assert.equal(v?.structure.kind, 'kamerbrief');
      await store.close();
    });

    it('is idempotent: the same content twice is one document, even from another path', async () => {
      const store = await makeStore();
      await store.saveVersion('/x/a.txt', 'a.txt', version('same'));
      const again = await store.saveVersion('/x/a.txt', 'a.txt', version('same'));
      const elsewhere = await store.saveVersion('/y/copy.txt', 'copy.txt', version('same'));
      assert.equal(again.status, 'unchanged');
      assert.equal(elsewhere.status, 'unchanged');
      assert.equal(elsewhere.docId, 'a');
      assert.equal((await store.stats()).documents, 1);
      await store.close();
    });

    it('keeps old versions when the content at a path changes', async () => {
      const store = await makeStore();
      await store.saveVersion('/x/a.txt', 'a.txt', version('one'));
      const r = await store.saveVersion('/x/a.txt', 'a.txt', version('two', { title: 'New title' }));
      assert.deepEqual(r, { docId: 'a', version: 2, status: 'new-version' });
      assert.equal((await store.getVersion('a'))?.text, 'two');
      assert.equal((await store.getVersion('a', 1))?.text, 'one');
      assert.equal((await store.getDocument('a'))?.title, 'New title');
      const versions = await store.listVersions('a');
      assert.deepEqual(versions.map((v) => [v.version, v.current]), [[2, true], [1, false]]);
      assert.equal(new TextDecoder().decode((await store.getOriginal('a', 1))!), 'one');
      await store.close();
    });

    it('gives distinct ids to different documents with the same name', async () => {
      const store = await makeStore();
      const a = await store.saveVersion('/x/brief.txt', 'brief.txt', version('1'));
      const b = await store.saveVersion('/y/brief.txt', 'brief.txt', version('2'));
      assert.equal(a.docId, 'brief');
      assert.equal(b.docId, 'brief-2');
      assert.deepEqual(await store.documentIds(), ['brief', 'brief-2']);
      await store.close();
    });

    it('rolls back everything written in a failed transaction', async () => {
      const store = await makeStore();
      await store.saveVersion('/x/keep.txt', 'keep.txt', version('keep'));
      await assert.rejects(
        store.transaction(async () => {
          await store.saveVersion('/x/lost.txt', 'lost.txt', version('lost'));
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal(await store.getDocument('lost'), null);
      assert.equal((await store.getDocument('keep'))?.id, 'keep');
      // The store still works after a rollback.
      await store.transaction(async () => {
        await store.saveVersion('/x/next.txt', 'next.txt', version('next'));
      });
      assert.equal((await store.stats()).documents, 2);
      await store.close();
    });

    it('serialises concurrent transactions', async () => {
      const store = await makeStore();
      await Promise.all(
        ['p', 'q', 'r'].map((t) =>
          store.transaction(async () => {
            await new Promise((res) => setTimeout(res, 5));
            await store.saveVersion(`/x/${t}.txt`, `${t}.txt`, version(t));
          }),
        ),
      );
      assert.equal((await store.stats()).documents, 3);
      await store.close();
    });

    it('records imports and counts only sources that still fail', async () => {
      const store = await makeStore();
      const at = '2026-01-01T00:00:00.000Z';
      await store.recordImport({ source: '/x/bad.pdf', status: 'failed', docId: null, version: null, errorCode: 'CORRUPT_FILE', message: 'bad', at });
      await store.recordImport({ source: '/x/fixed.pdf', status: 'failed', docId: null, version: null, errorCode: 'CORRUPT_FILE', message: 'bad', at });
      await store.recordImport({ source: '/x/fixed.pdf', status: 'new', docId: 'fixed', version: 1, errorCode: null, message: null, at });
      assert.equal((await store.stats()).failedImports, 1);
      const failed = await store.listImports({ status: 'failed', limit: 10 });
      assert.equal(failed.length, 2);
      assert.equal(failed[0]?.errorCode, 'CORRUPT_FILE');
      // Only what still fails, with its reason, once per source.
      await store.recordImport({ source: '/x/bad.pdf', status: 'failed', docId: null, version: null, errorCode: 'UNSUPPORTED_FORMAT', message: 'still bad', at });
      const open = await store.unresolvedFailures(10);
      assert.deepEqual(open.map((f) => [f.source, f.errorCode, f.message]), [['/x/bad.pdf', 'UNSUPPORTED_FORMAT', 'still bad']]);
      // The document a source went into: its latest import that did not fail.
      assert.equal(await store.documentFromSource('/x/fixed.pdf'), 'fixed');
      assert.equal(await store.documentFromSource('/x/bad.pdf'), null);
      await store.recordImport({ source: '/x/fixed.pdf', status: 'unchanged', docId: 'other', version: 2, errorCode: null, message: null, at });
      assert.equal(await store.documentFromSource('/x/fixed.pdf'), 'other');
      assert.equal(await store.documentFromSource('/nowhere'), null);
      assert.deepEqual(await store.sourcesOfDocument('other'), ['/x/fixed.pdf']);
      await store.recordImport({ source: 'tk:abc', status: 'unchanged', docId: 'other', version: 2, errorCode: null, message: null, at });
      assert.deepEqual(await store.sourcesOfDocument('other'), ['/x/fixed.pdf', 'tk:abc']);
      assert.deepEqual(await store.sourcesOfDocument('fixed'), ['/x/fixed.pdf']);
      await store.close();
    });

    it('updates structure and denormalised fields on reparse', async () => {
      const store = await makeStore();
      await store.saveVersion('/x/a.txt', 'a.txt', version('a'));
      await store.updateStructure('a', 1, emptyStructure('motie'), 'Motie X', 'motie', '2024-01-02');
      assert.equal((await store.getVersion('a'))?.structure.kind, 'motie');
      const doc = await store.getDocument('a');
      assert.deepEqual([doc?.title, doc?.kind, doc?.date], ['Motie X', 'motie', '2024-01-02']);
      const stats = await store.stats();
      assert.deepEqual(stats.byKind, [{ value: 'motie', count: 1 }]);
      assert.deepEqual(stats.byYear, [{ value: '2024', count: 1 }]);
      await store.close();
    });

    it('answers null for unknown ids', async () => {
      const store = await makeStore();
      assert.equal(await store.getDocument('nope'), null);
      assert.equal(await store.getVersion('nope'), null);
      assert.deepEqual(await store.listVersions('nope'), []);
      assert.equal(await store.getOriginal('nope', 1), null);
      await store.close();
    });
  });
}
