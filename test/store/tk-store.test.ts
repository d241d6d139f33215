/** Runs the TkStore conformance suite on SQLite, plus SQLite-specific checks. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
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
