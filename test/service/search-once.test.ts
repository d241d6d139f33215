/**
 * The search page reads what it needs once (issue 16): the engine tells per hit what it
 * matched only through a synonym, on the text it cut the snippet from, and the search for
 * the other result types takes the query's matches from the search just before it. Both
 * must answer exactly what reading the store again and evaluating again answered.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SearchHit } from '../../src/domain/index.js';
import { importPaths } from '../../src/ingest/import.js';
import { openServices, type Opened } from '../../src/main.js';
import { parseQuery } from '../../src/search/query.js';
import { SqliteSearchIndex } from '../../src/search/sqlite-index.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { otherResults, synonymMatchesOf } from '../../src/service/search-panel.js';
import { search } from '../../src/service/services.js';
import { SAMPLE, SAMPLE_DIR } from '../helpers/world.js';

/** The real Handelingen of a VAO: its turns, questions and commitments are results of other types. */
const HANDELINGEN = join(import.meta.dirname, '..', 'fixtures', 'real', 'nh-h-tk-20172018-70-3.xml');

const QUERIES = ['cybersecurity', 'Europese Commissie', 'EC lidstaten', 'NCSC', 'cyberbeveiliging', 'telecomraad OR cybersecurity', 'cybersecurity NOT telecomraad', 'digitale veiligheid', 'minister', 'de', '"de Europese Commissie"', 'informatie -europese', 'kabinet sort:date'];

const withoutVia = (hits: SearchHit[]): SearchHit[] => hits.map(({ viaSynonym: _v, ...h }) => h);

describe('the search page reads once', () => {
  let world: Opened;
  let store: SqliteStore;

  before(async () => {
    world = openServices(':memory:');
    await importPaths([SAMPLE_DIR, HANDELINGEN], { units: world.units, store: world.store, index: world.index, structure: world.structure });
    assert.ok(world.store instanceof SqliteStore);
    store = world.store;
  });
  after(async () => world.close());

  it('says per hit what it matched through a synonym exactly as reading the store again does', async () => {
    let judged = 0;
    let viaSynonym = 0;
    for (const q of QUERIES) {
      const query = parseQuery(q);
      const r = await world.index.search({ query, offset: 0, limit: 50, viaSynonym: true });
      const fromStore = await synonymMatchesOf(world.store, query, withoutVia(r.hits));
      r.hits.forEach((h, i) => {
        if (h.viaSynonym === undefined) return;
        judged++;
        viaSynonym += h.viaSynonym.length > 0 ? 1 : 0;
        assert.deepEqual(h.viaSynonym, fromStore[i], `${q}: ${h.id}`);
      });
      // Without the request, no hit carries it (the promise pass and the feed do not pay for it).
      const plain = await world.index.search({ query, offset: 0, limit: 50 });
      assert.ok(plain.hits.every((h) => h.viaSynonym === undefined), q);
    }
    assert.ok(judged >= 10, `the engine judged ${judged} hits`);
    assert.ok(viaSynonym > 0, 'some hit matched only through a synonym');
    // The sample's Raadsconclusies say cyberbeveiliging, never cybersecurity.
    const r = await search(world, { q: 'cybersecurity', page: 1, pageSize: 20 });
    assert.deepEqual(r.results.find((h) => h.id === SAMPLE.conclusies)?.viaSynonym, [{ typed: 'cybersecurity', matched: ['cyberbeveiliging'] }]);
  });

  it('finds the other types after a search exactly as a search of its own', async () => {
    let panels = 0;
    for (const q of QUERIES) {
      const query = parseQuery(q);
      const first = await world.index.search({ query, offset: 0, limit: 20 });
      const others = await otherResults(world.index, query, first.facets.type);
      // A fresh engine on the same database, wired as main.ts wires it: nothing kept from the search before.
      const engine = new SqliteSearchIndex(store.db, { documentTexts: async (ids) => store.currentTexts(ids) });
      const fresh = await otherResults(engine, query, first.facets.type);
      assert.deepEqual(others, fresh, q);
      if (others !== null && others.top.length > 0) panels++;
      // And the documents again after the other types: the same page.
      assert.deepEqual(await world.index.search({ query, offset: 0, limit: 20 }), first, q);
    }
    assert.ok(panels >= 2, `${panels} queries found other types`);
  });

  it('takes an estimate by structure from the search before, never one the deadline cut short', async () => {
    // verifyAll 1: a phrase of more candidates than one stays unverified, and an OR of such
    // phrases (an identifier's spellings) is an estimate whatever the time: kept for the panel.
    const engine = () => new SqliteSearchIndex(store.db, { verifyAll: 1, documentTexts: async (ids) => store.currentTexts(ids) });
    const kept = engine();
    let estimates = 0;
    for (const q of ['"de minister" OR "de Kamer"', '"Europese Commissie" OR "de lidstaten" OR cyberbeveiliging', 'kst-21501-33-1086']) {
      const query = parseQuery(q);
      const first = await kept.search({ query, offset: 0, limit: 20 });
      if (first.totalIsEstimate) estimates++;
      assert.deepEqual(await otherResults(kept, query, first.facets.type), await otherResults(engine(), query, first.facets.type), q);
    }
    assert.ok(estimates >= 2, `${estimates} of the searches were estimates by structure`);
    // Out of time after the first branch of an OR: the panel, given time, evaluates every branch.
    const query = parseQuery('minister OR kamer OR cyberbeveiliging OR lidstaten');
    const cut = await kept.search({ query, offset: 0, limit: 20, budgetMs: 0 });
    const whole = await engine().search({ query, offset: 0, limit: 20 });
    assert.ok(cut.total < whole.total, `the deadline cut the OR short (${cut.total} of ${whole.total})`);
    assert.deepEqual(await otherResults(kept, query, whole.facets.type), await otherResults(engine(), query, whole.facets.type));
  });
});
