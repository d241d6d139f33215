// The promise pass (src/ingest/promises.ts) with the structure and promise stores on PostgreSQL concludes exactly what it
// concludes on SQLite: the same pass results, and the same list, counts and register links, on the real VSO informele
// Telecomraad maart 2025 (data/sample), the later DFA letter and the small register of test/helpers/promises-world.ts,
// through an import, a reparse of the promise's document and the removal of the letter. The documents, the search index and
// the open data stay on SQLite: only the two stores under test change.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { importPaths } from '../../src/ingest/import.js';
import { refreshPromises, type PromiseDeps } from '../../src/ingest/promises.js';
import { openServices } from '../../src/main.js';
import type { PgDb } from '../../src/store/postgres/connection.js';
import { PgPromiseStore } from '../../src/store/postgres/pg-promise-store.js';
import { PgStructureStore } from '../../src/store/postgres/pg-structure-store.js';
import { freshPgDb, pgSkip } from '../helpers/pg.js';
import { putRegister } from '../helpers/promises-world.js';
import { SAMPLE, SAMPLE_DIR } from '../helpers/world.js';
import { unitsWith } from '../helpers/units.js';

const VSO = join(SAMPLE_DIR, `${SAMPLE.verslag}.txt`);
const LETTER = 'test/fixtures/parse/qa-eval/later/kamerbrief-dfa.txt';
const DAYS = ['2025-03-10', '2025-06-01', '2025-09-01'];

/** Runs the scenario on one backend and returns everything a page or the pass could read, step by step. */
async function scenario(pg: PgDb | null): Promise<unknown[]> {
  const w = openServices(':memory:');
  try {
    const structure = pg ? await PgStructureStore.open(pg) : w.structure;
    const promises = pg ? await PgPromiseStore.open(pg) : w.promises;
    const deps: PromiseDeps = { store: w.store, index: w.index, structure, promises, tk: w.tk };
    const seen: unknown[] = [];
    const look = async (step: string, pass: unknown) => {
      const lists = [];
      for (const today of DAYS) {
        lists.push(await promises.list({ today }), await promises.counts({ today }), await promises.list({ today, source: 'register', kept: 'fulfilled' }));
      }
      const commitments = await structure.commitments({ today: DAYS[2]! });
      seen.push({ step, pass, lists, commitments, actors: await structure.commitmentActors(), links: await promises.linksOf(commitments.items.map((c) => c.document.id)) });
    };
    // On PostgreSQL the unit is SQLite's with PostgreSQL's structure store in it: its rows are written outside
    // SQLite's transaction (as before units), which this test does not look at.
    await importPaths([VSO, LETTER], { units: unitsWith(w.units, { structure }), store: w.store, index: w.index, structure });
    await putRegister(w);
    await look('imported', await refreshPromises(deps));
    const doc = (await w.store.getDocument(SAMPLE.verslag))!;
    await structure.put(SAMPLE.verslag, { title: doc.title, kind: doc.kind, date: doc.date }, (await w.store.getVersion(SAMPLE.verslag))!.structure);
    await look('reparsed', await refreshPromises(deps));
    await structure.remove('kamerbrief-dfa');
    await look('letter removed', await refreshPromises(deps));
    await look('full pass', await refreshPromises(deps, { full: true }));
    return seen;
  } finally {
    await w.close();
  }
}

describe('the promise pass on PostgreSQL', { skip: pgSkip }, () => {
  const opened: PgDb[] = [];
  after(() => Promise.all(opened.map((db) => db.close())));

  it('concludes what it concludes on SQLite, step by step', async () => {
    const db = await freshPgDb();
    opened.push(db);
    const sqlite = await scenario(null);
    const postgres = await scenario(db);
    // The scenario is not empty: the pass linked the register and found the letter.
    const first = sqlite[0] as { pass: { linked: number; kept: number }; lists: { items: { kept: string }[] }[] };
    assert.equal(first.pass.linked, 1);
    assert.ok(first.lists[6]!.items.some((r) => r.kept === 'fulfilled'));
    assert.notDeepEqual((sqlite[2] as { lists: unknown }).lists, (sqlite[1] as { lists: unknown }).lists, 'removing the letter changes what is kept');
    assert.deepEqual(postgres, sqlite);
  });
});
