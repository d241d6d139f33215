/**
 * Runs the Store conformance suite on PostgreSQL, plus what only a shared database has to
 * prove: writers on several nodes at once get distinct ids, one document per content and
 * consecutive versions, and a failed unit of work leaves nothing behind.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { openPgServices } from '../../src/main.js';
import { PgDb } from '../../src/store/postgres/connection.js';
import { PgStore } from '../../src/store/postgres/pg-store.js';
import type { SaveResult } from '../../src/store/index.js';
import { freshPgDb, freshPgSchemaUrl, freshPgUrl, pgSkip } from '../helpers/pg.js';
import { emptyStructure } from '../../src/domain/index.js';
import { file, runStoreConformance, version } from './store-conformance.js';

/** Two stores on one database through pools of their own: two web nodes, or a node and a worker. */
async function twoNodes(): Promise<[PgStore, PgStore]> {
  const url = await freshPgUrl();
  return [await PgStore.open(new PgDb(url, { max: 4 })), await PgStore.open(new PgDb(url, { max: 4 }))];
}

/**
 * Runs `save` with `a`'s store bound to a unit of work (a client in BEGIN … COMMIT, as
 * PgDatabase hands out) that stays open (uncommitted) while `other` runs on the second node;
 * returns both results and whether `other` had to wait for the commit.
 */
async function whileUncommitted<A = SaveResult, B = SaveResult>(a: PgStore, save: (unit: PgStore) => Promise<A>, other: () => Promise<B>): Promise<{ first: A; second: B; waited: boolean }> {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let saved!: () => void;
  const isSaved = new Promise<void>((r) => (saved = r));
  const first = a.db.transaction(async (tx) => {
    const r = await save(new PgStore(a.db.bound(tx)));
    saved();
    await held;
    return r;
  });
  await isSaved;
  let done = false;
  const second = other().finally(() => (done = true));
  await sleep(150);
  const waited = !done;
  release();
  return { first: await first, second: await second, waited };
}

describe('PgStore', { skip: pgSkip }, () => {
  runStoreConformance('postgres', async () => PgStore.open(await freshPgDb()), async () => {
    const s = await openPgServices(await freshPgSchemaUrl(), null);
    return { store: s.store, units: s.units };
  });

  it('two nodes storing different documents with the same preferred id at once both succeed, with distinct ids', async () => {
    const [a, b] = await twoNodes();
    const r = await whileUncommitted(
      a,
      (unit) => unit.saveVersion('/a/brief.txt', 'brief.txt', version('een')),
      () => b.saveVersion('/b/brief.txt', 'brief.txt', version('twee')),
    );
    assert.ok(r.waited, 'the second writer waits for the first one’s id instead of taking it too');
    assert.deepEqual([r.first, r.second], [
      { docId: 'brief', version: 1, status: 'new' },
      { docId: 'brief-2', version: 1, status: 'new' },
    ]);
    // Many at once, from both nodes: every one stored, every id distinct.
    const many = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).saveVersion(`/many/${i}/brief.txt`, 'brief.txt', version(`many-${i}`))),
    );
    const ids = many.map((m) => m.docId);
    assert.equal(new Set(ids).size, 12);
    assert.ok(many.every((m) => m.status === 'new' && /^brief-\d+$/.test(m.docId)));
    assert.deepEqual((await a.documentIds()).length, 14);
    assert.equal((await b.stats()).documents, 14);
    await a.close();
    await b.close();
  });

  it('the same content stored by two nodes at once is one document', async () => {
    const [a, b] = await twoNodes();
    const r = await whileUncommitted(
      a,
      (unit) => unit.saveVersion('/a/x.txt', 'x.txt', version('zelfde')),
      () => b.saveVersion('/b/y.txt', 'y.txt', version('zelfde')),
    );
    assert.ok(r.waited);
    assert.deepEqual(r.second, { docId: 'x', version: 1, status: 'unchanged' });
    assert.equal((await b.stats()).documents, 1);
    await a.close();
    await b.close();
  });

  it('new contents of one source stored by two nodes at once become consecutive versions', async () => {
    const [a, b] = await twoNodes();
    await a.saveVersion('/x/motie.txt', 'motie.txt', version('een'));
    const r = await whileUncommitted(
      a,
      (unit) => unit.saveVersion('/x/motie.txt', 'motie.txt', version('twee')),
      () => b.saveVersion('/x/motie.txt', 'motie.txt', version('drie')),
    );
    assert.ok(r.waited);
    assert.deepEqual([r.first.version, r.second.version], [2, 3]);
    // A source stored for the first time by two nodes at once: one document, two versions.
    const fresh = await whileUncommitted(
      a,
      (unit) => unit.saveVersion('/x/nieuw.txt', 'nieuw.txt', version('n1')),
      () => b.saveVersion('/x/nieuw.txt', 'ander-id.txt', version('n2')),
    );
    assert.ok(fresh.waited);
    assert.deepEqual([fresh.first, fresh.second], [
      { docId: 'nieuw', version: 1, status: 'new' },
      { docId: 'nieuw', version: 2, status: 'new-version' },
    ]);
    assert.equal((await b.getVersion('nieuw'))?.text, 'n2');
    // And by document id from two sources at once (a herdruk found under another source).
    await Promise.all([
      a.saveVersion('/y/herdruk-1.txt', 'h1', version('vier'), { docId: 'motie' }),
      b.saveVersion('/y/herdruk-2.txt', 'h2', version('vijf'), { docId: 'motie' }),
    ]);
    assert.deepEqual((await a.listVersions('motie')).map((v) => v.version), [5, 4, 3, 2, 1]);
    assert.equal((await a.stats()).documents, 2);
    assert.equal((await b.getDocument('motie'))?.currentVersion, 5);
    await a.close();
    await b.close();
  });

  it('a batch that meets another node’s new document (its id, its source) waits for it and then stores around it', async () => {
    const [a, b] = await twoNodes();
    await a.saveVersion('/x/oud.txt', 'oud.txt', version('oud'));
    const r = await whileUncommitted(
      a,
      async (unit) => {
        await unit.saveVersion('/a/brief.txt', 'brief.txt', version('een'));
        return unit.saveVersion('/x/nieuw.txt', 'nieuw.txt', version('n1'));
      },
      () =>
        b.saveVersions([
          { source: '/b/brief.txt', preferredId: 'brief.txt', version: version('twee') },
          { source: '/x/nieuw.txt', preferredId: 'ander.txt', version: version('n2') },
          { source: '/x/oud.txt', preferredId: 'oud.txt', version: version('oud 2') },
          { source: '/b/c.txt', preferredId: 'c.txt', version: version('c') },
        ]),
    );
    assert.ok(r.waited, 'the batch waits for the first writer’s uncommitted rows');
    assert.deepEqual(r.second, [
      { docId: 'brief-2', version: 1, status: 'new' },
      { docId: 'nieuw', version: 2, status: 'new-version' },
      { docId: 'oud', version: 2, status: 'new-version' },
      { docId: 'c', version: 1, status: 'new' },
    ]);
    assert.deepEqual(await a.documentIds(), ['oud', 'brief', 'nieuw', 'brief-2', 'c']);
    assert.equal((await a.getVersion('nieuw'))?.text, 'n2');
    await a.close();
    await b.close();
  });

  it('a batch holding content another node is storing waits for it and answers unchanged', async () => {
    const [a, b] = await twoNodes();
    const r = await whileUncommitted(
      a,
      (unit) => unit.saveVersion('/a/x.txt', 'x.txt', version('zelfde')),
      () =>
        b.saveVersions([
          { source: '/b/y.txt', preferredId: 'y.txt', version: version('ander') },
          { source: '/b/z.txt', preferredId: 'z.txt', version: version('zelfde') },
        ]),
    );
    assert.ok(r.waited);
    assert.deepEqual(r.second, [
      { docId: 'y', version: 1, status: 'new' },
      { docId: 'x', version: 1, status: 'unchanged' },
    ]);
    assert.equal((await b.stats()).documents, 2);
    await a.close();
    await b.close();
  });

  it('batches of two nodes writing the same documents in opposite orders both commit, their versions consecutive', async () => {
    const [a, b] = await twoNodes();
    const sources = Array.from({ length: 6 }, (_, i) => `/x/doc-${i}.txt`);
    await a.saveVersions(sources.map((source, i) => ({ source, preferredId: `doc-${i}.txt`, version: version(`v1-${i}`) })));
    const batch = (node: PgStore, tag: string, order: string[]) =>
      node.saveVersions(order.map((source) => ({ source, preferredId: 'x.txt', version: version(`${tag}-${source}`) })));
    const results = await Promise.all([batch(a, 'a', sources), batch(b, 'b', [...sources].reverse()), batch(a, 'c', [sources[3]!, sources[0]!, sources[5]!])]);
    assert.ok(results.flat().every((r) => r.status === 'new-version'));
    for (const [i, source] of sources.entries()) {
      const versions = (await b.listVersions(`doc-${i}`)).map((v) => v.version);
      assert.deepEqual(versions, Array.from({ length: versions.length }, (_, k) => versions.length - k), source);
      assert.equal(versions.length, [0, 3, 5].includes(i) ? 4 : 3, source);
    }
    await a.close();
    await b.close();
  });

  it('a batch too large for one statement is stored in several, in order', async () => {
    const store = await PgStore.open(await freshPgDb());
    // 7 million characters each: three do not fit in one statement (16 MB of text), two do.
    const big = (n: number) => `${n} `.repeat(3_500_000);
    const r = await store.saveVersions([0, 1, 2].map((n) => ({ source: `ndjson:groot-${n}`, preferredId: `groot-${n}`, version: version(big(n), { original: null, contentHash: `hash-groot-${n}` }) })));
    assert.deepEqual(r.map((x) => x.docId), ['groot-0', 'groot-1', 'groot-2']);
    assert.deepEqual(await store.documentIds(), ['groot-0', 'groot-1', 'groot-2']);
    for (const n of [0, 1, 2]) assert.equal((await store.getVersion(`groot-${n}`))?.text, big(n));
    await store.close();
  });

  it('a batch costs the same statements whatever its size', async () => {
    const db = await freshPgDb();
    // Every statement on a client of this pool (a transaction's too, BEGIN and COMMIT included).
    let statements = 0;
    db.pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...a: unknown[]) => unknown;
      (client as unknown as { query: (...a: unknown[]) => unknown }).query = (...a: unknown[]) => (statements++, query(...a));
    });
    await PgStore.migrate(db);
    const store = new PgStore(db);
    const cost = async (items: Parameters<PgStore['saveVersions']>[0]) => {
      const before = statements;
      await store.saveVersions(items);
      return statements - before;
    };
    const bulk = (tag: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({ source: `ndjson:${tag}-${i}`, preferredId: `${tag}-${i}`, version: version(`${tag}-${i}`, { original: null }) }));
    const small = await cost(bulk('klein', 3));
    const large = await cost(bulk('groot', 60));
    // BEGIN, the hashes' and ids' locks, the look-ups, the rows, COMMIT: what counting missed would show as fewer.
    assert.ok(small >= 8, `statements of a batch of new documents: ${small}`);
    assert.equal(large, small, 'new documents');
    assert.equal(await cost(bulk('groot', 60)), await cost(bulk('klein', 3)), 'unchanged documents');
    // New versions of stored documents too (the same sources, new contents).
    const again = (tag: string, n: number) => bulk(tag, n).map((x) => ({ ...x, version: version(`${x.preferredId} herzien`, { original: null }) }));
    assert.equal(await cost(again('groot', 60)), await cost(again('klein', 3)), 'new versions');
    assert.equal((await store.stats()).versions, 126);
    await store.close();
  });

  it('keeps the home page counts while nothing commits, and counts again after any commit, on any node', async () => {
    const url = await freshPgUrl();
    const db = new PgDb(url, { max: 4 });
    let counted = 0;
    db.pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...a: unknown[]) => unknown;
      (client as unknown as { query: (...a: unknown[]) => unknown }).query = (...a: unknown[]) => {
        if (/COUNT\(\*\) FROM documents/.test(String((a[0] as { text?: string })?.text ?? a[0]))) counted++;
        return query(...a);
      };
    });
    const store = await PgStore.open(db);
    const other = await PgStore.open(new PgDb(url, { max: 2 }));
    await store.saveVersion('/x/a.txt', 'a.txt', version('een'));
    const first = await store.stats();
    assert.equal(first.documents, 1);
    const countings = counted;
    // Quiet: the same counts, not counted again; a caller changing its copy changes nothing kept.
    first.byKind.length = 0;
    assert.deepEqual(await store.stats(), { documents: 1, versions: 1, failedImports: 0, byKind: [{ value: 'kamerbrief', count: 1 }], byYear: [{ value: '2025', count: 1 }] });
    assert.equal(counted, countings);
    // Another node's version, a failed import, a document's kind changed by a reparse: each seen at once.
    await other.saveVersion('/x/b.txt', 'b.txt', version('twee'));
    assert.equal((await store.stats()).documents, 2);
    await other.recordImport({ source: '/x/kapot.pdf', status: 'failed', docId: null, version: null, errorCode: 'CORRUPT_FILE', message: 'kapot', at: new Date().toISOString() });
    assert.equal((await store.stats()).failedImports, 1);
    await other.updateStructure('b', 1, emptyStructure('nota'), 'Title twee', 'nota', '2024-03-01');
    assert.deepEqual((await store.stats()).byKind, [{ value: 'kamerbrief', count: 1 }, { value: 'nota', count: 1 }]);
    assert.deepEqual((await store.stats()).byYear, [{ value: '2025', count: 1 }, { value: '2024', count: 1 }]);
    assert.ok(counted > countings);
    // Inside a unit: its own uncommitted writes counted, and nothing of them kept for others.
    await assert.rejects(db.atomic(async (tx) => {
      const inUnit = new PgStore(tx);
      await inUnit.saveVersion('/x/c.txt', 'c.txt', version('drie'));
      assert.equal((await inUnit.stats()).documents, 3);
      throw new Error('terug');
    }), /terug/);
    assert.equal((await store.stats()).documents, 2);
    await other.close();
    await store.close();
  });

  it('a failed unit of work leaves nothing: no document, version, original, file, key or import', async () => {
    const url = await freshPgSchemaUrl();
    const s = await openPgServices(url, null);
    const db = new PgDb(url, { max: 1 });
    const store = s.store;
    await assert.rejects(
      s.units.transaction(async (tx) => {
        await tx.store.saveVersion('/x/brief.pdf', 'brief.pdf', version('een', { matchKeys: ['kst:kst-1-1'] }));
        await tx.store.addFile('brief', 1, file('<p>een</p>', { matchKeys: ['lsh:0:a'] }));
        await tx.store.recordImport({ source: '/x/brief.pdf', status: 'new', docId: 'brief', version: 1, errorCode: null, message: null, at: '2026-01-01T00:00:00.000Z' });
        throw new Error('boom');
      }),
      /boom/,
    );
    for (const table of ['documents', 'versions', 'blobs', 'blob_chunks', 'document_files', 'document_keys', 'imports']) {
      assert.deepEqual(await db.rows(`SELECT * FROM ${table}`), [], table);
    }
    // The id it would have had is free again.
    assert.deepEqual(await store.saveVersion('/x/brief.pdf', 'brief.pdf', version('een')), { docId: 'brief', version: 1, status: 'new' });
    await db.close();
    await s.close();
  });

  it("a store on the pool used inside a unit of work: an error when strict (the tests' setting), else it joins the unit", async () => {
    const url = await freshPgSchemaUrl();
    const opened = async (strict: boolean) => {
      const before = process.env['KAMERLENS_STRICT_UNITS'];
      process.env['KAMERLENS_STRICT_UNITS'] = strict ? '1' : '0';
      try {
        return await openPgServices(url, null);
      } finally {
        if (before === undefined) delete process.env['KAMERLENS_STRICT_UNITS'];
        else process.env['KAMERLENS_STRICT_UNITS'] = before;
      }
    };
    const strict = await opened(true);
    await assert.rejects(
      strict.units.transaction(async () => strict.store.saveVersion('/x/a.txt', 'a.txt', version('een'))),
      /a store on the pool ran a statement inside a transaction; take the store from the unit \(tx\)/,
    );
    // The unit's own stores, and the pool's outside a unit, work as ever.
    await strict.units.transaction(async (tx) => tx.store.saveVersion('/x/b.txt', 'b.txt', version('twee')));
    assert.equal((await strict.store.getVersion('b'))?.text, 'twee');
    await strict.close();
    const lenient = await opened(false);
    await assert.rejects(
      lenient.units.transaction(async () => {
        await lenient.store.saveVersion('/x/c.txt', 'c.txt', version('drie'));
        throw new Error('rollback');
      }),
      /rollback/,
    );
    // It ran in the unit: rolled back with it.
    assert.equal(await lenient.store.getDocument('c'), null);
    await lenient.close();
  });

  it('reads the current texts of several documents in one call', async () => {
    const store = await PgStore.open(await freshPgDb());
    await store.saveVersion('/x/a.txt', 'a.txt', version('a1'));
    await store.saveVersion('/x/a.txt', 'a.txt', version('a2'));
    await store.saveVersion('/x/b.txt', 'b.txt', version('b\u0000', { contentHash: 'hash-b' }));
    assert.deepEqual([...(await store.currentTexts(['a', 'b', 'nope', 'a']))].sort(), [['a', 'a2'], ['b', 'b\u0000']]);
    assert.equal((await store.currentTexts(['a'])).get('a'), 'a2');
    assert.equal((await store.currentTexts(['nope'])).has('nope'), false);
    await store.close();
  });

  it('compresses a version’s text, page map and structure with lz4 (the scratch cluster is Debian’s build, which has it)', async () => {
    const store = await PgStore.open(await freshPgDb());
    const text = 'De Raad heeft een algemene oriëntatie bereikt over de Europese verordening. '.repeat(200);
    const structure = { ...emptyStructure('kamerbrief'), title: 'Verslag', footnotes: Array.from({ length: 80 }, (_, i) => ({ number: i + 1, text: `Kamerstuk 21501-33, nr. ${1000 + i}` })) };
    const pages = Array.from({ length: 200 }, (_, i) => ({ page: i + 1, start: i * 75, end: (i + 1) * 75 }));
    await store.saveVersion('/x/lang.txt', 'lang', version(text, { structure, pages }));
    const [row] = await store.db.rows<{ t: string; p: string; s: string }>(
      "SELECT pg_column_compression(text) AS t, pg_column_compression(pages) AS p, pg_column_compression(structure) AS s FROM versions WHERE doc_id = 'lang'",
    );
    assert.deepEqual(row, { t: 'lz4', p: 'lz4', s: 'lz4' });
    const v = (await store.getVersion('lang'))!;
    assert.equal(v.text, text);
    assert.deepEqual(v.pages, pages);
    assert.deepEqual(v.structure, structure);
    await store.close();
  });

  it('migrations run once, also when two nodes open the store together', async () => {
    const url = await freshPgUrl();
    const [a, b] = await Promise.all([PgStore.open(new PgDb(url, { max: 2 })), PgStore.open(new PgDb(url, { max: 2 }))]);
    const rows = await a.db.rows<{ namespace: string; version: number }>('SELECT namespace, version FROM schema_migrations ORDER BY namespace');
    assert.deepEqual(rows, [{ namespace: 'blobs', version: 2 }, { namespace: 'files', version: 1 }, { namespace: 'store', version: 2 }]);
    await a.close();
    await b.close();
  });
});

describe('PgStore with the watch change log', { skip: pgSkip }, () => {
  it('every stored version is logged in the unit that stores it; a failed unit logs nothing', async () => {
    // The document store as the composition root wires it: its change log writes through the unit's client.
    const url = await freshPgSchemaUrl();
    const s = await openPgServices(url, null);
    const db = new PgDb(url, { max: 1 });
    await s.store.saveVersion('/x/a.txt', 'a.txt', version('een'));
    await s.store.saveVersion('/x/a.txt', 'a.txt', version('twee'));
    await s.store.saveVersion('/x/a.txt', 'a.txt', version('twee')); // unchanged: nothing to log
    await assert.rejects(s.units.transaction(async (tx) => {
      await tx.store.saveVersion('/x/b.txt', 'b.txt', version('drie'));
      throw new Error('afgebroken');
    }));
    const log = await db.rows<{ seq: number; doc_id: string; version: number }>('SELECT seq, doc_id, version FROM watch_changes ORDER BY seq');
    assert.deepEqual(log.map((r) => [r.seq, r.doc_id, r.version]), [[1, 'a', 1], [2, 'a', 2]]);
    await db.close();
    await s.close();
  });
});
