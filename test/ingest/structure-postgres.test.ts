// Real documents imported with the structure store on PostgreSQL read back exactly as on SQLite: every listing, facet,
// thread and citation of the sample archive (data/sample), the answer-quality evaluation set, the parser's documents and
// the real files of test/fixtures/real, down to order and ties. One import writes both stores (the documents and search
// index stay on SQLite).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ANSWER_QUALITIES } from '../../src/domain/index.js';
import { importPaths } from '../../src/ingest/import.js';
import { openServices } from '../../src/main.js';
import type { PgDb } from '../../src/store/postgres/connection.js';
import { PgStructureStore } from '../../src/store/postgres/pg-structure-store.js';
import { DEADLINE_STATUSES, type StructureStore } from '../../src/store/structure-index.js';
import { freshPgDb, pgSkip } from '../helpers/pg.js';
import { SAMPLE_DIR } from '../helpers/world.js';
import { unitsWith } from '../helpers/units.js';

const PATHS = [SAMPLE_DIR, 'test/fixtures/parse/qa-eval', 'test/fixtures/parse/docs', 'test/fixtures/real'];
const TODAY = '2025-03-10';

/** Everything the pages can ask of the structure of `docIds`. */
async function readAll(structure: StructureStore, docIds: string[]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { docIds };
  const parties = await structure.parties();
  out.parties = parties;
  for (const p of parties) out[`party ${p.party}`] = [await structure.questions({ party: p.party.toLowerCase() }), await structure.answerQualities(p.party.toUpperCase())];
  out.questions = await structure.questions({});
  for (const quality of ANSWER_QUALITIES) out[`quality ${quality}`] = await structure.questions({ quality, offset: 1, limit: 5 });
  out.commitments = await structure.commitments({ today: TODAY });
  for (const status of DEADLINE_STATUSES) out[`status ${status}`] = await structure.commitments({ today: TODAY, status });
  const actors = await structure.commitmentActors();
  out.actors = actors;
  for (const a of actors) out[`actor ${a.actor}`] = await structure.commitments({ today: TODAY, actor: a.actor ?? 'kabinet', q: 'de' });
  const meetings = await structure.meetings();
  out.meetings = meetings;
  for (const m of meetings) out[`meeting ${m.key}`] = await structure.meeting(m.key);
  const keys = new Set<string>();
  for (const id of docIds) {
    const cites = await structure.citations(id);
    out[`citations ${id}`] = cites;
    out[`cited by ${id}`] = await structure.citedBy(id);
    out[`commitments of ${id}`] = await structure.commitments({ today: TODAY, docIds: [id] });
    for (const c of cites) if (c.key) keys.add(c.key);
  }
  for (const k of keys) out[`key ${k}`] = [await structure.documentsWithKey(k), await structure.citingKey(k)];
  for (const prefix of ['kamerstuk:', 'signer:', 'docnr:', 'council:', 'zaak:']) out[`prefix ${prefix}`] = await structure.documentsWithKeyPrefix(prefix, 500);
  return out;
}

describe('structure of real documents on PostgreSQL', { skip: pgSkip }, () => {
  const opened: PgDb[] = [];
  after(() => Promise.all(opened.map((db) => db.close())));

  it('reads back what SQLite reads back', async () => {
    const db = await freshPgDb();
    opened.push(db);
    const w = openServices(':memory:');
    const pg = await PgStructureStore.open(db);
    // The import writes each document's structure to SQLite's store and to PostgreSQL's.
    const both: StructureStore = Object.assign(Object.create(w.structure) as StructureStore, {
      put: async (...a: Parameters<StructureStore['put']>) => {
        await w.structure.put(...a);
        await pg.put(...a);
      },
      putMany: async (...a: Parameters<StructureStore['putMany']>) => {
        await w.structure.putMany(...a);
        await pg.putMany(...a);
      },
      remove: async (id: string) => {
        await w.structure.remove(id);
        await pg.remove(id);
      },
    });
    let sqlite: Record<string, unknown>;
    let postgres: Record<string, unknown>;
    try {
      // The unit is SQLite's, handing `both` as its structure store: PostgreSQL's half of each put runs
      // outside SQLite's transaction (what is compared is what was read back, not atomicity).
      await importPaths(PATHS, { units: unitsWith(w.units, { structure: both }), store: w.store, index: w.index, structure: both, tk: w.tk, vlos: w.vlos });
      const docIds = (await w.store.documentIds()).sort();
      sqlite = await readAll(w.structure, docIds);
      postgres = await readAll(pg, docIds);
    } finally {
      await w.close();
    }
    // Not an empty comparison: questions, commitments, meetings and resolved citations are there.
    assert.ok((sqlite.docIds as string[]).length >= 15, `${(sqlite.docIds as string[]).length} documents`);
    assert.ok((sqlite.questions as { total: number }).total > 20);
    assert.ok((sqlite.commitments as { total: number }).total > 5);
    assert.ok((sqlite.meetings as unknown[]).length > 0);
    assert.ok(Object.keys(sqlite).some((k) => k.startsWith('key ')));
    assert.deepEqual(Object.keys(postgres), Object.keys(sqlite));
    for (const k of Object.keys(sqlite)) assert.deepEqual(postgres[k], sqlite[k], k);
  });
});
