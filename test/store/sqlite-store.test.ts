/** Runs the Store conformance suite on SQLite, plus SQLite-specific checks. */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import Database from 'better-sqlite3';
import { emptyStructure } from '../../src/domain/index.js';
import { SqliteStore, applyMigrations, openDatabase } from '../../src/store/index.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { openServices } from '../../src/main.js';
import { runStoreConformance } from './store-conformance.js';

runStoreConformance('sqlite', async () => new SqliteStore(openDatabase(':memory:')), async () => {
  const s = openServices(':memory:');
  return { store: s.store, units: s.units };
});

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

it('sqlite: the archive counts kept for the home page follow every commit, of this process or another', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kl-stats-'));
  const file = join(dir, 'k.db');
  const own = openServices(file);
  const other = openServices(file);
  const version = (id: string, kind: 'nota' | 'motie', date: string | null) => ({
    contentHash: `h-${id}`, format: 'text' as const, fileName: `${id}.txt`, byteSize: 1, mimeType: 'text/plain', text: id, pages: null,
    structure: emptyStructure(kind), original: null, title: id, kind, date,
  });
  const counts = async () => {
    const s = await own.store.stats();
    return { documents: s.documents, byKind: s.byKind, byYear: s.byYear };
  };
  try {
    assert.deepEqual(await counts(), { documents: 0, byKind: [], byYear: [] });
    await own.store.saveVersion('/x/a.txt', 'a', version('a', 'nota', '2024-05-01'));
    assert.deepEqual(await counts(), { documents: 1, byKind: [{ value: 'nota', count: 1 }], byYear: [{ value: '2024', count: 1 }] });
    // A change the caller makes to what it got does not change what is kept.
    (await own.store.stats()).byKind[0]!.count = 99;
    assert.equal((await own.store.stats()).byKind[0]!.count, 1);
    // Committed by a unit of work of this process, and by another connection.
    await own.units.transaction(async (tx) => void (await tx.store.saveVersion('/x/b.txt', 'b', version('b', 'motie', '2025-01-02'))));
    assert.equal((await counts()).documents, 2);
    await other.store.saveVersion('/x/c.txt', 'c', version('c', 'motie', null));
    assert.deepEqual(await counts(), {
      documents: 3,
      byKind: [{ value: 'motie', count: 2 }, { value: 'nota', count: 1 }],
      byYear: [{ value: '2025', count: 1 }, { value: '2024', count: 1 }],
    });
    // Inside an open unit its own writes count (not the kept counts of before it).
    await own.units.transaction(async (tx) => {
      await tx.store.saveVersion('/x/d.txt', 'd', version('d', 'nota', '2024-06-01'));
      assert.equal((await tx.store.stats()).documents, 4);
    });
    assert.equal((await counts()).documents, 4);
  } finally {
    await other.close();
    await own.close();
  }
});

it('sqlite: a database of an earlier version is converted: every original becomes its version\'s first file, Kamerstukken keep their identity', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'kl-files-')), 'k.db');
  // The schema as it was before files (namespace `store` only), with rows written as it wrote them.
  const old = new Database(file);
  applyMigrations(old, 'store', MIGRATIONS);
  const structure = (kamerstuk?: object) => JSON.stringify({ ...emptyStructure('motie'), ...(kamerstuk ? { kamerstuk } : {}) });
  old.prepare(`INSERT INTO documents VALUES ('motie', '/x/motie.pdf', 'Motie', 'motie', NULL, 2, 1, 't0', 't1'), ('bulk', 'ndjson:bulk', 'Bulk', 'motie', NULL, 1, 2, 't0', 't0')`).run();
  const v = old.prepare(`INSERT INTO versions (doc_id, version, content_hash, format, file_name, byte_size, mime_type, text, pages, structure, imported_at, has_original)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`);
  v.run('motie', 1, 'h1', 'pdf', 'motie.pdf', 3, 'application/pdf', 'een', structure(), '2025-01-01T00:00:00.000Z', 1);
  v.run('motie', 2, 'h2', 'pdf', 'motie.pdf', 4, 'application/pdf', 'twee', structure({ dossier: '21501-33', number: '1120', id: 'kst-21501-33-1120' }), '2025-02-01T00:00:00.000Z', 1);
  v.run('bulk', 1, 'h3', 'ndjson', null, 5, 'application/x-ndjson', 'drie', structure(), '2025-01-01T00:00:00.000Z', 0);
  old.prepare('INSERT INTO originals VALUES (?, ?), (?, ?)').run('h1', Buffer.from('een'), 'h2', Buffer.from('twee'));
  old.close();

  const store = new SqliteStore(openDatabase(file));
  const files = await store.listFiles('motie');
  assert.deepEqual(files.map((f) => [f.version, f.format, f.fileName, f.source, f.contentHash, f.importedAt]), [
    [1, 'pdf', 'motie.pdf', '/x/motie.pdf', 'h1', '2025-01-01T00:00:00.000Z'],
    [2, 'pdf', 'motie.pdf', '/x/motie.pdf', 'h2', '2025-02-01T00:00:00.000Z'],
  ]);
  assert.equal(new TextDecoder().decode((await store.getFile('motie', files[1]!.id))!.bytes!), 'twee');
  // A bulk record has no original, so no file.
  assert.deepEqual(await store.listFiles('bulk'), []);
  assert.deepEqual(await store.documentsByKeys(['kst:kst-21501-33-1120'], 10), ['motie']);
  // The old download route still serves each version's original.
  assert.equal(new TextDecoder().decode((await store.getOriginal('motie', 1))!), 'een');
  await store.close();
});
