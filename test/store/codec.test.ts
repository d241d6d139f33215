// Compressed texts and originals (src/store/sqlite/codec.ts): round trips on real files, and
// databases written before compression staying readable and identical once converted.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { emptyStructure } from '../../src/domain/index.js';
import { importPaths } from '../../src/ingest/import.js';
import { openServices } from '../../src/main.js';
import { parseQuery } from '../../src/search/query.js';
import { SqliteStore, applyMigrations, openDatabase } from '../../src/store/index.js';
import {
  CODEC_DEFLATE,
  CODEC_MIGRATIONS,
  CODEC_PLAIN,
  CODEC_SAME_AS_TEXT,
  packOriginal,
  packText,
  unpackOriginal,
  unpackText,
} from '../../src/store/sqlite/codec.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { FILE_MIGRATIONS } from '../../src/store/sqlite/file-migrations.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'files');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const REAL_TEXT = readFileSync(join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', '2022-04-11-kamerbrief-verslag-informele-telecomraad-maart-2022.txt'), 'utf8');
const tmpFile = (name: string) => join(mkdtempSync(join(tmpdir(), 'kl-codec-')), name);

describe('codec: texts', () => {
  it('round-trips text exactly, and is smaller for real Dutch text', () => {
    for (const s of [REAL_TEXT, '', 'één — “citaat” 🇳🇱', 'x'.repeat(100_000)]) {
      const packed = packText(s);
      assert.equal(unpackText(packed, CODEC_DEFLATE), s);
    }
    // A real Kamerbrief: deflate keeps about a third (2.6–3.1× on the shared corpus).
    assert.ok(packText(REAL_TEXT).length < REAL_TEXT.length / 2.5, `${packText(REAL_TEXT).length} of ${REAL_TEXT.length}`);
  });

  it('reads a string as plain text whatever the codec, and null as null', () => {
    assert.equal(unpackText('oude rij', CODEC_PLAIN), 'oude rij');
    assert.equal(unpackText('oude rij', CODEC_DEFLATE), 'oude rij');
    assert.equal(unpackText(null, CODEC_DEFLATE), null);
    assert.throws(() => unpackText(Buffer.from([1, 2]), 9), /unknown codec 9/);
  });
});

describe('codec: originals', () => {
  it('stores nothing for an original that is its own text, and gives the bytes back', () => {
    const o = packOriginal(Buffer.from(REAL_TEXT, 'utf8'), REAL_TEXT);
    assert.equal(o.codec, CODEC_SAME_AS_TEXT);
    assert.equal(o.bytes.length, 0);
    assert.deepEqual(unpackOriginal(o.bytes, o.codec, () => REAL_TEXT), Buffer.from(REAL_TEXT, 'utf8'));
  });

  it('deflates HTML and Word 97 files, keeps PDFs (compressed already) as they came, and round-trips all', () => {
    // Measured: the HTML and .doc shrink 3–5×; the PDFs by 6–9 %, under the tenth it takes.
    for (const [name, expected] of [
      ['kamerbrief-2026.html', CODEC_DEFLATE],
      ['motie-verdonk-2009.doc', CODEC_DEFLATE],
      ['kamerbrief-2022.pdf', CODEC_PLAIN],
      ['kamerbrief-2026.pdf', CODEC_PLAIN],
    ] as const) {
      const bytes = fixture(name);
      const o = packOriginal(bytes, 'other text');
      assert.equal(o.codec, expected, name);
      assert.deepEqual(unpackOriginal(o.bytes, o.codec, () => null), bytes, name);
    }
    const docx = fixture('kamerbrief-2022.docx');
    const o = packOriginal(docx, 'x');
    assert.deepEqual(unpackOriginal(o.bytes, o.codec, () => null), docx);
    assert.ok(o.bytes.length <= docx.length);
  });

  it('keeps incompressible bytes as they are, also past the sample it tries first', () => {
    for (const n of [1000, 200_000]) {
      const bytes = randomBytes(n);
      const o = packOriginal(bytes, 'x');
      assert.equal(o.codec, CODEC_PLAIN);
      assert.deepEqual(unpackOriginal(o.bytes, o.codec, () => null), bytes);
    }
  });

  it('does not take an original for its text when only the length agrees', () => {
    const o = packOriginal(Buffer.from('abcd'), 'abce');
    assert.notEqual(o.codec, CODEC_SAME_AS_TEXT);
  });
});

describe('codec: the store', () => {
  it('imports real files and gives back the same originals and texts', async () => {
    const file = tmpFile('k.db');
    const s = openServices(file);
    const names = ['kamerbrief-2022.txt', 'kamerbrief-2026.html', 'kamerbrief-2022.pdf', 'kamerbrief-2022.docx'];
    const summary = await importPaths(names.map((n) => join(FIXTURES, n)), { units: s.units, store: s.store, index: s.index, structure: s.structure });
    // The 2022 letter as text, PDF and DOCX is one document with three files.
    assert.deepEqual([summary.counts.new, summary.counts['new-file']], [2, 2]);
    const db = (s.store as SqliteStore).db;
    const codecs = new Map<string, number>();
    for (const id of await s.store.documentIds()) {
      const v = (await s.store.getVersion(id))!;
      const original = await s.store.getOriginal(id, v.version);
      assert.deepEqual(Buffer.from(original!), fixture(v.fileName!), v.fileName!);
      for (const f of await s.store.listFiles(id)) {
        const got = await s.store.getFile(id, f.id);
        assert.deepEqual(Buffer.from(got!.bytes!), fixture(f.fileName!), f.fileName!);
      }
      const row = db.prepare('SELECT typeof(text) AS t, typeof(structure) AS st, codec FROM versions WHERE doc_id = ?').get(id) as { t: string; st: string; codec: number };
      assert.deepEqual(row, { t: 'blob', st: 'blob', codec: CODEC_DEFLATE });
      codecs.set(v.fileName!, db.prepare('SELECT codec FROM originals WHERE content_hash = ?').pluck().get(v.contentHash) as number);
      assert.equal((s.store as SqliteStore).currentTexts([id]).get(id), v.text);
    }
    // The plain-text file is its own text; HTML deflates.
    assert.equal(codecs.get('kamerbrief-2022.txt'), CODEC_SAME_AS_TEXT);
    assert.equal(codecs.get('kamerbrief-2026.html'), CODEC_DEFLATE);
    await s.close();
  });

  it('converts a database written before compression: the same texts, structures and originals', async () => {
    const file = tmpFile('old.db');
    // The schema as it was before compression, rows written as that store wrote them.
    const old = openDatabaseBefore(file);
    const structure = { ...emptyStructure('kamerbrief'), title: 'Verslag' };
    const txt = fixture('kamerbrief-2022.txt');
    const html = fixture('kamerbrief-2026.html');
    const rows = [
      { id: 'verslag', hash: 'h1', text: REAL_TEXT, original: null, pages: null },
      { id: 'brief-txt', hash: 'h2', text: txt.toString('utf8'), original: txt, pages: JSON.stringify([{ page: 1, start: 0, end: 10 }]) },
      { id: 'brief-html', hash: 'h3', text: 'De tekst van de brief.', original: html, pages: null },
    ];
    rows.forEach((r, i) => {
      old.prepare(`INSERT INTO documents (id, source, title, kind, date, current_version, seq, created_at, updated_at)
                   VALUES (?, ?, 'T', 'kamerbrief', NULL, 1, ?, 'x', 'x')`).run(r.id, `/${r.id}`, i + 1);
      old.prepare(`INSERT INTO versions (doc_id, version, content_hash, format, file_name, byte_size, mime_type, text, pages, structure, imported_at, has_original)
                   VALUES (?, 1, ?, 'text', NULL, 1, 'text/plain', ?, ?, ?, 'x', ?)`)
        .run(r.id, r.hash, r.text, r.pages, JSON.stringify(structure), r.original ? 1 : 0);
      if (r.original) old.prepare('INSERT INTO originals (content_hash, bytes) VALUES (?, ?)').run(r.hash, r.original);
    });
    old.close();

    const store = new SqliteStore(openDatabase(file));
    for (const r of rows) {
      const v = (await store.getVersion(r.id))!;
      assert.equal(v.text, r.text, r.id);
      assert.deepEqual(v.structure, structure, r.id);
      assert.equal(JSON.stringify(v.pages), r.pages ?? 'null', r.id);
      const original = await store.getOriginal(r.id, 1);
      assert.deepEqual(original && Buffer.from(original), r.original, r.id);
    }
    const db = store.db;
    assert.deepEqual(db.prepare('SELECT DISTINCT typeof(text) AS t, codec FROM versions').all(), [{ t: 'blob', codec: CODEC_DEFLATE }]);
    assert.deepEqual(
      db.prepare('SELECT content_hash AS h, codec, length(bytes) AS n FROM originals ORDER BY content_hash').all(),
      [{ h: 'h2', codec: CODEC_SAME_AS_TEXT, n: 0 }, { h: 'h3', codec: CODEC_DEFLATE, n: (db.prepare("SELECT length(bytes) FROM originals WHERE content_hash = 'h3'").pluck().get() as number) }],
    );
    assert.ok((db.prepare("SELECT length(bytes) FROM originals WHERE content_hash = 'h3'").pluck().get() as number) < html.length / 2);
    await store.close();
    // Opened again: nothing left to convert, and nothing changes.
    const again = new SqliteStore(openDatabase(file));
    assert.equal((await again.getVersion('verslag'))!.text, REAL_TEXT);
    await again.close();
  });

  it('reads rows left uncompressed (codec 0) as they are, also after a reparse rewrites the structure', async () => {
    const db = openDatabaseBefore(':memory:');
    applyMigrations(db, 'codec', CODEC_MIGRATIONS.slice(0, 1));
    db.prepare(`INSERT INTO documents (id, source, title, kind, date, current_version, seq, created_at, updated_at)
                VALUES ('a', '/a', 'T', 'nota', NULL, 1, 1, 'x', 'x')`).run();
    db.prepare(`INSERT INTO versions (doc_id, version, content_hash, format, file_name, byte_size, mime_type, text, pages, structure, imported_at, has_original)
                VALUES ('a', 1, 'h', 'text', NULL, 1, 'text/plain', ?, NULL, ?, 'x', 0)`).run(REAL_TEXT, JSON.stringify(emptyStructure('nota')));
    const store = new SqliteStore(db);
    assert.equal((await store.getVersion('a'))!.text, REAL_TEXT);
    const reparsed = { ...emptyStructure('kamerbrief'), title: 'Nieuw' };
    await store.updateStructure('a', 1, reparsed, 'Nieuw', 'kamerbrief', null);
    const v = (await store.getVersion('a'))!;
    assert.deepEqual(v.structure, reparsed);
    assert.equal(v.text, REAL_TEXT);
    assert.deepEqual(db.prepare('SELECT typeof(structure) AS t, codec FROM versions').get(), { t: 'text', codec: CODEC_PLAIN });
    await store.close();
  });
});

describe('codec: the search index reads the store’s texts', () => {
  it('keeps no copy of a document’s text and gives the same snippets as an index that does', async () => {
    const file = tmpFile('k.db');
    const s = openServices(file);
    await importPaths([join(FIXTURES, 'kamerbrief-2022.txt'), join(FIXTURES, 'kamerbrief-2026.html')], { units: s.units, store: s.store, index: s.index, structure: s.structure });
    const db = (s.store as SqliteStore).db;
    // The documents' own rows (commitments and questions found in them are entries of their own, kept by the index).
    assert.deepEqual(db.prepare("SELECT DISTINCT t.text, t.codec FROM ix_text t JOIN ix_docs d USING (docid) WHERE d.type = 'document'").all(), [{ text: '', codec: 2 }]);
    const queries = ['kabinet', 'Kamer', '"de Kamer"'];
    const before = [];
    for (const q of queries) before.push(await s.index.search({ query: parseQuery(q), offset: 0, limit: 10 }));
    assert.ok(before.every((r) => r.hits.length > 0 && r.hits.every((h) => h.snippet.length > 0)));
    await s.close();

    // The same database as an older index wrote it: its own plain copies. Opening converts it.
    const copy = tmpFile('old.db');
    copyFileSync(file, copy);
    const raw = openDatabase(copy);
    const store = new SqliteStore(raw);
    for (const r of raw.prepare("SELECT t.docid, d.ext_id FROM ix_text t JOIN ix_docs d USING (docid) WHERE d.type = 'document'").all() as { docid: number; ext_id: string }[]) {
      raw.prepare('UPDATE ix_text SET text = ?, codec = 0 WHERE docid = ?').run(store.currentTexts([r.ext_id]).get(r.ext_id), r.docid);
    }
    raw.prepare("DELETE FROM ix_meta WHERE key = 'texts'").run();
    raw.close();
    const reopened = openServices(copy);
    const rdb = (reopened.store as SqliteStore).db;
    assert.deepEqual(rdb.prepare("SELECT DISTINCT t.text, t.codec FROM ix_text t JOIN ix_docs d USING (docid) WHERE d.type = 'document'").all(), [{ text: '', codec: 2 }]);
    for (const [i, q] of queries.entries()) assert.deepEqual(await reopened.index.search({ query: parseQuery(q), offset: 0, limit: 10 }), before[i], q);
    await reopened.close();
  });
});

/** A database with the store's schema as it was before compression (no codec migrations). */
function openDatabaseBefore(file: string): Database.Database {
  const db = new Database(file);
  applyMigrations(db, 'store', MIGRATIONS);
  // Several files per document came in their own namespace, independent of compression.
  applyMigrations(db, 'files', FILE_MIGRATIONS);
  return db;
}
