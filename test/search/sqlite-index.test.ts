// Runs the SearchIndex conformance suite on SQLite, plus the champion-plan checks specific to it.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import type { IndexDocument, QueryNode } from '../../src/domain/search.js';
import { tokenize } from '../../src/search/analyze.js';
import { normalizeWord } from '../../src/search/dutch/index.js';
import { encodePostings } from '../../src/search/postings.js';
import { SqliteSearchIndex, type SqliteSearchIndexOptions } from '../../src/search/sqlite-index.js';
import { SqliteSegmentStorage } from '../../src/search/sqlite-segment-storage.js';
import { CONFORMANCE_DOCS, pq, runSearchIndexConformance, synthetic, t } from './index-conformance.js';

function open(options: SqliteSearchIndexOptions = {}): { index: SqliteSearchIndex; db: Database.Database } {
  const db = new Database(':memory:');
  const index = new SqliteSearchIndex(db, options);
  index.migrate();
  return { index, db };
}

runSearchIndexConformance('sqlite', async () => {
  const { index, db } = open();
  return { index, close: async () => void db.close() };
});

// The same suite with every phrase forced through the verify-the-top-and-sample path.
runSearchIndexConformance('sqlite (phrase sampling forced)', async () => {
  const { index, db } = open({ verifyAll: 0, sampleSize: 3 });
  return { index, close: async () => void db.close() };
});

// The same suite on many tiny segments merged two at a time.
runSearchIndexConformance('sqlite (segments merged eagerly)', async () => {
  const { index, db } = open({ mergeFanIn: 2 });
  return { index, close: async () => void db.close() };
});

// The same suite with the documents' texts kept by a store (as main.ts wires it), not the index.
runSearchIndexConformance('sqlite (texts read from the store)', async () => {
  const texts = new Map<string, string>();
  const { index, db } = open({ documentTexts: async (ids) => new Map(ids.flatMap((id) => (texts.has(id) ? [[id, texts.get(id)!] as const] : []))) });
  const upsert = index.upsert.bind(index);
  index.upsert = async (docs) => {
    for (const d of docs) if ((d.type ?? 'document') === 'document') texts.set(d.id, d.text);
    return upsert(docs);
  };
  return { index, close: async () => void db.close() };
});

describe('SqliteSearchIndex: segments, phrases and estimates', () => {
  const docs = synthetic(400);
  const queries: [string, QueryNode][] = [
    ['common term', t('de')],
    ['mid term', t('Telecomraad')],
    ['two terms', { type: 'and', children: [t('Raad'), t('belang')] }],
    ['alternatives', { type: 'or', children: [t('cyber'), t('oorlog')] }],
    ['exclusion', { type: 'and', children: [t('de'), { type: 'not', child: t('Kamer') }] }],
    ['phrase', { type: 'phrase', words: ['de', 'rol', 'van'] }],
    ['phrase and term', { type: 'and', children: [{ type: 'phrase', words: ['Cyber', 'Resilience'] }, t('de')] }],
  ];

  it('many small merged segments give exactly the results of one big segment', async () => {
    const one = open();
    const many = open({ mergeFanIn: 2 });
    await one.index.upsert(docs);
    for (let i = 0; i < docs.length; i += 7) await many.index.upsert(docs.slice(i, i + 7));
    // Re-indexing a tenth of the documents leaves dead postings that merges must purge.
    const changed = docs.filter((_, i) => i % 10 === 0).map((d) => ({ ...d, text: d.text + ' aanvulling' }));
    await one.index.upsert(changed);
    await many.index.upsert(changed);
    for (const [name, root] of [...queries, ['new word', t('aanvulling')] as [string, QueryNode]]) {
      const a = await one.index.search({ query: pq(root), offset: 0, limit: 15 });
      const b = await many.index.search({ query: pq(root), offset: 0, limit: 15 });
      assert.equal(b.total, a.total, name);
      assert.deepEqual(b.hits.map((h) => [h.id, h.score.toFixed(6)]), a.hits.map((h) => [h.id, h.score.toFixed(6)]), name);
    }
    const segs = many.db.prepare('SELECT COUNT(*) AS n FROM ix_segs').get() as { n: number };
    assert.ok(segs.n <= 12, `merging keeps the segment count logarithmic (${segs.n})`);
    one.db.close();
    many.db.close();
  });

  it('sampled phrase queries keep the exact top hits and flag the estimate', async () => {
    const exact = open({ verifyAll: 1e9 });
    const sampled = open({ verifyAll: 0, sampleSize: 20 });
    await exact.index.upsert(docs);
    await sampled.index.upsert(docs);
    for (const [name, root] of queries.filter(([n]) => n.startsWith('phrase'))) {
      const a = await exact.index.search({ query: pq(root), offset: 0, limit: 10 });
      const b = await sampled.index.search({ query: pq(root), offset: 0, limit: 10 });
      assert.ok(a.total > 20, `${name} has enough matches to be interesting (${a.total})`);
      assert.deepEqual(b.hits.map((h) => h.id), a.hits.map((h) => h.id), name);
      assert.equal(a.totalIsEstimate, false, name);
      assert.equal(b.totalIsEstimate, true, name);
      assert.equal(b.facetsAreEstimates, true, name);
      assert.ok(Math.abs(b.total - a.total) <= 0.35 * a.total, `${name}: total ${b.total} vs ${a.total}`);
    }
    exact.db.close();
    sampled.db.close();
  });

  it('a page filled before every candidate was tried gives no exact total', async () => {
    // 30 candidates, 20 with the phrase: the page of 5 fills long before the last candidate.
    // (The engine once took the candidates ranked as the candidates tried and said "exactly 5".)
    const { index, db } = open({ verifyAll: 0, sampleSize: 1000 });
    await index.upsert(Array.from({ length: 30 }, (_, i) => ({
      id: `x${i}`, title: 'titel', text: i % 3 === 2 ? 'de beta alfa komt' : 'de alfa beta komt', kind: 'nota' as const, date: null, parties: [], dossiers: [],
    })));
    const r = await index.search({ query: pq({ type: 'phrase', words: ['alfa', 'beta'] }), offset: 0, limit: 5 });
    assert.equal(r.hits.length, 5);
    assert.equal(r.total, 20); // every candidate sampled: the estimate is the count
    assert.equal(r.totalIsEstimate, true);
    db.close();
  });

  it('date-sorted results are the brute-force order', async () => {
    const { index, db } = open();
    await index.upsert(docs);
    const withDe = docs.filter((d) => /\bde\b/i.test(d.text) || /\bde\b/i.test(d.title));
    for (const sort of ['date', 'date-asc'] as const) {
      const r = await index.search({ query: pq(t('de'), {}, sort), offset: 5, limit: 10 });
      assert.equal(r.total, withDe.length);
      const dates = r.hits.map((h) => h.date!);
      const expected = withDe.map((d) => d.date!).sort();
      if (sort === 'date') expected.reverse();
      assert.deepEqual(dates, expected.slice(5, 15), sort);
    }
    db.close();
  });

  it('is idempotent to migrate and nests in the caller transaction', async () => {
    const { index, db } = open();
    index.migrate();
    db.exec('BEGIN');
    await index.upsert(CONFORMANCE_DOCS);
    db.exec('ROLLBACK');
    assert.equal(await index.count(), 0);
    await index.upsert(CONFORMANCE_DOCS);
    assert.equal(await index.count(), CONFORMANCE_DOCS.length);
    db.close();
  });

  it('reads many documents’ term sequences and hit rows in one statement, in the order asked', async () => {
    const { index, db } = open();
    await index.upsert(CONFORMANCE_DOCS);
    const storage = new SqliteSegmentStorage(db, false, null);
    const docids = (db.prepare('SELECT docid FROM ix_text ORDER BY docid').pluck().all() as number[]).slice(0, 4);
    assert.equal(docids.length, 4);
    // Out of order, one asked twice, one that is no document.
    const asked = [docids[2]!, docids[0]!, 1_000_000, docids[2]!, docids[3]!];
    const one = db.prepare('SELECT terms FROM ix_text WHERE docid = ?').pluck();
    assert.deepEqual(await storage.termSequences(asked), asked.map((d) => one.get(d)));
    const rows = await storage.hitRows(asked);
    const extId = db.prepare('SELECT ext_id FROM ix_docs WHERE docid = ?').pluck();
    assert.deepEqual(rows.map((r) => r?.extId), asked.map((d) => extId.get(d)));
    assert.equal(rows[2], undefined);
    assert.deepEqual(await storage.termSequences([]), []);
    assert.deepEqual(await storage.hitRows([]), []);
    db.close();
  });

  it('rejects invalid paging with BAD_REQUEST', async () => {
    const { index, db } = open();
    await assert.rejects(index.search({ query: pq(t('de')), offset: -1, limit: 10 }), /offset/);
    db.close();
  });
});


describe('SqliteSearchIndex: stored format 1 is converted on migrate', () => {
  /** A field's terms in order and its compound parts, as format 1 analysed it. */
  function analyzeText(text: string): { terms: string[]; parts: string[] } {
    const terms: string[] = [];
    const parts: string[] = [];
    for (const tok of tokenize(text)) {
      const nw = normalizeWord(tok.surface);
      if (nw.term === '') continue;
      terms.push(nw.term);
      parts.push(...nw.parts);
    }
    return { terms, parts };
  }

  /**
   * Writes documents the way format 1 did (term sequences as text, one postings row per
   * segment and term), three segments of level 0, without the format marker.
   */
  function writeFormat1(db: Database.Database, docs: IndexDocument[]): void {
    db.exec(`
      CREATE TABLE ix_docs (docid INTEGER PRIMARY KEY, ext_id TEXT NOT NULL, kind TEXT NOT NULL, date TEXT, len INTEGER NOT NULL, live INTEGER NOT NULL);
      CREATE UNIQUE INDEX ix_docs_ext ON ix_docs(ext_id) WHERE live = 1;
      CREATE TABLE ix_text (docid INTEGER PRIMARY KEY, terms TEXT NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL);
      CREATE TABLE ix_postings (seg INTEGER NOT NULL, term TEXT NOT NULL, n INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (seg, term)) WITHOUT ROWID;
      CREATE INDEX ix_postings_term ON ix_postings(term, seg);
      CREATE TABLE ix_segs (seg INTEGER PRIMARY KEY, max_doc INTEGER NOT NULL, level INTEGER NOT NULL);
    `);
    const per = Math.ceil(docs.length / 3);
    for (let first = 1; first <= docs.length; first += per) {
      const seg = new Map<string, [number[], number[]]>();
      const last = Math.min(docs.length, first + per - 1);
      for (let doc = first; doc <= last; doc++) {
        const d = docs[doc - 1]!;
        const tf = new Map<string, number>();
        const title = analyzeText(d.title);
        const body = analyzeText(d.text);
        for (const [f, w] of [[title, 4], [body, 1]] as const) {
          for (const term of f.terms) tf.set(term, (tf.get(term) ?? 0) + w);
          for (const p of f.parts) tf.set('~' + p, (tf.get('~' + p) ?? 0) + 1);
        }
        for (const [term, n] of tf) {
          if (!seg.has(term)) seg.set(term, [[], []]);
          seg.get(term)![0].push(doc);
          seg.get(term)![1].push(Math.min(255, n));
        }
        db.prepare('INSERT INTO ix_docs VALUES (?, ?, ?, ?, ?, 1)').run(doc, d.id, d.kind, d.date, title.terms.length + body.terms.length);
        db.prepare('INSERT INTO ix_text VALUES (?, ?, ?, ?)').run(doc, title.terms.join(' ') + ' | ' + body.terms.join(' '), d.title, d.text);
      }
      for (const [term, [ds, tfs]] of seg) db.prepare('INSERT INTO ix_postings VALUES (?, ?, ?, ?)').run(first, term, ds.length, encodePostings(ds, tfs));
      db.prepare('INSERT INTO ix_segs VALUES (?, ?, 0)').run(first, last);
    }
  }

  it('answers every query exactly as an index written in the current format', async () => {
    const docs = synthetic(90);
    const old = new Database(':memory:');
    writeFormat1(old, docs);
    const converted = new SqliteSearchIndex(old);
    converted.migrate();
    const fresh = open();
    for (let i = 0; i < docs.length; i += 30) await fresh.index.upsert(docs.slice(i, i + 30));
    const roots: QueryNode[] = [
      t('de'), t('Telecomraad'), { type: 'phrase', words: ['de', 'rol', 'van'] }, { type: 'phrase', words: ['Cyber', 'Resilience', 'Act'] },
      { type: 'term', text: 'cyber', prefix: true }, t('beveiliging'),
    ];
    for (const root of roots) {
      const a = await fresh.index.search({ query: pq(root), offset: 0, limit: 20 });
      const b = await converted.search({ query: pq(root), offset: 0, limit: 20 });
      assert.ok(a.total > 0, JSON.stringify(root));
      assert.deepEqual(b, a, JSON.stringify(root));
    }
    assert.equal(old.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'ix_postings'").pluck().get(), 0);
    // Converting is done once: a second migrate finds format 2 and changes nothing.
    converted.migrate();
    await converted.upsert(docs.slice(0, 5).map((d) => ({ ...d, text: d.text + ' naderhand' })));
    assert.equal((await converted.search({ query: pq(t('naderhand')), offset: 0, limit: 10 })).total, 5);
    old.close();
    fresh.db.close();
  });
});

describe('SqliteSearchIndex: format 2 gains the packed document state on migrate', () => {
  const roots: QueryNode[] = [t('de'), t('Telecomraad'), { type: 'term', text: 'cyber', prefix: true }, t('beveiliging'), { type: 'phrase', words: ['de', 'rol', 'van'] }];

  /** Writes an index in the current format, replacing and removing some documents, then returns it to format 2. */
  async function format2(docs: IndexDocument[]): Promise<Database.Database> {
    const { index, db } = open();
    for (let i = 0; i < docs.length; i += 30) await index.upsert(docs.slice(i, i + 30));
    await index.upsert(docs.slice(10, 15).map((d) => ({ ...d, kind: 'nota' as const, date: '2019-05-05' })));
    await index.remove([docs[3]!.id, docs[40]!.id]);
    db.exec("DROP TABLE ix_state; DELETE FROM ix_meta WHERE key = 'state-codes'; UPDATE ix_meta SET value = '2' WHERE key = 'format'");
    return db;
  }

  it('answers every query, filters and facets included, as the index did before', async () => {
    const docs = synthetic(90);
    const reference = open();
    for (let i = 0; i < docs.length; i += 30) await reference.index.upsert(docs.slice(i, i + 30));
    await reference.index.upsert(docs.slice(10, 15).map((d) => ({ ...d, kind: 'nota' as const, date: '2019-05-05' })));
    await reference.index.remove([docs[3]!.id, docs[40]!.id]);
    const db = await format2(docs);
    const converted = new SqliteSearchIndex(db);
    converted.migrate();
    assert.ok((db.prepare('SELECT COUNT(*) FROM ix_state').pluck().get() as number) > 0);
    assert.equal(db.prepare("SELECT value FROM ix_meta WHERE key = 'format'").pluck().get(), '3');
    for (const root of roots) {
      for (const filters of [{}, { kinds: ['nota' as const] }, { years: [2019] }]) {
        const q = { ...pq(root), filters: { ...pq(root).filters, ...filters } };
        const a = await reference.index.search({ query: q, offset: 0, limit: 20 });
        const b = await converted.search({ query: q, offset: 0, limit: 20 });
        assert.ok(a.total > 0, JSON.stringify([root, filters]));
        assert.deepEqual(b, a, JSON.stringify([root, filters]));
      }
    }
    assert.equal(await converted.count(), 88);
    db.close();
    reference.db.close();
  });

  it('rebuilds the state when the kinds or types it was coded with change', async () => {
    const docs = synthetic(60);
    const { index, db } = open();
    await index.upsert(docs);
    const before = await index.search({ query: { ...pq(t('de')), filters: { ...pq(t('de')).filters, kinds: ['nota'] } }, offset: 0, limit: 20 });
    // As if the list of kinds had been renumbered since: the stored codes are no longer trusted.
    db.exec("UPDATE ix_state SET data = zeroblob(length(data)); UPDATE ix_meta SET value = '{}' WHERE key = 'state-codes'");
    const reopened = new SqliteSearchIndex(db);
    reopened.migrate();
    const after = await reopened.search({ query: { ...pq(t('de')), filters: { ...pq(t('de')).filters, kinds: ['nota'] } }, offset: 0, limit: 20 });
    assert.ok(before.total > 0);
    assert.deepEqual(after, before);
    db.close();
  });
});

describe('SqliteSearchIndex: blocks of a WITHOUT ROWID table move to a rowid table with a key index', () => {
  /** Rebuilds an index's ix_blocks the way sessions before 20 created it. */
  function toWithoutRowid(db: Database.Database): void {
    db.exec(`
      DROP INDEX ix_blocks_key;
      CREATE TABLE ix_blocks_old (seg INTEGER NOT NULL, first TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (seg, first)) WITHOUT ROWID;
      INSERT INTO ix_blocks_old SELECT seg, first, data FROM ix_blocks;
      DROP TABLE ix_blocks;
      ALTER TABLE ix_blocks_old RENAME TO ix_blocks;
    `);
  }
  const tableSql = (db: Database.Database) => db.prepare("SELECT sql FROM sqlite_master WHERE name = 'ix_blocks'").pluck().get() as string;
  const blocks = (db: Database.Database) => db.prepare('SELECT seg, first, data FROM ix_blocks ORDER BY seg, first').all();

  it('keeps every block and answers as before, and writes after it as a fresh index does', async () => {
    const docs = synthetic(90);
    const reference = open();
    const { index, db } = open();
    for (const ix of [reference.index, index]) for (let i = 0; i < docs.length; i += 30) await ix.upsert(docs.slice(i, i + 30));
    toWithoutRowid(db);
    const before = blocks(db);
    assert.match(tableSql(db), /WITHOUT ROWID/);
    const reopened = new SqliteSearchIndex(db);
    reopened.migrate();
    assert.doesNotMatch(tableSql(db), /WITHOUT ROWID/);
    assert.deepEqual(blocks(db), before);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT first, data FROM ix_blocks WHERE seg = 1 AND first <= 'x' ORDER BY first DESC LIMIT 1").all() as { detail: string }[];
    assert.match(plan.map((p) => p.detail).join(' '), /ix_blocks_key/);
    // The key stays unique.
    const [b] = before as { seg: number; first: string }[];
    assert.throws(() => db.prepare("INSERT INTO ix_blocks (seg, first, data) VALUES (?, ?, x'00')").run(b!.seg, b!.first), /UNIQUE/);
    const roots: QueryNode[] = [t('de'), t('Telecomraad'), { type: 'term', text: 'cyber', prefix: true }, { type: 'phrase', words: ['de', 'rol', 'van'] }];
    const more = docs.slice(0, 5).map((d) => ({ ...d, text: d.text + ' naderhand' }));
    for (const step of ['migrated', 'written after']) {
      if (step === 'written after') for (const ix of [reference.index, reopened]) await ix.upsert(more);
      for (const root of [...roots, t('naderhand')]) {
        const a = await reference.index.search({ query: pq(root), offset: 0, limit: 20 });
        const got = await reopened.search({ query: pq(root), offset: 0, limit: 20 });
        assert.deepEqual(got, a, `${step}: ${JSON.stringify(root)}`);
      }
    }
    assert.equal((await reopened.search({ query: pq(t('naderhand')), offset: 0, limit: 20 })).total, 5);
    // Done once: migrating again changes nothing.
    const after = blocks(db);
    reopened.migrate();
    assert.deepEqual(blocks(db), after);
    db.close();
    reference.db.close();
  });
});
