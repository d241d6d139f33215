/** Runs the TkStore conformance suite on SQLite, plus SQLite-specific checks. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tkText, type TkEntity } from '../../src/domain/tk.js';
import { TK_DAY_FIELDS, TK_LATEST_CATEGORIES, type TkListQuery } from '../../src/store/tk-store.js';
import { SqliteStore, openDatabase } from '../../src/store/index.js';
import { SqliteTkStore } from '../../src/store/sqlite/tk-store.js';
import { TK_MIGRATIONS } from '../../src/store/sqlite/tk-migrations.js';
import { runTkStoreConformance } from './tk-store-conformance.js';

runTkStoreConformance('sqlite', async () => new SqliteTkStore(openDatabase(':memory:')));

it('sqlite: the tk tables live beside the document store, migrated once under their own namespace', async () => {
  const db = openDatabase(':memory:');
  const store = new SqliteStore(db);
  new SqliteTkStore(db, { runExclusive: (fn) => store.transaction(fn) });
  new SqliteTkStore(db);
  const rows = db.prepare('SELECT namespace, version FROM schema_migrations ORDER BY namespace').all() as { namespace: string; version: number }[];
  assert.deepEqual(rows.find((r) => r.namespace === 'tk'), { namespace: 'tk', version: TK_MIGRATIONS.length });
  assert.ok(rows.some((r) => r.namespace === 'store'));
});

const G = (n: number) => `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`;
const entity = (category: string, n: number, updated: string | null, fields: TkEntity['fields'], refs: [string, string][] = []): TkEntity => ({
  id: G(n), category, updated, deleted: false, fields, refs: refs.map(([name, ref]) => ({ name, ref })),
});

describe('sqlite: ordered listings walk an index', () => {
  const store = new SqliteTkStore(openDatabase(':memory:'));
  const plan = (q: TkListQuery) => store.explainOrdered(q).join(' | ');
  const via = { refs: ['agendapunt', 'activiteit'], category: 'Activiteit' };

  it('in update and day order, forwards and backwards, ranged, without sorting', () => {
    const every: TkListQuery[] = [
      ...TK_LATEST_CATEGORIES.map((category) => ({ category, limit: 10 })),
      ...Object.keys(TK_DAY_FIELDS).map((category) => ({ category, order: 'day' as const, limit: 10 })),
    ];
    for (const q of [
      ...every,
      { category: 'Document', limit: 10 },
      { category: 'Besluit', direction: 'asc', limit: 10 },
      { category: 'Besluit', referredBy: { ref: 'besluit', category: 'Stemming' }, limit: 10 },
      { category: 'Activiteit', order: 'day', from: '2025-01-01', direction: 'asc', limit: 10 },
      { category: 'PersoonGeschenk', order: 'day', limit: 10 },
      { category: 'Zaak', order: 'day', to: '2025-01-01', limit: 10 },
    ] satisfies TkListQuery[]) {
      const p = plan(q);
      assert.match(p, /^SEARCH e USING (COVERING )?INDEX tk_\w+_by_(updated|day) \(category=\?/, JSON.stringify(q));
      assert.doesNotMatch(p, /TEMP B-TREE/, JSON.stringify(q));
    }
  });

  it('through reference paths from the target\'s day index, sorting only ties', () => {
    for (const q of [
      { category: 'Besluit', via, thenBy: { ref: 'zaak', field: 'nummer' }, limit: 10 },
      { category: 'Verslag', via: { refs: ['vergadering'], category: 'Vergadering' }, limit: 10 },
    ] satisfies TkListQuery[]) {
      const p = plan(q);
      assert.match(p, /^SEARCH a USING COVERING INDEX tk_\w+_by_day \(category=\?\) \| SEARCH v\d USING COVERING INDEX tk_refs_by_to/, JSON.stringify(q));
      assert.match(p, /USE TEMP B-TREE FOR LAST (2 TERMS|TERM) OF ORDER BY$/, 'only ties within one day are sorted');
    }
  });

  it('from a filter field\'s index or from few references, then sorted', () => {
    assert.match(plan({ category: 'Zaak', order: 'day', where: [{ field: 'soort', value: 'Schriftelijke vragen' }, { field: 'afgedaan', value: 'true', not: true }], limit: 10 }), /^SEARCH e USING INDEX tk_zaak_by_soort/);
    assert.match(plan({ category: 'Activiteit', order: 'day', refersTo: { ref: 'voortouwcommissie', id: G(1) }, limit: 10 }), /SEARCH tk_refs USING COVERING INDEX tk_refs_by_to/);
    assert.match(plan({ category: 'Stemming', via: { refs: ['besluit', ...via.refs], category: 'Activiteit' }, refersTo: { ref: 'fractie', id: G(1) }, limit: 10 }),
      /^CO-ROUTINE rf \| SEARCH tk_refs USING COVERING INDEX tk_refs_by_to .* SEARCH f0 USING PRIMARY KEY/);
  });

  it('lookups by number use their index', () => {
    const db = store.db;
    for (const [category, field] of [['Zaak', 'nummer'], ['Document', 'documentNummer'], ['Kamerstukdossier', 'nummer'], ['Toezegging', 'naam']] as const) {
      const p = db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM tk_entities e WHERE e.category = '${category}' AND json_extract(e.fields, '$."${field}"') = ?`).all('x') as { detail: string }[];
      assert.match(p.map((r) => r.detail).join(), new RegExp(`tk_${category.toLowerCase()}_by_`), `${category}.${field}`);
    }
  });
});

it('sqlite: a category far past the old 20,000-entity scan lists and pages correctly', async () => {
  const store = new SqliteTkStore(openDatabase(':memory:'));
  const n = 25_000;
  const day = (i: number) => new Date(Date.UTC(2000, 0, 1) + (i % 9_000) * 86_400_000).toISOString().slice(0, 10);
  for (let start = 0; start < n; start += 5_000) {
    const page = Array.from({ length: 5_000 }, (_, k) => {
      const i = start + k;
      return { entity: entity('Activiteit', i, `2020-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`, { datum: i % 1000 === 7 ? null : `${day(i)}T10:00:00` }), enclosure: null };
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

it('sqlite: a reference filter gives the same answer from the references or from the order index', async () => {
  const store = new SqliteTkStore(openDatabase(':memory:'));
  const many = G(900_001);
  const few = G(900_002);
  const acts = Array.from({ length: 2_600 }, (_, i) =>
    entity('Activiteit', i, null, { datum: `2025-01-${String((i % 28) + 1).padStart(2, '0')}` }, [['voortouwcommissie', i % 100 === 0 ? few : many]]));
  await store.applyPage('Activiteit', acts.map((entity) => ({ entity, enclosure: null })), null);
  const direct = (id: string) => acts.filter((a) => a.refs[0]!.ref === id)
    .sort((a, b) => String(b.fields['datum']).localeCompare(String(a.fields['datum'])) || a.id.localeCompare(b.id)).map((a) => a.id);
  for (const id of [few, many]) {
    const q: TkListQuery = { category: 'Activiteit', order: 'day', refersTo: { ref: 'voortouwcommissie', id }, limit: 30 };
    assert.deepEqual((await store.listOrdered(q)).items.map((e) => e.id), direct(id).slice(0, 30));
    const second = await store.listOrdered({ ...q, after: (await store.listOrdered(q)).cursors.at(-1)! });
    assert.deepEqual(second.items.map((e) => e.id), direct(id).slice(30, 60));
  }
  assert.match(store.explainOrdered({ category: 'Activiteit', order: 'day', refersTo: { ref: 'voortouwcommissie', id: many }, limit: 30 }).join(), /tk_activiteit_by_day/);
  // The same through a reference path: actors of a committee, by the day of their activity.
  const actors = acts.map((a, i) => entity('ActiviteitActor', 10_000 + i, null, {}, [['activiteit', a.id], ['commissie', a.refs[0]!.ref]]));
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
