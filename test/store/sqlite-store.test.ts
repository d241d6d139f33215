/** Runs the Store conformance suite on SQLite, plus SQLite-specific checks. */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { SqliteStore, openDatabase } from '../../src/store/index.js';
import { runStoreConformance } from './store-conformance.js';

runStoreConformance('sqlite', async () => new SqliteStore(openDatabase(':memory:')));

it('sqlite: reopening a database file keeps data and does not re-run migrations', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'kl-store-')), 'k.db');
  const a = new SqliteStore(openDatabase(file));
  await a.saveVersion('/x/a.txt', 'a.txt', {
    contentHash: 'h', format: 'text', fileName: 'a.txt', byteSize: 1, mimeType: 'text/plain', text: 'x', pages: null,
    structure: { schemaVersion: 1, kind: 'nota', title: null, date: null, identifiers: { kenmerken: [], documentNumbers: [], zaakNumbers: [], councilDocs: [] }, signatories: [], meetings: [], questions: [], answers: [], commitments: [], citations: [], footnotes: [] },
    original: null, title: 'A', kind: 'nota', date: null,
  });
  await a.close();
  const db = openDatabase(file);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  const b = new SqliteStore(db);
  assert.equal((await b.getDocument('a'))?.title, 'A');
  await b.close();
});
