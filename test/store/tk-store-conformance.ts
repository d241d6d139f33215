/**
 * The TkStore conformance suite: every implementation (SQLite, PostgreSQL) must pass it. Call it from an implementation's test file with a factory for an empty store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tkText, type TkEntity } from '../../src/domain/tk.js';
import type { TkEntryWrite, TkListQuery, TkStore } from '../../src/store/tk-store.js';

/** The feed these cursors belong to (cursors are kept per feed). */
const FEED = 'https://feed.example/SyncFeed/2.0';
const at = (skiptoken: string) => ({ origin: FEED, skiptoken });

const G = (n: number) => `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`;

function zaak(n: number, extra: Partial<TkEntity> = {}): TkEntity {
  return {
    id: G(n), category: 'Zaak', updated: '2025-03-03T12:00:00.000Z', deleted: false,
    fields: { nummer: `2025Z0${n}`, soort: 'Motie', afgedaan: 'false' }, refs: [{ name: 'kamerstukdossier', ref: G(900) }], ...extra,
  };
}
const entry = (entity: TkEntity, enclosure: string | null = null): TkEntryWrite => ({ entity, enclosure });

function ent(category: string, n: number, updated: string | null, fields: TkEntity['fields'] = {}, refs: [string, string][] = []): TkEntity {
  return { id: G(n), category, updated, deleted: false, fields, refs: refs.map(([name, ref]) => ({ name, ref })) };
}
const put = (s: TkStore, ...es: TkEntity[]) => s.applyPage(es[0]!.category, es.map((e) => entry(e)), null);
/** The position of `n` in a listing, as the test ids read. */
const N = (id: string) => Number(id.slice(-12));
const ids = (items: TkEntity[]) => items.map((e) => N(e.id));

/** Every item of a listing, page by page through `after`; also checks each page backwards. */
async function walk(s: TkStore, q: Omit<TkListQuery, 'limit' | 'after'>, limit: number): Promise<number[]> {
  const out: number[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await s.listOrdered({ ...q, limit, ...(after ? { after } : {}) });
    if (after && page.items.length) {
      // The page before this one, read backwards from its first item, is what came last.
      const back = await s.listOrdered({ ...q, direction: q.direction === 'asc' ? 'desc' : 'asc', limit, after: page.cursors[0]! });
      assert.deepEqual(ids(back.items).reverse(), out.slice(-back.items.length), 'a page back is the previous page');
      assert.equal(back.more, out.length > limit, 'and it knows whether more lie before');
    }
    out.push(...ids(page.items));
    assert.equal(page.cursors.length, page.items.length);
    if (!page.more) return out;
    after = page.cursors.at(-1)!;
  }
  throw new Error('listing did not end');
}

export function runTkStoreConformance(name: string, makeStore: () => Promise<TkStore>): void {
  describe(`TkStore conformance: ${name}`, () => {
    it('stores a page with its cursor and reads entities back exactly', async () => {
      const s = await makeStore();
      const e = zaak(1, { fields: { nummer: '2025Z03735', titel: null, zaak: ['a', 'b'] } });
      const r = await s.applyPage('Zaak', [entry(e)], at('37'));
      assert.deepEqual(r, { upserted: 1, deleted: 0, filesQueued: 0 });
      assert.deepEqual(await s.getEntity(G(1)), e);
      assert.equal(await s.getCursor('Zaak', FEED), '37');
      assert.equal(await s.getCursor('Document', FEED), null);
      assert.deepEqual(await s.listCursors(), [{ origin: FEED, category: 'Zaak', cursor: '37' }]);
      // Each feed keeps its own cursor: a skiptoken means nothing to another feed.
      assert.equal(await s.getCursor('Zaak', 'https://elders.example/feed'), null);
      await s.applyPage('Zaak', [], { origin: '/data/wereld', skiptoken: '5' });
      assert.equal(await s.getCursor('Zaak', '/data/wereld'), '5');
      assert.equal(await s.getCursor('Zaak', FEED), '37');
      assert.deepEqual(await s.listCursors(), [{ origin: '/data/wereld', category: 'Zaak', cursor: '5' }, { origin: FEED, category: 'Zaak', cursor: '37' }]);
      await s.dropCursor('Zaak', '/data/wereld');
      assert.equal(await s.getCursor('Zaak', '/data/wereld'), null);
      assert.equal(await s.getCursor('Zaak', FEED), '37');
    });

    it('reads many entities at once, with their references, by id', async () => {
      const s = await makeStore();
      const a = zaak(1, { refs: [{ name: 'activiteit', ref: G(6) }, { name: 'activiteit', ref: G(5) }, { name: 'activiteit', ref: G(6) }] });
      const b = zaak(2, { fields: { nummer: '2025Z02', tag: ['x', 'y'], leeg: null } });
      const c: TkEntity = { ...zaak(3), category: 'Document', file: { contentType: 'application/pdf', contentLength: 12 } };
      await s.applyPage('Zaak', [entry(a), entry(b)], null);
      await s.applyPage('Document', [entry(c)], null);
      const got = await s.getEntities([G(3), G(1).toUpperCase(), G(404), G(1), G(2)]);
      assert.deepEqual([...got.keys()].sort(), [G(1), G(2), G(3)]);
      assert.deepEqual(got.get(G(1)), a);
      assert.deepEqual(got.get(G(2)), b);
      assert.deepEqual(got.get(G(3)), c);
      assert.equal((await s.getEntities([])).size, 0);
      assert.deepEqual(await s.getEntity(G(1).toUpperCase()), a);
    });

    it('logs every insert, change and delete of an entity once, and a re-sent unchanged entity not at all', async () => {
      const s = await makeStore();
      assert.equal(await s.changeHead(), 0);
      await s.applyPage('Zaak', [entry(zaak(1)), entry(zaak(2))], at('1'));
      const h1 = await s.changeHead();
      assert.equal(h1, 2);
      let rows = await s.changesSince(0, h1);
      assert.deepEqual(rows.map((r) => [r.id, r.category, r.deleted, r.firstSeq === r.seq]), [[G(1), 'Zaak', false, true], [G(2), 'Zaak', false, true]]);
      await s.applyPage('Zaak', [entry(zaak(1)), entry(zaak(2))], at('2'));
      assert.equal(await s.changeHead(), h1);
      await s.applyPage('Zaak', [entry(zaak(1, { updated: '2025-04-01T00:00:00.000Z' }))], at('3'));
      await s.applyPage('Zaak', [entry({ ...zaak(2), deleted: true })], at('4'));
      await s.applyPage('Document', [entry({ ...zaak(3), category: 'Document' }), entry({ ...zaak(404), deleted: true })], at('5'));
      const h2 = await s.changeHead();
      assert.equal(h2, 5, 'the tombstone of an entity never stored logs nothing');
      rows = await s.changesSince(h1, h2);
      assert.deepEqual(rows.map((r) => [N(r.id), r.seq, r.updated, r.deleted, r.firstSeq]), [
        [1, 3, '2025-04-01T00:00:00.000Z', false, 1],
        [2, 4, '2025-03-03T12:00:00.000Z', true, 2],
        [3, 5, '2025-03-03T12:00:00.000Z', false, 5],
      ]);
      // One row per entity, its latest change in the range; and only the asked categories.
      await s.applyPage('Zaak', [entry(zaak(1, { fields: { nummer: 'x' } })), entry(zaak(1, { fields: { nummer: 'y' } }))], at('6'));
      rows = await s.changesSince(h1, await s.changeHead());
      assert.deepEqual(rows.map((r) => [N(r.id), r.seq]), [[2, 4], [3, 5], [1, 7]]);
      assert.deepEqual((await s.changesSince(0, await s.changeHead(), ['Document'])).map((r) => N(r.id)), [3]);
      assert.deepEqual(await s.changesSince(2, 2), []);
    });

    it('upserts by id: a re-sent entity replaces fields and references', async () => {
      const s = await makeStore();
      await s.applyPage('Zaak', [entry(zaak(1))], at('1'));
      const changed = zaak(1, { fields: { nummer: '2025Z01', afgedaan: 'true' }, refs: [{ name: 'activiteit', ref: G(5) }, { name: 'activiteit', ref: G(6) }] });
      await s.applyPage('Zaak', [entry(changed)], at('9'));
      assert.deepEqual(await s.getEntity(G(1)), changed);
      assert.deepEqual(await s.refsTo(G(900)), []);
      assert.equal((await s.listEntities({ category: 'Zaak' })).total, 1);
    });

    it('answers references in both directions, with the category at the other end', async () => {
      const s = await makeStore();
      const dossier: TkEntity = { id: G(900), category: 'Kamerstukdossier', updated: null, deleted: false, fields: { nummer: '21501' }, refs: [] };
      await s.applyPage('Kamerstukdossier', [entry(dossier)], at('1'));
      await s.applyPage('Zaak', [entry(zaak(1)), entry(zaak(2))], at('3'));
      assert.deepEqual(await s.refsFrom(G(1)), [{ fromId: G(1), name: 'kamerstukdossier', toId: G(900), otherCategory: 'Kamerstukdossier' }]);
      const to = await s.refsTo(G(900));
      assert.deepEqual(to.map((r) => [r.fromId, r.otherCategory]), [[G(1), 'Zaak'], [G(2), 'Zaak']]);
      assert.equal((await s.refsTo(G(900), 'zaak')).length, 0);
    });

    it('answers references to many ids at once, each as refsTo answers it', async () => {
      const s = await makeStore();
      const dossier: TkEntity = { id: G(900), category: 'Kamerstukdossier', updated: null, deleted: false, fields: { nummer: '21501' }, refs: [] };
      await s.applyPage('Kamerstukdossier', [entry(dossier)], at('1'));
      // Zaken 1 and 2 refer to the dossier; zaak 3 (its own references only) to zaak 1, twice.
      await s.applyPage('Zaak', [entry(zaak(2)), entry(zaak(1)), entry(zaak(3, { refs: [{ name: 'vervangen', ref: G(1) }, { name: 'gerelateerd', ref: G(1) }] }))], at('3'));
      const many = await s.refsToMany([G(900).toUpperCase(), G(1), G(404), G(900)]);
      assert.deepEqual([...many.keys()].sort(), [G(1), G(900)]);
      assert.deepEqual(many.get(G(900)), await s.refsTo(G(900)));
      assert.deepEqual(many.get(G(1)), await s.refsTo(G(1)));
      assert.deepEqual(many.get(G(1))!.map((r) => r.name), ['gerelateerd', 'vervangen']);
      const named = await s.refsToMany([G(900), G(1)], 'vervangen');
      assert.deepEqual([...named.keys()], [G(1)]);
      assert.deepEqual(named.get(G(1)), await s.refsTo(G(1), 'vervangen'));
      assert.equal((await s.refsToMany([])).size, 0);
    });

    it('a tombstone deletes the entity, its outgoing references and its file record', async () => {
      const s = await makeStore();
      await s.applyPage('Zaak', [entry(zaak(1), 'http://x/Resources/1')], at('1'));
      const r = await s.applyPage('Zaak', [entry({ ...zaak(1), deleted: true, fields: {}, refs: [] })], at('2'));
      assert.equal(r.deleted, 1);
      assert.equal(await s.getEntity(G(1)), null);
      assert.deepEqual(await s.refsTo(G(900)), []);
      assert.equal(await s.getFile(G(1)), null);
      // A tombstone for an entity never seen is harmless.
      await s.applyPage('Zaak', [entry({ ...zaak(2), deleted: true })], at('3'));
      assert.equal(await s.getCursor('Zaak', FEED), '3');
    });

    it('a failing page stores nothing, not even its cursor', async () => {
      const s = await makeStore();
      await s.applyPage('Zaak', [entry(zaak(1))], at('1'));
      await assert.rejects(s.applyPage('Zaak', [entry(zaak(2)), entry({ ...zaak(3), id: '' })], at('5')));
      assert.equal(await s.getEntity(G(2)), null);
      assert.equal(await s.getCursor('Zaak', FEED), '1');
    });

    it('lists a category paged by id and filtered by a field, repeated fields included', async () => {
      const s = await makeStore();
      const many = [1, 2, 3, 4, 5].map((n) => zaak(n, { fields: { soort: n % 2 ? 'Motie' : 'Amendement', tag: ['x', `y${n}`] } }));
      await s.applyPage('Zaak', many.map((e) => entry(e)), at('5'));
      const page = await s.listEntities({ category: 'Zaak', offset: 1, limit: 2 });
      assert.equal(page.total, 5);
      assert.deepEqual(page.items.map((e) => e.id), [G(2), G(3)]);
      const moties = await s.listEntities({ category: 'Zaak', field: 'soort', value: 'Motie' });
      assert.deepEqual(moties.items.map((e) => e.id), [G(1), G(3), G(5)]);
      assert.deepEqual((await s.listEntities({ category: 'Zaak', field: 'tag', value: 'y4' })).items.map((e) => e.id), [G(4)]);
      assert.deepEqual(await s.countByCategory(), [{ category: 'Zaak', count: 5 }]);
    });

    it('lists by update time, newest first with ties by id, asc as the exact reverse, undated last', async () => {
      const s = await makeStore();
      await put(s, ent('Zaak', 1, '2025-01-02T00:00:00Z'), ent('Zaak', 2, '2025-03-01T00:00:00Z'), ent('Zaak', 3, '2025-01-02T00:00:00Z'),
        ent('Zaak', 4, null), ent('Zaak', 5, '2024-12-31T23:59:59Z'), ent('Zaak', 6, '2025-03-01T00:00:00Z'));
      await put(s, ent('Document', 7, '2030-01-01T00:00:00Z'));
      const desc = [2, 6, 1, 3, 5, 4];
      assert.deepEqual(ids((await s.listOrdered({ category: 'Zaak', limit: 10 })).items), desc);
      assert.deepEqual(ids((await s.listOrdered({ category: 'Zaak', direction: 'asc', limit: 10 })).items), [...desc].reverse());
      for (const limit of [1, 2, 4, 6]) assert.deepEqual(await walk(s, { category: 'Zaak' }, limit), desc, `pages of ${limit}`);
      assert.deepEqual(await walk(s, { category: 'Zaak', direction: 'asc' }, 4), [...desc].reverse());
      const range = { category: 'Zaak', from: '2025-01-01', to: '2025-03-01' };
      assert.deepEqual(ids((await s.listOrdered({ ...range, limit: 10 })).items), [1, 3]);
      assert.deepEqual(ids((await s.listOrdered({ category: 'Zaak', dated: false, limit: 10 })).items), [4]);
      const page = await s.listOrdered({ category: 'Zaak', limit: 2, offset: 3 });
      assert.deepEqual([ids(page.items), page.more], [[3, 5], true]);
      assert.deepEqual(ids((await s.listOrdered({ category: 'Zaak', limit: 2, offset: 1, after: page.cursors[0]! })).items), [4], 'offset counts from after');
      assert.equal((await s.listOrdered({ category: 'Zaak', limit: 5, offset: 10 })).items.length, 0);
    });

    it('lists dated categories by day (the date part of their day field), undated last, with ranges', async () => {
      const s = await makeStore();
      const act = (n: number, datum: string | null, extra: TkEntity['fields'] = {}) => ent('Activiteit', n, '2025-01-01T00:00:00Z', { datum, ...extra });
      await put(s, act(1, '2025-03-11T00:00:00+01:00'), act(2, '2025-03-10T23:00:00'), act(3, null), act(4, '2025-03-11T09:30:00'),
        act(5, 'morgen'), act(6, '2026-01-05'), ent('Activiteit', 7, null, {}));
      assert.deepEqual(ids((await s.listOrdered({ category: 'Activiteit', order: 'day', limit: 10 })).items), [6, 1, 4, 2, 3, 5, 7]);
      assert.deepEqual(await walk(s, { category: 'Activiteit', order: 'day' }, 3), [6, 1, 4, 2, 3, 5, 7]);
      const from = await s.listOrdered({ category: 'Activiteit', order: 'day', direction: 'asc', from: '2025-03-11', limit: 10 });
      assert.deepEqual(ids(from.items), [4, 1, 6], 'a day range, oldest first (ties reversed too)');
      assert.deepEqual(ids((await s.listOrdered({ category: 'Activiteit', order: 'day', to: '2025-03-11', dated: true, limit: 10 })).items), [2]);
      assert.deepEqual(ids((await s.listOrdered({ category: 'Activiteit', order: 'day', dated: false, limit: 10 })).items), [3, 5, 7]);
      assert.deepEqual(await s.countEntities({ category: 'Activiteit', order: 'day', from: '2025-03-11' }), { count: 3, exact: true });
      assert.deepEqual(await s.countEntities({ category: 'Activiteit', order: 'day', dated: false }), { count: 3, exact: true });
      await assert.rejects(s.listOrdered({ category: 'Stemming', order: 'day', limit: 1 }), /day/);
    });

    it('filters on fields: equal (any value when repeated), not equal, absent; indexed fields alike', async () => {
      const s = await makeStore();
      const z = (n: number, fields: TkEntity['fields']) => ent('Zaak', n, `2025-01-0${n}T00:00:00Z`, fields);
      await put(s, z(1, { soort: 'Schriftelijke vragen', afgedaan: 'false', tag: ['a', 'b'] }), z(2, { soort: 'Schriftelijke vragen', afgedaan: 'true' }),
        z(3, { soort: 'Motie', afgedaan: 'false', tag: 'b' }), z(4, { soort: 'Schriftelijke vragen' }), z(5, { soort: 'Schriftelijke vragen', afgedaan: null }));
      const q = async (where: TkListQuery['where']) => ids((await s.listOrdered({ category: 'Zaak', where, limit: 10 })).items);
      const vragen = { field: 'soort', value: 'Schriftelijke vragen' };
      assert.deepEqual(await q([vragen]), [5, 4, 2, 1]);
      assert.deepEqual(await q([vragen, { field: 'afgedaan', value: 'true', not: true }]), [5, 4, 1]);
      assert.deepEqual(await q([{ field: 'afgedaan', value: null }]), [5, 4]);
      assert.deepEqual(await q([{ field: 'afgedaan', value: null, not: true }]), [3, 2, 1]);
      assert.deepEqual(await q([{ field: 'tag', value: 'b' }]), [3, 1]);
      assert.deepEqual(await q([{ field: 'tag', value: 'a', not: true }]), [5, 4, 3, 2]);
      assert.deepEqual(await q([{ field: 'tag', value: null }]), [5, 4, 2]);
      assert.deepEqual(await s.countEntities({ category: 'Zaak', where: [vragen, { field: 'afgedaan', value: 'true', not: true }] }), { count: 3, exact: true });
      assert.deepEqual(await s.countEntities({ category: 'Zaak', where: [vragen] }, 2), { count: 2, exact: false });
      assert.deepEqual(await s.countEntities({ category: 'Zaak', where: [vragen] }, 4), { count: 4, exact: true });
      assert.deepEqual((await s.listEntities({ category: 'Zaak', field: 'soort', value: 'Motie' })).items.map((e) => N(e.id)), [3]);
      assert.deepEqual(await q([{ field: 'soort', value: 'schriftelijke', prefix: true }]), [5, 4, 2, 1], 'a prefix, case aside');
      assert.deepEqual(await q([{ field: 'soort', value: 'Schriftelijke', prefix: true, not: true }]), [3]);
      assert.deepEqual(await q([{ field: 'tag', value: 'B', prefix: true }]), [3, 1]);
      assert.deepEqual(await q([{ field: 'soort', value: 'Schrift_', prefix: true }]), [], 'wildcards in the value are literal');
    });

    it('filters on references: to an entity, and from entities of a category', async () => {
      const s = await makeStore();
      const c = 900;
      await put(s, ...[1, 2, 3, 4].map((n) => ent('Activiteit', n, null, { datum: `2025-0${n}-01` }, n % 2 ? [['voortouwcommissie', G(c)]] : [])));
      await put(s, ent('Stemming', 10, null, {}, [['besluit', G(2)]]), ent('Zaak', 11, null, {}, [['activiteit', G(4)]]));
      assert.deepEqual(ids((await s.listOrdered({ category: 'Activiteit', order: 'day', refersTo: { ref: 'voortouwcommissie', id: G(c) }, limit: 10 })).items), [3, 1]);
      assert.deepEqual(ids((await s.listOrdered({ category: 'Activiteit', referredBy: { ref: 'besluit', category: 'Stemming' }, limit: 10 })).items), [2]);
      assert.deepEqual(ids((await s.listOrdered({ category: 'Activiteit', referredBy: { ref: 'activiteit', category: 'Stemming' }, limit: 10 })).items), []);
      assert.equal((await s.countEntities({ category: 'Activiteit', refersTo: { ref: 'voortouwcommissie', id: G(c) } })).count, 2);
      assert.equal((await s.countEntities({ category: 'Activiteit', referredBy: { ref: 'activiteit', category: 'Zaak' } })).count, 1);
      await put(s, ent('Document', 12, null, { soort: 'Antwoord schriftelijke vragen' }, [['activiteit', G(1)]]), ent('Document', 13, null, { soort: 'Brief' }, [['activiteit', G(3)]]));
      const answered = { ref: 'activiteit', category: 'Document', where: [{ field: 'soort', value: 'antwoord', prefix: true }] };
      assert.deepEqual(ids((await s.listOrdered({ category: 'Activiteit', order: 'day', referredBy: answered, limit: 10 })).items), [1]);
      assert.deepEqual(ids((await s.listOrdered({ category: 'Activiteit', order: 'day', referredBy: { ...answered, none: true }, limit: 10 })).items), [4, 3, 2]);
      assert.equal((await s.countEntities({ category: 'Activiteit', referredBy: { ...answered, none: true } })).count, 3);
    });

    it('orders by the day of the entity a reference path leads to, then by a referenced field; the unreached last', async () => {
      const s = await makeStore();
      // Activities 1..3; agendapunten 11..14; decisions 21..27; zaken 31..33.
      await put(s, ent('Activiteit', 1, null, { datum: '2025-03-11T00:00:00' }), ent('Activiteit', 2, null, { datum: '2025-03-11T00:00:00' }),
        ent('Activiteit', 3, null, { datum: '2025-04-01T00:00:00' }), ent('Activiteit', 4, null, { datum: null }));
      await put(s, ent('Agendapunt', 11, null, {}, [['activiteit', G(1)]]), ent('Agendapunt', 12, null, {}, [['activiteit', G(2)]]),
        ent('Agendapunt', 13, null, {}, [['activiteit', G(3)]]), ent('Agendapunt', 14, null, {}, [['activiteit', G(4)]]),
        ent('Agendapunt', 15, null, {}, [['activiteit', G(99)]]));
      await put(s, ent('Zaak', 31, null, { nummer: '2025Z00300' }), ent('Zaak', 32, null, { nummer: '2025Z00100' }), ent('Zaak', 33, null, { nummer: '2025Z00200' }));
      const b = (n: number, updated: string | null, refs: [string, string][]) => ent('Besluit', n, updated, {}, refs);
      await put(s,
        b(21, '2025-05-01T00:00:00Z', [['agendapunt', G(11)], ['zaak', G(31)]]),
        b(22, '2025-01-01T00:00:00Z', [['agendapunt', G(12)], ['zaak', G(32)]]),
        b(23, null, [['agendapunt', G(11)], ['zaak', G(33)]]),
        b(24, '2025-01-01T00:00:00Z', [['agendapunt', G(13)]]),
        b(25, '2025-02-01T00:00:00Z', [['agendapunt', G(15)]]),
        b(26, '2025-06-01T00:00:00Z', []),
        b(27, null, [['agendapunt', G(14)], ['zaak', G(31)]]),
      );
      await put(s, ent('Stemming', 40, null, {}, [['besluit', G(22)]]), ent('Stemming', 41, null, {}, [['besluit', G(26)]]), ent('Stemming', 42, null, {}, [['besluit', G(22)]]));
      const q = { category: 'Besluit', via: { refs: ['agendapunt', 'activiteit'], category: 'Activiteit' }, thenBy: { ref: 'zaak', field: 'nummer' } };
      // 24 (april), then 11 March by zaak number (22: Z100, 23: Z200, 21: Z300), 27 (undated activity),
      // then those reaching no activity by update time (26 newest, 25).
      const all = [24, 22, 23, 21, 27, 26, 25];
      assert.deepEqual(ids((await s.listOrdered({ ...q, limit: 20 })).items), all);
      for (const limit of [1, 2, 3, 5]) assert.deepEqual(await walk(s, q, limit), all, `pages of ${limit}`);
      assert.deepEqual(await walk(s, { ...q, direction: 'asc' }, 2), [...all].reverse());
      for (const offset of [0, 3, 4, 5, 6, 7, 9]) {
        assert.deepEqual(ids((await s.listOrdered({ ...q, limit: 2, offset })).items), all.slice(offset, offset + 2), `offset ${offset}`);
      }
      assert.deepEqual(ids((await s.listOrdered({ ...q, from: '2025-03-11', to: '2025-04-01', limit: 20 })).items), [22, 23, 21], 'a range leaves out the unreached');
      assert.deepEqual(ids((await s.listOrdered({ ...q, referredBy: { ref: 'besluit', category: 'Stemming' }, limit: 20 })).items), [22, 26]);
      assert.deepEqual(ids((await s.listOrdered({ category: 'Besluit', via: q.via, limit: 20 })).items).slice(1, 4), [21, 22, 23], 'without thenBy, ties by id');
      // Votes of one party, by the day of the activity their decision was taken in.
      await put(s, ent('Stemming', 43, null, {}, [['besluit', G(24)], ['fractie', G(50)]]), ent('Stemming', 44, null, {}, [['besluit', G(21)], ['fractie', G(50)]]),
        ent('Stemming', 45, null, {}, [['besluit', G(25)], ['fractie', G(50)]]), ent('Stemming', 46, null, {}, [['besluit', G(23)], ['fractie', G(51)]]));
      const votes = { category: 'Stemming', via: { refs: ['besluit', ...q.via.refs], category: 'Activiteit' }, refersTo: { ref: 'fractie', id: G(50) } };
      assert.deepEqual(await walk(s, votes, 1), [43, 44, 45]);
      assert.deepEqual(ids((await s.listOrdered({ ...votes, to: '2025-04-01', limit: 10 })).items), [44]);
    });

    it('rejects a cursor that is not one, in the one error shape', async () => {
      const s = await makeStore();
      await put(s, ent('Zaak', 1, null));
      for (const after of ['nonsense!', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["x","a","b"]').toString('base64url'), 'e30']) {
        await assert.rejects(s.listOrdered({ category: 'Zaak', limit: 1, after }), (e: any) => e.code === 'BAD_REQUEST' && e.context.field === 'after', after);
      }
      const viaCursor = (await s.listOrdered({ category: 'Zaak', via: { refs: ['x'], category: 'Activiteit' }, limit: 1 })).cursors[0]!;
      await assert.rejects(s.listOrdered({ category: 'Zaak', limit: 1, after: viaCursor }), (e: any) => e.code === 'BAD_REQUEST');
    });

    it('reads a few fields of a whole category, repeated and nil ones as they are', async () => {
      const s = await makeStore();
      await put(s, ent('Persoon', 2, '2025-01-01T00:00:00Z', { achternaam: 'Kathmann', roepnaam: 'Barbara', functie: null }, [['x', G(9)]]),
        ent('Persoon', 1, null, { achternaam: 'Six Dijkstra', tag: ['a', 'b'], 'periode.van': '2023' }));
      await put(s, ent('Fractie', 3, null, { achternaam: 'niet' }));
      assert.deepEqual(await s.listFields({ category: 'Persoon', fields: ['achternaam', 'functie', 'tag', 'periode.van'] }), [
        { id: G(1), updated: null, fields: { achternaam: 'Six Dijkstra', tag: ['a', 'b'], 'periode.van': '2023' } },
        { id: G(2), updated: '2025-01-01T00:00:00Z', fields: { achternaam: 'Kathmann', functie: null } },
      ]);
      assert.deepEqual((await s.listFields({ category: 'Persoon', fields: [], where: [{ field: 'tag', value: 'b' }] })).map((r) => r.id), [G(1)]);
    });

    it('counts stay right across changes', async () => {
      const s = await makeStore();
      await put(s, ent('Zaak', 1, null), ent('Zaak', 2, null));
      assert.deepEqual(await s.countEntities({ category: 'Zaak' }), { count: 2, exact: true });
      assert.deepEqual(await s.countByCategory(), [{ category: 'Zaak', count: 2 }]);
      await put(s, ent('Zaak', 3, null));
      await s.applyPage('Zaak', [entry({ ...ent('Zaak', 1, null), deleted: true })], null);
      await put(s, ent('Document', 4, null));
      assert.deepEqual(await s.countEntities({ category: 'Zaak' }), { count: 2, exact: true });
      assert.deepEqual(await s.countByCategory(), [{ category: 'Document', count: 1 }, { category: 'Zaak', count: 2 }]);
      assert.equal((await s.listEntities({ category: 'Zaak' })).total, 2);
    });

    it('queues files with the page, keeps them queued until fetched, and requeues only on change', async () => {
      const s = await makeStore();
      const doc: TkEntity = { ...zaak(7), category: 'Document', file: { contentType: 'application/pdf', contentLength: 10 } };
      const r = await s.applyPage('Document', [entry(doc, 'http://x/Resources/7')], at('7'));
      assert.equal(r.filesQueued, 1);
      let f = await s.getFile(G(7));
      assert.equal(f?.status, 'pending');
      assert.equal(f?.version, 0);
      assert.deepEqual((await s.filesToFetch(10)).map((x) => x.entityId), [G(7)]);

      await s.recordFileFailed(G(7), 'missing', 'HTTP 404');
      f = await s.getFile(G(7));
      assert.deepEqual([f?.status, f?.attempts, f?.lastError], ['missing', 1, 'HTTP 404']);
      assert.equal((await s.filesToFetch(10)).length, 1);

      await s.recordFileFetched(G(7), doc.updated, { version: 1, contentHash: 'h1', byteCount: 10, path: 'files/a.v1.pdf' });
      f = await s.getFile(G(7));
      assert.deepEqual([f?.status, f?.version, f?.contentHash, f?.attempts, f?.lastError], ['ok', 1, 'h1', 0, null]);
      assert.equal((await s.filesToFetch(10)).length, 0);

      // The same state re-sent: nothing to fetch. A newer state: queued again, old file kept.
      assert.equal((await s.applyPage('Document', [entry(doc, 'http://x/Resources/7')], at('8'))).filesQueued, 0);
      assert.equal((await s.getFile(G(7)))?.status, 'ok');
      await s.applyPage('Document', [entry({ ...doc, updated: '2025-04-01T00:00:00.000Z' }, 'http://x/Resources/7')], at('9'));
      f = await s.getFile(G(7));
      assert.deepEqual([f?.status, f?.version, f?.path], ['pending', 1, 'files/a.v1.pdf']);
      // Many at once: each as getFile answers it; entities without a file are absent.
      await s.applyPage('Document', [entry({ ...doc, id: G(9) }, 'http://x/Resources/9')], at('10'));
      const many = await s.getFiles([G(7).toUpperCase(), G(9), G(404), G(7)]);
      assert.deepEqual([...many.keys()].sort(), [G(7), G(9)]);
      assert.deepEqual(many.get(G(7)), await s.getFile(G(7)));
      assert.deepEqual(many.get(G(9)), await s.getFile(G(9)));
      assert.equal((await s.getFiles([])).size, 0);
    });

    it('a download of an older state does not mark a re-sent entity fetched', async () => {
      const s = await makeStore();
      const doc: TkEntity = { ...zaak(8), category: 'Document', file: { contentType: 'text/plain', contentLength: 3 } };
      await s.applyPage('Document', [entry(doc, 'http://x/Resources/8')], at('1'));
      await s.applyPage('Document', [entry({ ...doc, updated: '2026-01-01T00:00:00.000Z' }, 'http://x/Resources/8')], at('2'));
      await s.recordFileFetched(G(8), doc.updated, { version: 1, contentHash: 'h', byteCount: 3, path: 'p' });
      const f = await s.getFile(G(8));
      assert.deepEqual([f?.status, f?.version], ['pending', 1]);
    });

    it('lists and pages a category far past the old 20,000-entity scan correctly', async () => {
      const store = await makeStore();
      const n = 25_000;
      const day = (i: number) => new Date(Date.UTC(2000, 0, 1) + (i % 9_000) * 86_400_000).toISOString().slice(0, 10);
      for (let start = 0; start < n; start += 5_000) {
        const page = Array.from({ length: 5_000 }, (_, k) => {
          const i = start + k;
          return { entity: ent('Activiteit', i, `2020-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`, { datum: i % 1000 === 7 ? null : `${day(i)}T10:00:00` }), enclosure: null };
        });
        await store.applyPage('Activiteit', page, null);
      }
      assert.deepEqual(await store.countEntities({ category: 'Activiteit' }), { count: n, exact: true });
      assert.deepEqual(await store.countEntities({ category: 'Activiteit' }, 20_000), { count: 20_000, exact: false });
      // The newest day holds 2 activities (i and i + 9,000 share a day when both exist).
      const newest = await store.listOrdered({ category: 'Activiteit', order: 'day', limit: 3 });
      assert.deepEqual(newest.items.map((e) => tkText(e, 'datum')?.slice(0, 10)), [day(8_999), day(8_999), day(8_998)]);
      // Page far in by cursor and by offset: the same items.
      let after: string | undefined;
      const seen = new Set<string>();
      let last = '9999';
      for (let p = 0; p < 230; p++) {
        const page = await store.listOrdered({ category: 'Activiteit', order: 'day', limit: 100, ...(after ? { after } : {}) });
        for (const e of page.items) {
          const d = tkText(e, 'datum')?.slice(0, 10) ?? '';
          assert.ok(d <= last, 'days never go up');
          last = d;
          seen.add(e.id);
        }
        after = page.cursors.at(-1);
      }
      assert.equal(seen.size, 23_000);
      const byOffset = await store.listOrdered({ category: 'Activiteit', order: 'day', limit: 100, offset: 22_900 });
      const byCursor = await store.listOrdered({ category: 'Activiteit', order: 'day', limit: 100, after: (await store.listOrdered({ category: 'Activiteit', order: 'day', limit: 1, offset: 22_899 })).cursors[0]! });
      assert.deepEqual(byOffset.items.map((e) => e.id), byCursor.items.map((e) => e.id));
      const undated = await store.listOrdered({ category: 'Activiteit', order: 'day', dated: false, limit: 100 });
      assert.equal(undated.items.length, 25, 'every undated one, wherever its id falls');
      assert.equal((await store.listOrdered({ category: 'Activiteit', order: 'day', limit: 100, offset: n - 10 })).items.length, 10, 'the very last ones are reachable');
    });

    it('a reference filter gives the same answer from the references or from the order index', async () => {
      const store = await makeStore();
      const many = G(900_001);
      const few = G(900_002);
      const acts = Array.from({ length: 2_600 }, (_, i) =>
        ent('Activiteit', i, null, { datum: `2025-01-${String((i % 28) + 1).padStart(2, '0')}` }, [['voortouwcommissie', i % 100 === 0 ? few : many]]));
      await store.applyPage('Activiteit', acts.map((entity) => ({ entity, enclosure: null })), null);
      const direct = (id: string) => acts.filter((a) => a.refs[0]!.ref === id)
        .sort((a, b) => String(b.fields['datum']).localeCompare(String(a.fields['datum'])) || a.id.localeCompare(b.id)).map((a) => a.id);
      for (const id of [few, many]) {
        const q: TkListQuery = { category: 'Activiteit', order: 'day', refersTo: { ref: 'voortouwcommissie', id }, limit: 30 };
        assert.deepEqual((await store.listOrdered(q)).items.map((e) => e.id), direct(id).slice(0, 30));
        const second = await store.listOrdered({ ...q, after: (await store.listOrdered(q)).cursors.at(-1)! });
        assert.deepEqual(second.items.map((e) => e.id), direct(id).slice(30, 60));
      }
      // The same through a reference path: actors of a committee, by the day of their activity.
      const actors = acts.map((a, i) => ent('ActiviteitActor', 10_000 + i, null, {}, [['activiteit', a.id], ['commissie', a.refs[0]!.ref]]));
      await store.applyPage('ActiviteitActor', actors.map((entity) => ({ entity, enclosure: null })), null);
      for (const id of [few, many]) {
        const q: TkListQuery = { category: 'ActiviteitActor', via: { refs: ['activiteit'], category: 'Activiteit' }, refersTo: { ref: 'commissie', id }, limit: 40 };
        const first = await store.listOrdered(q);
        const second = await store.listOrdered({ ...q, after: first.cursors.at(-1)! });
        const actIds = [...first.items, ...second.items].map((e) => e.refs[0]!.ref);
        const days = actIds.map((a) => acts.find((x) => x.id === a)!.fields['datum'] as string);
        assert.deepEqual(days, [...days].sort().reverse(), 'newest activity first');
        assert.equal(new Set(actIds).size, Math.min(80, direct(id).length));
        assert.ok(actIds.every((a) => direct(id).includes(a)));
      }
    });
  });
}
