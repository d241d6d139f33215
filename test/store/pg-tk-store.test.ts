/**
 * TkStore on PostgreSQL: the conformance suite, the change log's commit order under
 * concurrent units of work (a reader with a watermark never skips a row), batched reads,
 * and listings served by the indexes of postgres/tk-migrations.ts.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { TkEntity } from '../../src/domain/tk.js';
import type { PgDb } from '../../src/store/postgres/connection.js';
import { PgTkStore } from '../../src/store/postgres/tk-store.js';
import { openDatabase } from '../../src/store/sqlite/connection.js';
import { SqliteTkStore } from '../../src/store/sqlite/tk-store.js';
import { PG_TK_MIGRATIONS } from '../../src/store/postgres/tk-migrations.js';
import { TK_DAY_FIELDS, TK_LATEST_CATEGORIES, type TkListQuery, type TkStore } from '../../src/store/tk-store.js';
import { freshPgDb, pgSkip } from '../helpers/pg.js';
import { runTkStoreConformance } from './tk-store-conformance.js';

/** The feed these cursors belong to (cursors are kept per feed). */
const FEED = 'https://feed.example/SyncFeed/2.0';
const at = (skiptoken: string) => ({ origin: FEED, skiptoken });

const G = (n: number) => `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`;
const zaak = (n: number, extra: Partial<TkEntity> = {}): TkEntity => ({
  id: G(n), category: 'Zaak', updated: '2025-03-03T12:00:00.000Z', deleted: false, fields: { nummer: `2025Z${n}` }, refs: [], ...extra,
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const open: PgDb[] = [];
async function fresh(): Promise<{ db: PgDb; store: PgTkStore }> {
  const db = await freshPgDb();
  open.push(db);
  return { db, store: await PgTkStore.open(db) };
}

describe('PgTkStore', { skip: pgSkip }, () => {
  after(async () => {
    await Promise.all(open.map((db) => db.close()));
  });

  // A large page is followed by what autovacuum would do within a minute (ANALYZE): without
  // statistics the planner takes a category for a few rows and sorts it instead of walking
  // its index, which only makes the 25,000-entity test slow, not wrong.
  runTkStoreConformance('postgres', async () => {
    const { db, store } = await fresh();
    const apply = store.applyPage.bind(store);
    store.applyPage = async (category, entries, cursor) => {
      const r = await apply(category, entries, cursor);
      if (entries.length >= 1_000) await db.q('ANALYZE tk_entities, tk_refs');
      return r;
    };
    return store;
  });

  it('migrates in migrate()/open(), not in the constructor, once however often opened', async () => {
    const db = await freshPgDb();
    open.push(db);
    new PgTkStore(db);
    assert.equal((await db.rows("SELECT 1 FROM pg_tables WHERE tablename = 'tk_entities'")).length, 0);
    await Promise.all([PgTkStore.open(db), PgTkStore.open(db)]);
    assert.deepEqual(await db.rows("SELECT version FROM schema_migrations WHERE namespace = 'tk'"), [{ version: PG_TK_MIGRATIONS.length }]);
  });

  it('a unit of work that took a lower seq but commits later is never skipped by a reader with a watermark', async () => {
    const { db, store } = await fresh();
    // A: writes an entity, takes seq 1, and stays open. B: writes another entity meanwhile
    // and would commit first; it must not become visible with a seq above one that appears later.
    let releaseA!: () => void;
    const holdA = new Promise<void>((r) => (releaseA = r));
    let aWrote!: () => void;
    const aHasSeq = new Promise<void>((r) => (aWrote = r));
    const events: string[] = [];
    const a = db.atomic(async (tx) => {
      await new PgTkStore(tx).applyPage('Zaak', [{ entity: zaak(1), enclosure: null }], null);
      aWrote();
      await holdA;
      events.push('A commits');
    });
    await aHasSeq;
    const b = store.applyPage('Zaak', [{ entity: zaak(2), enclosure: null }], null).then(() => events.push('B committed'));

    // The reader: remembers the highest seq it saw and asks only for what lies above it.
    let watermark = 0;
    const seen: { seq: number; id: string }[] = [];
    const poll = async () => {
      const head = await store.changeHead();
      for (const c of await store.changesSince(watermark, head)) seen.push({ seq: c.seq, id: c.id });
      watermark = head;
    };
    const waitingOnLock = async () =>
      (await db.rows(
        "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
      )).length > 0;
    for (let i = 0; i < 50 && !(await waitingOnLock()); i++) await sleep(10);
    assert.ok(await waitingOnLock(), 'B waits for the change-log lock A holds');
    for (let i = 0; i < 5; i++) {
      await poll();
      await sleep(10);
    }
    assert.deepEqual(seen, [], 'nothing visible while A is open, B included');
    assert.deepEqual(events, []);
    // B's entity is written already (it waits only to allocate its seq), but not committed.
    releaseA();
    // Bounded: with seqs from a sequence, B's 2 would be seen first and A's 1 never.
    const polling = (async () => {
      for (let i = 0; i < 500 && seen.length < 2; i++) {
        await poll();
        await sleep(2);
      }
    })();
    await Promise.all([a, b, polling]);
    assert.deepEqual(events, ['A commits', 'B committed']);
    assert.deepEqual(seen, [{ seq: 1, id: G(1) }, { seq: 2, id: G(2) }]);
  });

  it('many concurrent writers: every seq is seen exactly once by a polling reader, none skipped', async () => {
    const { db, store } = await fresh();
    const writers = 12;
    let watermark = 0;
    const seen = new Map<number, string>();
    let done = false;
    const reader = (async () => {
      for (;;) {
        const finished = done;
        const head = await store.changeHead();
        for (const c of await store.changesSince(watermark, head)) {
          assert.ok(!seen.has(c.seq), `seq ${c.seq} seen twice`);
          seen.set(c.seq, c.id);
        }
        watermark = head;
        if (finished) return;
        await sleep(1);
      }
    })();
    // Each writer writes its entities, then lingers in its unit before committing, in random order.
    await Promise.all(Array.from({ length: writers }, (_, w) => db.atomic(async (tx) => {
      await sleep(Math.random() * 10);
      await new PgTkStore(tx).applyPage('Zaak', [1, 2].map((k) => ({ entity: zaak(w * 10 + k), enclosure: null })), null);
      await sleep(Math.random() * 10);
    })));
    done = true;
    await reader;
    assert.deepEqual([...seen.keys()].sort((x, y) => x - y), Array.from({ length: writers * 2 }, (_, i) => i + 1));
    assert.equal(new Set(seen.values()).size, writers * 2);
  });

  it('a page that re-sends an entity while its download is being recorded keeps the download', async () => {
    const { db, store } = await fresh();
    const doc: TkEntity = { ...zaak(8), category: 'Document', file: { contentType: 'text/plain', contentLength: 3 } };
    await store.applyPage('Document', [{ entity: doc, enclosure: 'http://x/8' }], at('1'));
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    let recorded!: () => void;
    const inFlight = new Promise<void>((r) => (recorded = r));
    // The download's record is written and not yet committed when the page reads the file
    // record: the page must wait for it, not read the old record and write it back over it.
    const fetched = db.atomic(async (tx) => {
      await new PgTkStore(tx).recordFileFetched(G(8), doc.updated, { version: 1, contentHash: 'h', byteCount: 3, path: 'files/8.v1.txt' });
      recorded();
      await hold;
    });
    await inFlight;
    const page = store.applyPage('Document', [{ entity: { ...doc, updated: '2026-01-01T00:00:00.000Z' }, enclosure: 'http://x/8' }], at('2'));
    await sleep(50);
    release();
    await Promise.all([page, fetched]);
    const f = await store.getFile(G(8));
    assert.deepEqual([f?.status, f?.version, f?.path], ['pending', 1, 'files/8.v1.txt'], 'the new state is queued and the fetched file is on record');
  });

  it('reads entities and listing pages in a fixed number of queries, whatever their size', async () => {
    const { db, store } = await fresh();
    const many = Array.from({ length: 60 }, (_, i) => zaak(i + 1, { refs: [{ name: 'kamerstukdossier', ref: G(900) }, { name: 'activiteit', ref: G(i) }] }));
    await store.applyPage('Zaak', many.map((entity) => ({ entity, enclosure: null })), null);
    const count = async (fn: () => Promise<unknown>) => {
      const q = db.q.bind(db);
      let n = 0;
      db.q = ((sql: string, params?: readonly unknown[]) => {
        n++;
        return q(sql, params);
      }) as typeof db.q;
      try {
        await fn();
      } finally {
        db.q = q;
      }
      return n;
    };
    assert.equal(await count(() => store.getEntities(many.map((e) => e.id))), 1);
    assert.equal(await count(() => store.getEntity(G(7))), 1);
    const small = await count(() => store.listOrdered({ category: 'Zaak', limit: 2 }));
    const large = await count(() => store.listOrdered({ category: 'Zaak', limit: 50 }));
    assert.equal(large, small);
    assert.equal(large, 2, 'the page, then the references of all its entities');
    const page = await store.listOrdered({ category: 'Zaak', limit: 50 });
    assert.deepEqual(page.items.map((e) => e.refs.length), Array(50).fill(2));
    // A page of any size is a fixed number of statements too.
    const writes = await count(() => store.applyPage('Zaak', many.map((entity) => ({ entity: { ...entity, updated: '2026-01-01T00:00:00Z' }, enclosure: `http://x/${entity.id}` })), at('2')));
    assert.ok(writes <= 12, `${writes} statements for a page of 60`);
  });

  it('answers exactly as SQLite on odd data: byte order, odd dates, repeated fields, paging both ways', async () => {
    const { store: pg } = await fresh();
    const lite = new SqliteTkStore(openDatabase(':memory:'));
    // A fixed pseudo-random sequence, so a failure reproduces.
    let state = 7;
    const rnd = (n: number) => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) % n);
    const pick = <T>(xs: readonly T[]) => xs[rnd(xs.length)]!;
    const days = ['2025-03-11T00:00:00', '2025-03-11', '2025-3-11', '2024-12-31T23:59:59+01:00', 'morgen', '', null, '2026-01-05', ['2025-01-01', '2026-01-01'], '9999-99-99x'];
    const words = ['Motie', 'motie', 'Émile', 'emile', 'Zaak', 'aap', 'Ärger', '_x%', 'Schriftelijke vragen', 'schriftelijke Vragen', null];
    const updates = ['2025-01-02T00:00:00Z', '2025-01-02T00:00:00.5Z', 'Z', 'a', 'é', '', null, '2024-12-31T23:59:59Z'];
    const acts: TkEntity[] = [];
    const zaken: TkEntity[] = [];
    const besluiten: TkEntity[] = [];
    for (let i = 0; i < 60; i++) acts.push({ id: G(1000 + rnd(90_000)), category: 'Activiteit', updated: pick(updates), deleted: false, fields: { datum: pick(days), soort: pick(words) }, refs: [] });
    for (let i = 0; i < 80; i++) {
      zaken.push({ id: G(200_000 + rnd(90_000)), category: 'Zaak', updated: pick(updates), deleted: false,
        fields: { nummer: pick(words), soort: pick(words), afgedaan: pick(['true', 'false', null]), tag: rnd(2) ? [pick(words) ?? 'x', pick(words) ?? 'y'] : pick(words), gestartOp: pick(days) },
        refs: [{ name: 'activiteit', ref: pick(acts).id }] });
    }
    for (let i = 0; i < 80; i++) {
      besluiten.push({ id: G(400_000 + rnd(90_000)), category: 'Besluit', updated: pick(updates), deleted: false, fields: { tekst: pick(words) },
        refs: rnd(4) ? [{ name: 'activiteit', ref: pick(acts).id }, { name: 'zaak', ref: pick(zaken).id }] : [{ name: 'zaak', ref: pick(zaken).id }] });
    }
    for (const s of [pg, lite] as TkStore[]) {
      for (const es of [acts, zaken, besluiten]) await s.applyPage(es[0]!.category, es.map((entity) => ({ entity, enclosure: null })), null);
    }
    const queries: TkListQuery[] = [
      { category: 'Zaak', limit: 7 },
      { category: 'Zaak', direction: 'asc', limit: 9 },
      { category: 'Zaak', order: 'day', limit: 6 },
      { category: 'Activiteit', order: 'day', from: '2025-01-01', to: '2026-01-01', limit: 4 },
      { category: 'Activiteit', order: 'day', dated: false, direction: 'asc', limit: 5 },
      { category: 'Zaak', where: [{ field: 'soort', value: 'motie', prefix: true }], limit: 5 },
      { category: 'Zaak', where: [{ field: 'tag', value: 'é', prefix: true, not: true }], limit: 8 },
      { category: 'Zaak', where: [{ field: 'tag', value: 'Motie' }], limit: 8 },
      { category: 'Zaak', where: [{ field: 'afgedaan', value: null }, { field: 'nummer', value: 'Zaak', not: true }], limit: 8 },
      { category: 'Zaak', where: [{ field: 'nummer', value: '_x', prefix: true }], limit: 8 },
      { category: 'Besluit', via: { refs: ['activiteit'], category: 'Activiteit' }, thenBy: { ref: 'zaak', field: 'nummer' }, limit: 11 },
      { category: 'Besluit', via: { refs: ['activiteit'], category: 'Activiteit' }, direction: 'asc', limit: 13 },
      { category: 'Activiteit', order: 'day', referredBy: { ref: 'activiteit', category: 'Zaak', where: [{ field: 'soort', value: 'Motie' }] }, limit: 5 },
      { category: 'Activiteit', referredBy: { ref: 'activiteit', category: 'Besluit', none: true }, limit: 5 },
    ];
    for (const q of queries) {
      const walkAll = async (s: TkStore) => {
        const out: string[][] = [];
        let after: string | undefined;
        for (let n = 0; n < 100; n++) {
          const page = await s.listOrdered({ ...q, ...(after ? { after } : {}) });
          out.push(page.items.map((e) => e.id), page.cursors);
          if (!page.more) break;
          after = page.cursors.at(-1)!;
        }
        out.push((await s.listOrdered({ ...q, offset: 3 })).items.map((e) => e.id));
        return out;
      };
      const got = await walkAll(pg);
      assert.ok(got[0]!.length > 0, `the data gives ${JSON.stringify(q)} something to list`);
      assert.deepEqual(got, await walkAll(lite), JSON.stringify(q));
      const { via: _v, thenBy: _t, direction: _d, limit: _l, ...count } = q;
      assert.deepEqual(await pg.countEntities(count), await lite.countEntities(count), `count ${JSON.stringify(q)}`);
    }
    for (const category of ['Zaak', 'Activiteit', 'Besluit']) {
      const fields = { category, fields: ['soort', 'tag', 'datum', 'afgedaan'], where: [{ field: 'soort', value: null, not: true }] };
      assert.deepEqual(await pg.listFields(fields), await lite.listFields(fields));
      assert.deepEqual(await pg.listEntities({ category, offset: 5, limit: 10 }), await lite.listEntities({ category, offset: 5, limit: 10 }));
    }
    assert.deepEqual(await pg.listEntities({ category: 'Zaak', field: 'tag', value: 'aap' }), await lite.listEntities({ category: 'Zaak', field: 'tag', value: 'aap' }));
    assert.deepEqual(await pg.countByCategory(), await lite.countByCategory());
    const someone = zaken[3]!.refs[0]!.ref;
    assert.deepEqual(await pg.refsTo(someone), await lite.refsTo(someone));
    assert.deepEqual(await pg.changesSince(0, await pg.changeHead()), await lite.changesSince(0, await lite.changeHead()));
  });

  it('ordered listings walk an index in order, without sorting', async () => {
    const { db, store } = await fresh();
    await db.q('ANALYZE');
    const every: TkListQuery[] = [
      ...TK_LATEST_CATEGORIES.map((category) => ({ category, limit: 10 })),
      ...Object.keys(TK_DAY_FIELDS).map((category) => ({ category, order: 'day' as const, limit: 10 })),
      { category: 'Besluit', direction: 'asc', limit: 10 },
      { category: 'Zaak', order: 'day', to: '2025-01-01', limit: 10 },
    ];
    // An empty table makes a sequential scan cheapest: forbid it, so the plan shows whether an
    // index matches the listing's expressions at all.
    await db.atomic(async (tx) => {
      const store = new PgTkStore(tx);
      await tx.q('SET LOCAL enable_seqscan = off');
      await tx.q('SET LOCAL enable_sort = off');
      for (const q of every) {
        const plan = (await store.explainOrdered(q)).join('\n');
        assert.match(plan, /Index (Only )?Scan( Backward)? using tk_\w+_by_(updated|day) on tk_entities/, `${JSON.stringify(q)}\n${plan}`);
        assert.doesNotMatch(plan, /Sort/, `${JSON.stringify(q)}\n${plan}`);
      }
      for (const [category, field, index] of [['Zaak', 'nummer', 'tk_zaak_by_nummer'], ['Zaak', 'soort', 'tk_zaak_by_soort'],
        ['Document', 'documentNummer', 'tk_document_by_nummer'], ['Kamerstukdossier', 'nummer', 'tk_kamerstukdossier_by_nummer'],
        ['Toezegging', 'naam', 'tk_toezegging_by_naam'], ['Persoon', 'achternaam', 'tk_persoon_by_achternaam'], ['Document', 'volgnummer', 'tk_document_by_volgnummer']] as const) {
        const plan = (await tx.rows<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT id FROM tk_entities e WHERE e.category = '${category}' AND (e.fields ->> '${field}') = $1`, ['x'])).map((r) => r['QUERY PLAN']).join('\n');
        assert.match(plan, new RegExp(`using ${index} `), `${category}.${field}\n${plan}`);
      }
    });
  });
});
