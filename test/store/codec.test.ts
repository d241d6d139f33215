// Compressed texts and originals (src/store/sqlite/codec.ts): round trips on real files, and
// databases written before compression (or with deflate, before zstd) staying readable and
// identical once converted.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { emptyStructure } from '../../src/domain/index.js';
import { importPaths } from '../../src/ingest/import.js';
import { openServices } from '../../src/main.js';
import { parseQuery } from '../../src/search/query.js';
import { textOf } from '../../src/search/stored-text.js';
import { version } from './store-conformance.js';
import { SqliteStore, applyMigrations, openDatabase } from '../../src/store/index.js';
import {
  CODEC_DEFLATE,
  CODEC_MIGRATIONS,
  CODEC_PLAIN,
  CODEC_SAME_AS_TEXT,
  CODEC_ZSTD,
  PACKED_FORM,
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
      assert.equal(unpackText(packed, CODEC_ZSTD), s);
    }
    // A real Kamerbrief: zstd level 1 keeps about a third, as deflate did (2.6–3.1× on the shared corpus).
    assert.ok(packText(REAL_TEXT).length < REAL_TEXT.length / 2.5, `${packText(REAL_TEXT).length} of ${REAL_TEXT.length}`);
  });

  it('reads a string as plain text whatever the codec, and null as null', () => {
    assert.equal(unpackText('oude rij', CODEC_PLAIN), 'oude rij');
    assert.equal(unpackText('oude rij', CODEC_DEFLATE), 'oude rij');
    assert.equal(unpackText(null, CODEC_DEFLATE), null);
    assert.throws(() => unpackText(Buffer.from([1, 2]), 9), /unknown codec 9/);
  });

  it('reads deflate streams (rows written before zstd) and tells the two apart by the codec', () => {
    const deflated = deflateRawSync(Buffer.from(REAL_TEXT, 'utf8'), { level: 1 });
    assert.equal(unpackText(deflated, CODEC_DEFLATE), REAL_TEXT);
    assert.throws(() => unpackText(deflated, CODEC_ZSTD));
    assert.throws(() => unpackText(packText(REAL_TEXT), CODEC_DEFLATE));
  });
});

describe('codec: originals', () => {
  it('stores nothing for an original that is its own text, and gives the bytes back', () => {
    const o = packOriginal(Buffer.from(REAL_TEXT, 'utf8'), REAL_TEXT);
    assert.equal(o.codec, CODEC_SAME_AS_TEXT);
    assert.equal(o.bytes.length, 0);
    assert.deepEqual(unpackOriginal(o.bytes, o.codec, () => REAL_TEXT), Buffer.from(REAL_TEXT, 'utf8'));
  });

  it('compresses HTML and Word 97 files, keeps PDFs (compressed already) as they came, and round-trips all', () => {
    // Measured with deflate: the HTML and .doc shrink 3–5×; the PDFs by 6–9 %, under the tenth it takes.
    for (const [name, expected] of [
      ['kamerbrief-2026.html', CODEC_ZSTD],
      ['motie-verdonk-2009.doc', CODEC_ZSTD],
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
      assert.deepEqual(row, { t: 'blob', st: 'blob', codec: CODEC_ZSTD });
      codecs.set(v.fileName!, db.prepare('SELECT codec FROM originals WHERE content_hash = ?').pluck().get(v.contentHash) as number);
      assert.equal((s.store as SqliteStore).currentTexts([id]).get(id), v.text);
    }
    // The plain-text file is its own text; HTML compresses.
    assert.equal(codecs.get('kamerbrief-2022.txt'), CODEC_SAME_AS_TEXT);
    assert.equal(codecs.get('kamerbrief-2026.html'), CODEC_ZSTD);
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
    assert.deepEqual(db.prepare('SELECT DISTINCT typeof(text) AS t, codec FROM versions').all(), [{ t: 'blob', codec: CODEC_ZSTD }]);
    assert.deepEqual(
      db.prepare('SELECT content_hash AS h, codec, length(bytes) AS n FROM originals ORDER BY content_hash').all(),
      [{ h: 'h2', codec: CODEC_SAME_AS_TEXT, n: 0 }, { h: 'h3', codec: CODEC_ZSTD, n: (db.prepare("SELECT length(bytes) FROM originals WHERE content_hash = 'h3'").pluck().get() as number) }],
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

describe('codec: rows written with deflate, before zstd', () => {
  /** A store whose rows are as the deflate codec wrote them: texts, page maps, structures and an original. */
  async function deflateStore() {
    const db = openDatabase(':memory:');
    const store = new SqliteStore(db);
    const structure = { ...emptyStructure('kamerbrief'), title: 'Verslag' };
    const pages = JSON.stringify([{ page: 1, start: 0, end: 10 }]);
    const html = fixture('kamerbrief-2026.html');
    const d = (s: string | Buffer) => deflateRawSync(typeof s === 'string' ? Buffer.from(s, 'utf8') : s, { level: 1 });
    db.prepare(`INSERT INTO documents (id, source, title, kind, date, current_version, seq, created_at, updated_at)
                VALUES ('oud', '/oud', 'T', 'kamerbrief', NULL, 1, 1, 'x', 'x')`).run();
    db.prepare(`INSERT INTO versions (doc_id, version, content_hash, format, file_name, byte_size, mime_type, text, pages, structure, imported_at, has_original, codec)
                VALUES ('oud', 1, 'h', 'html', 'b.html', 1, 'text/html', ?, ?, ?, 'x', 1, ?)`)
      .run(d(REAL_TEXT), d(pages), d(JSON.stringify(structure)), CODEC_DEFLATE);
    db.prepare('INSERT INTO originals (content_hash, bytes, codec) VALUES (?, ?, ?)').run('h', d(html), CODEC_DEFLATE);
    return { db, store, structure, pages, html };
  }

  it('reads them as they are: text, page map, structure, original and the texts snippets are cut from', async () => {
    const { store, structure, pages, html } = await deflateStore();
    const v = (await store.getVersion('oud'))!;
    assert.equal(v.text, REAL_TEXT);
    assert.equal(JSON.stringify(v.pages), pages);
    assert.deepEqual(v.structure, structure);
    assert.deepEqual(Buffer.from((await store.getOriginal('oud', 1))!), html);
    assert.equal(store.currentTexts(['oud']).get('oud'), REAL_TEXT);
    const stored = store.currentTextsAsStored(['oud']).get('oud')!;
    assert.ok(typeof stored === 'object' && 'deflated' in stored);
    assert.equal(textOf(stored), REAL_TEXT);
    await store.close();
  });

  it('repacks a row whose structure a reparse rewrites into zstd, its text and page map unchanged', async () => {
    const { db, store, pages } = await deflateStore();
    const reparsed = { ...emptyStructure('nota'), title: 'Nieuw' };
    await store.updateStructure('oud', 1, reparsed, 'Nieuw', 'nota', null);
    assert.equal(db.prepare("SELECT codec FROM versions WHERE doc_id = 'oud'").pluck().get(), CODEC_ZSTD);
    const v = (await store.getVersion('oud'))!;
    assert.deepEqual(v.structure, reparsed);
    assert.equal(v.text, REAL_TEXT);
    assert.equal(JSON.stringify(v.pages), pages);
    const stored = store.currentTextsAsStored(['oud']).get('oud')!;
    assert.ok(typeof stored === 'object' && 'zstd' in stored);
    assert.equal(textOf(stored), REAL_TEXT);
    await store.close();
  });

  it('writes new versions as zstd frames, in the form the parse worker packs', async () => {
    const db = openDatabase(':memory:');
    const store = new SqliteStore(db);
    assert.equal(store.packedForm, PACKED_FORM);
    await store.saveVersion('/nieuw', 'nieuw', version(REAL_TEXT));
    assert.deepEqual(db.prepare('SELECT typeof(text) AS t, codec FROM versions').get(), { t: 'blob', codec: CODEC_ZSTD });
    assert.equal((await store.getVersion('nieuw'))!.text, REAL_TEXT);
    await store.close();
  });
});

describe('codec: the texts snippets are cut from are each document’s current version', () => {
  it('reads the latest version of each document asked for, once, and nothing for an unknown id', async () => {
    const db = openDatabase(':memory:');
    const store = new SqliteStore(db);
    await store.saveVersion('/a', 'a', version('eerste tekst van a'));
    await store.saveVersion('/b', 'b', version('enige tekst van b'));
    await store.saveVersion('/a', 'a', version('tweede tekst van a'));
    await store.saveVersion('/a', 'a', version('derde tekst van a'));
    const texts = store.currentTexts(['a', 'b', 'onbekend', 'a']);
    assert.deepEqual([...texts].sort(), [['a', 'derde tekst van a'], ['b', 'enige tekst van b']]);
    const packed = store.currentTextsAsStored(['b', 'a']);
    assert.deepEqual([...packed.keys()].sort(), ['a', 'b']);
    assert.equal(textOf(packed.get('a')!), 'derde tekst van a');
    assert.equal(store.currentTexts([]).size, 0);
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
