/**
 * What a new version changed is computed once, when it is stored (import, sync, bulk, reparse),
 * kept in its own table, and read by the document page and the alerts; a database from before
 * gets it on the first view (then stored); a stored summary of other contents is never used.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { CHANGE_SUMMARY_VERSION, type ChangeSummary } from '../../src/domain/changes.js';
import { importContent, saveBatch, type IngestDeps } from '../../src/ingest/import.js';
import { buildVersion } from '../../src/ingest/document.js';
import { reparseAll } from '../../src/ingest/reparse.js';
import { openServices, type Opened } from '../../src/main.js';
import { describeNewVersion } from '../../src/service/changes.js';
import { getDocument } from '../../src/service/services.js';
import { openDatabase } from '../../src/store/index.js';
import { SqliteChangeStore } from '../../src/store/sqlite/sqlite-change-store.js';

const LETTER = readFileSync(join(import.meta.dirname, '..', '..', 'data', 'sample', '2026-05-28-kamerbrief-verslag-informele-telecomraad-april-2026.txt'), 'utf8');
const MOVED = LETTER.replace('Het kabinet verwacht de verkenning voor het zomerreces te hebben afgerond', 'Het kabinet verwacht de verkenning uiterlijk 1 september 2026 te hebben afgerond');
const SENTENCE = /is verschoven van 3 juli naar 1 september 2026\./;
const enc = new TextEncoder();

let s: Opened;
beforeEach(() => {
  s = openServices(':memory:');
});
afterEach(() => s.close());

const withHook = (): IngestDeps => ({ units: s.units, store: s.store, index: s.index, structure: s.structure, onVersionStored: s.onVersionStored });
const bare = (): IngestDeps => ({ units: s.units, store: s.store, index: s.index, structure: s.structure });

async function twoVersions(deps: IngestDeps): Promise<string> {
  const id = (await importContent({ source: '/brieven/brief.txt', fileName: 'brief.txt', bytes: enc.encode(LETTER) }, deps)).docId;
  assert.equal((await importContent({ source: '/brieven/brief.txt', fileName: 'brief.txt', bytes: enc.encode(MOVED) }, deps)).status, 'new-version');
  return id;
}

async function keyOf(id: string, from = 1, to = 2) {
  const vs = await s.store.listVersions(id);
  const hash = (n: number) => vs.find((v) => v.version === n)!.contentHash;
  return { docId: id, from: { version: from, contentHash: hash(from) }, to: { version: to, contentHash: hash(to) } };
}

/** A summary no diff of these texts would give: seen on the page only when it is read from the store. */
const MARKER: ChangeSummary = {
  title: 'Gemerkt',
  changes: [{ type: 'title', from: 'Oude titel uit de opslag', to: 'Nieuwe titel uit de opslag' }],
  text: { paragraphsAdded: 0, paragraphsRemoved: 0, paragraphsRewritten: 0, paragraphsUnchanged: 1, wordsAdded: 0, wordsRemoved: 0 },
};

describe('stored change summaries', () => {
  it('are computed when the new version is imported, and the document page and the alert read them', async () => {
    const id = await twoVersions(withHook());
    const stored = await s.changes.get(await keyOf(id));
    assert.ok(stored, 'stored at import');
    assert.equal(stored.changes[0]?.type, 'deadline-moved');
    assert.equal(stored.text.paragraphsRewritten, 1);
    assert.match((await getDocument(s, id)).changes!.sentences[0]!, SENTENCE);
    // Replace what is stored: the page and the alert now say what the store says, so they read it.
    await s.changes.put(await keyOf(id), MARKER);
    const page = (await getDocument(s, id)).changes!;
    assert.equal(page.title, 'Gemerkt');
    assert.deepEqual(page.sentences, ['De titel is gewijzigd van „Oude titel uit de opslag” in „Nieuwe titel uit de opslag”.']);
    assert.match((await describeNewVersion(s, id, 2))!, /Oude titel uit de opslag/);
  });

  it('a database from before computes a summary once, on the first view, and keeps it', async () => {
    const id = await twoVersions(bare());
    assert.equal(await s.changes.get(await keyOf(id)), null, 'nothing stored by an import without the hook');
    assert.match((await getDocument(s, id)).changes!.sentences[0]!, SENTENCE);
    const stored = await s.changes.get(await keyOf(id));
    assert.equal(stored?.changes[0]?.type, 'deadline-moved');
    await s.changes.put(await keyOf(id), MARKER);
    assert.equal((await getDocument(s, id)).changes!.title, 'Gemerkt', 'the second view reads it');
  });

  it('are computed again after a reparse, which may change the structures they compare', async () => {
    const id = await twoVersions(withHook());
    await s.changes.put(await keyOf(id), MARKER);
    await reparseAll(withHook());
    assert.match((await getDocument(s, id)).changes!.sentences[0]!, SENTENCE);
  });

  it('are computed for a new version from a bulk file', async () => {
    const v = (text: string) => buildVersion({ format: 'ndjson', text, pages: null, title: 'Brief', declared: { id: 'b1', kind: 'kamerbrief', date: '2026-05-28' }, warnings: [] }, null, null, 'application/x-ndjson');
    await saveBatch([{ id: 'b1', version: v(LETTER) }], withHook());
    await saveBatch([{ id: 'b1', version: v(MOVED) }], withHook());
    assert.equal((await s.changes.get(await keyOf('b1')))?.changes[0]?.type, 'deadline-moved');
  });
});

describe('SqliteChangeStore', () => {
  it('answers only for the same two contents and the current summary version', async () => {
    const db = openDatabase(':memory:');
    try {
      const store = new SqliteChangeStore(db);
      const key = { docId: 'd', from: { version: 1, contentHash: 'a' }, to: { version: 2, contentHash: 'b' } };
      assert.equal(await store.get(key), null);
      await store.put(key, MARKER);
      assert.deepEqual(await store.get(key), MARKER);
      // The document stored again under the same id with other contents: not this summary.
      assert.equal(await store.get({ ...key, to: { version: 2, contentHash: 'c' } }), null);
      assert.equal(await store.get({ ...key, from: { version: 1, contentHash: 'x' } }), null);
      // A summary of an older diff is computed again.
      db.prepare('UPDATE version_changes SET algo = ?').run(CHANGE_SUMMARY_VERSION - 1);
      assert.equal(await store.get(key), null);
      // put replaces.
      await store.put(key, { ...MARKER, title: 'Opnieuw' });
      assert.equal((await store.get(key))?.title, 'Opnieuw');
      assert.equal((db.prepare('SELECT COUNT(*) AS n FROM version_changes').get() as { n: number }).n, 1);
    } finally {
      db.close();
    }
  });
});
