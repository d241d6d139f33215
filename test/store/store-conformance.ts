/**
 * The Store conformance suite: every Store implementation (SQLite now, PostgreSQL later)
 * must pass it. Call it from an implementation's own test file with a factory.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyStructure } from '../../src/domain/index.js';
import type { NewFile, NewVersion, SaveItem, Store } from '../../src/store/index.js';
import type { Database } from '../../src/store/unit-of-work.js';

/** A version of a plain-text letter whose content is `text` (hash `hash-<text>`). */
export function version(text: string, extra: Partial<NewVersion> = {}): NewVersion {
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

/** Another file (HTML) whose content is `text` (hash `file-<text>`). */
export function file(text: string, extra: Partial<NewFile> = {}): NewFile {
  return {
    contentHash: `file-${text}`,
    format: 'html',
    fileName: 'brief.html',
    byteSize: text.length,
    mimeType: 'text/html',
    source: '/x/brief.html',
    original: new TextEncoder().encode(text),
    ...extra,
  };
}

/**
 * `makeStore` makes a store alone; `makeUnits` a database wired as the composition root wires it,
 * its document store (`store`, read and closed by the suite) and its units of work, which the
 * atomicity checks write through.
 */
export function runStoreConformance(name: string, makeStore: () => Promise<Store>, makeUnits: () => Promise<{ store: Store; units: Database }>): void {
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

    it('reads the structure of the current version of many documents at once', async () => {
      const store = await makeStore();
      const motie: NewVersion['structure'] = { ...emptyStructure('motie'), signatories: [{ name: 'Kathmann', role: 'lid' }] };
      const a = await store.saveVersion('/x/a.txt', 'a.txt', version('a'));
      await store.saveVersion('/x/a.txt', 'a.txt', version('a, herzien', { structure: motie, kind: 'motie' }));
      const b = await store.saveVersion('/x/b.txt', 'b.txt', version('b'));
      const got = await store.currentStructures([a.docId, b.docId, 'bestaat-niet', a.docId]);
      assert.deepEqual([...got.keys()].sort(), [a.docId, b.docId].sort());
      // The current version's: the second one of a.
      assert.equal(got.get(a.docId)?.kind, 'motie');
      assert.deepEqual(got.get(a.docId)?.signatories, motie.signatories);
      assert.deepEqual(got.get(b.docId), (await store.getVersion(b.docId))?.structure);
      assert.equal((await store.currentStructures([])).size, 0);
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

    it('rolls back everything written in a failed unit of work', async () => {
      const { store, units } = await makeUnits();
      await store.saveVersion('/x/keep.txt', 'keep.txt', version('keep'));
      await assert.rejects(
        units.transaction(async (tx) => {
          await tx.store.saveVersion('/x/lost.txt', 'lost.txt', version('lost'));
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal(await store.getDocument('lost'), null);
      assert.equal((await store.getDocument('keep'))?.id, 'keep');
      // The store still works after a rollback.
      await units.transaction(async (tx) => {
        await tx.store.saveVersion('/x/next.txt', 'next.txt', version('next'));
      });
      assert.equal((await store.stats()).documents, 2);
      await store.close();
    });

    it('commits concurrent units of work, each whole', async () => {
      const { store, units } = await makeUnits();
      await Promise.all(
        ['p', 'q', 'r'].map((t) =>
          units.transaction(async (tx) => {
            await new Promise((res) => setTimeout(res, 5));
            await tx.store.saveVersion(`/x/${t}.txt`, `${t}.txt`, version(t));
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
      // Many at once: each as documentFromSource answers it, the failed and unknown ones absent.
      const many = await store.documentsFromSources(['/x/fixed.pdf', '/x/bad.pdf', 'tk:abc', '/nowhere', '/x/fixed.pdf']);
      assert.deepEqual([...many].sort(), [['/x/fixed.pdf', 'other'], ['tk:abc', 'other']]);
      assert.equal((await store.documentsFromSources([])).size, 0);
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

    it("keeps a version's original as its first file and another format as a second file of the same version", async () => {
      const store = await makeStore();
      await store.saveVersion('/x/brief.pdf', 'brief.pdf', version('een', { format: 'pdf', fileName: 'brief.pdf', mimeType: 'application/pdf' }));
      const r = await store.addFile('brief', 1, file('<p>een</p>'));
      assert.deepEqual(r, { docId: 'brief', version: 1, status: 'new-file' });
      const files = await store.listFiles('brief');
      assert.deepEqual(
        files.map((f) => [f.version, f.format, f.fileName, f.source, f.contentHash, f.byteSize, f.mimeType]),
        [
          [1, 'pdf', 'brief.pdf', '/x/brief.pdf', 'hash-een', 3, 'application/pdf'],
          [1, 'html', 'brief.html', '/x/brief.html', 'file-<p>een</p>', 10, 'text/html'],
        ],
      );
      assert.ok(files.every((f) => f.docId === 'brief' && typeof f.id === 'number' && f.importedAt.length > 0));
      const got = await store.getFile('brief', files[1]!.id);
      assert.equal(new TextDecoder().decode(got!.bytes!), '<p>een</p>');
      assert.equal(got!.file.format, 'html');
      // A file of another document is not this document's.
      await store.saveVersion('/y/ander.txt', 'ander.txt', version('ander'));
      assert.equal(await store.getFile('ander', files[1]!.id), null);
      // Adding a file is no version and no document.
      const stats = await store.stats();
      assert.deepEqual([stats.documents, stats.versions], [2, 2]);
      assert.equal((await store.getDocument('brief'))?.currentVersion, 1);
      await store.close();
    });

    it('is idempotent for files: known content (as a version or as a file) changes nothing, wherever it comes from', async () => {
      const store = await makeStore();
      await store.saveVersion('/x/brief.pdf', 'brief.pdf', version('een'));
      await store.addFile('brief', 1, file('web'));
      assert.deepEqual(await store.addFile('brief', 1, file('web', { source: '/elders/kopie.html' })), { docId: 'brief', version: 1, status: 'unchanged' });
      assert.deepEqual(await store.addFile('brief', 1, file('x', { contentHash: 'hash-een' })), { docId: 'brief', version: 1, status: 'unchanged' });
      assert.deepEqual(await store.findByContentHash('file-web'), { docId: 'brief', version: 1 });
      // saveVersion of content already kept as a file is unchanged too.
      const again = await store.saveVersion('/z/web.html', 'web.html', version('web', { contentHash: 'file-web' }));
      assert.deepEqual(again, { docId: 'brief', version: 1, status: 'unchanged' });
      assert.equal((await store.listFiles('brief')).length, 2);
      assert.equal((await store.stats()).documents, 1);
      await store.close();
    });

    it('refuses a file for a version that does not exist, and writes nothing', async () => {
      const store = await makeStore();
      await store.saveVersion('/x/brief.pdf', 'brief.pdf', version('een'));
      await assert.rejects(store.addFile('brief', 2, file('web')));
      await assert.rejects(store.addFile('nope', 1, file('web')));
      assert.equal(await store.findByContentHash('file-web'), null);
      await store.close();
    });

    it('rolls back a file added in a failed unit of work', async () => {
      const { store, units } = await makeUnits();
      await store.saveVersion('/x/brief.pdf', 'brief.pdf', version('een'));
      await assert.rejects(
        units.transaction(async (tx) => {
          await tx.store.addFile('brief', 1, file('web'));
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal((await store.listFiles('brief')).length, 1);
      assert.equal((await store.addFile('brief', 1, file('web'))).status, 'new-file');
      await store.close();
    });

    it('adds a version to a named document whatever the source, and its file with it', async () => {
      const store = await makeStore();
      await store.saveVersion('/x/motie.pdf', 'motie.pdf', version('een'));
      const r = await store.saveVersion('/y/motie-herdruk.txt', 'motie-herdruk.txt', version('twee'), { docId: 'motie' });
      assert.deepEqual(r, { docId: 'motie', version: 2, status: 'new-version' });
      assert.equal((await store.getDocument('motie'))?.source, '/x/motie.pdf');
      assert.deepEqual((await store.listFiles('motie')).map((f) => [f.version, f.source]), [[1, '/x/motie.pdf'], [2, '/y/motie-herdruk.txt']]);
      await assert.rejects(store.saveVersion('/z/a.txt', 'a.txt', version('drie'), { docId: 'nope' }));
      assert.equal((await store.stats()).documents, 1);
      await store.close();
    });

    it('finds documents by match keys, most shared keys first', async () => {
      const store = await makeStore();
      await store.saveVersion('/x/a.txt', 'a.txt', version('a', { matchKeys: ['kst:kst-21501-33-1120', 'lsh:0:x', 'lsh:1:y'] }));
      await store.saveVersion('/x/b.txt', 'b.txt', version('b', { matchKeys: ['lsh:1:y'] }));
      await store.saveVersion('/x/c.txt', 'c.txt', version('c'));
      await store.addMatchKeys('c', ['lsh:1:y', 'lsh:2:z']);
      assert.deepEqual(await store.documentsByKeys(['kst:kst-21501-33-1120'], 10), ['a']);
      assert.deepEqual(await store.documentsByKeys(['lsh:0:x', 'lsh:1:y'], 10), ['a', 'b', 'c']);
      assert.deepEqual(await store.documentsByKeys(['lsh:1:y', 'lsh:2:z'], 10), ['c', 'a', 'b']);
      assert.deepEqual(await store.documentsByKeys(['lsh:1:y'], 1), ['a']);
      assert.deepEqual(await store.documentsByKeys([], 10), []);
      assert.deepEqual(await store.documentsByKeys(["x' OR '1'='1"], 10), []);
      // A file's keys lead to its document too.
      await store.addFile('b', 1, file('web', { matchKeys: ['lsh:9:w'] }));
      assert.deepEqual(await store.documentsByKeys(['lsh:9:w'], 10), ['b']);
      await store.close();
    });

    it('keeps a text exactly, also one with a NUL character', async () => {
      const store = await makeStore();
      const text = 'voor\u0000na \u00e9\u{1F600}';
      await store.saveVersion('/x/nul.txt', 'nul.txt', version(text, { contentHash: 'hash-nul' }));
      assert.equal((await store.getVersion('nul'))?.text, text);
      assert.equal(new TextDecoder().decode((await store.getOriginal('nul', 1))!), text);
      await store.close();
    });

    it('counts kinds by size, ties by name, and years newest first', async () => {
      const store = await makeStore();
      await store.saveVersion('/x/a.txt', 'a.txt', version('a', { kind: 'motie', date: '2024-05-01' }));
      await store.saveVersion('/x/b.txt', 'b.txt', version('b', { kind: 'kamerbrief', date: '2025-01-01' }));
      await store.saveVersion('/x/c.txt', 'c.txt', version('c', { kind: 'motie', date: null }));
      await store.saveVersion('/x/d.txt', 'd.txt', version('d', { kind: 'amendement', date: '2025-02-02' }));
      const stats = await store.stats();
      assert.deepEqual(stats.byKind, [{ value: 'motie', count: 2 }, { value: 'amendement', count: 1 }, { value: 'kamerbrief', count: 1 }]);
      assert.deepEqual(stats.byYear, [{ value: '2025', count: 2 }, { value: '2024', count: 1 }]);
      assert.deepEqual((await store.recentDocuments(10)).map((d) => d.id), ['d', 'c', 'b', 'a']);
      assert.deepEqual((await store.recentDocuments(2)).map((d) => d.id), ['d', 'c']);
      await store.close();
    });

    it('stores a batch as saveVersion one by one stores it: results, ids, versions, files, keys and times', async () => {
      // What both stores hold before the batch: a document per kind of clash the batch meets.
      const before = async (store: Store) => {
        await store.saveVersion('/x/brief.txt', 'brief.txt', version('pre'));
        await store.saveVersion('/x/rapport.txt', 'rapport.txt', version('r1'));
        await store.addFile('rapport', 1, file('f1'));
        await store.saveVersion('/x/a-2.txt', 'a-2.txt', version('a2'));
      };
      const items: SaveItem[] = [
        { source: '/y/brief.txt', preferredId: 'brief.txt', version: version('other brief') }, // brief is taken: brief-2
        { source: '/y/nieuw.txt', preferredId: 'nieuw.txt', version: version('n1') },
        { source: '/y/nieuw.txt', preferredId: 'nieuw.txt', version: version('n2', { title: 'Nieuw, herzien', kind: 'motie', date: null }) },
        { source: '/z/nieuw.txt', preferredId: 'nieuw.txt', version: version('n3') }, // nieuw-2
        { source: '/q/dup.txt', preferredId: 'dup.txt', version: version('n1') }, // the batch's own content: unchanged
        { source: '/x/brief.txt', preferredId: 'brief.txt', version: version('pre') }, // stored before: unchanged
        { source: '/x/brief.txt', preferredId: 'brief.txt', version: version('pre2') },
        { source: '/x/brief.txt', preferredId: 'brief.txt', version: version('pre3', { title: 'Brief, derde' }) },
        { source: '/w/herdruk.txt', preferredId: 'herdruk.txt', version: version('n4'), target: { docId: 'nieuw-2' } }, // a document of this batch
        { source: '/w/rapport.txt', preferredId: 'r.txt', version: version('r2'), target: { docId: 'rapport' } },
        { source: '/k/keys.txt', preferredId: 'keys.txt', version: version('k', { matchKeys: ['kst:kst-1-1', 'lsh:0:k'] }) },
        { source: '/k/f1.html', preferredId: 'f1.html', version: version('f1', { contentHash: 'file-f1' }) }, // another file's: unchanged
        { source: '/c/nieuw-2.txt', preferredId: 'nieuw-2.txt', version: version('c') }, // nieuw-2 is this batch's: nieuw-2-2
        { source: '/c/a.txt', preferredId: 'a.txt', version: version('c-a') }, // a
        { source: '/c/a2.txt', preferredId: 'a.txt', version: version('c-a2') }, // a-2 is stored: a-3
        { source: '/n/nul.txt', preferredId: 'nul.txt', version: version('voor\u0000na', { contentHash: 'hash-nul' }) },
        { source: 'ndjson:rec-1', preferredId: 'rec-1', version: version('bulk', { original: null, fileName: null, format: 'ndjson', mimeType: 'application/x-ndjson' }) },
      ];
      const one = await makeStore();
      const many = await makeStore();
      await before(one);
      await before(many);
      const expected: unknown[] = [];
      for (const i of items) expected.push(await one.saveVersion(i.source, i.preferredId, i.version, i.target));
      const got = await many.saveVersions(items);
      assert.deepEqual(got, expected);
      assert.deepEqual(got.map((r) => `${r.docId} v${r.version} ${r.status}`), [
        'brief-2 v1 new', 'nieuw v1 new', 'nieuw v2 new-version', 'nieuw-2 v1 new', 'nieuw v1 unchanged', 'brief v1 unchanged',
        'brief v2 new-version', 'brief v3 new-version', 'nieuw-2 v2 new-version', 'rapport v2 new-version', 'keys v1 new',
        'rapport v1 unchanged', 'nieuw-2-2 v1 new', 'a v1 new', 'a-3 v1 new', 'nul v1 new', 'rec-1 v1 new',
      ]);
      // Everything stored is the same, times aside (each store took its own), and the times agree with each other.
      const ids = await one.documentIds();
      assert.deepEqual(await many.documentIds(), ids);
      const noTimes = <T extends object>(x: T) => ({ ...x, importedAt: '', createdAt: '', updatedAt: '' });
      for (const store of [one, many]) {
        for (const id of ids) {
          const doc = (await store.getDocument(id))!;
          const versions = await store.listVersions(id);
          assert.equal(doc.updatedAt, versions[0]!.importedAt, `${id}: updated when its current version was stored`);
          assert.equal(doc.createdAt, versions.at(-1)!.importedAt, `${id}: created with its first version`);
        }
      }
      for (const id of ids) {
        assert.deepEqual(noTimes((await many.getDocument(id))!), noTimes((await one.getDocument(id))!), id);
        const versions = await one.listVersions(id);
        assert.deepEqual((await many.listVersions(id)).map(noTimes), versions.map(noTimes), id);
        for (const v of versions) {
          assert.deepEqual(noTimes((await many.getVersion(id, v.version))!), noTimes((await one.getVersion(id, v.version))!), `${id} v${v.version}`);
          assert.deepEqual(await many.getOriginal(id, v.version), await one.getOriginal(id, v.version), `${id} v${v.version} original`);
        }
        assert.deepEqual((await many.listFiles(id)).map(noTimes), (await one.listFiles(id)).map(noTimes), `${id} files`);
      }
      assert.deepEqual(await many.documentsByKeys(['kst:kst-1-1', 'lsh:0:k'], 10), ['keys']);
      assert.deepEqual(await many.stats(), await one.stats());
      for (const i of items) assert.deepEqual(await many.findByContentHash(i.version.contentHash), await one.findByContentHash(i.version.contentHash));
      // Again: every content is known now, nothing changes.
      const again = await many.saveVersions(items);
      assert.ok(again.every((r) => r.status === 'unchanged'));
      assert.deepEqual(await many.stats(), await one.stats());
      await one.close();
      await many.close();
    });

    it('stores a batch whole or not at all: a missing target stores none of it', async () => {
      const store = await makeStore();
      await store.saveVersion('/x/a.txt', 'a.txt', version('a'));
      await assert.rejects(
        store.saveVersions([
          { source: '/x/b.txt', preferredId: 'b.txt', version: version('b') },
          { source: '/x/a.txt', preferredId: 'a.txt', version: version('a2') },
          { source: '/x/c.txt', preferredId: 'c.txt', version: version('c'), target: { docId: 'nope' } },
        ]),
        RangeError,
      );
      assert.deepEqual(await store.documentIds(), ['a']);
      assert.equal((await store.stats()).versions, 1);
      assert.equal(await store.findByContentHash('hash-b'), null);
      assert.deepEqual(await store.saveVersions([]), []);
      await store.close();
    });

    it('rolls a batch back with its unit of work', async () => {
      const { store, units } = await makeUnits();
      await assert.rejects(
        units.transaction(async (tx) => {
          await tx.store.saveVersions([
            { source: '/x/a.txt', preferredId: 'a.txt', version: version('a', { matchKeys: ['kst:kst-9-9'] }) },
            { source: '/x/b.txt', preferredId: 'b.txt', version: version('b') },
          ]);
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.deepEqual(await store.documentIds(), []);
      assert.deepEqual(await store.documentsByKeys(['kst:kst-9-9'], 10), []);
      const r = await units.transaction((tx) =>
        tx.store.saveVersions([
          { source: '/x/a.txt', preferredId: 'a.txt', version: version('a') },
          { source: '/x/b.txt', preferredId: 'b.txt', version: version('b') },
        ]),
      );
      assert.deepEqual(r.map((x) => x.docId), ['a', 'b']);
      await store.close();
    });

    it('answers null for unknown ids', async () => {
      const store = await makeStore();
      assert.equal(await store.getDocument('nope'), null);
      assert.equal(await store.getVersion('nope'), null);
      assert.deepEqual(await store.listVersions('nope'), []);
      assert.equal(await store.getOriginal('nope', 1), null);
      assert.deepEqual(await store.listFiles('nope'), []);
      assert.equal(await store.getFile('nope', 1), null);
      await store.close();
    });
  });
}
