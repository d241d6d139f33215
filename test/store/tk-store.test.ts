/** Runs the TkStore conformance suite on SQLite, plus SQLite-specific checks (its plans and migrations). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TkEntity } from '../../src/domain/tk.js';
import { TK_DAY_FIELDS, TK_LATEST_CATEGORIES, type TkListQuery } from '../../src/store/tk-store.js';
import { SqliteStore, openDatabase } from '../../src/store/index.js';
import { SqliteTkStore } from '../../src/store/sqlite/tk-store.js';
import { TK_MIGRATIONS } from '../../src/store/sqlite/tk-migrations.js';
import { runTkStoreConformance } from './tk-store-conformance.js';

runTkStoreConformance('sqlite', async () => new SqliteTkStore(openDatabase(':memory:')));

it('sqlite: the tk tables live beside the document store, migrated once under their own namespace', async () => {
  const db = openDatabase(':memory:');
  const store = new SqliteStore(db);
  new SqliteTkStore(db);
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

it('sqlite: a reference filter with many references walks the day index instead', async () => {
  const store = new SqliteTkStore(openDatabase(':memory:'));
  const many = G(900_001);
  const acts = Array.from({ length: 2_600 }, (_, i) => entity('Activiteit', i, null, { datum: '2025-01-01' }, [['voortouwcommissie', many]]));
  await store.applyPage('Activiteit', acts.map((entity) => ({ entity, enclosure: null })), null);
  assert.match(store.explainOrdered({ category: 'Activiteit', order: 'day', refersTo: { ref: 'voortouwcommissie', id: many }, limit: 30 }).join(), /tk_activiteit_by_day/);
});
