// Runs the SearchIndex conformance suite on PostgreSQL, checks its answers against SQLite's, and two web nodes on one database.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import type { IndexDocument, QueryNode, SearchIndex, SearchRequest } from '../../src/domain/search.js';
import { PgSearchIndex } from '../../src/search/pg-index.js';
import type { SegmentIndexOptions } from '../../src/search/segment-index.js';
import { SqliteSearchIndex } from '../../src/search/sqlite-index.js';
import { PgDb } from '../../src/store/postgres/connection.js';
import { PgStore, currentTextJoin, joinedTextOf } from '../../src/store/postgres/pg-store.js';
import { version } from '../store/store-conformance.js';
import { freshPgDb, freshPgUrl, pgSkip } from '../helpers/pg.js';
import { CONFORMANCE_DOCS, pq, runSearchIndexConformance, synthetic, t } from './index-conformance.js';

async function openPg(options: SegmentIndexOptions = {}): Promise<{ index: PgSearchIndex; db: PgDb }> {
  const db = await freshPgDb();
  const index = new PgSearchIndex(db, options);
  await index.migrate();
  return { index, db };
}

describe('PgSearchIndex', { skip: pgSkip }, () => {
  runSearchIndexConformance('postgres', async () => {
    const { index, db } = await openPg();
    return { index, close: () => db.close() };
  });

  // As on SQLite: every phrase through the verify-the-top-and-sample path.
  runSearchIndexConformance('postgres (phrase sampling forced)', async () => {
    const { index, db } = await openPg({ verifyAll: 0, sampleSize: 3 });
    return { index, close: () => db.close() };
  });

  runSearchIndexConformance('postgres (segments merged eagerly)', async () => {
    const { index, db } = await openPg({ mergeFanIn: 2 });
    return { index, close: () => db.close() };
  });

  runSearchIndexConformance('postgres (texts read from the store)', async () => {
    const texts = new Map<string, string>();
    const { index, db } = await openPg({ documentTexts: async (ids) => new Map(ids.flatMap((id) => (texts.has(id) ? [[id, texts.get(id)!] as const] : []))) });
    const upsert = index.upsert.bind(index);
    index.upsert = async (docs) => {
      for (const d of docs) if ((d.type ?? 'document') === 'document') texts.set(d.id, d.text);
      return upsert(docs);
    };
    return { index, close: () => db.close() };
  });

  // What the composition root wires on PostgreSQL: a page's texts read from the store in one call.
  runSearchIndexConformance('postgres (texts read from the store a page at a time)', async () => {
    const texts = new Map<string, string>();
    const { index, db } = await openPg({ documentTexts: async (ids) => new Map(ids.flatMap((id) => (texts.has(id) ? [[id, texts.get(id)!] as const] : []))) });
    const upsert = index.upsert.bind(index);
    index.upsert = async (docs) => {
      for (const d of docs) if ((d.type ?? 'document') === 'document') texts.set(d.id, d.text);
      return upsert(docs);
    };
    return { index, close: () => db.close() };
  });

  // What the composition root wires on PostgreSQL: the store in the same database, its texts
  // read with the hits in one statement (pg-store.ts, currentTextJoin).
  runSearchIndexConformance('postgres (texts read with the hits from the store\u2019s tables)', async () => {
    const db = await freshPgDb();
    const store = await PgStore.open(db);
    const index = new PgSearchIndex(db, {
      documentTexts: async () => assert.fail('every text is read with its hit'),
      storeText: { sql: currentTextJoin, textOf: joinedTextOf },
    });
    await index.migrate();
    const upsert = index.upsert.bind(index);
    index.upsert = async (docs) => {
      for (const d of docs) {
        if ((d.type ?? 'document') !== 'document') continue;
        const saved = await store.saveVersion(`test:${d.id}`, d.id, version(d.text, { contentHash: `${d.id}:${d.text}` }));
        assert.equal(saved.docId, d.id);
      }
      return upsert(docs);
    };
    return { index, close: () => db.close() };
  });

  it("reads a page's texts with its hits in one statement, as the store holds them now", async () => {
    const db = await freshPgDb();
    const store = await PgStore.open(db);
    const statements: string[] = [];
    const counted = Object.create(db) as PgDb;
    counted.q = ((sql: Parameters<PgDb['q']>[0], params?: readonly unknown[]) => (statements.push(typeof sql === 'string' ? sql : sql.text), db.q(sql, params))) as PgDb['q'];
    const index = new PgSearchIndex(counted, {
      documentTexts: async () => assert.fail('every text is read with its hit'),
      storeText: { sql: currentTextJoin, textOf: joinedTextOf },
    });
    await index.migrate();
    const text = (id: string, n: number) => `versie ${n} van ${id} over cyberbeveiliging`;
    for (const id of ['a', 'b']) await store.saveVersion(`test:${id}`, id, version(text(id, 1)));
    await index.upsert(['a', 'b'].map((id) => ({ id, title: id, text: text(id, 1), kind: 'nota', date: null, parties: [], dossiers: [] })));
    // A text with U+0000 is kept exactly beside the TEXT column (store-migrations.ts): read exactly.
    await store.saveVersion('test:a', 'a', version(`${text('a', 2)}\u0000 einde`, { contentHash: 'a-2' }));
    statements.length = 0;
    const r = await index.search({ query: pq(t('cyberbeveiliging')), offset: 0, limit: 10 });
    assert.deepEqual(Object.fromEntries(r.hits.map((h) => [h.id, h.snippet.replace(/\s+/g, ' ')])), {
      a: `${text('a', 2)}\u0000 einde`,
      b: text('b', 1),
    });
    assert.equal(statements.filter((sql) => /ix_text/.test(sql)).length, 1, statements.join('\n'));
    // A document the store no longer has: its hit, without a snippet (not an error).
    await db.q('DELETE FROM versions WHERE doc_id = $1', ['b']);
    await db.q('DELETE FROM documents WHERE id = $1', ['b']);
    const after = await index.search({ query: pq(t('cyberbeveiliging')), offset: 0, limit: 10 });
    assert.equal(after.hits.find((h) => h.id === 'b')?.snippet, '');
    await db.close();
  });

  it('verifies a phrase asked again from the sequences it read before, and reads a changed document afresh', async () => {
    const db = await freshPgDb();
    const reads: string[] = [];
    const counted = Object.create(db) as PgDb;
    counted.q = ((sql: Parameters<PgDb['q']>[0], params?: readonly unknown[]) => {
      const text = typeof sql === 'string' ? sql : sql.text;
      if (/FROM ix_text WHERE docid/.test(text)) reads.push(text);
      return db.q(sql, params);
    }) as PgDb['q'];
    const index = new PgSearchIndex(counted);
    await index.migrate();
    const doc = (id: string, text: string): IndexDocument => ({ id, title: id, text, kind: 'nota', date: null, parties: [], dossiers: [] });
    await index.upsert([
      doc('a', 'de Cyber Resilience Act geldt voor producten'),
      doc('b', 'de act over cyber en resilience'),
      doc('c', 'Cyber Resilience Act en NIS2'),
      doc('d', 'resilience van cyber act'),
    ]);
    const ask = async (query: QueryNode) => (await index.search({ query: pq(query), offset: 0, limit: 10 })).hits.map((h) => h.id).sort();
    // Adjacent in either order: only `d` (`a` and `c` have a word between, `b` one too).
    const near: QueryNode = { type: 'near', words: ['cyber', 'act'], distance: 0 };
    assert.deepEqual(await ask(phrase('Cyber', 'Resilience', 'Act')), ['a', 'c']);
    assert.deepEqual(await ask(near), ['d']);
    assert.ok(reads.length >= 2, reads.join('\n'));
    reads.length = 0;
    assert.deepEqual(await ask(phrase('Cyber', 'Resilience', 'Act')), ['a', 'c']);
    assert.deepEqual(await ask(near), ['d']);
    assert.deepEqual(reads, [], 'asked again, nothing is read: the holders are kept, and so are the candidates the server said lack the phrase');
    // A new version of `b` is a new docid: read afresh, and the answer is a fresh node's.
    await index.upsert([doc('b', 'de Cyber Resilience Act, nu ook hier')]);
    assert.deepEqual(await ask(phrase('Cyber', 'Resilience', 'Act')), ['a', 'b', 'c']);
    assert.equal(reads.length, 1);
    const fresh = new PgSearchIndex(db);
    assert.deepEqual((await fresh.search({ query: pq(near), offset: 0, limit: 10 })).hits.map((h) => h.id).sort(), await ask(near));
    await db.close();
  });

  it('reads a page of snippets from the store in one call, and none without snippets', async () => {
    const calls: string[][] = [];
    const { index, db } = await openPg({ documentTexts: async (ids) => (calls.push([...ids]), new Map(ids.map((id) => [id, `tekst van ${id} over cyberbeveiliging`]))) });
    await index.upsert(['a', 'b', 'c'].map((id) => ({ id, title: id, text: `tekst van ${id} over cyberbeveiliging`, kind: 'nota', date: null, parties: [], dossiers: [] })));
    const r = await index.search({ query: pq(t('cyberbeveiliging')), offset: 0, limit: 10 });
    assert.deepEqual(calls.map((c) => [...c].sort()), [['a', 'b', 'c']]);
    assert.ok(r.hits.every((h) => h.snippet.includes(`tekst van ${h.id}`)));
    await index.search({ query: pq(t('cyberbeveiliging')), offset: 0, limit: 10, snippets: false });
    assert.equal(calls.length, 1);
    await db.close();
  });
});

const phrase = (...words: string[]): QueryNode => ({ type: 'phrase', words });
const and = (...children: QueryNode[]): QueryNode => ({ type: 'and', children });
const or = (...children: QueryNode[]): QueryNode => ({ type: 'or', children });

/** Requests that walk every path of the engine: terms, phrases, NEAR, prefixes, filters, sorts, pages. */
function requests(): SearchRequest[] {
  const roots: QueryNode[] = [
    t('de'), t('Telecomraad'), and(t('Raad'), t('belang')), or(t('cyber'), t('oorlog')),
    and(t('de'), { type: 'not', child: t('Kamer') }), phrase('de', 'rol', 'van'), and(phrase('Cyber', 'Resilience'), t('de')),
    { type: 'term', text: 'cyber', prefix: true }, { type: 'near', words: ['rol', 'toezichthouder'], distance: 3 }, t('beveiliging'), t('aanvulling'),
    and(t('de'), { type: 'not', child: phrase('de', 'rol') }),
  ];
  const out: SearchRequest[] = [];
  for (const root of roots) {
    out.push({ query: pq(root), offset: 0, limit: 15 });
    out.push({ query: pq(root, {}, 'date'), offset: 5, limit: 10 });
    out.push({ query: pq(root, { kinds: ['nota'], years: [2019, 2020, 2021] }), offset: 0, limit: 10 });
  }
  out.push({ query: pq(null, { kinds: ['kamerbrief'] }), offset: 0, limit: 20 });
  out.push({ query: pq(null, { dateFrom: '2015-01-01', dateTo: '2018-12-31' }, 'date-asc'), offset: 3, limit: 20 });
  return out;
}

/** The same writes on any index: batches, a re-index of a tenth (dead postings for merges to purge), removals. */
async function writeCorpus(index: SearchIndex, docs: IndexDocument[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 7) await index.upsert(docs.slice(i, i + 7));
  await index.upsert(docs.filter((_, i) => i % 10 === 0).map((d) => ({ ...d, text: d.text + ' aanvulling', kind: 'nota' as const, date: '2019-05-05' })));
  await index.remove(docs.filter((_, i) => i % 37 === 5).map((d) => d.id));
}

describe('PgSearchIndex answers exactly what SqliteSearchIndex answers', { skip: pgSkip }, () => {
  const docs = synthetic(300);
  const variants: [string, SegmentIndexOptions][] = [
    ['defaults', {}],
    ['segments merged two at a time', { mergeFanIn: 2 }],
    ['phrases verified on the top and a sample', { verifyAll: 0, sampleSize: 5 }],
    ['every ranked query pruned window by window', { pruneAbove: 0, windowBits: 4 }],
  ];
  for (const [name, options] of variants) {
    it(name, async () => {
      const sqlite = new Database(':memory:');
      const a = new SqliteSearchIndex(sqlite, options);
      a.migrate();
      const { index: b, db } = await openPg(options);
      try {
        await writeCorpus(a, docs);
        await writeCorpus(b, docs);
        assert.equal(await b.count(), await a.count());
        for (const request of requests()) {
          const expected = await a.search(request);
          assert.deepEqual(await b.search(request), expected, JSON.stringify(request.query));
        }
        const spec = await b.highlightTerms(pq({ type: 'term', text: 'cyber', prefix: true }));
        assert.deepEqual(spec('De cybersecurity van de Cyber Resilience Act'), (await a.highlightTerms(pq({ type: 'term', text: 'cyber', prefix: true })))('De cybersecurity van de Cyber Resilience Act'));
        const segs = (await db.rows<{ n: number }>('SELECT count(*)::integer AS n FROM ix_segs'))[0]!.n;
        assert.equal(segs, sqlite.prepare('SELECT COUNT(*) FROM ix_segs').pluck().get());
      } finally {
        sqlite.close();
        await db.close();
      }
    });
  }
});

describe('PgSearchIndex: several nodes on one database', { skip: pgSkip }, () => {
  let url: string;
  const pools: PgDb[] = [];
  /** A web node: its own pool and index instance (its own caches). */
  const node = (): PgSearchIndex => {
    const db = new PgDb(url, { max: 3 });
    pools.push(db);
    return new PgSearchIndex(db);
  };
  before(async () => {
    url = await freshPgUrl();
    const first = node();
    await first.migrate();
    await first.migrate(); // idempotent
  });
  after(async () => {
    for (const p of pools) await p.close();
  });

  it("sees another node's writes at its next search", async () => {
    const writer = node();
    const reader = node();
    await writer.upsert(CONFORMANCE_DOCS);
    const before = await reader.search({ query: pq(t('Telecomraad')), offset: 0, limit: 10 });
    assert.deepEqual(before.hits.map((h) => h.id).sort(), ['d1', 'd2']);
    // The reader's caches now hold `telecomraad`; the writer changes what it matches.
    await writer.upsert([{ ...CONFORMANCE_DOCS[6]!, id: 'n1', title: 'Telecomraad in juni' }]);
    await writer.remove(['d2']);
    const after = await reader.search({ query: pq(t('Telecomraad')), offset: 0, limit: 10 });
    assert.deepEqual(after.hits.map((h) => h.id).sort(), ['d1', 'n1']);
    assert.equal(after.total, 2);
    assert.equal(await reader.count(), CONFORMANCE_DOCS.length);
    // And the other way round.
    await reader.upsert([CONFORMANCE_DOCS[1]!]);
    assert.deepEqual((await writer.search({ query: pq(t('Telecomraad')), offset: 0, limit: 10 })).hits.map((h) => h.id).sort(), ['d1', 'd2', 'n1']);
  });

  it('reads the stored version beside a warm search, not before it, until another node writes', async () => {
    const db = new PgDb(url, { max: 3 });
    pools.push(db);
    let inFlight = 0;
    let most = 0;
    const counted = Object.create(db) as PgDb;
    counted.q = (async (sql: Parameters<PgDb['q']>[0], params?: readonly unknown[]) => {
      most = Math.max(most, ++inFlight);
      try {
        return await db.q(sql, params);
      } finally {
        inFlight--;
      }
    }) as PgDb['q'];
    const reader = new PgSearchIndex(counted);
    const writer = node();
    const query = { query: pq(t('Telecomraad')), offset: 0, limit: 10 };
    const overlap = async () => {
      most = 0;
      const r = await reader.search(query);
      return { most, ids: r.hits.map((h) => h.id).sort() };
    };
    const cold = await overlap();
    assert.equal(cold.most, 1, 'a first search reads the version before anything else');
    const warm = await overlap();
    assert.equal(warm.most, 2, 'a warm search reads its hits while the version is read');
    assert.deepEqual(warm.ids, cold.ids);
    await writer.upsert([{ ...CONFORMANCE_DOCS[6]!, id: 'beside', title: 'Telecomraad in juli' }]);
    const moved = await overlap();
    assert.ok(moved.ids.includes('beside'), 'the write is seen at once');
    assert.equal((await overlap()).most, 1, 'after the version moved, searches check it first for a while');
    await writer.remove(['beside']);
  });

  it('writers on two nodes at once take turns: every document once, with its own id', async () => {
    const a = node();
    const b = node();
    const batch = (prefix: string) => synthetic(60).map((d) => ({ ...d, id: `${prefix}${d.id}` }));
    const before = await a.count();
    await Promise.all([a.upsert(batch('a-')), b.upsert(batch('b-')), a.upsert(batch('c-')), b.upsert(batch('a-'))]);
    assert.equal(await b.count(), before + 180);
    const r = await a.search({ query: pq(t('de')), offset: 0, limit: 10_000 });
    const ids = r.hits.map((h) => h.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const p of ['a-', 'b-', 'c-']) assert.ok(ids.some((id) => id.startsWith(p)), p);
  });

  it("writes inside the caller's unit of work, and a rollback leaves no trace in any node's answers", async () => {
    const db = new PgDb(url, { max: 3 });
    pools.push(db);
    const writer = new PgSearchIndex(db);
    const other = node();
    const count = await other.count();
    const query = { query: pq(t('zeldzaamheid')), offset: 0, limit: 10 };
    await assert.rejects(
      db.atomic(async (tx) => {
        const inUnit = writer.bound(tx);
        await inUnit.upsert([{ ...CONFORMANCE_DOCS[0]!, id: 'rolled-back', text: 'Een zeldzaamheid.' }]);
        // Inside the unit of work the writer sees its own write …
        assert.equal((await inUnit.search(query)).total, 1);
        throw new Error('rollback');
      }),
      /rollback/,
    );
    // … and after the rollback nobody does, not even once a later write (which must not
    // reuse the generation the rolled-back write had set) commits.
    await other.upsert([{ ...CONFORMANCE_DOCS[1]!, id: 'later' }]);
    assert.equal((await writer.search(query)).total, 0);
    assert.equal((await other.search(query)).total, 0);
    assert.equal(await other.count(), count + 1);
  });

  it('moves the generation only when a write changed something', async () => {
    const db = new PgDb(url, { max: 2 });
    pools.push(db);
    const index = new PgSearchIndex(db);
    const gen = async () => (await db.rows<{ gen: number }>('SELECT gen FROM ix_generation'))[0]!.gen;
    const before = await gen();
    await index.remove(['not-indexed', 'neither']);
    assert.equal(await gen(), before);
    await index.remove(['n1']);
    assert.notEqual(await gen(), before);
  });

  it('keeps callers\u2019 bookkeeping apart from its own', async () => {
    const a = node();
    assert.equal(await a.getMeta('format'), null);
    await a.setMeta('tk-seq', '42');
    assert.equal(await node().getMeta('tk-seq'), '42');
  });
});

describe('PgSearchIndex: the state is rebuilt when the kinds or types it was coded with change', { skip: pgSkip }, () => {
  it('answers as before', async () => {
    const { index, db } = await openPg();
    try {
      await writeCorpus(index, synthetic(60));
      const q = { query: pq(t('de'), { kinds: ['nota'] }), offset: 0, limit: 20 };
      const before = await index.search(q);
      await db.q("UPDATE ix_state SET data = decode(repeat('00', length(data)), 'hex')");
      await db.q("UPDATE ix_meta SET value = '{}' WHERE key = 'state-codes'");
      const reopened = new PgSearchIndex(db);
      await reopened.migrate();
      assert.ok(before.total > 0);
      assert.deepEqual(await reopened.search(q), before);
    } finally {
      await db.close();
    }
  });
});
